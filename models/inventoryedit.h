// Edits of an inventory as values: add, change or remove one site, dataset, workload, flow,
// access entry or waiver. An edit applies to a copy: the result is again a valid inventory —
// linked, indexed, checked by the same validation as a load (inventoryvalidation.h), so an edit
// and a file with the same content get the same messages — or the errors, with the input
// untouched. Each applied edit records who made it, when and with which command (provenance,
// inventory.h) and returns what undoing it needs, down to the order of every list.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "inventory.h"

#include <array>
#include <expected>
#include <variant>
#include <vector>

namespace atlas {

enum class EditOperation : std::uint8_t { Add, Change, Remove };
QString editOperationName(EditOperation operation);

// An entity of any kind; the alternatives are in EntityKind's order.
using EntityValue = std::variant<Site, Dataset, Workload, Flow, Access, Waiver>;
inline EntityKind kindOf(const EntityValue &value) { return EntityKind(value.index()); }

struct InventoryEdit
{
    EditOperation operation = EditOperation::Add;
    EntityKind kind = EntityKind::Dataset;
    // Change and Remove: the entity's id before the edit (a rename is a change whose value has
    // another id). Waivers have no id: `waiver` is their position in Inventory::waivers.
    QString id;
    std::size_t waiver = 0;
    // Add and Change: the entity as it is to be (of `kind`). Its `present` mask (fields::) says
    // which fields are set, as a file's would; a field whose value shows it — a non-empty
    // string or list, an engaged optional, a valid date, an enum other than its default —
    // counts as set anyway, and an empty one as absent. A flow without an id gets the
    // contract's default "<from>--<to>". Positions are replaced by the edit's provenance.
    EntityValue value;
    // Remove: what refers to the entity goes too — flows from or to a removed workload, access
    // entries to it, waivers of anything removed — and a removed dataset is dropped from holds,
    // carries and datasets lists (a flow or access entry left with none is removed). Without
    // it, removing something referred to is refused with the list of its referrers. Removing a
    // site never cascades: workloads located there must be moved first. An entity kept with a
    // shorter list is the edit's (its `source`); its fields keep the positions of their text.
    bool cascade = false;
};

// Something that names an entity: which one, by which field, where.
struct Referrer
{
    EntityKind kind = EntityKind::Workload;
    std::size_t index = 0; // in its kind's list of the inventory it was found in
    QString id;            // a waiver's rule (waivers have no id)
    QString field;         // "from", "to", "holds", "carries", "datasets", "subject", "location", "keys"
    SourceRef at;          // where the reference is written

    QString label() const; // "flow 'x'", "waiver RES-007"
};

// What names the `kind` entity `id`, in inventory order (kinds as in EntityKind).
std::vector<Referrer> referrersOf(const Inventory &inventory, EntityKind kind, const QString &id);

// One change to one entity list, enough to put it back.
struct EditStep
{
    enum class Type : std::uint8_t { Inserted, Removed, Replaced };
    Type type = Type::Inserted;
    EntityKind kind = EntityKind::Dataset;
    std::size_t index = 0;
    EntityValue previous;       // Removed, Replaced: the entity as it was, positions and links included
    SourceRef previousIdSource; // and where its id was written
};

struct EditUndo
{
    std::vector<EditStep> steps; // in the order applied; reverted in reverse
    qsizetype filesBefore = 0;   // the file table, edit records and id positions before
    std::size_t editsBefore = 0;
    std::array<std::size_t, 5> idPositionsBefore{}; // sites, datasets, workloads, flows, access
};

struct EditOutcome
{
    Inventory inventory;  // validated, linked, indexed
    Diagnostics warnings; // of the whole edited inventory, as a load of it would give
    EditUndo undo;
    // Remove with cascade: the entities removed with the target, and those kept with the
    // target dropped from a list (indexes into the input inventory).
    std::vector<Referrer> cascadeRemoved;
    std::vector<Referrer> cascadeChanged;
};

// Applies `edit` to a copy of `inventory`; the input is never changed. On failure, only the
// errors, sorted: those of the edited value at the edit (its entry in the file table, line 0),
// those it causes elsewhere (a rename leaves references dangling) where those are written, a
// refused removal at the entity's own position. An input that does not validate accepts no
// edit.
std::expected<EditOutcome, Diagnostics> applyEdit(const Inventory &inventory, const InventoryEdit &edit,
                                                  const Catalog &catalog, const EditProvenance &provenance);

// The inventory before the edit that gave `undo`, exactly: entities, their order, positions
// and links, the file table and the edit records. `edited` is that edit's result (an undo stack
// reverts in reverse order); `catalog` is the one the edit was checked with.
Inventory revertEdit(const Inventory &edited, const EditUndo &undo, const Catalog &catalog);

} // namespace atlas
