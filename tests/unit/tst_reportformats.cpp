// The report's formats other than PDF (reportformat.h), on a real analysis of a small inventory
// whose names are hostile and a hand-built model and document full of markup, formulas, quotes,
// line breaks and non-ASCII text (reportfixture.h): the HTML escapes every text
// (its SVG too), loads nothing from outside and is balanced; the CSV tables are RFC 4180, read
// back cell for cell and neutralise every formula; the processing table has the ICO template's
// columns word for word; the JSON parses, has the documented members and check's findings; the
// SARIF is check's to the byte; every format gives the same bytes twice and reports a failed
// write and a cancellation.
#include "findingsreport.h"
#include "reportfixture.h"
#include "reportformat.h"

#include <QBuffer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace atlas;
using namespace atlas::test::hostile;
using namespace Qt::StringLiterals;


namespace {

// A rendering: its bytes, or what went wrong.
struct Rendered
{
    QByteArray bytes;
    QString error;
};

Rendered render(const QString &id, const Report &report, const ReportDocument &document, const AnalysisSnapshot &a,
                const std::atomic_bool *cancel = nullptr)
{
    const ReportFormat *format = reportFormat(id);
    if (!format)
        return {{}, u"no format "_s + id};
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const ReportRenderInput in{report, document, a, {}, cancel};
    const auto result = format->write(in, buffer);
    return {buffer.data(), result ? QString() : result.error()};
}

// A device whose every write fails, as a full disk does.
class FailingDevice : public QIODevice
{
public:
    FailingDevice() { open(QIODevice::WriteOnly); }

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *, qint64) override
    {
        setErrorString(u"disk full"_s);
        return -1;
    }
};

// ---- a small RFC 4180 reader, to read the tables back ---------------------------------------

struct Csv
{
    QList<QStringList> rows;
    QString error;
};

Csv parseCsv(const QByteArray &bytes)
{
    Csv csv;
    if (!bytes.startsWith("\xEF\xBB\xBF")) {
        csv.error = u"no byte-order mark"_s;
        return csv;
    }
    const QString text = QString::fromUtf8(bytes.mid(3));
    QStringList row;
    QString cell;
    bool inQuotes = false, quotedCell = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inQuotes) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                cell += u'"';
                ++i;
            } else if (c == u'"') {
                inQuotes = false;
            } else {
                cell += c;
            }
        } else if (c == u'"') {
            if (!cell.isEmpty() || quotedCell) {
                csv.error = u"quote inside an unquoted cell at "_s + QString::number(i);
                return csv;
            }
            inQuotes = quotedCell = true;
        } else if (c == u',') {
            row << cell;
            cell.clear();
            quotedCell = false;
        } else if (c == u'\r') {
            if (i + 1 >= text.size() || text[i + 1] != u'\n') {
                csv.error = u"bare CR at "_s + QString::number(i);
                return csv;
            }
            row << cell;
            csv.rows << row;
            row.clear();
            cell.clear();
            quotedCell = false;
            ++i;
        } else if (c == u'\n') {
            csv.error = u"bare LF (not CRLF) at "_s + QString::number(i);
            return csv;
        } else {
            cell += c;
        }
    }
    if (inQuotes || !row.isEmpty() || !cell.isEmpty())
        csv.error = u"the last row does not end with CRLF"_s;
    return csv;
}

// ---- HTML checks -----------------------------------------------------------------------------

// Every element closed in order (void elements and SVG's "/>" aside): well-formed enough that
// no text of ours opened or closed an element.
QString unbalancedTag(const QString &html)
{
    static const QSet<QString> voids{u"meta"_s, u"br"_s, u"col"_s, u"link"_s, u"img"_s, u"hr"_s, u"input"_s};
    static const QRegularExpression tag(u"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)>"_s);
    QStringList open;
    for (QRegularExpressionMatchIterator it = tag.globalMatch(html); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString name = m.captured(2).toLower();
        if (voids.contains(name) || m.captured(3).endsWith(u'/'))
            continue;
        if (m.captured(1).isEmpty()) {
            open << name;
        } else if (open.isEmpty() || open.takeLast() != name) {
            return u"</"_s + name + u"> at "_s + QString::number(m.capturedStart());
        }
    }
    return open.isEmpty() ? QString() : u"unclosed <"_s + open.join(u"> <"_s) + u'>';
}

int count(const QString &haystack, const QString &needle)
{
    return int(haystack.count(needle, Qt::CaseInsensitive));
}

} // namespace

