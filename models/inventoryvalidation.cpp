#include "inventoryvalidation.h"

#include "location.h"
#include "suggest.h"

#include <algorithm>
#include <future>

namespace atlas {

namespace {

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

// One run of the checks over one inventory.
class Validator
{
public:
    Validator(Inventory &inv, const Catalog &catalog, const ValidationOptions &options)
        : m_inv(inv), m_catalog(catalog), m_options(options)
    {
    }
    void run(Diagnostics &diagnostics);

private:
    struct IdEntry
    {
        EntityKind kind;
        SourceRef at;
    };
    struct Edited
    {
        std::uint32_t file; // the edit's
        EntityKind kind;
        std::size_t index;
        const QString *id;
    };
    void indexIds(Diagnostics *duplicates);
    template <typename T>
    void indexIds(const std::vector<T> &entities, EntityKind kind, std::vector<Edited> &edited,
                  Diagnostics *duplicates);
    void indexId(const QString &id, EntityKind kind, const SourceRef &at, Diagnostics *duplicates);
    bool isSubject(const QString &id);
    void checkRequired(Diagnostics &diagnostics) const;
    void checkReferences(Diagnostics &diagnostics);
    void checkCatalogFacts(Diagnostics &diagnostics) const;

    Inventory &m_inv;
    const Catalog &m_catalog;
    const ValidationOptions &m_options;
    QHash<QString, IdEntry> m_ids; // id → the entity it names first
    bool m_idsIndexed = false;
};

void Validator::run(Diagnostics &diagnostics)
{
    if (m_options.checkDuplicateIds)
        indexIds(&diagnostics);
    // A large import checks catalog facts on a second core meanwhile: that check only reads
    // the inventory, the others only write the links of references. Same order of messages.
    if (m_inv.workloads.size() + m_inv.datasets.size() > 20000) {
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

void Validator::indexIds(Diagnostics *duplicates)
{
    m_idsIndexed = true;
    m_ids.reserve(qsizetype(m_inv.sites.size() + m_inv.datasets.size() + m_inv.workloads.size()
                            + m_inv.flows.size() + m_inv.access.size()));
    // Entities from files in the loader's order, then edited ones in the order of their edits:
    // the later occurrence, which is reported, is the newer one.
    std::vector<Edited> edited;
    indexIds(m_inv.sites, EntityKind::Site, edited, duplicates);
    indexIds(m_inv.datasets, EntityKind::Dataset, edited, duplicates);
    indexIds(m_inv.workloads, EntityKind::Workload, edited, duplicates);
    indexIds(m_inv.flows, EntityKind::Flow, edited, duplicates);
    indexIds(m_inv.access, EntityKind::Access, edited, duplicates);
    std::stable_sort(edited.begin(), edited.end(),
                     [](const Edited &a, const Edited &b) { return a.file < b.file; });
    for (const Edited &e : edited)
        indexId(*e.id, e.kind, m_inv.idSource(e.kind, e.index), duplicates);
}

template <typename T>
void Validator::indexIds(const std::vector<T> &entities, EntityKind kind, std::vector<Edited> &edited,
                         Diagnostics *duplicates)
{
    for (std::size_t i = 0; i < entities.size(); ++i) {
        const T &entity = entities[i];
        if (entity.id.isEmpty())
            continue;
        if (m_inv.isEdited(entity.source))
            edited.push_back(Edited{entity.source.file, kind, i, &entity.id});
        else
            indexId(entity.id, kind, m_inv.idSource(kind, i), duplicates);
    }
}

void Validator::indexId(const QString &id, EntityKind kind, const SourceRef &at, Diagnostics *duplicates)
{
    const auto it = m_ids.constFind(id);
    if (it == m_ids.cend())
        m_ids.insert(id, IdEntry{kind, at});
    else if (duplicates)
        duplicates->append(m_inv.diagnosticAt(Severity::Error, at, duplicateIdMessage(m_inv, id, it->kind, it->at)));
}

// Whether a waiver may name `id`: a flow, workload, dataset or access entry (not a site).
bool Validator::isSubject(const QString &id)
{
    std::optional<EntityKind> kind;
    if (m_options.kindOf) {
        kind = m_options.kindOf(id);
    } else {
        if (!m_idsIndexed)
            indexIds(nullptr);
        if (const auto it = m_ids.constFind(id); it != m_ids.cend())
            kind = it->kind;
    }
    return kind && *kind != EntityKind::Site;
}

void Validator::checkRequired(Diagnostics &diagnostics) const
{
    auto check = [&](const auto &items, std::initializer_list<Required> required,
                     const QString &what) {
        for (const auto &item : items)
            for (const Required &r : required)
                if (!(item.present & r.bit))
                    diagnostics.append(m_inv.diagnosticAt(
                        Severity::Error, item.source,
                        QStringLiteral("missing required field '") + QString::fromLatin1(r.name)
                            + QStringLiteral("' in ") + what));
    };
    check(m_inv.sites, {{fields::site::Id, "id"}, {fields::site::Country, "country"}}, QStringLiteral("site"));
    check(m_inv.datasets, {{fields::dataset::Id, "id"}, {fields::dataset::Classification, "classification"}},
          QStringLiteral("dataset"));
    check(m_inv.workloads, {{fields::workload::Id, "id"}, {fields::workload::Kind, "kind"}, {fields::workload::Location, "location"}},
          QStringLiteral("workload"));
    check(m_inv.flows, {{fields::flow::From, "from"}, {fields::flow::To, "to"}, {fields::flow::Carries, "carries"}},
          QStringLiteral("flow"));
    check(m_inv.access, {{fields::access::Id, "id"}, {fields::access::From, "from"}, {fields::access::To, "to"}, {fields::access::Datasets, "datasets"}},
          QStringLiteral("access entry"));
    check(m_inv.waivers,
          {{fields::waiver::Rule, "rule"}, {fields::waiver::Subject, "subject"}, {fields::waiver::Reason, "reason"},
           {fields::waiver::ApprovedBy, "approved_by"}, {fields::waiver::Expires, "expires"}},
          QStringLiteral("waiver"));
    for (const Dataset &d : m_inv.datasets)
        if ((d.present & fields::dataset::Classification) && d.classification != Classification::Public
            && !(d.present & fields::dataset::Origin))
            diagnostics.append(m_inv.diagnosticAt(
                Severity::Error, d.source,
                QStringLiteral("missing required field 'origin' in dataset '") + d.id
                    + QStringLiteral("' (required unless classification is public)")));
}

void Validator::checkReferences(Diagnostics &diagnostics)
{
    // Checks every reference and, on the way, links it to an index (no consumer needs to look
    // ids up again). Messages are built only when there is an error: this runs per flow.
    Inventory &inv = m_inv;
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
            || isSubject(w.subject))
            continue;
        const QString match = hints.subject(w.subject);
        error(w.subjectSource, QStringLiteral("waiver for ") + w.rule + QStringLiteral(" names unknown subject '")
                                   + w.subject + u'\''
                                   + (match.isEmpty() ? QStringLiteral(" (a flow, workload, dataset or access id)")
                                                      : didYouMean(match)));
    }
}

void Validator::checkCatalogFacts(Diagnostics &diagnostics) const
{
    const Inventory &inv = m_inv;
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

} // namespace

void validateInventory(Inventory &inventory, const Catalog &catalog, Diagnostics &diagnostics,
                       const ValidationOptions &options)
{
    Validator(inventory, catalog, options).run(diagnostics);
}

bool isValidId(const QString &id)
{
    if (id.isEmpty())
        return false;
    auto lowerOrDigit = [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
    };
    if (!lowerOrDigit(id[0]))
        return false;
    for (QChar c : id)
        if (!lowerOrDigit(c) && c != u'.' && c != u'_' && c != u'-')
            return false;
    return true;
}

QString invalidIdMessage(const QString &id)
{
    return QStringLiteral("invalid id '") + id + QStringLiteral("': ids match [a-z0-9][a-z0-9._-]*");
}

QString duplicateIdMessage(const Inventory &inventory, const QString &id, EntityKind firstKind,
                           const SourceRef &first)
{
    // An edit has no line: its name is the whole position.
    const QString where = inventory.isEdited(first)
        ? inventory.fileOf(first)
        : QString(inventory.fileOf(first) + u':' + QString::number(first.line) + u':' + QString::number(first.column));
    return QStringLiteral("duplicate id '") + id + QStringLiteral("' (first defined as ")
        + entityKindName(firstKind) + QStringLiteral(" at ") + where
        + QStringLiteral("); ids are unique across the whole inventory");
}

QString bothOperatorsMessage()
{
    return QStringLiteral("set either 'operator' (a catalog operator) or 'operator_hq' (an unknown vendor's home country), not both");
}

} // namespace atlas
