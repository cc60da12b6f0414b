#include "overviewmap.h"

#include <QFontMetricsF>
#include <QPainterPathStroker>

#include <cmath>

namespace atlas {

namespace {

constexpr double kPadX = 10, kPadY = 8;
constexpr double kBarHeight = 10;

} // namespace

int OverviewScene::edgeAt(const QPointF &point) const
{
    for (std::size_t e = 0; e < labels.size(); ++e)
        if (labels[e].contains(point))
            return int(e);
    for (std::size_t e = 0; e < edgePaths.size(); ++e) {
        QPainterPathStroker stroker;
        stroker.setWidth(std::max(8.0, edgeWidths[e] + 4));
        if (stroker.createStroke(edgePaths[e]).contains(point))
            return int(e);
    }
    return -1;
}

int OverviewScene::nodeAt(const QPointF &point) const
{
    for (std::size_t n = 0; n < nodes.size(); ++n)
        if (nodes[n].contains(point))
            return int(n);
    return -1;
}

QColor overviewpaint::severityColour(std::optional<RuleSeverity> worst)
{
    if (!worst)
        return QColor(0x8a, 0x94, 0xa0);
    switch (*worst) {
    case RuleSeverity::Critical: return QColor(0xb2, 0x18, 0x2b);
    case RuleSeverity::High: return QColor(0xd5, 0x5e, 0x00);
    case RuleSeverity::Medium: return QColor(0xe6, 0x9f, 0x00);
    case RuleSeverity::Low: return QColor(0x56, 0xb4, 0xe9);
    case RuleSeverity::Info: break;
    }
    return QColor(0x8a, 0x94, 0xa0);
}

QStringList overviewpaint::wrapParts(const QStringList &parts, const QString &separator, const QFont &font, double width)
{
    const QFontMetricsF fm(font);
    QStringList lines;
    QString current;
    for (const QString &part : parts) {
        const QString candidate = current.isEmpty() ? part : current + separator + part;
        if (!current.isEmpty() && fm.horizontalAdvance(candidate) > width) {
            // A list of names keeps its comma at the break; " · " between counts just breaks.
            lines << (separator.trimmed() == u"," ? QString(current + u',') : current);
            current = part;
        } else {
            current = candidate;
        }
    }
    if (!current.isEmpty())
        lines << current;
    return lines;
}

QFont overviewpaint::fontOf(OverviewLine::Kind kind)
{
    if (kind == OverviewLine::Kind::Title) {
        QFont f = mappaint::titleFont();
        f.setPointSizeF(10.5);
        return f;
    }
    return mappaint::smallFont();
}

double overviewpaint::lineHeight(OverviewLine::Kind kind)
{
    if (kind == OverviewLine::Kind::ClassBar)
        return kBarHeight + 6;
    return QFontMetricsF(fontOf(kind)).height() + (kind == OverviewLine::Kind::Title ? 3 : 1);
}

QSizeF overviewpaint::boxSize(const std::vector<OverviewLine> &lines, double minWidth)
{
    double width = 0, height = 2 * kPadY;
    for (const OverviewLine &l : lines) {
        if (l.kind != OverviewLine::Kind::ClassBar)
            width = std::max(width, QFontMetricsF(fontOf(l.kind)).horizontalAdvance(l.text));
        height += lineHeight(l.kind);
    }
    return QSizeF(std::max(minWidth, std::ceil(width + 2 * kPadX + 2)), std::ceil(height));
}

std::vector<QRectF> overviewpaint::lineRects(const std::vector<OverviewLine> &lines, const QRectF &box)
{
    std::vector<QRectF> rects;
    double y = box.top() + kPadY;
    for (const OverviewLine &l : lines) {
        const double h = lineHeight(l.kind);
        const double w = l.kind == OverviewLine::Kind::ClassBar ? box.width() - 2 * kPadX
                                                                  : QFontMetricsF(fontOf(l.kind)).horizontalAdvance(l.text);
        rects.emplace_back(box.left() + kPadX, y, w, h);
        y += h;
    }
    return rects;
}

void overviewpaint::paintLines(QPainter &p, const std::vector<OverviewLine> &lines, const QRectF &box, const MapPalette &palette,
                               const std::array<int, 4> &classShares)
{
    const std::vector<QRectF> rects = lineRects(lines, box);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const OverviewLine &l = lines[i];
        const QRectF &r = rects[i];
        if (l.kind == OverviewLine::Kind::ClassBar) {
            int total = 0;
            for (int n : classShares)
                total += n;
            double x = r.left();
            const QRectF bar(r.left(), r.top() + 3, r.width(), kBarHeight);
            for (std::size_t c = 0; c < classShares.size() && total > 0; ++c) {
                const double w = bar.width() * classShares[c] / total;
                p.fillRect(QRectF(x, bar.top(), w, bar.height()), dataClassColour(Classification(c)));
                x += w;
            }
            p.setPen(QPen(palette.nodeBorder, 0.8));
            p.setBrush(Qt::NoBrush);
            p.drawRect(bar);
            continue;
        }
        p.setFont(fontOf(l.kind));
        p.setPen(l.kind == OverviewLine::Kind::Muted ? palette.mutedText : palette.text);
        p.drawText(QRectF(r.left(), r.top(), box.width(), r.height()), Qt::AlignLeft | Qt::AlignVCenter, l.text);
    }
}