class TestReportFormats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void registryOrder();
    void formatForPath_data();
    void formatForPath();
    void htmlIsSelfContainedAndEscaped();
    void htmlLinksEverySection();
    void htmlFiguresAreInlineSvg();
    void jsonHasTheDocumentedMembers();
    void jsonFindingsAreChecks();
    void jsonValues();
    void csvTablesReadBack_data();
    void csvTablesReadBack();
    void csvNeutralisesFormulas();
    void processingHasTheIcoColumns();
    void sarifIsChecks();
    void deterministic_data();
    void deterministic();
    void writeFailureIsAnError_data();
    void writeFailureIsAnError();
    void cancelStops_data();
    void cancelStops();
};

void TestReportFormats::registryOrder()
{
    QStringList ids;
    for (const auto &f : reportFormats())
        ids << f->id();
    QCOMPARE(ids, (QStringList{u"pdf"_s, u"html"_s, u"json"_s, u"findings-csv"_s, u"processing-csv"_s, u"transfers-csv"_s, u"sarif"_s}));
    for (const auto &f : reportFormats()) {
        QCOMPARE(reportFormat(f->id()), f.get());
        QVERIFY(f->fileName().endsWith(u'.' + f->extension()));
    }
    QCOMPARE(reportFormat(u"html"_s)->fileName(), u"report.html"_s);
    QCOMPARE(reportFormat(u"json"_s)->fileName(), u"report.json"_s);
    QCOMPARE(reportFormat(u"findings-csv"_s)->fileName(), u"findings.csv"_s);
    QCOMPARE(reportFormat(u"processing-csv"_s)->fileName(), u"record-of-processing.csv"_s);
    QCOMPARE(reportFormat(u"transfers-csv"_s)->fileName(), u"transfer-register.csv"_s);
    QCOMPARE(reportFormat(u"sarif"_s)->fileName(), u"report.sarif"_s);
    QCOMPARE(reportFormat(u"docx"_s), nullptr);
}

void TestReportFormats::formatForPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("format"); // "" = none
    QTest::newRow("pdf") << u"out/report.pdf"_s << u"findings"_s << u"pdf"_s;
    QTest::newRow("PDF upper") << u"REPORT.PDF"_s << u"findings"_s << u"pdf"_s;
    QTest::newRow("html") << u"r.html"_s << u"findings"_s << u"html"_s;
    QTest::newRow("htm") << u"r.htm"_s << u"findings"_s << u"html"_s;
    QTest::newRow("json") << u"r.json"_s << u"findings"_s << u"json"_s;
    QTest::newRow("sarif") << u"r.sarif"_s << u"findings"_s << u"sarif"_s;
    QTest::newRow("sarif.json") << u"r.sarif.json"_s << u"findings"_s << u"sarif"_s;
    QTest::newRow("csv findings") << u"f.csv"_s << u"findings"_s << u"findings-csv"_s;
    QTest::newRow("csv processing") << u"ropa.CSV"_s << u"processing"_s << u"processing-csv"_s;
    QTest::newRow("csv transfers") << u"t.csv"_s << u"transfers"_s << u"transfers-csv"_s;
    QTest::newRow("csv unknown table") << u"t.csv"_s << u"waivers"_s << QString();
    QTest::newRow("unknown extension") << u"r.docx"_s << u"findings"_s << QString();
    QTest::newRow("no extension") << u"report"_s << u"findings"_s << QString();
}

void TestReportFormats::formatForPath()
{
    QFETCH(QString, path);
    QFETCH(QString, table);
    QFETCH(QString, format);
    const ReportFormat *f = reportFormatForPath(path, table);
    QCOMPARE(f ? f->id() : QString(), format);
}

