#include "policyengine.h"

#include "policypaths.h"

#include <QSet>

#include <algorithm>

namespace atlas {

namespace {

// One subject under evaluation: indexes into the facts.
struct Subject
{
    SubjectKind kind = SubjectKind::Workload;
    std::uint32_t workload = 0;  // the workload, or the holder
    std::uint32_t flow = 0;
    std::uint32_t pair = 0;      // flow pair / access pair
    std::uint32_t dataset = 0;
    std::uint32_t access = 0;
    std::uint32_t holding = 0;
    bool hasDataset = false;
};

class Evaluator
{
public:
    Evaluator(const RuleSet &rules, const PolicyFacts &facts) : m_rules(rules), m_f(facts), m_paths(policyPaths()) {}

    std::uint32_t workloadOf(PathRole role, const Subject &s) const
    {
        switch (role) {
        case PathRole::Source: return m_f.flowFrom[s.flow];
        case PathRole::Destination: return m_f.flowTo[s.flow];
        case PathRole::AccessTo: return m_f.access[s.access].toWorkload;
        default: return s.workload;
        }
    }

    FactValue get(std::uint16_t pathIndex, const Subject &s) const
    {
        const PathInfo &p = m_paths[pathIndex];
        return get(p.role, p.field, s);
    }

    FactValue get(PathRole role, PathField field, const Subject &s) const
    {
        const Inventory &inv = *m_f.inventory;
        switch (role) {
        case PathRole::Workload:
        case PathRole::Source:
        case PathRole::Destination:
        case PathRole::AccessTo: {
            const std::uint32_t w = workloadOf(role, s);
            const WorkloadFacts &wf = m_f.workloads[w];
            switch (field) {
            case PathField::WId: return FactValue::symbol(wf.id);
            case PathField::WName: return FactValue::symbol(wf.name);
            case PathField::WKind: return FactValue::enumValue(wf.kind);
            case PathField::WExternal: return FactValue::boolean(wf.external);
            case PathField::WCarriesData: return FactValue::boolean(wf.carriesData);
            case PathField::WCertifications: return FactValue::enumSet(wf.certifications);
            case PathField::WLocProvider: return FactValue::symbol(wf.provider);
            case PathField::WLocRegion: return FactValue::symbol(wf.region);
            case PathField::WLocCountry: return FactValue::symbol(wf.country);
            case PathField::WLocJurisdiction: return FactValue::symbol(wf.jurisdiction);
            case PathField::WLocSovereign: return FactValue::boolean(wf.sovereign);
            case PathField::WOpId: return FactValue::symbol(wf.operatorId);
            case PathField::WOpHqJurisdiction: return FactValue::symbol(wf.operatorHq);
            case PathField::WOpExtraterritorial: return FactValue::tri(wf.extraterritorial);
            default: return {};
            }
        }
        case PathRole::Dataset: {
            if (!s.hasDataset)
                return {};
            const DatasetFacts &df = m_f.datasets[s.dataset];
            switch (field) {
            case PathField::DId: return FactValue::symbol(df.id);
            case PathField::DName: return FactValue::symbol(df.name);
            case PathField::DClassification: return FactValue::enumValue(df.classification);
            case PathField::DCategories: return FactValue::enumSet(df.categories);
            case PathField::DOrigin: return FactValue::symbol(df.origin);
            case PathField::DConsentTraining: return FactValue::boolean(df.consentTraining);
            case PathField::DConsentAnalytics: return FactValue::boolean(df.consentAnalytics);
            case PathField::DRetentionDays: return df.retentionDays >= 0 ? FactValue::integer(df.retentionDays) : FactValue{};
            case PathField::DRedacted: return FactValue::tri(df.redacted);
            case PathField::DKeysCustody: return df.custody >= 0 ? FactValue::enumValue(df.custody) : FactValue{};
            case PathField::DKeysJurisdiction: return FactValue::symbol(df.keysJurisdiction);
            case PathField::DLocalisation: return df.localisation >= 0 ? FactValue::enumValue(df.localisation) : FactValue{};
            case PathField::DHeldIn: return FactValue::symbolSet(&df.heldIn);
            case PathField::DReaches: return FactValue::symbolSet(&df.reaches);
            case PathField::DKeysOutsideOrigin: return FactValue::tri(df.keysOutsideOrigin);
            case PathField::DKeysDeclared: return FactValue::boolean(df.keysDeclared);
            case PathField::DTelemetry: return FactValue::boolean(df.telemetry);
            case PathField::DMandateKind:
                return df.mandate.mandate < 0 ? FactValue{}
                    : FactValue::enumValue(int(m_f.catalog->mandates[std::size_t(df.mandate.mandate)].kind));
            case PathField::DMandateConditional:
                return df.mandate.mandate < 0 ? FactValue{}
                    : FactValue::boolean(m_f.catalog->mandates[std::size_t(df.mandate.mandate)].conditional);
            case PathField::DMandateApplies: return FactValue::boolean(df.mandate.mandate >= 0 && df.mandate.applies);
            case PathField::DPrimaryCopyMissing: return FactValue::tri(df.primaryCopyMissing);
            default: return {};
            }
        }
        case PathRole::Flow: {
            const FlowFacts &ff = m_f.flows[s.flow];
            switch (field) {
            case PathField::FId: {
                // Flow ids are not interned (10^6 of them); a literal compares through the table.
                const Symbol sym = m_f.symbols->find(inv.flows[s.flow].id);
                return FactValue{FactValue::Kind::Sym, sym ? sym : std::int64_t(0xFFFFFFFF), 0, nullptr};
            }
            case PathField::FForm: return FactValue::enumValue(ff.form);
            case PathField::FPurpose: return ff.purpose >= 0 ? FactValue::enumValue(ff.purpose) : FactValue{};
            case PathField::FBasis: return FactValue::enumValue(ff.basis);
            case PathField::FEncrypted: return FactValue::tri(ff.encrypted);
            case PathField::FProtections: return FactValue::enumSet(ff.protections);
            case PathField::FVolume: {
                const Flow &fl = inv.flows[s.flow]; // rarely read: not worth a copy
                return fl.volumeGbPerDay ? FactValue::number(*fl.volumeGbPerDay) : FactValue{};
            }
            case PathField::FCrossesBorder: return FactValue::tri(ff.crossesBorder);
            case PathField::FCrossesJurisdiction: return FactValue::tri(ff.crossesJurisdiction);
            case PathField::FPersonalForm: return FactValue::boolean(ff.personalForm);
            case PathField::FLeavesOrigin: return s.hasDataset ? FactValue::tri(m_f.flowPairs[s.pair].leavesOrigin) : FactValue{};
            case PathField::FDestinationAdequate: return s.hasDataset ? FactValue::tri(m_f.flowPairs[s.pair].adequacy.adequate) : FactValue{};
            case PathField::FLocalisationBreach: return s.hasDataset ? FactValue::tri(m_f.flowPairs[s.pair].localisationBreach) : FactValue{};
            default: return {};
            }
        }
        case PathRole::Holding: {
            const HoldingFacts &h = m_f.holdings[s.holding];
            switch (field) {
            case PathField::HOutsideOrigin: return FactValue::tri(h.outsideOrigin);
            case PathField::HOperatorForeign: return FactValue::tri(h.operatorForeign);
            case PathField::HLocalisationBreach: return FactValue::tri(h.localisationBreach);
            default: return {};
            }
        }
        case PathRole::Access: {
            const AccessFacts &af = m_f.access[s.access];
            const AccessPairFacts &ap = m_f.accessPairs[s.pair];
            switch (field) {
            case PathField::AId: return FactValue::symbol(af.id);
            case PathField::ARole: return FactValue::symbol(af.role);
            case PathField::APurpose: return FactValue::symbol(af.purpose);
            case PathField::ABasis: return FactValue::enumValue(int(inv.access[s.access].basis));
            case PathField::AFromProvider: return FactValue::symbol(af.provider);
            case PathField::AFromRegion: return FactValue::symbol(af.region);
            case PathField::AFromCountry: return FactValue::symbol(af.country);
            case PathField::AFromJurisdiction: return FactValue::symbol(af.jurisdiction);
            case PathField::ALeavesOrigin: return FactValue::tri(ap.leavesOrigin);
            case PathField::ADestinationAdequate: return FactValue::tri(ap.adequacy.adequate);
            default: return {};
            }
        }
        }
        return {};
    }

