// What the residency map shows, before layout: workloads as nodes grouped in nested clusters
// (jurisdiction → country → region), flows as edges (parallel flows between two workloads
// merged, with a count), styled by data class and form, with cross-border and finding
// emphasis; optional lineage focus on one dataset (the rest faded) and filters. Above a node
// threshold, clusters collapse into summary nodes (counts, findings) with aggregated edges.
#pragma once

#include "enums.h"
#include "policyfacts.h"
#include "policytypes.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <vector>

namespace atlas {

enum class MapGrouping : std::uint8_t { Jurisdiction, Country, Region };

// How an edge is drawn: raw solid; pseudonymised and features dashed; anonymised, aggregated,
// synthetic and metrics dotted; model weights and gradients thin.
// Derived: model weights or gradients that carry, by model lineage, personal data their trainer
// received (revision 2b), drawn dash-dotted so that it reads apart from a declared form.
enum class EdgeStroke : std::uint8_t { Solid, Dashed, Dotted, Thin, Derived };
EdgeStroke strokeOf(FlowForm form);

// What a simulated scenario did to a node or an edge (mapoverlay.h draws its change list):
// added green, moved and rerouted highlighted, removed dashed grey.
enum class OverlayMark : std::uint8_t { None, Added, Moved, Rerouted, Removed };

struct MapOptions
{
    MapGrouping grouping = MapGrouping::Region; // the deepest cluster level
    QString dataset;                            // lineage focus; empty = none
    bool onlyFindings = false;                  // keep workloads and flows with open findings
    bool onlyCrossBorder = false;               // keep flows that cross a border (and their ends)
    QSet<QString> jurisdictions;                // keep workloads in these; empty = all
    QSet<Classification> classifications;       // keep flows carrying these; empty = all
    int collapseAbove = 300;                    // visible nodes before clusters collapse
    QSet<QString> expanded;                     // cluster keys kept expanded when collapsing
    // A region asked to open is opened up to this many workloads, above collapseAbove too: its
    // cards are packed without Graphviz (packedlayout.h). Above it, it stays shut and says so.
    int openLimit = 2000;
};

struct MapCluster
{
    QString key;      // "EU", "EU/DE", "EU/DE/aws:eu-central-1"
    QString label;
    int level = 0;    // 0 jurisdiction, 1 country, 2 region
    int parent = -1;
};

struct MapNode
{
    QString id;               // workload id, or the cluster key of a collapsed cluster
    QString title;
    QString subtitle;         // kind · provider/region, or "N workloads"
    int cluster = -1;
    int workload = -1;        // index into the inventory, -1 for a collapsed cluster
    WorkloadKind kind = WorkloadKind::Application;
    bool external = false;
    bool collapsed = false;
    int members = 1;          // workloads behind a collapsed node
    int findings = 0;         // open findings on the workload (or inside the cluster)
    bool faded = false;       // outside the lineage focus
    bool unknownResidency = false;
    OverlayMark mark = OverlayMark::None;
    QString tooltip;
};

struct MapEdge
{
    int from = 0;
    int to = 0;
    QStringList flows;        // merged flow ids
    QStringList datasets;     // carried, in the order first seen
    QStringList forms;        // the forms they move in, in the order first seen
    QStringList derived;      // carried by model lineage, not declared (revision 2b)
    QStringList derivedFrom;  // the flows into training they stem from
    Classification dataClass = Classification::Public; // the most sensitive carried
    EdgeStroke stroke = EdgeStroke::Solid;
    bool crossBorder = false;
    bool crossJurisdiction = false;
    int findings = 0;
    double volumeGbPerDay = 0;
    bool faded = false;
    bool showLabel = true;    // the ×N / ⚠N label; on dense maps only the heaviest edges get one
    OverlayMark mark = OverlayMark::None;
    QString tooltip;
};

struct MapGraph
{
    std::vector<MapCluster> clusters; // parents before children
    std::vector<MapNode> nodes;
    std::vector<MapEdge> edges;
    int hiddenWorkloads = 0;          // removed by filters
    int hiddenFlows = 0;
    bool collapsedAny = false;
    QStringList refusedExpansions;    // expanded regions left shut: more workloads than openLimit
    QString focusDataset;
    bool overlay = false;             // a scenario's change list is drawn: the legend explains it
};

MapGraph buildMap(const PolicyFacts &facts, const std::vector<Finding> &findings, const MapOptions &options);

} // namespace atlas