void TestReportFormats::htmlIsSelfContainedAndEscaped()
{
    const auto a = hostileAnalysis();
    const Report report = hostileReport(*a);
    const ReportDocument document = hostileDocument(*a);
    const Rendered r = render(u"html"_s, report, document, *a);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    const QString html = QString::fromUtf8(r.bytes);
    QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
    // Nothing executes and nothing loads.
    QCOMPARE(count(html, u"<script"_s), 0);
    QCOMPARE(count(html, u"onmouseover=\""_s), 0);
    for (const QString &loader : {u"<link"_s, u"<img"_s, u"<iframe"_s, u"<object"_s, u"<embed"_s, u"src="_s, u"@import"_s, u"url(http"_s, u"url(//"_s})
        QVERIFY2(count(html, loader) == 0, qPrintable(loader));
    QVERIFY(html.contains(u"Content-Security-Policy\" content=\"default-src 'none'"_s));
    // The only links to the web are <a href> (not loaded); a javascript: text is not a link.
    static const QRegularExpression hrefs(u"<(\\w+)[^<>]*\\bhref=\"(?!#)"_s);
    for (QRegularExpressionMatchIterator it = hrefs.globalMatch(html); it.hasNext();)
        QCOMPARE(it.next().captured(1), u"a"_s);
    QVERIFY(html.contains(u"<a href=\"https://example.org/law?a=1&amp;b=2\" rel=\"noopener noreferrer\">"_s));
    QCOMPARE(count(html, u"href=\"javascript"_s), 0);
    // The input's text is there, escaped.
    QVERIFY(html.contains(u"&lt;script&gt;alert(1)&lt;/script&gt;"_s));
    QVERIFY(html.contains(u"&quot; onmouseover=&quot;x"_s));
    QVERIFY(html.contains(u"Showing 3 of 250 &lt;rows&gt;."_s));
    QVERIFY(html.contains(u"first line<br>second line"_s));
    QVERIFY(html.contains(unicode));
    QVERIFY(html.contains(u"<td><span class=\"tag sev-high\">high</span></td>"_s));
    QVERIFY(html.contains(u"<span class=\"tag risk-very-high\">very high</span>"_s));
    QVERIFY(html.contains(u"<span class=\"tag\">&lt;b&gt;bold&lt;/b&gt;</span>"_s)); // no severity: a plain tag
    QVERIFY(html.contains(u"<td class=\"code\">&lt;script&gt;"_s));
    QVERIFY(html.contains(u"<td class=\"num\">1,024</td>"_s));
    QVERIFY(html.contains(u"<div class=\"note\" role=\"note\"><p>Not legal advice &amp; not a &lt;b&gt;guarantee&lt;/b&gt;.</p></div>"_s));
    // Balanced: no text opened or closed an element.
    const QString unbalanced = unbalancedTag(html);
    QVERIFY2(unbalanced.isEmpty(), qPrintable(unbalanced));
    QCOMPARE(count(html, u"<table"_s), count(html, u"</table>"_s));
    QCOMPARE(count(html, u"<table"_s), 2);
    QCOMPARE(count(html, u"<thead>"_s), 1); // the key-value table has no header row
    QCOMPARE(count(html, u"<section"_s), int(document.sections.size()));
    // Print: the nav hidden, header rows repeated, rows and figures unbroken.
    QVERIFY(html.contains(u"@media print"_s));
    QVERIFY(html.contains(u"nav.toc{display:none}"_s));
    QVERIFY(html.contains(u"thead{display:table-header-group}"_s));
    QVERIFY(html.contains(u"tr,figure,.note,.cover{break-inside:avoid}"_s));
}

void TestReportFormats::htmlLinksEverySection()
{
    const auto a = hostileAnalysis();
    const Report report = hostileReport(*a);
    ReportDocument document = hostileDocument(*a);
    // Two ids that sanitise alike stay distinct, and the TOC points at what is there.
    ReportDocSection odd{u"odd id\"><b>"_s, u"5. Odd"_s, {}, {}};
    ReportDocSection twin{u"odd-id---b-"_s, u"6. Twin"_s, {}, {}};
    ReportDocSection top{u"top"_s, u"7. Top"_s, {}, {}};       // the cover's id
    ReportDocSection nameless{QString(), u"8. No id"_s, {}, {}};
    document.sections.insert(document.sections.end(), {odd, twin, top, nameless});
    const QString html = QString::fromUtf8(render(u"html"_s, report, document, *a).bytes);
    static const QRegularExpression idAttr(u"\\bid=\"([^\"]*)\""_s);
    QSet<QString> ids;
    for (QRegularExpressionMatchIterator it = idAttr.globalMatch(html); it.hasNext();) {
        const QString id = it.next().captured(1);
        QVERIFY2(!ids.contains(id), qPrintable(u"duplicate id "_s + id));
        ids.insert(id);
    }
    for (const ReportDocSection &s : {document.sections[0], document.sections[1], document.sections[2], document.sections[3]}) {
        QVERIFY2(ids.contains(s.id), qPrintable(s.id));
        QVERIFY(html.contains(u"<a href=\"#"_s + s.id + u"\">"_s));
        for (const auto &[anchor, title] : s.subsections) {
            QVERIFY2(ids.contains(anchor), qPrintable(anchor));
            QVERIFY(html.contains(u"<a href=\"#"_s + anchor + u"\">"_s + title.toHtmlEscaped() + u"</a>"_s));
        }
    }
    QVERIFY(html.contains(u"<section id=\"odd-id---b-\">"_s));
    QVERIFY(html.contains(u"<section id=\"odd-id---b--2\">"_s));
    QVERIFY(html.contains(u"<a href=\"#odd-id---b-\">5. Odd</a>"_s));
    QVERIFY(html.contains(u"<a href=\"#odd-id---b--2\">6. Twin</a>"_s));
    QVERIFY(html.contains(u"<section id=\"top-2\">"_s));
    QVERIFY(html.contains(u"<section id=\"section-8\">"_s));
    QVERIFY(html.contains(u"<a href=\"#section-8\">8. No id</a>"_s));
    // Every in-page link has its target.
    static const QRegularExpression fragment(u"href=\"#([^\"]*)\""_s);
    for (QRegularExpressionMatchIterator it = fragment.globalMatch(html); it.hasNext();) {
        const QString target = it.next().captured(1);
        QVERIFY2(ids.contains(target), qPrintable(target));
    }
}

