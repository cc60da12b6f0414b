#include "inventory.h"

namespace atlas {

QString entityKindName(EntityKind kind)
{
    switch (kind) {
    case EntityKind::Site: return QStringLiteral("site");
    case EntityKind::Dataset: return QStringLiteral("dataset");
    case EntityKind::Workload: return QStringLiteral("workload");
    case EntityKind::Flow: return QStringLiteral("flow");
    case EntityKind::Access: return QStringLiteral("access");
    case EntityKind::Waiver: return QStringLiteral("waiver");
    }
    return {};
}

Diagnostic Inventory::diagnosticAt(Severity severity, const SourceRef &ref,
                                   const QString &message) const
{
    return Diagnostic{severity, fileOf(ref), ref.line, ref.column, message};
}

const Dataset *Inventory::dataset(const QString &id) const
{
    const int i = m_datasetIndex.value(id, -1);
    return i < 0 ? nullptr : &datasets[std::size_t(i)];
}

const Workload *Inventory::workload(const QString &id) const
{
    const int i = m_workloadIndex.value(id, -1);
    return i < 0 ? nullptr : &workloads[std::size_t(i)];
}

const Site *Inventory::site(const QString &id) const
{
    const int i = m_siteIndex.value(id, -1);
    return i < 0 ? nullptr : &sites[std::size_t(i)];
}

void Inventory::buildIndex()
{
    m_siteIndex.clear();
    m_datasetIndex.clear();
    m_workloadIndex.clear();
    m_siteIndex.reserve(qsizetype(sites.size()));
    m_datasetIndex.reserve(qsizetype(datasets.size()));
    m_workloadIndex.reserve(qsizetype(workloads.size()));
    for (std::size_t i = 0; i < sites.size(); ++i)
        m_siteIndex.insert(sites[i].id, int(i));
    for (std::size_t i = 0; i < datasets.size(); ++i)
        m_datasetIndex.insert(datasets[i].id, int(i));
    for (std::size_t i = 0; i < workloads.size(); ++i)
        m_workloadIndex.insert(workloads[i].id, int(i));
}

} // namespace atlas