void overviewpaint::paintNode(QPainter &p, const OverviewScene &scene, int node, const MapPalette &palette, bool selected)
{
    const OverviewNode &n = scene.overview.nodes[std::size_t(node)];
    const QRectF &rect = scene.nodes[std::size_t(node)];
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QPen border(n.unknown ? palette.finding : palette.clusterBorder[0], selected ? 3 : 1.6);
    if (n.unknown)
        border.setStyle(Qt::DashLine);
    p.setPen(border);
    p.setBrush(palette.clusterFill[0]);
    p.drawRoundedRect(rect, 8, 8);
    paintLines(p, scene.nodeLines[std::size_t(node)], rect, palette, n.datasetsByClass);
    p.restore();
}

void overviewpaint::paintEdge(QPainter &p, const OverviewScene &scene, int edge, const MapPalette &palette, bool selected)
{
    const std::size_t e = std::size_t(edge);
    const OverviewCell &cell = scene.overview.cells[std::size_t(scene.edgeCells[e])];
    const QColor colour = severityColour(cell.worstOpen());
    const double width = scene.edgeWidths[e];
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(Qt::NoBrush);
    if (selected) {
        p.setPen(QPen(QColor(0x00, 0x72, 0xb2, 110), width + 8, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        p.drawPath(scene.edgePaths[e]);
    }
    // An access-only pair has no flow: dashed, as the region map draws what is not a flow.
    p.setPen(QPen(colour, width, cell.flows > 0 ? Qt::SolidLine : Qt::DashLine, Qt::FlatCap, Qt::RoundJoin));
    p.drawPath(scene.edgePaths[e]);
    const QPointF tip = scene.arrowTips[e];
    const QPainterPath &path = scene.edgePaths[e];
    if (!std::isnan(tip.x()) && path.elementCount() > 0) {
        mappaint::paintArrowHead(p, tip, path.elementAt(path.elementCount() - 1), 8 + width, 24, colour);
    }
    const QRectF &label = scene.labels[e];
    p.setPen(QPen(selected ? QColor(0x00, 0x72, 0xb2) : colour, selected ? 2.6 : 1.6));
    p.setBrush(palette.background);
    p.drawRoundedRect(label, 5, 5);
    paintLines(p, scene.edgeLines[e], label, palette);
    p.restore();
}

void overviewpaint::paintScene(QPainter &p, const OverviewScene &scene, const MapPalette &palette, int selectedEdge)
{
    p.fillRect(scene.bounds, palette.background);
    for (std::size_t e = 0; e < scene.edgeCells.size(); ++e)
        paintEdge(p, scene, int(e), palette, int(e) == selectedEdge);
    for (std::size_t n = 0; n < scene.nodes.size(); ++n)
        paintNode(p, scene, int(n), palette);
    paintLegend(p, scene.legend, scene, palette);
}

namespace {

// The legend's rows: a bold title, then samples (a line, a dashed line or a block) with words.
struct LegendItem
{
    enum class Sample : std::uint8_t { None, Line, Dashed, Block };
    Sample sample = Sample::None;
    QColor colour;
    QString text;
};
struct LegendRow
{
    QString title;
    std::vector<LegendItem> items;
};

constexpr double kSwatch = 26, kSwatchGap = 6, kItemGap = 16, kLegendPad = 12, kRowHeight = 20;

std::vector<LegendRow> legendRows(const OverviewScene &scene)
{
    using S = LegendItem::Sample;
    LegendRow severity{QStringLiteral("Worst open finding"), {}};
    for (RuleSeverity s : {RuleSeverity::Critical, RuleSeverity::High, RuleSeverity::Medium, RuleSeverity::Low})
        severity.items.push_back({S::Line, overviewpaint::severityColour(s), ruleSeverityName(s)});
    severity.items.push_back({S::Line, overviewpaint::severityColour(std::nullopt), QStringLiteral("none open")});
    LegendRow width{QStringLiteral("Line width"), {}};
    width.items.push_back({S::None, {}, scene.overview.anyVolume ? QStringLiteral("GB/day of the pair's flows (flows without a volume add nothing)")
                                                                 : QStringLiteral("number of flows (no flow declares a volume)")});
    width.items.push_back({S::Dashed, overviewpaint::severityColour(std::nullopt), QStringLiteral("access only, no flow")});
    LegendRow classes{QStringLiteral("Datasets held (bar)"), {}};
    for (std::size_t c = 0; c < enumCount<Classification>(); ++c)
        classes.items.push_back({S::Block, dataClassColour(Classification(c)), enumQName(Classification(c))});
    return {severity, width, classes};
}

double titleColumn()
{
    QFont bold = mappaint::smallFont();
    bold.setBold(true);
    const QFontMetricsF fm(bold);
    return std::max({fm.horizontalAdvance(QStringLiteral("Worst open finding")), fm.horizontalAdvance(QStringLiteral("Line width")),
                     fm.horizontalAdvance(QStringLiteral("Datasets held (bar)"))})
        + kItemGap;
}

double itemWidth(const LegendItem &item)
{
    return (item.sample == LegendItem::Sample::None ? 0 : kSwatch + kSwatchGap) + QFontMetricsF(mappaint::smallFont()).horizontalAdvance(item.text);
}

} // namespace

QSizeF overviewpaint::legendSize(const OverviewScene &scene)
{
    double widest = 0;
    const std::vector<LegendRow> rows = legendRows(scene);
    for (const LegendRow &row : rows) {
        double w = 0;
        for (const LegendItem &item : row.items)
            w += itemWidth(item) + kItemGap;
        widest = std::max(widest, w);
    }
    return QSizeF(std::ceil(2 * kLegendPad + titleColumn() + widest), 2 * kLegendPad + kRowHeight * double(rows.size()));
}

void overviewpaint::paintLegend(QPainter &p, const QRectF &rect, const OverviewScene &scene, const MapPalette &palette)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(palette.clusterBorder[1], 1));
    p.setBrush(palette.background);
    p.drawRoundedRect(rect, 6, 6);
    QFont bold = mappaint::smallFont();
    bold.setBold(true);
    double y = rect.top() + kLegendPad;
    for (const LegendRow &row : legendRows(scene)) {
        const QRectF band(rect.left() + kLegendPad, y, rect.width(), kRowHeight);
        p.setFont(bold);
        p.setPen(palette.text);
        p.drawText(band, Qt::AlignLeft | Qt::AlignVCenter, row.title);
        double x = band.left() + titleColumn();
        p.setFont(mappaint::smallFont());
        for (const LegendItem &item : row.items) {
            const double mid = band.center().y();
            if (item.sample == LegendItem::Sample::Block) {
                p.fillRect(QRectF(x, mid - 5, kSwatch, 10), item.colour);
            } else if (item.sample != LegendItem::Sample::None) {
                p.setPen(QPen(item.colour, 4, item.sample == LegendItem::Sample::Dashed ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
                p.drawLine(QPointF(x, mid), QPointF(x + kSwatch, mid));
            }
            if (item.sample != LegendItem::Sample::None)
                x += kSwatch + kSwatchGap;
            p.setPen(palette.text);
            const double w = QFontMetricsF(mappaint::smallFont()).horizontalAdvance(item.text);
            p.drawText(QRectF(x, band.top(), w + 2, band.height()), Qt::AlignLeft | Qt::AlignVCenter, item.text);
            x += w + kItemGap;
        }
        y += kRowHeight;
    }
    p.restore();
}

std::expected<void, QString> exportOverview(const OverviewScene &scene, const QString &path, MapFormat format, const MapPalette &palette)
{
    if (format == MapFormat::Dot)
        return scene.dot.isEmpty() ? std::unexpected(QStringLiteral("Graphviz produced no DOT output")) : saveAtomically(path, scene.dot.toUtf8());
    return exportPainted(scene.bounds.size(), QStringLiteral("Jurisdiction overview"),
                         QStringLiteral("Residency Atlas: one node per jurisdiction, one edge per origin → destination pair"), path, format,
                         palette, [&](QPainter &p) {
        p.translate(-scene.bounds.topLeft());
        overviewpaint::paintScene(p, scene, palette);
    });
}

} // namespace atlas
