// The executive summary's jurisdiction overview and matrix (issue 18): on the bundled sample the
// summary holds the compact overview figure and the origin × destination matrix in the matrix
// figure's words, with the numbers tst_jurisdictionoverview counted by hand (EU → US: 13 flows,
// 3 access entries); the PDF prints both, the HTML embeds the figure as SVG at its natural size,
// the JSON carries every cell under `overview`; the map section no longer repeats the matrix.
// An inventory whose flows all stay inside one jurisdiction gets words, not an empty figure.
#include "analysissupport.h"
#include "overviewmatrix.h"
#include "reportwriter.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace atlas;
using namespace Qt::StringLiterals;

namespace {

const QString sample = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml");

const char *const insideOnly = R"(atlas: 1
organisation: Inside Only
datasets:
  - { id: eu-health, name: H, classification: restricted, categories: [health], origin: EU }
workloads:
  - { id: de-db, name: A, kind: database, location: aws:eu-central-1, holds: [eu-health] }
  - { id: fr-app, name: B, kind: application, location: aws:eu-west-3, holds: [eu-health] }
flows:
  - { id: f1, from: de-db, to: fr-app, carries: [eu-health], volume_gb_per_day: 2 }
)";

PreparedReport prepared(const QString &file)
{
    ReportRequest request;
    request.snapshot = test::analysed(file, QDate(2026, 12, 1));
    auto p = prepareReport(request, true);
    if (!p)
        qFatal("%s", qPrintable(p.error()));
    return std::move(*p);
}

QByteArray render(const QString &format, const PreparedReport &p)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    const ReportRenderInput in{p.report, p.document, *p.snapshot, {}, nullptr};
    if (auto ok = reportFormat(format)->write(in, buffer); !ok)
        qFatal("%s", qPrintable(ok.error()));
    return bytes;
}

const ReportDocSection &section(const ReportDocument &doc, const QString &id)
{
    for (const ReportDocSection &s : doc.sections)
        if (s.id == id)
            return s;
    qFatal("no section %s", qPrintable(id));
    std::abort();
}

std::vector<const ReportBlock *> blocks(const ReportDocSection &s, ReportBlock::Kind kind)
{
    std::vector<const ReportBlock *> out;
    for (const ReportBlock &b : s.blocks)
        if (b.kind == kind)
            out.push_back(&b);
    return out;
}

// The PDF's text, as pdftotext reads it.
QString pdfText(const QByteArray &pdf, QTemporaryDir &dir)
{
    const QString path = dir.filePath(u"r.pdf"_s);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(pdf) != pdf.size())
        return {};
    f.close();
    QProcess process;
    process.start(u"pdftotext"_s, {path, u"-"_s});
    process.waitForFinished(60000);
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

class TestReportOverview : public QObject
{
    Q_OBJECT

