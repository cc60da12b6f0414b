#include "policyevaluator.h"

#include <algorithm>

namespace atlas {

PolicyEvaluator::PolicyEvaluator(const PolicyFacts &facts, const RuleSet &rules, const std::vector<bool> *tainted)
    : m_f(facts), m_ruleSymbols(rules.symbols), m_paths(policyPaths()), m_tainted(tainted)
{
    m_bind.resize(rules.symbols.size(), NoMatch);
    m_bind[NoSymbol] = NoSymbol;
    for (std::uint32_t s = 1; s < rules.symbols.size(); ++s)
        if (const Symbol f = facts.symbols.find(rules.symbols.name(s)))
            m_bind[s] = f;
}

std::uint32_t PolicyEvaluator::workloadOf(PathRole role, const Subject &s) const
{
    switch (role) {
    case PathRole::Source: return m_f.flowFrom[s.flow];
    case PathRole::Destination: return m_f.flowTo[s.flow];
    case PathRole::AccessTo: return m_f.access[s.access].toWorkload;
    default: return s.workload;
    }
}

FactValue PolicyEvaluator::get(std::uint16_t pathIndex, const Subject &s) const
{
    const PathInfo &p = m_paths[pathIndex];
    return get(p.role, p.field, s);
}

FactValue PolicyEvaluator::get(PathRole role, PathField field, const Subject &s) const
{
    switch (role) {
    case PathRole::Workload:
    case PathRole::Source:
    case PathRole::Destination:
    case PathRole::AccessTo: return workloadFact(field, m_f.workloads[workloadOf(role, s)]);
    case PathRole::Dataset: return s.hasDataset ? datasetFact(field, m_f.datasets[s.dataset]) : FactValue{};
    case PathRole::Flow: return flowFact(field, s);
    case PathRole::Holding: return holdingFact(field, m_f.holdings[s.holding]);
    case PathRole::Access: return accessFact(field, s);
    }
    return {};
}

FactValue PolicyEvaluator::workloadFact(PathField field, const WorkloadFacts &wf) const
{
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
    case PathField::WLocProblem: return FactValue::symbol(wf.locationProblem);
    case PathField::WOpLaw: return FactValue::symbol(wf.operatorLaw);
    case PathField::WUnclassifiedStore: return FactValue::boolean(wf.unclassifiedStore);
    case PathField::WOpId: return FactValue::symbol(wf.operatorId);
    case PathField::WOpHqJurisdiction: return FactValue::symbol(wf.operatorHq);
    case PathField::WOpExtraterritorial: return FactValue::tri(wf.extraterritorial);
    default: return {};
    }
}

FactValue PolicyEvaluator::datasetFact(PathField field, const DatasetFacts &df) const
{
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
    case PathField::DTrainingBasis: return df.trainingBasis >= 0 ? FactValue::enumValue(df.trainingBasis) : FactValue{};
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
    case PathField::DMandateName: return FactValue::symbol(df.mandateName);
    case PathField::DMandateProcessingHours: {
        const int hours = df.mandate.mandate >= 0 ? m_f.catalog->mandates[std::size_t(df.mandate.mandate)].processingAbroadHours : 0;
        return hours > 0 ? FactValue::integer(hours) : FactValue{};
    }
    case PathField::DOriginLaw: return FactValue::symbol(df.originLaw);
    case PathField::DOriginTransferLaw: return FactValue::symbol(df.originTransferLaw);
    case PathField::DOriginRegime: return df.origin ? FactValue::enumValue(df.originRegime) : FactValue{};
    default: return {};
    }
}

