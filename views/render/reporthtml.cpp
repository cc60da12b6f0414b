// The report as one self-contained HTML file, from the same reading document as the PDF: inline
// CSS, charts and the map as inline SVG (painted by the PDF's own painting through
// QSvgGenerator), no external resource of any kind, and a Content-Security-Policy that would
// refuse one anyway — the file is mailed to auditors and opened offline, and it carries text
// from inventories nobody vetted. Every such text is escaped; the SVG's text too (checked by
// tst_reportformats). No clock, no random ids: the same document gives the same bytes.
#include "reportformat.h"

#include "mappainter.h"
#include "reporthtmlstyle.h"

#include <QBuffer>
#include <QHash>
#include <QIODevice>
#include <QRegularExpression>
#include <QSet>
#include <QSvgGenerator>

#include <array>
#include <cmath>
#include <functional>

namespace atlas {

using namespace Qt::StringLiterals;

namespace {

// ---- text and ids ------------------------------------------------------------------------

// Text content and attribute values alike (attributes are always double-quoted).
QString esc(const QString &s) { return s.toHtmlEscaped(); }

// Text whose line breaks are meant (a cell listing several items).
QString escLines(const QString &s)
{
    QString out = esc(s);
    out.replace(u'\n', u"<br>"_s);
    return out;
}

// An id that is safe as an attribute and as a URL fragment: letters, digits, '-', '_', '.'.
QString safeId(const QString &raw)
{
    QString id;
    id.reserve(raw.size());
    for (QChar c : raw) {
        const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'-'
            || c == u'_' || c == u'.';
        id += ok ? c : u'-';
    }
    return id;
}

// The document's ids made safe and unique once, before the TOC links to them: two raw anchors
// that sanitise alike get "-2", "-3"; an anchor used twice is emitted on its first element only.
class Anchors
{
public:
    Anchors() { m_taken.insert(u"top"_s); } // the cover's

    QString idFor(const QString &raw)
    {
        if (raw.isEmpty())
            return {};
        if (const auto it = m_ids.constFind(raw); it != m_ids.cend())
            return *it;
        const QString base = safeId(raw);
        QString id = base;
        for (int n = 2; m_taken.contains(id); ++n)
            id = base + u'-' + QString::number(n);
        m_taken.insert(id);
        m_ids.insert(raw, id);
        return id;
    }
    // ` id="…"` the first time, nothing after.
    QString attribute(const QString &raw)
    {
        const QString id = idFor(raw);
        if (id.isEmpty() || m_emitted.contains(id))
            return {};
        m_emitted.insert(id);
        return u" id=\""_s + id + u'"';
    }

private:
    QHash<QString, QString> m_ids;
    QSet<QString> m_taken, m_emitted;
};

bool isWebLink(const QString &s)
{
    static const QRegularExpression link(u"^https?://[^\\s\"'<>`]+$"_s);
    return link.match(s).hasMatch();
}

// ---- tags: severity and risk cells -------------------------------------------------------

QString hex(const QColor &c) { return c.name(QColor::HexRgb); }

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                            float(a.blueF() * (1 - t) + b.blueF() * t));
}

// A tinted pill in the colour the charts and the PDF use: dark text on a light tint reads in
// print and on screen, where white on orange would not.
QString tagRule(const QString &cls, const QColor &c)
{
    return u".tag."_s + cls + u"{color:"_s + hex(mix(c, Qt::black, 0.35)) + u";background:"_s + hex(mix(c, Qt::white, 0.86))
        + u";border-color:"_s + hex(mix(c, Qt::white, 0.35)) + u"}\n"_s;
}

constexpr std::array allSeverities{RuleSeverity::Critical, RuleSeverity::High, RuleSeverity::Medium, RuleSeverity::Low,
                                   RuleSeverity::Info};
constexpr std::array allRisks{RiskLevel::VeryHigh, RiskLevel::High, RiskLevel::Medium, RiskLevel::Low};

QString tagCss()
{
    QString css;
    for (RuleSeverity s : allSeverities)
        css += tagRule(u"sev-"_s + safeId(ruleSeverityName(s)), severityColour(s));
    for (RiskLevel r : allRisks)
        css += tagRule(u"risk-"_s + safeId(riskLevelName(r)), riskColour(r));
    return css;
}

