// The PDF report on a synthetic reading document, checked through what poppler reads back:
// every section and contents entry is there with the right page numbers, "Page x of y" on every
// page after the cover, a long table repeats its header on every page and never splits a row,
// the bookmarks list the sections in order and the contents link to them, hostile and Unicode
// text comes out verbatim in a file poppler parses without a word, no text leaves the page's
// margins, the bytes are the same in another process, and cancelling stops it.
// ATLAS_REPORTPDF_KEEP=DIR keeps copies of the rendered PDFs to look at.
#include "mapgraph.h"
#include "mappainter.h"
#include "pdfoutline.h"
#include "policyengine.h"
#include "policyimporter.h"
#include "reportformat.h"
#include "reportpaged.h"
#include "testsupport.h"
#include "analysis.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtConcurrent/QtConcurrentRun>

using namespace atlas;
using namespace Qt::StringLiterals;

namespace {

const QString hostile = u"<script>alert(1)</script> ) Tj ( back\\slash %%EOF"_s;
const QString unicode = u"Zürich 北京 Москва"_s;
constexpr int findingRows = 250;

// The northwind sample's map, laid out for a portrait page (the report's own is landscape:
// wideMapGetsLandscapePage covers that shape).
std::shared_ptr<const MapScene> sampleMap()
{
    auto loaded = loadInventory({QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml")}, test::catalog());
    if (!loaded)
        return nullptr;
    auto packs = loadPolicies({}, test::catalog());
    if (!packs)
        return nullptr;
    const PolicyFacts facts = derivePolicyFacts(test::catalog(), loaded->inventory);
    const std::vector<Finding> findings = evaluatePolicies(*packs->rules, facts);
    auto scene = layoutMap(buildMap(facts, findings, MapOptions{}), 0.7);
    return scene ? std::make_shared<const MapScene>(std::move(*scene)) : nullptr;
}

// A chain of five workloads, laid out left to right: wider than tall.
std::shared_ptr<const MapScene> wideMap()
{
    MapGraph g;
    g.clusters = {{u"EU"_s, u"EU — European Economic Area (GDPR)"_s, 0, -1},
                  {u"US"_s, u"US — United States"_s, 0, -1}};
    const QStringList titles = {u"Patient intake"_s, u"Records store"_s, u"Feature pipeline"_s,
                                u"Triage training"_s, u"Model registry"_s};
    for (int i = 0; i < titles.size(); ++i) {
        MapNode n;
        n.id = u"w%1"_s.arg(i);
        n.title = titles[i];
        n.subtitle = i < 3 ? u"application · aws:eu-central-1"_s : u"training · aws:us-east-1"_s;
        n.cluster = i < 3 ? 0 : 1;
        n.workload = i;
        g.nodes.push_back(n);
        if (i > 0) {
            MapEdge e;
            e.from = i - 1;
            e.to = i;
            e.flows = {u"flow-%1"_s.arg(i)};
            e.dataClass = Classification::Restricted;
            e.crossBorder = e.crossJurisdiction = i == 3;
            g.edges.push_back(e);
        }
    }
    auto scene = layoutMap(g);
    return scene ? std::make_shared<const MapScene>(std::move(*scene)) : nullptr;
}

ReportBlock text(ReportBlock::Kind kind, const QString &s, const QString &anchor = {})
{
    ReportBlock b;
    b.kind = kind;
    b.text = s;
    b.anchor = anchor;
    return b;
}

ReportBlock tableBlock(ReportTable t)
{
    ReportBlock b;
    b.kind = ReportBlock::Kind::Table;
    b.table = std::move(t);
    return b;
}

QString findingId(int i) { return u"F-%1"_s.arg(i, 4, 10, QLatin1Char('0')); }

ReportDocSection summary()
{
    ReportDocSection s{u"summary"_s, u"1. Summary"_s, {}, {}};
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph,
        QStringLiteral("This report states where the personal and operational data of Acme Health's AI systems is stored, "
                       "processed and transferred as of 2026-12-01, which transfers leave the data's jurisdiction of "
                       "origin, on which legal basis, and which policy findings are open. It is generated from the "
                       "inventory and the policy packs listed under provenance; every figure can be traced to them.")));
    ReportBlock chart;
    chart.kind = ReportBlock::Kind::Chart;
    chart.chart.title = u"Open findings by severity"_s;
    const std::pair<const char *, RuleSeverity> bars[] = {{"critical", RuleSeverity::Critical}, {"high", RuleSeverity::High},
        {"medium", RuleSeverity::Medium}, {"low", RuleSeverity::Low}, {"info", RuleSeverity::Info}};
    double value = 3;
    for (const auto &[label, severity] : bars)
        chart.chart.bars.push_back({QString::fromUtf8(label), value *= 2, severityColour(severity), {}});
    s.blocks.push_back(chart);
    ReportBlock bullets;
    bullets.kind = ReportBlock::Kind::Bullets;
    bullets.items = {u"42 workloads in 4 jurisdictions (EU, US, CN, RU), 17 datasets, 63 flows."_s,
                     QStringLiteral("12 transfers leave the data's jurisdiction of origin; 3 rely on no adequacy decision "
                                    "and carry restricted personal data (1.8 TB/day)."),
                     QStringLiteral("Training of the triage model in us-east-1 reads EU patient records without "
                                    "pseudonymisation: the highest-risk transfer in this report.")};
    s.blocks.push_back(bullets);
    s.blocks.push_back(text(ReportBlock::Kind::Note,
        QStringLiteral("This report is not legal advice. Adequacy decisions and transfer rules are summarised from the "
                       "catalog as of 2026-11-15; verify them with counsel before relying on them.")));
    return s;
}

ReportDocSection provenance()
{
    ReportDocSection s{u"provenance"_s, u"2. Scope and provenance"_s, {}, {}};
    s.subsections = {{u"inputs"_s, u"2.1 Inputs"_s}, {u"unicode"_s, u"2.2 Names in other scripts"_s}};
    ReportTable kv;
    kv.keyValue = true;
    kv.styles = {CellStyle::Plain, CellStyle::Code};
    kv.rows = {{u"Tool"_s, u"Residency Atlas 0.1.0"_s},
               {u"Catalog"_s, u"embedded, sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_s},
               {u"Hostile"_s, hostile},
               {u"Unicode"_s, unicode}};
    s.blocks.push_back(tableBlock(kv));
    s.blocks.push_back(text(ReportBlock::Kind::Heading, u"2.1 Inputs"_s, u"inputs"_s));
    ReportTable inputs;
    inputs.header = {u"File"_s, u"Format"_s, u"Bytes"_s, u"SHA-256"_s};
    inputs.widths = {3, 2, 1, 5};
    inputs.styles = {CellStyle::Plain, CellStyle::Plain, CellStyle::Plain, CellStyle::Code};
    inputs.rows = {{u"northwind-ai.yaml"_s, u"inventory"_s, u"18 204"_s,
                    u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s},
                   {u"aws:eu-central-1/eu-patient-records-raw-2024"_s, u"aws-config"_s,
                    u"1 204 112"_s, u"2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"_s}};
    s.blocks.push_back(tableBlock(inputs));
    s.blocks.push_back(text(ReportBlock::Kind::Heading, u"2.2 Names in other scripts"_s, u"unicode"_s));
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph, u"Sites: "_s + unicode + u"."_s));
    return s;
}

