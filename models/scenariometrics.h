// The metrics of a scenario against its baseline (patterns.md, "Metrics" and "Cost and effort
// proxies"): findings by severity, resolved / remaining / introduced by finding identity,
// restricted volume crossing jurisdictions, changes per jurisdiction, training coverage, cost
// proxies, residual risks, and the one-line trade-off. Pure functions of two inventories, two
// finding lists and the plan between them.
#pragma once

#include "catalog.h"
#include "inventory.h"
#include "policytypes.h"
#include "simulation.h"

#include <array>
#include <optional>
#include <vector>

namespace atlas {

// Open findings compared by identity (findingKey). A finding on a flow the plan added to carry
// on a rerouted flow's data (ScenarioChange::continues), of the rule and dataset of an open
// finding on that flow, continues it: the data still makes the move (patterns.md: "counts as
// resolved only if the subject's data no longer makes the move"), so the original is not
// resolved and the continuation counts as remaining.
struct FindingDelta
{
    std::vector<Finding> resolved;    // open before, not after (the baseline's finding)
    std::vector<Finding> remaining;   // open before and after, or continued (the scenario's finding)
    std::vector<Finding> introduced;  // open after only
    std::vector<std::pair<FindingKey, FindingKey>> continued; // (scenario finding, baseline finding), sorted
};
FindingDelta compareFindings(const std::vector<Finding> &before, const std::vector<Finding> &after,
                             const ScenarioPlan *plan = nullptr);

// Share of restricted and sensitive training volume that reaches the baseline's models.
struct TrainingCoverage
{
    double reachedGbPerDay = 0;
    double totalGbPerDay = 0;
    int reachedFlows = 0;
    int totalFlows = 0;
    double anonymisedGbPerDay = 0;   // of the reached volume, arriving anonymised

    // By volume; by flow count when no training flow declares a volume; nullopt with no training flows.
    std::optional<double> share() const;
    std::optional<double> anonymisedShare() const;
};

struct JurisdictionChanges
{
    QString jurisdiction;            // empty = unknown
    int workloadsAdded = 0, workloadsMoved = 0, workloadsRemoved = 0;
    int flowsAdded = 0, flowsRerouted = 0, flowsRemoved = 0;
};

struct Deployment
{
    QString provider;                // empty = a site or country location
    QString jurisdiction;
    int count = 0;
};

struct ResidualRisk
{
    QString rule;                    // the rule behind it; empty for a note of the plan
    QString subject;                 // the finding key, when it is a finding
    QString text;
    QString reference;               // the law or guidance the finding cites first, or patterns.md
};

struct ScenarioMetrics
{
    std::array<int, 5> before{};     // open findings by RuleSeverity
    std::array<int, 5> after{};
    int inScope = 0, inScopeResolved = 0;
    int inScopeCritical = 0, inScopeCriticalResolved = 0;
    double restrictedCrossBefore = 0, restrictedCrossAfter = 0; // GB/day, personal forms, across jurisdictions
    int restrictedCrossFlowsBefore = 0, restrictedCrossFlowsAfter = 0;
    double crossRegionBefore = 0, crossRegionAfter = 0;         // GB/day, any data, across regions
    std::vector<JurisdictionChanges> perJurisdiction;           // by jurisdiction id
    TrainingCoverage coverageBefore, coverageAfter;
    std::vector<Deployment> newDeployments;                     // by provider, jurisdiction
    int movedToSovereign = 0;
    double updateGbPerDay = 0;                                  // B
    std::vector<ResidualRisk> residualRisks;
};

ScenarioMetrics computeMetrics(const Catalog &catalog, const Inventory &before, const std::vector<Finding> &beforeFindings,
                               const ScenarioPlan &plan, const std::vector<Finding> &afterFindings,
                               const FindingDelta &delta);

// "resolves 7 of 9 findings in scope (5 of 6 critical), introduces 2; training coverage stays
// 100 %; adds 3 workloads in EU and IN; restricted data across jurisdictions 63 → 4 GB/day".
QString tradeoffSentence(const ScenarioPlan &plan, const ScenarioMetrics &m, const FindingDelta &delta);

// "63", "0.4", "1.5" — GB/day and percentages as reports print them.
QString formatAmount(double v);

} // namespace atlas
