#include "mapgraph.h"

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

Placement placementOf(const PolicyFacts &facts, const ResolvedLocation &loc, const Workload &w, const OperatorFacts &op)
{
    const Catalog &catalog = *facts.catalog;
    Placement p;
    const QString j = loc.isKnown() ? loc.jurisdiction : QStringLiteral("unknown");
    p.keys[0] = j;
    const Jurisdiction *jur = facts.lawOf(j);
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
    case EdgeStroke::Solid: return 4;
    case EdgeStroke::Dashed: return 3;
    case EdgeStroke::Dotted: return 2;
    case EdgeStroke::Derived: return 1;
    case EdgeStroke::Thin: return 0;
    }
    return 0;
}

// buildMap's steps share the inputs, the graph being built, and per-workload and per-flow
// working vectors; each step reads what the earlier ones left.
class MapBuilder
{
public:
    MapBuilder(const PolicyFacts &facts, const MapOptions &options)
        : m_inv(*facts.inventory), m_catalog(*facts.catalog), m_facts(facts), m_options(options),
          m_nW(m_inv.workloads.size())
    {
        m_graph.focusDataset = options.dataset;
    }

    MapGraph build(const std::vector<Finding> &findings)
    {
        countOpenFindings(findings);
        focusLineage();
        applyFilters();
        placeInClusters();
        collapse();
        addNodes();
        settleNodeFading();
        addEdges();
        describeEdges();
        labelHeaviestEdges();
        dropEmptyClusters();
        return std::move(m_graph);
    }

private:
    void countOpenFindings(const std::vector<Finding> &findings);
    void focusLineage();
    void applyFilters();
    bool flowPassesFilters(std::size_t i) const;
    void placeInClusters();
    int ancestorAt(int c, int level) const;
    int groupsAt(int level) const;
    int collapseLevel() const;
    int shownAsCluster(std::size_t w, int collapseLevel);
    void collapse();
    void addNodes();
    void addToCollapsedNode(std::size_t w);
    void addWorkloadNode(std::size_t w);
    void settleNodeFading();
    void addEdges();
    void mergeFlowIntoEdge(std::size_t i, MapEdge &e);
    void mergeDerived(std::size_t i, MapEdge &e);
    void describeEdges();
    void labelHeaviestEdges();
    void dropEmptyClusters();

    MapCluster &cluster(int c) { return m_graph.clusters[std::size_t(c)]; }
    const MapCluster &cluster(int c) const { return m_graph.clusters[std::size_t(c)]; }

    const Inventory &m_inv;
    const Catalog &m_catalog;
    const PolicyFacts &m_facts;
    const MapOptions &m_options;
    const std::size_t m_nW;
    MapGraph m_graph;

    QHash<QString, int> m_workloadFindings, m_flowFindings;
    int m_focus = -1;                  // the focused dataset's index, -1 for none
    std::vector<bool> m_reached;       // per workload: the focused dataset reaches it
    std::vector<bool> m_flowVisible, m_workloadVisible;
    int m_depth = 0;                   // cluster levels per the grouping
    std::vector<int> m_clusterOf;      // per workload: its deepest cluster
    std::vector<int> m_visibleInCluster;
    std::vector<int> m_shownAs;        // per workload: the collapsed cluster drawn for it, or -1
    std::vector<int> m_nodeOf;         // per workload: its node, or -1
    QHash<int, int> m_collapsedNode;   // cluster → node
};

// Open findings per workload (its own and its holdings') and per flow.
void MapBuilder::countOpenFindings(const std::vector<Finding> &findings)
{
    for (const Finding &f : findings) {
        if (!f.countsAsOpen())
            continue;
        if (f.subjectKind == SubjectKind::Workload || f.subjectKind == SubjectKind::Holding)
            ++m_workloadFindings[f.subjectId];
        else if (f.subjectKind == SubjectKind::Flow)
            ++m_flowFindings[f.subjectId];
    }
}

// Lineage focus: the workloads the dataset reaches (holders included).
void MapBuilder::focusLineage()
{
    m_reached.assign(m_nW, false);
    if (m_options.dataset.isEmpty())
        return;
    m_focus = m_inv.datasetIndex(m_options.dataset);
    if (m_focus < 0)
        return;
    const auto &reaches = m_facts.datasets[std::size_t(m_focus)].reaches;
    QSet<std::uint32_t> symbols(reaches.begin(), reaches.end());
    for (std::size_t w = 0; w < m_nW; ++w)
        m_reached[w] = symbols.contains(m_facts.workloads[w].id);
}