FactValue PolicyEvaluator::flowFact(PathField field, const Subject &s) const
{
    const Inventory &inv = *m_f.inventory;
    const FlowFacts &ff = m_f.flows[s.flow];
    switch (field) {
    case PathField::FId: {
        // Flow ids are not interned (10^6 of them): the id is looked up among the rules'
        // constants instead, and eval() compares it unbound.
        const Symbol sym = m_ruleSymbols.find(inv.flows[s.flow].id);
        return FactValue{FactValue::Kind::Sym, sym ? sym : std::int64_t(NoMatch), 0, nullptr};
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
    case PathField::FCarriesRestricted: return FactValue::boolean(ff.carriesRestricted);
    default: break;
    }
    if (!s.hasDataset)
        return {};
    const FlowPairFacts &p = m_f.flowPairs[s.pair];
    switch (field) {
    case PathField::FProcessingAbroad: return FactValue::tri(p.processingAbroad);
    case PathField::FBasisNotCounted: return FactValue::tri(p.law.basisNotCounted);
    case PathField::FBasisInstead: return FactValue::symbol(p.law.basisInstead);
    case PathField::FPriorStepMissing: return FactValue::tri(p.law.priorStepMissing);
    case PathField::FPriorStepsMissing: return FactValue::symbol(p.law.priorStepsMissing);
    case PathField::FDerived: return FactValue::boolean(p.derived);
    case PathField::FDerivedFrom: return p.lineage >= 0 ? FactValue::symbol(m_f.lineage[std::size_t(p.lineage)].text) : FactValue{};
    case PathField::FDerivedTainted:
        // Known only in the second phase (policyengine.cpp), once the tainting rules have run.
        return m_tainted && p.lineage >= 0 ? FactValue::boolean((*m_tainted)[s.pair]) : FactValue{};
    default: return {};
    }
}

FactValue PolicyEvaluator::holdingFact(PathField field, const HoldingFacts &h) const
{
    switch (field) {
    case PathField::HOutsideOrigin: return FactValue::tri(h.outsideOrigin);
    case PathField::HOperatorForeign: return FactValue::tri(h.operatorForeign);
    case PathField::HLocalisationBreach: return FactValue::tri(h.localisationBreach);
    case PathField::HRole: return FactValue::enumValue(h.role);
    default: return {};
    }
}

FactValue PolicyEvaluator::accessFact(PathField field, const Subject &s) const
{
    const Inventory &inv = *m_f.inventory;
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
    case PathField::ABasisNotCounted: return FactValue::tri(ap.law.basisNotCounted);
    case PathField::ABasisInstead: return FactValue::symbol(ap.law.basisInstead);
    case PathField::APriorStepMissing: return FactValue::tri(ap.law.priorStepMissing);
    case PathField::APriorStepsMissing: return FactValue::symbol(ap.law.priorStepsMissing);
    default: return {};
    }
}

bool PolicyEvaluator::member(const FactValue &v, std::int64_t x)
{
    if (v.kind == FactValue::Kind::EnumSet)
        return x >= 0 && x < 32 && (v.i & (std::int64_t(1) << x)) != 0;
    if (v.kind == FactValue::Kind::SymSet)
        return std::binary_search(v.set->begin(), v.set->end(), std::uint32_t(x));
    return v.i == x;
}

bool PolicyEvaluator::scalarEquals(const FactValue &v, const FactValue &arg)
{
    if (v.kind == FactValue::Kind::Number || arg.kind == FactValue::Kind::Number) {
        const double a = v.kind == FactValue::Kind::Number ? v.d : double(v.i);
        const double b = arg.kind == FactValue::Kind::Number ? arg.d : double(arg.i);
        return a == b;
    }
    return v.i == arg.i;
}


bool PolicyEvaluator::eval(const CompiledRule &rule, std::uint32_t node, const Subject &s) const
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
    // Symbols of the facts compare with the rules' constants through the binding; enum
    // ordinals and numbers as they are. A flow id is already a rule symbol (see get()).
    const bool bind = (v.kind == FactValue::Kind::Sym || v.kind == FactValue::Kind::SymSet)
        && PathField(e.field) != PathField::FId;
    auto constant = [&](std::int64_t x) { return bind ? bound(x) : x; };
    switch (e.op) {
    case Op::Exists: return true;
    case Op::Eq:
        if (isSet)
            return member(v, constant(e.arg.i));
        return bind ? v.i == constant(e.arg.i) : scalarEquals(v, e.arg);
    case Op::In:
    case Op::ContainsAny:
        if (v.kind == FactValue::Kind::EnumSet)
            return (v.i & e.mask) != 0;
        for (std::int64_t x : e.list)
            if (member(v, constant(x)))
                return true;
        return false;
    case Op::NotIn:
        if (v.kind == FactValue::Kind::EnumSet)
            return (v.i & e.mask) == 0;
        for (std::int64_t x : e.list)
            if (member(v, constant(x)))
                return false;
        return true;
    case Op::ContainsAll:
        if (v.kind == FactValue::Kind::EnumSet)
            return (v.i & e.mask) == e.mask;
        for (std::int64_t x : e.list)
            if (!member(v, constant(x)))
                return false;
        return true;
    case Op::Gt: return numeric(v) > numeric(e.arg);
    case Op::Gte: return numeric(v) >= numeric(e.arg);
    case Op::Lt: return numeric(v) < numeric(e.arg);
    case Op::Lte: return numeric(v) <= numeric(e.arg);
    default: return false;
    }
}