void TestReportFormats::htmlFiguresAreInlineSvg()
{
    const auto a = hostileAnalysis();
    const Report report = hostileReport(*a);
    const ReportDocument document = hostileDocument(*a);
    const QString html = QString::fromUtf8(render(u"html"_s, report, document, *a).bytes);
    QCOMPARE(count(html, u"<svg "_s), 2); // the chart and the map
    QCOMPARE(count(html, u"</svg>"_s), 2);
    QCOMPARE(count(html, u"<?xml"_s), 0);
    QVERIFY(!html.contains(u"figure left out"_s));
    // The painted text is escaped by QSvgGenerator: the map's node and the chart's bar.
    QVERIFY(html.contains(u"&lt;script&gt;alert(3)"_s)); // elided to the node's width
    QVERIFY(html.contains(u"&lt;script&gt;alert(2)&lt;/script&gt;"_s));
    QVERIFY(html.contains(u"1 &amp; more"_s));
    // Our own titles are escaped too, and the map scales with the page.
    QVERIFY(html.contains(u"<title>Open findings &lt;by&gt; severity</title>"_s));
    QVERIFY(html.contains(u"<figcaption>Map of &lt;script&gt;"_s));
    const QSizeF size = document.map->bounds.size();
    QVERIFY(html.contains(u"viewBox=\"0 0 "_s + QString::number(size.width(), 'f', 2) + u' ' + QString::number(size.height(), 'f', 2) + u'"'));
    QVERIFY(html.contains(u"figure svg{display:block;width:100%;height:auto}"_s));
    // Ids inside figures are per figure (no two "gradient1" in one page).
    static const QRegularExpression svgIds(u"<(?!section|h3|header)\\w+[^<>]*\\bid=\"([^\"]*)\""_s);
    for (QRegularExpressionMatchIterator it = svgIds.globalMatch(html); it.hasNext();)
        QVERIFY(it.next().captured(1).startsWith(u"fig"_s));
}

void TestReportFormats::jsonHasTheDocumentedMembers()
{
    const auto a = hostileAnalysis();
    const Report report = hostileReport(*a);
    const Rendered r = render(u"json"_s, report, hostileDocument(*a), *a);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.bytes, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject o = doc.object();
    QStringList expected{u"actions"_s, u"as_of"_s, u"assessments"_s, u"changes"_s, u"coverage"_s, u"disclaimer"_s, u"findings"_s,
                         u"format"_s, u"format_version"_s, u"glossary"_s, u"keys"_s, u"laws"_s, u"limitations"_s, u"lineage"_s,
                         u"organisation"_s, u"overview"_s, u"processing"_s, u"provenance"_s, u"retention"_s, u"rules"_s, u"scenarios"_s,
                         u"sections"_s, u"summary"_s, u"title"_s, u"transfers"_s, u"waivers"_s, u"workloads"_s};
    QCOMPARE(o.keys(), expected);
    QCOMPARE(r.bytes, doc.toJson(QJsonDocument::Indented)); // JsonStream: QJsonDocument's bytes
    QCOMPARE(o[u"format"_s].toString(), u"residency-atlas-report"_s);
    QCOMPARE(o[u"format_version"_s].toInt(), 1);
    QCOMPARE(o[u"as_of"_s].toString(), u"2026-12-01"_s);
    QCOMPARE(o[u"title"_s].toString(), script);
    QCOMPARE(o[u"organisation"_s].toString(), report.organisation);
    QCOMPARE(o[u"coverage"_s].toObject(), coverageJson(report.coverage));
    // Sections: the chosen ones, with their ids; the parts of the others are there all the same.
    QStringList sections;
    for (const QJsonValue &s : o[u"sections"_s].toArray())
        sections << s[u"id"_s].toString();
    QVERIFY(!sections.contains(u"scenarios"_s));
    QVERIFY(sections.contains(u"transfers"_s));
    QCOMPARE(sections.size(), qsizetype(reportSections().size()) - 2);
    QCOMPARE(o[u"waivers"_s].toArray().size(), qsizetype(1));
    QCOMPARE(o[u"transfers"_s].toArray().size(), qsizetype(2));
    QVERIFY(o[u"scenarios"_s].isNull());
    QVERIFY(o[u"changes"_s].isNull());
}