    static bool member(const FactValue &v, std::int64_t x)
    {
        if (v.kind == FactValue::Kind::EnumSet)
            return x >= 0 && x < 32 && (v.i & (std::int64_t(1) << x)) != 0;
        if (v.kind == FactValue::Kind::SymSet)
            return std::binary_search(v.set->begin(), v.set->end(), std::uint32_t(x));
        return v.i == x;
    }

    static bool scalarEquals(const FactValue &v, const FactValue &arg)
    {
        if (v.kind == FactValue::Kind::Number || arg.kind == FactValue::Kind::Number) {
            const double a = v.kind == FactValue::Kind::Number ? v.d : double(v.i);
            const double b = arg.kind == FactValue::Kind::Number ? arg.d : double(arg.i);
            return a == b;
        }
        return v.i == arg.i;
    }

    static double numeric(const FactValue &v) { return v.kind == FactValue::Kind::Number ? v.d : double(v.i); }

    bool eval(const CompiledRule &rule, std::uint32_t node, const Subject &s) const
    {
        const RuleExpr &e = rule.nodes[node];
        using Op = RuleExpr::Op;
        switch (e.op) {
        case Op::All:
            for (std::uint32_t c : e.children)
                if (!eval(rule, c, s))
                    return false;
            return true;
        case Op::Any:
            for (std::uint32_t c : e.children)
                if (eval(rule, c, s))
                    return true;
            return false;
        case Op::Not:
            return !eval(rule, e.children.front(), s);
        default:
            break;
        }
        const FactValue v = get(PathRole(e.role), PathField(e.field), s);
        if (e.op == Op::IsUnknown)
            return v.isUnknown();
        if (e.op == Op::NotExists)
            return v.isUnknown();
        if (v.isUnknown()) // a leaf on an unknown or absent value is false, unless it names unknown
            return e.unknownMatches && e.op == Op::In;
        const bool isSet = v.kind == FactValue::Kind::EnumSet || v.kind == FactValue::Kind::SymSet;
        switch (e.op) {
        case Op::Exists: return true;
        case Op::Eq: return isSet ? member(v, e.arg.i) : scalarEquals(v, e.arg);
        case Op::In:
        case Op::ContainsAny:
            if (v.kind == FactValue::Kind::EnumSet)
                return (v.i & e.mask) != 0;
            for (std::int64_t x : e.list)
                if (member(v, x))
                    return true;
            return false;
        case Op::NotIn:
            if (v.kind == FactValue::Kind::EnumSet)
                return (v.i & e.mask) == 0;
            for (std::int64_t x : e.list)
                if (member(v, x))
                    return false;
            return true;
        case Op::ContainsAll:
            if (v.kind == FactValue::Kind::EnumSet)
                return (v.i & e.mask) == e.mask;
            for (std::int64_t x : e.list)
                if (!member(v, x))
                    return false;
            return true;
        case Op::Gt: return numeric(v) > numeric(e.arg);
        case Op::Gte: return numeric(v) >= numeric(e.arg);
        case Op::Lt: return numeric(v) < numeric(e.arg);
        case Op::Lte: return numeric(v) <= numeric(e.arg);
        default: return false;
        }
    }

