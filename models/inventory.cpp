#include "inventory.h"

#include <algorithm>
#include <thread>

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

std::optional<TrainingBasis> effectiveTrainingBasis(const Dataset &dataset)
{
    if (dataset.trainingBasis)
        return dataset.trainingBasis;
    if (dataset.consent.training)
        return TrainingBasis::Consent;
    return std::nullopt;
}

QStringList refIds(const DatasetRefs &refs)
{
    QStringList ids;
    ids.reserve(qsizetype(refs.size()));
    for (const DatasetRef &r : refs)
        ids.append(r.id);
    return ids;
}

const DatasetRef *findRef(const DatasetRefs &refs, QStringView id)
{
    for (const DatasetRef &r : refs)
        if (r.id == id)
            return &r;
    return nullptr;
}

DatasetRef *findRef(DatasetRefs &refs, QStringView id)
{
    return const_cast<DatasetRef *>(findRef(std::as_const(refs), id));
}

Diagnostic Inventory::diagnosticAt(Severity severity, const SourceRef &ref,
                                   const QString &message) const
{
    return Diagnostic{severity, fileOf(ref), ref.line, ref.column, message};
}

std::vector<SourceRef> *IdPositions::of(EntityKind kind)
{
    switch (kind) {
    case EntityKind::Site: return &sites;
    case EntityKind::Dataset: return &datasets;
    case EntityKind::Workload: return &workloads;
    case EntityKind::Flow: return &flows;
    case EntityKind::Access: return &access;
    case EntityKind::Waiver: break;
    }
    return nullptr;
}

SourceRef Inventory::idSource(EntityKind kind, std::size_t index) const
{
    auto from = [&](const auto &entities, const std::vector<SourceRef> &ids) {
        return index < ids.size() ? ids[index] : entities[index].source;
    };
    switch (kind) {
    case EntityKind::Site: return from(sites, idPositions.sites);
    case EntityKind::Dataset: return from(datasets, idPositions.datasets);
    case EntityKind::Workload: return from(workloads, idPositions.workloads);
    case EntityKind::Flow: return from(flows, idPositions.flows);
    case EntityKind::Access: return from(access, idPositions.access);
    case EntityKind::Waiver: break;
    }
    return waivers[index].source;
}

const EditProvenance *Inventory::provenance(const SourceRef &ref) const
{
    // Edit records are in file order: one binary search.
    const auto it = std::lower_bound(edits.begin(), edits.end(), ref.file,
                                     [](const EditRecord &e, std::uint32_t file) { return e.file < file; });
    return it != edits.end() && it->file == ref.file ? &it->provenance : nullptr;
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

void Inventory::setIndex(IdIndex datasetIndex, IdIndex workloadIndex)
{
    m_siteIndex.clear();
    m_datasetIndex = std::move(datasetIndex);
    m_workloadIndex = std::move(workloadIndex);
}

void Inventory::takeIndex(Inventory &from)
{
    m_siteIndex = std::move(from.m_siteIndex);
    m_datasetIndex = std::move(from.m_datasetIndex);
    m_workloadIndex = std::move(from.m_workloadIndex);
}

void Inventory::buildIndex()
{
    m_siteIndex.clear();
    m_datasetIndex.clear();
    m_workloadIndex.clear();
    m_siteIndex.reserve(sites.size());
    m_datasetIndex.reserve(datasets.size());
    m_workloadIndex.reserve(workloads.size());
    for (std::size_t i = 0; i < sites.size(); ++i)
        m_siteIndex.insert(sites[i].id, int(i));
    auto indexDatasets = [this] {
        for (std::size_t i = 0; i < datasets.size(); ++i)
            m_datasetIndex.insert(datasets[i].id, int(i));
    };
    // A million imported workloads and half as many datasets: hash the two on two cores (the
    // tables are separate; QString ids are only read).
    std::thread datasetThread;
    if (datasets.size() > 50000 && workloads.size() > 50000)
        datasetThread = std::thread(indexDatasets);
    else
        indexDatasets();
    for (std::size_t i = 0; i < workloads.size(); ++i)
        m_workloadIndex.insert(workloads[i].id, int(i));
    if (datasetThread.joinable())
        datasetThread.join();
}

} // namespace atlas