void TestReportFormats::jsonFindingsAreChecks()
{
    const auto a = hostileAnalysis();
    const Report report = hostileReport(*a);
    QVERIFY(report.findings.size() >= 2);
    const QJsonObject o = QJsonDocument::fromJson(render(u"json"_s, report, hostileDocument(*a), *a).bytes).object();
    QBuffer check;
    check.open(QIODevice::WriteOnly);
    const FindingsReportInput in{*a->inventory, *a->rules(), report.findings, RuleSeverity::High, a->asOf,
                                 a->catalog->newestAsOf(), a->disabled, a->warnings, a->coverage};
    QVERIFY(writeFindings(in, FindingsFormat::Json, check));
    const QJsonArray expected = QJsonDocument::fromJson(check.data()).object()[u"findings"_s].toArray();
    QCOMPARE(o[u"findings"_s].toArray(), expected);
    const QJsonObject first = expected.first().toObject();
    for (const QString &key : {u"rule"_s, u"subject_kind"_s, u"subject_id"_s, u"dataset"_s, u"severity"_s, u"status"_s, u"title"_s})
        QVERIFY2(first.contains(key), qPrintable(key));
    QCOMPARE(first[u"title"_s].toString(), hyperlink);
}

void TestReportFormats::jsonValues()
{
    const auto a = hostileAnalysis();
    Report report = hostileReport(*a);
    ReportScenarios scenarios;
    scenarios.names = {u"A — local data, global model"_s};
    scenarios.tradeoffs = {u"slower"_s};
    scenarios.scopes = {u"all"_s};
    scenarios.rows = {{u"Open findings"_s, u"5"_s, {u"2"_s}, {1}}};
    scenarios.resolved = {{u"RES-001/flow/x/y"_s}};
    scenarios.changes = {3};
    report.scenarios = scenarios;
    report.changes = ReportChanges{u"old.json"_s, u"ef56"_s, QDate(2026, 6, 1), {{u"k"_s, u"RES-001"_s, u"t"_s, RuleSeverity::High, u"opened"_s}}, 1, 0, 0};
    // Never capped: 250 transfers in, 250 out.
    for (int i = 0; i < 248; ++i) {
        ReportTransfer t = report.transfers.front();
        t.id = u"flow:bulk:"_s + QString::number(i).rightJustified(3, u'0');
        report.transfers.push_back(t);
    }
    const QJsonObject o = QJsonDocument::fromJson(render(u"json"_s, report, hostileDocument(*a), *a).bytes).object();
    const QJsonArray transfers = o[u"transfers"_s].toArray();
    QCOMPARE(transfers.size(), qsizetype(250));
    // Tri-states, absent values and enums by name.
    const QJsonObject flow = transfers[0].toObject();
    QVERIFY(flow[u"adequate"_s].isNull());
    QCOMPARE(flow[u"encrypted"_s], QJsonValue(true));
    QCOMPARE(flow[u"gb_per_day"_s].toDouble(), 12.5);
    QCOMPARE(flow[u"tool"_s].toString(), u"none"_s);
    QCOMPARE(flow[u"via"_s].toString(), u"flow"_s);
    QCOMPARE(flow[u"classification"_s].toString(), u"restricted"_s);
    QVERIFY(flow[u"key_custody"_s].isNull());
    QCOMPARE(flow[u"purpose"_s].toString(), hyperlink); // JSON carries text as it is: no apostrophe
    const QJsonObject access = transfers[1].toObject();
    QCOMPARE(access[u"adequate"_s], QJsonValue(false));
    QVERIFY(access[u"encrypted"_s].isNull());
    QVERIFY(access[u"gb_per_day"_s].isNull());
    QCOMPARE(access[u"tool"_s].toString(), u"scc"_s);
    const QJsonObject assessment = o[u"assessments"_s][0].toObject();
    QCOMPARE(assessment[u"inherent_risk"_s].toString(), u"very high"_s);
    QVERIFY(assessment[u"measures"_s][1][u"present"_s].isNull());
    QCOMPARE(assessment[u"measures"_s][0][u"present"_s], QJsonValue(true));
    QCOMPARE(o[u"keys"_s][0][u"outside_origin"_s], QJsonValue(QJsonValue::Null));
    QVERIFY(o[u"retention"_s][0][u"retention_days"_s].isNull());
    QCOMPARE(o[u"waivers"_s][0][u"expires"_s].toString(), u"2027-06-30"_s);
    QCOMPARE(o[u"summary"_s][u"findings"_s][u"open"_s][u"high"_s].toInt(), 2);
    QCOMPARE(o[u"summary"_s][u"pairs"_s][0][u"worst"_s].toString(), u"high"_s);
    QVERIFY(o[u"summary"_s][u"pairs"_s][1][u"worst"_s].isNull());
    QVERIFY(o[u"summary"_s][u"pairs"_s][1][u"destination"_s].isNull());
    QCOMPARE(o[u"laws"_s][0][u"as_of"_s].toString(), u"2026-06-01"_s);
    QCOMPARE(o[u"glossary"_s][1][u"term"_s].toString(), unicode);
    QCOMPARE(o[u"scenarios"_s][u"scenarios"_s][0][u"changes"_s].toInt(), 3);
    QCOMPARE(o[u"scenarios"_s][u"metrics"_s][0][u"better"_s][0].toInt(), 1);
    QCOMPARE(o[u"changes"_s][u"previous_as_of"_s].toString(), u"2026-06-01"_s);
    QCOMPARE(o[u"changes"_s][u"changes"_s][0][u"severity"_s].toString(), u"high"_s);
}