bool MapBuilder::flowPassesFilters(std::size_t i) const
{
    const Flow &fl = m_inv.flows[i];
    bool keep = m_workloadVisible[fl.fromIndex] && m_workloadVisible[fl.toIndex];
    if (keep && !m_options.classifications.isEmpty()) {
        bool any = false;
        for (std::uint32_t d : linkedIndexes(fl.carries))
            any |= m_options.classifications.contains(m_inv.datasets[d].classification);
        keep = any;
    }
    // A flow between two jurisdictions crosses a border even when an end has no single country
    // (gcp:eu): the overview's drill-down into a pair must show every flow it counted.
    if (keep && m_options.onlyCrossBorder)
        keep = m_facts.flows[i].crossesBorder > 0 || m_facts.flows[i].crossesJurisdiction > 0;
    if (keep && m_options.onlyFindings)
        keep = m_flowFindings.value(fl.id) > 0;
    return keep;
}

// Which flows and workloads survive the filters.
void MapBuilder::applyFilters()
{
    m_flowVisible.assign(m_inv.flows.size(), true);
    m_workloadVisible.assign(m_nW, true);
    for (std::size_t w = 0; w < m_nW; ++w) {
        const ResolvedLocation &loc = m_facts.residency[w].location;
        if (!m_options.jurisdictions.isEmpty()
            && !m_options.jurisdictions.contains(loc.isKnown() ? loc.jurisdiction : QStringLiteral("unknown")))
            m_workloadVisible[w] = false;
    }
    std::vector<bool> touched(m_nW, false);
    for (std::size_t i = 0; i < m_inv.flows.size(); ++i) {
        const bool keep = flowPassesFilters(i);
        m_flowVisible[i] = keep;
        if (keep)
            touched[m_inv.flows[i].fromIndex] = touched[m_inv.flows[i].toIndex] = true;
    }
    // A flow filter hides the workloads no kept flow touches; "only findings" alone keeps a
    // workload with findings of its own.
    const bool flowFilter = m_options.onlyCrossBorder || m_options.onlyFindings || !m_options.classifications.isEmpty();
    const bool onlyFindingsAlone = m_options.onlyFindings && !m_options.onlyCrossBorder && m_options.classifications.isEmpty();
    for (std::size_t w = 0; w < m_nW; ++w) {
        if (!m_workloadVisible[w])
            continue;
        if (flowFilter && !touched[w] && !(onlyFindingsAlone && m_workloadFindings.value(m_inv.workloads[w].id) > 0))
            m_workloadVisible[w] = false;
    }
    for (std::size_t w = 0; w < m_nW; ++w)
        m_graph.hiddenWorkloads += m_workloadVisible[w] ? 0 : 1;
    for (std::size_t i = 0; i < m_inv.flows.size(); ++i)
        m_graph.hiddenFlows += m_flowVisible[i] ? 0 : 1;
}

// Clusters, deepest level per the grouping.
void MapBuilder::placeInClusters()
{
    m_depth = int(m_options.grouping) + 1;
    QHash<QString, int> clusterIndex;
    m_clusterOf.assign(m_nW, -1);
    for (std::size_t w = 0; w < m_nW; ++w) {
        if (!m_workloadVisible[w])
            continue;
        const Placement placement = placementOf(m_facts, m_facts.residency[w].location, m_inv.workloads[w],
                                                m_facts.residency[w].operatorFacts);
        int parent = -1;
        for (int level = 0; level < m_depth; ++level) {
            const QString &key = placement.keys[level];
            auto it = clusterIndex.constFind(key);
            if (it == clusterIndex.cend()) {
                m_graph.clusters.push_back(MapCluster{key, placement.labels[level], level, parent});
                m_visibleInCluster.push_back(0);
                it = clusterIndex.insert(key, int(m_graph.clusters.size() - 1));
            }
            parent = *it;
            ++m_visibleInCluster[std::size_t(parent)];
        }
        m_clusterOf[w] = parent;
    }
}

int MapBuilder::ancestorAt(int c, int level) const
{
    while (cluster(c).level > level)
        c = cluster(c).parent;
    return c;
}

