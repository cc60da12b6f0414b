#include "mapoverlay.h"

#include "inventory.h"
#include "simulate.h"

#include <map>

namespace atlas {

namespace {

const Flow *findFlow(const Inventory &inv, const QString &id)
{
    const auto it = std::find_if(inv.flows.begin(), inv.flows.end(), [&](const Flow &f) { return f.id == id; });
    return it == inv.flows.end() ? nullptr : &*it;
}

OverlayMark markOf(ChangeAction a)
{
    switch (a) {
    case ChangeAction::Added: return OverlayMark::Added;
    case ChangeAction::Moved: return OverlayMark::Moved;
    case ChangeAction::Rerouted: return OverlayMark::Rerouted;
    case ChangeAction::Removed: return OverlayMark::Removed;
    }
    return OverlayMark::None;
}

// When an edge merges flows the scenario treated differently, the strongest change shows.
int rank(OverlayMark m)
{
    switch (m) {
    case OverlayMark::None: return 0;
    case OverlayMark::Removed: return 1;
    case OverlayMark::Moved: return 2;
    case OverlayMark::Added: return 3;
    case OverlayMark::Rerouted: return 4;
    }
    return 0;
}

QString markName(OverlayMark m)
{
    switch (m) {
    case OverlayMark::None: return {};
    case OverlayMark::Added: return QStringLiteral("added");
    case OverlayMark::Moved: return QStringLiteral("moved");
    case OverlayMark::Rerouted: return QStringLiteral("rerouted");
    case OverlayMark::Removed: return QStringLiteral("removed");
    }
    return {};
}

} // namespace

MapOverlay scenarioOverlay(const Scenario &scenario, const Inventory &before)
{
    MapOverlay overlay;
    const Inventory *after = scenario.plan.inventory.get();
    for (const ScenarioChange &c : scenario.plan.changes) {
        const OverlayMark mark = markOf(c.action);
        if (c.kind == EntityKind::Workload) {
            if (c.action == ChangeAction::Removed)
                overlay.ghostWorkloads << c.id;
            else
                overlay.workloads.insert(c.id, mark);
            continue;
        }
        if (c.kind != EntityKind::Flow)
            continue;
        if (c.action == ChangeAction::Removed) {
            if (const Flow *f = findFlow(before, c.id))
                overlay.ghostFlows.push_back({c.id, f->from, f->to});
            continue;
        }
        overlay.flows.insert(c.id, mark);
        // The route a rerouted flow left: from its source to the old destination.
        if (c.action == ChangeAction::Rerouted && after)
            if (const Flow *f = findFlow(*after, c.id))
                overlay.ghostFlows.push_back({c.id, f->from, c.from});
    }
    return overlay;
}

void applyOverlay(MapGraph &graph, const MapOverlay &overlay)
{
    if (overlay.isEmpty())
        return;
    graph.overlay = true;
    QHash<QString, int> nodeOf;
    for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
        MapNode &node = graph.nodes[n];
        if (node.collapsed)
            continue;
        nodeOf.insert(node.id, int(n));
        node.mark = overlay.workloads.value(node.id, OverlayMark::None);
        if (node.mark != OverlayMark::None)
            node.tooltip += QStringLiteral("\nscenario: ") + markName(node.mark);
    }
    for (MapEdge &e : graph.edges) {
        QStringList changed;
        for (const QString &flow : e.flows) {
            const OverlayMark m = overlay.flows.value(flow, OverlayMark::None);
            if (m == OverlayMark::None)
                continue;
            changed << markName(m) + u' ' + flow;
            if (rank(m) > rank(e.mark))
                e.mark = m;
        }
        if (!changed.isEmpty())
            e.tooltip += QStringLiteral("\nscenario: ") + changed.join(QStringLiteral(", "));
    }
    for (const QString &id : overlay.ghostWorkloads) {
        if (nodeOf.contains(id))
            continue;
        MapNode n;
        n.id = id;
        n.title = id;
        n.subtitle = QStringLiteral("removed by the scenario");
        n.mark = OverlayMark::Removed;
        n.tooltip = id + QStringLiteral("\nremoved by the scenario");
        nodeOf.insert(id, int(graph.nodes.size()));
        graph.nodes.push_back(n);
    }
    // Ghost edges carry no flow ids: selecting a flow selects its drawn route, never its ghost.
    std::map<std::pair<int, int>, std::size_t> ghostEdge;
    for (const MapOverlay::Ghost &g : overlay.ghostFlows) {
        const int a = nodeOf.value(g.from, -1), b = nodeOf.value(g.to, -1);
        if (a < 0 || b < 0 || a == b)
            continue;
        auto [it, inserted] = ghostEdge.try_emplace({a, b}, graph.edges.size());
        if (inserted) {
            MapEdge e;
            e.from = a;
            e.to = b;
            e.stroke = EdgeStroke::Dashed;
            e.mark = OverlayMark::Removed;
            e.showLabel = false;
            e.tooltip = QStringLiteral("%1 → %2\nno longer used in the scenario:").arg(g.from, g.to);
            graph.edges.push_back(e);
        }
        MapEdge &e = graph.edges[it->second];
        e.tooltip += u' ' + g.id;
    }
}

} // namespace atlas
