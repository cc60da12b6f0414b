// The work behind opening files in the GUI, run off the GUI thread: load and validate the
// inventories, resolve residency, evaluate the policy packs. The result is a value the window
// applies in one step (or shows the errors of), so a failed load changes nothing.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "inventory.h"
#include "policyfacts.h"
#include "policyrule.h"
#include "policytypes.h"
#include "residency.h"

#include <QDate>
#include <QStringList>

#include <memory>
#include <vector>

namespace atlas {

struct Analysis
{
    bool ok = false;
    QStringList files;
    Diagnostics diagnostics;                 // errors when !ok, warnings otherwise
    std::shared_ptr<const Inventory> inventory;
    std::vector<WorkloadResidency> residency;
    std::vector<Finding> findings;
    // The map is built from these (in the background too): the facts point into the
    // inventory and the rules' symbol table, so all three are shared and kept alive together.
    std::shared_ptr<const RuleSet> rules;
    std::shared_ptr<const PolicyFacts> facts;
};

Analysis analyse(const QStringList &files, const Catalog &catalog, const QDate &asOf);

} // namespace atlas
