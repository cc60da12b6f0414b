// One entity as one row of its table and back: the content columns of each kind (the bookkeeping
// columns — snapshots, order, where written — are the store's), a digest of the content that
// tells a changed entity from an unchanged one, and the key an entity is matched by across
// snapshots (its id; for a waiver, rule@subject and its occurrence). Lists of ids are written one
// per line, sets of names comma-separated, tags as JSON: a workspace can be read with any SQL
// client. Field positions inside an entity are not kept: a reference read back points at its
// entity's position.
#pragma once

#include "inventory.h"
#include "workspacerows.h"

#include <QByteArray>
#include <QStringList>
#include <QVariantList>

namespace atlas::workspace {

// The content columns of `kind`'s table, in table order.
const QStringList &contentColumns(EntityKind kind);
int entityCount(const Inventory &inventory, EntityKind kind);

// The content of the `index`-th entity of `kind`, one value per content column.
QVariantList entityValues(const Inventory &inventory, EntityKind kind, std::size_t index);
// Its field-presence mask and where it was written.
FieldMask entityPresent(const Inventory &inventory, EntityKind kind, std::size_t index);
SourceRef entitySource(const Inventory &inventory, EntityKind kind, std::size_t index);
// The keys of every entity of `kind`, in list order (waivers: "RULE@subject", "#2" on repeats).
QStringList entityKeys(const Inventory &inventory, EntityKind kind);
// A stable digest of an entity row's `values` — its present mask, then its content columns —
// (hex, 32 characters). Columns added after schema version 2 count only when set, so the rows
// of an older workspace keep their digests after a migration: an unchanged entity is not
// rewritten by the next save, and `audit verify` accepts what version 2 wrote.
QString contentDigest(EntityKind kind, const QVariantList &values);
// `values` as a JSON object of column → value: the audit log's before and after.
QString valuesJson(EntityKind kind, const QVariantList &values);

// Appends the entity in the cursor's current row to `inventory`; its content columns start at
// `first`. `present` and `source` are the row's. False (with `error`) when a value is not one
// the format knows.
bool appendEntity(Inventory &inventory, EntityKind kind, const RowCursor &row, int first, FieldMask present,
                  const SourceRef &source, QString &error);

} // namespace atlas::workspace
