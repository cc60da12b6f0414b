#include "mappainter.h"

#include "ligatures.h"

#include <QFontMetricsF>
#include <QPainterPath>

#include <cmath>

namespace atlas {

namespace {

QString kindGlyph(WorkloadKind k)
{
    switch (k) {
    case WorkloadKind::Storage: return QStringLiteral("ST");
    case WorkloadKind::Database: return QStringLiteral("DB");
    case WorkloadKind::Application: return QStringLiteral("AP");
    case WorkloadKind::Training: return QStringLiteral("TR");
    case WorkloadKind::FineTuning: return QStringLiteral("FT");
    case WorkloadKind::Inference: return QStringLiteral("IN");
    case WorkloadKind::FeaturePipeline: return QStringLiteral("FP");
    case WorkloadKind::Tokenisation: return QStringLiteral("TK");
    case WorkloadKind::Anonymisation: return QStringLiteral("AN");
    case WorkloadKind::Aggregation: return QStringLiteral("AG");
    case WorkloadKind::ModelRegistry: return QStringLiteral("MR");
    case WorkloadKind::Telemetry: return QStringLiteral("TL");
    case WorkloadKind::Logging: return QStringLiteral("LG");
    case WorkloadKind::Observability: return QStringLiteral("OB");
    case WorkloadKind::Evaluation: return QStringLiteral("EV");
    case WorkloadKind::Analytics: return QStringLiteral("AY");
    case WorkloadKind::Backup: return QStringLiteral("BK");
    case WorkloadKind::CiCd: return QStringLiteral("CI");
    case WorkloadKind::Saas: return QStringLiteral("SA");
    }
    return QStringLiteral("?");
}

// AI workloads get a hexagon-like badge, data stores a cylinder-like one: shape carries kind
// without colour.
bool isAiKind(WorkloadKind k)
{
    return k == WorkloadKind::Training || k == WorkloadKind::FineTuning || k == WorkloadKind::Inference
        || k == WorkloadKind::FeaturePipeline || k == WorkloadKind::Aggregation || k == WorkloadKind::ModelRegistry
        || k == WorkloadKind::Evaluation || k == WorkloadKind::Telemetry;
}

bool isStoreKind(WorkloadKind k)
{
    return k == WorkloadKind::Storage || k == WorkloadKind::Database || k == WorkloadKind::Backup;
}

QColor faded(QColor c, bool fade)
{
    if (fade)
        c.setAlphaF(0.18f);
    return c;
}

// A scenario's change list: a highlighter under the drawn subject (green added, orange moved
// or rerouted), so that the data-class colours keep their meaning; removed ones are grey ghosts.
QColor markColour(OverlayMark m)
{
    switch (m) {
    case OverlayMark::Added: return QColor(0x00, 0x9e, 0x73);
    case OverlayMark::Moved:
    case OverlayMark::Rerouted: return QColor(0xe6, 0x9f, 0x00);
    case OverlayMark::Removed: return QColor(0x99, 0x99, 0x99);
    case OverlayMark::None: break;
    }
    return {};
}

QString markTag(OverlayMark m)
{
    switch (m) {
    case OverlayMark::Added: return QStringLiteral("added");
    case OverlayMark::Moved: return QStringLiteral("moved");
    case OverlayMark::Rerouted: return QStringLiteral("rerouted");
    case OverlayMark::Removed: return QStringLiteral("removed");
    case OverlayMark::None: break;
    }
    return {};
}

QColor halo(OverlayMark m)
{
    QColor c = markColour(m);
    c.setAlphaF(m == OverlayMark::Added ? 0.40f : 0.55f);
    return c;
}
} // namespace

QColor dataClassColour(Classification c)
{
    switch (c) {
    case Classification::Restricted: return QColor(0xcc, 0x79, 0xa7); // reddish purple
    case Classification::Sensitive: return QColor(0xe6, 0x9f, 0x00);  // orange
    case Classification::Operational: return QColor(0x00, 0x72, 0xb2); // blue
    case Classification::Public: return QColor(0x00, 0x9e, 0x73);     // bluish green
    }
    return Qt::gray;
}

MapPalette MapPalette::light()
{
    MapPalette p;
    p.background = QColor(0xff, 0xff, 0xff);
    p.text = QColor(0x1d, 0x23, 0x2b);
    p.mutedText = QColor(0x5a, 0x64, 0x70);
    p.nodeFill = QColor(0xff, 0xff, 0xff);
    p.nodeBorder = QColor(0x6b, 0x77, 0x85);
    p.finding = QColor(0xd5, 0x5e, 0x00); // vermillion
    p.clusterFill[0] = QColor(0xee, 0xf2, 0xf7);
    p.clusterFill[1] = QColor(0xf7, 0xf9, 0xfb);
    p.clusterFill[2] = QColor(0xff, 0xff, 0xff);
    p.clusterBorder[0] = QColor(0x8a, 0x99, 0xab);
    p.clusterBorder[1] = QColor(0xb4, 0xbf, 0xcc);
    p.clusterBorder[2] = QColor(0xc8, 0xd0, 0xd9);
    return p;
}

MapPalette MapPalette::dark()
{
    MapPalette p;
    p.background = QColor(0x1e, 0x21, 0x26);
    p.text = QColor(0xe8, 0xea, 0xed);
    p.mutedText = QColor(0xa8, 0xb0, 0xba);
    p.nodeFill = QColor(0x2a, 0x2f, 0x36);
    p.nodeBorder = QColor(0x8f, 0x9a, 0xa6);
    p.finding = QColor(0xff, 0x7a, 0x2e);
    p.clusterFill[0] = QColor(0x26, 0x2b, 0x33);
    p.clusterFill[1] = QColor(0x2b, 0x31, 0x39);
    p.clusterFill[2] = QColor(0x30, 0x36, 0x3f);
    p.clusterBorder[0] = QColor(0x6d, 0x7a, 0x8a);
    p.clusterBorder[1] = QColor(0x58, 0x63, 0x70);
    p.clusterBorder[2] = QColor(0x4c, 0x56, 0x62);
    return p;
}

MapPalette MapPalette::forWindow(const QColor &window)
{
    return window.lightness() < 128 ? dark() : light();
}

QFont mappaint::titleFont()
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(9.5);
    f.setBold(true);
    turnOffLigatures(f); // the map's labels are text in the PDF report and the SVG export
    return f;
}

