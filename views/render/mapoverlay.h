// A scenario's change list over its map (patterns.md: "the GUI overlays the change list on the
// graph"): which workloads and flows the scenario added, moved, rerouted or removed, by id.
// The map is built from the scenario's own inventory; what is gone from it (removed subjects,
// the old route of a rerouted flow) comes back as ghosts, drawn dashed grey.
#pragma once

#include "mapgraph.h"

#include <QHash>

#include <vector>

namespace atlas {

struct Inventory;
struct Scenario;

struct MapOverlay
{
    struct Ghost
    {
        QString id;      // the flow's id
        QString from, to; // workload ids
    };
    QHash<QString, OverlayMark> workloads; // by workload id
    QHash<QString, OverlayMark> flows;     // by flow id
    std::vector<Ghost> ghostFlows;         // removed flows and the routes rerouted flows left
    QStringList ghostWorkloads;            // removed workloads

    bool isEmpty() const { return workloads.isEmpty() && flows.isEmpty() && ghostFlows.empty() && ghostWorkloads.isEmpty(); }
};

// The overlay of `scenario`'s change list; `before` is the baseline inventory (where removed
// subjects are still found).
MapOverlay scenarioOverlay(const Scenario &scenario, const Inventory &before);

// Marks the nodes and edges of a map built from the scenario inventory and adds the ghosts
// (between nodes that are drawn; a ghost workload becomes a node of its own).
void applyOverlay(MapGraph &graph, const MapOverlay &overlay);

} // namespace atlas
