#include "coverage.h"

#include <QSet>

namespace atlas {

QList<Coverage::Gap> Coverage::gapList() const
{
    QList<Gap> out;
    if (workloads == 0)
        out << Gap{QStringLiteral("the inputs hold no workloads, so nothing was checked"), {}};
    auto add = [&](qsizetype n, const QString &one, const QString &many, const QStringList &subjects = {}) {
        if (n > 0)
            out << Gap{n == 1 ? one : many.arg(n), subjects};
    };
    add(unknownResidency.size(), QStringLiteral("1 workload with data has unknown residency"),
        QStringLiteral("%1 workloads with data have unknown residency"), unknownResidency);
    add(unclassifiedStores.size(), QStringLiteral("1 data store holds no declared dataset"),
        QStringLiteral("%1 data stores hold no declared dataset"), unclassifiedStores);
    add(datasetsWithoutOrigin.size(), QStringLiteral("1 dataset has no known origin"),
        QStringLiteral("%1 datasets have no known origin"), datasetsWithoutOrigin);
    if (!uncataloguedOrigins.isEmpty())
        out << Gap{QStringLiteral("transfer rules of %1 not catalogued").arg(uncataloguedOrigins.join(u", ")), {}};
    add(importSkipped, QStringLiteral("1 resource skipped by the import"), QStringLiteral("%1 resources skipped by the import"));
    add(importAssumptions, QStringLiteral("1 import assumption"), QStringLiteral("%1 import assumptions"));
    return out;
}

QStringList Coverage::gaps() const
{
    QStringList out;
    for (const Gap &g : gapList())
        out << g.text;
    return out;
}

Coverage computeCoverage(const PolicyFacts &facts)
{
    Coverage c;
    const Inventory &inv = *facts.inventory;
    c.workloads = int(inv.workloads.size());
    for (std::size_t i = 0; i < inv.workloads.size(); ++i) {
        const WorkloadFacts &wf = facts.workloads[i];
        if (!wf.jurisdiction && wf.carriesData)
            c.unknownResidency << inv.workloads[i].id;
        if (wf.unclassifiedStore)
            c.unclassifiedStores << inv.workloads[i].id;
    }
    QSet<QString> uncatalogued;
    for (std::size_t i = 0; i < inv.datasets.size(); ++i) {
        const Dataset &d = inv.datasets[i];
        const DatasetFacts &df = facts.datasets[i];
        if (d.classification == Classification::Public)
            continue;
        if (!df.origin)
            c.datasetsWithoutOrigin << d.id;
        else if (df.originRegime == std::uint8_t(TransferRegime::NotCatalogued))
            uncatalogued.insert(facts.symbols.name(df.origin));
    }
    c.uncataloguedOrigins = QStringList(uncatalogued.begin(), uncatalogued.end());
    for (QStringList *list : {&c.unknownResidency, &c.unclassifiedStores, &c.datasetsWithoutOrigin, &c.uncataloguedOrigins})
        list->sort();
    return c;
}

} // namespace atlas
