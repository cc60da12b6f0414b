#include "simulate.h"

#include <future>

namespace atlas {

QString Scenario::name() const
{
    return patternLabel(patternLetter(plan.pattern));
}

int SimulationResult::inScope(Pattern p) const
{
    for (const Scenario &s : scenarios)
        if (s.plan.pattern == p)
            return int(s.plan.inScope.size());
    return 0;
}

namespace {

AnalysisError error(AnalysisErrorKind kind, const QStringList &messages)
{
    AnalysisError e;
    e.kind = kind;
    for (const QString &m : messages)
        e.diagnostics.append(Diagnostic{Severity::Error, {}, 0, 0, m});
    return e;
}

std::expected<Scenario, AnalysisError> runOne(const AnalysisSnapshot &baseline, Pattern pattern,
                                              const SimulationRequest &request)
{
    std::expected<ScenarioPlan, QString> plan = planScenario(*baseline.inventory, *baseline.catalog, baseline.findings,
                                                             pattern, request.scope, request.options);
    if (!plan)
        return std::unexpected(error(AnalysisErrorKind::Internal, {plan.error()}));
    AnalysisRequest check;
    check.inventory = plan->inventory;
    check.policies = baseline.policies;
    for (const QString &id : baseline.disabled)
        if (!baseline.policies->packDisabled.contains(id))
            check.disabled << id;
    check.asOf = baseline.asOf;
    check.catalog = baseline.catalog;
    check.depth = AnalysisDepth::Findings;
    AnalysisResult after = analyse(check);
    if (!after) {
        AnalysisError e = std::move(after.error());
        if (e.kind != AnalysisErrorKind::Cancelled)
            e.kind = AnalysisErrorKind::Internal;
        return std::unexpected(std::move(e));
    }
    Scenario s;
    s.plan = std::move(*plan);
    s.after = std::move(*after);
    s.delta = compareFindings(baseline.findings, s.after->findings, &s.plan);
    s.metrics = computeMetrics(*baseline.catalog, *baseline.inventory, baseline.findings, s.plan, s.after->findings, s.delta);
    s.tradeoff = tradeoffSentence(s.plan, s.metrics, s.delta);
    return s;
}

} // namespace

std::expected<SimulationResult, AnalysisError> simulate(const SimulationRequest &request)
{
    const std::shared_ptr<const AnalysisSnapshot> &baseline = request.baseline;
    if (!baseline || !baseline->policies || !baseline->inventory)
        return std::unexpected(error(AnalysisErrorKind::BadRequest, {QStringLiteral("no checked inventory to simulate on")}));
    QStringList bad;
    for (const ScopeProblem &p : scopeProblems(request.scope, *baseline->inventory, *baseline->catalog))
        bad << p.message(true);
    if (!bad.isEmpty())
        return std::unexpected(error(AnalysisErrorKind::BadRequest, bad));
    SimulationResult result;
    result.baseline = baseline;
    result.scope = request.scope;
    // The scenarios are independent: two at a time (the machines this runs on have two cores
    // and a check of 10^5 flows holds ~0.5 GB).
    const int total = int(request.patterns.size());
    const auto take = [&](std::expected<Scenario, AnalysisError> s) -> std::optional<AnalysisError> {
        if (!s)
            return std::move(s.error());
        result.scenarios.push_back(std::move(*s));
        if (request.progress)
            request.progress(int(result.scenarios.size()), total);
        return std::nullopt;
    };
    for (std::size_t i = 0; i < request.patterns.size(); i += 2) {
        if (request.cancel && request.cancel->load())
            return std::unexpected(error(AnalysisErrorKind::Cancelled, {QStringLiteral("cancelled")}));
        std::future<std::expected<Scenario, AnalysisError>> second;
        if (i + 1 < request.patterns.size())
            second = std::async(std::launch::async, runOne, std::cref(*baseline), request.patterns[i + 1], std::cref(request));
        std::optional<AnalysisError> failed = take(runOne(*baseline, request.patterns[i], request));
        if (second.valid())
            if (std::optional<AnalysisError> e = take(second.get()); e && !failed)
                failed = std::move(e);
        if (failed)
            return std::unexpected(std::move(*failed));
    }
    return result;
}

} // namespace atlas
