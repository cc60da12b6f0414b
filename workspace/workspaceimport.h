// `import FILE... --out estate.ratlas`: the imported inventory becomes a new snapshot of the
// workspace (created when it does not exist), with each file's size, SHA-256, format and counts
// in the import history and one audit record. What was edited in the workspace is never lost
// to an import: an entity whose current version was written by an edit stays as edited, and an
// entity created by an edit stays. Nothing is written unless all of it is.
#pragma once

#include "catalog.h"
#include "inventoryimporter.h"
#include "workspace.h"

namespace atlas::workspace {

struct ImportOutcome
{
    CommitResult commit;
    bool created = false;
    int keptEdits = 0; // entities kept as edited in the workspace
};

std::expected<ImportOutcome, Diagnostics> importIntoWorkspace(const QString &path, const LoadedInventory &loaded,
                                                              const QStringList &files, const Catalog &catalog,
                                                              const QString &user = {});

// Creates `path` from `inventory` as its first snapshot, atomically: written beside it under a
// temporary name and renamed into place only when complete.
std::expected<CommitResult, Error> createWorkspace(const QString &path, const Inventory &inventory, const CommitInfo &info);

// SHA-256 of a file, hex; empty when it cannot be read.
QString fileSha256(const QString &path);

} // namespace atlas::workspace
