// Reports of `simulate` (patterns.md): the comparison table — a column per pattern, a row per
// metric — with the trade-off lines and each scenario's change list, pairs not addressed and
// residual risks as text; the documented JSON (docs/simulate.md) with stable ordering; and the
// scenario inventory as YAML or JSON, headed by what made it. Deterministic: the same result
// gives the same bytes.
#pragma once

#include "scenariocomparison.h"
#include "simulate.h"

#include <QByteArray>
#include <QJsonObject>

class QIODevice;

namespace atlas {

QString simulationText(const SimulationResult &result);
bool writeSimulationJson(const SimulationResult &result, QIODevice &device);
QJsonObject metricsJson(const ScenarioMetrics &m);
// What a workspace keeps of a scenario (pattern, options, scope, findings resolved, remaining and
// introduced by key, metrics, trade-off): enough to compare it later and to run it again.
QJsonObject keptScenarioJson(const SimulationResult &result, const Scenario &scenario);

// The scenario's inventory in the contract's format; YAML starts with comment lines naming
// the pattern, scope, options and trade-off.
QByteArray scenarioInventoryYaml(const SimulationResult &result, const Scenario &scenario);
QByteArray scenarioInventoryJson(const Scenario &scenario);

} // namespace atlas
