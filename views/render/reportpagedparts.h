// Internal to the paged report (reportpaged.h), shared by its three files: reportpaged.cpp (the
// page flow: cover, contents, sections and their blocks, then the painting pass),
// reportpagedtext.cpp (fonts and wrapped text) and reportpagedtable.cpp (tables: column widths,
// rows that stay whole or continue, their painting). Holds the report's style, the text and
// page types the layout fills, and the composer that fills them. Nothing outside those files
// includes it.
#pragma once

#include "reportdocument.h"

#include <QColor>
#include <QFont>
#include <QPaintDevice>
#include <QPainter>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QTextLayout>

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace atlas::paged {

// ---- style --------------------------------------------------------------------------------

inline constexpr double headerBand = 28; // running header above the body: text, hairline, gap
inline constexpr double footerBand = 26;
inline constexpr double cellPadX = 4.5, cellPadY = 3.2;

inline const QColor ink(0x1b, 0x22, 0x2c), muted(0x66, 0x6e, 0x7a), navy(0x1f, 0x3a, 0x5f), accent(0x2f, 0x6f, 0xb3);
inline const QColor hairline(0xc9, 0xd0, 0xd9), tableHead(0xe6, 0xec, 0xf3), zebra(0xf6, 0xf8, 0xfa);
inline const QColor noteFill(0xee, 0xf3, 0xf9);

QFont makeFont(double points, bool bold = false, bool italic = false, bool monospace = false);

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
          Qt::Alignment align = Qt::AlignLeft);

// The narrowest wrapping with as many lines, breaking between words only: a title reads
// "Data residency and / transfer report", not with a last word alone.
Text balanced(const QString &text, const QFont &font, double width, const QPaintDevice *device, double leading);

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

inline bool isBlank(const Page &page) { return page.paint.empty() && page.marks.empty() && page.mapTop < 0; }

// ---- layout -------------------------------------------------------------------------------

struct ColumnNeeds;

// Lays the document out on pages of the device's size: cover, contents, sections. The page
// flow is in reportpaged.cpp, the tables in reportpagedtable.cpp.
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
    void overview();
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

} // namespace atlas::paged
