#include "policyengine.h"

#include "policyevaluator.h"
#include "policypaths.h"

#include <algorithm>
#include <thread>

namespace atlas {

namespace {

// A finding's place in the order, in 32 bytes: comparing these instead of the findings (200
// bytes each, strings elsewhere in memory) keeps a sort of 300 000 findings in the cache.
struct SortKey
{
    std::uint64_t idPrefix[2]; // the subject id's first 8 UTF-16 units, zero-padded, big-endian
    std::uint32_t rule;        // rank of the rule id among the findings' rule ids
    std::uint32_t index;
    RuleSeverity severity;
    SubjectKind subjectKind;
};

SortKey sortKey(const Finding &f, std::uint32_t rule, std::uint32_t index)
{
    SortKey k{{0, 0}, rule, index, f.severity, f.subjectKind};
    const qsizetype n = std::min<qsizetype>(f.subjectId.size(), 8);
    for (qsizetype i = 0; i < n; ++i)
        k.idPrefix[i / 4] |= std::uint64_t(f.subjectId.at(i).unicode()) << (16 * (3 - i % 4));
    return k;
}

} // namespace

bool findingBefore(const Finding &a, const Finding &b)
{
    if (a.severity != b.severity)
        return a.severity > b.severity;
    if (const int c = a.rule.compare(b.rule))
        return c < 0;
    if (a.subjectKind != b.subjectKind)
        return a.subjectKind < b.subjectKind;
    if (const int c = a.subjectId.compare(b.subjectId))
        return c < 0;
    return a.dataset < b.dataset;
}

void sortFindings(std::vector<Finding> &findings)
{
    // By severity (most severe first), rule, subject kind, subject id, dataset; stable. Equal
    // id prefixes (zero padding sorts a shorter id first, as QString does) fall back to the ids.
    QStringList rules;
    for (const Finding &f : findings)
        if (rules.isEmpty() || rules.back() != f.rule) // findings come grouped by rule
            rules.append(f.rule);
    std::sort(rules.begin(), rules.end());
    rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
    std::vector<SortKey> keys;
    keys.reserve(findings.size());
    for (std::uint32_t i = 0; i < findings.size(); ++i) {
        const auto rule = std::lower_bound(rules.cbegin(), rules.cend(), findings[i].rule) - rules.cbegin();
        keys.push_back(sortKey(findings[i], std::uint32_t(rule), i));
    }
    auto less = [&](const SortKey &a, const SortKey &b) {
        if (a.severity != b.severity)
            return a.severity > b.severity;
        if (a.rule != b.rule)
            return a.rule < b.rule;
        if (a.subjectKind != b.subjectKind)
            return a.subjectKind < b.subjectKind;
        if (a.idPrefix[0] != b.idPrefix[0])
            return a.idPrefix[0] < b.idPrefix[0];
        if (a.idPrefix[1] != b.idPrefix[1])
            return a.idPrefix[1] < b.idPrefix[1];
        return findingBefore(findings[a.index], findings[b.index]); // the ids beyond their prefixes
    };
    std::stable_sort(keys.begin(), keys.end(), less);
    std::vector<Finding> sorted;
    sorted.reserve(findings.size());
    for (const SortKey &k : keys)
        sorted.push_back(std::move(findings[k.index]));
    findings = std::move(sorted);
}

namespace {

// One evaluation: the clauses grouped by subject kind, then every subject visited once with all
// clauses of its kind run on it while its facts are in cache, then the waivers.
class RuleRunner
{
public:
    // Phase 1 runs every clause but those reading flow.derived_tainted; phase 2 (given the
    // tainted pairs, known from phase 1's findings) runs only those.
    RuleRunner(const RuleSet &rules, const PolicyFacts &facts, const EvaluationOptions &options,
               const std::vector<bool> *tainted = nullptr)
        : m_inv(*facts.inventory), m_facts(facts), m_ev(facts, rules, tainted), m_options(options),
          m_firedAt(rules.rules.size(), 0)
    {
        for (std::size_t r = 0; r < rules.rules.size(); ++r) {
            const CompiledRule &rule = rules.rules[r];
            if (options.disabled.contains(rule.id))
                continue;
            for (std::size_t a = 0; a < rule.clauses.size(); ++a)
                if (readsTaint(rule.clauses[a]) == (tainted != nullptr))
                    m_byKind[std::size_t(rule.clauses[a].kind)].push_back({&rule, &rule.clauses[a], r});
        }
    }