QFont mappaint::smallFont()
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(8);
    turnOffLigatures(f);
    return f;
}

namespace {

QColor edgeColour(const MapEdge &edge, const MapPalette &palette)
{
    if (edge.mark == OverlayMark::Removed)
        return markColour(edge.mark);
    return faded(edge.findings > 0 ? palette.finding : dataClassColour(edge.dataClass), edge.faded);
}

} // namespace

void mappaint::paintCluster(QPainter &p, const MapCluster &cluster, const QRectF &rect, const MapPalette &palette)
{
    const int level = std::clamp(cluster.level, 0, 2);
    p.save();
    QPen pen(palette.clusterBorder[level], level == 0 ? 1.6 : 1.0);
    if (level == 2)
        pen.setStyle(Qt::DashLine);
    p.setPen(pen);
    p.setBrush(palette.clusterFill[level]);
    p.drawRoundedRect(rect, 8, 8);
    p.restore();
}

QFont mappaint::clusterFont(int level)
{
    QFont f = level == 0 ? titleFont() : smallFont();
    if (level == 0)
        f.setPointSizeF(10.5);
    if (level == 1)
        f.setBold(true);
    return f;
}

QRectF mappaint::clusterLabelRect(const MapCluster &cluster, const QRectF &rect)
{
    const QFontMetricsF fm(clusterFont(std::clamp(cluster.level, 0, 2)));
    const double width = std::min(fm.horizontalAdvance(cluster.label) + 10, rect.width() - 12);
    return QRectF(rect.left() + 6, rect.top() + 3, std::max(0.0, width), fm.height() + 2);
}

void mappaint::paintClusterLabel(QPainter &p, const MapCluster &cluster, const QRectF &rect, const MapPalette &palette)
{
    // Drawn over the flows, on a chip of the cluster's colour: an edge never crosses a title.
    const int level = std::clamp(cluster.level, 0, 2);
    const QFont f = clusterFont(level);
    const QRectF chip = clusterLabelRect(cluster, rect);
    p.save();
    p.setPen(Qt::NoPen);
    p.setBrush(palette.clusterFill[level]);
    p.drawRoundedRect(chip, 3, 3);
    p.setFont(f);
    p.setPen(level == 2 ? palette.mutedText : palette.text);
    p.drawText(chip.adjusted(4, 0, -2, 0), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetricsF(f).elidedText(cluster.label, Qt::ElideRight, chip.width() - 6));
    p.restore();
}

