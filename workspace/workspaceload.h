// A workspace as an input of any command: the inventory of one of its snapshots validated and
// linked as a file's would be (the same checks, the same messages), the import history behind
// it as the import report, and the policy packs and catalog overrides it keeps.
#pragma once

#include "catalog.h"
#include "importreport.h"
#include "inventoryimporter.h"
#include "workspace.h"

namespace atlas::workspace {

struct WorkspaceInput
{
    WorkspaceRef ref;
    std::unique_ptr<Workspace> workspace;
    QList<StoredText> packs;     // active ones
    QList<StoredText> overrides; // active ones
};

// One diagnostic for a workspace error (the file named once).
Diagnostic toDiagnostic(const Error &error, const QString &file);

std::expected<WorkspaceInput, Diagnostics> openWorkspaceInput(const WorkspaceRef &ref);
// The snapshot's inventory, validated against `catalog`; every error of it, or warnings.
std::expected<LoadedInventory, Diagnostics> loadWorkspaceInventory(WorkspaceInput &input, const Catalog &catalog,
                                                                   const LoadOptions &options);
// The same in one call (open, read, validate).
std::expected<LoadedInventory, Diagnostics> loadWorkspace(const WorkspaceRef &ref, const Catalog &catalog,
                                                          const LoadOptions &options = {});
// "estate.ratlas" or "estate.ratlas@3", as messages name it.
QString refName(const WorkspaceRef &ref);

} // namespace atlas::workspace
