#include "overviewmatrix.h"

#include "jsonwriter.h"
#include "overviewmap.h"
#include "texttable.h"

#include <QFontMetricsF>
#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace atlas {

namespace {

constexpr double kCellPad = 6, kMinColumn = 64, kMargin = 16;

QFont headerFont()
{
    QFont f = mappaint::smallFont();
    f.setBold(true);
    return f;
}

QString caption()
{
    return QStringLiteral("Rows: origin · columns: destination · each cell: flows, access entries, open findings by severity, GB/day · "
                          "shaded diagonal: inside one jurisdiction");
}

// Header lines of a jurisdiction: its id, and its name when that says more.
QStringList headerLines(const OverviewNode &node)
{
    if (node.unknown || node.name == node.id)
        return {node.name};
    return {node.id, node.name};
}

QSizeF linesSize(const QStringList &lines, const QFont &first, const QFont &rest)
{
    double w = 0, h = 0;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QFontMetricsF fm(i == 0 ? first : rest);
        w = std::max(w, fm.horizontalAdvance(lines[i]));
        h += fm.height();
    }
    return QSizeF(std::ceil(w + 2 * kCellPad + 1), std::ceil(h + 2 * kCellPad));
}

void paintLinesIn(QPainter &p, const QStringList &lines, const QRectF &rect, const QFont &first, const QFont &rest, const QColor &colour,
                  const QColor &muted)
{
    double y = rect.top() + kCellPad;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QFont &f = i == 0 ? first : rest;
        const double h = QFontMetricsF(f).height();
        p.setFont(f);
        p.setPen(i == 0 ? colour : muted);
        p.drawText(QRectF(rect.left() + kCellPad, y, rect.width(), h), Qt::AlignLeft | Qt::AlignVCenter, lines[i]);
        y += h;
    }
}

} // namespace

QRectF MatrixLayout::rect(int row, int column) const
{
    return QRectF(columnX[std::size_t(column)], rowY[std::size_t(row)], columnWidth[std::size_t(column)], rowHeight[std::size_t(row)]);
}

int MatrixLayout::cellAt(const JurisdictionOverview &overview, const QPointF &point) const
{
    for (std::size_t r = 1; r < rowY.size(); ++r)
        for (std::size_t c = 1; c < columnX.size(); ++c)
            if (rect(int(r), int(c)).contains(point)) {
                const OverviewCell *cell = overview.cell(int(r) - 1, int(c) - 1);
                return cell ? int(cell - overview.cells.data()) : -1;
            }
    return -1;
}

QStringList matrixCellLines(const OverviewCell *cell)
{
    if (!cell)
        return {QStringLiteral("—")};
    return cellSummaryParts(*cell);
}

std::pair<QStringList, std::vector<QStringList>> matrixWords(const JurisdictionOverview &o)
{
    std::vector<bool> origin(o.nodes.size(), false), destination(o.nodes.size(), false);
    for (const OverviewCell &c : o.cells) {
        origin[std::size_t(c.origin)] = true;
        destination[std::size_t(c.destination)] = true;
    }
    QStringList header{QStringLiteral("From \\ to")};
    for (std::size_t d = 0; d < o.nodes.size(); ++d)
        if (destination[d])
            header << o.nodes[d].id;
    std::vector<QStringList> rows;
    for (std::size_t from = 0; from < o.nodes.size(); ++from) {
        if (!origin[from])
            continue;
        QStringList row{o.nodes[from].id};
        for (std::size_t to = 0; to < o.nodes.size(); ++to)
            if (destination[to])
                row << matrixCellLines(o.cell(int(from), int(to))).join(u'\n');
        rows.push_back(std::move(row));
    }
    return {header, rows};
}

