// The paged report's tables (reportpagedparts.h): columns as wide as their words need where
// the page has room, rows that go whole onto a page (the header repeated on the next) and only
// continue, between lines, when taller than a page; severity and risk cells as coloured tags.
#include "reportpagedparts.h"

#include <QFontMetricsF>
#include <QRegularExpression>

#include <numeric>
#include <optional>

namespace atlas::paged {

struct ReportComposer::Cell
{
    Text text;
    QColor tag;       // valid: drawn as a coloured tag
    QColor colour = ink;
    bool bold = false;
};

struct ReportComposer::Row
{
    std::vector<Cell> cells;
    double height = 0;
    bool header = false;
};

namespace {

QColor tagColour(const QString &text, CellStyle style)
{
    const QString t = text.trimmed().toLower();
    if (style == CellStyle::Severity) {
        if (const auto s = parseRuleSeverity(t))
            return severityColour(*s);
    } else if (style == CellStyle::Risk) {
        for (RiskLevel r : {RiskLevel::Low, RiskLevel::Medium, RiskLevel::High, RiskLevel::VeryHigh})
            if (riskLevelName(r) == t)
                return riskColour(r);
    }
    return {};
}

} // namespace

ReportComposer::Row ReportComposer::tableRow(const QStringList &cells, const ReportTable &t,
                                             const std::vector<double> &widths, bool header)
{
    Row row{{}, 0, header};
    for (std::size_t c = 0; c < widths.size(); ++c) {
        const QString text = c < std::size_t(cells.size()) ? cells[qsizetype(c)] : QString();
        const CellStyle style = c < std::size_t(t.styles.size()) ? t.styles[qsizetype(c)] : CellStyle::Plain;
        const bool bold = header || (t.keyValue && c == 0);
        const bool muteIt = !header && style == CellStyle::Muted, code = !header && style == CellStyle::Code;
        Cell cell{{}, header ? QColor() : tagColour(text, style), muteIt ? muted : ink, bold};
        const QFont &font = bold ? m_fonts.tableBold : code ? m_fonts.code : m_fonts.table;
        const QFont &wrapFont = cell.tag.isValid() ? m_fonts.tag : font;
        const double inner = widths[c] - 2 * cellPadX - (cell.tag.isValid() ? 8 : 0);
        cell.text = wrap(text, wrapFont, inner, m_device, cell.tag.isValid() ? 1.25 : 1.32);
        if (cell.tag.isValid() && cell.text.lines() > 1) // too narrow for a tag: coloured text
            cell.text = wrap(text, m_fonts.tableBold, widths[c] - 2 * cellPadX, m_device, 1.32);
        row.height = std::max(row.height, cell.text.height() + 2 * cellPadY + (cell.tag.isValid() ? 2 : 0));
        row.cells.push_back(std::move(cell));
    }
    return row;
}

// Draws lines [from, to) of every cell as one band of `height` at the current position.
void ReportComposer::paintRowPart(const Row &row, const std::vector<double> &widths, const std::vector<int> &from,
                                  const std::vector<int> &to, double height, int index)
{
    const double top = m_y, width = m_width;
    paint([=](QPainter &p, const QSizeF &) {
        if (row.header)
            p.fillRect(QRectF(0, top, width, height), tableHead);
        else if (index % 2 == 1)
            p.fillRect(QRectF(0, top, width, height), zebra);
        double x = 0;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const Cell &cell = row.cells[c];
            const QPointF at(x + cellPadX, top + cellPadY);
            if (cell.tag.isValid() && cell.text.lines() == 1 && from[c] == 0 && to[c] == 1) {
                const QRectF box(at.x(), at.y(), cell.text.width() + 8, cell.text.lineHeight + 2);
                p.setPen(Qt::NoPen);
                p.setBrush(cell.tag);
                p.setRenderHint(QPainter::Antialiasing);
                p.drawRoundedRect(box, 2.2, 2.2);
                cell.text.draw(p, at + QPointF(4, 1), 0, 1, Qt::white);
            } else {
                cell.text.draw(p, at, from[c], to[c], cell.tag.isValid() ? cell.tag : cell.colour);
            }
            x += widths[c];
        }
        p.setPen(QPen(row.header ? QColor(0x9a, 0xa5, 0xb3) : hairline, row.header ? 0.8 : 0.4));
        p.drawLine(QPointF(0, top + height), QPointF(width, top + height));
    });
    m_y += height;
    m_hasContent = true;
}

// A row goes whole onto this page or the next (with the header again); only a row taller
// than a page is cut, between lines, each cell continuing where it stopped.
void ReportComposer::placeRow(const Row &row, const std::vector<double> &widths, const Row *header, int index)
{
    const double headerHeight = header ? header->height : 0;
    const auto newPageWithHeader = [&] {
        newPage();
        if (header)
            placeRow(*header, widths, nullptr, 0);
    };
    if (row.height > space() && row.height <= m_bottom - headerBand - headerHeight)
        newPageWithHeader();
    std::vector<int> from(row.cells.size(), 0), to(row.cells.size(), 0);
    for (;;) {
        double height = 0;
        bool done = true, progress = false;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const Text &t = row.cells[c].text;
            const int fit = int((space() - 2 * cellPadY + 0.01) / t.lineHeight);
            to[c] = std::min(t.lines(), from[c] + std::max(fit, 0));
            progress = progress || to[c] > from[c];
            done = done && to[c] == t.lines();
            height = std::max(height, t.height(from[c], to[c]));
        }
        if (!progress && !done) {
            newPageWithHeader();
            continue;
        }
        const bool whole = done && std::all_of(from.begin(), from.end(), [](int line) { return line == 0; });
        paintRowPart(row, widths, from, to, whole ? row.height : height + 2 * cellPadY, index);
        if (done)
            return;
        from = to;
        newPageWithHeader();
    }
}