ReportDocSection mapSection(const QString &title)
{
    ReportDocSection s{u"map"_s, title, {}, {}};
    ReportBlock map;
    map.kind = ReportBlock::Kind::Map;
    s.blocks.push_back(map);
    return s;
}

ReportDocSection findings()
{
    ReportDocSection s{u"findings"_s, u"4. Findings"_s, {}, {}};
    s.subsections = {{u"open"_s, u"4.1 Open findings"_s}, {u"waivers"_s, u"4.2 Waivers"_s}};
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph,
        QStringLiteral("Every open finding of the policy packs, most severe first. The rule, the subject and the dataset "
                       "identify a finding across reports.")));
    s.blocks.push_back(text(ReportBlock::Kind::Heading, u"4.1 Open findings"_s, u"open"_s));
    ReportTable t;
    t.header = {u"Finding"_s, u"Severity"_s, u"Rule"_s, u"Subject"_s, u"Message"_s};
    t.widths = {2, 2, 3, 5, 7};
    t.styles = {CellStyle::Code, CellStyle::Severity, CellStyle::Plain, CellStyle::Code, CellStyle::Plain};
    const QStringList severities = {u"critical"_s, u"high"_s, u"medium"_s, u"low"_s, u"info"_s};
    for (int i = 1; i <= findingRows; ++i) {
        QString message = u"Restricted personal data leaves the EU without an adequacy decision or safeguards."_s;
        if (i % 7 == 0)
            message += QStringLiteral(" The flow carries patient records to a training job; pseudonymise before transfer "
                                      "or keep training in the EU, and document the transfer impact assessment.");
        t.rows.push_back({findingId(i), severities[i % 5], u"transfer.no-safeguard"_s,
                          i % 3 == 0 ? u"aws:eu-central-1/eu-patient-records-raw-2024"_s : u"flow/ehr-to-us-training"_s,
                          message});
    }
    t.total = 2345;
    t.overflow = u"Showing 250 of 2 345. The full list: findings.csv, report.json."_s;
    s.blocks.push_back(tableBlock(t));
    s.blocks.push_back(text(ReportBlock::Kind::Heading, u"4.2 Waivers"_s, u"waivers"_s));
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph, u"No waivers are in force."_s));
    return s;
}