int MapBuilder::groupsAt(int level) const
{
    QSet<int> groups;
    for (std::size_t w = 0; w < m_nW; ++w)
        if (m_workloadVisible[w])
            groups.insert(ancestorAt(m_clusterOf[w], level));
    return int(groups.size());
}

// The deepest level at which collapsing brings the node count under the threshold (the top
// level if none does); -1 when nothing needs collapsing.
int MapBuilder::collapseLevel() const
{
    int visible = 0;
    for (std::size_t w = 0; w < m_nW; ++w)
        visible += m_workloadVisible[w] ? 1 : 0;
    if (visible <= m_options.collapseAbove)
        return -1;
    int level = m_depth - 1;
    while (level > 0 && groupsAt(level) > m_options.collapseAbove)
        --level;
    return level;
}

// Expanding a collapsed cluster opens it one level (its children appear collapsed); a region
// opens into its workloads — unless it alone holds more workloads than the threshold, which
// would take minutes to lay out: then it stays shut and the map says so.
int MapBuilder::shownAsCluster(std::size_t w, int collapseLevel)
{
    int c = ancestorAt(m_clusterOf[w], collapseLevel);
    while (m_options.expanded.contains(cluster(c).key)) {
        if (cluster(c).level == m_depth - 1) {
            if (m_visibleInCluster[std::size_t(c)] > std::max(m_options.collapseAbove, m_options.openLimit)) {
                if (!m_graph.refusedExpansions.contains(cluster(c).key))
                    m_graph.refusedExpansions << cluster(c).key;
                return c;
            }
            return -1;
        }
        c = ancestorAt(m_clusterOf[w], cluster(c).level + 1);
    }
    return c;
}

// The cluster each workload is drawn inside when collapsed, or -1 when it is drawn itself.
void MapBuilder::collapse()
{
    m_shownAs.assign(m_nW, -1);
    const int level = collapseLevel();
    if (level < 0)
        return;
    for (std::size_t w = 0; w < m_nW; ++w)
        if (m_workloadVisible[w])
            m_shownAs[w] = shownAsCluster(w, level);
}

void MapBuilder::addNodes()
{
    m_nodeOf.assign(m_nW, -1);
    for (std::size_t w = 0; w < m_nW; ++w) {
        if (!m_workloadVisible[w])
            continue;
        if (m_shownAs[w] >= 0)
            addToCollapsedNode(w);
        else
            addWorkloadNode(w);
    }
}

void MapBuilder::addToCollapsedNode(std::size_t w)
{
    const int c = m_shownAs[w];
    auto it = m_collapsedNode.find(c);
    if (it == m_collapsedNode.end()) {
        MapNode n;
        n.id = cluster(c).key;
        n.title = cluster(c).label;
        n.collapsed = true;
        n.members = 0;
        n.cluster = cluster(c).parent;
        m_graph.nodes.push_back(n);
        it = m_collapsedNode.insert(c, int(m_graph.nodes.size() - 1));
    }
    MapNode &n = m_graph.nodes[std::size_t(*it)];
    ++n.members;
    n.findings += m_workloadFindings.value(m_inv.workloads[w].id);
    n.subtitle = m_graph.refusedExpansions.contains(n.id)
        ? QStringLiteral("%1 workloads — too many to open; filter first").arg(n.members)
        : QStringLiteral("%1 workloads — double-click to expand").arg(n.members);
    n.faded = m_focus >= 0 && !m_reached[w] && n.faded;
    m_nodeOf[w] = *it;
    m_graph.collapsedAny = true;
}

QString workloadTooltip(const Workload &wl, const ResolvedLocation &loc, const OperatorFacts &op, int findings)
{
    // One arg() call: a later .arg() would substitute into a '%2' inside a name.
    return QStringLiteral("%1 (%2)\n%3\nlocation: %4\nresidency: %5 / %6 / %7\noperator: %8%9\nopen findings: %10")
        .arg(wl.id, enumQName(wl.kind), wl.name, wl.location,
             loc.jurisdiction.isEmpty() ? QStringLiteral("unknown") : loc.jurisdiction,
             loc.country.isEmpty() ? QStringLiteral("-") : loc.country,
             loc.region.isEmpty() ? QStringLiteral("-") : loc.region, op.id,
             op.extraterritorial ? QStringLiteral(" (reached by ") + op.law + u')' : QString(),
             QString::number(findings));
}

