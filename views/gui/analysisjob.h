// The work behind opening and importing files in the GUI, run off the GUI thread: load and
// validate the inventories (or import cloud exports), resolve residency, evaluate the policy
// packs. The result is a value the window applies in one step (or shows the errors of), so a
// failed or cancelled load changes nothing.
#pragma once

#include "catalog.h"
#include "coverage.h"
#include "diagnostic.h"
#include "importreport.h"
#include "inventory.h"
#include "inventoryimporter.h"
#include "policyfacts.h"
#include "policyrule.h"
#include "policytypes.h"
#include "residency.h"

#include <QDate>
#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

namespace atlas {

struct Analysis
{
    bool ok = false;
    bool cancelled = false; // ImportProgress::cancel was set; nothing changes
    QStringList files;
    Diagnostics diagnostics; // errors when !ok, warnings otherwise
    ImportReport report;     // per input: format, counts; skipped, assumed
    std::shared_ptr<const Inventory> inventory;
    std::vector<WorkloadResidency> residency;
    std::vector<Finding> findings;
    Coverage coverage;       // what the check could not see
    // The map is built from these (in the background too): the facts point into the
    // inventory and the rules' symbol table, so all three are shared and kept alive together.
    std::shared_ptr<const RuleSet> rules;
    std::shared_ptr<const PolicyFacts> facts;
};

// One request to the window's background analysis (File → Open, drops, File → Import).
struct AnalysisRequest
{
    QStringList files;
    LoadOptions options;                      // options.progress, if set, points into `progress`
    std::shared_ptr<ImportProgress> progress; // kept alive until the job has ended
    // Called on the GUI thread once the window has applied the outcome (or listed its errors);
    // a superseded request gets `cancelled`. The window has taken findings and residency.
    std::function<void(const Analysis &)> finished;
};

Analysis analyse(const QStringList &files, const Catalog &catalog, const QDate &asOf,
                 const LoadOptions &options = {});

} // namespace atlas