namespace {

// The number of open findings, in a circle on the card's top right corner.
void paintFindingCount(QPainter &p, const MapNode &node, const QRectF &rect, const MapPalette &palette)
{
    const QRectF circle(rect.right() - 11, rect.top() - 9, 20, 20);
    p.setPen(Qt::NoPen);
    p.setBrush(faded(palette.finding, node.faded));
    p.drawEllipse(circle);
    QFont f = mappaint::smallFont();
    f.setBold(true);
    p.setFont(f);
    p.setPen(faded(Qt::white, node.faded));
    p.drawText(circle, Qt::AlignCenter, QString::number(node.findings));
}

// A tag on the card's top edge says what the scenario did to the workload.
void paintMarkTag(QPainter &p, const MapNode &node, const QRectF &rect)
{
    QFont f = mappaint::smallFont();
    f.setBold(true);
    f.setPointSizeF(7);
    p.setFont(f);
    const QString tag = markTag(node.mark);
    const QRectF chip(rect.left() + 36, rect.top() - 8, QFontMetricsF(f).horizontalAdvance(tag) + 10, 13);
    p.setPen(Qt::NoPen);
    p.setBrush(markColour(node.mark));
    p.drawRoundedRect(chip, 3, 3);
    p.setPen(node.mark == OverlayMark::Moved ? QColor(0x1d, 0x23, 0x2b) : QColor(Qt::white));
    p.drawText(chip, Qt::AlignCenter, tag);
}

} // namespace

void mappaint::paintNode(QPainter &p, const MapNode &node, const QRectF &rect, const MapPalette &palette, bool selected)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const bool hasFindings = node.findings > 0;
    QPen border(faded(hasFindings ? palette.finding : palette.nodeBorder, node.faded), hasFindings ? 2.2 : 1.2);
    if (node.external)
        border.setStyle(Qt::DashLine);
    const bool removed = node.mark == OverlayMark::Removed;
    if (node.mark != OverlayMark::None) {
        border = QPen(markColour(node.mark), removed ? 1.6 : 3.2);
        border.setStyle(removed ? Qt::DashLine : Qt::SolidLine);
    }
    if (selected)
        border = QPen(QColor(0x00, 0x72, 0xb2), 3);
    if (node.mark != OverlayMark::None && !removed) { // the highlighter around the card
        p.setPen(Qt::NoPen);
        p.setBrush(halo(node.mark));
        p.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), 9, 9);
    }
    p.setPen(border);
    p.setBrush(removed ? palette.background : faded(palette.nodeFill, node.faded));
    if (node.collapsed) // a stack of cards: the summary of a cluster
        p.drawRoundedRect(rect.adjusted(5, -5, 5, -5), 6, 6);
    p.drawRoundedRect(rect, 6, 6);

    // Kind badge: shape by family (AI hexagon, store cylinder, other circle), two letters.
    const QRectF badge(rect.left() + 8, rect.center().y() - 12, 24, 24);
    p.setPen(QPen(faded(palette.nodeBorder, node.faded), 1));
    p.setBrush(faded(palette.clusterFill[0], node.faded));
    if (node.collapsed) {
        p.drawRect(badge);
    } else if (isAiKind(node.kind)) {
        QPolygonF hex;
        for (int i = 0; i < 6; ++i) {
            const double a = M_PI / 3 * i;
            hex << badge.center() + QPointF(12 * std::cos(a), 12 * std::sin(a));
        }
        p.drawPolygon(hex);
    } else if (isStoreKind(node.kind)) {
        p.drawRoundedRect(badge.adjusted(2, 0, -2, 0), 10, 4);
    } else {
        p.drawEllipse(badge);
    }
    QFont glyph = smallFont();
    glyph.setBold(true);
    glyph.setPointSizeF(7);
    p.setFont(glyph);
    p.setPen(faded(palette.text, node.faded));
    p.drawText(badge, Qt::AlignCenter, node.collapsed ? QString::number(node.members) : kindGlyph(node.kind));

    // Wrapped, never cut: layoutMap() made the card as high as both need.
    const QRectF text = nodeTextRect(rect);
    p.setFont(titleFont());
    p.setPen(faded(removed ? palette.mutedText : node.unknownResidency ? palette.finding : palette.text, node.faded));
    p.drawText(text, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, node.title);
    p.setFont(smallFont());
    p.setPen(faded(palette.mutedText, node.faded));
    p.drawText(text, Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap, node.subtitle);

    if (hasFindings)
        paintFindingCount(p, node, rect, palette);
    if (node.mark != OverlayMark::None)
        paintMarkTag(p, node, rect);
    p.restore();
}

