#include "inventorymerge.h"

#include "location.h"
#include "suggest.h"

#include <future>
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
}

void applyOverlay(Access &b, const Access &o)
{
    if (o.present & fields::access::Role) b.role = o.role;
    if (o.present & fields::access::From) { b.from = o.from; b.fromSource = o.fromSource; }
    if (o.present & fields::access::To) { b.to = o.to; b.toSource = o.toSource; }
    if (o.present & fields::access::Datasets) unionInto(b.datasets, o.datasets);
    if (o.present & fields::access::Purpose) b.purpose = o.purpose;
    if (o.present & fields::access::Basis) b.basis = o.basis;
}

struct Required
{
    FieldMask bit;
    const char *name;
};

template <typename T> QStringList idsOf(const std::vector<T> &entities)
{
    QStringList ids;
    ids.reserve(qsizetype(entities.size()));
    for (const T &e : entities)
        if (!e.id.isEmpty())
            ids.append(e.id);
    return ids;
}

// "Did you mean" for unknown references, one candidate list per kind of id, in inventory
// order. A list is gathered on its kind's first unknown reference: a clean load pays nothing.
class ReferenceHints
{
public:
    explicit ReferenceHints(const Inventory &inv) : m_inv(inv) {}

    QString dataset(const QString &id) { return hint(m_datasets, id, [&] { return idsOf(m_inv.datasets); }); }
    QString workload(const QString &id) { return hint(m_workloads, id, [&] { return idsOf(m_inv.workloads); }); }
    QString site(const QString &id) { return hint(m_sites, id, [&] { return idsOf(m_inv.sites); }); }
    QString subject(const QString &id)
    {
        return hint(m_subjects, id, [&] {
            return idsOf(m_inv.flows) + idsOf(m_inv.workloads) + idsOf(m_inv.datasets) + idsOf(m_inv.access);
        });
    }

private:
    template <typename F> static QString hint(std::optional<Suggester> &s, const QString &id, F candidates)
    {
        if (!s)
            s.emplace(candidates());
        return s->closest(id);
    }

    const Inventory &m_inv;
    std::optional<Suggester> m_datasets, m_workloads, m_sites, m_subjects;
};

QStringList countryCodes(const Catalog &catalog)
{
    QStringList codes;
    for (const Country &c : catalog.countries)
        codes.append(c.code);
    return codes;
}

QStringList jurisdictionIds(const Catalog &catalog)
{
    QStringList ids;
    for (const Jurisdiction &j : catalog.jurisdictions)
        ids.append(j.id);
    return ids;
}

// Unknown-region warnings. Exports repeat a few hundred locations a million times: each
// reference is resolved, and a suggestion looked for, once.
class LocationWarnings
{
public:
    LocationWarnings(const Catalog &catalog, const Inventory &inv)
        : m_catalog(catalog), m_inv(inv), m_suggester(catalog)
    {
    }
    // The warning for `reference`; empty when there is none.
    const QString &problem(const QString &reference)
    {
        auto it = m_problems.constFind(reference);
        if (it == m_problems.cend())
            it = m_problems.insert(reference, describe(reference));
        return *it;
    }

private:
    QString describe(const QString &reference)
    {
        if (locationSyntaxError(reference))
            return {}; // an error of the reader's
        const ResolvedLocation loc = resolveLocation(m_catalog, reference, &m_inv);
        if (!loc.needsWarning() || loc.problem.startsWith(u"unknown site"))
            return {}; // unknown sites are errors of the reference check
        return loc.problem + didYouMean(m_suggester.closest(reference))
            + QStringLiteral("; residency unknown");
    }

    const Catalog &m_catalog;
    const Inventory &m_inv;
    LocationSuggester m_suggester;
    QHash<QString, QString> m_problems; // reference → warning text, empty = none
};

} // namespace