void MapBuilder::addWorkloadNode(std::size_t w)
{
    const Workload &wl = m_inv.workloads[w];
    const ResolvedLocation &loc = m_facts.residency[w].location;
    MapNode n;
    n.id = wl.id;
    n.title = wl.name.isEmpty() ? wl.id : wl.name;
    QString where = loc.provider.isEmpty() ? wl.location : loc.provider + u':' + loc.region;
    if (!loc.zone.isEmpty())
        where = loc.provider + u':' + loc.zone;
    n.subtitle = enumQName(wl.kind) + QStringLiteral(" · ") + where;
    n.cluster = m_clusterOf[w];
    n.workload = int(w);
    n.kind = wl.kind;
    n.external = wl.external;
    n.findings = m_workloadFindings.value(wl.id);
    n.faded = m_focus >= 0 && !m_reached[w];
    n.unknownResidency = !loc.isKnown();
    n.tooltip = workloadTooltip(wl, loc, m_facts.residency[w].operatorFacts, n.findings);
    m_nodeOf[w] = int(m_graph.nodes.size());
    m_graph.nodes.push_back(n);
}

// A collapsed node is faded only when none of its workloads is in focus.
void MapBuilder::settleNodeFading()
{
    if (m_focus < 0)
        return;
    for (std::size_t w = 0; w < m_nW; ++w)
        if (m_nodeOf[w] >= 0 && m_graph.nodes[std::size_t(m_nodeOf[w])].collapsed)
            m_graph.nodes[std::size_t(m_nodeOf[w])].faded = true;
    for (std::size_t w = 0; w < m_nW; ++w)
        if (m_nodeOf[w] >= 0 && m_reached[w])
            m_graph.nodes[std::size_t(m_nodeOf[w])].faded = false;
}

// Edges: parallel flows between the same two nodes merge.
void MapBuilder::addEdges()
{
    std::map<std::pair<int, int>, int> edgeIndex;
    for (std::size_t i = 0; i < m_inv.flows.size(); ++i) {
        if (!m_flowVisible[i])
            continue;
        const Flow &fl = m_inv.flows[i];
        const int a = m_nodeOf[fl.fromIndex], b = m_nodeOf[fl.toIndex];
        if (a < 0 || b < 0 || a == b)
            continue; // inside a collapsed cluster
        auto [it, inserted] = edgeIndex.try_emplace({a, b}, int(m_graph.edges.size()));
        if (inserted) {
            MapEdge e;
            e.from = a;
            e.to = b;
            e.dataClass = Classification::Public;
            e.stroke = EdgeStroke::Thin;
            e.faded = m_focus >= 0;
            m_graph.edges.push_back(e);
        }
        mergeFlowIntoEdge(i, m_graph.edges[std::size_t(it->second)]);
    }
}

void MapBuilder::mergeFlowIntoEdge(std::size_t i, MapEdge &e)
{
    const Flow &fl = m_inv.flows[i];
    e.flows << fl.id;
    bool carriesFocus = false;
    const QString form = enumQName(fl.form);
    if (!e.forms.contains(form))
        e.forms << form;
    for (std::uint32_t d : linkedIndexes(fl.carries)) {
        if (!e.datasets.contains(m_inv.datasets[d].id))
            e.datasets << m_inv.datasets[d].id;
        e.dataClass = std::min(e.dataClass, m_inv.datasets[d].classification);
        carriesFocus |= int(d) == m_focus;
    }
    if (strokeRank(strokeOf(fl.form)) > strokeRank(e.stroke))
        e.stroke = strokeOf(fl.form);
    mergeDerived(i, e);
    e.crossBorder |= m_facts.flows[i].crossesBorder > 0 || m_facts.flows[i].crossesJurisdiction > 0;
    e.crossJurisdiction |= m_facts.flows[i].crossesJurisdiction > 0;
    e.findings += m_flowFindings.value(fl.id);
    e.volumeGbPerDay += fl.volumeGbPerDay.value_or(0);
    if (carriesFocus && m_reached[fl.fromIndex] && m_reached[fl.toIndex])
        e.faded = false;
}