ReportDocSection transfers()
{
    ReportDocSection s{u"transfers"_s, u"5. Transfer register"_s, {}, {}};
    ReportTable t;
    t.header = {u"Transfer"_s, u"From → to"_s, u"Basis"_s, u"Residual risk"_s};
    t.widths = {4, 3, 3, 2};
    t.styles = {CellStyle::Code, CellStyle::Plain, CellStyle::Muted, CellStyle::Risk};
    t.rows = {{u"ehr-to-us-training"_s, u"EU → US"_s, u"none"_s, u"very high"_s},
              {u"crm-to-cn-support"_s, u"EU → CN"_s, u"SCC 2021/914"_s, u"high"_s},
              {u"telemetry-to-ru"_s, u"EU → RU"_s, u"consent"_s, u"medium"_s},
              {u"backup-to-ch"_s, u"EU → CH"_s, u"adequacy"_s, u"low"_s},
              {hostile, unicode, u"none"_s, u"unknown"_s}};
    s.blocks.push_back(tableBlock(t));
    return s;
}

ReportDocSection signOff()
{
    ReportDocSection s{u"sign-off"_s, u"6. Sign-off"_s, {}, {}};
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph, u"Reviewed by the data protection officer."_s));
    s.blocks.push_back(text(ReportBlock::Kind::PageBreak, {}));
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph, u"Signature: ____________________   Date: __________"_s));
    s.blocks.push_back(text(ReportBlock::Kind::PageBreak, {})); // a break at the end leaves no blank page
    return s;
}

ReportDocument syntheticDocument(std::shared_ptr<const MapScene> map)
{
    ReportDocument doc;
    doc.title = u"Data residency and transfer report"_s;
    doc.organisation = u"Acme Health GmbH"_s;
    doc.asOf = u"2026-12-01"_s;
    doc.coverLines = {u"Scope: 42 workloads, 17 datasets, 63 flows in EU, US, CN and RU"_s,
                      u"Policy packs: built-in (31 rules), acme-health.yaml (6 rules)"_s,
                      u"Residency Atlas 0.1.0 · inputs sha256 e3b0c442…7852b855"_s};
    doc.header = u"Residency Atlas · Acme Health GmbH · as of 2026-12-01"_s;
    doc.footer = u"Confidential: prepared for the supervisory authority"_s;
    doc.sections = {summary(), provenance(), mapSection(u"3. Residency map"_s), findings(), transfers(), signOff()};
    doc.map = std::move(map);
    doc.mapCaption = QStringLiteral("Workloads by jurisdiction, country and region; flows by data class and form. "
                                    "Red flows carry open findings.");
    return doc;
}

std::expected<QByteArray, QString> renderPdf(const ReportDocument &doc, std::function<void(int, int)> progress = {},
                                             const std::atomic_bool *cancel = nullptr)
{
    const Report report;
    const AnalysisSnapshot snapshot;
    const ReportRenderInput in{report, doc, snapshot, std::move(progress), cancel};
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    auto written = makePdfReportFormat()->write(in, buffer);
    if (!written)
        return std::unexpected(written.error());
    return bytes;
}

struct Run
{
    int exitCode = -1;
    QString out, err;
};

Run poppler(const QString &tool, const QStringList &args)
{
    QProcess process;
    process.start(tool, args);
    process.waitForFinished(60000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

// ATLAS_REPORTPDF_KEEP=DIR keeps the PDFs the tests render, to look at.
void keep(const QString &path)
{
    const QString dir = qEnvironmentVariable("ATLAS_REPORTPDF_KEEP");
    if (dir.isEmpty())
        return;
    const QString copy = dir + u'/' + QFileInfo(path).fileName();
    QFile::remove(copy);
    QFile::copy(path, copy);
}

// The first word poppler finds outside the page's margins (51 pt, less a point), or nothing.
QString wordsOutsideMargins(const QString &path, int *count = nullptr)
{
    const Run bbox = poppler(u"pdftotext"_s, {u"-bbox"_s, path, u"-"_s});
    QXmlStreamReader reader(bbox.out);
    QRectF inside;
    int page = 0;
    while (!reader.atEnd()) {
        reader.readNext();
        if (!reader.isStartElement())
            continue;
        const auto a = reader.attributes();
        const auto number = [&](const char *name) { return a.value(QLatin1String(name)).toDouble(); };
        if (reader.name() == u"page") {
            inside = QRectF(0, 0, number("width"), number("height")).adjusted(50, 50, -50, -50);
            ++page;
        } else if (reader.name() == u"word") {
            const QRectF box(QPointF(number("xMin"), number("yMin")), QPointF(number("xMax"), number("yMax")));
            if (count)
                ++*count;
            if (!inside.contains(box))
                return u"page %1: \u201c%2\u201d at %3,%4–%5,%6"_s.arg(page).arg(reader.readElementText())
                    .arg(box.left()).arg(box.top()).arg(box.right()).arg(box.bottom());
        }
    }
    return reader.hasError() ? reader.errorString() : QString();
}

} // namespace

class TestReportPdf : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parsesWithoutWarnings();
    void contentsAndPageNumbers();
    void tableHeaderRepeatsAndRowsStayWhole();
    void outlineListsSections();
    void contentsLinksJumpToSections();
    void hostileAndUnicodeTextVerbatim();
    void textHasNoLigatures();
    void textStaysInsideMargins();
    void tallRowsContinue();
    void wideMapGetsLandscapePage();
    void headingsKeepWithText();
    void anyResolution();
    void reproducibleAcrossProcesses();
    void writeForComparison();
    void missingMapIsANote();
    void progressAndCancellation();
    void renderOffTheGuiThread();
    void postProcessRefusesWhatItCannotRead_data();
    void postProcessRefusesWhatItCannotRead();
    void updatesChain();

private:
    QString pageText(int page) const { return m_pages.value(page - 1); }
    int pageOf(const QString &needle, int from = 3) const;

    QTemporaryDir m_dir;
    ReportDocument m_doc;
    QByteArray m_pdf;
    QString m_path;
    int m_pageCount = 0;
    QStringList m_pages; // pdftotext -layout, per page
};