EdgeGeometry EdgeGeometry::fromPath(const QPainterPath &path, const QPointF &arrowTip, const QPointF &labelAt)
{
    EdgeGeometry g;
    g.arrowTip = arrowTip;
    if (path.isEmpty())
        return g;
    const QList<QPolygonF> parts = path.toSubpathPolygons();
    for (const QPolygonF &part : parts)
        g.points += part;
    g.lengths.reserve(std::size_t(g.points.size()));
    double total = 0;
    for (qsizetype i = 0; i < g.points.size(); ++i) {
        if (i > 0)
            total += QLineF(g.points[i - 1], g.points[i]).length();
        g.lengths.push_back(total);
    }
    g.middle = std::isnan(labelAt.x()) ? path.pointAtPercent(0.5) : labelAt;
    g.bounds = g.points.boundingRect();
    if (!std::isnan(arrowTip.x()))
        g.bounds = g.bounds.united(QRectF(arrowTip, QSizeF(1, 1)));
    return g;
}

void mappaint::paintEdge(QPainter &p, const MapEdge &edge, const EdgeGeometry &geometry, const MapPalette &palette,
                           bool selected, const QRectF &exposed, bool antialias, bool withLabel)
{
    const QPolygonF &pts = geometry.points;
    if (pts.size() < 2)
        return;
    p.save();
    p.setRenderHint(QPainter::Antialiasing, antialias);
    const bool ghost = edge.mark == OverlayMark::Removed;
    const QColor colour = edgeColour(edge, palette);
    double width = edge.stroke == EdgeStroke::Thin ? 1.0 : 1.8; // derived weights as wide as data: they carry it
    if (edge.crossJurisdiction)
        width += 1.6;
    if (selected)
        width += 1.5;
    QPen pen(colour, width);
    switch (edge.stroke) {
    case EdgeStroke::Solid:
    case EdgeStroke::Thin: pen.setStyle(Qt::SolidLine); break;
    case EdgeStroke::Dashed: pen.setStyle(Qt::DashLine); break;
    case EdgeStroke::Dotted: pen.setStyle(Qt::DotLine); break;
    case EdgeStroke::Derived: pen.setStyle(Qt::DashDotLine); break;
    }
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::RoundJoin);
    if (edge.mark != OverlayMark::None && !ghost) { // the highlighter under the line
        QPen marker(halo(edge.mark), width + (edge.mark == OverlayMark::Rerouted ? 9 : 7));
        marker.setCapStyle(Qt::RoundCap);
        marker.setJoinStyle(Qt::RoundJoin);
        p.setPen(marker);
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(pts);
    }
    // Draw the runs of segments that touch the exposed rectangle; a run starts its dash
    // pattern where the whole line would be at that point, so dashes do not jump.
    const QRectF area = exposed.isEmpty() ? QRectF() : exposed.adjusted(-width - 2, -width - 2, width + 2, width + 2);
    qsizetype i = 0;
    while (i + 1 < pts.size()) {
        if (!area.isEmpty() && !area.intersects(QRectF(pts[i], pts[i + 1]).normalized().adjusted(-0.5, -0.5, 0.5, 0.5))) {
            ++i;
            continue;
        }
        qsizetype j = i + 1;
        while (j + 1 < pts.size()
               && (area.isEmpty() || area.intersects(QRectF(pts[j], pts[j + 1]).normalized().adjusted(-0.5, -0.5, 0.5, 0.5))))
            ++j;
        pen.setDashOffset(geometry.lengths[std::size_t(i)] / width);
        p.setPen(pen);
        p.drawPolyline(pts.constData() + i, int(j - i + 1));
        i = j;
    }

    const QPointF &tip = geometry.arrowTip;
    if (!std::isnan(tip.x()) && (area.isEmpty() || area.contains(tip))) {
        paintArrowHead(p, tip, pts.back(), 7 + width, 22, colour);
    }
    if (withLabel && (area.isEmpty() || area.contains(geometry.middle)))
        paintEdgeLabel(p, edge, geometry, palette);
    p.restore();
}

