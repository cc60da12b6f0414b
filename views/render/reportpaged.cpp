// The report on pages. Layout first: every block becomes drawing steps on numbered pages, so
// the table of contents and "Page x of y" know their numbers; then each page is painted.
// Everything is in points, measured against the device being painted: on a device of another
// resolution (a printer) the painter scales points to its pixels and the fonts shrink to match.
#include "reportpaged.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QPagedPaintDevice>
#include <QPaintEngine>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QTextLayout>

#include <algorithm>
#include <map>
#include <memory>
#include <numeric>
#include <optional>

namespace atlas {

namespace {

// ---- style --------------------------------------------------------------------------------

constexpr double headerBand = 28; // running header above the body: text, hairline, gap
constexpr double footerBand = 26;
constexpr double cellPadX = 4.5, cellPadY = 3.2;

const QColor ink(0x1b, 0x22, 0x2c), muted(0x66, 0x6e, 0x7a), navy(0x1f, 0x3a, 0x5f), accent(0x2f, 0x6f, 0xb3);
const QColor hairline(0xc9, 0xd0, 0xd9), tableHead(0xe6, 0xec, 0xf3), zebra(0xf6, 0xf8, 0xfa);
const QColor noteFill(0xee, 0xf3, 0xf9);

QFont makeFont(double points, bool bold = false, bool italic = false, bool monospace = false)
{
    QFont f(monospace ? QStringLiteral("DejaVu Sans Mono") : QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(points);
    f.setBold(bold);
    f.setItalic(italic);
    f.setHintingPreference(QFont::PreferNoHinting); // design widths: the same at any resolution
    // Letter spacing other than 100 % turns ligatures off in Qt's shaper (Qt 6.4 has no
    // QFont::setFeature); with them "findings" is extracted, searched and copied as "\uFB01ndings".
    // (An absolute spacing does not: it is applied after shaping.) 0.1 % wider: invisible.
    f.setLetterSpacing(QFont::PercentageSpacing, 100.1);
    return f;
}

// The report's fonts for `device`. QPainter sizes a font for the device's resolution and then
// applies the painter's scale too: on a device of d dpi, painted at d/72 pixels per point, a
// font is given 72/d of its size to come out at its size.
struct Fonts
{
    explicit Fonts(const QPaintDevice *device) : k(72.0 / device->logicalDpiY()) {}
    double k;
    QFont coverTitle = makeFont(26 * k, true), coverSub = makeFont(14 * k), coverDate = makeFont(10.5 * k);
    QFont section = makeFont(16.5 * k, true), heading = makeFont(11.5 * k, true);
    QFont body = makeFont(9.5 * k), note = makeFont(9 * k), small = makeFont(7.5 * k);
    QFont table = makeFont(8 * k), tableBold = makeFont(8 * k, true), code = makeFont(7.5 * k, false, false, true);
    QFont italic = makeFont(8 * k, false, true), tag = makeFont(6.5 * k, true);
    QFont tocSection = makeFont(10 * k, true), tocSub = makeFont(9 * k);
};

// ---- text ---------------------------------------------------------------------------------

// Text wrapped once at its width and drawn later a range of lines at a time, so that a
// paragraph or a tall table cell can continue on the next page. Words that do not fit a line
// (long ids) break anywhere rather than run out of their box.
struct Text
{
    std::shared_ptr<QTextLayout> layout;
    double lineHeight = 0;

    int lines() const { return layout ? layout->lineCount() : 0; }
    double height(int first, int last) const { return (last - first) * lineHeight; }
    double height() const { return height(0, lines()); }
    double width() const
    {
        double w = 0;
        for (int i = 0; i < lines(); ++i)
            w = std::max(w, layout->lineAt(i).naturalTextWidth());
        return w;
    }
    void draw(QPainter &p, const QPointF &at, int first, int last, const QColor &colour) const
    {
        p.setPen(colour);
        const QPointF origin = at - QPointF(0, first * lineHeight);
        for (int i = first; i < last && i < lines(); ++i)
            layout->lineAt(i).draw(&p, origin);
    }
};

Text wrap(const QString &text, const QFont &font, double width, const QPaintDevice *device, double leading = 1.38,
          Qt::Alignment align = Qt::AlignLeft)
{
    QString lines = text;
    lines.replace(u'\n', QChar::LineSeparator); // QTextLayout breaks at U+2028, not at '\n'
    const double points = font.pointSizeF() * device->logicalDpiY() / 72.0; // its size on the page (Fonts)
    Text t{std::make_shared<QTextLayout>(lines, font, device), points * leading};
    QTextOption option(align);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setUseDesignMetrics(true);
    t.layout->setTextOption(option);
    t.layout->setCacheEnabled(true);
    t.layout->beginLayout();
    for (int i = 0;; ++i) {
        QTextLine line = t.layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(std::max(width, 1.0));
        line.setPosition(QPointF(0, i * t.lineHeight + (t.lineHeight - line.ascent() - line.descent()) / 2));
    }
    t.layout->endLayout();
    return t;
}

// The narrowest wrapping with as many lines, breaking between words only: a title reads
// "Data residency and / transfer report", not with a last word alone.
Text balanced(const QString &text, const QFont &font, double width, const QPaintDevice *device, double leading)
{
    Text best = wrap(text, font, width, device, leading);
    const auto betweenWords = [&](const Text &t) {
        for (int i = 1; i < t.lines(); ++i)
            if (const int start = t.layout->lineAt(i).textStart(); start > 0 && !text.at(start - 1).isSpace())
                return false;
        return true;
    };
    double fits = width, tooNarrow = width / 2;
    for (int step = 0; step < 8 && best.lines() > 1; ++step) {
        const double w = (fits + tooNarrow) / 2;
        Text t = wrap(text, font, w, device, leading);
        if (t.lines() == best.lines() && betweenWords(t))
            fits = w, best = std::move(t);
        else
            tooNarrow = w;
    }
    return best;
}

// Draws what `draw` paints in `source` (points) into `target`. The chart and map painters size
// their fonts in points for a 72-dpi device; on another device their drawing goes through SVG,
// whose text QSvgRenderer sizes in the drawing's own units: still vector, still in proportion
// (its text as outlines).
void paintInPoints(QPainter &p, const QRectF &source, const QRectF &target, const std::function<void(QPainter &)> &draw)
{
    if (p.device()->logicalDpiY() == 72) {
        p.save();
        p.translate(target.topLeft());
        p.scale(target.width() / source.width(), target.height() / source.height());
        p.translate(-source.topLeft());
        draw(p);
        p.restore();
        return;
    }
    QByteArray svg;
    QBuffer buffer(&svg);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator; // 72 dpi
    generator.setOutputDevice(&buffer);
    generator.setSize(source.size().toSize());
    generator.setViewBox(source);
    {
        QPainter to(&generator);
        draw(to);
    }
    QSvgRenderer(svg).render(&p, target);
}

// ---- pages --------------------------------------------------------------------------------

// Draws part of a page; `body` is the page's real body size (a map page may have turned).
using Paint = std::function<void(QPainter &, const QSizeF &body)>;

// Where a heading landed: an outline entry, and a target of the contents.
struct Mark
{
    QString key, title;
    int level = 1;
    double y = 0;
};

struct Page
{
    std::vector<Paint> paint;
    std::vector<Mark> marks;
    std::vector<std::pair<QRectF, QString>> links; // contents rows → mark keys
    bool chrome = true;                            // running header and footer
    bool landscape = false;
    double mapTop = -1;                            // a map page: the map fills the page from here
    QPointF origin;                                // of the body on the paper, once painted
};

// A heading waits until what follows it is placed, and goes to the next page with it.
struct PendingHeading
{
    Text text;
    QColor colour;
    double before = 0, after = 0;
    bool rule = false;
    Mark mark;
};

bool isBlank(const Page &page) { return page.paint.empty() && page.marks.empty() && page.mapTop < 0; }

QString sectionKey(std::size_t section) { return QString::number(section); }
QString subKey(std::size_t section, const QString &anchor) { return QString::number(section) + u'/' + anchor; }

// ---- layout -------------------------------------------------------------------------------

struct ColumnNeeds;

// Lays the document out on pages of the device's size: cover, contents, sections.
class ReportComposer
{
public:
    ReportComposer(const ReportDocument &doc, const QPaintDevice *device, const QSizeF &content,
                   const QSizeF &landscape)
        : m_doc(doc), m_device(device), m_width(content.width()), m_height(content.height()),
          m_bottom(content.height() - footerBand), m_landscape(landscape)
    {
    }

    std::vector<Page> pages;
    std::shared_ptr<std::map<QString, int>> targets = std::make_shared<std::map<QString, int>>();

    void cover();
    void contents();
    bool sections(const std::atomic_bool *cancel);

private:
    Page &page() { return pages.back(); }
    void newPage();
    void start(double firstPart);
    void advance(double height);
    void flushPending();
    void paint(Paint p) { page().paint.push_back(std::move(p)); }
    double space() const { return m_bottom - m_y; }

    void heading(const QString &title, const QFont &font, const QColor &colour, double before, double after,
                 bool rule, Mark mark);
    void block(const ReportBlock &b, std::size_t section);
    using Frame = std::function<void(QPainter &, const QRectF &area, bool first)>;
    void flow(const Text &t, double x, double pad, const QColor &colour, const Frame &frame);
    void paragraph(const QString &text, const QFont &font, const QColor &colour, double after);
    void note(const QString &text);
    void bullets(const QStringList &items);
    void table(const ReportTable &t);
    void chart(const ReportChart &c);
    void map();
    Text contentsText(const QString &title, int level) const;
    void contentsEntry(const QString &title, const QString &key, int level, double spacing);

    struct Cell;
    struct Row;
    ColumnNeeds columnNeeds(const ReportTable &t, qsizetype columns) const;
    std::vector<double> columnWidths(const ReportTable &t, qsizetype columns) const;
    Row tableRow(const QStringList &cells, const ReportTable &t, const std::vector<double> &widths, bool header);
    void placeRow(const Row &row, const std::vector<double> &widths, const Row *header, int index);
    void paintRowPart(const Row &row, const std::vector<double> &widths, const std::vector<int> &from,
                      const std::vector<int> &to, double height, int index);

    const ReportDocument &m_doc;
    const QPaintDevice *m_device;
    Fonts m_fonts{m_device};
    double m_width, m_height, m_bottom;
    QSizeF m_landscape;
    double m_y = 0;
    bool m_hasContent = false;
    std::vector<PendingHeading> m_pending;
};

// A page with nothing on it yet is reused: a page break before a section's own break, say,
// leaves no blank page.
void ReportComposer::newPage()
{
    if (!pages.empty() && isBlank(page()))
        page() = Page{};
    else
        pages.emplace_back();
    m_y = headerBand;
    m_hasContent = false;
}

// Before a block's first part (the part that must not be left alone at a page bottom):
// the pending headings and that part go on this page together, or both on the next.
void ReportComposer::start(double firstPart)
{
    double need = firstPart;
    for (const PendingHeading &h : m_pending)
        need += h.before + h.text.height() + h.after + (h.rule ? 6 : 0);
    if (m_hasContent && m_y + need > m_bottom)
        newPage();
    flushPending();
}

void ReportComposer::advance(double height)
{
    if (m_y + height > m_bottom && m_y > headerBand)
        newPage();
}

void ReportComposer::flushPending()
{
    for (PendingHeading &h : m_pending) {
        if (m_y > headerBand)
            m_y += h.before;
        h.mark.y = m_y;
        page().marks.push_back(h.mark);
        const QPointF at(0, m_y);
        const Text text = h.text;
        const QColor colour = h.colour;
        const bool rule = h.rule;
        paint([=](QPainter &p, const QSizeF &body) {
            text.draw(p, at, 0, text.lines(), colour);
            if (rule)
                p.fillRect(QRectF(at.x(), at.y() + text.height() + 3, body.width(), 1.2), colour);
        });
        m_y += text.height() + h.after + (rule ? 6 : 0);
    }
    m_pending.clear();
}

void ReportComposer::heading(const QString &title, const QFont &font, const QColor &colour, double before,
                             double after, bool rule, Mark mark)
{
    m_pending.push_back({wrap(title, font, m_width, m_device, 1.25), colour, before, after, rule, std::move(mark)});
}

// ---- cover and contents -------------------------------------------------------------------

void ReportComposer::cover()
{
    newPage();
    page().chrome = false;
    const double w = m_width, h = m_height;
    const Text title = balanced(m_doc.title, m_fonts.coverTitle, w * 0.9, m_device, 1.2);
    const Text org = wrap(m_doc.organisation, m_fonts.coverSub, w * 0.9, m_device, 1.3);
    const Text date = wrap(m_doc.asOf.isEmpty() ? QString() : QStringLiteral("as of ") + m_doc.asOf,
                           m_fonts.coverDate, w, m_device, 1.3);
    std::vector<Text> lines;
    for (const QString &line : m_doc.coverLines)
        lines.push_back(wrap(line, m_fonts.body, w, m_device, 1.4));
    paint([=](QPainter &p, const QSizeF &) {
        p.fillRect(QRectF(0, 0, w, 7), navy);
        p.fillRect(QRectF(0, 7, w * 0.32, 3), accent);
        double y = h * 0.27;
        title.draw(p, QPointF(0, y), 0, title.lines(), navy);
        y += title.height() + 14;
        p.fillRect(QRectF(0, y, 56, 2.5), accent);
        y += 16;
        org.draw(p, QPointF(0, y), 0, org.lines(), ink);
        y += org.height() + 4;
        date.draw(p, QPointF(0, y), 0, date.lines(), muted);
        double bottom = h;
        for (auto it = lines.rbegin(); it != lines.rend(); ++it)
            bottom -= it->height() + 3;
        p.fillRect(QRectF(0, bottom - 12, w, 0.6), hairline);
        for (const Text &line : lines) {
            line.draw(p, QPointF(0, bottom), 0, line.lines(), muted);
            bottom += line.height() + 3;
        }
    });
}

Text ReportComposer::contentsText(const QString &title, int level) const
{
    const double indent = level == 1 ? 0 : 16, numberWidth = 36;
    return wrap(title, level == 1 ? m_fonts.tocSection : m_fonts.tocSub, m_width - indent - numberWidth - 12, m_device,
                1.35);
}

void ReportComposer::contentsEntry(const QString &title, const QString &key, int level, double spacing)
{
    const QFont &font = level == 1 ? m_fonts.tocSection : m_fonts.tocSub;
    const double indent = level == 1 ? 0 : 16;
    const Text text = contentsText(title, level);
    const double before = (level == 1 ? 7 : 1.5) * spacing;
    advance(before + text.height());
    if (m_y > headerBand)
        m_y += before;
    const QRectF row(0, m_y, m_width, text.height());
    page().links.push_back({row, key});
    const QFontMetricsF fm(font, m_device);
    const double lastLineEnd = indent + text.layout->lineAt(text.lines() - 1).naturalTextWidth();
    const double baseline = row.bottom() - (text.lineHeight - fm.ascent() + fm.descent()) / 2;
    const auto pagesOf = targets;
    const double width = m_width;
    const QColor colour = level == 1 ? ink : QColor(0x33, 0x3b, 0x46);
    // Leaders end at one column, whatever the level and the number's width.
    const QFontMetricsF widest(m_fonts.tocSection, m_device);
    const double leaderEnd = width - widest.horizontalAdvance(QStringLiteral("000")) - 6;
    paint([=](QPainter &p, const QSizeF &) {
        text.draw(p, QPointF(indent, row.top()), 0, text.lines(), colour);
        const auto at = pagesOf->find(key);
        const QString number = at == pagesOf->end() ? QString() : QString::number(at->second + 1);
        p.setFont(font);
        const double numberX = width - fm.horizontalAdvance(number);
        p.drawText(QPointF(numberX, baseline), number);
        p.setPen(QPen(hairline, 0.9, Qt::DotLine));
        if (leaderEnd - lastLineEnd > 16)
            p.drawLine(QPointF(lastLineEnd + 6, baseline), QPointF(leaderEnd, baseline));
    });
    m_y += text.height();
}

void ReportComposer::contents()
{
    newPage();
    heading(QStringLiteral("Contents"), m_fonts.section, navy, 0, 10, true, {});
    flushPending();
    page().marks.clear(); // the contents page lists the outline; it is not in it
    // Contents that would spill a few lines onto a second page close up their spacing instead.
    double lines = 0, sections = 0, subsections = 0;
    for (const ReportDocSection &section : m_doc.sections) {
        lines += contentsText(section.title, 1).height();
        ++sections;
        for (const auto &[anchor, title] : section.subsections)
            lines += contentsText(title, 2).height(), ++subsections;
    }
    double spacing = 1;
    while (spacing > 0 && lines + spacing * (7 * sections + 1.5 * subsections) > space())
        spacing -= 0.25;
    if (spacing < 0)
        spacing = 1; // it takes pages anyway: keep the air
    for (std::size_t s = 0; s < m_doc.sections.size(); ++s) {
        const ReportDocSection &section = m_doc.sections[s];
        contentsEntry(section.title, sectionKey(s), 1, spacing);
        for (const auto &[anchor, title] : section.subsections)
            contentsEntry(title, subKey(s, anchor.isEmpty() ? title : anchor), 2, spacing);
    }
}

// ---- blocks -------------------------------------------------------------------------------

bool ReportComposer::sections(const std::atomic_bool *cancel)
{
    for (std::size_t s = 0; s < m_doc.sections.size(); ++s) {
        const ReportDocSection &section = m_doc.sections[s];
        newPage();
        heading(section.title, m_fonts.section, navy, 0, 12, true, {sectionKey(s), section.title, 1});
        for (const ReportBlock &b : section.blocks) {
            if (cancel && cancel->load())
                return false;
            block(b, s);
        }
        start(0);
    }
    if (pages.size() > 1 && isBlank(page())) // a break at the very end
        pages.pop_back();
    for (std::size_t i = 0; i < pages.size(); ++i)
        for (const Mark &m : pages[i].marks)
            targets->try_emplace(m.key, int(i));
    return true;
}

void ReportComposer::block(const ReportBlock &b, std::size_t section)
{
    switch (b.kind) {
    case ReportBlock::Kind::Heading:
        heading(b.text, m_fonts.heading, navy, 14, 6, false,
                {subKey(section, b.anchor.isEmpty() ? b.text : b.anchor), b.text, 2});
        break;
    case ReportBlock::Kind::Paragraph: paragraph(b.text, m_fonts.body, ink, 7); break;
    case ReportBlock::Kind::Note: note(b.text); break;
    case ReportBlock::Kind::Bullets: bullets(b.items); break;
    case ReportBlock::Kind::Table: table(b.table); break;
    case ReportBlock::Kind::Chart: chart(b.chart); break;
    case ReportBlock::Kind::Map: map(); break;
    case ReportBlock::Kind::PageBreak:
        if (m_hasContent)
            newPage();
        break;
    }
}

// Places wrapped text, continuing on new pages line by line (never one line alone at a page
// bottom, nor one alone at the top of the next); `frame` draws what goes around each page's
// part of it (a note's box, a bullet), `pad` being the space the frame adds above and below.
void ReportComposer::flow(const Text &t, double x, double pad, const QColor &colour, const Frame &frame)
{
    const int n = t.lines();
    start(2 * pad + t.height(0, std::min(n, 2)));
    for (int i = 0; i < n;) {
        int take = std::min(n - i, int((space() - 2 * pad + 0.01) / t.lineHeight));
        if (take < 1 && m_hasContent) {
            newPage();
            continue;
        }
        take = std::max(take, 1);
        if (n - i - take == 1 && take >= 3)
            --take;
        const QRectF area(0, m_y, m_width, 2 * pad + t.height(i, i + take));
        const bool first = i == 0;
        paint([=](QPainter &p, const QSizeF &) {
            if (frame)
                frame(p, area, first);
            t.draw(p, QPointF(x, area.top() + pad), i, i + take, colour);
        });
        m_hasContent = true;
        m_y = area.bottom();
        i += take;
        if (i < n)
            newPage();
    }
}

void ReportComposer::paragraph(const QString &text, const QFont &font, const QColor &colour, double after)
{
    flow(wrap(text, font, m_width, m_device), 0, 0, colour, {});
    m_y += after;
}

void ReportComposer::note(const QString &text)
{
    constexpr double bar = 3, inset = 12, pad = 7;
    const Text t = wrap(text, m_fonts.note, m_width - inset - 10, m_device, 1.4);
    flow(t, inset, pad, ink, [](QPainter &p, const QRectF &area, bool) {
        p.fillRect(area, noteFill);
        p.fillRect(QRectF(area.left(), area.top(), bar, area.height()), accent);
    });
    m_y += 9;
}

void ReportComposer::bullets(const QStringList &items)
{
    constexpr double indent = 14;
    const QFontMetricsF fm(m_fonts.body, m_device);
    for (const QString &item : items) {
        const Text t = wrap(item, m_fonts.body, m_width - indent, m_device);
        const QFont font = m_fonts.body;
        const double baseline = (t.lineHeight - fm.ascent() - fm.descent()) / 2 + fm.ascent();
        flow(t, indent, 0, ink, [=](QPainter &p, const QRectF &area, bool first) {
            if (!first)
                return;
            p.setFont(font);
            p.setPen(accent);
            p.drawText(QPointF(area.left() + 3, area.top() + baseline), QStringLiteral("\u2022"));
        });
        m_y += 3;
    }
    m_y += 5;
}

void ReportComposer::chart(const ReportChart &c)
{
    const double height = reportChartHeight(c, m_width);
    start(height + 4);
    m_y += m_y > headerBand ? 4 : 0;
    const QRectF area(0, m_y, m_width, height);
    const ReportChart *chart = &c;
    paint([=](QPainter &p, const QSizeF &) {
        paintInPoints(p, area, area, [&](QPainter &to) { paintReportChart(to, area, *chart); });
    });
    m_hasContent = true;
    m_y += height + 12;
}

// The map gets a page of its own (landscape when it is wider than tall and that shows it
// larger), its headings at the top; painted when the page's real size is known.
void ReportComposer::map()
{
    if (!m_doc.map || m_doc.map->bounds.isEmpty()) {
        paragraph(QStringLiteral("The map is not included in this report."), m_fonts.body, muted, 7);
        return;
    }
    if (m_hasContent)
        newPage();
    const QSizeF size = m_doc.map->bounds.size();
    const double portraitFit = std::min(m_width / size.width(), (m_bottom - headerBand) / size.height());
    const double landscapeFit = std::min(m_landscape.width() / size.width(),
                                         (m_landscape.height() - headerBand - footerBand) / size.height());
    page().landscape = std::min(landscapeFit, 1.0) > std::min(portraitFit, 1.0) * 1.05;
    flushPending();
    page().mapTop = m_y;
    m_hasContent = true;
    m_y = m_bottom; // what follows starts on the next page
}

// ---- tables -------------------------------------------------------------------------------

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

// ---- painting -----------------------------------------------------------------------------


// The running header and footer, in the body's coordinates of a page `size` big.
void paintChrome(QPainter &p, const ReportDocument &doc, const QSizeF &size, int page, int pages, const Fonts &fonts)
{
    const QFontMetricsF fm(fonts.small, p.device());
    p.setFont(fonts.small);
    p.setPen(muted);
    p.drawText(QPointF(0, fm.ascent()), fm.elidedText(doc.header, Qt::ElideMiddle, size.width()));
    p.fillRect(QRectF(0, fm.height() + 4, size.width(), 0.5), hairline);
    const double footerTop = size.height() - footerBand + 10;
    p.fillRect(QRectF(0, footerTop, size.width(), 0.5), hairline);
    const QString number = QStringLiteral("Page %1 of %2").arg(page + 1).arg(pages);
    const double numberWidth = fm.horizontalAdvance(number);
    const double baseline = footerTop + 5 + fm.ascent();
    p.drawText(QPointF(0, baseline), fm.elidedText(doc.footer, Qt::ElideRight, size.width() - numberWidth - 24));
    p.drawText(QPointF(size.width() - numberWidth, baseline), number);
}

// The map scaled to fit below `top` (never enlarged past 125 %: its type would look shouted),
// centred, with the caption under it.
void paintMapPage(QPainter &p, const ReportDocument &doc, const QSizeF &size, double top, const Fonts &fonts)
{
    const Text caption = wrap(doc.mapCaption, fonts.italic, size.width(), p.device(), 1.35);
    const QRectF area(0, top, size.width(), size.height() - footerBand - top - caption.height() - 10);
    const QRectF bounds = doc.map->bounds;
    const double scale = std::min({area.width() / bounds.width(), area.height() / bounds.height(), 1.25});
    const QSizeF drawn = bounds.size() * scale;
    const QPointF at(area.left() + (area.width() - drawn.width()) / 2, area.top());
    paintInPoints(p, bounds, QRectF(at, drawn), [&](QPainter &to) { mappaint::paintScene(to, *doc.map, MapPalette::light()); });
    caption.draw(p, QPointF(0, at.y() + drawn.height() + 10), 0, caption.lines(), muted);
}

bool cancelled(const std::atomic_bool *cancel) { return cancel && cancel->load(); }

QRectF bodyOf(const QPageLayout &layout) { return QRectF(layout.paintRectPixels(72)); }

// The second pass: each page, turned to landscape and back where a map page asks and the
// device allows (one that cannot keeps portrait, and the map fits itself to what it gets).
// Records where each page's body sits on the paper.
std::expected<void, QString> paintPages(const ReportDocument &doc, QPagedPaintDevice &device,
                                        std::vector<Page> &pages, const std::function<void(int, int)> &progress,
                                        const std::atomic_bool *cancel)
{
    const QPageLayout portrait = device.pageLayout();
    QPageLayout landscape = portrait;
    landscape.setOrientation(QPageLayout::Landscape);
    const int total = int(pages.size());
    const Fonts fonts(&device);
    const double scale = device.logicalDpiY() / 72.0; // device pixels per point
    QPainter p;
    if (!p.begin(&device))
        return std::unexpected(QStringLiteral("cannot paint on the output device"));
    bool isLandscape = false;
    // Only the PDF engines take a new layout mid-document; asking a preview or native printer
    // engine just warns on the console.
    const bool canTurn = device.paintEngine() && device.paintEngine()->type() == QPaintEngine::Pdf;
    for (int i = 0; i < total; ++i) {
        Page &page = pages[std::size_t(i)];
        if (cancelled(cancel))
            return std::unexpected(QStringLiteral("cancelled"));
        if (i > 0) {
            if (page.landscape != isLandscape && canTurn && device.setPageLayout(page.landscape ? landscape : portrait))
                isLandscape = page.landscape;
            if (!device.newPage())
                return std::unexpected(QStringLiteral("cannot start page %1 on the output device").arg(i + 1));
        }
        const QRectF body = bodyOf(device.pageLayout());
        page.origin = body.topLeft();
        p.save();
        p.scale(scale, scale);
        for (const Paint &paint : page.paint) {
            p.save();
            paint(p, body.size());
            p.restore();
        }
        if (page.mapTop >= 0)
            paintMapPage(p, doc, body.size(), page.mapTop, fonts);
        if (page.chrome)
            paintChrome(p, doc, body.size(), i, total, fonts);
        p.restore();
        if (progress)
            progress(i + 1, total);
    }
    p.end();
    if (isLandscape)
        device.setPageLayout(portrait);
    return {};
}

// Bookmarks and links point a little above their heading, so it is not flush with the edge.
PagedReport pagedReport(const std::vector<Page> &pages)
{
    PagedReport result;
    result.pages = int(pages.size());
    std::map<QString, std::pair<int, double>> tops;
    for (std::size_t i = 0; i < pages.size(); ++i)
        for (const Mark &m : pages[i].marks) {
            const double top = pages[i].origin.y() + std::max(0.0, m.y - 8);
            result.outline.push_back({m.title, m.level, int(i), top});
            tops.try_emplace(m.key, int(i), top);
        }
    for (std::size_t i = 0; i < pages.size(); ++i)
        for (const auto &[rect, key] : pages[i].links)
            if (const auto at = tops.find(key); at != tops.end())
                result.contentsLinks.push_back(
                    {int(i), rect.translated(pages[i].origin), at->second.first, at->second.second});
    return result;
}

} // namespace

std::expected<PagedReport, QString> paintReportPages(const ReportDocument &doc, QPagedPaintDevice &device,
                                                     const std::function<void(int, int)> &progress,
                                                     const std::atomic_bool *cancel)
{
    if (device.logicalDpiX() != device.logicalDpiY() || device.logicalDpiY() <= 0)
        return std::unexpected(QStringLiteral("the paged report needs a device with square pixels (it has %1 × %2 dpi)")
                                   .arg(device.logicalDpiX())
                                   .arg(device.logicalDpiY()));
    QPageLayout landscape = device.pageLayout();
    landscape.setOrientation(QPageLayout::Landscape);
    ReportComposer composer(doc, &device, bodyOf(device.pageLayout()).size(), bodyOf(landscape).size());
    composer.cover();
    composer.contents();
    if (cancelled(cancel) || !composer.sections(cancel))
        return std::unexpected(QStringLiteral("cancelled"));
    if (auto painted = paintPages(doc, device, composer.pages, progress, cancel); !painted)
        return std::unexpected(painted.error());
    return pagedReport(composer.pages);
}

} // namespace atlas