MatrixLayout layoutMatrix(const JurisdictionOverview &o)
{
    const std::size_t n = o.nodes.size();
    const QFont header = headerFont(), small = mappaint::smallFont();
    std::vector<double> widths(n + 1, kMinColumn), heights(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const QSizeF s = linesSize(headerLines(o.nodes[i]), header, small);
        widths[0] = std::max(widths[0], s.width());
        widths[i + 1] = std::max(widths[i + 1], s.width());
        heights[0] = std::max(heights[0], s.height());
        heights[i + 1] = std::max(heights[i + 1], s.height());
    }
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t c = 0; c < n; ++c) {
            const QSizeF s = linesSize(matrixCellLines(o.cell(int(r), int(c))), small, small);
            widths[c + 1] = std::max(widths[c + 1], s.width());
            heights[r + 1] = std::max(heights[r + 1], s.height());
        }
    MatrixLayout m;
    const QFontMetricsF fm(small);
    m.caption = QRectF(0, 0, std::ceil(fm.horizontalAdvance(caption())) + 2, std::ceil(fm.height()) + 2);
    double x = 0, y = m.caption.bottom() + 8;
    for (double w : widths) {
        m.columnX.push_back(x);
        m.columnWidth.push_back(w);
        x += w;
    }
    for (double h : heights) {
        m.rowY.push_back(y);
        m.rowHeight.push_back(h);
        y += h;
    }
    m.bounds = QRectF(0, m.rowY.front(), x, y - m.rowY.front());
    m.total = m.bounds.united(m.caption).adjusted(-kMargin, -kMargin, kMargin, kMargin);
    return m;
}

