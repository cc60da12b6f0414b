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

namespace {

const QString hostile = QStringLiteral("<script>alert(1)</script> ) Tj ( back\\slash %%EOF");
const QString unicode = QStringLiteral("Zürich 北京 Москва");
constexpr int findingRows = 250;

// The northwind sample's map, as the report shows it.
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
    auto scene = layoutMap(buildMap(facts, findings, MapOptions{}));
    return scene ? std::make_shared<const MapScene>(std::move(*scene)) : nullptr;
}

// A chain of five workloads, laid out left to right: wider than tall.
std::shared_ptr<const MapScene> wideMap()
{
    MapGraph g;
    g.clusters = {{QStringLiteral("EU"), QStringLiteral("EU — European Economic Area (GDPR)"), 0, -1},
                  {QStringLiteral("US"), QStringLiteral("US — United States"), 0, -1}};
    const QStringList titles = {QStringLiteral("Patient intake"), QStringLiteral("Records store"), QStringLiteral("Feature pipeline"),
                                QStringLiteral("Triage training"), QStringLiteral("Model registry")};
    for (int i = 0; i < titles.size(); ++i) {
        MapNode n;
        n.id = QStringLiteral("w%1").arg(i);
        n.title = titles[i];
        n.subtitle = i < 3 ? QStringLiteral("application · aws:eu-central-1") : QStringLiteral("training · aws:us-east-1");
        n.cluster = i < 3 ? 0 : 1;
        n.workload = i;
        g.nodes.push_back(n);
        if (i > 0) {
            MapEdge e;
            e.from = i - 1;
            e.to = i;
            e.flows = {QStringLiteral("flow-%1").arg(i)};
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

QString findingId(int i) { return QStringLiteral("F-%1").arg(i, 4, 10, QLatin1Char('0')); }

ReportDocSection summary()
{
    ReportDocSection s{QStringLiteral("summary"), QStringLiteral("1. Summary"), {}, {}};
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph,
        QStringLiteral("This report states where the personal and operational data of Acme Health's AI systems is stored, "
                       "processed and transferred as of 2026-12-01, which transfers leave the data's jurisdiction of "
                       "origin, on which legal basis, and which policy findings are open. It is generated from the "
                       "inventory and the policy packs listed under provenance; every figure can be traced to them.")));
    ReportBlock chart;
    chart.kind = ReportBlock::Kind::Chart;
    chart.chart.title = QStringLiteral("Open findings by severity");
    const std::pair<const char *, RuleSeverity> bars[] = {{"critical", RuleSeverity::Critical}, {"high", RuleSeverity::High},
        {"medium", RuleSeverity::Medium}, {"low", RuleSeverity::Low}, {"info", RuleSeverity::Info}};
    double value = 3;
    for (const auto &[label, severity] : bars)
        chart.chart.bars.push_back({QString::fromUtf8(label), value *= 2, severityColour(severity), {}});
    s.blocks.push_back(chart);
    ReportBlock bullets;
    bullets.kind = ReportBlock::Kind::Bullets;
    bullets.items = {QStringLiteral("42 workloads in 4 jurisdictions (EU, US, CN, RU), 17 datasets, 63 flows."),
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
    ReportDocSection s{QStringLiteral("provenance"), QStringLiteral("2. Scope and provenance"), {}, {}};
    s.subsections = {{QStringLiteral("inputs"), QStringLiteral("2.1 Inputs")}, {QStringLiteral("unicode"), QStringLiteral("2.2 Names in other scripts")}};
    ReportTable kv;
    kv.keyValue = true;
    kv.styles = {CellStyle::Plain, CellStyle::Code};
    kv.rows = {{QStringLiteral("Tool"), QStringLiteral("Residency Atlas 0.1.0")},
               {QStringLiteral("Catalog"), QStringLiteral("embedded, sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")},
               {QStringLiteral("Hostile"), hostile},
               {QStringLiteral("Unicode"), unicode}};
    s.blocks.push_back(tableBlock(kv));
    s.blocks.push_back(text(ReportBlock::Kind::Heading, QStringLiteral("2.1 Inputs"), QStringLiteral("inputs")));
    ReportTable inputs;
    inputs.header = {QStringLiteral("File"), QStringLiteral("Format"), QStringLiteral("Bytes"), QStringLiteral("SHA-256")};
    inputs.widths = {3, 2, 1, 5};
    inputs.styles = {CellStyle::Plain, CellStyle::Plain, CellStyle::Plain, CellStyle::Code};
    inputs.rows = {{QStringLiteral("northwind-ai.yaml"), QStringLiteral("inventory"), QStringLiteral("18 204"),
                    QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")},
                   {QStringLiteral("aws:eu-central-1/eu-patient-records-raw-2024"), QStringLiteral("aws-config"),
                    QStringLiteral("1 204 112"), QStringLiteral("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")}};
    s.blocks.push_back(tableBlock(inputs));
    s.blocks.push_back(text(ReportBlock::Kind::Heading, QStringLiteral("2.2 Names in other scripts"), QStringLiteral("unicode")));
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph, QStringLiteral("Sites: ") + unicode + QStringLiteral(".")));
    return s;
}

ReportDocSection mapSection(const QString &title)
{
    ReportDocSection s{QStringLiteral("map"), title, {}, {}};
    ReportBlock map;
    map.kind = ReportBlock::Kind::Map;
    s.blocks.push_back(map);
    return s;
}

ReportDocSection findings()
{
    ReportDocSection s{QStringLiteral("findings"), QStringLiteral("4. Findings"), {}, {}};
    s.subsections = {{QStringLiteral("open"), QStringLiteral("4.1 Open findings")}, {QStringLiteral("waivers"), QStringLiteral("4.2 Waivers")}};
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph,
        QStringLiteral("Every open finding of the policy packs, most severe first. The rule, the subject and the dataset "
                       "identify a finding across reports.")));
    s.blocks.push_back(text(ReportBlock::Kind::Heading, QStringLiteral("4.1 Open findings"), QStringLiteral("open")));
    ReportTable t;
    t.header = {QStringLiteral("Finding"), QStringLiteral("Severity"), QStringLiteral("Rule"), QStringLiteral("Subject"), QStringLiteral("Message")};
    t.widths = {2, 2, 3, 5, 7};
    t.styles = {CellStyle::Code, CellStyle::Severity, CellStyle::Plain, CellStyle::Code, CellStyle::Plain};
    const QStringList severities = {QStringLiteral("critical"), QStringLiteral("high"), QStringLiteral("medium"), QStringLiteral("low"), QStringLiteral("info")};
    for (int i = 1; i <= findingRows; ++i) {
        QString message = QStringLiteral("Restricted personal data leaves the EU without an adequacy decision or safeguards.");
        if (i % 7 == 0)
            message += QStringLiteral(" The flow carries patient records to a training job; pseudonymise before transfer "
                                      "or keep training in the EU, and document the transfer impact assessment.");
        t.rows.push_back({findingId(i), severities[i % 5], QStringLiteral("transfer.no-safeguard"),
                          i % 3 == 0 ? QStringLiteral("aws:eu-central-1/eu-patient-records-raw-2024") : QStringLiteral("flow/ehr-to-us-training"),
                          message});
    }
    t.total = 2345;
    t.overflow = QStringLiteral("Showing 250 of 2 345. The full list: findings.csv, report.json.");
    s.blocks.push_back(tableBlock(t));
    s.blocks.push_back(text(ReportBlock::Kind::Heading, QStringLiteral("4.2 Waivers"), QStringLiteral("waivers")));
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph, QStringLiteral("No waivers are in force.")));
    return s;
}

