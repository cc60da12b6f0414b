// What changed between two analyses: the inventory diff (models/inventorydiff.h) and the findings
// opened and closed, by finding identity (findingKey: rule, subject, dataset). This is what
// `residency-atlas diff A B` prints and what the workspace shows between two snapshots; the
// renderings are views/render/diffreport.h's.
#pragma once

#include "analysis.h"
#include "inventorydiff.h"
#include "policytypes.h"

#include <vector>

namespace atlas {

// A finding present on one side only, with what a reader needs to recognise it.
struct DiffFinding
{
    FindingKey key; // rule, subject kind, subject id, dataset
    RuleSeverity severity = RuleSeverity::Info;
    FindingStatus status = FindingStatus::Open; // on the side it is on
    QString title;
    QString message;
};

struct DiffCounts
{
    qsizetype added = 0, removed = 0, changed = 0; // entities, all kinds
    qsizetype opened = 0, closed = 0;              // findings
};

struct SnapshotDiff
{
    InventoryDiff inventory;
    // By key. A finding on both sides is neither, whatever its status: a waiver that now waives
    // it shows as the waiver added to the inventory, and the finding keeps its identity.
    std::vector<DiffFinding> opened; // in `after` only
    std::vector<DiffFinding> closed; // in `before` only
    DiffCounts counts;

    bool isEmpty() const { return inventory.isEmpty() && opened.empty() && closed.empty(); }
};

// Both snapshots must own an inventory (any depth); their findings are compared as they are (at
// depth Residency there are none).
SnapshotDiff diffSnapshots(const AnalysisSnapshot &before, const AnalysisSnapshot &after);

} // namespace atlas