void paintMatrix(QPainter &p, const JurisdictionOverview &o, const MatrixLayout &m, const MapPalette &palette, int selectedCell)
{
    const QFont header = headerFont(), small = mappaint::smallFont();
    p.save();
    p.fillRect(m.total, palette.background);
    p.setFont(small);
    p.setPen(palette.mutedText);
    p.drawText(m.caption, Qt::AlignLeft | Qt::AlignVCenter, caption());
    p.fillRect(m.rect(0, 0), palette.clusterFill[0]);
    p.setPen(palette.mutedText);
    p.drawText(m.rect(0, 0).adjusted(kCellPad, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("from ↓  to →"));
    for (std::size_t i = 0; i < o.nodes.size(); ++i) {
        for (const QRectF &r : {m.rect(0, int(i) + 1), m.rect(int(i) + 1, 0)}) {
            p.fillRect(r, palette.clusterFill[0]);
            paintLinesIn(p, headerLines(o.nodes[i]), r, header, small, o.nodes[i].unknown ? palette.finding : palette.text, palette.mutedText);
        }
    }
    for (std::size_t r = 0; r < o.nodes.size(); ++r)
        for (std::size_t c = 0; c < o.nodes.size(); ++c) {
            const QRectF rect = m.rect(int(r) + 1, int(c) + 1);
            const OverviewCell *cell = o.cell(int(r), int(c));
            if (r == c) { // inside one jurisdiction
                QColor shade = palette.clusterBorder[1];
                shade.setAlphaF(0.30f);
                p.fillRect(rect, shade);
            }
            if (cell && cell->worstOpen()) {
                QColor tint = overviewpaint::severityColour(cell->worstOpen());
                tint.setAlphaF(0.22f);
                p.fillRect(rect, tint);
            }
            paintLinesIn(p, matrixCellLines(cell), rect, small, small, cell ? palette.text : palette.mutedText, palette.text);
        }
    p.setPen(QPen(palette.clusterBorder[1], 0.8));
    p.setBrush(Qt::NoBrush);
    for (std::size_t r = 0; r <= o.nodes.size(); ++r)
        for (std::size_t c = 0; c <= o.nodes.size(); ++c)
            p.drawRect(m.rect(int(r), int(c)));
    if (selectedCell >= 0 && std::size_t(selectedCell) < o.cells.size()) {
        const OverviewCell &cell = o.cells[std::size_t(selectedCell)];
        p.setPen(QPen(QColor(0x00, 0x72, 0xb2), 2.6));
        p.drawRect(m.rect(cell.origin + 1, cell.destination + 1).adjusted(1, 1, -1, -1));
    }
    p.restore();
}

std::expected<void, QString> exportMatrix(const JurisdictionOverview &overview, const QString &path, MapFormat format, const MapPalette &palette)
{
    const MatrixLayout m = layoutMatrix(overview);
    if (format == MapFormat::Dot)
        return std::unexpected(QStringLiteral("the matrix has no DOT form; write .svg, .png or .pdf"));
    return exportPainted(m.total.size(), QStringLiteral("Jurisdiction matrix"),
                         QStringLiteral("Residency Atlas: flows and access entries from origin (rows) to destination (columns)"), path, format,
                         palette, [&](QPainter &p) {
        p.translate(-m.total.topLeft());
        paintMatrix(p, overview, m, palette);
    });
}

namespace {

QString counted(int n, const QString &one, const QString &many)
{
    return QString::number(n) + u' ' + (n == 1 ? one : many);
}

QString nodeText(const OverviewNode &n)
{
    QStringList parts{n.countries.isEmpty() ? QStringLiteral("no country known") : QStringLiteral("countries ") + n.countries.join(QStringLiteral(", ")),
                      counted(n.workloads, QStringLiteral("workload"), QStringLiteral("workloads"))};
    if (n.accessors > 0)
        parts << counted(n.accessors, QStringLiteral("accessor"), QStringLiteral("accessors"));
    QStringList shares;
    for (std::size_t c = 0; c < n.datasetsByClass.size(); ++c)
        if (n.datasetsByClass[c] > 0)
            shares << QStringLiteral("%1 %2").arg(n.datasetsByClass[c]).arg(enumQName(Classification(c)));
    parts << (n.datasetsHeld == 0 ? QStringLiteral("no datasets held")
                                  : counted(n.datasetsHeld, QStringLiteral("dataset held"), QStringLiteral("datasets held")) + QStringLiteral(" (")
                                        + shares.join(QStringLiteral(", ")) + u')');
    return parts.join(QStringLiteral(" · "));
}

QStringList classNames(EnumSet<Classification> classes)
{
    QStringList names;
    classes.forEach([&](Classification c) { names << enumQName(c); });
    return names;
}

QString pairName(const JurisdictionOverview &o, const OverviewCell &c)
{
    const QString &from = o.nodes[std::size_t(c.origin)].id;
    if (c.crossesJurisdiction())
        return from + QStringLiteral(" → ") + o.nodes[std::size_t(c.destination)].id;
    return from + QStringLiteral(" (inside)");
}

QString gridCell(const OverviewCell *c)
{
    if (!c)
        return QStringLiteral(".");
    return c->access > 0 ? QStringLiteral("%1 (%2)").arg(c->flows).arg(c->access) : QString::number(c->flows);
}

} // namespace

QString matrixText(const JurisdictionOverview &o)
{
    QString out = QStringLiteral("Jurisdiction overview: %1 jurisdictions, %2 flows, %3 access entries, %4 pairs (%5 across jurisdictions)\n\n")
                      .arg(o.nodes.size()).arg(o.flows).arg(o.access).arg(o.cells.size()).arg(o.edgeCells().size());
    out += QStringLiteral("Jurisdictions\n");
    for (const OverviewNode &n : o.nodes)
        out += QStringLiteral("  ") + n.id + QStringLiteral(" (") + n.name + QStringLiteral("): ") + nodeText(n) + u'\n';
    out += QStringLiteral("\nFlows (access entries) from row to column\n");
    QStringList header{QStringLiteral("from \\ to")};
    for (const OverviewNode &n : o.nodes)
        header << n.id;
    TextTable grid(header);
    for (std::size_t r = 0; r < o.nodes.size(); ++r) {
        QStringList row{o.nodes[r].id};
        for (std::size_t c = 0; c < o.nodes.size(); ++c)
            row << gridCell(o.cell(int(r), int(c)));
        grid.addRow(row);
    }
    out += grid.render();
    out += QStringLiteral("\nPairs\n");
    for (const OverviewCell &c : o.cells) {
        out += QStringLiteral("  ") + pairName(o, c) + QStringLiteral(": ") + cellSummary(c);
        if (!c.classes.isEmpty())
            out += QStringLiteral(" · carries ") + classNames(c.classes).join(QStringLiteral(", "));
        out += u'\n';
    }
    return out;
}

QString matrixCsv(const JurisdictionOverview &o)
{
    QString out = QStringLiteral("origin,destination,flows,access,critical,high,medium,low,info,worst_open,gb_per_day,flows_without_volume,classes\n");
    for (const OverviewCell &c : o.cells) {
        const auto worst = c.worstOpen();
        QStringList row{o.nodes[std::size_t(c.origin)].id, o.nodes[std::size_t(c.destination)].id, QString::number(c.flows), QString::number(c.access)};
        for (RuleSeverity s : {RuleSeverity::Critical, RuleSeverity::High, RuleSeverity::Medium, RuleSeverity::Low, RuleSeverity::Info})
            row << QString::number(c.open[std::size_t(s)]);
        row << (worst ? ruleSeverityName(*worst) : QString()) << QString::number(c.gbPerDay, 'g', 12) << QString::number(c.flowsWithoutVolume)
            << classNames(c.classes).join(u';');
        out += row.join(u',') + u'\n';
    }
    return out;
}

namespace {

QJsonObject nodeJson(const OverviewNode &n)
{
    QJsonObject byClass;
    for (std::size_t c = 0; c < n.datasetsByClass.size(); ++c)
        byClass.insert(enumQName(Classification(c)), n.datasetsByClass[c]);
    return QJsonObject{{QStringLiteral("id"), n.id},
                       {QStringLiteral("name"), n.name},
                       {QStringLiteral("unknown_residency"), n.unknown},
                       {QStringLiteral("countries"), QJsonArray::fromStringList(n.countries)},
                       {QStringLiteral("workloads"), n.workloads},
                       {QStringLiteral("accessors"), n.accessors},
                       {QStringLiteral("datasets_held"), n.datasetsHeld},
                       {QStringLiteral("datasets_by_class"), byClass}};
}

QJsonObject cellJson(const JurisdictionOverview &o, const OverviewCell &c)
{
    QJsonObject open;
    for (RuleSeverity s : {RuleSeverity::Critical, RuleSeverity::High, RuleSeverity::Medium, RuleSeverity::Low, RuleSeverity::Info})
        open.insert(ruleSeverityName(s), c.open[std::size_t(s)]);
    QJsonArray findings;
    for (const FindingKey &k : c.findings)
        findings.append(k.toString());
    const auto worst = c.worstOpen();
    return QJsonObject{{QStringLiteral("origin"), o.nodes[std::size_t(c.origin)].id},
                       {QStringLiteral("destination"), o.nodes[std::size_t(c.destination)].id},
                       {QStringLiteral("across"), c.crossesJurisdiction()},
                       {QStringLiteral("flows"), c.flows},
                       {QStringLiteral("access"), c.access},
                       {QStringLiteral("open_findings"), open},
                       {QStringLiteral("worst_open"), worst ? QJsonValue(ruleSeverityName(*worst)) : QJsonValue()},
                       {QStringLiteral("gb_per_day"), c.gbPerDay},
                       {QStringLiteral("flows_without_volume"), c.flowsWithoutVolume},
                       {QStringLiteral("classes"), QJsonArray::fromStringList(classNames(c.classes))},
                       {QStringLiteral("flow_ids"), QJsonArray::fromStringList(c.flowIds)},
                       {QStringLiteral("access_ids"), QJsonArray::fromStringList(c.accessIds)},
                       {QStringLiteral("findings"), findings}};
}

} // namespace

QByteArray matrixJson(const JurisdictionOverview &o)
{
    QJsonArray nodes, cells;
    for (const OverviewNode &n : o.nodes)
        nodes.append(nodeJson(n));
    for (const OverviewCell &c : o.cells)
        cells.append(cellJson(o, c));
    return toJsonBytes(QJsonObject{{QStringLiteral("flows"), o.flows},
                                   {QStringLiteral("access"), o.access},
                                   {QStringLiteral("jurisdictions"), nodes},
                                   {QStringLiteral("cells"), cells}});
}

} // namespace atlas