ReportDocSection transfers()
{
    ReportDocSection s{QStringLiteral("transfers"), QStringLiteral("5. Transfer register"), {}, {}};
    ReportTable t;
    t.header = {QStringLiteral("Transfer"), QStringLiteral("From → to"), QStringLiteral("Basis"), QStringLiteral("Residual risk")};
    t.widths = {4, 3, 3, 2};
    t.styles = {CellStyle::Code, CellStyle::Plain, CellStyle::Muted, CellStyle::Risk};
    t.rows = {{QStringLiteral("ehr-to-us-training"), QStringLiteral("EU → US"), QStringLiteral("none"), QStringLiteral("very high")},
              {QStringLiteral("crm-to-cn-support"), QStringLiteral("EU → CN"), QStringLiteral("SCC 2021/914"), QStringLiteral("high")},
              {QStringLiteral("telemetry-to-ru"), QStringLiteral("EU → RU"), QStringLiteral("consent"), QStringLiteral("medium")},
              {QStringLiteral("backup-to-ch"), QStringLiteral("EU → CH"), QStringLiteral("adequacy"), QStringLiteral("low")},
              {hostile, unicode, QStringLiteral("none"), QStringLiteral("unknown")}};
    s.blocks.push_back(tableBlock(t));
    return s;
}