void TestReportFormats::csvTablesReadBack_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("findings") << u"findings-csv"_s;
    QTest::newRow("processing") << u"processing-csv"_s;
    QTest::newRow("transfers") << u"transfers-csv"_s;
}

void TestReportFormats::csvTablesReadBack()
{
    QFETCH(QString, format);
    const auto a = hostileAnalysis();
    const Report report = hostileReport(*a);
    const Rendered r = render(format, report, hostileDocument(*a), *a);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    const Csv csv = parseCsv(r.bytes);
    QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
    const std::size_t expectedRows = format == u"findings-csv" ? report.findings.size()
        : format == u"processing-csv"                          ? report.processing.size()
                                                               : report.transfers.size();
    QCOMPARE(std::size_t(csv.rows.size()), expectedRows + 1);
    for (const QStringList &row : csv.rows)
        QCOMPARE(row.size(), csv.rows.front().size());
    if (format == u"findings-csv") {
        const QStringList header = csv.rows.front();
        QCOMPARE(header.mid(0, 4), (QStringList{u"key"_s, u"rule"_s, u"severity"_s, u"status"_s}));
        for (std::size_t i = 0; i < report.findings.size(); ++i) {
            const QStringList &row = csv.rows[qsizetype(i) + 1];
            QCOMPARE(row[0], findingKey(report.findings[i]).toString());
            QCOMPARE(row[header.indexOf(u"source"_s)], report.findingSources[qsizetype(i)]);
        }
        // A quote and a line break inside a cell come back as they were.
        QCOMPARE(csv.rows[2][header.indexOf(u"waiver_reason"_s)], report.findings[1].waiverReason);
        QCOMPARE(csv.rows[1][header.indexOf(u"actions"_s)], u"'"_s + atSum + u" | "_s + twoLines);
    } else if (format == u"transfers-csv") {
        const QStringList header = csv.rows.front();
        QCOMPARE(csv.rows[1][header.indexOf(u"adequacy_reason"_s)], report.transfers[0].adequacyReason);
        QCOMPARE(csv.rows[1][header.indexOf(u"adequate"_s)], QString());
        QCOMPARE(csv.rows[2][header.indexOf(u"adequate"_s)], u"false"_s);
        QCOMPARE(csv.rows[1][header.indexOf(u"encrypted"_s)], u"true"_s);
        QCOMPARE(csv.rows[1][header.indexOf(u"gb_per_day"_s)], u"12.5"_s);
        QCOMPARE(csv.rows[2][header.indexOf(u"tool"_s)], u"scc"_s);
        QCOMPARE(csv.rows[1][header.indexOf(u"categories"_s)], u"personal; health"_s);
        QCOMPARE(csv.rows[1][header.indexOf(u"findings"_s)], report.transfers[0].findings.join(u"; "_s));
    }
}

