#include "scenariobuilder.h"

#include "inventoryvalidation.h"

#include <algorithm>
#include <tuple>

namespace atlas {

void mergeKeys(std::vector<FindingKey> &keys, const std::vector<FindingKey> &more)
{
    keys.insert(keys.end(), more.begin(), more.end());
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
}

ScenarioBuilder::ScenarioBuilder(const Inventory &input, const Catalog &catalog, Pattern pattern,
                                 const PatternOptions &options)
    : m_input(input), m_catalog(catalog), m_out(input), m_residency(resolveResidency(catalog, input))
{
    m_plan.pattern = pattern;
    m_plan.options = options;
    m_at = SourceRef{std::uint32_t(m_out.files.size()), 0, 0};
    m_out.files.append(QStringLiteral("scenario %1 (%2)").arg(patternLetter(pattern), patternName(patternLetter(pattern))));
    for (const Site &s : input.sites)
        m_ids.insert(s.id);
    for (const Dataset &d : input.datasets)
        m_ids.insert(d.id);
    for (std::size_t i = 0; i < input.workloads.size(); ++i) {
        m_ids.insert(input.workloads[i].id);
        m_workloadIndex.insert(input.workloads[i].id, int(i));
    }
    for (std::size_t i = 0; i < input.flows.size(); ++i) {
        m_ids.insert(input.flows[i].id);
        m_flowIndex.insert(input.flows[i].id, int(i));
    }
    for (const Access &a : input.access)
        m_ids.insert(a.id);
    m_into.resize(input.workloads.size());
    m_outOf.resize(input.workloads.size());
    m_holders.resize(input.datasets.size());
    for (std::size_t i = 0; i < input.flows.size(); ++i) {
        m_into[input.flows[i].toIndex].push_back(std::uint32_t(i));
        m_outOf[input.flows[i].fromIndex].push_back(std::uint32_t(i));
    }
    for (std::size_t w = 0; w < input.workloads.size(); ++w)
        for (const DatasetRef &r : input.workloads[w].holds)
            m_holders[r.index].push_back(std::uint32_t(w));
}

QString ScenarioBuilder::jurisdictionOf(int workloadIndex) const
{
    if (workloadIndex < 0)
        return {};
    if (std::size_t(workloadIndex) < m_residency.size())
        return m_residency[std::size_t(workloadIndex)].location.jurisdiction;
    return jurisdictionOfLocation(m_out.workloads[std::size_t(workloadIndex)].location);
}

QString ScenarioBuilder::jurisdictionOfLocation(const QString &location) const
{
    return resolveLocation(m_catalog, location, &m_input).jurisdiction;
}

namespace {

// Does `f` select the subject of `key`'s pair? The same subject and dataset, any rule.
bool samePair(const FindingKey &a, const FindingKey &b)
{
    return a.subjectKind == b.subjectKind && a.subjectId == b.subjectId && a.dataset == b.dataset;
}

} // namespace

std::vector<ScopePair> ScenarioBuilder::pairs(const std::vector<Finding> &baseline, const SimulationScope &scope) const
{
    QStringList origins;
    for (const QString &o : scope.origins)
        origins << m_catalog.jurisdictionOf(o);
    // The workloads a subject names, for --scope-workload.
    const auto namesWorkload = [&](const Finding &f) {
        switch (f.subjectKind) {
        case SubjectKind::Flow:
            if (const int i = flowIndex(f.subjectId); i >= 0)
                return scope.workloads.contains(m_input.flows[std::size_t(i)].from)
                    || scope.workloads.contains(m_input.flows[std::size_t(i)].to);
            return false;
        case SubjectKind::Holding:
        case SubjectKind::Workload:
            return scope.workloads.contains(f.subjectId);
        case SubjectKind::Access:
            for (const Access &a : m_input.access)
                if (a.id == f.subjectId)
                    return scope.workloads.contains(a.to);
            return false;
        case SubjectKind::Dataset:
            for (const Workload &w : m_input.workloads)
                if (containsRef(w.holds, f.dataset) && scope.workloads.contains(w.id))
                    return true;
            return false;
        }
        return false;
    };
    std::map<std::tuple<SubjectKind, QString, QString>, ScopePair> byPair;
    for (const Finding &f : baseline) {
        if (!f.countsAsOpen() || !isScopeRule(m_plan.pattern, f.rule))
            continue;
        if (!scope.datasets.isEmpty() && !scope.datasets.contains(f.dataset))
            continue;
        const Dataset *d = f.dataset.isEmpty() ? nullptr : m_input.dataset(f.dataset);
        const QString origin = d ? m_catalog.jurisdictionOf(d->origin) : QString();
        if (!origins.isEmpty() && !origins.contains(origin))
            continue;
        if (!scope.workloads.isEmpty() && !namesWorkload(f))
            continue;
        const FindingKey key = findingKey(f);
        if (!scope.findings.empty()
            && std::none_of(scope.findings.begin(), scope.findings.end(), [&](const FindingKey &k) { return samePair(k, key); }))
            continue;
        ScopePair &p = byPair[{f.subjectKind, f.subjectId, f.dataset}];
        p.kind = f.subjectKind;
        p.subjectId = f.subjectId;
        p.dataset = f.dataset;
        p.origin = origin;
        p.keys.push_back(key);
    }
    std::vector<ScopePair> out;
    for (auto &[k, p] : byPair) {
        std::sort(p.keys.begin(), p.keys.end());
        out.push_back(std::move(p));
    }
    return out;
}

bool ScenarioBuilder::exposedIn(const QString &operatorId, const QString &jurisdiction) const
{
    const Operator *op = m_catalog.findOperator(operatorId);
    if (!op)
        return false;
    const ExtraterritorialLaw *law = m_catalog.extraterritorialLaw(op->hqCountry, op->parentCountry);
    return law && law->jurisdiction != jurisdiction;
}

std::expected<Placement, QString> ScenarioBuilder::place(int replaced, int source, const QString &origin,
                                                         bool sovereignOnly) const
{
    const ResolvedLocation &at = m_residency[std::size_t(replaced)].location;
    const QString provider = at.provider;
    // A new deployment of A, B or D goes to an ordinary region of the same partition (account
    // realm) as the one it replaces; C takes only sovereign regions, which are realms of their own.
    const Region *own = at.region.isEmpty() ? nullptr : m_catalog.region(provider, at.region);
    std::vector<const Region *> candidates;
    for (const Region &r : m_catalog.regions)
        if (r.provider == provider && m_catalog.jurisdictionOf(r.country) == origin
            && (sovereignOnly ? r.sovereign : !r.sovereign && (!own || r.partition == own->partition)))
            candidates.push_back(&r);
    // Best first: (C) an operator no foreign law reaches, then the smallest region code.
    std::sort(candidates.begin(), candidates.end(), [&](const Region *a, const Region *b) {
        if (sovereignOnly) {
            const bool ea = exposedIn(a->operatorId.isEmpty() ? a->provider : a->operatorId, origin);
            const bool eb = exposedIn(b->operatorId.isEmpty() ? b->provider : b->operatorId, origin);
            if (ea != eb)
                return !ea;
        }
        return a->code < b->code;
    });
    const ResolvedLocation *from = source >= 0 ? &m_residency[std::size_t(source)].location : nullptr;
    const QString kindText = sovereignOnly ? QStringLiteral("sovereign ") : QString();
    if (!candidates.empty()) {
        const Region *chosen = candidates.front();
        QString how = QStringLiteral("the %1%2 region in %3 with the smallest code").arg(kindText, provider, origin);
        if (from && from->provider == provider)
            for (const Region *r : candidates)
                if (r->code == from->region) {
                    chosen = r;
                    how = QStringLiteral("the region of its source %1").arg(m_input.workloads[std::size_t(source)].id);
                    break;
                }
        if (candidates.size() == 1 && chosen == candidates.front() && !how.startsWith(QLatin1String("the region of its source")))
            how = QStringLiteral("the only %1%2 region in %3").arg(kindText, provider, origin);
        if (sovereignOnly && exposedIn(chosen->operatorId.isEmpty() ? chosen->provider : chosen->operatorId, origin)
            && chosen == candidates.front())
            how += QStringLiteral("; no sovereign offering there has an operator free of foreign law");
        return Placement{provider + u':' + chosen->code, chosen->code, provider, origin, chosen->sovereign, how};
    }
    if (from && from->jurisdiction == origin) {
        const Workload &s = m_input.workloads[std::size_t(source)];
        QString suffix;
        switch (from->form) {
        case LocationForm::Region:
        case LocationForm::Zone: suffix = from->region; break;
        case LocationForm::Site: suffix = s.location.mid(s.location.indexOf(u':') + 1); break;
        default: suffix = s.location.section(u':', -1).toLower(); break;
        }
        return Placement{s.location, suffix, from->provider, origin, from->sovereign,
                         QStringLiteral("the location of its source %1 (no %2%3 region in %4)")
                             .arg(s.id, kindText, provider.isEmpty() ? at.reference : provider, origin)};
    }
    if (provider.isEmpty())
        return std::unexpected(QStringLiteral("%1 is not in a cloud region (%2) and no source of the data is in %3")
                                   .arg(m_input.workloads[std::size_t(replaced)].id, at.reference, origin));
    const QString realm = !sovereignOnly && own && !own->partition.isEmpty()
        ? QStringLiteral(" of partition ") + own->partition : QString();
    return std::unexpected(QStringLiteral("no %1%2 region%3 in %4 in the catalog, and no source of the data is there")
                               .arg(kindText, provider, realm, origin));
}

QString ScenarioBuilder::uniqueId(const QString &base)
{
    QString id = base;
    for (int n = 2; m_ids.contains(id); ++n)
        id = base + u'-' + QString::number(n);
    m_ids.insert(id);
    return id;
}

void ScenarioBuilder::record(ChangeAction action, EntityKind kind, const QString &id, const QString &from,
                             const QString &to, const QString &reason, const std::vector<FindingKey> &addresses,
                             const QString &provider)
{
    const QString key = entityKindName(kind) + u'|' + id;
    const QString landing = kind == EntityKind::Workload && action != ChangeAction::Rerouted
        ? jurisdictionOfLocation(to)
        : jurisdictionOf(workloadIndex(to));
    if (const auto it = m_changeOf.constFind(key); it != m_changeOf.cend() && m_plan.changes[*it].action == action) {
        mergeKeys(m_plan.changes[*it].addresses, addresses);
        return;
    }
    ScenarioChange c{action, kind, id, from, to, landing, provider, reason, addresses};
    std::sort(c.addresses.begin(), c.addresses.end());
    m_changeOf.insert(key, m_plan.changes.size());
    m_plan.changes.push_back(std::move(c));
}

int ScenarioBuilder::localWorkload(int replaced, const Placement &where, WorkloadKind kind, const QString &reason,
                                   const std::vector<FindingKey> &addresses)
{
    const QString key = m_out.workloads[std::size_t(replaced)].id + u'|' + where.location + u'|' + enumQName(kind);
    if (const auto it = m_local.constFind(key); it != m_local.cend()) {
        record(ChangeAction::Added, EntityKind::Workload, m_out.workloads[std::size_t(*it)].id, {}, where.location,
               reason, addresses);
        return *it;
    }
    Workload w = m_out.workloads[std::size_t(replaced)];
    w.id = uniqueId(w.id + u'.' + where.idSuffix);
    w.name = (w.name.isEmpty() ? m_out.workloads[std::size_t(replaced)].id : w.name) + QStringLiteral(" (") + where.location + u')';
    w.kind = kind;
    w.location = where.location;
    w.locationSource = m_at;
    w.operatorId.clear();
    w.operatorHq.clear();
    w.holds.clear();
    w.geoRedundant.reset(); // the copy to a region's pair is the old location's: unknown here
    w.source = m_at;
    w.present = fields::workload::Id | fields::workload::Name | fields::workload::Kind | fields::workload::Location
        | (w.present & (fields::workload::External | fields::workload::Certifications | fields::workload::Tags));
    const int index = int(m_out.workloads.size());
    m_local.insert(key, index);
    m_workloadIndex.insert(w.id, index);
    const QString id = w.id;
    m_out.workloads.push_back(std::move(w));
    record(ChangeAction::Added, EntityKind::Workload, id, {}, where.location, reason, addresses, where.provider);
    return index;
}

int ScenarioBuilder::stepWorkload(int beside, WorkloadKind kind, const QString &suffix, const QString &reason,
                                  const std::vector<FindingKey> &addresses)
{
    const Workload &b = m_out.workloads[std::size_t(beside)];
    const QString key = b.id + u'|' + b.location + u'|' + enumQName(kind);
    if (const auto it = m_local.constFind(key); it != m_local.cend()) {
        record(ChangeAction::Added, EntityKind::Workload, m_out.workloads[std::size_t(*it)].id, {}, b.location,
               reason, addresses);
        return *it;
    }
    Workload w;
    w.id = uniqueId(b.id + u'.' + suffix);
    w.name = enumQName(kind) + QStringLiteral(" step beside ") + (b.name.isEmpty() ? b.id : b.name);
    w.kind = kind;
    w.location = b.location;
    w.locationSource = m_at;
    w.operatorId = b.operatorId;
    w.operatorHq = b.operatorHq;
    w.source = m_at;
    w.present = fields::workload::Id | fields::workload::Name | fields::workload::Kind | fields::workload::Location
        | (b.present & (fields::workload::Operator | fields::workload::OperatorHq));
    const int index = int(m_out.workloads.size());
    m_local.insert(key, index);
    m_workloadIndex.insert(w.id, index);
    const QString id = w.id;
    const QString location = w.location;
    const QString provider = beside < int(m_residency.size()) ? m_residency[std::size_t(beside)].location.provider : QString();
    m_out.workloads.push_back(std::move(w));
    record(ChangeAction::Added, EntityKind::Workload, id, {}, location, reason, addresses, provider);
    return index;
}

void ScenarioBuilder::move(int index, const Placement &where, const QString &reason, const std::vector<FindingKey> &addresses)
{
    Workload &w = m_out.workloads[std::size_t(index)];
    const QString from = w.location;
    w.location = where.location;
    w.locationSource = m_at;
    w.operatorId.clear();
    w.operatorHq.clear();
    w.present &= ~(fields::workload::Operator | fields::workload::OperatorHq);
    record(ChangeAction::Moved, EntityKind::Workload, w.id, from, where.location, reason, addresses, where.provider);
}

void ScenarioBuilder::reroute(std::size_t index, int to, const QString &reason, const std::vector<FindingKey> &addresses)
{
    Flow &f = m_out.flows[index];
    const QString from = f.to;
    f.to = m_out.workloads[std::size_t(to)].id;
    f.toSource = m_at;
    record(ChangeAction::Rerouted, EntityKind::Flow, f.id, from, f.to, reason, addresses);
}

std::size_t ScenarioBuilder::addFlow(int from, int to, const DatasetRefs &carries, FlowForm form, const Flow &like,
                                     const QString &reason, const std::vector<FindingKey> &addresses, const QString &idBase,
                                     const QString &continues)
{
    const QString fromId = m_out.workloads[std::size_t(from)].id;
    const QString toId = m_out.workloads[std::size_t(to)].id;
    const QString key = fromId + u'|' + toId + u'|' + enumQName(form);
    std::size_t index = 0;
    if (const auto it = m_addedFlow.constFind(key); it != m_addedFlow.cend()) {
        index = *it;
        Flow &f = m_out.flows[index];
        for (const DatasetRef &r : carries)
            if (!containsRef(f.carries, r.id))
                f.carries.push_back(DatasetRef{r.id, m_at, 0});
    } else {
        Flow f;
        f.id = uniqueId(idBase.isEmpty() ? fromId + QStringLiteral("--") + toId : idBase);
        f.from = fromId;
        f.to = toId;
        f.fromSource = f.toSource = f.source = m_at;
        for (const DatasetRef &r : carries)
            if (!containsRef(f.carries, r.id))
                f.carries.push_back(DatasetRef{r.id, m_at, 0});
        f.form = form;
        f.purpose = like.purpose;
        f.basis = like.basis;
        f.encrypted = like.encrypted;
        f.protections = like.protections;
        f.volumeGbPerDay = like.volumeGbPerDay;
        f.present = fields::flow::Id | fields::flow::From | fields::flow::To | fields::flow::Carries | fields::flow::Form;
        const auto set = [&f](bool on, FieldMask bit) { f.present |= on ? bit : FieldMask(0); };
        set(f.purpose.has_value(), fields::flow::Purpose);
        set(f.basis != Basis::None, fields::flow::Basis);
        set(f.encrypted.has_value(), fields::flow::Encrypted);
        set(f.protections.bits() != 0, fields::flow::Protections);
        set(f.volumeGbPerDay.has_value(), fields::flow::Volume);
        index = m_out.flows.size();
        m_addedFlow.insert(key, index);
        m_flowIndex.insert(f.id, int(index));
        m_out.flows.push_back(std::move(f));
    }
    record(ChangeAction::Added, EntityKind::Flow, m_out.flows[index].id, fromId, toId, reason, addresses);
    if (!continues.isEmpty())
        m_plan.changes[m_changeOf.value(QStringLiteral("flow|") + m_out.flows[index].id)].continues = continues;
    return index;
}

void ScenarioBuilder::notAddressed(const ScopePair &pair, const QString &reason)
{
    m_plan.notAddressed.push_back(NotAddressed{pair.kind, pair.subjectId, pair.dataset, reason, pair.keys});
}

void ScenarioBuilder::treated(const ScopePair &pair)
{
    m_treated.insert(m_treated.end(), pair.keys.begin(), pair.keys.end());
}

std::expected<ScenarioPlan, QString> ScenarioBuilder::finish(std::vector<ScopePair> inScope)
{
    for (const ScopePair &p : inScope)
        m_plan.inScope.insert(m_plan.inScope.end(), p.keys.begin(), p.keys.end());
    mergeKeys(m_plan.inScope, {});
    mergeKeys(m_treated, {});
    m_plan.treated = std::move(m_treated);
    std::sort(m_plan.notAddressed.begin(), m_plan.notAddressed.end(), [](const NotAddressed &a, const NotAddressed &b) {
        return std::tie(a.subjectKind, a.subjectId, a.dataset) < std::tie(b.subjectKind, b.subjectId, b.dataset);
    });
    m_out.buildIndex();
    Diagnostics diagnostics;
    validateInventory(m_out, m_catalog, diagnostics);
    QStringList errors;
    for (const Diagnostic &d : std::as_const(diagnostics))
        if (d.severity == Severity::Error)
            errors << d.toString();
    if (!errors.isEmpty())
        return std::unexpected(QStringLiteral("the scenario inventory of pattern %1 is not valid: %2")
                                   .arg(patternLetter(m_plan.pattern), errors.join(QStringLiteral("; "))));
    m_plan.inventory = std::make_shared<const Inventory>(std::move(m_out));
    return std::move(m_plan);
}

} // namespace atlas
