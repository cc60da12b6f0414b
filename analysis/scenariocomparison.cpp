// The comparison of scenarios against their baseline as rows (patterns.md, "Metrics"): shared by
// the simulate command's text, the Scenarios panel and the audit report's scenario section.
#include "scenariocomparison.h"

#include <algorithm>

namespace atlas {

namespace {

QString arrow(const QString &a, const QString &b)
{
    return a + QStringLiteral(" → ") + b;
}

int compare(double before, double after, bool lowerIsBetter = true)
{
    if (before == after)
        return 0;
    return (after < before) == lowerIsBetter ? 1 : -1;
}

QString share(std::optional<double> s)
{
    return s ? formatAmount(*s * 100) + QStringLiteral(" %") : QStringLiteral("n/a");
}

QString perJurisdiction(const ScenarioMetrics &m, int JurisdictionChanges::*field)
{
    int total = 0;
    QStringList parts;
    for (const JurisdictionChanges &j : m.perJurisdiction)
        if (j.*field) {
            total += j.*field;
            parts << (j.jurisdiction.isEmpty() ? QStringLiteral("unknown") : j.jurisdiction) + u' ' + QString::number(j.*field);
        }
    return total ? QString::number(total) + QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + u')' : QStringLiteral("0");
}

int total(const ScenarioMetrics &m, int JurisdictionChanges::*field)
{
    int n = 0;
    for (const JurisdictionChanges &j : m.perJurisdiction)
        n += j.*field;
    return n;
}

} // namespace

QString scopeText(const SimulationScope &scope, Pattern p)
{
    QString text = QStringLiteral("open findings of RES-001, RES-002, RES-003, RES-010")
        + (p == Pattern::C ? QStringLiteral(" and RES-007") : QString());
    QStringList narrow;
    if (!scope.datasets.isEmpty())
        narrow << QStringLiteral("datasets ") + scope.datasets.join(QStringLiteral(", "));
    if (!scope.origins.isEmpty())
        narrow << QStringLiteral("origins ") + scope.origins.join(QStringLiteral(", "));
    if (!scope.workloads.isEmpty())
        narrow << QStringLiteral("workloads ") + scope.workloads.join(QStringLiteral(", "));
    QStringList keys;
    for (const FindingKey &k : scope.findings)
        keys << k.toString();
    if (!keys.isEmpty())
        narrow << QStringLiteral("the subject of ") + keys.join(QStringLiteral(", "));
    return narrow.isEmpty() ? text : text + QStringLiteral(" on ") + narrow.join(QStringLiteral("; "));
}

QString scopeText(const SimulationResult &result)
{
    const bool withC = std::any_of(result.scenarios.begin(), result.scenarios.end(),
                                   [](const Scenario &s) { return s.plan.pattern == Pattern::C; });
    const bool onlyC = withC && result.scenarios.size() == 1;
    return scopeText(result.scope, onlyC ? Pattern::C : Pattern::A)
        + (withC && !onlyC ? QStringLiteral(" (for C also RES-007)") : QString());
}

std::vector<ComparisonRow> comparisonRows(const SimulationResult &result)
{
    std::vector<ComparisonRow> rows;
    const auto row = [&](const QString &metric, auto value) {
        ComparisonRow r{metric, {}, {}};
        for (const Scenario &s : result.scenarios) {
            const auto [text, better] = value(s);
            r.values << text;
            r.better << better;
        }
        rows.push_back(std::move(r));
    };
    row(QStringLiteral("In-scope findings resolved"), [](const Scenario &s) {
        const ScenarioMetrics &m = s.metrics;
        return std::pair<QString, int>{QStringLiteral("%1 of %2").arg(m.inScopeResolved).arg(m.inScope), m.inScopeResolved > 0 ? 1 : 0};
    });
    row(QStringLiteral("In-scope critical resolved"), [](const Scenario &s) {
        const ScenarioMetrics &m = s.metrics;
        return std::pair<QString, int>{QStringLiteral("%1 of %2").arg(m.inScopeCriticalResolved).arg(m.inScopeCritical),
                         m.inScopeCriticalResolved > 0 ? 1 : 0};
    });
    for (RuleSeverity sev : {RuleSeverity::Critical, RuleSeverity::High, RuleSeverity::Medium, RuleSeverity::Low}) {
        row(QStringLiteral("Open ") + ruleSeverityName(sev), [sev](const Scenario &s) {
            const int b = s.metrics.before[std::size_t(sev)], a = s.metrics.after[std::size_t(sev)];
            return std::pair<QString, int>{arrow(QString::number(b), QString::number(a)), compare(b, a)};
        });
    }
    row(QStringLiteral("Findings introduced"), [](const Scenario &s) {
        return std::pair<QString, int>{QString::number(s.delta.introduced.size()), s.delta.introduced.empty() ? 0 : -1};
    });
    row(QStringLiteral("Restricted across jurisdictions, GB/day"), [](const Scenario &s) {
        const ScenarioMetrics &m = s.metrics;
        return std::pair<QString, int>{arrow(formatAmount(m.restrictedCrossBefore), formatAmount(m.restrictedCrossAfter))
                             + QStringLiteral(" (%1 → %2 flows)").arg(m.restrictedCrossFlowsBefore).arg(m.restrictedCrossFlowsAfter),
                         compare(m.restrictedCrossFlowsBefore + m.restrictedCrossBefore, m.restrictedCrossFlowsAfter + m.restrictedCrossAfter)};
    });
    row(QStringLiteral("Workloads added"), [](const Scenario &s) {
        return std::pair<QString, int>{perJurisdiction(s.metrics, &JurisdictionChanges::workloadsAdded), 0};
    });
    row(QStringLiteral("Workloads moved (to sovereign)"), [](const Scenario &s) {
        return std::pair<QString, int>{QStringLiteral("%1 (%2)").arg(total(s.metrics, &JurisdictionChanges::workloadsMoved)).arg(s.metrics.movedToSovereign), 0};
    });
    row(QStringLiteral("Flows added / rerouted"), [](const Scenario &s) {
        return std::pair<QString, int>{QStringLiteral("%1 / %2").arg(total(s.metrics, &JurisdictionChanges::flowsAdded))
                             .arg(total(s.metrics, &JurisdictionChanges::flowsRerouted)), 0};
    });
    row(QStringLiteral("Training coverage"), [](const Scenario &s) {
        const std::optional<double> b = s.metrics.coverageBefore.share(), a = s.metrics.coverageAfter.share();
        return std::pair<QString, int>{arrow(share(b), share(a)), b && a ? compare(*b, *a, false) : 0};
    });
    row(QStringLiteral("Training data arriving anonymised"), [](const Scenario &s) {
        return std::pair<QString, int>{arrow(share(s.metrics.coverageBefore.anonymisedShare()), share(s.metrics.coverageAfter.anonymisedShare())), 0};
    });
    row(QStringLiteral("Cross-region volume, GB/day"), [](const Scenario &s) {
        return std::pair<QString, int>{arrow(formatAmount(s.metrics.crossRegionBefore), formatAmount(s.metrics.crossRegionAfter)),
                         compare(s.metrics.crossRegionBefore, s.metrics.crossRegionAfter)};
    });
    row(QStringLiteral("Model update traffic, GB/day"), [](const Scenario &s) {
        return std::pair<QString, int>{s.plan.pattern == Pattern::B ? formatAmount(s.metrics.updateGbPerDay) : QStringLiteral("-"), 0};
    });
    row(QStringLiteral("Pairs not addressed"), [](const Scenario &s) {
        return std::pair<QString, int>{QString::number(s.plan.notAddressed.size()), 0};
    });
    row(QStringLiteral("Residual risks"), [](const Scenario &s) {
        return std::pair<QString, int>{QString::number(s.metrics.residualRisks.size()), 0};
    });
    return rows;
}

} // namespace atlas