void TestReportPdf::initTestCase()
{
    for (const char *tool : {"pdfinfo", "pdftotext", "pdftohtml"})
        if (QStandardPaths::findExecutable(QString::fromUtf8(tool)).isEmpty())
            QSKIP("poppler-utils are not installed");
    auto map = sampleMap();
    QVERIFY(map);
    m_doc = syntheticDocument(map);
    auto pdf = renderPdf(m_doc);
    QVERIFY2(pdf, qPrintable(pdf ? QString() : pdf.error()));
    m_pdf = *pdf;
    m_path = m_dir.filePath(u"report.pdf"_s);
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(m_pdf) == m_pdf.size());
    file.close();
    keep(m_path);
    const Run info = poppler(u"pdfinfo"_s, {m_path});
    const QRegularExpressionMatch pages = QRegularExpression(u"Pages:\\s+(\\d+)"_s).match(info.out);
    QVERIFY(pages.hasMatch());
    m_pageCount = pages.captured(1).toInt();
    const Run text = poppler(u"pdftotext"_s, {u"-layout"_s, m_path, u"-"_s});
    m_pages = text.out.split(u'\f');
    QVERIFY(m_pages.size() >= m_pageCount);
}

int TestReportPdf::pageOf(const QString &needle, int from) const
{
    for (int page = from; page <= m_pageCount; ++page)
        if (pageText(page).contains(needle))
            return page;
    return 0;
}

void TestReportPdf::parsesWithoutWarnings()
{
    const Run info = poppler(u"pdfinfo"_s, {m_path});
    QCOMPARE(info.exitCode, 0);
    QCOMPARE(info.err, QString());
    QVERIFY(info.out.contains(u"Title:           Data residency and transfer report"_s));
    QVERIFY(info.out.contains(u"Creator:         Residency Atlas"_s));
    QVERIFY(info.out.contains(u"CreationDate:    Tue Dec  1 00:00:00 2026 UTC"_s));
    QVERIFY(m_pageCount > 8);
    for (const QStringList &args : {QStringList{m_path, u"-"_s},
                                    QStringList{u"-xml"_s, u"-stdout"_s, u"-i"_s, m_path}}) {
        const Run run = poppler(args.size() == 2 ? u"pdftotext"_s : u"pdftohtml"_s, args);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.err, QString());
    }
    // Every page dictionary is still found through the incremental update.
    const Run sizes = poppler(u"pdfinfo"_s, {u"-f"_s, u"1"_s, u"-l"_s,
                                                           QString::number(m_pageCount), m_path});
    QCOMPARE(sizes.err, QString());
    QCOMPARE(sizes.out.count(QRegularExpression(u"Page +\\d+ size:"_s)), m_pageCount);
}