// The class of a severity or risk cell by its text ("high", "very high", "High (waived)"): the
// longest name the text starts with, so "very high" is not taken for "high".
QString tagClass(const QString &text, CellStyle style)
{
    const QString lower = text.trimmed().toLower();
    QString best, cls;
    auto consider = [&](const QString &name, const QString &prefix) {
        const bool starts = lower.startsWith(name) && (lower.size() == name.size() || !lower.at(name.size()).isLetter());
        if (starts && name.size() > best.size()) {
            best = name;
            cls = prefix + safeId(name);
        }
    };
    if (style == CellStyle::Severity)
        for (RuleSeverity s : allSeverities)
            consider(ruleSeverityName(s), u"sev-"_s);
    else
        for (RiskLevel r : allRisks)
            consider(riskLevelName(r), u"risk-"_s);
    return cls;
}

// "12", "1,024", "40.5 GB/day", "12 %".
bool isNumber(const QString &s)
{
    static const QRegularExpression number(u"^[-+]?[0-9][0-9,.]*(\\s?%|\\s?GB/day)?$"_s);
    return number.match(s).hasMatch();
}

// ---- SVG ---------------------------------------------------------------------------------

// Rewrites every tag of QSvgGenerator's output — tags only: the text between them comes from
// the inventory and stays as written — prefixing its ids ("gradient1") so that two figures in
// one page do not share one. False when a tag could run anything: should a future
// QSvgGenerator stop escaping text, "<script>" in a workload's name would arrive here as a tag.
bool rewriteTags(QString &svg, const QString &idPrefix)
{
    static const QRegularExpression tag(u"<[^<>]*>"_s);
    static const QRegularExpression ids(u"(\\bid=\"|url\\(#|xlink:href=\"#)([A-Za-z_][A-Za-z0-9_.-]*)"_s);
    static const QRegularExpression active(u"^<\\s*/?\\s*(script|foreignObject|iframe|object|embed|a)\\b|\\son[a-z]+\\s*=|javascript:|(href|src)=\"(?!#|data:)"_s,
                                           QRegularExpression::CaseInsensitiveOption);
    QString out;
    out.reserve(svg.size() + svg.size() / 16);
    qsizetype at = 0;
    bool safe = true;
    for (QRegularExpressionMatchIterator it = tag.globalMatch(svg); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(svg).mid(at, m.capturedStart() - at);
        QString t = m.captured();
        safe = safe && !active.match(t).hasMatch();
        t.replace(ids, u"\\1"_s + idPrefix + u"-\\2"_s);
        out += t;
        at = m.capturedEnd();
    }
    out += QStringView(svg).mid(at);
    svg = std::move(out);
    return safe;
}

// QSvgGenerator's output made fit to sit inside HTML: the XML prologue and its root tag (sizes
// in mm) replaced by ours (a viewBox that scales to the column), its <title> and <desc> dropped
// (it writes them unescaped; we never set them, and write our own, escaped), its ids prefixed.
// Empty when the painting produced something that is not plain drawing (rewriteTags).
QString inlineSvg(const QSizeF &size, const std::function<void(QPainter &)> &paint, const QString &label,
                  const QString &idPrefix)
{
    QByteArray bytes;
    {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size.toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), size));
        QPainter p(&generator);
        paint(p);
    }
    QString svg = QString::fromUtf8(bytes);
    const qsizetype root = svg.indexOf(u"<svg"_s);
    const qsizetype rootEnd = root < 0 ? -1 : svg.indexOf(u'>', root);
    if (rootEnd < 0)
        return {};
    svg.remove(0, rootEnd + 1);
    static const QRegularExpression titleDesc(u"<title>.*?</title>\\s*|<desc>.*?</desc>\\s*"_s,
                                              QRegularExpression::DotMatchesEverythingOption);
    svg.remove(titleDesc);
    if (!rewriteTags(svg, idPrefix))
        return {};
    const QString viewBox = QString::number(size.width(), 'f', 2) + u' ' + QString::number(size.height(), 'f', 2);
    return u"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 "_s + viewBox
        + u"\" role=\"img\" aria-label=\""_s + esc(label) + u"\" preserveAspectRatio=\"xMinYMin meet\">\n<title>"_s
        + esc(label) + u"</title>\n"_s + svg.trimmed() + u'\n';
}

// ---- the document ------------------------------------------------------------------------

constexpr double chartWidth = 440; // points; shown up to 660 px wide, so the 8.5 pt labels read at ~13 px

class HtmlWriter
{
public:
    HtmlWriter(const ReportRenderInput &in, QIODevice &device) : m_in(in), m_doc(in.document), m_device(device) {}

