// The audit report as a reading document: sections of headings, paragraphs, notes, tables,
// charts and the map figure, worded once from the report model (models/report.h) and drawn by
// the paged renderer (PDF, print, preview) and the HTML renderer alike, so both say the same
// thing in the same order. Large tables arrive here already capped, with the count and a
// pointer to the CSV/JSON that holds them all.
#pragma once

#include "mappainter.h"
#include "overviewmap.h"
#include "report.h"

#include <QColor>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace atlas {

// A horizontal bar chart (findings by severity; transfers by origin → destination). Painted
// with QPainter for the PDF and as SVG (through QSvgGenerator, the same painting) for HTML.
struct ReportChart
{
    QString title;
    struct Bar
    {
        QString label;
        double value = 0;
        QColor colour;
        QString valueText;   // "12" or "40.0 GB/day"; empty = the value
    };
    std::vector<Bar> bars;
};

// Table cell emphasis: a severity or risk level cell is drawn as a coloured tag.
enum class CellStyle : std::uint8_t { Plain, Severity, Risk, Code, Muted };

struct ReportTable
{
    QStringList header;
    std::vector<QStringList> rows;
    QList<CellStyle> styles;   // per column; missing = Plain
    QList<int> widths;         // relative column widths (PDF); missing = equal
    qsizetype total = 0;       // rows in the full table (>= rows.size())
    QString overflow;          // when capped: "Showing 100 of 2 345. The full list: findings.csv, report.json."
    bool keyValue = false;     // a two-column "field: value" table (no header row drawn)
};

struct ReportBlock
{
    enum class Kind : std::uint8_t {
        Heading,    // a sub-heading inside a section (text)
        Paragraph,  // text
        Note,       // text in a box: a limitation, a warning, "not legal advice"
        Bullets,    // items
        Table,      // table
        Chart,      // chart
        Map,        // the residency map (ReportDocument::map), scaled to fit, on its own page in PDF
        Overview,   // the jurisdiction overview (ReportDocument::overview), scaled to the text width
        PageBreak,
    };
    Kind kind = Kind::Paragraph;
    QString text;
    QStringList items;
    ReportTable table;
    ReportChart chart;
    QString anchor;            // for sub-headings: the HTML id and PDF bookmark
};

struct ReportDocSection
{
    QString id;                // "transfers" (anchor and bookmark)
    QString title;             // "7. Transfer register"
    std::vector<ReportBlock> blocks;
    std::vector<std::pair<QString, QString>> subsections; // (anchor, title) of its Heading blocks, for the TOC and bookmarks
};

struct ReportDocument
{
    QString title;             // "Data residency and transfer report"
    QString organisation;
    QString asOf;              // "2026-12-01"
    QStringList coverLines;    // under the title: scope, jurisdictions, tool version, input hash
    QString header;            // the running header ("Residency Atlas · Acme Health · as of 2026-12-01")
    QString footer;            // the running footer's left text (the page number goes right)
    std::vector<ReportDocSection> sections;
    std::shared_ptr<const MapScene> map; // null when the map section is not included or empty
    QString mapCaption;
    std::shared_ptr<const OverviewScene> overview; // null when the summary is not included or nothing crosses a border
    QString overviewCaption;
};

// Caps for the paged and HTML forms; the JSON and CSV are never capped.
inline constexpr int reportTableCap = 100;

ReportDocument buildReportDocument(const Report &report, std::shared_ptr<const MapScene> map,
                                   std::shared_ptr<const OverviewScene> overview = nullptr);

// Paints a chart into `rect` (the PDF, and the SVG the HTML embeds).
void paintReportChart(QPainter &p, const QRectF &rect, const ReportChart &chart);
// The chart's natural height at `width` points.
double reportChartHeight(const ReportChart &chart, double width);
QColor severityColour(RuleSeverity s);
QColor riskColour(RiskLevel r);

} // namespace atlas