ReportDocSection signOff()
{
    ReportDocSection s{QStringLiteral("sign-off"), QStringLiteral("6. Sign-off"), {}, {}};
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph, QStringLiteral("Reviewed by the data protection officer.")));
    s.blocks.push_back(text(ReportBlock::Kind::PageBreak, {}));
    s.blocks.push_back(text(ReportBlock::Kind::Paragraph, QStringLiteral("Signature: ____________________   Date: __________")));
    return s;
}

ReportDocument syntheticDocument(std::shared_ptr<const MapScene> map)
{
    ReportDocument doc;
    doc.title = QStringLiteral("Data residency and transfer report");
    doc.organisation = QStringLiteral("Acme Health GmbH");
    doc.asOf = QStringLiteral("2026-12-01");
    doc.coverLines = {QStringLiteral("Scope: 42 workloads, 17 datasets, 63 flows in EU, US, CN and RU"),
                      QStringLiteral("Policy packs: built-in (31 rules), acme-health.yaml (6 rules)"),
                      QStringLiteral("Residency Atlas 0.1.0 · inputs sha256 e3b0c442…7852b855")};
    doc.header = QStringLiteral("Residency Atlas · Acme Health GmbH · as of 2026-12-01");
    doc.footer = QStringLiteral("Confidential: prepared for the supervisory authority");
    doc.sections = {summary(), provenance(), mapSection(QStringLiteral("3. Residency map")), findings(), transfers(), signOff()};
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
    const Run bbox = poppler(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), path, QStringLiteral("-")});
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
                return QStringLiteral("page %1: \u201c%2\u201d at %3,%4–%5,%6").arg(page).arg(reader.readElementText())
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
    void textStaysInsideMargins();
    void tallRowsContinue();
    void wideMapGetsLandscapePage();
    void headingsKeepWithText();
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
    m_path = m_dir.filePath(QStringLiteral("report.pdf"));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(m_pdf) == m_pdf.size());
    file.close();
    keep(m_path);
    const Run info = poppler(QStringLiteral("pdfinfo"), {m_path});
    const QRegularExpressionMatch pages = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info.out);
    QVERIFY(pages.hasMatch());
    m_pageCount = pages.captured(1).toInt();
    const Run text = poppler(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), m_path, QStringLiteral("-")});
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
    const Run info = poppler(QStringLiteral("pdfinfo"), {m_path});
    QCOMPARE(info.exitCode, 0);
    QCOMPARE(info.err, QString());
    QVERIFY(info.out.contains(QStringLiteral("Title:           Data residency and transfer report")));
    QVERIFY(info.out.contains(QStringLiteral("Creator:         Residency Atlas")));
    QVERIFY(info.out.contains(QStringLiteral("CreationDate:    Tue Dec  1 00:00:00 2026 UTC")));
    QVERIFY(m_pageCount > 8);
    for (const QStringList &args : {QStringList{m_path, QStringLiteral("-")},
                                    QStringList{QStringLiteral("-xml"), QStringLiteral("-stdout"), QStringLiteral("-i"), m_path}}) {
        const Run run = poppler(args.size() == 2 ? QStringLiteral("pdftotext") : QStringLiteral("pdftohtml"), args);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.err, QString());
    }
    // Every page dictionary is still found through the incremental update.
    const Run sizes = poppler(QStringLiteral("pdfinfo"), {QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                                                           QString::number(m_pageCount), m_path});
    QCOMPARE(sizes.err, QString());
    QCOMPARE(sizes.out.count(QRegularExpression(QStringLiteral("Page +\\d+ size:"))), m_pageCount);
}