    std::expected<void, QString> write()
    {
        head();
        nav();
        m_out += u"<main>\n"_s;
        cover();
        const int total = int(m_doc.sections.size());
        for (int i = 0; i < total; ++i) {
            if (m_in.cancel && m_in.cancel->load())
                return std::unexpected(u"cancelled"_s);
            section(std::size_t(i));
            flush();
            if (m_in.progress)
                m_in.progress(i + 1, total);
        }
        if (!m_doc.footer.isEmpty())
            m_out += u"<footer class=\"doc-footer\">"_s + esc(m_doc.footer) + u"</footer>\n"_s;
        m_out += u"</main>\n</body>\n</html>\n"_s;
        flush();
        if (!m_ok)
            return std::unexpected(u"cannot write the HTML report: "_s + m_device.errorString());
        return {};
    }

private:
    void flush()
    {
        const QByteArray bytes = m_out.toUtf8(); // whole elements: never half a surrogate pair
        m_ok = m_ok && m_device.write(bytes) == bytes.size();
        m_out.clear();
    }

    void head()
    {
        m_out += u"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"_s
                 u"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"_s
                 u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"_s
                 u"<meta name=\"generator\" content=\"Residency Atlas\">\n<title>"_s
            + esc(m_doc.title) + (m_doc.organisation.isEmpty() ? QString() : u" — "_s + esc(m_doc.organisation))
            + u"</title>\n<style>\n"_s + reportHtmlStyleSheet() + tagCss() + u"</style>\n</head>\n<body>\n"_s;
    }

    void nav()
    {
        m_out += u"<nav class=\"toc\" aria-label=\"Contents\">\n<p class=\"toc-title\">Contents</p>\n<ol>\n"_s;
        for (std::size_t i = 0; i < m_doc.sections.size(); ++i) {
            const ReportDocSection &s = m_doc.sections[i];
            m_out += u"<li><a href=\"#"_s + m_anchors.idFor(sectionKey(i)) + u"\">"_s + esc(s.title) + u"</a>"_s;
            if (!s.subsections.empty()) {
                m_out += u"\n<ol>\n"_s;
                for (const auto &[anchor, title] : s.subsections)
                    if (const QString id = m_anchors.idFor(anchor); !id.isEmpty())
                        m_out += u"<li><a href=\"#"_s + id + u"\">"_s + esc(title) + u"</a></li>\n"_s;
                m_out += u"</ol>\n"_s;
            }
            m_out += u"</li>\n"_s;
        }
        m_out += u"</ol>\n</nav>\n"_s;
    }

    void cover()
    {
        m_out += u"<header class=\"cover\" id=\"top\">\n"_s;
        if (!m_doc.header.isEmpty())
            m_out += u"<p class=\"kicker\">"_s + esc(m_doc.header) + u"</p>\n"_s;
        m_out += u"<h1>"_s + esc(m_doc.title) + u"</h1>\n"_s;
        if (!m_doc.organisation.isEmpty())
            m_out += u"<p class=\"org\">"_s + esc(m_doc.organisation) + u"</p>\n"_s;
        if (!m_doc.asOf.isEmpty())
            m_out += u"<p class=\"asof\">As of <time datetime=\""_s + esc(m_doc.asOf) + u"\">"_s + esc(m_doc.asOf) + u"</time></p>\n"_s;
        if (!m_doc.coverLines.isEmpty()) {
            m_out += u"<ul>\n"_s;
            for (const QString &line : m_doc.coverLines)
                m_out += u"<li>"_s + esc(line) + u"</li>\n"_s;
            m_out += u"</ul>\n"_s;
        }
        m_out += u"</header>\n"_s;
    }

    // A section's anchor: its id, or "section-N" should it have none (the TOC still needs one).
    QString sectionKey(std::size_t i) const
    {
        const QString &id = m_doc.sections[i].id;
        return id.isEmpty() ? u"section-"_s + QString::number(i + 1) : id;
    }

    void section(std::size_t i)
    {
        const ReportDocSection &s = m_doc.sections[i];
        m_out += u"<section"_s + m_anchors.attribute(sectionKey(i)) + u">\n<h2>"_s + esc(s.title) + u"</h2>\n"_s;
        for (const ReportBlock &b : s.blocks)
            block(b);
        m_out += u"</section>\n"_s;
    }

