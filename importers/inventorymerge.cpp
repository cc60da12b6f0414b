#include "inventorymerge.h"

#include "inventoryvalidation.h"

#include <optional>

namespace atlas {

namespace {

void unionInto(DatasetRefs &into, const DatasetRefs &from)
{
    for (const DatasetRef &ref : from)
        if (!containsRef(into, ref.id))
            into.push_back(ref);
}

// Overlay: fields the overlay entry sets replace the earlier entity's; lists are unioned.
void applyOverlay(Site &b, const Site &o)
{
    if (o.present & fields::site::Name) b.name = o.name;
    if (o.present & fields::site::Country) b.country = o.country;
    if (o.present & fields::site::Operator) b.operatorId = o.operatorId;
}

void applyOverlay(Dataset &b, const Dataset &o)
{
    if (o.present & fields::dataset::Name) b.name = o.name;
    if (o.present & fields::dataset::Classification) b.classification = o.classification;
    if (o.present & fields::dataset::Categories) b.categories |= o.categories;
    if (o.present & fields::dataset::Origin) { b.origin = o.origin; b.originSource = o.originSource; }
    if (o.present & fields::dataset::Consent) b.consent = o.consent;
    if (o.present & fields::dataset::Retention) b.retentionDays = o.retentionDays;
    if (o.present & fields::dataset::Redacted) b.redacted = o.redacted;
    if (o.present & fields::dataset::Keys) b.keys = o.keys;
    if (o.present & fields::dataset::Localisation) b.localisation = o.localisation;
    if (o.present & fields::dataset::TrainingBasis) b.trainingBasis = o.trainingBasis;
}

void applyOverlay(Workload &b, const Workload &o)
{
    if (o.present & fields::workload::Name) b.name = o.name;
    if (o.present & fields::workload::Kind) b.kind = o.kind;
    if (o.present & fields::workload::Location) { b.location = o.location; b.locationSource = o.locationSource; }
    if (o.present & fields::workload::Operator) b.operatorId = o.operatorId;
    if (o.present & fields::workload::OperatorHq) b.operatorHq = o.operatorHq;
    if (o.present & fields::workload::Holds) unionInto(b.holds, o.holds);
    if (o.present & fields::workload::External) b.external = o.external;
    if (o.present & fields::workload::Certifications) b.certifications |= o.certifications;
    if (o.present & fields::workload::GeoRedundant) b.geoRedundant = o.geoRedundant;
    if (o.present & fields::workload::Tags) {
        for (const Tag &t : o.tags) {
            auto it = std::find_if(b.tags.begin(), b.tags.end(),
                                   [&](const Tag &x) { return x.key == t.key; });
            if (it != b.tags.end())
                it->value = t.value;
            else
                b.tags.append(t);
        }
    }
}

void applyOverlay(Flow &b, const Flow &o)
{
    if (o.present & fields::flow::From) { b.from = o.from; b.fromSource = o.fromSource; }
    if (o.present & fields::flow::To) { b.to = o.to; b.toSource = o.toSource; }
    if (o.present & fields::flow::Carries) unionInto(b.carries, o.carries);
    if (o.present & fields::flow::Form) b.form = o.form;
    if (o.present & fields::flow::Purpose) b.purpose = o.purpose;
    if (o.present & fields::flow::Basis) b.basis = o.basis;
    if (o.present & fields::flow::Encrypted) b.encrypted = o.encrypted;
    if (o.present & fields::flow::Protections) b.protections |= o.protections;
    if (o.present & fields::flow::Volume) b.volumeGbPerDay = o.volumeGbPerDay;
    if (o.present & fields::flow::Notified) b.notified = o.notified;
    if (o.present & fields::flow::Assessed) b.assessed = o.assessed;
}

void applyOverlay(Access &b, const Access &o)
{
    if (o.present & fields::access::Role) b.role = o.role;
    if (o.present & fields::access::From) { b.from = o.from; b.fromSource = o.fromSource; }
    if (o.present & fields::access::To) { b.to = o.to; b.toSource = o.toSource; }
    if (o.present & fields::access::Datasets) unionInto(b.datasets, o.datasets);
    if (o.present & fields::access::Purpose) b.purpose = o.purpose;
    if (o.present & fields::access::Basis) b.basis = o.basis;
    if (o.present & fields::access::Notified) b.notified = o.notified;
    if (o.present & fields::access::Assessed) b.assessed = o.assessed;
}

} // namespace

template <typename T>
void InventoryMerger::mergeEntities(std::vector<T> &into, std::vector<T> &from,
                                    std::vector<SourceRef> &idSources, EntityKind kind,
                                    bool overlay, Diagnostics &diagnostics)
{
    std::vector<SourceRef> &intoIds = *m_result.idPositions.of(kind); // kept for duplicate messages after edits
    if (into.empty()) {
        // The first input: index and check ids, then take the whole vector (no copy, no second
        // peak of memory). A duplicate inside it is an error, so the load fails anyway.
        for (std::size_t i = 0; i < from.size(); ++i) {
            const T &entity = from[i];
            if (entity.id.isEmpty())
                continue;
            const SourceRef idSource = i < idSources.size() ? idSources[i] : entity.source;
            const auto it = m_ids.constFind(entity.id);
            if (it == m_ids.cend())
                m_ids.insert(entity.id, Entry{kind, i, idSource});
            else
                reportDuplicate(entity.id, idSource, *it, diagnostics);
        }
        into = std::move(from);
        intoIds = std::move(idSources);
        return;
    }
    into.reserve(into.size() + from.size());
    for (std::size_t i = intoIds.size(); i < into.size(); ++i)
        intoIds.push_back(into[i].source); // what a shorter table stood for
    intoIds.reserve(into.size() + from.size());
    QSet<QString> seenHere; // an id twice in one overlay file is a duplicate, not two overlays
    for (std::size_t i = 0; i < from.size(); ++i) {
        T &entity = from[i];
        const SourceRef idSource = i < idSources.size() ? idSources[i] : entity.source;
        if (entity.id.isEmpty()) { // missing or invalid id: reported elsewhere
            into.push_back(std::move(entity));
            intoIds.push_back(idSource);
            continue;
        }
        const auto it = m_ids.constFind(entity.id);
        if (it == m_ids.cend()) {
            m_ids.insert(entity.id, Entry{kind, into.size(), idSource});
            into.push_back(std::move(entity));
            intoIds.push_back(idSource);
            continue;
        }
        if (overlay && it->kind == kind && it->idSource.file != idSource.file
            && !seenHere.contains(entity.id)) {
            seenHere.insert(entity.id);
            applyOverlay(into[it->index], entity);
            into[it->index].present |= entity.present; // the writer and the forms read these bits
            continue;
        }
        reportDuplicate(entity.id, idSource, *it, diagnostics);
    }
}

void InventoryMerger::reportDuplicate(const QString &id, const SourceRef &at, const Entry &first,
                                      Diagnostics &diagnostics) const
{
    diagnostics.append(m_result.diagnosticAt(Severity::Error, at,
                                             duplicateIdMessage(m_result, id, first.kind, first.idSource)));
}

void InventoryMerger::indexDeferredIds()
{
    if (!m_idsDeferred)
        return;
    m_idsDeferred = false;
    auto index = [this](const auto &entities, const std::vector<SourceRef> &idSources, EntityKind kind) {
        for (std::size_t i = 0; i < entities.size(); ++i)
            if (!entities[i].id.isEmpty())
                m_ids.insert(entities[i].id, Entry{kind, i, i < idSources.size() ? idSources[i] : entities[i].source});
    };
    m_ids.reserve(qsizetype(m_result.sites.size() + m_result.datasets.size() + m_result.workloads.size()
                            + m_result.flows.size() + m_result.access.size()));
    const IdPositions &ids = m_result.idPositions;
    index(m_result.sites, ids.sites, EntityKind::Site);
    index(m_result.datasets, ids.datasets, EntityKind::Dataset);
    index(m_result.workloads, ids.workloads, EntityKind::Workload);
    index(m_result.flows, ids.flows, EntityKind::Flow);
    index(m_result.access, ids.access, EntityKind::Access);
}

void InventoryMerger::merge(ParsedDocument &&doc, Diagnostics &diagnostics)
{
    Inventory &in = doc.inventory;
    const bool overlay = in.overlay;
    if (doc.idsUnique && m_ids.isEmpty() && !m_idsDeferred && m_result.sites.empty() && m_result.datasets.empty()
        && m_result.workloads.empty() && m_result.flows.empty() && m_result.access.empty()) {
        // The first input, with ids known to be unique: take it whole; index it if more follow.
        m_result.sites = std::move(in.sites);
        m_result.datasets = std::move(in.datasets);
        m_result.workloads = std::move(in.workloads);
        m_result.flows = std::move(in.flows);
        m_result.access = std::move(in.access);
        for (Waiver &w : in.waivers)
            m_result.waivers.push_back(std::move(w));
        m_result.idPositions = std::move(doc.ids);
        m_idsDeferred = true;
        m_result.takeIndex(in); // the producer's id index, if it built one
        m_indexAdopted = true;
        return;
    }
    indexDeferredIds();
    m_indexAdopted = false; // the entity tables change: index them again at the end
    m_ids.reserve(m_ids.size() + qsizetype(in.sites.size() + in.datasets.size() + in.workloads.size() + in.flows.size() + in.access.size()));
    if (!in.organisation.isEmpty())
        m_result.organisation = in.organisation;
    if (in.asOf.isValid())
        m_result.asOf = in.asOf;
    mergeEntities(m_result.sites, in.sites, doc.ids.sites, EntityKind::Site, overlay, diagnostics);
    mergeEntities(m_result.datasets, in.datasets, doc.ids.datasets, EntityKind::Dataset, overlay, diagnostics);
    mergeEntities(m_result.workloads, in.workloads, doc.ids.workloads, EntityKind::Workload, overlay, diagnostics);
    mergeEntities(m_result.flows, in.flows, doc.ids.flows, EntityKind::Flow, overlay, diagnostics);
    mergeEntities(m_result.access, in.access, doc.ids.access, EntityKind::Access, overlay, diagnostics);
    for (Waiver &w : in.waivers)
        m_result.waivers.push_back(std::move(w));
}

Inventory InventoryMerger::finish(Diagnostics &diagnostics)
{
    if (!m_result.waivers.empty())
        indexDeferredIds(); // waiver subjects are looked up across every kind
    if (!m_indexAdopted)
        m_result.buildIndex();
    validate(diagnostics);
    return std::move(m_result);
}

void InventoryMerger::validate(Diagnostics &diagnostics)
{
    // Duplicates were found while merging; waiver subjects are looked up in the same table.
    ValidationOptions options;
    options.checkDuplicateIds = false;
    options.kindOf = [this](const QString &id) -> std::optional<EntityKind> {
        const auto it = m_ids.constFind(id);
        return it == m_ids.cend() ? std::nullopt : std::optional<EntityKind>(it->kind);
    };
    validateInventory(m_result, m_catalog, diagnostics, options);
}

} // namespace atlas