    static bool readsTaint(const RuleClause &clause)
    {
        return std::any_of(clause.readPaths.begin(), clause.readPaths.end(),
                           [](std::uint16_t p) { return policyPaths()[p].field == PathField::FDerivedTainted; });
    }

    bool empty() const
    {
        return std::all_of(std::begin(m_byKind), std::end(m_byKind), [](const std::vector<Active> &v) { return v.empty(); });
    }

    // The subjects of one share: every kind but flows in share 0, and the flows [begin, end).
    // Findings come unsorted and without waivers (evaluatePolicies() joins the shares).
    std::vector<Finding> run(std::uint32_t flowBegin, std::uint32_t flowEnd, bool others)
    {
        if (others) {
            workloads();
            datasets();
            holdings();
            accessPairs();
        }
        flows(flowBegin, flowEnd);
        return std::move(m_findings);
    }

    // Through `expires` inclusive; after it the finding says the waiver expired.
    static void applyWaivers(const Inventory &inv, const QDate &asOf, std::vector<Finding> &findings)
    {
        QHash<QString, const Waiver *> waivers;
        for (const Waiver &w : inv.waivers) {
            const Waiver *&slot = waivers[w.rule + u'\n' + w.subject];
            if (!slot || w.expires > slot->expires)
                slot = &w;
        }
        if (waivers.isEmpty())
            return;
        for (Finding &f : findings) {
            const Waiver *w = waivers.value(f.rule + u'\n' + f.subjectId);
            if (!w)
                continue;
            f.status = asOf <= w->expires ? FindingStatus::Waived : FindingStatus::WaiverExpired;
            f.waiverExpires = w->expires;
            f.waiverReason = w->reason;
        }
    }

private:
    struct Active
    {
        const CompiledRule *rule;
        const RuleClause *clause;
        std::size_t ruleIndex;
    };

    bool any(SubjectKind kind) const { return !m_byKind[std::size_t(kind)].empty(); }

    // A subject matched by two clauses of one rule is one finding, the first clause's. Every
    // subject (kind, id, dataset) is visited by exactly one visit() call, so a stamp per rule
    // and visit is enough: no set of keys, no string hashing in the hot loop.
    void visit(const Subject &s, const QString &id, const SourceRef &source, bool perDataset)
    {
        ++m_visit;
        for (const Active &a : m_byKind[std::size_t(s.kind)])
            if (a.clause->perDataset == perDataset && m_firedAt[a.ruleIndex] != m_visit && m_ev.eval(*a.rule, a.clause->root, s)) {
                m_firedAt[a.ruleIndex] = m_visit;
                emit(a, s, id, source);
            }
    }

    void emit(const Active &active, const Subject &s, const QString &id, const SourceRef &source)
    {
        if (m_options.countOnly) {
            ++*m_options.countOnly;
            return;
        }
        const CompiledRule &rule = *active.rule;
        Finding f;
        f.rule = rule.id;
        f.title = rule.title;
        f.severity = rule.severity;
        f.subjectKind = s.kind;
        f.subjectId = id;
        if (s.hasDataset)
            f.dataset = m_inv.datasets[s.dataset].id;
        f.root = rootOf(s, id, f.dataset);
        f.source = source;
        f.patterns = rule.patterns;
        f.message = m_ev.render(active.clause->message, s);
        for (const std::vector<MessagePart> &action : active.clause->actions)
            f.actions << m_ev.render(action, s);
        f.references = m_ev.references(*active.clause, s);
        f.evidence.reserve(qsizetype(active.clause->readPaths.size()));
        for (std::uint16_t p : active.clause->readPaths)
            f.evidence.append(Evidence{policyPaths()[p].name, m_ev.describe(p, s)});
        m_findings.push_back(std::move(f));
    }