void TestReportPdf::contentsAndPageNumbers()
{
    // The cover: title, organisation, date, no running header or footer.
    QVERIFY(pageText(1).simplified().contains(m_doc.title)); // the title may wrap
    QVERIFY(pageText(1).contains(u"as of 2026-12-01"_s));
    QVERIFY(!pageText(1).contains(u"Page "_s));
    QVERIFY(!pageText(1).contains(m_doc.header));
    // Every later page: header, footer, "Page x of N", and something more.
    QVERIFY(pageText(m_pageCount).contains(u"Signature:"_s));
    for (int page = 2; page <= m_pageCount; ++page) {
        QVERIFY2(pageText(page).contains(u"Page %1 of %2"_s.arg(page).arg(m_pageCount)), qPrintable(QString::number(page)));
        QVERIFY(pageText(page).contains(m_doc.header));
        QVERIFY(pageText(page).contains(m_doc.footer));
    }
    // The contents list every section and sub-section with the page it starts on.
    const QString contents = pageText(2);
    QVERIFY(contents.contains(u"Contents"_s));
    for (const ReportDocSection &s : m_doc.sections) {
        const int page = pageOf(s.title);
        QVERIFY2(page > 2, qPrintable(s.title));
        QVERIFY2(contents.contains(QRegularExpression(QRegularExpression::escape(s.title) + u" +%1\\n"_s.arg(page))),
                 qPrintable(s.title));
        for (const auto &[anchor, title] : s.subsections) {
            const int sub = pageOf(title);
            QVERIFY2(sub >= page, qPrintable(title));
            QVERIFY2(contents.contains(QRegularExpression(QRegularExpression::escape(title) + u" +%1\\n"_s.arg(sub))),
                     qPrintable(title));
        }
    }
}

void TestReportPdf::tableHeaderRepeatsAndRowsStayWhole()
{
    const QRegularExpression header(u"Finding +Severity +Rule +Subject +Message"_s);
    QList<int> pages;
    for (int i = 1; i <= findingRows; ++i) {
        int found = 0, page = 0;
        for (int p = 3; p <= m_pageCount; ++p)
            if (pageText(p).contains(QRegularExpression(u"\\b%1\\b"_s.arg(findingId(i)))))
                ++found, page = p;
        QCOMPARE(found, 1);
        if (!pages.contains(page))
            pages.append(page);
    }
    QVERIFY2(pages.size() >= 3, "the table should span pages");
    for (int page : pages)
        QVERIFY2(pageText(page).contains(header), qPrintable(u"page %1"_s.arg(page)));
    // A row's message (which wraps) is on the page of its id: rows are not split.
    const int lastPage = pages.last();
    QVERIFY(pageText(lastPage).contains(findingId(findingRows)));
    QVERIFY(pageText(lastPage).contains(u"Showing 250 of 2 345."_s) || pageText(lastPage + 1).contains(u"Showing 250 of 2 345."_s));
    // The long id wraps inside its cell instead of running over the next column.
    QVERIFY(!pageText(pages.first()).contains(u"eu-patient-records-raw-2024flow"_s));
}

void TestReportPdf::outlineListsSections()
{
    const Run xml = poppler(u"pdftohtml"_s, {u"-xml"_s, u"-stdout"_s, u"-i"_s, m_path});
    QXmlStreamReader reader(xml.out);
    QStringList level1, level2;
    int depth = 0;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == u"outline")
            ++depth;
        else if (reader.isEndElement() && reader.name() == u"outline")
            --depth;
        else if (reader.isStartElement() && reader.name() == u"item")
            (depth == 1 ? level1 : level2).append(reader.readElementText());
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QStringList sections, subsections;
    for (const ReportDocSection &s : m_doc.sections) {
        sections.append(s.title);
        for (const auto &[anchor, title] : s.subsections)
            subsections.append(title);
    }
    QCOMPARE(level1, sections);
    QCOMPARE(level2, subsections);
}

void TestReportPdf::contentsLinksJumpToSections()
{
    const Run xml = poppler(u"pdftohtml"_s, {u"-xml"_s, u"-stdout"_s, u"-i"_s, m_path});
    const QString contents = xml.out.section(u"<page number=\"2\""_s, 1).section(u"</page>"_s, 0, 0);
    for (const ReportDocSection &s : m_doc.sections) {
        const QRegularExpression link(u"<a href=\"[^\"#]*#(\\d+)\">(<b>)?"_s + QRegularExpression::escape(s.title.toHtmlEscaped()));
        const QRegularExpressionMatch m = link.match(contents);
        QVERIFY2(m.hasMatch(), qPrintable(s.title));
        QCOMPARE(m.captured(1).toInt(), pageOf(s.title));
    }
}

void TestReportPdf::hostileAndUnicodeTextVerbatim()
{
    const Run raw = poppler(u"pdftotext"_s, {m_path, u"-"_s});
    QCOMPARE(raw.err, QString());
    QVERIFY2(raw.out.contains(hostile), qPrintable(hostile));
    // DejaVu has no Han glyphs: 北京 needs a CJK font that fontconfig can fall back to.
    const bool cjk = !QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty();
    if (cjk) {
        QVERIFY2(raw.out.contains(unicode), qPrintable(unicode));
    } else {
        qWarning("no CJK font installed (fonts-wqy-microhei): checking the Latin and Cyrillic names only");
        QVERIFY(raw.out.contains(u"Zürich"_s));
        QVERIFY(raw.out.contains(u"Москва"_s));
    }
    const Run info = poppler(u"pdfinfo"_s, {m_path});
    QCOMPARE(info.err, QString());
}