// What the flow carries by model lineage: restricted or sensitive data its model was trained on.
void MapBuilder::mergeDerived(std::size_t i, MapEdge &e)
{
    if (i >= m_facts.flows.size())
        return;
    const FlowFacts &ff = m_facts.flows[i];
    for (std::uint32_t p = ff.firstPair; p < ff.firstPair + ff.pairCount; ++p) {
        const FlowPairFacts &pair = m_facts.flowPairs[p];
        if (!pair.derived)
            continue;
        const Dataset &d = m_inv.datasets[m_facts.flowPairDataset[p]];
        if (!e.derived.contains(d.id))
            e.derived << d.id;
        e.dataClass = std::min(e.dataClass, d.classification);
        if (pair.lineage >= 0)
            for (std::uint32_t t : m_facts.lineage[std::size_t(pair.lineage)].trainingFlows)
                if (!e.derivedFrom.contains(m_inv.flows[t].id))
                    e.derivedFrom << m_inv.flows[t].id;
        if (strokeRank(EdgeStroke::Derived) > strokeRank(e.stroke))
            e.stroke = EdgeStroke::Derived;
    }
}

void MapBuilder::describeEdges()
{
    for (MapEdge &e : m_graph.edges) {
        QStringList shown = e.flows.mid(0, 6);
        if (e.flows.size() > 6)
            shown << QStringLiteral("… %1 more").arg(e.flows.size() - 6);
        e.tooltip = QStringLiteral("%1 → %2\n%3 flow(s): %4\ncarries: %9 (%10)\nmost sensitive data: %5%6%7\nopen findings: %8")
                        .arg(m_graph.nodes[std::size_t(e.from)].id, m_graph.nodes[std::size_t(e.to)].id,
                             QString::number(e.flows.size()), shown.join(QStringLiteral(", ")), enumQName(e.dataClass),
                             e.crossJurisdiction ? QStringLiteral("\ncrosses a jurisdiction") : (e.crossBorder ? QStringLiteral("\ncrosses a border") : QString()),
                             e.volumeGbPerDay > 0 ? QStringLiteral("\nvolume: %1 GB/day").arg(e.volumeGbPerDay) : QString(),
                             QString::number(e.findings),
                             e.datasets.isEmpty() ? QStringLiteral("no dataset declared") : e.datasets.join(QStringLiteral(", ")),
                             e.forms.join(QStringLiteral(", ")));
        if (!e.derived.isEmpty())
            e.tooltip += QStringLiteral("\nderived from training data (model lineage): %1%2")
                             .arg(e.derived.join(QStringLiteral(", ")),
                                  e.derivedFrom.isEmpty() ? QString() : QStringLiteral(" — trained through ") + e.derivedFrom.join(QStringLiteral(", ")));
    }
}

// Dense maps: labels only on the 40 edges that merge the most flows (the rest say it in
// their tooltips), or the labels hide the map.
void MapBuilder::labelHeaviestEdges()
{
    constexpr std::size_t kLabelledEdges = 40;
    if (m_graph.edges.size() <= kLabelledEdges)
        return;
    std::vector<std::size_t> order(m_graph.edges.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return m_graph.edges[a].flows.size() > m_graph.edges[b].flows.size();
    });
    for (std::size_t k = kLabelledEdges; k < order.size(); ++k)
        m_graph.edges[order[k]].showLabel = false;
}

// Keep only clusters that still contain a node (collapsed clusters become nodes).
void MapBuilder::dropEmptyClusters()
{
    std::vector<int> used(m_graph.clusters.size(), 0);
    for (const MapNode &n : m_graph.nodes)
        for (int c = n.cluster; c >= 0; c = cluster(c).parent)
            used[std::size_t(c)] = 1;
    std::vector<int> remap(m_graph.clusters.size(), -1);
    std::vector<MapCluster> kept;
    for (std::size_t c = 0; c < m_graph.clusters.size(); ++c) {
        if (!used[c])
            continue;
        MapCluster mc = m_graph.clusters[c];
        mc.parent = mc.parent >= 0 ? remap[std::size_t(mc.parent)] : -1;
        remap[c] = int(kept.size());
        kept.push_back(mc);
    }
    for (MapNode &n : m_graph.nodes)
        n.cluster = n.cluster >= 0 ? remap[std::size_t(n.cluster)] : -1;
    m_graph.clusters = std::move(kept);
}

} // namespace

MapGraph buildMap(const PolicyFacts &facts, const std::vector<Finding> &findings, const MapOptions &options)
{
    return MapBuilder(facts, options).build(findings);
}

} // namespace atlas
