// What changed between two inventories, entity by entity and field by field: the inventory part
// of `residency-atlas diff A B` (analysis/snapshotdiff.h adds the findings). Entities are matched
// by their key within their kind (entityfields.h: the id, a waiver's "RULE@subject"), so a
// rename is a removal and an addition; fields are compared by their canonical text, so only
// what a written file would show differently is a change (positions and links are not).
// Linear: what is in step is compared by position, only the rest goes through a key index
// (10^6 flows: ~0.2 s in step, ~0.5 s all out of place; docs/performance.md).
#pragma once

#include "entityfields.h"
#include "inventory.h"
#include "inventoryedit.h"

#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace atlas {

enum class DiffOperation : std::uint8_t { Added, Removed, Changed };
// "added", "removed", "changed"
QString diffOperationName(DiffOperation operation);

// One field that differs: its canonical text on each side, nullopt where it is absent.
struct FieldChange
{
    QString name; // the format's name ("retention_days"; "organisation", "as_of" at top level)
    std::optional<QString> before;
    std::optional<QString> after;

    friend bool operator==(const FieldChange &, const FieldChange &) = default;
};

struct EntityChange
{
    EntityKind kind = EntityKind::Dataset;
    DiffOperation operation = DiffOperation::Added;
    QString key;
    // Added and Changed: the entity as it is in `after`; Removed: as it was in `before`.
    EntityValue entity;
    // Changed: each field that differs, in the format's order (never empty). Added and Removed:
    // empty (the entity's fields are entityFields(entity)).
    QList<FieldChange> fields;
};

struct InventoryDiff
{
    // Top-level fields that differ: `organisation`, `as_of`.
    QList<FieldChange> topLevel;
    // By kind in EntityKind order, then by key (QString order, locale-independent); a key that
    // occurs more than once on one side (two waivers of one rule and subject) is matched by
    // occurrence, and what is left over is added or removed.
    std::vector<EntityChange> entities;

    bool isEmpty() const { return topLevel.isEmpty() && entities.empty(); }
    qsizetype count(DiffOperation operation) const;
    qsizetype count(EntityKind kind, DiffOperation operation) const;
};

InventoryDiff diffInventories(const Inventory &before, const Inventory &after);

// The fields that differ between two field lists of one kind, in the format's order.
QList<FieldChange> diffFields(EntityKind kind, const QList<EntityField> &before, const QList<EntityField> &after);

} // namespace atlas
