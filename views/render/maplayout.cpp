// Sizing and laying out the residency map (the painting is mappainter.cpp): card sizes from
// their wrapped text, edge labels from what the flows carry, and the packed arrangement.
#include "mappainter.h"

#include "packedlayout.h"

#include <QFontMetricsF>

#include <cmath>

namespace atlas {

namespace {
constexpr double kNodeHeight = 46;
constexpr double kMinNodeWidth = 150;
constexpr double kMaxNodeWidth = 280;
constexpr double kPad = 10;
} // namespace

namespace {

// A node's card: as wide as its longest line up to kMaxNodeWidth, then as high as its title
// and subtitle need once wrapped to that width.
QSizeF nodeSize(const MapNode &n, const QFontMetricsF &title, const QFontMetricsF &small)
{
    // A few points of slack: a PDF or SVG painter may set the text a little wider than the
    // screen metrics measure it, and a line that then wraps would run out of its card.
    const double text = std::max(title.horizontalAdvance(n.title), small.horizontalAdvance(n.subtitle)) + 6;
    double width = std::clamp(text + 2 * kPad + 34, kMinNodeWidth, kMaxNodeWidth);
    if (n.collapsed)
        width = std::max(width, 200.0);
    const QRectF inner = mappaint::nodeTextRect(QRectF(0, 0, width, 1000));
    const double lines = title.boundingRect(QRectF(0, 0, inner.width(), 1000), Qt::TextWordWrap, n.title).height()
        + small.boundingRect(QRectF(0, 0, inner.width(), 1000), Qt::TextWordWrap, n.subtitle).height();
    const double height = std::max(n.collapsed ? 58.0 : kNodeHeight, lines + 12 + 4);
    return QSizeF(width, std::ceil(height));
}

} // namespace

QRectF mappaint::nodeTextRect(const QRectF &rect)
{
    return rect.adjusted(40, 6, -kPad, -6);
}

QString mappaint::edgeLabel(const MapEdge &edge)
{
    if (!edge.showLabel)
        return {};
    QString label = edge.datasets.value(0);
    if (edge.datasets.size() > 1)
        label += QStringLiteral(" +%1").arg(edge.datasets.size() - 1);
    if (!edge.forms.isEmpty())
        label += (label.isEmpty() ? QString() : QStringLiteral(" · ")) + edge.forms.first()
            + (edge.forms.size() > 1 ? QStringLiteral("…") : QString());
    if (edge.flows.size() > 1)
        label += QStringLiteral("  ×%1").arg(edge.flows.size());
    if (edge.findings > 0)
        label += QStringLiteral("  ⚠%1").arg(edge.findings);
    return label.trimmed();
}

QFont mappaint::edgeLabelFont()
{
    QFont f = mappaint::smallFont();
    f.setPointSizeF(7.5);
    return f;
}

QSizeF mappaint::edgeLabelSize(const QString &label)
{
    if (label.isEmpty())
        return {};
    return QFontMetricsF(edgeLabelFont()).boundingRect(label).adjusted(-4, -2, 4, 2).size();
}

namespace {

QString nodeKey(const MapNode &n)
{
    return n.collapsed ? QStringLiteral("c:") + n.id : QStringLiteral("n:") + n.id;
}

} // namespace

MapPositions positionsOf(const MapScene &scene)
{
    MapPositions out;
    const MapGraph &g = scene.graph;
    const LayoutResult &l = scene.layout;
    out.reserve(qsizetype(g.nodes.size() + g.clusters.size()));
    for (std::size_t n = 0; n < g.nodes.size() && n < l.nodeOffsets.size(); ++n)
        out.insert(nodeKey(g.nodes[n]), l.nodeOffsets[n]);
    for (std::size_t c = 0; c < g.clusters.size() && c < l.clusterOffsets.size(); ++c)
        out.insert(QStringLiteral("c:") + g.clusters[c].key, l.clusterOffsets[c]);
    return out;
}

QString mapArrangementKey(MapGrouping grouping)
{
    switch (grouping) {
    case MapGrouping::Jurisdiction: return QStringLiteral("regions/jurisdiction");
    case MapGrouping::Country: return QStringLiteral("regions/country");
    case MapGrouping::Region: break;
    }
    return QStringLiteral("regions/region");
}

std::expected<MapScene, QString> layoutMap(MapGraph graph, double aspect, const MapPositions *keep)
{
    const QFontMetricsF title(mappaint::titleFont()), small(mappaint::smallFont());
    LayoutRequest request;
    request.aspect = aspect;
    request.bundleLabel = mappaint::bundleLabelSize(QStringLiteral("9999 flows  ⚠999")); // the widest usual count
    for (const MapCluster &c : graph.clusters) {
        const QFontMetricsF fm(mappaint::clusterFont(std::clamp(c.level, 0, 2)));
        request.clusters.push_back(LayoutCluster{c.label, c.parent, QSizeF(fm.horizontalAdvance(c.label) + 24, fm.height() + 2)});
        if (keep)
            request.clusters.back().pinned = keep->value(QStringLiteral("c:") + c.key, request.clusters.back().pinned);
    }
    for (const MapNode &n : graph.nodes) {
        request.nodes.push_back(LayoutNode{nodeSize(n, title, small), n.cluster, n.id});
        if (keep)
            request.nodes.back().pinned = keep->value(nodeKey(n), request.nodes.back().pinned);
    }
    for (const MapEdge &e : graph.edges)
        request.edges.push_back(LayoutEdge{e.from, e.to, e.crossJurisdiction ? 1.0 : 2.0, mappaint::edgeLabelSize(mappaint::edgeLabel(e))});
    auto layout = packedLayout(request);
    if (!layout)
        return std::unexpected(layout.error());
    // Summary cards joined by hundreds of flows: a bundle's count says more than the labels of
    // the lines in it, which would pile up around it (their tooltips still list everything).
    if (graph.collapsedAny)
        for (const LayoutBundle &b : layout->bundles)
            for (int e : b.edges)
                graph.edges[std::size_t(e)].showLabel = false;
    MapScene scene;
    scene.graph = std::move(graph);
    scene.layout = std::move(*layout);
    const QSizeF legend = mappaint::legendSize(scene.graph.overlay);
    scene.legend = QRectF(QPointF(0, scene.layout.bounds.bottom() + 24), legend);
    scene.bounds = scene.layout.bounds.united(scene.legend).adjusted(-16, -16, 16, 16);
    return scene;
}

} // namespace atlas
