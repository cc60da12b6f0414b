// The jurisdiction overview (issue 18): the inventory seen one level above the region map —
// one node per jurisdiction (its countries, workloads and the classes of data held there) and
// one cell per (origin, destination) pair of jurisdictions aggregating the flows and access
// entries between them with their open findings and volume. The graph and the matrix
// (views/render/overviewmap.h), `graph --view jurisdictions|matrix` and the GUI's overview all
// read this one aggregate, so a count is computed once. QtCore only.
#pragma once

#include "enums.h"
#include "policyfacts.h"
#include "policytypes.h"

#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace atlas {

// The node of workloads (and accessors) whose residency is unknown: never dropped silently.
inline constexpr QLatin1StringView kUnknownJurisdiction{"unknown"};

struct OverviewNode
{
    QString id;              // catalog jurisdiction id, or kUnknownJurisdiction
    QString name;            // catalog name ("European Union"), "Unknown residency"
    QStringList countries;   // ISO codes of the workloads and accessors there, sorted
    int workloads = 0;
    int accessors = 0;       // access entries whose accessor is here
    // Distinct datasets held by its workloads, per Classification; their sum is datasetsHeld.
    std::array<int, enumCount<Classification>()> datasetsByClass{};
    int datasetsHeld = 0;
    bool unknown = false;
};

// Flows and access entries from `origin` to `destination` (node indexes). For a flow, origin
// is its `from` workload's jurisdiction and destination its `to` workload's; for an access
// entry, origin is where the data is (the workload accessed) and destination the accessor's.
struct OverviewCell
{
    int origin = 0;
    int destination = 0;
    int flows = 0;
    int access = 0;
    std::array<int, 5> open{};   // open findings (Finding::countsAsOpen) per RuleSeverity
    double gbPerDay = 0;         // summed over the flows that declare a volume
    int flowsWithoutVolume = 0;
    EnumSet<Classification> classes; // carried by its flows and access entries
    QStringList flowIds;         // inventory order
    QStringList accessIds;
    std::vector<FindingKey> findings; // every finding on its flows and access entries, open or not

    bool crossesJurisdiction() const { return origin != destination; }
    int openFindings() const;
    // The most severe open finding's severity; nullopt when none is open.
    std::optional<RuleSeverity> worstOpen() const;
};

struct JurisdictionOverview
{
    std::vector<OverviewNode> nodes; // by jurisdiction id, Unknown last
    std::vector<OverviewCell> cells; // pairs with a flow or access entry, by origin then destination
    int flows = 0;
    int access = 0;
    bool anyVolume = false;          // some flow declares a volume (edges are then sized by it)

    // The cell of (origin, destination) node indexes; null when nothing goes there.
    const OverviewCell *cell(int origin, int destination) const;
    int nodeIndex(const QString &id) const;
    // Cells across jurisdictions (the graph's edges), in cell order.
    std::vector<int> edgeCells() const;
};

JurisdictionOverview buildOverview(const PolicyFacts &facts, const std::vector<Finding> &findings);

// "12 flows · 2 access · 5 critical · 1 high · 40 GB/day (3 flows without volume)": the one
// wording of a cell, for the graph's labels, the matrix and the text output.
QStringList cellSummaryParts(const OverviewCell &cell);
QString cellSummary(const OverviewCell &cell);
// "40 GB/day" ("0.5 GB/day"); "no volume declared" when no flow declares one.
QString volumeText(const OverviewCell &cell);

} // namespace atlas