    PreparedReport m_sample;
    int m_eu = -1, m_us = -1;
    const OverviewCell *m_euUs = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        m_sample = prepared(sample);
        const JurisdictionOverview &o = m_sample.report.overview;
        m_eu = o.nodeIndex(u"EU"_s);
        m_us = o.nodeIndex(u"US"_s);
        m_euUs = o.cell(m_eu, m_us);
        QVERIFY(m_euUs);
        QCOMPARE(m_euUs->flows, 13);
        QCOMPARE(m_euUs->access, 3);
    }

    void summaryHasTheFigureAndTheMatrix()
    {
        const ReportDocument &doc = m_sample.document;
        const ReportDocSection &summary = section(doc, u"summary"_s);
        QCOMPARE(blocks(summary, ReportBlock::Kind::Overview).size(), std::size_t(1));
        QCOMPARE(blocks(summary, ReportBlock::Kind::Chart).size(), std::size_t(1)); // severity; the pair bars are gone
        QVERIFY(doc.overview);
        QCOMPARE(doc.overview->edgeCells, m_sample.report.overview.edgeCells());
        // Compact: the figure's label leaves the volume to the matrix.
        QVERIFY(!doc.overview->edgeLines.front().back().text.contains(u"GB/day"_s));
        const auto tables = blocks(summary, ReportBlock::Kind::Table);
        QCOMPARE(tables.size(), std::size_t(1));
        const ReportTable &matrix = tables.front()->table;
        const qsizetype us = matrix.header.indexOf(u"US"_s);
        QVERIFY(us > 0);
        const auto eu = std::find_if(matrix.rows.begin(), matrix.rows.end(), [](const QStringList &row) { return row.front() == u"EU"_s; });
        QVERIFY(eu != matrix.rows.end());
        QCOMPARE(eu->at(us), matrixCellLines(m_euUs).join(u'\n'));
        QVERIFY(eu->at(us).startsWith(u"13 flows\n3 access\n"_s));
        QVERIFY(eu->at(us).contains(u"GB/day"_s));
        // Every cell of the overview is in the table, and nothing else but "—".
        qsizetype filled = 0;
        for (const QStringList &row : matrix.rows)
            filled += std::count_if(row.begin() + 1, row.end(), [](const QString &c) { return c != u"—"_s; });
        QCOMPARE(filled, qsizetype(m_sample.report.overview.cells.size()));
        // The map section points to it instead of repeating it.
        const ReportDocSection &map = section(doc, u"map"_s);
        QVERIFY(blocks(map, ReportBlock::Kind::Table).empty());
        QVERIFY(map.title.endsWith(u"Residency map"_s));
    }

    void figureFitsTheTextWidthLegibly()
    {
        // The PDF scales the figure to the 493-point text width, never up: its 8-point labels
        // must stay at 5 points or more, so it may be at most ~790 points wide.
        const QRectF bounds = m_sample.document.overview->bounds;
        QVERIFY2(493.0 / bounds.width() >= 5.0 / 8.0, qPrintable(QString::number(bounds.width())));
        QVERIFY2(bounds.height() * std::min(1.0, 493.0 / bounds.width()) <= 640, qPrintable(QString::number(bounds.height())));
    }

    void pdfPrintsThem()
    {
        QTemporaryDir dir;
        const QString text = pdfText(render(u"pdf"_s, m_sample), dir);
        const qsizetype summary = text.indexOf(u"Jurisdictions and the pairs between them"_s, text.indexOf(u"Executive summary"_s, text.indexOf(u"Contents"_s) + 400));
        const qsizetype matrix = text.indexOf(u"Jurisdiction matrix"_s, summary);
        const qsizetype map = text.indexOf(u"Residency map"_s, matrix);
        QVERIFY(summary > 0 && matrix > summary && map > matrix);
        const QString between = text.mid(summary, map - summary);
        QVERIFY(between.contains(u"13 flows"_s)); // the figure's label and the matrix cell
        QVERIFY(between.count(u"13 flows"_s) >= 2);
        QVERIFY(between.contains(u"United States"_s)); // the figure is text, not pixels
        // The map section points to the summary's matrix instead of repeating it.
        const QString mapSection = text.mid(map, text.indexOf(u"Record of processing"_s, map) - map);
        QVERIFY(mapSection.contains(u"is in the executive summary (Jurisdiction matrix)"_s));
        QVERIFY(!mapSection.contains(u"From \\ to"_s));
    }

    void htmlEmbedsTheFigure()
    {
        const QString html = QString::fromUtf8(render(u"html"_s, m_sample));
        const QSizeF size = m_sample.document.overview->bounds.size();
        const qsizetype figure = html.indexOf(u"<figure class=\"overview\" style=\"max-width:"_s + QString::number(std::ceil(size.width() * 4 / 3)) + u"px\">"_s);
        QVERIFY(figure > 0);
        const qsizetype end = html.indexOf(u"</figure>"_s, figure);
        const QString svg = html.mid(figure, end - figure);
        QVERIFY(svg.contains(u"aria-label=\"Jurisdiction overview\""_s));
        QVERIFY(svg.contains(u"viewBox=\"0 0 "_s + QString::number(size.width(), 'f', 2) + u' ' + QString::number(size.height(), 'f', 2) + u'"'));
        QVERIFY(svg.contains(u"13 flows"_s));
        QVERIFY(svg.contains(u"<figcaption>"_s));
        // The matrix follows it as a table, the cell's lines as lines.
        QVERIFY(html.indexOf(u"<td>13 flows<br>3 access<br>"_s, end) > end);
    }

    void jsonCarriesEveryCell()
    {
        const QJsonObject overview = QJsonDocument::fromJson(render(u"json"_s, m_sample)).object()[u"overview"_s].toObject();
        const JurisdictionOverview &o = m_sample.report.overview;
        QCOMPARE(overview.keys(), (QStringList{u"access"_s, u"cells"_s, u"flows"_s, u"nodes"_s}));
        QCOMPARE(overview[u"nodes"_s].toArray().size(), qsizetype(o.nodes.size()));
        const QJsonArray cells = overview[u"cells"_s].toArray();
        QCOMPARE(cells.size(), qsizetype(o.cells.size()));
        const auto euUs = std::find_if(cells.begin(), cells.end(), [](const QJsonValue &c) {
            return c[u"origin"_s] == u"EU"_s && c[u"destination"_s] == u"US"_s;
        });
        QVERIFY(euUs != cells.end());
        const QJsonObject c = euUs->toObject();
        QCOMPARE(c[u"flows"_s].toInt(), 13);
        QCOMPARE(c[u"access"_s].toInt(), 3);
        QCOMPARE(c[u"crosses_border"_s].toBool(), true);
        QCOMPARE(c[u"worst"_s].toString(), u"critical"_s);
        QCOMPARE(c[u"open_findings"_s][u"critical"_s].toInt(), m_euUs->open[std::size_t(RuleSeverity::Critical)]);
        QCOMPARE(c[u"open_total"_s].toInt(), m_euUs->openFindings());
        QCOMPARE(c[u"gb_per_day"_s].toDouble(), m_euUs->gbPerDay);
        QCOMPARE(c[u"flows_without_volume"_s].toInt(), m_euUs->flowsWithoutVolume);
        QCOMPARE(c[u"summary"_s].toString(), cellSummary(*m_euUs));
        // The unknown jurisdiction is null, as everywhere in the report.
        QVERIFY(std::any_of(cells.begin(), cells.end(), [](const QJsonValue &v) { return v[u"destination"_s].isNull(); }));
    }

    void nothingCrossesABorder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"inside.yaml"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(insideOnly);
        f.close();
        const PreparedReport p = prepared(path);
        QVERIFY(p.report.overview.edgeCells().empty());
        QVERIFY(!p.document.overview);
        const ReportDocSection &summary = section(p.document, u"summary"_s);
        QVERIFY(blocks(summary, ReportBlock::Kind::Overview).empty());
        QVERIFY(blocks(summary, ReportBlock::Kind::Table).empty());
        const auto words = std::find_if(summary.blocks.begin(), summary.blocks.end(),
                                        [](const ReportBlock &b) { return b.text.startsWith(u"No flow or access entry goes from one jurisdiction"_s); });
        QVERIFY(words != summary.blocks.end());
        QVERIFY(words->text.contains(u"1 flow and 0 access entries stay inside"_s));
        // Every reading format still renders; none draws an empty figure.
        QVERIFY(pdfText(render(u"pdf"_s, p), dir).contains(u"No flow or access entry goes from one jurisdiction"_s));
        const QString html = QString::fromUtf8(render(u"html"_s, p));
        QVERIFY(!html.contains(u"figure class=\"overview\""_s));
        QVERIFY(html.contains(u"No flow or access entry goes from one jurisdiction"_s));
        const QJsonObject overview = QJsonDocument::fromJson(render(u"json"_s, p)).object()[u"overview"_s].toObject();
        const QJsonArray cells = overview[u"cells"_s].toArray();
        QCOMPARE(cells.size(), qsizetype(1));
        QCOMPARE(cells.first()[u"crosses_border"_s].toBool(), false);
    }
};

QTEST_MAIN(TestReportOverview)
#include "tst_reportoverview.moc"
