#include "graphlayout.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <string>

namespace atlas {

namespace {

// Graphviz keeps global state: one layout at a time, process-wide.
std::mutex &graphvizMutex()
{
    static std::mutex m;
    return m;
}

// One context for the process: Graphviz 2.42 caches text-layout state in statics that a freed
// context leaves dangling (a second context then reads freed memory in textspan_size). The
// context lives until exit; tests/lsan.supp names libgvc for what it keeps.
GVC_t *context()
{
    static GVC_t *c = [] {
        // Graphviz prints warnings ("label too small for …") on stderr itself; a headless command's
        // stderr is for the user's input problems. Errors still come through.
        agseterr(AGERR);
        return gvContext();
    }();
    return c;
}

struct GraphDeleter
{
    void operator()(Agraph_t *g) const { agclose(g); }
};
using Graph = std::unique_ptr<Agraph_t, GraphDeleter>;

// Frees a layout before its graph goes (declared after the graph, destroyed first).
struct LayoutGuard
{
    GVC_t *context = nullptr;
    Agraph_t *graph = nullptr;
    ~LayoutGuard()
    {
        if (context && graph)
            gvFreeLayout(context, graph);
    }
};

// The C API takes non-const char*: keep the strings alive and mutable for the call.
void set(void *object, const char *name, const std::string &value)
{
    std::string n(name), v(value), empty;
    agsafeset(object, n.data(), v.data(), empty.data());
}

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    return buf;
}

void setGraphAttributes(Agraph_t *g, const LayoutRequest &request)
{
    set(g, "rankdir", request.leftToRight ? "LR" : "TB");
    set(g, "nodesep", number(request.nodeSeparation));
    set(g, "ranksep", number(request.rankSeparation));
    set(g, "splines", "true");
    set(g, "compound", "true");
    set(g, "fontsize", "14");
    set(g, "margin", "0");
}

// Parents come before children, so each cluster's parent subgraph exists when it is added.
std::vector<Agraph_t *> addClusters(Agraph_t *g, const std::vector<LayoutCluster> &request)
{
    std::vector<Agraph_t *> clusters(request.size(), nullptr);
    for (std::size_t i = 0; i < request.size(); ++i) {
        const LayoutCluster &c = request[i];
        Agraph_t *parent = c.parent >= 0 ? clusters[std::size_t(c.parent)] : g;
        std::string id = "cluster_" + std::to_string(i);
        clusters[i] = agsubg(parent, id.data(), 1);
        set(clusters[i], "label", c.label.toStdString());
        set(clusters[i], "labeljust", "l");
        set(clusters[i], "fontsize", "14");
        set(clusters[i], "margin", "14");
    }
    return clusters;
}

std::vector<Agnode_t *> addNodes(Agraph_t *g, const std::vector<LayoutNode> &request, const std::vector<Agraph_t *> &clusters)
{
    std::vector<Agnode_t *> nodes(request.size(), nullptr);
    for (std::size_t i = 0; i < request.size(); ++i) {
        const LayoutNode &n = request[i];
        Agraph_t *owner = n.cluster >= 0 ? clusters[std::size_t(n.cluster)] : g;
        std::string id = "n" + std::to_string(i);
        nodes[i] = agnode(owner, id.data(), 1);
        set(nodes[i], "shape", "box");
        set(nodes[i], "fixedsize", "true");
        set(nodes[i], "label", n.label.toStdString());
        set(nodes[i], "width", number(n.size.width() / 72.0));
        set(nodes[i], "height", number(n.size.height() / 72.0));
    }
    return nodes;
}

std::expected<std::vector<Agedge_t *>, QString> addEdges(Agraph_t *g, const std::vector<LayoutEdge> &request,
                                                         const std::vector<Agnode_t *> &nodes)
{
    std::vector<Agedge_t *> edges(request.size(), nullptr);
    for (std::size_t i = 0; i < request.size(); ++i) {
        const LayoutEdge &e = request[i];
        if (e.from < 0 || e.to < 0 || std::size_t(e.from) >= nodes.size() || std::size_t(e.to) >= nodes.size())
            return std::unexpected(QStringLiteral("edge %1 names a node that does not exist").arg(i));
        std::string id = "e" + std::to_string(i);
        edges[i] = agedge(g, nodes[std::size_t(e.from)], nodes[std::size_t(e.to)], id.data(), 1);
        set(edges[i], "weight", number(std::max(1.0, e.weight)));
    }
    return edges;
}

// Graphviz's y points up from its bounding box's corner; the result's y points down from (0, 0).
struct YDown
{
    boxf bb;
    QPointF operator()(pointf p) const { return QPointF(p.x - bb.LL.x, bb.UR.y - p.y); }
    QRectF box(boxf b) const { return QRectF((*this)(pointf{b.LL.x, b.UR.y}), (*this)(pointf{b.UR.x, b.LL.y})); }
};

const QPointF kNoPoint(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN());

// An edge's spline, and in `tip` where its arrow head points (kNoPoint when it has none).
QPainterPath edgePath(Agedge_t *e, const YDown &flip, QPointF &tip)
{
    QPainterPath path;
    tip = kNoPoint;
    const splines *spl = ED_spl(e);
    if (spl && spl->size > 0) {
        const bezier &b = spl->list[0];
        if (b.size > 0) {
            path.moveTo(flip(b.list[0]));
            for (int k = 1; k + 2 < b.size; k += 3)
                path.cubicTo(flip(b.list[k]), flip(b.list[k + 1]), flip(b.list[k + 2]));
        }
        if (b.eflag)
            tip = flip(b.ep);
    }
    return path;
}

LayoutResult readLayout(Agraph_t *g, const std::vector<Agraph_t *> &clusters, const std::vector<Agnode_t *> &nodes,
                        const std::vector<Agedge_t *> &edges)
{
    const YDown flip{GD_bb(g)};
    LayoutResult out;
    out.bounds = QRectF(0, 0, flip.bb.UR.x - flip.bb.LL.x, flip.bb.UR.y - flip.bb.LL.y);
    out.nodes.reserve(nodes.size());
    for (Agnode_t *n : nodes) {
        const QPointF c = flip(ND_coord(n));
        const double w = ND_width(n) * 72.0, h = ND_height(n) * 72.0;
        out.nodes.emplace_back(c.x() - w / 2, c.y() - h / 2, w, h);
    }
    for (Agedge_t *e : edges) {
        QPointF tip;
        const QPainterPath path = edgePath(e, flip, tip);
        out.edges.push_back(path);
        out.arrowTips.push_back(tip);
        out.edgeLabels.push_back(path.isEmpty() ? kNoPoint : path.pointAtPercent(0.5));
    }
    for (Agraph_t *c : clusters)
        out.clusters.push_back(flip.box(GD_bb(c)));
    return out;
}

QString renderDot(GVC_t *gvc, Agraph_t *g)
{
    char *buffer = nullptr;
    unsigned int length = 0;
    std::string format = "dot";
    QString dot;
    if (gvRenderData(gvc, g, format.data(), &buffer, &length) == 0 && buffer) {
        dot = QString::fromUtf8(buffer, qsizetype(length));
        gvFreeRenderData(buffer);
    }
    return dot;
}

} // namespace

std::expected<LayoutResult, QString> layoutGraph(const LayoutRequest &request)
{
    std::lock_guard lock(graphvizMutex());
    GVC_t *gvc = context();
    if (!gvc)
        return std::unexpected(QStringLiteral("Graphviz: no context"));
    std::string name = "map";
    Graph graph(agopen(name.data(), Agdirected, nullptr));
    if (!graph)
        return std::unexpected(QStringLiteral("Graphviz: cannot create a graph"));
    Agraph_t *g = graph.get();
    setGraphAttributes(g, request);
    const std::vector<Agraph_t *> clusters = addClusters(g, request.clusters);
    const std::vector<Agnode_t *> nodes = addNodes(g, request.nodes, clusters);
    const auto edges = addEdges(g, request.edges, nodes);
    if (!edges)
        return std::unexpected(edges.error());

    std::string engine = "dot";
    if (gvLayout(gvc, g, engine.data()) != 0)
        return std::unexpected(QStringLiteral("Graphviz could not lay out the graph"));
    LayoutGuard guard{gvc, g};
    LayoutResult out = readLayout(g, clusters, nodes, *edges);
    out.dot = renderDot(gvc, g);
    return out;
}

} // namespace atlas
