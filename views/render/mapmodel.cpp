#include "mapmodel.h"

#include "catalog.h"
#include "inventory.h"

#include <QHash>

#include <map>

namespace atlas {

EdgeStroke strokeOf(FlowForm form)
{
    switch (form) {
    case FlowForm::Raw: return EdgeStroke::Solid;
    case FlowForm::Pseudonymised:
    case FlowForm::Features: return EdgeStroke::Dashed;
    case FlowForm::Anonymised:
    case FlowForm::Aggregated:
    case FlowForm::Synthetic:
    case FlowForm::Metrics: return EdgeStroke::Dotted;
    case FlowForm::ModelWeights:
    case FlowForm::Gradients: return EdgeStroke::Thin;
    }
    return EdgeStroke::Solid;
}

namespace {

struct Placement
{
    QString keys[3];   // jurisdiction, country, region cluster keys
    QString labels[3];
};

// A workload placed by country alone: ours (own premises) unless a third party runs it.
QString countryCluster(const Workload &w, const OperatorFacts &op)
{
    if (w.external || !w.operatorHq.isEmpty())
        return QStringLiteral("third parties");
    if (op.id != u"self" && !op.id.isEmpty())
        return (op.name.isEmpty() ? op.id : op.name) + QStringLiteral(" (operated)");
    return QStringLiteral("own premises");
}

Placement placementOf(const Catalog &catalog, const ResolvedLocation &loc, const Workload &w, const OperatorFacts &op)
{
    Placement p;
    const QString j = loc.isKnown() ? loc.jurisdiction : QStringLiteral("unknown");
    p.keys[0] = j;
    const Jurisdiction *jur = catalog.jurisdiction(j);
    p.labels[0] = jur ? (jur->name == j ? j : j + QStringLiteral(" — ") + jur->name)
                      : (loc.form == LocationForm::Global ? QStringLiteral("Unknown residency (global services)")
                                                           : QStringLiteral("Unknown residency"));
    const QString c = loc.country.isEmpty() ? QStringLiteral("-") : loc.country;
    p.keys[1] = j + u'/' + c;
    const Country *country = catalog.country(loc.country);
    p.labels[1] = country ? country->code + u' ' + country->name
                          : (loc.form == LocationForm::MultiRegion ? QStringLiteral("several countries") : QStringLiteral("country unknown"));
    QString region;
    if (!loc.provider.isEmpty())
        region = loc.provider + u' ' + loc.region;
    else if (loc.form == LocationForm::Site)
        region = QStringLiteral("own site ") + loc.reference.mid(5);
    else if (loc.form == LocationForm::Country)
        region = countryCluster(w, op);
    else
        region = loc.reference;
    if (loc.sovereign)
        region += QStringLiteral(" (sovereign)");
    p.keys[2] = p.keys[1] + u'/' + region;
    p.labels[2] = region;
    return p;
}

int strokeRank(EdgeStroke s)
{
    switch (s) {
    case EdgeStroke::Solid: return 3;
    case EdgeStroke::Dashed: return 2;
    case EdgeStroke::Dotted: return 1;
    case EdgeStroke::Thin: return 0;
    }
    return 0;
}

} // namespace

MapGraph buildMap(const PolicyFacts &facts, const std::vector<Finding> &findings, const MapOptions &options)
{
    const Inventory &inv = *facts.inventory;
    const Catalog &catalog = *facts.catalog;
    const std::size_t nW = inv.workloads.size();
    MapGraph graph;
    graph.focusDataset = options.dataset;

    // Open findings per workload (its own and its holdings') and per flow.
    QHash<QString, int> workloadFindings, flowFindings;
    for (const Finding &f : findings) {
        if (!f.countsAsOpen())
            continue;
        if (f.subjectKind == SubjectKind::Workload || f.subjectKind == SubjectKind::Holding)
            ++workloadFindings[f.subjectId];
        else if (f.subjectKind == SubjectKind::Flow)
            ++flowFindings[f.subjectId];
    }

    // Lineage focus: the workloads the dataset reaches (holders included).
    int focus = -1;
    std::vector<bool> reached(nW, false);
    if (!options.dataset.isEmpty()) {
        focus = inv.datasetIndex(options.dataset);
        if (focus >= 0) {
            QSet<std::uint32_t> symbols(facts.datasets[std::size_t(focus)].reaches.begin(),
                                        facts.datasets[std::size_t(focus)].reaches.end());
            for (std::size_t w = 0; w < nW; ++w)
                reached[w] = symbols.contains(facts.workloads[w].id);
        }
    }

    // Which flows and workloads survive the filters.
    std::vector<bool> flowVisible(inv.flows.size(), true);
    std::vector<bool> workloadVisible(nW, true);
    for (std::size_t w = 0; w < nW; ++w)
        if (!options.jurisdictions.isEmpty()
            && !options.jurisdictions.contains(facts.residency[w].location.isKnown() ? facts.residency[w].location.jurisdiction : QStringLiteral("unknown")))
            workloadVisible[w] = false;
    std::vector<bool> touched(nW, false);
    for (std::size_t i = 0; i < inv.flows.size(); ++i) {
        const Flow &fl = inv.flows[i];
        bool keep = workloadVisible[fl.fromIndex] && workloadVisible[fl.toIndex];
        if (keep && !options.classifications.isEmpty()) {
            bool any = false;
            for (std::uint32_t d : linkedIndexes(fl.carries))
                any |= options.classifications.contains(inv.datasets[d].classification);
            keep = any;
        }
        if (keep && options.onlyCrossBorder)
            keep = facts.flows[i].crossesBorder > 0;
        if (keep && options.onlyFindings)
            keep = flowFindings.value(fl.id) > 0;
        flowVisible[i] = keep;
        if (keep)
            touched[fl.fromIndex] = touched[fl.toIndex] = true;
    }
    const bool flowFilter = options.onlyCrossBorder || options.onlyFindings || !options.classifications.isEmpty();
    for (std::size_t w = 0; w < nW; ++w) {
        if (!workloadVisible[w])
            continue;
        if (flowFilter && !touched[w] && !(options.onlyFindings && !options.onlyCrossBorder && options.classifications.isEmpty()
                                           && workloadFindings.value(inv.workloads[w].id) > 0))
            workloadVisible[w] = false;
    }
    for (std::size_t w = 0; w < nW; ++w)
        graph.hiddenWorkloads += workloadVisible[w] ? 0 : 1;
    for (std::size_t i = 0; i < inv.flows.size(); ++i)
        graph.hiddenFlows += flowVisible[i] ? 0 : 1;

    // Clusters, deepest level per the grouping.
    const int depth = int(options.grouping) + 1;
    std::vector<Placement> placements(nW);
    QHash<QString, int> clusterIndex;
    std::vector<int> clusterOf(nW, -1);
    std::vector<int> visibleInCluster;
    for (std::size_t w = 0; w < nW; ++w) {
        if (!workloadVisible[w])
            continue;
        placements[w] = placementOf(catalog, facts.residency[w].location, inv.workloads[w], facts.residency[w].operatorFacts);
        int parent = -1;
        for (int level = 0; level < depth; ++level) {
            const QString &key = placements[w].keys[level];
            auto it = clusterIndex.constFind(key);
            if (it == clusterIndex.cend()) {
                graph.clusters.push_back(MapCluster{key, placements[w].labels[level], level, parent});
                visibleInCluster.push_back(0);
                it = clusterIndex.insert(key, int(graph.clusters.size() - 1));
            }
            parent = *it;
            ++visibleInCluster[std::size_t(parent)];
        }
        clusterOf[w] = parent;
    }

    // Collapse: find the deepest level at which collapsing brings the node count under the
    // threshold. Expanding a collapsed cluster opens it one level (its children appear
    // collapsed); a region opens into its workloads — unless it alone holds more workloads
    // than the threshold, which would take minutes to lay out: then it stays shut and the map
    // says so.
    auto ancestorAt = [&](int c, int level) {
        while (graph.clusters[std::size_t(c)].level > level)
            c = graph.clusters[std::size_t(c)].parent;
        return c;
    };
    int visible = 0;
    for (std::size_t w = 0; w < nW; ++w)
        visible += workloadVisible[w] ? 1 : 0;
    int collapseLevel = -1;
    if (visible > options.collapseAbove) {
        for (int level = depth - 1; level >= 0; --level) {
            QSet<int> groups;
            for (std::size_t w = 0; w < nW; ++w)
                if (workloadVisible[w])
                    groups.insert(ancestorAt(clusterOf[w], level));
            collapseLevel = level;
            if (groups.size() <= options.collapseAbove)
                break;
        }
    }
    // The cluster a workload is drawn inside when collapsed, or -1 when it is drawn itself.
    std::vector<int> shownAs(nW, -1);
    if (collapseLevel >= 0) {
        for (std::size_t w = 0; w < nW; ++w) {
            if (!workloadVisible[w])
                continue;
            int c = ancestorAt(clusterOf[w], collapseLevel);
            while (options.expanded.contains(graph.clusters[std::size_t(c)].key)) {
                if (graph.clusters[std::size_t(c)].level == depth - 1) {
                    if (visibleInCluster[std::size_t(c)] > options.collapseAbove) {
                        if (!graph.refusedExpansions.contains(graph.clusters[std::size_t(c)].key))
                            graph.refusedExpansions << graph.clusters[std::size_t(c)].key;
                        break;
                    }
                    c = -1;
                    break;
                }
                c = ancestorAt(clusterOf[w], graph.clusters[std::size_t(c)].level + 1);
            }
            shownAs[w] = c;
        }
    }

    // Nodes.
    std::vector<int> nodeOf(nW, -1);
    QHash<int, int> collapsedNode; // cluster → node
    for (std::size_t w = 0; w < nW; ++w) {
        if (!workloadVisible[w])
            continue;
        const Workload &wl = inv.workloads[w];
        const ResolvedLocation &loc = facts.residency[w].location;
        int c = clusterOf[w];
        if (shownAs[w] >= 0) {
            c = shownAs[w];
            {
                auto it = collapsedNode.find(c);
                if (it == collapsedNode.end()) {
                    MapNode n;
                    n.id = graph.clusters[std::size_t(c)].key;
                    n.title = graph.clusters[std::size_t(c)].label;
                    n.collapsed = true;
                    n.members = 0;
                    n.cluster = graph.clusters[std::size_t(c)].parent;
                    graph.nodes.push_back(n);
                    it = collapsedNode.insert(c, int(graph.nodes.size() - 1));
                }
                MapNode &n = graph.nodes[std::size_t(*it)];
                ++n.members;
                n.findings += workloadFindings.value(wl.id);
                n.subtitle = graph.refusedExpansions.contains(n.id)
                    ? QStringLiteral("%1 workloads — too many to open; filter first").arg(n.members)
                    : QStringLiteral("%1 workloads — double-click to expand").arg(n.members);
                n.faded = focus >= 0 && !reached[w] && n.faded;
                nodeOf[w] = *it;
                graph.collapsedAny = true;
                continue;
            }
        }
        MapNode n;
        n.id = wl.id;
        n.title = wl.name.isEmpty() ? wl.id : wl.name;
        QString where = loc.provider.isEmpty() ? wl.location : loc.provider + u':' + loc.region;
        if (!loc.zone.isEmpty())
            where = loc.provider + u':' + loc.zone;
        n.subtitle = enumQName(wl.kind) + QStringLiteral(" · ") + where;
        n.cluster = c;
        n.workload = int(w);
        n.kind = wl.kind;
        n.external = wl.external;
        n.findings = workloadFindings.value(wl.id);
        n.faded = focus >= 0 && !reached[w];
        n.unknownResidency = !loc.isKnown();
        const OperatorFacts &op = facts.residency[w].operatorFacts;
        // One arg() call: a later .arg() would substitute into a '%2' inside a name.
        n.tooltip = QStringLiteral("%1 (%2)\n%3\nlocation: %4\nresidency: %5 / %6 / %7\noperator: %8%9\nopen findings: %10")
                        .arg(wl.id, enumQName(wl.kind), wl.name, wl.location,
                             loc.jurisdiction.isEmpty() ? QStringLiteral("unknown") : loc.jurisdiction,
                             loc.country.isEmpty() ? QStringLiteral("-") : loc.country,
                             loc.region.isEmpty() ? QStringLiteral("-") : loc.region, op.id,
                             op.extraterritorial ? QStringLiteral(" (reached by ") + op.law + u')' : QString(),
                             QString::number(n.findings));
        nodeOf[w] = int(graph.nodes.size());
        graph.nodes.push_back(n);
    }
    // A collapsed node is faded only when none of its workloads is in focus.
    if (focus >= 0)
        for (std::size_t w = 0; w < nW; ++w)
            if (nodeOf[w] >= 0 && graph.nodes[std::size_t(nodeOf[w])].collapsed)
                graph.nodes[std::size_t(nodeOf[w])].faded = true;
    if (focus >= 0)
        for (std::size_t w = 0; w < nW; ++w)
            if (nodeOf[w] >= 0 && reached[w])
                graph.nodes[std::size_t(nodeOf[w])].faded = false;

    // Edges: parallel flows between the same two nodes merge.
    std::map<std::pair<int, int>, int> edgeIndex;
    for (std::size_t i = 0; i < inv.flows.size(); ++i) {
        if (!flowVisible[i])
            continue;
        const Flow &fl = inv.flows[i];
        const int a = nodeOf[fl.fromIndex], b = nodeOf[fl.toIndex];
        if (a < 0 || b < 0 || a == b)
            continue; // inside a collapsed cluster
        auto [it, inserted] = edgeIndex.try_emplace({a, b}, int(graph.edges.size()));
        if (inserted) {
            MapEdge e;
            e.from = a;
            e.to = b;
            e.dataClass = Classification::Public;
            e.stroke = EdgeStroke::Thin;
            e.faded = focus >= 0;
            graph.edges.push_back(e);
        }
        MapEdge &e = graph.edges[std::size_t(it->second)];
        e.flows << fl.id;
        bool carriesFocus = false;
        for (std::uint32_t d : linkedIndexes(fl.carries)) {
            e.dataClass = std::min(e.dataClass, inv.datasets[d].classification);
            carriesFocus |= int(d) == focus;
        }
        if (strokeRank(strokeOf(fl.form)) > strokeRank(e.stroke))
            e.stroke = strokeOf(fl.form);
        e.crossBorder |= facts.flows[i].crossesBorder > 0;
        e.crossJurisdiction |= facts.flows[i].crossesJurisdiction > 0;
        e.findings += flowFindings.value(fl.id);
        e.volumeGbPerDay += fl.volumeGbPerDay.value_or(0);
        if (carriesFocus && reached[fl.fromIndex] && reached[fl.toIndex])
            e.faded = false;
    }
    for (MapEdge &e : graph.edges) {
        QStringList shown = e.flows.mid(0, 6);
        if (e.flows.size() > 6)
            shown << QStringLiteral("… %1 more").arg(e.flows.size() - 6);
        e.tooltip = QStringLiteral("%1 → %2\n%3 flow(s): %4\nmost sensitive data: %5%6%7\nopen findings: %8")
                        .arg(graph.nodes[std::size_t(e.from)].id, graph.nodes[std::size_t(e.to)].id,
                             QString::number(e.flows.size()), shown.join(QStringLiteral(", ")), enumQName(e.dataClass),
                             e.crossJurisdiction ? QStringLiteral("\ncrosses a jurisdiction") : (e.crossBorder ? QStringLiteral("\ncrosses a border") : QString()),
                             e.volumeGbPerDay > 0 ? QStringLiteral("\nvolume: %1 GB/day").arg(e.volumeGbPerDay) : QString(),
                             QString::number(e.findings));
    }

    // Dense maps: labels only on the 40 edges that merge the most flows (the rest say it in
    // their tooltips), or the labels hide the map.
    constexpr std::size_t kLabelledEdges = 40;
    if (graph.edges.size() > kLabelledEdges) {
        std::vector<std::size_t> order(graph.edges.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return graph.edges[a].flows.size() > graph.edges[b].flows.size();
        });
        for (std::size_t k = kLabelledEdges; k < order.size(); ++k)
            graph.edges[order[k]].showLabel = false;
    }

    // Keep only clusters that still contain a node (collapsed clusters become nodes).
    std::vector<int> used(graph.clusters.size(), 0);
    for (const MapNode &n : graph.nodes)
        for (int c = n.cluster; c >= 0; c = graph.clusters[std::size_t(c)].parent)
            used[std::size_t(c)] = 1;
    std::vector<int> remap(graph.clusters.size(), -1);
    std::vector<MapCluster> kept;
    for (std::size_t c = 0; c < graph.clusters.size(); ++c) {
        if (!used[c])
            continue;
        MapCluster mc = graph.clusters[c];
        mc.parent = mc.parent >= 0 ? remap[std::size_t(mc.parent)] : -1;
        remap[c] = int(kept.size());
        kept.push_back(mc);
    }
    for (MapNode &n : graph.nodes)
        n.cluster = n.cluster >= 0 ? remap[std::size_t(n.cluster)] : -1;
    graph.clusters = std::move(kept);
    return graph;
}

} // namespace atlas