// Text is searched and copied out of the PDF: "findings", never "\uFB01ndings", in the body and
// in what the chart and map painters draw too.
void TestReportPdf::textHasNoLigatures()
{
    const Run raw = poppler(u"pdftotext"_s, {m_path, u"-"_s});
    QCOMPARE(raw.err, QString());
    const QRegularExpressionMatch ligature = QRegularExpression(u".*[\\x{FB00}-\\x{FB06}].*"_s).match(raw.out);
    QVERIFY2(!ligature.hasMatch(), qPrintable(ligature.captured()));
    QVERIFY(raw.out.contains(u"Open findings by severity"_s)); // the chart's title
    QVERIFY(raw.out.contains(u"merged flows"_s));              // the map's legend
}

// Every word poppler finds lies inside the page's margins (18 mm = 51 pt): nothing runs off
// the page or into the gutter.
void TestReportPdf::textStaysInsideMargins()
{
    int words = 0;
    const QString outside = wordsOutsideMargins(m_path, &words);
    QVERIFY2(outside.isEmpty(), qPrintable(outside));
    QVERIFY(words > 1000);
}

// A row taller than a page continues on the next (each cell where it stopped, the header
// repeated); an unbreakable token breaks anywhere. Nothing is lost, nothing leaves the page.
void TestReportPdf::tallRowsContinue()
{
    QStringList words;
    for (int i = 1; i <= 1500; ++i)
        words.append(u"w%1"_s.arg(i, 4, 10, QLatin1Char('0')));
    ReportTable t;
    t.header = {u"Key"_s, u"Long value"_s};
    t.widths = {1, 3};
    t.rows = {{u"before"_s, u"a short row"_s},
              {u"tall\nrow"_s, words.join(u' ')},
              {QString(400, u'x'), u"after"_s}};
    ReportDocument doc;
    doc.title = u"Tall rows"_s;
    doc.sections = {{u"t"_s, u"1. Tall"_s, {tableBlock(t)}, {}}};
    auto pdf = renderPdf(doc);
    QVERIFY(pdf);
    const QString path = m_dir.filePath(u"tall.pdf"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*pdf);
    file.close();
    keep(path);
    const Run text = poppler(u"pdftotext"_s, {path, u"-"_s});
    QCOMPARE(text.err, QString());
    const QStringList pages = text.out.split(u'\f');
    QVERIFY(pages.size() >= 5); // cover, contents, three pages of the tall row
    for (const QString &w : words)
        QVERIFY2(text.out.count(w) == 1, qPrintable(w));
    for (int page = 3; page < pages.size() - 1; ++page)
        QVERIFY2(pages[page].contains(u"Long value"_s), qPrintable(QString::number(page + 1)));
    QVERIFY(pages[2].contains(u"tall\nrow"_s));
    QCOMPARE(text.out.count(u'x'), 400);
    // The tall row's last part is only as tall as its lines: the next row follows it.
    const qsizetype last = text.out.indexOf(u"w1500"_s);
    QVERIFY(text.out.indexOf(u'\f', last) > text.out.indexOf(u"after"_s));
    QVERIFY(text.out.contains(u"after"_s));
    const QString outside = wordsOutsideMargins(path);
    QVERIFY2(outside.isEmpty(), qPrintable(outside));
}

void TestReportPdf::wideMapGetsLandscapePage()
{
    // The sample's map laid out taller than wide: a portrait page of its own, with its caption.
    const QRegularExpression portrait(u"size:\\s+595 x 842"_s), landscape(u"size:\\s+842 x 595"_s);
    const int page = pageOf(u"Red flows carry open findings."_s);
    QVERIFY(page > 2);
    QVERIFY(pageText(page).contains(u"3. Residency map"_s));
    QVERIFY(m_doc.map->bounds.height() > m_doc.map->bounds.width());
    const auto sizes = [](const QString &path, int from, int to) {
        return poppler(u"pdfinfo"_s, {u"-f"_s, QString::number(from), u"-l"_s, QString::number(to), path}).out;
    };
    QVERIFY(!sizes(m_path, 1, m_pageCount).contains(landscape));

    // A wide map turns its page to landscape; the page after it is portrait again.
    ReportDocument doc = m_doc;
    doc.map = wideMap();
    QVERIFY(doc.map && doc.map->bounds.width() > doc.map->bounds.height());
    doc.sections = {m_doc.sections[0], mapSection(u"2. Residency map"_s), m_doc.sections[4]};
    auto pdf = renderPdf(doc);
    QVERIFY(pdf);
    const QString path = m_dir.filePath(u"wide.pdf"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*pdf);
    file.close();
    keep(path);
    const Run info = poppler(u"pdfinfo"_s, {path});
    QCOMPARE(info.err, QString());
    QVERIFY(info.out.contains(u"Pages:           5"_s));
    QVERIFY(sizes(path, 4, 4).contains(landscape));
    QVERIFY(sizes(path, 5, 5).contains(portrait));
    const QString text = poppler(u"pdftotext"_s, {u"-f"_s, u"4"_s, u"-l"_s, u"4"_s, path, u"-"_s}).out;
    QVERIFY(text.contains(u"Red flows carry open findings."_s));
    QVERIFY(text.contains(u"Page 4 of 5"_s));
}

