// Residency of every workload: where it is (location → provider, region, country,
// jurisdiction) and who runs it (operator, its home jurisdiction, the extraterritorial law that
// reaches it). Computed once per inventory; the `inventory` command, the GUI table and the
// policy engine read the same rows.
#pragma once

#include "catalog.h"
#include "location.h"

#include <vector>

namespace atlas {

struct Inventory;

struct OperatorFacts
{
    QString id;                  // catalog operator id, "self", or "vendor:XX" for operator_hq
    QString name;
    QString hqCountry;
    QString hqJurisdiction;      // empty = unknown
    bool known = false;          // false: an operator id the catalog does not list
    bool extraterritorial = false;
    QString law;                 // the extraterritorial law that reaches it
    QString lawJurisdiction;     // whose law that is (a parent's home, not always the HQ's)
};

struct WorkloadResidency
{
    ResolvedLocation location;
    OperatorFacts operatorFacts;
};

OperatorFacts operatorFacts(const Catalog &catalog, const QString &operatorId,
                            const QString &operatorHq, const ResolvedLocation &location);

// One row per workload, in inventory order.
std::vector<WorkloadResidency> resolveResidency(const Catalog &catalog, const Inventory &inventory);

} // namespace atlas