    // A finding on a model's lineage stems from the flow into training that brought the data;
    // one on data a workload received (processes, or stores undeclared) from the flow bringing it.
    QString rootOf(const Subject &s, const QString &id, const QString &dataset) const
    {
        if (s.kind == SubjectKind::Holding && m_facts.holdings[s.holding].holdsIndex == HoldingFacts::NoHoldsIndex)
            return subjectRoot(SubjectKind::Flow, m_inv.flows[m_facts.holdings[s.holding].flow].id, {});
        if (s.kind == SubjectKind::Flow && s.hasDataset) {
            const FlowPairFacts &p = m_facts.flowPairs[s.pair];
            if (p.lineage >= 0 && !m_facts.lineage[std::size_t(p.lineage)].trainingFlows.empty())
                return subjectRoot(SubjectKind::Flow, m_inv.flows[m_facts.lineage[std::size_t(p.lineage)].trainingFlows.front()].id, {});
        }
        return subjectRoot(s.kind, id, dataset);
    }

    void workloads()
    {
        if (!any(SubjectKind::Workload))
            return;
        Subject s;
        s.kind = SubjectKind::Workload;
        for (std::uint32_t w = 0; w < m_inv.workloads.size(); ++w) {
            s.workload = w;
            visit(s, m_inv.workloads[w].id, m_inv.workloads[w].source, true);
        }
    }

    void datasets()
    {
        if (!any(SubjectKind::Dataset))
            return;
        Subject s;
        s.kind = SubjectKind::Dataset;
        s.hasDataset = true;
        for (std::uint32_t d = 0; d < m_inv.datasets.size(); ++d) {
            s.dataset = d;
            visit(s, m_inv.datasets[d].id, m_inv.datasets[d].source, true);
        }
    }

    void holdings()
    {
        if (!any(SubjectKind::Holding))
            return;
        Subject s;
        s.kind = SubjectKind::Holding;
        s.hasDataset = true;
        for (std::uint32_t h = 0; h < m_facts.holdings.size(); ++h) {
            const HoldingFacts &hf = m_facts.holdings[h];
            s.holding = h;
            s.workload = hf.workload;
            s.dataset = hf.dataset;
            const Workload &w = m_inv.workloads[hf.workload];
            const SourceRef &at = hf.role == HoldingFacts::Processes ? m_inv.flows[hf.flow].source
                : hf.holdsIndex < w.holds.size() ? w.holds[hf.holdsIndex].source : w.source;
            visit(s, w.id, at, true);
        }
    }

    void accessPairs()
    {
        if (!any(SubjectKind::Access))
            return;
        Subject s;
        s.kind = SubjectKind::Access;
        s.hasDataset = true;
        for (std::uint32_t p = 0; p < m_facts.accessPairs.size(); ++p) {
            const AccessPairFacts &ap = m_facts.accessPairs[p];
            s.pair = p;
            s.access = ap.access;
            s.dataset = ap.dataset;
            s.workload = m_facts.access[ap.access].toWorkload;
            visit(s, m_inv.access[ap.access].id, m_inv.access[ap.access].source, true);
        }
    }

