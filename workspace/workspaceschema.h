// The workspace's schema (docs/workspace-format.md): its version, the statements that create
// each version from the one before, and the objects a file of the current version holds — what
// an opened file is checked against before anything of it is trusted. The SQL is portable
// (SQLite and PostgreSQL both run it); what only SQLite knows lives in workspacesqlite.cpp.
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace atlas::workspace {

// Version 1: snapshots, entities, sources, imports, packs, catalog overrides, settings, the
// audit log. Version 2: kept scenarios and pinned map positions. Version 3: the optional fields
// of inventory revision 2b (datasets.training_basis, workloads.geo_redundant, flows and access
// notified and assessed), added as nullable columns at the end of their tables.
inline constexpr int SchemaVersion = 3;

// The application id written into meta: a file without it is not a workspace.
inline constexpr char ApplicationId[] = "residency-atlas-workspace";

// The statements that take a database of version `to - 1` to version `to` (1 creates it).
QStringList migrationStatements(int to);

// A table or index the current version holds, with the columns of a table in order.
struct SchemaObject
{
    QString type; // "table" or "index"
    QString name;
    QStringList columns; // tables only
};
std::vector<SchemaObject> expectedObjects(int version = SchemaVersion);

// The indexes of the current version: (name, CREATE statement). A new workspace is filled
// without them and indexed once at the end (a sort instead of 10^6 inserts into each).
QList<std::pair<QString, QString>> indexStatements();

// The entity tables, in EntityKind order (sites, datasets, workloads, flows, access, waivers).
const QStringList &entityTables();

} // namespace atlas::workspace
