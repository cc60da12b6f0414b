// Laying the jurisdiction overview out (overviewmap.h): the boxes' lines, then Graphviz on a few
// shapes of the same graph — left to right, top to bottom, and each folded into two to four
// ranks of jurisdictions — keeping the shape closest to the aspect asked for that does not grow
// the area much. A real estate's pairs chain (UY → BR → EU → JP → US → IN): drawn along one
// axis they are 4–5 times wider than tall, which no page or window shows legibly.
#include "overviewmap.h"

#include "graphlayout.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace atlas {

namespace {

constexpr double kNodeTextWidth = 200;  // wrap width of a jurisdiction's lines
constexpr double kLabelTextWidth = 150; // wrap width of an edge label
constexpr double kMinNodeWidth = 150;
// The compact figure (the report's executive summary, where the matrix beside it has the rest).
constexpr double kCompactNodeTextWidth = 130, kCompactLabelTextWidth = 100, kCompactMinNodeWidth = 90;
constexpr double kArrowRoom = 10;       // Graphviz leaves 10 points between a spline and its arrow tip
constexpr double kLegendGap = 24, kMargin = 16;
// Folding costs Graphviz runs; an overview with more pairs than this keeps the two plain shapes.
constexpr std::size_t kMostEdgesToFold = 300;

const QPointF kNoTip(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN());

OverviewLine line(OverviewLine::Kind kind, QString text)
{
    return OverviewLine{kind, std::move(text)};
}

void addWrapped(std::vector<OverviewLine> &lines, OverviewLine::Kind kind, const QStringList &parts, const QString &separator,
                double width)
{
    for (const QString &text : overviewpaint::wrapParts(parts, separator, overviewpaint::fontOf(kind), width))
        lines.push_back(line(kind, text));
}

QString percent(int part, int whole)
{
    return QString::number(int(std::lround(100.0 * part / whole))) + u'%';
}

QString whoText(const OverviewNode &node)
{
    QStringList who{node.workloads == 1 ? QStringLiteral("1 workload") : QStringLiteral("%1 workloads").arg(node.workloads)};
    if (node.accessors > 0)
        who << (node.accessors == 1 ? QStringLiteral("1 accessor") : QStringLiteral("%1 accessors").arg(node.accessors));
    return who.join(QStringLiteral(" · "));
}

// The compact box: the id in bold, the name under it, who is there and the class bar.
std::vector<OverviewLine> compactNodeLines(const OverviewNode &node)
{
    using K = OverviewLine::Kind;
    std::vector<OverviewLine> lines;
    lines.push_back(line(K::Title, node.unknown ? node.name : node.id));
    if (!node.unknown && node.name != node.id)
        addWrapped(lines, K::Muted, node.name.split(u' '), QStringLiteral(" "), kCompactNodeTextWidth);
    lines.push_back(line(K::Text, whoText(node)));
    lines.push_back(node.datasetsHeld == 0 ? line(K::Muted, QStringLiteral("no datasets held")) : line(K::ClassBar, {}));
    return lines;
}

// A jurisdiction's box: name, countries, workloads, what stays inside, the classes held there.
std::vector<OverviewLine> nodeLines(const OverviewNode &node, const OverviewCell *inside)
{
    using K = OverviewLine::Kind;
    std::vector<OverviewLine> lines;
    lines.push_back(line(K::Title, node.unknown || node.name == node.id ? node.name : node.id + QStringLiteral(" · ") + node.name));
    QStringList countries = node.countries;
    if (countries.isEmpty())
        countries << QStringLiteral("no country known");
    else
        countries.front().prepend(countries.size() == 1 ? QStringLiteral("Country: ") : QStringLiteral("Countries: "));
    addWrapped(lines, K::Muted, countries, QStringLiteral(", "), kNodeTextWidth);
    lines.push_back(line(K::Text, whoText(node)));
    QStringList within = inside ? cellSummaryParts(*inside) : QStringList{QStringLiteral("nothing")};
    within.front().prepend(QStringLiteral("Inside: "));
    addWrapped(lines, K::Text, within, QStringLiteral(" · "), kNodeTextWidth);
    if (node.datasetsHeld == 0) {
        lines.push_back(line(K::Muted, QStringLiteral("no datasets held")));
        return lines;
    }
    lines.push_back(line(K::ClassBar, {}));
    QStringList shares;
    for (std::size_t c = 0; c < node.datasetsByClass.size(); ++c)
        if (node.datasetsByClass[c] > 0)
            shares << enumQName(Classification(c)) + u' ' + percent(node.datasetsByClass[c], node.datasetsHeld);
    shares.front().prepend(node.datasetsHeld == 1 ? QStringLiteral("1 dataset held: ") : QStringLiteral("%1 datasets held: ").arg(node.datasetsHeld));
    addWrapped(lines, K::Muted, shares, QStringLiteral(" · "), kNodeTextWidth);
    return lines;
}

// The compact label leaves the volume to the line's width (and the matrix).
std::vector<OverviewLine> edgeLines(const OverviewCell &cell, bool compact)
{
    QStringList parts = cellSummaryParts(cell);
    if (compact && cell.flows > 0)
        parts.removeLast(); // volumeText
    std::vector<OverviewLine> lines;
    addWrapped(lines, OverviewLine::Kind::Text, parts, QStringLiteral(" · "), compact ? kCompactLabelTextWidth : kLabelTextWidth);
    return lines;
}

// Width by GB/day when the inventory declares volumes, else by flow count; square root so that
// one huge pair does not reduce every other to a hairline.
void sizeEdges(OverviewScene &scene)
{
    const JurisdictionOverview &o = scene.overview;
    double most = 0;
    for (int c : scene.edgeCells)
        most = std::max(most, o.anyVolume ? o.cells[std::size_t(c)].gbPerDay : double(o.cells[std::size_t(c)].flows));
    for (int c : scene.edgeCells) {
        const OverviewCell &cell = o.cells[std::size_t(c)];
        const double v = o.anyVolume ? cell.gbPerDay : double(cell.flows);
        scene.edgeWidths.push_back(most > 0 ? 1.5 + 8.5 * std::sqrt(v / most) : 1.5);
    }
}

QPainterPath joinSegments(const QPainterPath &in, const QPointF &inTip, const QPainterPath &out)
{
    QPainterPath path = in;
    if (!std::isnan(inTip.x()) && !path.isEmpty())
        path.lineTo(inTip); // the first half ends at the label, without an arrow head
    path.addPath(out);
    return path;
}

// The spline of a Graphviz edge a → b (ending at its arrow base, `tip` on b) walked from b to a.
QPainterPath reversedSpline(const QPainterPath &spline, const QPointF &tip)
{
    const QPainterPath reversed = spline.toReversed();
    if (std::isnan(tip.x()) || reversed.isEmpty())
        return reversed;
    QPainterPath path(tip);
    path.connectPath(reversed);
    return path;
}

// `path` ending kArrowRoom before its end, which becomes `tip`: room for the arrow head.
QPainterPath withArrowRoom(const QPainterPath &path, QPointF &tip)
{
    tip = path.isEmpty() ? kNoTip : path.pointAtPercent(1);
    const double length = path.length();
    if (length < 2 * kArrowRoom)
        return path;
    const double end = path.percentAtLength(length - kArrowRoom);
    constexpr int kSteps = 32;
    QPainterPath out(path.pointAtPercent(0));
    for (int i = 1; i <= kSteps; ++i)
        out.lineTo(path.pointAtPercent(end * i / kSteps));
    return out;
}

// How one pair's two halves (origin → label → destination) are handed to Graphviz, which ranks
// along its edges: forward, backward (from a later rank of the fold to an earlier one), or
// both into the label (origin and destination in the same rank).
enum class Halves : std::uint8_t { Forward, Backward, Same };

struct Shape
{
    bool leftToRight = true;
    int ranks = 0; // jurisdictions folded into this many ranks; 0: as the pairs lead
};

// An order of the jurisdictions that follows the pairs where it can: repeatedly the one with the
// fewest pairs coming in from those not yet placed (a cycle is broken there), ties by index.
std::vector<int> flowOrder(const JurisdictionOverview &o, const std::vector<int> &edgeCells)
{
    const std::size_t n = o.nodes.size();
    std::vector<int> incoming(n, 0), order;
    std::vector<bool> placed(n, false);
    for (int c : edgeCells)
        ++incoming[std::size_t(o.cells[std::size_t(c)].destination)];
    for (std::size_t step = 0; step < n; ++step) {
        std::size_t best = n;
        for (std::size_t i = 0; i < n; ++i)
            if (!placed[i] && (best == n || incoming[i] < incoming[best]))
                best = i;
        placed[best] = true;
        order.push_back(int(best));
        for (int c : edgeCells)
            if (const OverviewCell &cell = o.cells[std::size_t(c)]; std::size_t(cell.origin) == best)
                --incoming[std::size_t(cell.destination)];
    }
    return order;
}

std::vector<Halves> halvesFor(const OverviewScene &scene, const std::vector<int> &order, int ranks)
{
    const JurisdictionOverview &o = scene.overview;
    std::vector<int> rank(o.nodes.size(), 0);
    for (std::size_t i = 0; i < order.size(); ++i)
        rank[std::size_t(order[i])] = int(i * std::size_t(ranks) / order.size());
    std::vector<Halves> halves;
    for (int c : scene.edgeCells) {
        const OverviewCell &cell = o.cells[std::size_t(c)];
        const int from = ranks > 0 ? rank[std::size_t(cell.origin)] : 0, to = ranks > 0 ? rank[std::size_t(cell.destination)] : 1;
        halves.push_back(from < to ? Halves::Forward : from > to ? Halves::Backward : Halves::Same);
    }
    return halves;
}

// The drawn edge origin → label → destination from the Graphviz edges of its two halves, as
// halvesFor() directed them; `tip` gets the point its arrow head touches.
QPainterPath edgePath(Halves halves, const LayoutResult &l, std::size_t e, QPointF &tip)
{
    const QPainterPath &first = l.edges[2 * e], &second = l.edges[2 * e + 1];
    const QPointF &firstTip = l.arrowTips[2 * e], &secondTip = l.arrowTips[2 * e + 1];
    switch (halves) {
    case Halves::Forward: // origin → label, label → destination
        tip = secondTip;
        return joinSegments(first, firstTip, second);
    case Halves::Backward: // label → origin, destination → label
        return joinSegments(reversedSpline(first, firstTip), kNoTip, withArrowRoom(reversedSpline(second, secondTip), tip));
    case Halves::Same: // origin → label, destination → label
        return joinSegments(first, firstTip, withArrowRoom(reversedSpline(second, secondTip), tip));
    }
    return {};
}

struct Laid
{
    LayoutResult layout;
    std::vector<Halves> halves;
    QSizeF size; // with the legend and the margin
};

std::expected<Laid, QString> layOut(LayoutRequest request, const OverviewScene &scene, const std::vector<int> &order, Shape shape,
                                    const QSizeF &legend)
{
    const int first = int(scene.overview.nodes.size());
    Laid laid;
    laid.halves = halvesFor(scene, order, shape.ranks);
    for (std::size_t e = 0; e < scene.edgeCells.size(); ++e) {
        const OverviewCell &cell = scene.overview.cells[std::size_t(scene.edgeCells[e])];
        const int label = first + int(e);
        switch (laid.halves[e]) {
        case Halves::Forward: request.edges.insert(request.edges.end(), {{cell.origin, label, 1, {}}, {label, cell.destination, 1, {}}}); break;
        case Halves::Backward: request.edges.insert(request.edges.end(), {{label, cell.origin, 1, {}}, {cell.destination, label, 1, {}}}); break;
        case Halves::Same: request.edges.insert(request.edges.end(), {{cell.origin, label, 1, {}}, {cell.destination, label, 1, {}}}); break;
        }
    }
    request.leftToRight = shape.leftToRight;
    auto layout = layoutGraph(request);
    if (!layout)
        return std::unexpected(layout.error());
    laid.layout = std::move(*layout);
    const QSizeF graph = laid.layout.bounds.size();
    laid.size = QSizeF(std::max(graph.width(), legend.width()) + 2 * kMargin, graph.height() + kLegendGap + legend.height() + 2 * kMargin);
    return laid;
}

// How far a size is from the aspect wanted, plus what it costs in area over the smallest shape:
// a shape twice the area must be twice as close to the aspect to win.
double misfit(const QSizeF &size, double aspect, double smallestArea)
{
    return std::abs(std::log(size.width() / size.height() / aspect)) + std::log(size.width() * size.height() / smallestArea);
}

std::vector<Shape> shapesToTry(const OverviewScene &scene)
{
    std::vector<Shape> shapes{{true, 0}, {false, 0}};
    if (scene.edgeCells.size() > kMostEdgesToFold)
        return shapes;
    for (int ranks = 2; ranks <= 4 && std::size_t(ranks) < scene.overview.nodes.size(); ++ranks)
        shapes.insert(shapes.end(), {{true, ranks}, {false, ranks}});
    return shapes;
}

} // namespace

