// What a check could not see (policy-rules.md, revision 2 "Coverage"): workloads of unknown
// residency, data stores holding no declared dataset, datasets without an origin, origins whose
// transfer regime the catalog lacks, and for cloud exports the resources the import skipped and
// the assumptions it made. Zero findings with gaps is an incomplete pass, never a bare PASS.
#pragma once

#include "policyfacts.h"

#include <QString>
#include <QStringList>

namespace atlas {

struct Coverage
{
    int workloads = 0;                 // none at all: nothing was checked
    QStringList unknownResidency;      // workloads holding or receiving data, location unresolved
    QStringList unclassifiedStores;    // data-store workloads holding no declared dataset
    QStringList datasetsWithoutOrigin; // non-public datasets whose origin does not resolve
    QStringList uncataloguedOrigins;   // origin jurisdictions of non-public data with no regime
    int exports = 0;                   // cloud exports among the inputs
    int importSkipped = 0;             // resources of those exports that became no workload
    int importAssumptions = 0;         // assumptions their import made

    // One kind of gap: "22 data stores hold no declared dataset", and whom it is about.
    struct Gap
    {
        QString text;
        QStringList subjects; // workload or dataset ids, jurisdictions; empty for counts
    };
    // Every gap, in a fixed order.
    QList<Gap> gapList() const;
    QStringList gaps() const;     // their texts
    bool isComplete() const { return gapList().isEmpty(); }
};

// The inventory's own gaps; the import's counts are added by whoever has the import report.
Coverage computeCoverage(const PolicyFacts &facts);

} // namespace atlas