    QString describe(std::uint16_t pathIndex, const Subject &s) const
    {
        const PathInfo &p = m_paths[pathIndex];
        if (p.field == PathField::FId)
            return m_f.inventory->flows[s.flow].id;
        const FactValue v = get(pathIndex, s);
        QString text;
        switch (v.kind) {
        case FactValue::Kind::Unknown: {
            // A field the inventory did not set is "absent"; a fact that cannot be derived is "unknown".
            const bool inputField = p.field == PathField::DRedacted || p.field == PathField::FEncrypted
                || p.field == PathField::DRetentionDays || p.field == PathField::DKeysCustody
                || p.field == PathField::DLocalisation || p.field == PathField::FPurpose || p.field == PathField::FVolume;
            text = inputField ? QStringLiteral("absent") : QStringLiteral("unknown");
            break;
        }
        case FactValue::Kind::Bool: text = v.i ? QStringLiteral("true") : QStringLiteral("false"); break;
        case FactValue::Kind::Int: text = QString::number(v.i); break;
        case FactValue::Kind::Number: text = QString::number(v.d); break;
        case FactValue::Kind::Enum: text = p.values.value(qsizetype(v.i)); break;
        case FactValue::Kind::Sym: text = m_f.symbols->name(Symbol(v.i)); break;
        case FactValue::Kind::EnumSet: {
            QStringList items;
            for (qsizetype i = 0; i < p.values.size(); ++i)
                if (v.i & (std::int64_t(1) << i))
                    items << p.values[i];
            text = u'[' + items.join(u", ") + u']';
            break;
        }
        case FactValue::Kind::SymSet: {
            QStringList items;
            for (std::uint32_t x : *v.set)
                items << m_f.symbols->name(x);
            items.sort();
            text = u'[' + items.join(u", ") + u']';
            break;
        }
        }
        // Adequacy is a conclusion: say why.
        if (p.field == PathField::FDestinationAdequate && s.hasDataset)
            text += QStringLiteral(" (") + m_f.reasons.value(m_f.flowPairs[s.pair].adequacy.reason) + u')';
        if (p.field == PathField::ADestinationAdequate)
            text += QStringLiteral(" (") + m_f.reasons.value(m_f.accessPairs[s.pair].adequacy.reason) + u')';
        return text;
    }

