#include "scenarioreport.h"

#include "findingsreport.h"
#include "inventorywriter.h"
#include "jsonwriter.h"
#include "texttable.h"

#include <QJsonArray>

#include <cmath>

#include <map>

namespace atlas {

using namespace Qt::StringLiterals;

namespace {

QString keysText(const std::vector<FindingKey> &keys)
{
    QStringList out;
    for (const FindingKey &k : keys)
        out << k.toString();
    return out.join(QStringLiteral(", "));
}

void appendDetails(QString &out, const Scenario &s)
{
    out += u'\n' + s.name() + u'\n' + QStringLiteral("  trade-off: ") + s.tradeoff + u'\n';
    const QMap<QString, QString> options = s.plan.options.describe(s.plan.pattern);
    if (!options.isEmpty()) {
        QStringList parts;
        for (auto it = options.cbegin(); it != options.cend(); ++it)
            parts << it.key() + u'=' + it.value();
        out += QStringLiteral("  options: ") + parts.join(QStringLiteral(", ")) + u'\n';
    }
    out += QStringLiteral("  changes (%1)\n").arg(s.plan.changes.size());
    for (const ScenarioChange &c : s.plan.changes) {
        QString what = changeActionName(c.action) + u' ' + entityKindName(c.kind) + u' ' + c.id;
        if (c.action == ChangeAction::Added && c.kind == EntityKind::Workload)
            what += QStringLiteral(" at ") + c.to;
        else if (!c.from.isEmpty() || !c.to.isEmpty())
            what += u' ' + c.from + QStringLiteral(" → ") + c.to;
        if (!c.jurisdiction.isEmpty())
            what += QStringLiteral(" [") + c.jurisdiction + u']';
        out += QStringLiteral("    ") + what + u'\n' + QStringLiteral("        ") + c.reason + u'\n';
        if (!c.addresses.empty())
            out += QStringLiteral("        addresses: ") + keysText(c.addresses) + u'\n';
    }
    out += QStringLiteral("  not addressed (%1)\n").arg(s.plan.notAddressed.size());
    for (const NotAddressed &n : s.plan.notAddressed)
        out += QStringLiteral("    ") + subjectKindName(n.subjectKind) + u' ' + n.subjectId
            + (n.dataset.isEmpty() ? QString() : QStringLiteral(" [") + n.dataset + u']') + QStringLiteral(": ") + n.reason + u'\n';
    out += QStringLiteral("  residual risks (%1)\n").arg(s.metrics.residualRisks.size());
    for (const ResidualRisk &r : s.metrics.residualRisks)
        out += QStringLiteral("    ") + (r.rule.isEmpty() ? QString() : r.rule + u' ') + r.text + QStringLiteral("\n        see: ")
            + r.reference + u'\n';
}

} // namespace

QString simulationText(const SimulationResult &result)
{
    QString out;
    const AnalysisSnapshot &b = *result.baseline;
    int open = 0;
    for (const Finding &f : b.findings)
        open += f.countsAsOpen();
    out += QStringLiteral("Baseline: %1 open findings; scope: %2.\n").arg(open).arg(scopeText(result));
    bool any = false;
    for (const Scenario &s : result.scenarios)
        any = any || !s.plan.inScope.empty();
    if (!any) {
        out += QStringLiteral("Nothing to treat: the scope selects no open residency finding.\n");
        return out;
    }
    out += QStringLiteral("Patterns: ") + patternLegend() + u'\n' + u'\n';
    QStringList header{QStringLiteral("METRIC")};
    for (const Scenario &s : result.scenarios)
        header << patternLetter(s.plan.pattern);
    TextTable table(header);
    for (const ComparisonRow &r : comparisonRows(result))
        table.addRow(QStringList{r.metric} + r.values);
    out += table.render();
    out += QStringLiteral("\nTrade-offs\n");
    for (const Scenario &s : result.scenarios)
        out += QStringLiteral("  ") + s.name() + QStringLiteral(": ") + s.tradeoff + u'\n';
    for (const Scenario &s : result.scenarios)
        appendDetails(out, s);
    return out;
}

QJsonObject metricsJson(const ScenarioMetrics &m)
{
    // GB/day to three decimals: sums of declared volumes, without binary-fraction noise.
    const auto gb = [](double v) { return std::round(v * 1000) / 1000; };
    const auto severities = [](const std::array<int, 5> &counts) {
        QJsonObject o;
        for (const VocabularyEntry<RuleSeverity> &e : ruleSeverities())
            o.insert(QLatin1String(e.name), counts[std::size_t(e.value)]);
        return o;
    };
    const auto beforeAfter = [](const QJsonValue &before, const QJsonValue &after) {
        return QJsonObject{{u"after"_s, after}, {u"before"_s, before}};
    };
    const auto optional = [](std::optional<double> v) { return v ? QJsonValue(*v) : QJsonValue(); };
    const auto coverage = [&](const TrainingCoverage &c) {
        return QJsonObject{{u"flows_reached"_s, c.reachedFlows}, {u"flows_total"_s, c.totalFlows},
                           {u"gb_per_day_anonymised"_s, gb(c.anonymisedGbPerDay)},
                           {u"gb_per_day_reached"_s, gb(c.reachedGbPerDay)}, {u"gb_per_day_total"_s, gb(c.totalGbPerDay)},
                           {u"share"_s, optional(c.share())}};
    };
    QJsonArray perJurisdiction;
    for (const JurisdictionChanges &j : m.perJurisdiction)
        perJurisdiction.append(QJsonObject{{u"flows_added"_s, j.flowsAdded}, {u"flows_removed"_s, j.flowsRemoved},
                                           {u"flows_rerouted"_s, j.flowsRerouted}, {u"jurisdiction"_s, stringOrNull(j.jurisdiction)},
                                           {u"workloads_added"_s, j.workloadsAdded}, {u"workloads_moved"_s, j.workloadsMoved},
                                           {u"workloads_removed"_s, j.workloadsRemoved}});
    QJsonArray deployments;
    for (const Deployment &d : m.newDeployments)
        deployments.append(QJsonObject{{u"count"_s, d.count}, {u"jurisdiction"_s, stringOrNull(d.jurisdiction)},
                                       {u"provider"_s, stringOrNull(d.provider)}});
    QJsonArray risks;
    for (const ResidualRisk &r : m.residualRisks)
        risks.append(QJsonObject{{u"reference"_s, r.reference}, {u"rule"_s, stringOrNull(r.rule)},
                                 {u"subject"_s, stringOrNull(r.subject)}, {u"text"_s, r.text}});
    return QJsonObject{
        {u"changes_by_jurisdiction"_s, perJurisdiction},
        {u"cross_region_gb_per_day"_s, beforeAfter(gb(m.crossRegionBefore), gb(m.crossRegionAfter))},
        {u"findings_by_severity"_s, beforeAfter(severities(m.before), severities(m.after))},
        {u"findings_in_scope"_s, QJsonObject{{u"critical"_s, m.inScopeCritical}, {u"critical_resolved"_s, m.inScopeCriticalResolved},
                                             {u"resolved"_s, m.inScopeResolved}, {u"total"_s, m.inScope}}},
        {u"moved_to_sovereign"_s, m.movedToSovereign},
        {u"new_deployments"_s, deployments},
        {u"residual_risks"_s, risks},
        {u"restricted_cross_jurisdiction"_s, QJsonObject{{u"flows_after"_s, m.restrictedCrossFlowsAfter},
                                                          {u"flows_before"_s, m.restrictedCrossFlowsBefore},
                                                          {u"gb_per_day_after"_s, gb(m.restrictedCrossAfter)},
                                                          {u"gb_per_day_before"_s, gb(m.restrictedCrossBefore)}}},
        {u"training_coverage"_s, beforeAfter(coverage(m.coverageBefore), coverage(m.coverageAfter))},
        {u"update_gb_per_day"_s, gb(m.updateGbPerDay)},
    };
}

namespace {

QJsonArray keysJson(const std::vector<Finding> &findings)
{
    QJsonArray out;
    for (const Finding &f : findings)
        out.append(findingKey(f).toString());
    return out;
}

QJsonArray keysJson(const std::vector<FindingKey> &keys)
{
    QJsonArray out;
    for (const FindingKey &k : keys)
        out.append(k.toString());
    return out;
}

void writeScenario(JsonStream &json, const SimulationResult &result, const Scenario &s)
{
    json.beginObject();
    json.key("changes"_L1);
    json.beginArray();
    for (const ScenarioChange &c : s.plan.changes)
        json.value(QJsonObject{{u"action"_s, changeActionName(c.action)}, {u"addresses"_s, keysJson(c.addresses)},
                               {u"continues"_s, stringOrNull(c.continues)}, {u"from"_s, stringOrNull(c.from)}, {u"id"_s, c.id}, {u"jurisdiction"_s, stringOrNull(c.jurisdiction)},
                               {u"kind"_s, entityKindName(c.kind)}, {u"reason"_s, c.reason}, {u"to"_s, stringOrNull(c.to)}});
    json.endArray();
    json.key("findings"_L1);
    writeFindingsJsonArray(json, *s.after->inventory, s.after->findings);
    json.memberValue("introduced"_L1, keysJson(s.delta.introduced));
    json.memberValue("metrics"_L1, metricsJson(s.metrics));
    json.member("name"_L1, patternName(patternLetter(s.plan.pattern)));
    json.key("not_addressed"_L1);
    json.beginArray();
    for (const NotAddressed &n : s.plan.notAddressed)
        json.value(QJsonObject{{u"dataset"_s, stringOrNull(n.dataset)}, {u"findings"_s, keysJson(n.findings)},
                               {u"reason"_s, n.reason}, {u"subject_id"_s, n.subjectId},
                               {u"subject_kind"_s, subjectKindName(n.subjectKind)}});
    json.endArray();
    QJsonObject options;
    const QMap<QString, QString> described = s.plan.options.describe(s.plan.pattern);
    for (auto it = described.cbegin(); it != described.cend(); ++it)
        options.insert(it.key(), it.value());
    json.memberValue("options"_L1, options);
    json.member("pattern"_L1, patternLetter(s.plan.pattern));
    json.memberValue("remaining"_L1, keysJson(s.delta.remaining));
    json.memberValue("resolved"_L1, keysJson(s.delta.resolved));
    json.memberValue("scope"_L1, QJsonObject{{u"datasets"_s, QJsonArray::fromStringList(result.scope.datasets)},
                                             {u"findings"_s, keysJson(result.scope.findings)},
                                             {u"in_scope"_s, keysJson(s.plan.inScope)},
                                             {u"origins"_s, QJsonArray::fromStringList(result.scope.origins)},
                                             {u"workloads"_s, QJsonArray::fromStringList(result.scope.workloads)}});
    json.member("tradeoff"_L1, s.tradeoff);
    json.endObject();
}

} // namespace

QJsonObject keptScenarioJson(const SimulationResult &result, const Scenario &s)
{
    QJsonObject options;
    const QMap<QString, QString> described = s.plan.options.describe(s.plan.pattern);
    for (auto it = described.cbegin(); it != described.cend(); ++it)
        options.insert(it.key(), it.value());
    return QJsonObject{{u"pattern"_s, patternLetter(s.plan.pattern)},
                       {u"name"_s, patternName(patternLetter(s.plan.pattern))},
                       {u"options"_s, options},
                       {u"scope"_s, QJsonObject{{u"datasets"_s, QJsonArray::fromStringList(result.scope.datasets)},
                                                {u"findings"_s, keysJson(result.scope.findings)},
                                                {u"origins"_s, QJsonArray::fromStringList(result.scope.origins)},
                                                {u"workloads"_s, QJsonArray::fromStringList(result.scope.workloads)}}},
                       {u"changes"_s, int(s.plan.changes.size())},
                       {u"resolved"_s, keysJson(s.delta.resolved)},
                       {u"remaining"_s, keysJson(s.delta.remaining)},
                       {u"introduced"_s, keysJson(s.delta.introduced)},
                       {u"metrics"_s, metricsJson(s.metrics)},
                       {u"tradeoff"_s, s.tradeoff}};
}

bool writeSimulationJson(const SimulationResult &result, QIODevice &device)
{
    const AnalysisSnapshot &b = *result.baseline;
    std::array<int, 5> counts{};
    for (const Finding &f : b.findings)
        if (f.countsAsOpen())
            ++counts[std::size_t(f.severity)];
    QJsonObject bySeverity;
    int open = 0;
    for (const VocabularyEntry<RuleSeverity> &e : ruleSeverities()) {
        bySeverity.insert(QLatin1String(e.name), counts[std::size_t(e.value)]);
        open += counts[std::size_t(e.value)];
    }
    JsonStream json(device);
    json.beginObject();
    json.memberValue("baseline"_L1, QJsonObject{{u"as_of"_s, b.asOf.toString(Qt::ISODate)},
                                                {u"findings_by_severity"_s, bySeverity},
                                                {u"inputs"_s, QJsonArray::fromStringList(b.inputs)},
                                                {u"open"_s, open}});
    json.key("scenarios"_L1);
    json.beginArray();
    for (const Scenario &s : result.scenarios)
        writeScenario(json, result, s);
    json.endArray();
    json.endObject();
    return json.flush();
}

QByteArray scenarioInventoryYaml(const SimulationResult &result, const Scenario &s)
{
    QString head = QStringLiteral("# Scenario ") + s.name() + QStringLiteral(", simulated by residency-atlas simulate\n");
    head += QStringLiteral("# scope: ") + scopeText(result.scope, s.plan.pattern) + u'\n';
    const QMap<QString, QString> options = s.plan.options.describe(s.plan.pattern);
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        head += QStringLiteral("# option ") + it.key() + u'=' + it.value() + u'\n';
    head += QStringLiteral("# ") + QString::number(s.plan.changes.size()) + QStringLiteral(" changes; trade-off: ") + s.tradeoff + u'\n';
    head.replace(u'\r', u' ');
    return head.toUtf8() + inventoryToYaml(*s.plan.inventory);
}

QByteArray scenarioInventoryJson(const Scenario &s)
{
    return inventoryToJson(*s.plan.inventory);
}

} // namespace atlas
