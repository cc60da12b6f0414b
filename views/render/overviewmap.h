// The jurisdiction overview drawn (issue 18): one box per jurisdiction (name, countries,
// workloads, flows inside, a stacked bar of the classes of data held there) and one edge per
// (origin, destination) pair, its width by GB/day (or by flow count when no flow declares a
// volume), its colour by the worst open severity, with a label of its counts. The label is
// laid out by Graphviz as a box of its own on the edge, so no label can overlap a node or
// another label; every box is sized from its text (QFontMetricsF), so nothing is elided.
// Headless export (SVG, PNG, PDF, DOT) and the GUI's overview paint through the same functions.
#pragma once

#include "jurisdictionoverview.h"
#include "mapexport.h"
#include "mappainter.h"

#include <QPainterPath>
#include <QRectF>

#include <expected>
#include <vector>

namespace atlas {

// One line of a box's text: bold (a title), muted (secondary), or the class-share bar.
struct OverviewLine
{
    enum class Kind : std::uint8_t { Title, Text, Muted, ClassBar };
    Kind kind = Kind::Text;
    QString text;
};

struct OverviewScene
{
    JurisdictionOverview overview;
    std::vector<std::vector<OverviewLine>> nodeLines;  // per node
    std::vector<QRectF> nodes;                         // per node
    std::vector<int> edgeCells;                        // per drawn edge: its cell in overview.cells
    std::vector<std::vector<OverviewLine>> edgeLines;  // per edge: the label's lines
    std::vector<QRectF> labels;                        // per edge: the label box
    std::vector<QPainterPath> edgePaths;               // per edge: origin → label → destination
    std::vector<QPointF> arrowTips;                    // per edge
    std::vector<double> edgeWidths;                    // per edge, points
    QRectF legend;
    QRectF bounds;
    QString dot;                                       // Graphviz's laid-out graph

    int edgeAt(const QPointF &point) const;            // label or line under the point; -1 none
    int nodeAt(const QPointF &point) const;
};

// Exports and a window of unknown shape: about the shape of a screen or of a page's text area.
inline constexpr double kDefaultOverviewAspect = 1.6;

struct OverviewLayoutOptions
{
    double aspect = kDefaultOverviewAspect; // width / height the figure aims for
    // Short boxes for a figure that sits beside the matrix (the report): a jurisdiction's id,
    // name, who is there and the class bar; a pair's counts and open findings, not its volume.
    bool compact = false;
};

// Sizes every box from its text and lays the graph out with Graphviz in the shape, of those
// tried (left to right, top to bottom, each folded into 2–4 ranks of jurisdictions), whose
// width / height is closest to `options.aspect` without growing the area much (overviewlayout.cpp).
std::expected<OverviewScene, QString> layoutOverview(JurisdictionOverview overview, const OverviewLayoutOptions &options = {});

namespace overviewpaint {

// The colour of a worst open severity; grey when nothing is open.
QColor severityColour(std::optional<RuleSeverity> worst);
// Words wrapped into lines no wider than `width` in `font`; the parts are never split.
QStringList wrapParts(const QStringList &parts, const QString &separator, const QFont &font, double width);
QFont fontOf(OverviewLine::Kind kind);
double lineHeight(OverviewLine::Kind kind);
// The size of a box of lines with its padding.
QSizeF boxSize(const std::vector<OverviewLine> &lines, double minWidth);
// The text rectangles a box of lines paints (for the overlap and elision tests).
std::vector<QRectF> lineRects(const std::vector<OverviewLine> &lines, const QRectF &box);
void paintLines(QPainter &p, const std::vector<OverviewLine> &lines, const QRectF &box, const MapPalette &palette,
                const std::array<int, 4> &classShares = {});
void paintNode(QPainter &p, const OverviewScene &scene, int node, const MapPalette &palette, bool selected = false);
void paintEdge(QPainter &p, const OverviewScene &scene, int edge, const MapPalette &palette, bool selected = false);
void paintLegend(QPainter &p, const QRectF &rect, const OverviewScene &scene, const MapPalette &palette);
QSizeF legendSize(const OverviewScene &scene);
void paintScene(QPainter &p, const OverviewScene &scene, const MapPalette &palette, int selectedEdge = -1);

} // namespace overviewpaint

// The overview graph as SVG, PNG, PDF or DOT (with Graphviz's positions).
std::expected<void, QString> exportOverview(const OverviewScene &scene, const QString &path, MapFormat format,
                                            const MapPalette &palette = MapPalette::light());

} // namespace atlas