    const RuleSet &m_rules;
    const PolicyFacts &m_f;
    std::span<const PathInfo> m_paths;
};

struct SubjectKey
{
    SubjectKind kind;
    QString id;
    QString dataset;
    friend bool operator==(const SubjectKey &, const SubjectKey &) = default;
};
size_t qHash(const SubjectKey &k, size_t seed = 0)
{
    return qHashMulti(seed, int(k.kind), k.id, k.dataset);
}

} // namespace

void sortFindings(std::vector<Finding> &findings)
{
    // Sort indexes, not 200-byte findings, then move each finding once.
    auto less = [&](std::uint32_t x, std::uint32_t y) {
        const Finding &a = findings[x], &b = findings[y];
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (const int c = a.rule.compare(b.rule))
            return c < 0;
        if (a.subjectKind != b.subjectKind)
            return a.subjectKind < b.subjectKind;
        if (const int c = a.subjectId.compare(b.subjectId))
            return c < 0;
        return a.dataset < b.dataset;
    };
    std::vector<std::uint32_t> order(findings.size());
    for (std::uint32_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), less);
    std::vector<Finding> sorted;
    sorted.reserve(findings.size());
    for (std::uint32_t i : order)
        sorted.push_back(std::move(findings[i]));
    findings = std::move(sorted);
}