// No heading is the last thing on its page: the paragraph after it starts on the same page.
// And the layout's own account agrees with the file: pages, bookmarks, contents links.
void TestReportPdf::headingsKeepWithText()
{
    int checked = 0;
    for (const ReportDocSection &s : m_doc.sections)
        for (std::size_t b = 0; b + 1 < s.blocks.size(); ++b)
            if (s.blocks[b].kind == ReportBlock::Kind::Heading && s.blocks[b + 1].kind == ReportBlock::Kind::Paragraph) {
                const int page = pageOf(s.blocks[b].text);
                QVERIFY2(page > 2 && pageText(page).contains(s.blocks[b + 1].text.section(u' ', 0, 1)), qPrintable(s.blocks[b].text));
                ++checked;
            }
    QCOMPARE(checked, 2);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(72);
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(51, 51, 51, 51), QPageLayout::Point));
    auto paged = paintReportPages(m_doc, pdf);
    QVERIFY(paged);
    QCOMPARE(paged->pages, m_pageCount);
    QCOMPARE(paged->outline.size(), std::size_t(6 + 4));
    QCOMPARE(paged->contentsLinks.size(), std::size_t(6 + 4));
    for (const PdfLink &link : paged->contentsLinks)
        QCOMPARE(link.page, 1);
}

// A printer paints at its own resolution (QPrinter::HighResolution): the same pages, the same
// text where it is, nothing outside the margins. Only the chart's and the map's text, drawn
// through SVG there, is outlines rather than text.
void TestReportPdf::anyResolution()
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter pdf(&buffer);
    pdf.setResolution(1200);
    pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(51, 51, 51, 51),
                                  QPageLayout::Point));
    auto paged = paintReportPages(m_doc, pdf);
    QVERIFY2(paged, qPrintable(paged ? QString() : paged.error()));
    buffer.close();
    const QString path = m_dir.filePath(u"1200dpi.pdf"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
    file.close();
    keep(path);
    QCOMPARE(paged->pages, m_pageCount);
    const Run text = poppler(u"pdftotext"_s, {u"-layout"_s, path, u"-"_s});
    QCOMPARE(text.err, QString());
    const QStringList pages = text.out.split(u'\f');
    const int chart = pageOf(u"by severity"_s), map = pageOf(u"Red flows carry open findings."_s);
    QVERIFY(chart > 2 && map > 2);
    for (int page = 1; page <= m_pageCount; ++page) {
        if (page == chart || page == map) {
            for (const QString &word : pages[page - 1].split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts))
                QVERIFY2(pageText(page).contains(word), qPrintable(word));
        } else {
            QCOMPARE(pages[page - 1], pageText(page));
        }
    }
    const QString outside = wordsOutsideMargins(path);
    QVERIFY2(outside.isEmpty(), qPrintable(outside));
}

void TestReportPdf::writeForComparison()
{
    // Run by reproducibleAcrossProcesses in a child process (another QHash seed).
    const QByteArray out = qgetenv("ATLAS_REPORTPDF_COMPARE");
    if (out.isEmpty())
        return;
    QFile file(QString::fromLocal8Bit(out));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_pdf);
}

void TestReportPdf::reproducibleAcrossProcesses()
{
    auto again = renderPdf(m_doc);
    QVERIFY(again);
    QVERIFY(*again == m_pdf);
    const QString other = m_dir.filePath(u"other.pdf"_s);
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"ATLAS_REPORTPDF_COMPARE"_s, other);
    env.insert(u"ASAN_OPTIONS"_s, u"detect_leaks=0"_s);
    env.remove(u"QT_HASH_SEED"_s);
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {u"writeForComparison"_s});
    QVERIFY(child.waitForFinished(300000));
    QCOMPARE(child.exitCode(), 0);
    QFile file(other);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(file.readAll() == m_pdf, "another process wrote different bytes");
}

void TestReportPdf::missingMapIsANote()
{
    ReportDocument doc;
    doc.title = u"No map"_s;
    doc.sections = {mapSection(u"1. Residency map"_s)};
    auto pdf = renderPdf(doc);
    QVERIFY(pdf);
    const QString path = m_dir.filePath(u"nomap.pdf"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*pdf);
    file.close();
    const Run text = poppler(u"pdftotext"_s, {path, u"-"_s});
    QCOMPARE(text.err, QString());
    QVERIFY(text.out.contains(u"The map is not included in this report."_s));
}

