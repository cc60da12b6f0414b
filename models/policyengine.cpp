#include "policyengine.h"

#include "policyevaluator.h"
#include "policypaths.h"

#include <algorithm>

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
        const Finding &x = findings[a.index], &y = findings[b.index];
        if (const int c = x.subjectId.compare(y.subjectId))
            return c < 0;
        return x.dataset < y.dataset;
    };
    std::stable_sort(keys.begin(), keys.end(), less);
    std::vector<Finding> sorted;
    sorted.reserve(findings.size());
    for (const SortKey &k : keys)
        sorted.push_back(std::move(findings[k.index]));
    findings = std::move(sorted);
}

std::vector<Finding> evaluatePolicies(const RuleSet &rules, const PolicyFacts &facts,
                                      const EvaluationOptions &options)
{
    const Inventory &inv = *facts.inventory;
    const PolicyEvaluator ev(facts);
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
    for (std::size_t r = 0; r < rules.rules.size(); ++r) {
        const CompiledRule &rule = rules.rules[r];
        if (options.disabled.contains(rule.id))
            continue;
        for (std::size_t a = 0; a < rule.clauses.size(); ++a)
            byKind[std::size_t(rule.clauses[a].kind)].push_back({&rule, &rule.clauses[a], r});
    }
    // A subject matched by two clauses of one rule is one finding, the first clause's. Every
    // subject (kind, id, dataset) is visited by exactly one run() below, so a stamp per rule
    // and visit is enough: no set of keys, no string hashing in the hot loop.
    std::vector<std::uint32_t> firedAt(rules.rules.size(), 0);
    std::uint32_t visit = 0;

    auto emit = [&](const Active &active, const Subject &s, const QString &id, const SourceRef &source) {
        const CompiledRule &rule = *active.rule;
        if (options.countOnly) {
            ++*options.countOnly;
            return;
        }
        const QString dataset = s.hasDataset ? inv.datasets[s.dataset].id : QString();
        Finding f;
        f.rule = rule.id;
        f.title = rule.title;
        f.severity = rule.severity;
        f.subjectKind = s.kind;
        f.subjectId = id;
        f.dataset = dataset;
        f.source = source;
        f.patterns = rule.patterns;
        f.message = ev.render(active.clause->message, s);
        for (const std::vector<MessagePart> &action : active.clause->actions)
            f.actions << ev.render(action, s);
        f.references = ev.references(*active.clause, s);
        f.evidence.reserve(qsizetype(active.clause->readPaths.size()));
        for (std::uint16_t p : active.clause->readPaths)
            f.evidence.append(Evidence{policyPaths()[p].name, ev.describe(p, s)});
        findings.push_back(std::move(f));
    };
    auto run = [&](SubjectKind kind, const Subject &s, const QString &id, const SourceRef &source, bool perDataset) {
        ++visit;
        for (const Active &a : byKind[std::size_t(kind)])
            if (a.clause->perDataset == perDataset && firedAt[a.ruleIndex] != visit && ev.eval(*a.rule, a.clause->root, s)) {
                firedAt[a.ruleIndex] = visit;
                emit(a, s, id, source);
            }
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