std::vector<Finding> evaluatePolicies(const RuleSet &rules, const PolicyFacts &facts,
                                      const EvaluationOptions &options)
{
    const Inventory &inv = *facts.inventory;
    Evaluator ev(rules, facts);
    std::vector<Finding> findings;

    // Clauses grouped by subject kind: every subject is visited once and all clauses of its
    // kind run on it while its facts are in cache.
    struct Active
    {
        const CompiledRule *rule;
        const RuleClause *clause;
        std::size_t ruleIndex;
    };
    std::vector<Active> byKind[5];
    std::vector<bool> mayRepeat(rules.rules.size(), false);
    for (std::size_t r = 0; r < rules.rules.size(); ++r) {
        const CompiledRule &rule = rules.rules[r];
        if (options.disabled.contains(rule.id))
            continue;
        for (std::size_t a = 0; a < rule.clauses.size(); ++a) {
            byKind[std::size_t(rule.clauses[a].kind)].push_back({&rule, &rule.clauses[a], r});
            for (std::size_t b = a + 1; b < rule.clauses.size(); ++b)
                if (rule.clauses[a].kind == rule.clauses[b].kind)
                    mayRepeat[r] = true; // a subject matched by two clauses is one finding
        }
    }
    std::vector<QSet<SubjectKey>> seen(rules.rules.size());

    auto emit = [&](const Active &active, const Subject &s, const QString &id, const SourceRef &source) {
        const CompiledRule &rule = *active.rule;
        const QString dataset = s.hasDataset ? inv.datasets[s.dataset].id : QString();
        if (mayRepeat[active.ruleIndex]) {
            const SubjectKey key{s.kind, id, dataset};
            if (seen[active.ruleIndex].contains(key))
                return;
            seen[active.ruleIndex].insert(key);
        }
        if (options.countOnly) {
            ++*options.countOnly;
            return;
        }
        Finding f;
        f.rule = rule.id;
        f.title = rule.title;
        f.severity = rule.severity;
        f.subjectKind = s.kind;
        f.subjectId = id;
        f.dataset = dataset;
        f.source = source;
        f.remediation = rule.remediation;
        f.references = rule.references;
        for (const MessagePart &part : active.clause->message)
            f.message += part.path < 0 ? part.text : ev.describe(std::uint16_t(part.path), s);
        f.evidence.reserve(qsizetype(active.clause->readPaths.size()));
        for (std::uint16_t p : active.clause->readPaths)
            f.evidence.append(Evidence{policyPaths()[p].name, ev.describe(p, s)});
        findings.push_back(std::move(f));
    };
    auto run = [&](SubjectKind kind, const Subject &s, const QString &id, const SourceRef &source, bool perDataset) {
        for (const Active &a : byKind[std::size_t(kind)])
            if (a.clause->perDataset == perDataset && ev.eval(*a.rule, a.clause->root, s))
                emit(a, s, id, source);
    };

    Subject s;
    s.kind = SubjectKind::Workload;
    if (!byKind[std::size_t(SubjectKind::Workload)].empty())
        for (std::uint32_t w = 0; w < inv.workloads.size(); ++w) {
            s.workload = w;
            run(SubjectKind::Workload, s, inv.workloads[w].id, inv.workloads[w].source, true);
        }
    s = Subject{};
    s.kind = SubjectKind::Dataset;
    s.hasDataset = true;
    if (!byKind[std::size_t(SubjectKind::Dataset)].empty())
        for (std::uint32_t d = 0; d < inv.datasets.size(); ++d) {
            s.dataset = d;
            run(SubjectKind::Dataset, s, inv.datasets[d].id, inv.datasets[d].source, true);
        }
    s = Subject{};
    s.kind = SubjectKind::Holding;
    s.hasDataset = true;
    if (!byKind[std::size_t(SubjectKind::Holding)].empty())
        for (std::uint32_t h = 0; h < facts.holdings.size(); ++h) {
            const HoldingFacts &hf = facts.holdings[h];
            s.holding = h;
            s.workload = hf.workload;
            s.dataset = hf.dataset;
            const Workload &w = inv.workloads[hf.workload];
            run(SubjectKind::Holding, s, w.id, hf.holdsIndex < w.holdsSources.size() ? w.holdsSources[hf.holdsIndex] : w.source, true);
        }
    s = Subject{};
    s.kind = SubjectKind::Access;
    s.hasDataset = true;
    if (!byKind[std::size_t(SubjectKind::Access)].empty())
        for (std::uint32_t p = 0; p < facts.accessPairs.size(); ++p) {
            const AccessPairFacts &ap = facts.accessPairs[p];
            s.pair = p;
            s.access = ap.access;
            s.dataset = ap.dataset;
            s.workload = facts.access[ap.access].toWorkload;
            run(SubjectKind::Access, s, inv.access[ap.access].id, inv.access[ap.access].source, true);
        }
    s = Subject{};
    s.kind = SubjectKind::Flow;
    if (!byKind[std::size_t(SubjectKind::Flow)].empty())
        for (std::uint32_t fi = 0; fi < inv.flows.size(); ++fi) {
            const FlowFacts &ff = facts.flows[fi];
            const Flow &fl = inv.flows[fi];
            s.flow = fi;
            s.hasDataset = false;
            run(SubjectKind::Flow, s, fl.id, fl.source, false);
            s.hasDataset = true;
            for (std::uint32_t k = 0; k < ff.pairCount; ++k) {
                s.pair = ff.firstPair + k;
                s.dataset = facts.flowPairDataset[s.pair];
                run(SubjectKind::Flow, s, fl.id, fl.source, true);
            }
        }

    // Waivers: through `expires` inclusive; after it the finding says the waiver expired.
    QHash<QString, const Waiver *> waivers;
    for (const Waiver &w : inv.waivers) {
        const QString key = w.rule + u'\n' + w.subject;
        const Waiver *&slot = waivers[key];
        if (!slot || w.expires > slot->expires)
            slot = &w;
    }
    if (!waivers.isEmpty()) {
        for (Finding &f : findings) {
            const Waiver *w = waivers.value(f.rule + u'\n' + f.subjectId);
            if (!w)
                continue;
            f.status = options.asOf <= w->expires ? FindingStatus::Waived : FindingStatus::WaiverExpired;
            f.waiverExpires = w->expires;
            f.waiverReason = w->reason;
        }
    }
    sortFindings(findings);
    return findings;
}

} // namespace atlas
