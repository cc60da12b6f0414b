// Reports of `simulate` (patterns.md): the comparison table — a column per pattern, a row per
// metric — with the trade-off lines and each scenario's change list, pairs not addressed and
// residual risks as text; the documented JSON (docs/simulate.md) with stable ordering; and the
// scenario inventory as YAML or JSON, headed by what made it. Deterministic: the same result
// gives the same bytes.
#pragma once

#include "simulate.h"

#include <QByteArray>
#include <QJsonObject>

class QIODevice;

namespace atlas {

// The comparison table and the trade-off lines (also what the GUI shows, as rows).
struct ComparisonRow
{
    QString metric;
    QStringList values;       // one per scenario
    QList<int> better;        // per scenario: 1 better than the baseline, -1 worse, 0 same or n/a
};
std::vector<ComparisonRow> comparisonRows(const SimulationResult &result);

QString simulationText(const SimulationResult &result);
bool writeSimulationJson(const SimulationResult &result, QIODevice &device);
QJsonObject metricsJson(const ScenarioMetrics &m);

// The scenario's inventory in the contract's format; YAML starts with comment lines naming
// the pattern, scope, options and trade-off.
QByteArray scenarioInventoryYaml(const SimulationResult &result, const Scenario &scenario);
QByteArray scenarioInventoryJson(const Scenario &scenario);

// "the open residency findings (RES-001, RES-002, RES-003, RES-010)" narrowed "of datasets x, y".
QString scopeText(const SimulationScope &scope, Pattern p);
// The scope of a whole result: as above, "(for C also RES-007)" when C is among several patterns.
QString scopeText(const SimulationResult &result);

} // namespace atlas
