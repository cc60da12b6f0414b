// Draws the residency map with QPainter — the one painting path used by the GUI's view (per
// item) and by headless export (whole map): clusters, workload nodes (kind, region, findings
// badge), flow edges (colour by data class, dash by form, weight for cross-jurisdiction,
// red for findings, count for merged flows) and the legend. Colours are Okabe–Ito
// (distinguishable with the common colour-vision deficiencies).
#pragma once

#include "graphlayout.h"
#include "mapgraph.h"

#include <QColor>
#include <QFont>
#include <QHash>
#include <QPainter>

#include <expected>

namespace atlas {

struct MapPalette
{
    QColor background, text, mutedText, nodeFill, nodeBorder, finding;
    QColor clusterFill[3], clusterBorder[3];
    static MapPalette light();
    static MapPalette dark();
    // Light or dark after the lightness of a window colour (the platform palette's).
    static MapPalette forWindow(const QColor &window);
};

QColor dataClassColour(Classification c);

// An edge's spline flattened once into a polyline with the length along it at every point,
// so that painting draws only the part that is exposed (panning a large map repaints strips)
// while dashes stay continuous.
struct EdgeGeometry
{
    QPolygonF points;
    std::vector<double> lengths; // distance from the start, per point
    QPointF arrowTip;
    QPointF middle;
    QRectF bounds;
    // `labelAt`: where the layout centred the edge's label (NaN: the path's midpoint).
    static EdgeGeometry fromPath(const QPainterPath &path, const QPointF &arrowTip,
                                 const QPointF &labelAt = QPointF(qQNaN(), qQNaN()));
};

struct MapScene
{
    MapGraph graph;
    LayoutResult layout;
    QRectF legend;     // where the legend goes (below the map)
    QRectF bounds;     // map and legend
};

// What the whole map aims for when nothing says otherwise (exports, reports): a landscape page.
inline constexpr double kDefaultMapAspect = 1.6;

// A kept arrangement: where each workload card ("n:<workload id>") and each cluster
// ("c:<cluster key>", whether drawn open or as one collapsed node) sat in its parent's content
// area. The GUI keeps it across filters, focus and expansion; the workspace stores it
// (map_positions), so a region keeps its place when it is opened or shut.
using MapPositions = QHash<QString, QPointF>;
MapPositions positionsOf(const MapScene &scene);
// The name an arrangement is kept under, per grouping: "regions/region", "regions/country",
// "regions/jurisdiction" (the workspace's map_positions.view).
QString mapArrangementKey(MapGrouping grouping);

// Sizes the nodes from their text (titles wrap onto a second line rather than being cut), and
// packs the clusters to `aspect` (width / height; the GUI passes its viewport's) with
// packedLayout(). With `keep`, what it holds stays where it was (what no longer fits is pushed
// down, what is new is packed below); without, the map is packed afresh.
std::expected<MapScene, QString> layoutMap(MapGraph graph, double aspect = kDefaultMapAspect, const MapPositions *keep = nullptr);

// Painting the map: free functions over a QPainter (the view and the exporters share them).
namespace mappaint {

QFont titleFont();
QFont smallFont();
void paintCluster(QPainter &p, const MapCluster &cluster, const QRectF &rect, const MapPalette &palette);
// Titles go over the flows (and under the nodes).
void paintClusterLabel(QPainter &p, const MapCluster &cluster, const QRectF &rect, const MapPalette &palette);
QRectF clusterLabelRect(const MapCluster &cluster, const QRectF &rect);
QFont clusterFont(int level);
void paintNode(QPainter &p, const MapNode &node, const QRectF &rect, const MapPalette &palette, bool selected = false);
// The rectangle a node's title is drawn in (word-wrapped), and the title's lines as drawn.
QRectF nodeTextRect(const QRectF &rect);
// An edge's label: what it carries and in which form, merged flows and open findings
// ("eu-patient-records +1 · raw ×2 ⚠1"); empty when the edge shows none (MapEdge::showLabel).
QString edgeLabel(const MapEdge &edge);
QSizeF edgeLabelSize(const QString &label);
QFont edgeLabelFont();
// A bundle's count on its shared point: "12 flows  ⚠5" (every flow merged into its lines, and
// their open findings), its box, and its tooltip (the flows by name).
struct BundleLook
{
    QString text;     // "12 flows  ⚠5"
    QRectF rect;      // centred on the bundle's point
    QString tooltip;  // the count, then the flows by id
    bool findings = false;
    bool faded = false; // every line in it is faded
};
BundleLook bundleLook(const MapGraph &graph, const LayoutBundle &bundle);
QSizeF bundleLabelSize(const QString &text); // the pill around `text` (layoutMap() keeps room for it)
void paintBundleLabel(QPainter &p, const BundleLook &look, const MapPalette &palette);
// `exposed`: the part to draw (empty: all of it). `antialias` false is ~20× faster on long
// wide strokes: the interactive view uses it while the user pans or zooms a large map.
void paintEdge(QPainter &p, const MapEdge &edge, const EdgeGeometry &geometry, const MapPalette &palette,
              bool selected = false, const QRectF &exposed = {}, bool antialias = true, bool withLabel = true);
// A filled arrow head at `tip`, pointing away from `base`, `length` long, `spread` degrees each side.
void paintArrowHead(QPainter &p, const QPointF &tip, const QPointF &base, double length, double spread, const QColor &colour);
// The label alone (paintScene() draws every label after every line).
void paintEdgeLabel(QPainter &p, const MapEdge &edge, const EdgeGeometry &geometry, const MapPalette &palette);
// `overlay`: with the key of a scenario's change list (mapoverlay.h).
QSizeF legendSize(bool overlay = false);
void paintLegend(QPainter &p, const QPointF &origin, const MapPalette &palette, bool overlay = false);
// The whole scene at its own coordinates (as the exporters use it).
void paintScene(QPainter &p, const MapScene &scene, const MapPalette &palette);

} // namespace mappaint

} // namespace atlas