void mappaint::paintArrowHead(QPainter &p, const QPointF &tip, const QPointF &base, double length, double spread, const QColor &colour)
{
    QLineF back(tip, base);
    back.setLength(length);
    QLineF left = back, right = back;
    left.setAngle(back.angle() + spread);
    right.setAngle(back.angle() - spread);
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawPolygon(QPolygonF{tip, left.p2(), right.p2()});
}

void mappaint::paintEdgeLabel(QPainter &p, const MapEdge &edge, const EdgeGeometry &geometry, const MapPalette &palette)
{
    const QString label = edgeLabel(edge);
    if (label.isEmpty() || geometry.points.size() < 2)
        return;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const QSizeF size = edgeLabelSize(label);
    const QRectF box(geometry.middle.x() - size.width() / 2, geometry.middle.y() - size.height() / 2, size.width(), size.height());
    p.setFont(edgeLabelFont());
    p.setPen(QPen(edgeColour(edge, palette), 1));
    p.setBrush(faded(palette.background, edge.faded));
    p.drawRoundedRect(box, 4, 4);
    p.setPen(faded(edge.findings > 0 ? palette.finding : palette.text, edge.faded));
    p.drawText(box, Qt::AlignCenter, label);
    p.restore();
}

namespace {

QFont bundleFont()
{
    QFont f = mappaint::edgeLabelFont();
    f.setBold(true);
    return f;
}

} // namespace

QSizeF mappaint::bundleLabelSize(const QString &text)
{
    return QFontMetricsF(bundleFont()).boundingRect(text).adjusted(-6, -3, 6, 3).size();
}

mappaint::BundleLook mappaint::bundleLook(const MapGraph &graph, const LayoutBundle &bundle)
{
    BundleLook look;
    look.faded = true;
    int flows = 0, findings = 0;
    QStringList ids;
    for (int e : bundle.edges) {
        const MapEdge &edge = graph.edges[std::size_t(e)];
        flows += int(edge.flows.size());
        findings += edge.findings;
        look.faded = look.faded && edge.faded;
        ids << edge.flows;
    }
    look.findings = findings > 0;
    look.text = QStringLiteral("%1 flows").arg(flows) + (findings ? QStringLiteral("  ⚠%1").arg(findings) : QString());
    const QSizeF size = bundleLabelSize(look.text);
    look.rect = QRectF(bundle.at - QPointF(size.width() / 2, size.height() / 2), size);
    look.tooltip = look.text + QStringLiteral(" between these two tiles (⚠ open findings): ") + ids.mid(0, 20).join(QStringLiteral(", "))
        + (ids.size() > 20 ? QStringLiteral(" and %1 more").arg(ids.size() - 20) : QString());
    return look;
}

void mappaint::paintBundleLabel(QPainter &p, const BundleLook &look, const MapPalette &palette)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const QColor ink = faded(look.findings ? palette.finding : palette.text, look.faded);
    p.setPen(QPen(ink, 1.4));
    p.setBrush(faded(palette.background, look.faded));
    p.drawRoundedRect(look.rect, look.rect.height() / 2, look.rect.height() / 2);
    p.setFont(bundleFont());
    p.setPen(ink);
    p.drawText(look.rect, Qt::AlignCenter, look.text);
    p.restore();
}

QSizeF mappaint::legendSize(bool overlay)
{
    return QSizeF(overlay ? 1060 : 860, 112);
}

