#include "scenariometrics.h"

#include "residency.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>

namespace atlas {

QString formatAmount(double v)
{
    if (std::abs(v) >= 100 || v == std::floor(v))
        return QString::number(std::llround(v));
    return QString::number(v, 'f', v < 1 ? 2 : 1).remove(QRegularExpression(QStringLiteral("0+$")));
}

FindingDelta compareFindings(const std::vector<Finding> &before, const std::vector<Finding> &after, const ScenarioPlan *plan)
{
    QSet<FindingKey> open, openAfter;
    for (const Finding &f : before)
        if (f.countsAsOpen())
            open.insert(findingKey(f));
    // Added flow → the rerouted flow whose data it carries on.
    QHash<QString, QString> continues;
    if (plan)
        for (const ScenarioChange &c : plan->changes)
            if (c.action == ChangeAction::Added && c.kind == EntityKind::Flow && !c.continues.isEmpty())
                continues.insert(c.id, c.continues);
    FindingDelta d;
    QSet<FindingKey> continued;
    for (const Finding &f : after) {
        if (!f.countsAsOpen())
            continue;
        const FindingKey key = findingKey(f);
        openAfter.insert(key);
        const FindingKey original{f.rule, SubjectKind::Flow, f.subjectKind == SubjectKind::Flow ? continues.value(f.subjectId) : QString(),
                                  f.dataset};
        if (open.contains(key)) {
            d.remaining.push_back(f);
        } else if (!original.subjectId.isEmpty() && open.contains(original)) {
            d.remaining.push_back(f);
            d.continued.emplace_back(key, original);
            continued.insert(original);
        } else {
            d.introduced.push_back(f);
        }
    }
    std::sort(d.continued.begin(), d.continued.end());
    for (const Finding &f : before)
        if (f.countsAsOpen() && !openAfter.contains(findingKey(f)) && !continued.contains(findingKey(f)))
            d.resolved.push_back(f);
    return d;
}

std::optional<double> TrainingCoverage::share() const
{
    if (totalFlows == 0)
        return std::nullopt;
    if (totalGbPerDay > 0)
        return reachedGbPerDay / totalGbPerDay;
    return double(reachedFlows) / totalFlows;
}

std::optional<double> TrainingCoverage::anonymisedShare() const
{
    if (reachedGbPerDay <= 0)
        return std::nullopt;
    return anonymisedGbPerDay / reachedGbPerDay;
}

namespace {

bool personalForm(FlowForm f)
{
    return f == FlowForm::Raw || f == FlowForm::Pseudonymised || f == FlowForm::Features;
}

bool learningOutput(FlowForm f)
{
    return f == FlowForm::ModelWeights || f == FlowForm::Gradients;
}

// Training data: a flow for training or fine-tuning (by purpose, else by its destination's
// kind) carrying restricted or sensitive data — not the models' own weights and updates.
bool isTrainingData(const Inventory &inv, const Flow &f)
{
    if (learningOutput(f.form) || f.form == FlowForm::Metrics)
        return false;
    bool training = false;
    if (f.purpose)
        training = *f.purpose == Purpose::Training || *f.purpose == Purpose::FineTuning;
    else
        training = inv.workloads[f.toIndex].kind == WorkloadKind::Training
            || inv.workloads[f.toIndex].kind == WorkloadKind::FineTuning;
    if (!training)
        return false;
    for (const DatasetRef &r : f.carries) {
        const Classification c = inv.datasets[r.index].classification;
        if (c == Classification::Restricted || c == Classification::Sensitive)
            return true;
    }
    return false;
}

bool carriesRestricted(const Inventory &inv, const Flow &f)
{
    for (const DatasetRef &r : f.carries)
        if (inv.datasets[r.index].classification == Classification::Restricted)
            return true;
    return false;
}

QString regionKey(const ResolvedLocation &l)
{
    if (!l.region.isEmpty())
        return l.provider + u':' + l.region;
    return l.reference;
}

// The baseline's models: where its training data goes, and what those send weights or
// updates to (registries, aggregators).
QSet<QString> centralModels(const Inventory &before)
{
    QSet<QString> models;
    for (const Flow &f : before.flows)
        if (isTrainingData(before, f))
            models.insert(f.to);
    for (bool grew = true; grew;) {
        grew = false;
        for (const Flow &f : before.flows)
            if (learningOutput(f.form) && models.contains(f.from) && !models.contains(f.to)) {
                models.insert(f.to);
                grew = true;
            }
    }
    return models;
}

bool isStep(const Inventory &inv, std::uint32_t w)
{
    const WorkloadKind k = inv.workloads[w].kind;
    return k == WorkloadKind::Anonymisation || k == WorkloadKind::Tokenisation;
}

// The baseline's training data, by flow: what coverage is a share of. A de-identification step
// fed with training data passes it on, so the step's output is not counted again.
std::vector<std::uint32_t> trainingFlows(const Inventory &inv)
{
    QSet<std::uint32_t> fedSteps;
    for (const Flow &f : inv.flows)
        if (isTrainingData(inv, f) && isStep(inv, f.toIndex))
            fedSteps.insert(f.toIndex);
    std::vector<std::uint32_t> out;
    for (std::uint32_t i = 0; i < inv.flows.size(); ++i)
        if (isTrainingData(inv, inv.flows[i]) && !fedSteps.contains(inv.flows[i].fromIndex))
            out.push_back(i);
    return out;
}

// Of the baseline's training data (its flows, by id, with their volumes), how much reaches one
// of `models` in `inv`: the same flow must still exist there and lead, through any flows, to a
// model. A flow the scenario removed counts as not reaching (coverage falls).
TrainingCoverage trainingCoverage(const Inventory &baseline, const Inventory &inv, const QSet<QString> &models)
{
    QSet<QString> reaches = models; // everything from which a model is reachable
    QHash<QString, QStringList> senders;
    QHash<QString, std::uint32_t> flowIndex;
    for (std::uint32_t i = 0; i < inv.flows.size(); ++i) {
        senders[inv.flows[i].to] << inv.flows[i].from;
        flowIndex.insert(inv.flows[i].id, i);
    }
    QStringList queue(models.begin(), models.end());
    while (!queue.isEmpty()) {
        const QString at = queue.takeLast();
        for (const QString &s : senders.value(at))
            if (!reaches.contains(s)) {
                reaches.insert(s);
                queue << s;
            }
    }
    TrainingCoverage c;
    for (std::uint32_t b : trainingFlows(baseline)) {
        const double v = baseline.flows[b].volumeGbPerDay.value_or(0);
        ++c.totalFlows;
        c.totalGbPerDay += v;
        const auto it = flowIndex.constFind(baseline.flows[b].id);
        if (it == flowIndex.cend() || !reaches.contains(inv.flows[*it].to))
            continue;
        const Flow &f = inv.flows[*it];
        ++c.reachedFlows;
        c.reachedGbPerDay += v;
        if (f.form == FlowForm::Anonymised || inv.workloads[f.toIndex].kind == WorkloadKind::Anonymisation)
            c.anonymisedGbPerDay += v;
    }
    return c;
}

struct Crossings
{
    double restricted = 0;
    int restrictedFlows = 0;
    double region = 0;
};

Crossings crossings(const Catalog &catalog, const Inventory &inv)
{
    const std::vector<WorkloadResidency> where = resolveResidency(catalog, inv);
    Crossings c;
    for (const Flow &f : inv.flows) {
        const ResolvedLocation &a = where[f.fromIndex].location, &b = where[f.toIndex].location;
        const double v = f.volumeGbPerDay.value_or(0);
        if (a.isKnown() && b.isKnown() && a.jurisdiction != b.jurisdiction && personalForm(f.form) && carriesRestricted(inv, f)) {
            c.restricted += v;
            ++c.restrictedFlows;
        }
        if (regionKey(a) != regionKey(b))
            c.region += v;
    }
    return c;
}

void countChanges(const Catalog &catalog, const ScenarioPlan &plan, ScenarioMetrics &m)
{
    std::map<QString, JurisdictionChanges> per;
    std::map<std::pair<QString, QString>, int> deployments;
    for (const ScenarioChange &c : plan.changes) {
        JurisdictionChanges &j = per[c.jurisdiction];
        j.jurisdiction = c.jurisdiction;
        const bool workload = c.kind == EntityKind::Workload;
        switch (c.action) {
        case ChangeAction::Added:
            ++(workload ? j.workloadsAdded : j.flowsAdded);
            if (workload)
                ++deployments[{c.provider, c.jurisdiction}];
            break;
        case ChangeAction::Moved:
            ++j.workloadsMoved;
            if (resolveLocation(catalog, c.to, plan.inventory.get()).sovereign)
                ++m.movedToSovereign;
            break;
        case ChangeAction::Rerouted: ++j.flowsRerouted; break;
        case ChangeAction::Removed: ++(workload ? j.workloadsRemoved : j.flowsRemoved); break;
        }
    }
    for (auto &[k, v] : per)
        m.perJurisdiction.push_back(v);
    for (const auto &[k, n] : deployments)
        m.newDeployments.push_back(Deployment{k.first, k.second, n});
}

void residualRisks(const ScenarioPlan &plan, const FindingDelta &delta, ScenarioMetrics &m)
{
    const auto add = [&](const Finding &f, const QString &how) {
        m.residualRisks.push_back(ResidualRisk{f.rule, findingKey(f).toString(), how + f.message,
                                               f.references.isEmpty() ? f.title : f.references.front()});
    };
    QHash<FindingKey, FindingKey> continues;
    for (const auto &[now, was] : delta.continued)
        continues.insert(now, was);
    for (const Finding &f : delta.remaining) {
        const FindingKey key = findingKey(f);
        if (const auto it = continues.constFind(key); it != continues.cend())
            add(f, QStringLiteral("remains (continues %1): ").arg(it->toString()));
        else if (std::binary_search(plan.treated.begin(), plan.treated.end(), key))
            add(f, QStringLiteral("remains: "));
    }
    for (const Finding &f : delta.introduced)
        add(f, QStringLiteral("introduced: "));
    for (const QString &n : plan.notes)
        m.residualRisks.push_back(ResidualRisk{{}, {}, n, QStringLiteral("patterns.md ") + patternLetter(plan.pattern)});
}

} // namespace

ScenarioMetrics computeMetrics(const Catalog &catalog, const Inventory &before, const std::vector<Finding> &beforeFindings,
                               const ScenarioPlan &plan, const std::vector<Finding> &afterFindings, const FindingDelta &delta)
{
    ScenarioMetrics m;
    for (const Finding &f : beforeFindings)
        if (f.countsAsOpen())
            ++m.before[std::size_t(f.severity)];
    for (const Finding &f : afterFindings)
        if (f.countsAsOpen())
            ++m.after[std::size_t(f.severity)];
    QHash<FindingKey, RuleSeverity> severity;
    for (const Finding &f : beforeFindings)
        severity.insert(findingKey(f), f.severity);
    QSet<FindingKey> resolved;
    for (const Finding &f : delta.resolved)
        resolved.insert(findingKey(f));
    for (const FindingKey &k : plan.inScope) {
        const bool critical = severity.value(k) == RuleSeverity::Critical;
        ++m.inScope;
        m.inScopeCritical += critical;
        if (resolved.contains(k)) {
            ++m.inScopeResolved;
            m.inScopeCriticalResolved += critical;
        }
    }
    const Crossings a = crossings(catalog, before), b = crossings(catalog, *plan.inventory);
    m.restrictedCrossBefore = a.restricted;
    m.restrictedCrossFlowsBefore = a.restrictedFlows;
    m.restrictedCrossAfter = b.restricted;
    m.restrictedCrossFlowsAfter = b.restrictedFlows;
    m.crossRegionBefore = a.region;
    m.crossRegionAfter = b.region;
    const QSet<QString> models = centralModels(before);
    m.coverageBefore = trainingCoverage(before, before, models);
    m.coverageAfter = trainingCoverage(before, *plan.inventory, models);
    countChanges(catalog, plan, m);
    m.updateGbPerDay = plan.updateGbPerDay;
    residualRisks(plan, delta, m);
    return m;
}

namespace {

QString percent(std::optional<double> share)
{
    return share ? formatAmount(*share * 100) + QStringLiteral(" %") : QStringLiteral("n/a");
}

QString joinAnd(const QStringList &items)
{
    if (items.size() <= 1)
        return items.join(QString());
    return items.mid(0, items.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + items.back();
}

} // namespace

QString tradeoffSentence(const ScenarioPlan &plan, const ScenarioMetrics &m, const FindingDelta &delta)
{
    if (m.inScope == 0)
        return QStringLiteral("nothing in scope: no open residency finding to treat");
    QStringList parts;
    if (plan.changes.empty())
        return QStringLiteral("changes nothing: none of the %1 findings in scope can be treated by pattern %2 (see not addressed)")
            .arg(m.inScope).arg(patternLetter(plan.pattern));
    QString resolves = QStringLiteral("resolves %1 of %2 findings in scope").arg(m.inScopeResolved).arg(m.inScope);
    if (m.inScopeCritical > 0)
        resolves += QStringLiteral(" (%1 of %2 critical)").arg(m.inScopeCriticalResolved).arg(m.inScopeCritical);
    parts << resolves;
    if (!delta.introduced.empty())
        parts << QStringLiteral("introduces %1").arg(delta.introduced.size());
    const std::optional<double> cb = m.coverageBefore.share(), ca = m.coverageAfter.share();
    if (cb || ca)
        parts << (percent(cb) == percent(ca) ? QStringLiteral("keeps %1 training coverage").arg(percent(ca))
                                             : QStringLiteral("training coverage %1 → %2").arg(percent(cb), percent(ca)));
    QStringList where;
    int added = 0;
    for (const Deployment &d : m.newDeployments) {
        added += d.count;
        const QString j = d.jurisdiction.isEmpty() ? QStringLiteral("unknown") : d.jurisdiction;
        if (!where.contains(j))
            where << j;
    }
    where.sort();
    if (added)
        parts << QStringLiteral("adds %1 workload%2 in %3").arg(added).arg(added == 1 ? QString() : QStringLiteral("s")).arg(joinAnd(where));
    int moved = 0;
    for (const JurisdictionChanges &j : m.perJurisdiction)
        moved += j.workloadsMoved;
    if (moved)
        parts << QStringLiteral("moves %1 workload%2 (%3 to sovereign offerings)").arg(moved).arg(moved == 1 ? QString() : QStringLiteral("s")).arg(m.movedToSovereign);
    if (m.restrictedCrossBefore != m.restrictedCrossAfter)
        parts << QStringLiteral("restricted data across jurisdictions %1 → %2 GB/day")
                     .arg(formatAmount(m.restrictedCrossBefore), formatAmount(m.restrictedCrossAfter));
    if (plan.pattern == Pattern::B && m.updateGbPerDay > 0)
        parts << QStringLiteral("%1 GB/day of model updates").arg(formatAmount(m.updateGbPerDay));
    return parts.join(QStringLiteral(", "));
}

} // namespace atlas
