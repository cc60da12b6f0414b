// The comparison of scenarios against their baseline — a row per metric, a value per scenario,
// each marked better or worse — and the scope in words. Computed here (not in a renderer) so
// that the simulate command, the GUI and the audit report show the same table.
#pragma once

#include "simulate.h"

namespace atlas {

// The comparison table and the trade-off lines (also what the GUI shows, as rows).
struct ComparisonRow
{
    QString metric;
    QStringList values;       // one per scenario
    QList<int> better;        // per scenario: 1 better than the baseline, -1 worse, 0 same or n/a
};
std::vector<ComparisonRow> comparisonRows(const SimulationResult &result);

// "the open residency findings (RES-001, RES-002, RES-003, RES-010)" narrowed "of datasets x, y".
QString scopeText(const SimulationScope &scope, Pattern p);
// The scope of a whole result: as above, "(for C also RES-007)" when C is among several patterns.
QString scopeText(const SimulationResult &result);

} // namespace atlas