void TestReportPdf::contentsAndPageNumbers()
{
    // The cover: title, organisation, date, no running header or footer.
    QVERIFY(pageText(1).simplified().contains(m_doc.title)); // the title may wrap
    QVERIFY(pageText(1).contains(QStringLiteral("as of 2026-12-01")));
    QVERIFY(!pageText(1).contains(QStringLiteral("Page ")));
    QVERIFY(!pageText(1).contains(m_doc.header));
    // Every later page: header, footer, "Page x of N".
    for (int page = 2; page <= m_pageCount; ++page) {
        QVERIFY2(pageText(page).contains(QStringLiteral("Page %1 of %2").arg(page).arg(m_pageCount)), qPrintable(QString::number(page)));
        QVERIFY(pageText(page).contains(m_doc.header));
        QVERIFY(pageText(page).contains(m_doc.footer));
    }
    // The contents list every section and sub-section with the page it starts on.
    const QString contents = pageText(2);
    QVERIFY(contents.contains(QStringLiteral("Contents")));
    for (const ReportDocSection &s : m_doc.sections) {
        const int page = pageOf(s.title);
        QVERIFY2(page > 2, qPrintable(s.title));
        QVERIFY2(contents.contains(QRegularExpression(QRegularExpression::escape(s.title) + QStringLiteral(" +%1\\n").arg(page))),
                 qPrintable(s.title));
        for (const auto &[anchor, title] : s.subsections) {
            const int sub = pageOf(title);
            QVERIFY2(sub >= page, qPrintable(title));
            QVERIFY2(contents.contains(QRegularExpression(QRegularExpression::escape(title) + QStringLiteral(" +%1\\n").arg(sub))),
                     qPrintable(title));
        }
    }
}

void TestReportPdf::tableHeaderRepeatsAndRowsStayWhole()
{
    const QRegularExpression header(QStringLiteral("Finding +Severity +Rule +Subject +Message"));
    QList<int> pages;
    for (int i = 1; i <= findingRows; ++i) {
        int found = 0, page = 0;
        for (int p = 3; p <= m_pageCount; ++p)
            if (pageText(p).contains(QRegularExpression(QStringLiteral("\\b%1\\b").arg(findingId(i)))))
                ++found, page = p;
        QCOMPARE(found, 1);
        if (!pages.contains(page))
            pages.append(page);
    }
    QVERIFY2(pages.size() >= 3, "the table should span pages");
    for (int page : pages)
        QVERIFY2(pageText(page).contains(header), qPrintable(QStringLiteral("page %1").arg(page)));
    // A row's message (which wraps) is on the page of its id: rows are not split.
    const int lastPage = pages.last();
    QVERIFY(pageText(lastPage).contains(findingId(findingRows)));
    QVERIFY(pageText(lastPage).contains(QStringLiteral("Showing 250 of 2 345.")) || pageText(lastPage + 1).contains(QStringLiteral("Showing 250 of 2 345.")));
    // The long id wraps inside its cell instead of running over the next column.
    QVERIFY(!pageText(pages.first()).contains(QStringLiteral("eu-patient-records-raw-2024flow")));
}

void TestReportPdf::outlineListsSections()
{
    const Run xml = poppler(QStringLiteral("pdftohtml"), {QStringLiteral("-xml"), QStringLiteral("-stdout"), QStringLiteral("-i"), m_path});
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
    const Run xml = poppler(QStringLiteral("pdftohtml"), {QStringLiteral("-xml"), QStringLiteral("-stdout"), QStringLiteral("-i"), m_path});
    const QString contents = xml.out.section(QStringLiteral("<page number=\"2\""), 1).section(QStringLiteral("</page>"), 0, 0);
    for (const ReportDocSection &s : m_doc.sections) {
        const QRegularExpression link(QStringLiteral("<a href=\"[^\"#]*#(\\d+)\">(<b>)?") + QRegularExpression::escape(s.title.toHtmlEscaped()));
        const QRegularExpressionMatch m = link.match(contents);
        QVERIFY2(m.hasMatch(), qPrintable(s.title));
        QCOMPARE(m.captured(1).toInt(), pageOf(s.title));
    }
}