QString PolicyEvaluator::describe(std::uint16_t pathIndex, const Subject &s) const
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
            || p.field == PathField::DLocalisation || p.field == PathField::DTrainingBasis || p.field == PathField::FPurpose || p.field == PathField::FVolume;
        text = inputField ? QStringLiteral("absent") : QStringLiteral("unknown");
        break;
    }
    case FactValue::Kind::Bool: text = v.i ? QStringLiteral("true") : QStringLiteral("false"); break;
    case FactValue::Kind::Int: text = QString::number(v.i); break;
    case FactValue::Kind::Number: text = QString::number(v.d); break;
    case FactValue::Kind::Enum: text = p.values.value(qsizetype(v.i)); break;
    case FactValue::Kind::Sym: text = m_f.symbols.name(Symbol(v.i)); break;
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
            items << m_f.symbols.name(x);
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

QString PolicyEvaluator::render(const std::vector<MessagePart> &parts, const Subject &s, bool *complete) const
{
    QString out;
    for (const MessagePart &part : parts) {
        if (part.path < 0) {
            out += part.text;
            continue;
        }
        if (complete && get(std::uint16_t(part.path), s).isUnknown())
            *complete = false;
        out += describe(std::uint16_t(part.path), s);
    }
    return out;
}

void PolicyEvaluator::originsOf(const Subject &s, Symbols &out) const
{
    const Inventory &inv = *m_f.inventory;
    if (s.hasDataset) {
        out.push_back(m_f.datasets[s.dataset].origin);
    } else if (s.kind == SubjectKind::Flow) {
        for (std::uint32_t d : linkedIndexes(inv.flows[s.flow].carries))
            out.push_back(m_f.datasets[d].origin);
    } else if (s.kind == SubjectKind::Workload) {
        for (std::uint32_t d : linkedIndexes(inv.workloads[s.workload].holds))
            out.push_back(m_f.datasets[d].origin);
    }
}

void PolicyEvaluator::involved(const Subject &s, Symbols &out) const
{
    originsOf(s, out);
    auto addWorkload = [&](std::uint32_t w) {
        const WorkloadFacts &wf = m_f.workloads[w];
        out.push_back(wf.jurisdiction);
        if (wf.extraterritorial > 0)
            out.push_back(wf.lawJurisdiction);
    };
    switch (s.kind) {
    case SubjectKind::Flow:
        addWorkload(m_f.flowFrom[s.flow]);
        addWorkload(m_f.flowTo[s.flow]);
        break;
    case SubjectKind::Holding:
    case SubjectKind::Workload:
        addWorkload(s.workload);
        break;
    case SubjectKind::Access:
        out.push_back(m_f.access[s.access].jurisdiction);
        addWorkload(m_f.access[s.access].toWorkload);
        break;
    case SubjectKind::Dataset: {
        const DatasetFacts &df = m_f.datasets[s.dataset];
        for (std::uint32_t h : df.heldIn)
            out.push_back(h);
        out.push_back(df.keysJurisdiction);
        break;
    }
    }
}

bool PolicyEvaluator::anyOf(const Symbols &symbols, const std::vector<Symbol> &wanted) const
{
    return std::any_of(symbols.begin(), symbols.end(), [&](Symbol x) {
        return x != NoSymbol && std::any_of(wanted.begin(), wanted.end(), [&](Symbol w) { return bound(w) == x; });
    });
}

QStringList PolicyEvaluator::references(const RuleClause &clause, const Subject &s) const
{
    QStringList out;
    Symbols origins, all;
    bool haveOrigins = false, haveAll = false;
    for (const RuleReference &ref : clause.references) {
        if (ref.classifications && !(s.hasDataset
                                     && (ref.classifications & (1u << m_f.datasets[s.dataset].classification))))
            continue;
        if (!ref.origins.empty()) {
            if (!haveOrigins) {
                originsOf(s, origins);
                haveOrigins = true;
            }
            if (!anyOf(origins, ref.origins))
                continue;
        }
        if (!ref.involves.empty()) {
            if (!haveAll) {
                involved(s, all);
                haveAll = true;
            }
            if (!anyOf(all, ref.involves))
                continue;
        }
        bool complete = true;
        const QString text = render(ref.text, s, &complete);
        if (complete && !out.contains(text))
            out << text;
    }
    return out;
}

} // namespace atlas