void TestReportFormats::csvNeutralisesFormulas()
{
    const auto a = hostileAnalysis();
    const Report report = hostileReport(*a);
    for (const QString &format : {u"findings-csv"_s, u"processing-csv"_s, u"transfers-csv"_s}) {
        const Csv csv = parseCsv(render(format, report, hostileDocument(*a), *a).bytes);
        QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
        QStringList cells;
        for (const QStringList &row : csv.rows)
            cells << row;
        for (const QString &cell : cells) {
            const bool formula = !cell.isEmpty() && QStringView(u"=+-@\t\r").contains(cell.front());
            QVERIFY2(!formula, qPrintable(format + u": "_s + cell));
        }
        if (format == u"processing-csv") {
            QVERIFY(cells.contains(u"'"_s + hyperlink));
            QVERIFY(cells.contains(u"'"_s + plusOne));
            QVERIFY(cells.contains(u"'"_s + minusTwo));
            QVERIFY(cells.contains(u"United States; @SUM(A1)"_s)); // only a cell's first character counts
            QVERIFY(cells.contains(twoLines));
            QVERIFY(cells.contains(unicode));
            QVERIFY(cells.contains(u"personal, health"_s));
        }
        if (format == u"findings-csv") {
            QVERIFY(cells.contains(u"'"_s + hyperlink));
            QVERIFY(cells.contains(u"'"_s + plusOne + u", "_s + script));
            QVERIFY(cells.contains(u"'"_s + minusTwo));
        }
        if (format == u"transfers-csv")
            QVERIFY(cells.contains(u"'"_s + atSum));
    }
    // The bytes: a quoted formula keeps its apostrophe inside the quotes; rows end in CRLF.
    const QByteArray bytes = render(u"processing-csv"_s, report, hostileDocument(*a), *a).bytes;
    QVERIFY(bytes.contains("\"'=HYPERLINK(\"\"http://x\"\")\""));
    QVERIFY(bytes.contains("\"first line\nsecond line\""));
    QVERIFY(bytes.endsWith("\r\n"));
    QVERIFY(bytes.contains(unicode.toUtf8()));
}

void TestReportFormats::processingHasTheIcoColumns()
{
    const auto a = hostileAnalysis();
    const Report report = hostileReport(*a);
    const Csv csv = parseCsv(render(u"processing-csv"_s, report, hostileDocument(*a), *a).bytes);
    QVERIFY2(csv.error.isEmpty(), qPrintable(csv.error));
    // report-anchors.md §1.4: the ICO controller template, sheet "Template", row 9, A–AD.
    const QStringList ico{
        u"Business function"_s, u"Purpose of processing"_s, u"Name and contact details of joint controller"_s,
        u"Categories of individuals"_s, u"Categories of personal data"_s, u"Categories of recipients"_s,
        u"Link to contract with processor"_s,
        u"Names of third countries or international organisations that personal data are transferred to"_s,
        u"Safeguards for exceptional transfers of personal data to third countries or international organisations"_s,
        u"Retention schedule"_s, u"General description of technical and organisational security measures"_s,
        u"Article 6 lawful basis"_s, u"Article 9 condition for special category data"_s, u"Legitimate interests"_s,
        u"Link to record of LIA"_s, u"Rights available to individuals"_s, u"Existence of automated decision-making, including profiling"_s,
        u"Source of the personal data"_s, u"Link to record of consent"_s, u"Location of personal data"_s, u"DPIA required?"_s,
        u"DPIA progress"_s, u"Link to DPIA"_s, u"Has a personal data breach occurred?"_s, u"Link to breach record"_s,
        u"DPA 2018 Schedule 1 condition"_s, u"GDPR Art. 6 lawful basis for processing"_s, u"Link to retention and erasure policy"_s,
        u"Retained and erased in accordance with the policy?"_s, u"Reasons for not adhering"_s};
    QCOMPARE(ico.size(), qsizetype(30));
    QCOMPARE(csv.rows.front(), (ico + QStringList{u"Dataset id"_s, u"Workload id"_s, u"Transfer id"_s}));
    const QStringList row = csv.rows[1];
    const ProcessingRecord &p = report.processing.front();
    auto column = [&](const QString &name) { return row[csv.rows.front().indexOf(name)]; };
    QCOMPARE(column(u"Business function"_s), p.workloadKind);
    QCOMPARE(column(u"Purpose of processing"_s), u"'"_s + p.purpose);
    QCOMPARE(column(u"Categories of personal data"_s), p.categories);
    QCOMPARE(column(u"Categories of recipients"_s), u"'"_s + p.recipients);
    QCOMPARE(column(ico[7]), p.thirdCountries.join(u"; "_s));
    QCOMPARE(column(ico[8]), u"'"_s + p.safeguard);
    QCOMPARE(column(u"Retention schedule"_s), p.retention);
    QCOMPARE(column(ico[10]), p.security);
    QCOMPARE(column(u"Article 6 lawful basis"_s), p.lawfulBasis);
    QCOMPARE(column(u"Article 9 condition for special category data"_s), p.specialCategory);
    QCOMPARE(column(u"Source of the personal data"_s), p.source);
    QCOMPARE(column(u"Location of personal data"_s), p.location);
    QCOMPARE(column(u"Dataset id"_s), p.dataset);
    QCOMPARE(column(u"Workload id"_s), p.workload);
    QCOMPARE(column(u"Transfer id"_s), p.transfer);
    for (const QString &unknown : {u"Categories of individuals"_s, u"DPIA required?"_s, u"Link to contract with processor"_s})
        QCOMPARE(column(unknown), QString());
}