    void block(const ReportBlock &b)
    {
        switch (b.kind) {
        case ReportBlock::Kind::Heading:
            m_out += u"<h3"_s + m_anchors.attribute(b.anchor) + u'>' + esc(b.text) + u"</h3>\n"_s;
            break;
        case ReportBlock::Kind::Paragraph:
            m_out += u"<p>"_s + escLines(b.text) + u"</p>\n"_s;
            break;
        case ReportBlock::Kind::Note:
            m_out += u"<div class=\"note\" role=\"note\"><p>"_s + escLines(b.text) + u"</p></div>\n"_s;
            break;
        case ReportBlock::Kind::Bullets:
            m_out += u"<ul class=\"bullets\">\n"_s;
            for (const QString &item : b.items)
                m_out += u"<li>"_s + escLines(item) + u"</li>\n"_s;
            m_out += u"</ul>\n"_s;
            break;
        case ReportBlock::Kind::Table: table(b.table); break;
        case ReportBlock::Kind::Chart: chart(b.chart); break;
        case ReportBlock::Kind::Map: map(); break;
        case ReportBlock::Kind::Overview: overview(); break;
        case ReportBlock::Kind::PageBreak: m_out += u"<div class=\"page-break\"></div>\n"_s; break;
        }
    }

    // ---- tables ----

    void table(const ReportTable &t)
    {
        m_out += u"<div class=\"table-block\">\n"_s;
        if (t.keyValue)
            keyValueTable(t);
        else
            gridTable(t);
        if (!t.overflow.isEmpty())
            m_out += u"<p class=\"overflow\">"_s + esc(t.overflow) + u"</p>\n"_s;
        m_out += u"</div>\n"_s;
    }

    void keyValueTable(const ReportTable &t)
    {
        m_out += u"<table class=\"kv\">\n<tbody>\n"_s;
        for (const QStringList &row : t.rows) {
            m_out += u"<tr><th scope=\"row\">"_s + escLines(row.value(0)) + u"</th>"_s;
            cell(row.value(1), t.styles.value(1, CellStyle::Plain), {});
            m_out += u"</tr>\n"_s;
        }
        m_out += u"</tbody>\n</table>\n"_s;
    }

    void gridTable(const ReportTable &t)
    {
        const qsizetype columns = std::max<qsizetype>(t.header.size(), t.rows.empty() ? 0 : t.rows.front().size());
        const QStringList classes = columnClasses(t, columns);
        // The PDF's relative widths are hints here: the automatic layout still widens a column
        // to its longest word and its tags, where a fixed layout would let them overlap.
        m_out += u"<table>\n"_s;
        if (t.widths.size() >= columns && columns > 0)
            colgroup(t.widths.mid(0, columns));
        m_out += u"<thead><tr>"_s;
        for (qsizetype c = 0; c < columns; ++c)
            m_out += (classes[c] == u"num" ? u"<th scope=\"col\" class=\"num\">"_s : u"<th scope=\"col\">"_s)
                + esc(t.header.value(c)) + u"</th>"_s;
        m_out += u"</tr></thead>\n<tbody>\n"_s;
        for (const QStringList &row : t.rows) {
            m_out += u"<tr>"_s;
            for (qsizetype c = 0; c < columns; ++c)
                cell(row.value(c), t.styles.value(c, CellStyle::Plain), classes[c]);
            m_out += u"</tr>\n"_s;
        }
        m_out += u"</tbody>\n</table>\n"_s;
    }

    // Per column: "num" (right-aligned) when every non-empty cell is a count or an amount,
    // "nowrap" when every cell is short ("RES-002", "open"), so that an id is not broken in two
    // in a narrow column; else nothing (long text and ids wrap anywhere rather than overflow).
    static QStringList columnClasses(const ReportTable &t, qsizetype columns)
    {
        constexpr qsizetype shortText = 12;
        QList<bool> numeric(columns, !t.rows.empty()), shortOnly(columns, !t.rows.empty());
        for (const QStringList &row : t.rows)
            for (qsizetype c = 0; c < columns; ++c) {
                const QString v = row.value(c);
                numeric[c] = numeric[c] && (v.isEmpty() || isNumber(v));
                shortOnly[c] = shortOnly[c] && v.size() <= shortText && !v.contains(u'\n');
            }
        QStringList classes;
        for (qsizetype c = 0; c < columns; ++c)
            classes << (numeric[c] ? u"num"_s : shortOnly[c] ? u"nowrap"_s : QString());
        return classes;
    }

    void colgroup(const QList<int> &widths)
    {
        double sum = 0;
        for (int w : widths)
            sum += std::max(w, 1);
        m_out += u"<colgroup>"_s;
        for (int w : widths)
            m_out += u"<col style=\"width:"_s + QString::number(100.0 * std::max(w, 1) / sum, 'f', 2) + u"%\">"_s;
        m_out += u"</colgroup>\n"_s;
    }

