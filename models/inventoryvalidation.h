// Whole-inventory validation and reference linking (inventory-format.md, "Validation"):
// required fields, duplicate ids, references between entities with "did you mean", catalog
// facts and unknown-region warnings. The model owns these checks so that they run after a load
// (the file merger calls them) and after every edit (inventoryedit.h) and say the same thing,
// at the same positions, either way.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "inventory.h"

#include <functional>
#include <optional>

namespace atlas {

struct ValidationOptions
{
    // The merger finds duplicate ids while it merges (where an overlay's repeated id is not
    // one) and turns this off. Otherwise ids are checked here: entities from files first, in
    // the loader's order (sites, datasets, workloads, flows, access), then entities from edits,
    // so that the later occurrence — the one reported — is the edited one.
    bool checkDuplicateIds = true;
    // The kind of the entity an id names first, when the caller already has that table (the
    // merger); otherwise it is built here, and only when there are waivers to check.
    std::function<std::optional<EntityKind>(const QString &id)> kindOf;
};

// Checks `inventory` and links its references on the way, in one pass per kind
// (DatasetRef::index, Flow::fromIndex/toIndex, Access::toIndex). Appends errors and warnings
// to `diagnostics` in the loader's order; the inventory is valid when none is an error. The
// id index must be current (Inventory::buildIndex).
void validateInventory(Inventory &inventory, const Catalog &catalog, Diagnostics &diagnostics,
                       const ValidationOptions &options = {});

// The format's id syntax, [a-z0-9][a-z0-9._-]*, and the messages shared with the readers, so
// that a file and an edit cannot drift apart.
bool isValidId(const QString &id);
QString invalidIdMessage(const QString &id);
QString duplicateIdMessage(const Inventory &inventory, const QString &id, EntityKind firstKind,
                           const SourceRef &first);
QString bothOperatorsMessage();

} // namespace atlas