template <typename T>
void InventoryMerger::mergeEntities(std::vector<T> &into, std::vector<T> &from,
                                    const std::vector<SourceRef> &idSources, EntityKind kind,
                                    bool overlay, Diagnostics &diagnostics)
{
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
        return;
    }
    into.reserve(into.size() + from.size());
    QSet<QString> seenHere; // an id twice in one overlay file is a duplicate, not two overlays
    for (std::size_t i = 0; i < from.size(); ++i) {
        T &entity = from[i];
        const SourceRef idSource = i < idSources.size() ? idSources[i] : entity.source;
        if (entity.id.isEmpty()) { // missing or invalid id: reported elsewhere
            into.push_back(std::move(entity));
            continue;
        }
        const auto it = m_ids.constFind(entity.id);
        if (it == m_ids.cend()) {
            m_ids.insert(entity.id, Entry{kind, into.size(), idSource});
            into.push_back(std::move(entity));
            continue;
        }
        if (overlay && it->kind == kind && it->idSource.file != idSource.file
            && !seenHere.contains(entity.id)) {
            seenHere.insert(entity.id);
            applyOverlay(into[it->index], entity);
            continue;
        }
        reportDuplicate(entity.id, idSource, *it, diagnostics);
    }
}

void InventoryMerger::reportDuplicate(const QString &id, const SourceRef &at, const Entry &first,
                                      Diagnostics &diagnostics) const
{
    diagnostics.append(m_result.diagnosticAt(
        Severity::Error, at,
        QStringLiteral("duplicate id '") + id + QStringLiteral("' (first defined as ")
            + entityKindName(first.kind) + QStringLiteral(" at ") + m_result.fileOf(first.idSource)
            + u':' + QString::number(first.idSource.line) + u':'
            + QString::number(first.idSource.column)
            + QStringLiteral("); ids are unique across the whole inventory")));
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
    index(m_result.sites, m_deferredSites, EntityKind::Site);
    index(m_result.datasets, m_deferredDatasets, EntityKind::Dataset);
    index(m_result.workloads, m_deferredWorkloads, EntityKind::Workload);
    index(m_result.flows, m_deferredFlows, EntityKind::Flow);
    index(m_result.access, m_deferredAccess, EntityKind::Access);
    m_deferredSites = m_deferredDatasets = m_deferredWorkloads = m_deferredFlows = m_deferredAccess = {};
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
        m_deferredSites = std::move(doc.ids.sites);
        m_deferredDatasets = std::move(doc.ids.datasets);
        m_deferredWorkloads = std::move(doc.ids.workloads);
        m_deferredFlows = std::move(doc.ids.flows);
        m_deferredAccess = std::move(doc.ids.access);
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
    // A large import checks catalog facts on a second core meanwhile: that check only reads
    // the inventory, the others only write the links of references. Same order of messages.
    if (m_result.workloads.size() + m_result.datasets.size() > 20000) {
        Diagnostics catalogFacts;
        auto facts = std::async(std::launch::async, [&] { checkCatalogFacts(catalogFacts); });
        checkRequired(diagnostics);
        checkReferences(diagnostics);
        facts.get();
        diagnostics.append(catalogFacts);
        return;
    }
    checkRequired(diagnostics);
    checkReferences(diagnostics);
    checkCatalogFacts(diagnostics);
}

void InventoryMerger::checkRequired(Diagnostics &diagnostics)
{
    auto check = [&](const auto &items, std::initializer_list<Required> required,
                     const QString &what) {
        for (const auto &item : items)
            for (const Required &r : required)
                if (!(item.present & r.bit))
                    diagnostics.append(m_result.diagnosticAt(
                        Severity::Error, item.source,
                        QStringLiteral("missing required field '") + QString::fromLatin1(r.name)
                            + QStringLiteral("' in ") + what));
    };
    check(m_result.sites, {{fields::site::Id, "id"}, {fields::site::Country, "country"}}, QStringLiteral("site"));
    check(m_result.datasets, {{fields::dataset::Id, "id"}, {fields::dataset::Classification, "classification"}},
          QStringLiteral("dataset"));
    check(m_result.workloads, {{fields::workload::Id, "id"}, {fields::workload::Kind, "kind"}, {fields::workload::Location, "location"}},
          QStringLiteral("workload"));
    check(m_result.flows, {{fields::flow::From, "from"}, {fields::flow::To, "to"}, {fields::flow::Carries, "carries"}},
          QStringLiteral("flow"));
    check(m_result.access, {{fields::access::Id, "id"}, {fields::access::From, "from"}, {fields::access::To, "to"}, {fields::access::Datasets, "datasets"}},
          QStringLiteral("access entry"));
    check(m_result.waivers,
          {{fields::waiver::Rule, "rule"}, {fields::waiver::Subject, "subject"}, {fields::waiver::Reason, "reason"},
           {fields::waiver::ApprovedBy, "approved_by"}, {fields::waiver::Expires, "expires"}},
          QStringLiteral("waiver"));
    for (const Dataset &d : m_result.datasets)
        if ((d.present & fields::dataset::Classification) && d.classification != Classification::Public
            && !(d.present & fields::dataset::Origin))
            diagnostics.append(m_result.diagnosticAt(
                Severity::Error, d.source,
                QStringLiteral("missing required field 'origin' in dataset '") + d.id
                    + QStringLiteral("' (required unless classification is public)")));
}