void TestReportPdf::hostileAndUnicodeTextVerbatim()
{
    const Run raw = poppler(QStringLiteral("pdftotext"), {m_path, QStringLiteral("-")});
    QCOMPARE(raw.err, QString());
    QVERIFY2(raw.out.contains(hostile), qPrintable(hostile));
    // DejaVu has no Han glyphs: 北京 needs a CJK font that fontconfig can fall back to.
    const bool cjk = !QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty();
    if (cjk) {
        QVERIFY2(raw.out.contains(unicode), qPrintable(unicode));
    } else {
        qWarning("no CJK font installed (fonts-wqy-microhei): checking the Latin and Cyrillic names only");
        QVERIFY(raw.out.contains(QStringLiteral("Zürich")));
        QVERIFY(raw.out.contains(QStringLiteral("Москва")));
    }
    const Run info = poppler(QStringLiteral("pdfinfo"), {m_path});
    QCOMPARE(info.err, QString());
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
        words.append(QStringLiteral("w%1").arg(i, 4, 10, QLatin1Char('0')));
    ReportTable t;
    t.header = {QStringLiteral("Key"), QStringLiteral("Long value")};
    t.widths = {1, 3};
    t.rows = {{QStringLiteral("before"), QStringLiteral("a short row")},
              {QStringLiteral("tall\nrow"), words.join(u' ')},
              {QString(400, u'x'), QStringLiteral("after")}};
    ReportDocument doc;
    doc.title = QStringLiteral("Tall rows");
    doc.sections = {{QStringLiteral("t"), QStringLiteral("1. Tall"), {tableBlock(t)}, {}}};
    auto pdf = renderPdf(doc);
    QVERIFY(pdf);
    const QString path = m_dir.filePath(QStringLiteral("tall.pdf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*pdf);
    file.close();
    keep(path);
    const Run text = poppler(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    QCOMPARE(text.err, QString());
    const QStringList pages = text.out.split(u'\f');
    QVERIFY(pages.size() >= 5); // cover, contents, three pages of the tall row
    for (const QString &w : words)
        QVERIFY2(text.out.count(w) == 1, qPrintable(w));
    for (int page = 3; page < pages.size() - 1; ++page)
        QVERIFY2(pages[page].contains(QStringLiteral("Long value")), qPrintable(QString::number(page + 1)));
    QVERIFY(pages[2].contains(QStringLiteral("tall\nrow")));
    QCOMPARE(text.out.count(u'x'), 400);
    // The tall row's last part is only as tall as its lines: the next row follows it.
    const qsizetype last = text.out.indexOf(QStringLiteral("w1500"));
    QVERIFY(text.out.indexOf(u'\f', last) > text.out.indexOf(QStringLiteral("after")));
    QVERIFY(text.out.contains(QStringLiteral("after")));
    const QString outside = wordsOutsideMargins(path);
    QVERIFY2(outside.isEmpty(), qPrintable(outside));
}

void TestReportPdf::wideMapGetsLandscapePage()
{
    // The sample's map is taller than wide: a portrait page of its own, with its caption.
    const QRegularExpression portrait(QStringLiteral("size:\\s+595 x 842")), landscape(QStringLiteral("size:\\s+842 x 595"));
    const int page = pageOf(QStringLiteral("Red flows carry open findings."));
    QVERIFY(page > 2);
    QVERIFY(pageText(page).contains(QStringLiteral("3. Residency map")));
    QVERIFY(m_doc.map->bounds.height() > m_doc.map->bounds.width());
    const auto sizes = [](const QString &path, int from, int to) {
        return poppler(QStringLiteral("pdfinfo"), {QStringLiteral("-f"), QString::number(from), QStringLiteral("-l"), QString::number(to), path}).out;
    };
    QVERIFY(!sizes(m_path, 1, m_pageCount).contains(landscape));

    // A wide map turns its page to landscape; the page after it is portrait again.
    ReportDocument doc = m_doc;
    doc.map = wideMap();
    QVERIFY(doc.map && doc.map->bounds.width() > doc.map->bounds.height());
    doc.sections = {m_doc.sections[0], mapSection(QStringLiteral("2. Residency map")), m_doc.sections[4]};
    auto pdf = renderPdf(doc);
    QVERIFY(pdf);
    const QString path = m_dir.filePath(QStringLiteral("wide.pdf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*pdf);
    file.close();
    keep(path);
    const Run info = poppler(QStringLiteral("pdfinfo"), {path});
    QCOMPARE(info.err, QString());
    QVERIFY(info.out.contains(QStringLiteral("Pages:           5")));
    QVERIFY(sizes(path, 4, 4).contains(landscape));
    QVERIFY(sizes(path, 5, 5).contains(portrait));
    const QString text = poppler(QStringLiteral("pdftotext"), {QStringLiteral("-f"), QStringLiteral("4"), QStringLiteral("-l"), QStringLiteral("4"), path, QStringLiteral("-")}).out;
    QVERIFY(text.contains(QStringLiteral("Red flows carry open findings.")));
    QVERIFY(text.contains(QStringLiteral("Page 4 of 5")));
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
    const QString other = m_dir.filePath(QStringLiteral("other.pdf"));
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ATLAS_REPORTPDF_COMPARE"), other);
    env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("detect_leaks=0"));
    env.remove(QStringLiteral("QT_HASH_SEED"));
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("writeForComparison")});
    QVERIFY(child.waitForFinished(300000));
    QCOMPARE(child.exitCode(), 0);
    QFile file(other);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY2(file.readAll() == m_pdf, "another process wrote different bytes");
}

void TestReportPdf::missingMapIsANote()
{
    ReportDocument doc;
    doc.title = QStringLiteral("No map");
    doc.sections = {mapSection(QStringLiteral("1. Residency map"))};
    auto pdf = renderPdf(doc);
    QVERIFY(pdf);
    const QString path = m_dir.filePath(QStringLiteral("nomap.pdf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*pdf);
    file.close();
    const Run text = poppler(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    QCOMPARE(text.err, QString());
    QVERIFY(text.out.contains(QStringLiteral("The map is not included in this report.")));
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
    QCOMPARE(stopped.error(), QStringLiteral("cancelled"));
    auto never = renderPdf(m_doc, {}, &cancel);
    QVERIFY(!never);
    QCOMPARE(never.error(), QStringLiteral("cancelled"));
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
    QTest::newRow("not a PDF") << QByteArray("<html>%%EOF") << QStringLiteral("not a PDF file");
    QTest::newRow("no startxref") << QByteArray(pdf).replace("startxref", "startxrex") << QStringLiteral("the PDF has no startxref");
    QTest::newRow("startxref past the end") << pdf.left(xref) + "startxref\n99999999\n%%EOF\n"
                                            << QStringLiteral("the PDF's startxref is not an offset in the file");
    QTest::newRow("xref stream") << pdf.left(xref) + "startxref\n9\n%%EOF\n"
                                 << QStringLiteral("the PDF uses a cross-reference stream, which is not supported");
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
    for (const auto &result : {reproduciblePdf(pdf, QDate(2026, 12, 1)), addPdfOutline(pdf, {{QStringLiteral("x"), 1, 0, 0}}, {})}) {
        QVERIFY(!result);
        if (!error.isEmpty())
            QCOMPARE(result.error(), error);
    }
    for (qsizetype cut = 0; cut < m_pdf.size(); cut += m_pdf.size() / 97) {
        const QByteArray part = m_pdf.left(cut) + m_pdf.mid(cut + 7);
        static_cast<void>(reproduciblePdf(part, QDate(2026, 12, 1)));
        static_cast<void>(addPdfOutline(part, {{QStringLiteral("x"), 1, 0, 0}}, {}));
    }
}

// An update on an update: the second one's /Prev leads through the first to Qt's table.
void TestReportPdf::updatesChain()
{
    auto twice = addPdfOutline(m_pdf, {{QStringLiteral("Again"), 1, 3, 100}}, {{2, QRectF(51, 51, 100, 20), 4, 80}});
    QVERIFY2(twice, qPrintable(twice ? QString() : twice.error()));
    QVERIFY(twice->startsWith(m_pdf));
    const QString path = m_dir.filePath(QStringLiteral("twice.pdf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(*twice);
    file.close();
    const Run info = poppler(QStringLiteral("pdfinfo"), {path});
    QCOMPARE(info.err, QString());
    QVERIFY(info.out.contains(QStringLiteral("Pages:           %1").arg(m_pageCount)));
    const Run xml = poppler(QStringLiteral("pdftohtml"), {QStringLiteral("-xml"), QStringLiteral("-stdout"), QStringLiteral("-i"), path});
    QCOMPARE(xml.err, QString());
    QVERIFY(xml.out.contains(QStringLiteral("<item page=\"4\">Again</item>")));
    QVERIFY(xml.out.contains(QStringLiteral("href=\"twice.html#5\"")));
    // The contents' links of the first update are still there.
    QVERIFY(xml.out.contains(QStringLiteral("href=\"twice.html#3\"")));
}

QTEST_MAIN(TestReportPdf)
#include "tst_reportpdf.moc"