void TestReportPdf::progressAndCancellation()
{
    QList<std::pair<int, int>> calls;
    std::atomic_bool cancel = false;
    auto done = renderPdf(m_doc, [&](int page, int total) { calls.append({page, total}); });
    QVERIFY(done);
    QCOMPARE(calls.size(), m_pageCount);
    QCOMPARE(calls.last(), std::pair(m_pageCount, m_pageCount));
    // Cancelled while painting (after the third page) and before starting.
    auto stopped = renderPdf(m_doc, [&](int page, int) { if (page == 3) cancel = true; }, &cancel);
    QVERIFY(!stopped);
    QCOMPARE(stopped.error(), u"cancelled"_s);
    auto never = renderPdf(m_doc, {}, &cancel);
    QVERIFY(!never);
    QCOMPARE(never.error(), u"cancelled"_s);
}

// The GUI renders on a worker thread: same bytes there.
void TestReportPdf::renderOffTheGuiThread()
{
    auto future = QtConcurrent::run([this] { return renderPdf(m_doc); });
    auto pdf = future.result();
    QVERIFY(pdf);
    QVERIFY(*pdf == m_pdf);
}

void TestReportPdf::postProcessRefusesWhatItCannotRead_data()
{
    QTest::addColumn<QByteArray>("pdf");
    QTest::addColumn<QString>("error");
    const QByteArray pdf = m_pdf;
    const qsizetype xref = pdf.lastIndexOf("startxref");
    QTest::newRow("not a PDF") << QByteArray("<html>%%EOF") << u"not a PDF file"_s;
    QTest::newRow("no startxref") << QByteArray(pdf).replace("startxref", "startxrex") << u"the PDF has no startxref"_s;
    QTest::newRow("startxref past the end") << pdf.left(xref) + "startxref\n99999999\n%%EOF\n"
                                            << u"the PDF's startxref is not an offset in the file"_s;
    QTest::newRow("xref stream") << pdf.left(xref) + "startxref\n9\n%%EOF\n"
                                 << u"the PDF uses a cross-reference stream, which is not supported"_s;
    QByteArray moved = pdf;
    moved.replace("endobj", "endobx");
    QTest::newRow("objects not where the table says") << moved << QString();
}

// Damaged or foreign input gives an error, never a crash or a half-written file; cutting the
// file anywhere must not crash either (AddressSanitizer watches).
void TestReportPdf::postProcessRefusesWhatItCannotRead()
{
    QFETCH(QByteArray, pdf);
    QFETCH(QString, error);
    for (const auto &result : {reproduciblePdf(pdf, QDate(2026, 12, 1)), addPdfOutline(pdf, {{u"x"_s, 1, 0, 0}}, {})}) {
        QVERIFY(!result);
        if (!error.isEmpty())
            QCOMPARE(result.error(), error);
    }
    for (qsizetype cut = 0; cut < m_pdf.size(); cut += m_pdf.size() / 97) {
        const QByteArray part = m_pdf.left(cut) + m_pdf.mid(cut + 7);
        static_cast<void>(reproduciblePdf(part, QDate(2026, 12, 1)));
        static_cast<void>(addPdfOutline(part, {{u"x"_s, 1, 0, 0}}, {}));
    }
}

// An update on an update: the second one's /Prev leads through the first to Qt's table.
void TestReportPdf::updatesChain()
{
    auto twice = addPdfOutline(m_pdf, {{u"Again"_s, 1, 3, 100}}, {{2, QRectF(51, 51, 100, 20), 4, 80}});
    QVERIFY2(twice, qPrintable(twice ? QString() : twice.error()));
    QVERIFY(twice->startsWith(m_pdf));
    const QString path = m_dir.filePath(u"twice.pdf"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*twice);
    file.close();
    const Run info = poppler(u"pdfinfo"_s, {path});
    QCOMPARE(info.err, QString());
    QVERIFY(info.out.contains(u"Pages:           %1"_s.arg(m_pageCount)));
    const Run xml = poppler(u"pdftohtml"_s, {u"-xml"_s, u"-stdout"_s, u"-i"_s, path});
    QCOMPARE(xml.err, QString());
    QVERIFY(xml.out.contains(u"<item page=\"4\">Again</item>"_s));
    QVERIFY(xml.out.contains(u"href=\"twice.html#5\""_s));
    // The contents' links of the first update are still there.
    QVERIFY(xml.out.contains(u"href=\"twice.html#3\""_s));
}

QTEST_MAIN(TestReportPdf)
#include "tst_reportpdf.moc"