void InventoryMerger::checkReferences(Diagnostics &diagnostics)
{
    // Checks every reference and, on the way, links it to an index (no consumer needs to look
    // ids up again). Messages are built only when there is an error: this runs per flow.
    Inventory &inv = m_result;
    auto error = [&](const SourceRef &at, const QString &message) {
        diagnostics.append(inv.diagnosticAt(Severity::Error, at, message));
    };
    ReferenceHints hints(inv);
    auto linkDatasets = [&](DatasetRefs &refs, auto owner) {
        for (DatasetRef &ref : refs) {
            const int d = inv.datasetIndex(ref.id);
            if (d >= 0)
                ref.index = std::uint32_t(d);
            else
                error(ref.source, owner() + QStringLiteral(" names unknown dataset '") + ref.id + u'\''
                                      + didYouMean(hints.dataset(ref.id)));
        }
    };
    auto linkWorkload = [&](const QString &id, const SourceRef &at, std::uint32_t &index, auto owner, const char *field) {
        const int w = inv.workloadIndex(id);
        if (w >= 0)
            index = std::uint32_t(w);
        else
            error(at, owner() + QStringLiteral(": '") + QString::fromLatin1(field)
                          + QStringLiteral("' names unknown workload '") + id + u'\''
                          + didYouMean(hints.workload(id)));
    };
    auto checkSite = [&](const QString &location, const SourceRef &at) {
        if (!location.startsWith(u"site:") || inv.site(location.mid(5)))
            return;
        const QString id = location.mid(5), match = hints.site(id);
        // A close site id is the likelier fix than declaring a new site.
        error(at, QStringLiteral("unknown site '") + id + u'\''
                      + (match.isEmpty() ? QStringLiteral(" (declare it under 'sites')") : didYouMean(match)));
    };

    for (Workload &w : inv.workloads) {
        checkSite(w.location, w.locationSource);
        linkDatasets(w.holds, [&] { return QString(QStringLiteral("workload '") + w.id + QStringLiteral("' holds:")); });
    }
    for (const Dataset &d : inv.datasets)
        if (d.keys)
            checkSite(d.keys->location, d.keys->locationSource);
    for (Flow &f : inv.flows) {
        auto owner = [&] { return QString(QStringLiteral("flow '") + f.id + u'\''); };
        if ((f.present & fields::flow::From) && !f.from.isEmpty())
            linkWorkload(f.from, f.fromSource, f.fromIndex, owner, "from");
        if ((f.present & fields::flow::To) && !f.to.isEmpty())
            linkWorkload(f.to, f.toSource, f.toIndex, owner, "to");
        if (!f.from.isEmpty() && f.from == f.to)
            error(f.toSource, owner() + QStringLiteral(" goes from '") + f.from + QStringLiteral("' to itself"));
        linkDatasets(f.carries, [&] { return QString(owner() + QStringLiteral(" carries:")); });
    }
    for (Access &a : inv.access) {
        auto owner = [&] { return QString(QStringLiteral("access '") + a.id + u'\''); };
        if ((a.present & fields::access::To) && !a.to.isEmpty())
            linkWorkload(a.to, a.toSource, a.toIndex, owner, "to");
        checkSite(a.from, a.fromSource);
        linkDatasets(a.datasets, [&] { return QString(owner() + QStringLiteral(":")); });
    }
    for (const Waiver &w : inv.waivers) {
        if (!(w.present & fields::waiver::Subject) || w.subject.isEmpty()
            || (m_ids.contains(w.subject) && m_ids.value(w.subject).kind != EntityKind::Site))
            continue;
        const QString match = hints.subject(w.subject);
        error(w.subjectSource, QStringLiteral("waiver for ") + w.rule + QStringLiteral(" names unknown subject '")
                                   + w.subject + u'\''
                                   + (match.isEmpty() ? QStringLiteral(" (a flow, workload, dataset or access id)")
                                                      : didYouMean(match)));
    }
}