void TestReportFormats::sarifIsChecks()
{
    const auto a = hostileAnalysis();
    const Report report = hostileReport(*a);
    const Rendered r = render(u"sarif"_s, report, hostileDocument(*a), *a);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QBuffer check;
    check.open(QIODevice::WriteOnly);
    const FindingsReportInput in{*a->inventory, *a->rules(), a->findings, RuleSeverity::High, a->asOf,
                                 a->catalog->newestAsOf(), a->disabled, a->warnings, a->coverage};
    QVERIFY(writeFindings(in, FindingsFormat::Sarif, check));
    QCOMPARE(r.bytes, check.data());
    QVERIFY(!a->findings.empty());
}

void TestReportFormats::deterministic_data()
{
    QTest::addColumn<QString>("format");
    for (const auto &f : reportFormats())
        if (f->id() != u"pdf")
            QTest::newRow(qPrintable(f->id())) << f->id();
}

void TestReportFormats::deterministic()
{
    QFETCH(QString, format);
    const auto a = hostileAnalysis();
    const Report report = hostileReport(*a);
    const ReportDocument first = hostileDocument(*a);
    const ReportDocument second = hostileDocument(*a); // its own map, laid out again
    const Rendered one = render(format, report, first, *a);
    const Rendered two = render(format, report, second, *a);
    QVERIFY2(one.error.isEmpty(), qPrintable(one.error));
    QVERIFY(!one.bytes.isEmpty());
    QCOMPARE(one.bytes, two.bytes);
    // For a look at the renderings: ATLAS_REPORT_SAMPLES=DIR keeps them there.
    if (const QString dir = qEnvironmentVariable("ATLAS_REPORT_SAMPLES"); !dir.isEmpty()) {
        QFile file(dir + u'/' + reportFormat(format)->fileName());
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(one.bytes) == one.bytes.size());
    }
}

void TestReportFormats::writeFailureIsAnError_data() { deterministic_data(); }

void TestReportFormats::writeFailureIsAnError()
{
    QFETCH(QString, format);
    const auto a = hostileAnalysis();
    const Report report = hostileReport(*a);
    const ReportDocument document = hostileDocument(*a);
    FailingDevice device;
    const auto result = reportFormat(format)->write(ReportRenderInput{report, document, *a, {}, nullptr}, device);
    QVERIFY(!result);
    QVERIFY2(result.error().contains(u"disk full"_s), qPrintable(result.error()));
}

void TestReportFormats::cancelStops_data()
{
    QTest::addColumn<QString>("format");
    for (const QString &id : {u"html"_s, u"json"_s, u"findings-csv"_s, u"processing-csv"_s, u"transfers-csv"_s, u"sarif"_s})
        QTest::newRow(qPrintable(id)) << id;
}

void TestReportFormats::cancelStops()
{
    QFETCH(QString, format);
    const auto a = hostileAnalysis();
    const std::atomic_bool cancel{true};
    const Rendered r = render(format, hostileReport(*a), hostileDocument(*a), *a, &cancel);
    QVERIFY(!r.error.isEmpty()); // in words; the caller discards the file
}

QTEST_MAIN(TestReportFormats)
#include "tst_reportformats.moc"