namespace {

// Shares `width` by `preferred`, except that a column below its `least` gets that and the
// others share what is left. Σ least must be less than `width`.
std::vector<double> fitColumns(const std::vector<double> &preferred, const std::vector<double> &least, double width)
{
    std::vector<bool> pinned(preferred.size(), false);
    std::vector<double> widths(preferred.size());
    for (std::size_t round = 0; round <= preferred.size(); ++round) {
        double left = width, share = 0;
        for (std::size_t c = 0; c < widths.size(); ++c)
            pinned[c] ? left -= least[c] : share += preferred[c];
        bool changed = false;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            widths[c] = pinned[c] ? least[c] : left * preferred[c] / share;
            if (!pinned[c] && widths[c] < least[c])
                pinned[c] = changed = true;
        }
        if (!changed)
            break;
    }
    return widths;
}

} // namespace

// What each column needs so as not to break a word: `hard` for its header's words and its
// short cells ("RES-002", "not recorded"), `soft` for every word of its cells too. Codes (ids,
// hashes) may break anywhere and only ask for their short cells.
struct ColumnNeeds
{
    std::vector<double> hard, soft;
};

ColumnNeeds ReportComposer::columnNeeds(const ReportTable &t, qsizetype columns) const
{
    ColumnNeeds needs{std::vector<double>(std::size_t(columns)), std::vector<double>(std::size_t(columns))};
    // The line breaker may break after a hyphen or a slash as well as at a space.
    static const QRegularExpression breaks(QStringLiteral("\\s+|(?<=[-/])"));
    const auto need = [&](qsizetype c, const QString &text, bool header) {
        const CellStyle style = header ? CellStyle::Plain : t.styles.value(c, CellStyle::Plain);
        const bool tag = !header && tagColour(text, style).isValid();
        const QFontMetricsF fm(tag ? m_fonts.tag
                               : header || (t.keyValue && c == 0) ? m_fonts.tableBold
                               : style == CellStyle::Code          ? m_fonts.code
                                                                   : m_fonts.table,
                               m_device);
        const double frame = 2 * cellPadX + (tag ? 8 : 0) + 1, whole = fm.horizontalAdvance(text);
        double longest = 0;
        if (style != CellStyle::Code)
            for (const QString &word : text.split(breaks, Qt::SkipEmptyParts))
                longest = std::max(longest, fm.horizontalAdvance(word));
        const double hard = whole <= 56 ? whole : header ? longest : 0;
        double &h = needs.hard[std::size_t(c)], &s = needs.soft[std::size_t(c)];
        h = std::max(h, std::min(hard + frame, m_width * 0.4));
        s = std::max({s, h, std::min(longest + frame, m_width * 0.4)});
    };
    if (!t.keyValue)
        for (qsizetype c = 0; c < std::min(columns, t.header.size()); ++c)
            need(c, t.header[c], true);
    for (const QStringList &row : t.rows)
        for (qsizetype c = 0; c < std::min(columns, row.size()); ++c)
            need(c, row[c], false);
    return needs;
}

// The document's relative widths, widened so that words do not break where the table has room
// for them: every word if it can, else the headers' and the short cells'.
std::vector<double> ReportComposer::columnWidths(const ReportTable &t, qsizetype columns) const
{
    std::vector<double> preferred(std::size_t(columns), 1.0);
    if (t.keyValue && t.widths.size() < 2)
        preferred = {1.0, 2.4};
    for (qsizetype c = 0; c < std::min(columns, t.widths.size()); ++c)
        preferred[std::size_t(c)] = std::max(t.widths[c], 1);
    const ColumnNeeds needs = columnNeeds(t, columns);
    const auto sum = [](const std::vector<double> &v) { return std::accumulate(v.begin(), v.end(), 0.0); };
    if (sum(needs.soft) < m_width)
        return fitColumns(preferred, needs.soft, m_width);
    if (sum(needs.hard) < m_width)
        return fitColumns(preferred, needs.hard, m_width);
    std::vector<double> widths = needs.hard; // not even that fits: in proportion to it
    const double total = sum(widths);
    for (double &w : widths)
        w *= m_width / total;
    return widths;
}

void ReportComposer::table(const ReportTable &t)
{
    const qsizetype columns = t.keyValue            ? 2
                              : !t.header.isEmpty() ? t.header.size()
                              : t.rows.empty()      ? 0
                                                    : t.rows.front().size();
    if (columns == 0)
        return;
    const std::vector<double> widths = columnWidths(t, columns);

    std::optional<Row> header;
    if (!t.keyValue && !t.header.isEmpty())
        header = tableRow(t.header, t, widths, true);
    std::vector<Row> rows;
    rows.reserve(t.rows.size());
    for (const QStringList &r : t.rows)
        rows.push_back(tableRow(r, t, widths, false));
    const double first = (header ? header->height : 0) + (rows.empty() ? 0 : std::min(rows.front().height, 60.0));
    start(first);
    if (header) {
        placeRow(*header, widths, nullptr, 0);
    } else {
        const QRectF top(0, m_y, m_width, 0.4);
        paint([=](QPainter &p, const QSizeF &) { p.fillRect(top, hairline); });
    }
    for (std::size_t i = 0; i < rows.size(); ++i)
        placeRow(rows[i], widths, header ? &*header : nullptr, int(i));
    m_y += 6;
    if (!t.overflow.isEmpty())
        paragraph(t.overflow, m_fonts.italic, muted, 4);
    m_y += 8;
}

} // namespace atlas::paged