void InventoryMerger::checkCatalogFacts(Diagnostics &diagnostics)
{
    const Inventory &inv = m_result;
    auto error = [&](const SourceRef &at, const QString &message) {
        diagnostics.append(inv.diagnosticAt(Severity::Error, at, message));
    };
    LocationWarnings locations(m_catalog, inv);
    auto warnLocation = [&](const QString &reference, const SourceRef &at) {
        if (reference.isEmpty())
            return;
        if (const QString &problem = locations.problem(reference); !problem.isEmpty())
            diagnostics.append(inv.diagnosticAt(Severity::Warning, at, problem));
    };
    auto knownOperator = [&](const QString &id) {
        return id == u"self" || m_catalog.findOperator(id) != nullptr;
    };
    QStringList operatorIds{QStringLiteral("self")};
    for (const Operator &o : m_catalog.operators)
        operatorIds << o.id;
    // Suggestion candidates, gathered on the first unknown value of their kind.
    std::optional<Suggester> countries, origins;
    auto countryHint = [&](const QString &code) {
        if (!countries)
            countries.emplace(countryCodes(m_catalog));
        return didYouMean(countries->closest(code));
    };
    auto originHint = [&](const QString &origin) {
        if (!origins)
            origins.emplace(jurisdictionIds(m_catalog) + countryCodes(m_catalog));
        return didYouMean(origins->closest(origin));
    };

    for (const Site &s : inv.sites) {
        if ((s.present & fields::site::Country) && !m_catalog.country(s.country))
            error(s.source, QStringLiteral("invalid value '") + s.country + QStringLiteral("' for 'country'")
                                + countryHint(s.country)
                                + QStringLiteral("; expected an ISO 3166-1 alpha-2 code such as DE"));
        if ((s.present & fields::site::Operator) && !knownOperator(s.operatorId))
            error(s.source, QStringLiteral("invalid value '") + s.operatorId + QStringLiteral("' for 'operator'")
                                + didYouMean(closestMatch(s.operatorId, operatorIds))
                                + QStringLiteral("; allowed: ") + operatorIds.join(u", "));
    }
    for (const Dataset &d : inv.datasets)
        if ((d.present & fields::dataset::Origin) && m_catalog.jurisdictionOf(d.origin).isEmpty())
            error(d.originSource, QStringLiteral("invalid value '") + d.origin + QStringLiteral("' for 'origin'")
                                      + originHint(d.origin)
                                      + QStringLiteral("; expected a jurisdiction id (EU, UK, US, …) or an ISO country code"));
    for (const Workload &w : inv.workloads) {
        if ((w.present & fields::workload::Operator) && !knownOperator(w.operatorId))
            error(w.source, QStringLiteral("invalid value '") + w.operatorId + QStringLiteral("' for 'operator'")
                                + didYouMean(closestMatch(w.operatorId, operatorIds))
                                + QStringLiteral("; allowed: ") + operatorIds.join(u", ")
                                + QStringLiteral(" (for another vendor, set 'operator_hq')"));
        if ((w.present & fields::workload::OperatorHq) && !m_catalog.country(w.operatorHq))
            error(w.source, QStringLiteral("invalid value '") + w.operatorHq + QStringLiteral("' for 'operator_hq'")
                                + countryHint(w.operatorHq)
                                + QStringLiteral("; expected an ISO 3166-1 alpha-2 code"));
        warnLocation(w.location, w.locationSource);
    }
    for (const Dataset &d : inv.datasets)
        if (d.keys)
            warnLocation(d.keys->location, d.keys->locationSource);
    for (const Access &a : inv.access)
        warnLocation(a.from, a.fromSource);
}

} // namespace atlas