    // Each flow once as a whole, then once per dataset it carries.
    void flows(std::uint32_t begin, std::uint32_t end)
    {
        if (!any(SubjectKind::Flow))
            return;
        Subject s;
        s.kind = SubjectKind::Flow;
        for (std::uint32_t fi = begin; fi < end; ++fi) {
            const FlowFacts &ff = m_facts.flows[fi];
            const Flow &fl = m_inv.flows[fi];
            s.flow = fi;
            s.hasDataset = false;
            visit(s, fl.id, fl.source, false);
            s.hasDataset = true;
            for (std::uint32_t k = 0; k < ff.pairCount; ++k) {
                s.pair = ff.firstPair + k;
                s.dataset = m_facts.flowPairDataset[s.pair];
                visit(s, fl.id, fl.source, true);
            }
        }
    }

    const Inventory &m_inv;
    const PolicyFacts &m_facts;
    const PolicyEvaluator m_ev;
    const EvaluationOptions &m_options;
    std::vector<Active> m_byKind[5];
    std::vector<std::uint32_t> m_firedAt;
    std::uint32_t m_visit = 0;
    std::vector<Finding> m_findings;
};

} // namespace

const QStringList &taintingRules()
{
    static const QStringList rules{QStringLiteral("RES-001"), QStringLiteral("RES-002"), QStringLiteral("RES-004")};
    return rules;
}

std::vector<bool> taintedPairs(const PolicyFacts &facts, const std::vector<Finding> &findings)
{
    // Open findings of the tainting rules on flows, by (flow id, dataset id).
    QSet<QString> open;
    for (const Finding &f : findings)
        if (f.subjectKind == SubjectKind::Flow && f.countsAsOpen() && taintingRules().contains(f.rule))
            open.insert(f.subjectId + u'\n' + f.dataset);
    const Inventory &inv = *facts.inventory;
    std::vector<bool> tainted(facts.flowPairs.size(), false);
    for (std::size_t p = 0; p < facts.flowPairs.size(); ++p) {
        const std::int32_t l = facts.flowPairs[p].lineage;
        if (l < 0)
            continue;
        const QString &dataset = inv.datasets[facts.flowPairDataset[p]].id;
        for (std::uint32_t trainingFlow : facts.lineage[std::size_t(l)].trainingFlows)
            if (open.contains(inv.flows[trainingFlow].id + u'\n' + dataset))
                tainted[p] = true;
    }
    return tainted;
}

std::vector<Finding> evaluatePolicies(const RuleSet &rules, const PolicyFacts &facts,
                                      const EvaluationOptions &options)
{
    // Flows are most of the subjects: a large inventory evaluates its second half of flows on
    // another core. The evaluator only reads the facts and rules; each share has its own runner
    // and findings, and the sort below gives the one order whichever share found what.
    const auto flowCount = std::uint32_t(facts.inventory->flows.size());
    const bool split = flowCount >= std::max<std::uint32_t>(options.parallelFromFlows, 2) && !options.countOnly && std::thread::hardware_concurrency() > 1;
    const std::uint32_t middle = split ? flowCount / 2 : flowCount;
    std::vector<Finding> second;
    std::thread worker;
    if (split)
        worker = std::thread([&] { second = RuleRunner(rules, facts, options).run(middle, flowCount, false); });
    std::vector<Finding> findings = RuleRunner(rules, facts, options).run(0, middle, true);
    if (worker.joinable())
        worker.join();
    findings.insert(findings.end(), std::make_move_iterator(second.begin()), std::make_move_iterator(second.end()));
    RuleRunner::applyWaivers(*facts.inventory, options.asOf, findings);
    // Phase 2: rules on models trained on tainted data read the open findings of phase 1.
    if (!facts.lineage.empty() && !options.countOnly) {
        const std::vector<bool> tainted = taintedPairs(facts, findings);
        RuleRunner phase2(rules, facts, options, &tainted);
        if (!phase2.empty()) {
            std::vector<Finding> more = phase2.run(0, flowCount, false);
            RuleRunner::applyWaivers(*facts.inventory, options.asOf, more);
            findings.insert(findings.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
        }
    }
    sortFindings(findings);
    return findings;
}

} // namespace atlas
