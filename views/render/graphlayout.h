// The one wrapper over Graphviz (libgvc/libcgraph): lays out a plain graph — nodes of fixed
// size, edges, nested clusters — and returns plain coordinates (node rectangles, edge paths
// with their arrow tips, cluster rectangles) in points, y down. No Graphviz type leaves this
// unit; every Graphviz object is owned by RAII; calls are serialised (Graphviz is not
// thread-safe) so layouts may run on any thread, one at a time.
#pragma once

#include <QPainterPath>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <expected>
#include <vector>

namespace atlas {

struct LayoutNode
{
    QSizeF size;          // points (1/72 in)
    int cluster = -1;     // innermost cluster, or -1
    QString label;        // carried into the DOT output only (the size is fixed)
};

struct LayoutEdge
{
    int from = 0;
    int to = 0;
    double weight = 1;    // heavier edges are kept shorter and straighter
    QSizeF label;         // packedLayout(): the size of the edge's label (empty: it has none)
};

struct LayoutCluster
{
    QString label;        // reserves room for the title
    int parent = -1;
    QSizeF titleSize;     // packedLayout(): the title's size, which the tile is never narrower than
};

struct LayoutRequest
{
    std::vector<LayoutNode> nodes;
    std::vector<LayoutEdge> edges;
    std::vector<LayoutCluster> clusters; // parents before children
    bool leftToRight = true;
    double aspect = 1.6;                 // packedLayout(): the width / height the map aims for
    double rankSeparation = 0.9;         // layoutGraph(): inches between ranks (Graphviz's ranksep)
    double nodeSeparation = 0.35;        // layoutGraph(): inches between nodes of a rank (nodesep)
};

struct LayoutResult
{
    std::vector<QRectF> nodes;
    std::vector<QPainterPath> edges;     // the spline, start to arrow base
    std::vector<QPointF> arrowTips;      // where the arrow head points (NaN when none)
    std::vector<QPointF> edgeLabels;     // where the edge's label is centred (its midpoint unless
                                         // packedLayout() moved it off another label or a node)
    std::vector<QRectF> clusters;
    QRectF bounds;
    QString dot;                         // the laid-out graph in DOT (with positions)
};

std::expected<LayoutResult, QString> layoutGraph(const LayoutRequest &request);

} // namespace atlas