std::expected<OverviewScene, QString> layoutOverview(JurisdictionOverview overview, const OverviewLayoutOptions &options)
{
    OverviewScene scene;
    scene.overview = std::move(overview);
    const JurisdictionOverview &o = scene.overview;
    scene.edgeCells = o.edgeCells();
    LayoutRequest request;
    // Labels are boxes of their own between the jurisdictions: half the region map's spacing
    // still keeps every line clear of every box.
    request.rankSeparation = 0.45;
    request.nodeSeparation = 0.2;
    for (std::size_t n = 0; n < o.nodes.size(); ++n) {
        scene.nodeLines.push_back(options.compact ? compactNodeLines(o.nodes[n]) : nodeLines(o.nodes[n], o.cell(int(n), int(n))));
        request.nodes.push_back(LayoutNode{overviewpaint::boxSize(scene.nodeLines.back(), options.compact ? kCompactMinNodeWidth : kMinNodeWidth),
                                           -1, o.nodes[n].id});
    }
    // Each label is a node between its edge's ends: Graphviz keeps it clear of every other box.
    for (int c : scene.edgeCells) {
        const OverviewCell &cell = o.cells[std::size_t(c)];
        scene.edgeLines.push_back(edgeLines(cell, options.compact));
        request.nodes.push_back(LayoutNode{overviewpaint::boxSize(scene.edgeLines.back(), 0), -1,
                                           o.nodes[std::size_t(cell.origin)].id + QStringLiteral(" → ") + o.nodes[std::size_t(cell.destination)].id
                                               + QStringLiteral(": ") + cellSummary(cell)});
    }
    const QSizeF legend = overviewpaint::legendSize(scene);
    const std::vector<int> order = flowOrder(o, scene.edgeCells);
    std::vector<Laid> tried;
    for (Shape shape : shapesToTry(scene)) {
        auto laid = layOut(request, scene, order, shape, legend);
        if (!laid)
            return std::unexpected(laid.error());
        tried.push_back(std::move(*laid));
    }
    double smallest = tried.front().size.width() * tried.front().size.height();
    for (const Laid &l : tried)
        smallest = std::min(smallest, l.size.width() * l.size.height());
    const double aspect = options.aspect > 0 ? options.aspect : kDefaultOverviewAspect;
    const Laid &best = *std::min_element(tried.begin(), tried.end(), [&](const Laid &a, const Laid &b) {
        return misfit(a.size, aspect, smallest) < misfit(b.size, aspect, smallest);
    });
    const std::size_t first = o.nodes.size();
    scene.nodes.assign(best.layout.nodes.begin(), best.layout.nodes.begin() + std::ptrdiff_t(first));
    scene.labels.assign(best.layout.nodes.begin() + std::ptrdiff_t(first), best.layout.nodes.end());
    for (std::size_t e = 0; e < scene.edgeCells.size(); ++e) {
        QPointF tip;
        scene.edgePaths.push_back(edgePath(best.halves[e], best.layout, e, tip));
        scene.arrowTips.push_back(tip);
    }
    sizeEdges(scene);
    scene.dot = best.layout.dot;
    scene.legend = QRectF(QPointF(0, best.layout.bounds.bottom() + kLegendGap), legend);
    scene.bounds = best.layout.bounds.united(scene.legend).adjusted(-kMargin, -kMargin, kMargin, kMargin);
    return scene;
}

} // namespace atlas
