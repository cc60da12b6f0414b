// simulate(request) → scenarios: plans each pattern on the baseline snapshot's inventory
// (models/simulation.h), checks every scenario inventory with exactly the baseline's packs,
// parameters, disables, as-of date and catalog (patterns.md: "before and after are the same
// analysis"), and compares the findings by identity. The CLI's `simulate`, the GUI's Scenarios
// panel and the benchmark call this and nothing else.
#pragma once

#include "analysis.h"
#include "scenariometrics.h"
#include "simulation.h"

#include <atomic>
#include <functional>

namespace atlas {

struct SimulationRequest
{
    std::shared_ptr<const AnalysisSnapshot> baseline; // at depth Findings
    std::vector<Pattern> patterns;                     // in the order to report them
    SimulationScope scope;
    PatternOptions options;
    std::function<void(int done, int total)> progress; // after each scenario (any thread)
    const std::atomic_bool *cancel = nullptr;
};

struct Scenario
{
    ScenarioPlan plan;
    std::shared_ptr<const AnalysisSnapshot> after;
    FindingDelta delta;
    ScenarioMetrics metrics;
    QString tradeoff;

    QString name() const; // "A — local data, global model"
};

struct SimulationResult
{
    std::shared_ptr<const AnalysisSnapshot> baseline;
    SimulationScope scope;
    std::vector<Scenario> scenarios;

    // Open baseline findings that the scope selects for `p` (the default scope differs for C).
    int inScope(Pattern p) const;
};

// BadRequest: a scope name that does not exist (one diagnostic each, no file position: they
// come from the command line or the panel); Cancelled; Internal when a scenario fails to
// validate or check.
std::expected<SimulationResult, AnalysisError> simulate(const SimulationRequest &request);

} // namespace atlas
