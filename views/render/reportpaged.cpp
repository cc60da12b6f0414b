// The report on pages. Layout first: every block becomes drawing steps on numbered pages, so
// the table of contents and "Page x of y" know their numbers; then each page is painted.
// Everything is in points, measured against the device being painted: on a device of another
// resolution (a printer) the painter scales points to its pixels and the fonts shrink to match.
#include "reportpaged.h"
#include "reportpagedparts.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QPagedPaintDevice>
#include <QPaintEngine>
#include <QSvgGenerator>
#include <QSvgRenderer>

namespace atlas::paged {

namespace {

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

QString sectionKey(std::size_t section) { return QString::number(section); }
QString subKey(std::size_t section, const QString &anchor) { return QString::number(section) + u'/' + anchor; }

} // namespace

// ---- page flow ----------------------------------------------------------------------------

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
    case ReportBlock::Kind::Overview: overview(); break;
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

// The overview in the flow of the text: at the text width (never enlarged), smaller when that
// would be taller than a page, with its caption; on the next page when this one has no room.
void ReportComposer::overview()
{
    if (!m_doc.overview || m_doc.overview->bounds.isEmpty()) {
        paragraph(QStringLiteral("The overview figure is not included in this report."), m_fonts.body, muted, 7);
        return;
    }
    const QRectF bounds = m_doc.overview->bounds;
    const Text caption = wrap(m_doc.overviewCaption, m_fonts.italic, m_width, m_device, 1.35);
    const double room = m_bottom - headerBand - caption.height() - 24;
    const double scale = std::min({m_width / bounds.width(), room / bounds.height(), 1.0});
    const QSizeF drawn = bounds.size() * scale;
    start(drawn.height() + caption.height() + 12);
    m_y += m_y > headerBand ? 4 : 0;
    const QRectF area((m_width - drawn.width()) / 2, m_y, drawn.width(), drawn.height());
    const OverviewScene *scene = m_doc.overview.get();
    paint([=](QPainter &p, const QSizeF &) {
        paintInPoints(p, bounds, area, [&](QPainter &to) { overviewpaint::paintScene(to, *scene, MapPalette::light()); });
        caption.draw(p, QPointF(0, area.bottom() + 6), 0, caption.lines(), muted);
    });
    m_hasContent = true;
    m_y = area.bottom() + 6 + caption.height() + 12;
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

// ---- painting -----------------------------------------------------------------------------

namespace {

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

} // namespace atlas::paged

namespace atlas {

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
    paged::ReportComposer composer(doc, &device, paged::bodyOf(device.pageLayout()).size(),
                                   paged::bodyOf(landscape).size());
    composer.cover();
    composer.contents();
    if (paged::cancelled(cancel) || !composer.sections(cancel))
        return std::unexpected(QStringLiteral("cancelled"));
    if (auto painted = paged::paintPages(doc, device, composer.pages, progress, cancel); !painted)
        return std::unexpected(painted.error());
    return paged::pagedReport(composer.pages);
}

} // namespace atlas