void mappaint::paintLegend(QPainter &p, const QPointF &origin, const MapPalette &palette, bool overlay)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF frame(origin, legendSize(overlay));
    p.setPen(QPen(palette.clusterBorder[1], 1));
    p.setBrush(palette.background);
    p.drawRoundedRect(frame, 6, 6);
    p.setFont(smallFont());
    auto sample = [&](double x, double y, const QColor &c, Qt::PenStyle style, double width, const QString &text) {
        QPen pen(c, width);
        pen.setStyle(style);
        p.setPen(pen);
        p.drawLine(QPointF(x, y), QPointF(x + 34, y));
        p.setPen(palette.text);
        p.drawText(QPointF(x + 40, y + 4), text);
    };
    double x = frame.left() + 12, y = frame.top() + 20;
    QFont bold = smallFont();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette.text);
    p.drawText(QPointF(x, y - 4), QStringLiteral("Data class"));
    p.setFont(smallFont());
    const std::pair<Classification, const char *> classes[] = {{Classification::Restricted, "restricted"}, {Classification::Sensitive, "sensitive"},
                                                              {Classification::Operational, "operational"}, {Classification::Public, "public"}};
    for (int i = 0; i < 4; ++i)
        sample(x + (i / 2) * 110, y + 14 + (i % 2) * 16, dataClassColour(classes[i].first), Qt::SolidLine, 2.5,
               QString::fromLatin1(classes[i].second));
    double col = frame.left() + 240;
    p.setFont(bold);
    p.setPen(palette.text);
    p.drawText(QPointF(col, y - 4), QStringLiteral("Form"));
    p.setFont(smallFont());
    sample(col, y + 14, palette.text, Qt::SolidLine, 1.8, QStringLiteral("raw"));
    sample(col, y + 30, palette.text, Qt::DashLine, 1.8, QStringLiteral("pseudonymised, features"));
    sample(col, y + 46, palette.text, Qt::DotLine, 1.8, QStringLiteral("anonymised, aggregated, synthetic, metrics"));
    sample(col, y + 62, palette.text, Qt::SolidLine, 1.0, QStringLiteral("model weights, gradients"));
    sample(col, y + 78, palette.text, Qt::DashDotLine, 1.8, QStringLiteral("weights derived from personal data (lineage)"));
    col = frame.left() + 560;
    p.setFont(bold);
    p.setPen(palette.text);
    p.drawText(QPointF(col, y - 4), QStringLiteral("Emphasis"));
    p.setFont(smallFont());
    sample(col, y + 14, palette.text, Qt::SolidLine, 3.4, QStringLiteral("crosses a jurisdiction"));
    sample(col, y + 30, palette.finding, Qt::SolidLine, 2.2, QStringLiteral("open findings (badge: count)"));
    p.setPen(palette.text);
    p.drawText(QPointF(col, y + 50), QStringLiteral("×N merged flows · (N flows) a bundle's count"));
    p.drawText(QPointF(col, y + 66), QStringLiteral("⬡ AI workload · ▭ data store · ◯ other · dashed: external"));
    if (overlay) {
        col = frame.left() + 870;
        p.setFont(bold);
        p.drawText(QPointF(col, y - 4), QStringLiteral("Scenario"));
        p.setFont(smallFont());
        sample(col, y + 14, halo(OverlayMark::Added), Qt::SolidLine, 8, QStringLiteral("added"));
        sample(col, y + 30, halo(OverlayMark::Rerouted), Qt::SolidLine, 10, QStringLiteral("rerouted, moved"));
        sample(col, y + 46, markColour(OverlayMark::Removed), Qt::DashLine, 1.8, QStringLiteral("removed, old route"));
    }
    p.restore();
}

void mappaint::paintScene(QPainter &p, const MapScene &scene, const MapPalette &palette)
{
    const MapGraph &g = scene.graph;
    const LayoutResult &l = scene.layout;
    p.fillRect(scene.bounds, palette.background);
    for (std::size_t c = 0; c < g.clusters.size(); ++c)
        paintCluster(p, g.clusters[c], l.clusters[c], palette);
    // Faded edges first, so the focus is drawn over them.
    std::vector<EdgeGeometry> geometry;
    geometry.reserve(g.edges.size());
    for (std::size_t e = 0; e < g.edges.size(); ++e)
        geometry.push_back(EdgeGeometry::fromPath(l.edges[e], l.arrowTips[e], l.edgeLabels[e]));
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t e = 0; e < g.edges.size(); ++e)
            if (g.edges[e].faded == (pass == 0))
                paintEdge(p, g.edges[e], geometry[e], palette, false, {}, true, false);
    // Labels over every line, so that no flow runs through another's label.
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t e = 0; e < g.edges.size(); ++e)
            if (g.edges[e].faded == (pass == 0))
                paintEdgeLabel(p, g.edges[e], geometry[e], palette);
    for (const LayoutBundle &b : l.bundles)
        paintBundleLabel(p, bundleLook(g, b), palette);
    for (std::size_t c = 0; c < g.clusters.size(); ++c)
        paintClusterLabel(p, g.clusters[c], l.clusters[c], palette);
    for (std::size_t n = 0; n < g.nodes.size(); ++n)
        paintNode(p, g.nodes[n], l.nodes[n], palette);
    paintLegend(p, scene.legend.topLeft(), palette, g.overlay);
}

} // namespace atlas
