#include "residency.h"

#include "inventory.h"

#include <QHash>

namespace atlas {

OperatorFacts operatorFacts(const Catalog &catalog, const QString &operatorId,
                            const QString &operatorHq, const ResolvedLocation &location)
{
    OperatorFacts facts;
    QString id = operatorId;
    if (id.isEmpty() && !operatorHq.isEmpty()) {
        // A vendor the catalog does not know, headquartered in operator_hq.
        facts.id = QStringLiteral("vendor:") + operatorHq;
        facts.name = QStringLiteral("vendor headquartered in ") + operatorHq;
        facts.hqCountry = operatorHq;
        facts.hqJurisdiction = catalog.jurisdictionOf(operatorHq);
        facts.known = !facts.hqJurisdiction.isEmpty();
    } else {
        if (id.isEmpty())
            id = location.operatorId;
        facts.id = id;
        if (id == u"self") {
            facts.name = QStringLiteral("self");
            facts.hqCountry = location.country;
            facts.hqJurisdiction = location.jurisdiction;
            facts.known = true;
            return facts; // self is never extraterritorial
        }
        if (const Operator *op = catalog.findOperator(id)) {
            facts.name = op->name;
            facts.hqCountry = op->hqCountry;
            facts.hqJurisdiction = catalog.jurisdictionOf(op->hqCountry);
            facts.known = true;
            if (const ExtraterritorialLaw *law =
                    catalog.extraterritorialLaw(op->hqCountry, op->parentCountry)) {
                facts.extraterritorial = true;
                facts.law = law->name;
                facts.lawJurisdiction = law->jurisdiction;
            }
            return facts;
        }
        facts.name = id;
        return facts; // unknown operator: facts unknown
    }
    if (const ExtraterritorialLaw *law = catalog.extraterritorialLaw(facts.hqCountry)) {
        facts.extraterritorial = true;
        facts.law = law->name;
        facts.lawJurisdiction = law->jurisdiction;
    }
    return facts;
}

std::vector<WorkloadResidency> resolveResidency(const Catalog &catalog, const Inventory &inventory)
{
    std::vector<WorkloadResidency> rows;
    rows.reserve(inventory.workloads.size());
    // Thousands of workloads share a handful of locations: resolve each reference once.
    QHash<QString, ResolvedLocation> resolved;
    for (const Workload &w : inventory.workloads) {
        WorkloadResidency row;
        auto it = resolved.constFind(w.location);
        if (it == resolved.cend())
            it = resolved.insert(w.location, resolveLocation(catalog, w.location, &inventory));
        row.location = *it;
        row.operatorFacts = operatorFacts(catalog, w.operatorId, w.operatorHq, row.location);
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace atlas
