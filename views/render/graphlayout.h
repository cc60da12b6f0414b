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
#include <limits>
#include <vector>

namespace atlas {

struct LayoutNode
{
    QSizeF size;          // points (1/72 in)
    int cluster = -1;     // innermost cluster, or -1
    QString label;        // carried into the DOT output only (the size is fixed)
    // packedLayout(): where the node sat before (its top left in its cluster's content area, as
    // LayoutResult::nodeOffsets gave it); kept there when it fits. NaN: place it anew.
    QPointF pinned{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
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
    QPointF pinned{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()}; // as LayoutNode::pinned, in the parent's content area
};

struct LayoutRequest
{
    std::vector<LayoutNode> nodes;
    std::vector<LayoutEdge> edges;
    std::vector<LayoutCluster> clusters; // parents before children
    bool leftToRight = true;
    double aspect = 1.6;                 // packedLayout(): the width / height the map aims for
    QSizeF bundleLabel;                  // packedLayout(): room kept free for a bundle's count
    double rankSeparation = 0.9;         // layoutGraph(): inches between ranks (Graphviz's ranksep)
    double nodeSeparation = 0.35;        // layoutGraph(): inches between nodes of a rank (nodesep)
};

// packedLayout(): the flows between two top-level tiles in one direction, which pass through
// one point (`at`), where their count is shown.
struct LayoutBundle
{
    QPointF at;
    std::vector<int> edges;
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
    // packedLayout(): where each node and cluster sits in its parent's content area (what
    // LayoutNode::pinned and LayoutCluster::pinned take, to keep an arrangement).
    std::vector<QPointF> nodeOffsets, clusterOffsets;
    std::vector<LayoutBundle> bundles;   // packedLayout(): those of two edges or more
    QString dot;                         // the laid-out graph in DOT (with positions)
};

std::expected<LayoutResult, QString> layoutGraph(const LayoutRequest &request);

} // namespace atlas