    void cell(const QString &text, CellStyle style, const QString &columnClass)
    {
        auto open = [&](const QString &cls) {
            const QString all = QString(cls + u' ' + columnClass).trimmed();
            m_out += all.isEmpty() ? u"<td>"_s : u"<td class=\""_s + all + u"\">"_s;
        };
        switch (style) {
        case CellStyle::Severity:
        case CellStyle::Risk:
            if (text.isEmpty()) {
                m_out += u"<td></td>"_s;
            } else {
                const QString cls = tagClass(text, style);
                m_out += u"<td><span class=\"tag"_s + (cls.isEmpty() ? QString() : u' ' + cls) + u"\">"_s + esc(text) + u"</span></td>"_s;
            }
            return;
        case CellStyle::Code: open(u"code"_s); break;
        case CellStyle::Muted: open(u"muted"_s); break;
        case CellStyle::Plain:
            if (isWebLink(text)) {
                m_out += u"<td><a href=\""_s + esc(text) + u"\" rel=\"noopener noreferrer\">"_s + esc(text) + u"</a></td>"_s;
                return;
            }
            open({});
            break;
        }
        m_out += escLines(text) + u"</td>"_s;
    }

    // ---- figures ----

    // `maxWidth` (CSS pixels, 0: the column's width) keeps a small figure from being enlarged.
    void figure(const QString &cls, const QString &svg, const QString &caption, double maxWidth = 0)
    {
        m_out += u"<figure class=\""_s + cls + u'"'
            + (maxWidth > 0 ? u" style=\"max-width:"_s + QString::number(std::ceil(maxWidth)) + u"px\""_s : QString()) + u">\n"_s;
        if (!svg.isEmpty())
            m_out += svg;
        else
            m_out += u"<p class=\"muted\">(figure left out: its drawing did not pass the safety check)</p>\n"_s;
        if (!caption.isEmpty())
            m_out += u"<figcaption>"_s + esc(caption) + u"</figcaption>\n"_s;
        m_out += u"</figure>\n"_s;
    }

    void chart(const ReportChart &c)
    {
        const double height = reportChartHeight(c, chartWidth);
        const QString svg = inlineSvg(QSizeF(chartWidth, height),
                                      [&](QPainter &p) { paintReportChart(p, QRectF(0, 0, chartWidth, height), c); },
                                      c.title.isEmpty() ? u"Chart"_s : c.title, u"fig"_s + QString::number(++m_figures));
        figure(u"chart"_s, svg, {});
    }

    // A scene (the map, the overview) as inline SVG in its own coordinates.
    void sceneFigure(const QString &cls, const QRectF &bounds, const std::function<void(QPainter &)> &paint, const QString &label,
                     const QString &caption, double maxWidth = 0)
    {
        const QString svg = inlineSvg(bounds.size(),
                                      [&](QPainter &p) {
                                          p.translate(-bounds.topLeft());
                                          paint(p);
                                      },
                                      label, u"fig"_s + QString::number(++m_figures));
        figure(cls, svg, caption, maxWidth);
    }

    void map()
    {
        if (!m_doc.map)
            return;
        const MapScene &scene = *m_doc.map;
        sceneFigure(u"map"_s, scene.bounds, [&](QPainter &p) { mappaint::paintScene(p, scene, MapPalette::light()); },
                    m_doc.mapCaption.isEmpty() ? u"Residency map"_s : m_doc.mapCaption, m_doc.mapCaption);
    }

    // At most its natural size (1 point = 4/3 CSS pixels): its 8-point labels read at ~11 px.
    void overview()
    {
        if (!m_doc.overview)
            return;
        const OverviewScene &scene = *m_doc.overview;
        sceneFigure(u"overview"_s, scene.bounds, [&](QPainter &p) { overviewpaint::paintScene(p, scene, MapPalette::light()); },
                    u"Jurisdiction overview"_s, m_doc.overviewCaption, scene.bounds.width() * 4 / 3);
    }

    const ReportRenderInput &m_in;
    const ReportDocument &m_doc;
    QIODevice &m_device;
    QString m_out;
    Anchors m_anchors;
    int m_figures = 0;
    bool m_ok = true;
};

class HtmlReportFormat final : public ReportFormat
{
public:
    QString id() const override { return u"html"_s; }
    QString name() const override { return u"HTML (one self-contained file)"_s; }
    QString extension() const override { return u"html"_s; }
    QString fileName() const override { return u"report.html"_s; }
    std::expected<void, QString> write(const ReportRenderInput &in, QIODevice &device) const override
    {
        return HtmlWriter(in, device).write();
    }
};

} // namespace

std::unique_ptr<ReportFormat> makeHtmlReportFormat() { return std::make_unique<HtmlReportFormat>(); }

} // namespace atlas
