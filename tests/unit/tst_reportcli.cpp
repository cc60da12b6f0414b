// End to end, `residency-atlas report`: the bundled sample's report in every format against
// golden files (JSON, the three CSVs, SARIF, HTML), every section present in the PDF (pdftotext)
// and the HTML, provenance hashes equal to sha256sum's, the manifest verified by sha256sum -c,
// two runs byte-identical, hostile ids in every format, and bad options or inputs refused with
// exit 2 and nothing written. ATLAS_UPDATE_GOLDEN=1 rewrites the goldens (review the diff).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString sample = QStringLiteral("resources/samples/northwind-ai.yaml");
const QStringList asOf{QStringLiteral("--as-of"), QStringLiteral("2026-12-01")};

struct Run
{
    int code = -1;
    QString out, err;
};

Run runReport(const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(QStringLiteral(ATLAS_SOURCE_DIR));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("detect_leaks=0"));
    env.remove(QStringLiteral("DISPLAY"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(ATLAS_BINARY), QStringList{QStringLiteral("report")} + args);
    process.waitForFinished(180000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

Run tool(const QString &program, const QStringList &args, const QString &dir = {})
{
    QProcess process;
    if (!dir.isEmpty())
        process.setWorkingDirectory(dir);
    process.start(program, args);
    process.waitForFinished(60000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const QStringList sectionTitles{
    QStringLiteral("Title and scope"), QStringLiteral("Provenance"), QStringLiteral("Coverage and limitations"),
    QStringLiteral("Executive summary"), QStringLiteral("Residency map"), QStringLiteral("Record of processing"),
    QStringLiteral("Workload and jurisdiction register"), QStringLiteral("Transfer register"), QStringLiteral("Transfer impact assessments"),
    QStringLiteral("Findings"), QStringLiteral("Waivers"), QStringLiteral("Lineage of restricted datasets"),
    QStringLiteral("Retention and key custody"), QStringLiteral("Scenario comparison"), QStringLiteral("Action plan"),
    QStringLiteral("Changes since the previous report"), QStringLiteral("Sign-off"), QStringLiteral("Appendices")};

} // namespace

class TestReportCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_set; // the sample's report set, written once

private Q_SLOTS:
    void initTestCase()
    {
        m_set = m_dir.filePath(QStringLiteral("sample/"));
        const Run r = runReport(QStringList{sample, QStringLiteral("--out"), m_set, QStringLiteral("--scenario"), QStringLiteral("A"),
                                            QStringLiteral("--scenario"), QStringLiteral("C")} + asOf);
        QVERIFY2(r.code == 0, qPrintable(r.err));
    }

    void goldens_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"report.json", "findings.csv", "record-of-processing.csv", "transfer-register.csv", "report.sarif", "report.html"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void goldens()
    {
        QFETCH(QString, file);
        const QByteArray written = readAll(m_set + file);
        QVERIFY(!written.isEmpty());
        QFile golden(QStringLiteral(ATLAS_TEST_DATA "/report/golden/sample-") + file);
        if (qEnvironmentVariableIsSet("ATLAS_UPDATE_GOLDEN")) {
            QVERIFY(QDir().mkpath(QFileInfo(golden).path()));
            QVERIFY(golden.open(QIODevice::WriteOnly));
            golden.write(written);
            return;
        }
        QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
        QVERIFY2(golden.readAll() == written, qPrintable(file + QStringLiteral(" differs from its golden (ATLAS_UPDATE_GOLDEN=1 rewrites it)")));
    }

    void everySectionInPdfAndHtml()
    {
        const Run text = tool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), m_set + QStringLiteral("report.pdf"), QStringLiteral("-")});
        if (text.code == -2 || (text.code != 0 && text.err.contains(u"not found")))
            QSKIP("pdftotext (poppler-utils) is not installed");
        QCOMPARE(text.code, 0);
        const QString html = QString::fromUtf8(readAll(m_set + QStringLiteral("report.html")));
        for (const QString &title : sectionTitles) {
            QVERIFY2(text.out.contains(title), qPrintable(title));
            QVERIFY2(html.contains(title.toHtmlEscaped()), qPrintable(title));
        }
        // Content, not only titles: an assessment, the record's columns, a scenario, the sign-off.
        for (const QString &s : {QStringLiteral("TIA 1:"), QStringLiteral("Safeguard"), QStringLiteral("A — local data, global model"),
                                 QStringLiteral("Reviewed by"), QStringLiteral("Page 2 of")})
            QVERIFY2(text.out.contains(s), qPrintable(s));
        const Run info = tool(QStringLiteral("pdfinfo"), {m_set + QStringLiteral("report.pdf")});
        QCOMPARE(info.code, 0);
        QVERIFY2(info.err.isEmpty(), qPrintable(info.err));
    }

    void provenanceAndManifestMatchSha256sum()
    {
        const QJsonObject report = QJsonDocument::fromJson(readAll(m_set + QStringLiteral("report.json"))).object();
        const QJsonArray inputs = report.value(QStringLiteral("provenance")).toObject().value(QStringLiteral("inputs")).toArray();
        QCOMPARE(inputs.size(), 1);
        const Run sum = tool(QStringLiteral("sha256sum"), {sample}, QStringLiteral(ATLAS_SOURCE_DIR));
        QCOMPARE(inputs[0].toObject().value(QStringLiteral("sha256")).toString(), sum.out.section(u' ', 0, 0));
        const Run check = tool(QStringLiteral("sha256sum"), {QStringLiteral("-c"), QStringLiteral("manifest.sha256")}, m_set);
        QVERIFY2(check.code == 0, qPrintable(check.out + check.err));
        QCOMPARE(check.out.count(u": OK"), 7);
    }

    void twoRunsAreByteIdentical()
    {
        const QString again = m_dir.filePath(QStringLiteral("again/"));
        const Run r = runReport(QStringList{sample, QStringLiteral("--out"), again, QStringLiteral("--scenario"), QStringLiteral("A"),
                                            QStringLiteral("--scenario"), QStringLiteral("C")} + asOf);
        QCOMPARE(r.code, 0);
        const QStringList files = QDir(m_set).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 8);
        for (const QString &f : files)
            QVERIFY2(readAll(m_set + f) == readAll(again + f), qPrintable(f));
    }

    void hostileIdsStayText()
    {
        const QString out = m_dir.filePath(QStringLiteral("hostile/"));
        const Run r = runReport(QStringList{QStringLiteral("tests/data/report/hostile.yaml"), QStringLiteral("--out"), out} + asOf);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QString html = QString::fromUtf8(readAll(out + QStringLiteral("report.html")));
        QVERIFY(!html.contains(u"<script"));
        QVERIFY(html.contains(u"&lt;script&gt;"));
        for (const QString &csv : {QStringLiteral("findings.csv"), QStringLiteral("record-of-processing.csv"), QStringLiteral("transfer-register.csv")}) {
            const QString text = QString::fromUtf8(readAll(out + csv));
            for (const QString &bad : {QStringLiteral(",=HYPERLINK"), QStringLiteral(",\"=HYPERLINK"), QStringLiteral("\n=")})
                QVERIFY2(!text.contains(bad), qPrintable(csv + u' ' + bad));
        }
        const Run info = tool(QStringLiteral("pdfinfo"), {out + QStringLiteral("report.pdf")});
        QCOMPARE(info.code, 0);
        QVERIFY2(info.err.isEmpty(), qPrintable(info.err));
        const Run text = tool(QStringLiteral("pdftotext"), {out + QStringLiteral("report.pdf"), QStringLiteral("-")});
        QVERIFY(text.out.contains(u"<script>"));
        QVERIFY(QJsonDocument::fromJson(readAll(out + QStringLiteral("report.json"))).isObject());
    }

    void singleFilesAndTables()
    {
        const QString ropa = m_dir.filePath(QStringLiteral("ropa.csv"));
        QCOMPARE(runReport(QStringList{sample, QStringLiteral("--out"), ropa, QStringLiteral("--table"), QStringLiteral("processing")} + asOf).code, 0);
        QCOMPARE(readAll(ropa), readAll(m_set + QStringLiteral("record-of-processing.csv")));
        const QString partial = m_dir.filePath(QStringLiteral("partial.html"));
        QCOMPARE(runReport(QStringList{sample, QStringLiteral("--out"), partial, QStringLiteral("--sections"),
                                       QStringLiteral("transfers,assessments")} + asOf).code, 0);
        const QString html = QString::fromUtf8(readAll(partial));
        QVERIFY(html.contains(u"Transfer impact assessments"));
        QVERIFY(!html.contains(u"Record of processing"));
    }

    void changesSinceABaseline()
    {
        // The small estate's check JSON as the previous report: the same findings, nothing changed.
        const QString previous = m_dir.filePath(QStringLiteral("previous.json"));
        QCOMPARE(runReport(QStringList{QStringLiteral("tests/data/report/small.yaml"), QStringLiteral("--out"), previous} + asOf).code, 0);
        const QString out = m_dir.filePath(QStringLiteral("changes.json"));
        QCOMPARE(runReport(QStringList{sample, QStringLiteral("--out"), out, QStringLiteral("--baseline"), previous} + asOf).code, 0);
        const QJsonObject changes = QJsonDocument::fromJson(readAll(out)).object().value(QStringLiteral("changes")).toObject();
        QCOMPARE(changes.value(QStringLiteral("previous")).toString(), QStringLiteral("previous.json"));
        QVERIFY(changes.value(QStringLiteral("opened")).toInt() > 50); // every sample finding is new against the small estate
        QCOMPARE(changes.value(QStringLiteral("closed")).toInt(), 4);
    }

    void badInputWritesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown section") << QStringList{sample, QStringLiteral("--sections"), QStringLiteral("transfer")}
                                         << QStringLiteral("unknown section 'transfer' for --sections (did you mean 'transfers'?)");
        QTest::newRow("bad scenario") << QStringList{sample, QStringLiteral("--scenario"), QStringLiteral("E")} << QStringLiteral("--scenario");
        QTest::newRow("broken baseline") << QStringList{sample, QStringLiteral("--baseline"), QStringLiteral("tests/data/report/hostile.yaml")}
                                         << QStringLiteral("hostile.yaml:1:");
        QTest::newRow("bad table") << QStringList{sample, QStringLiteral("--table"), QStringLiteral("ropa")} << QStringLiteral("--table");
        QTest::newRow("broken inventory") << QStringList{QStringLiteral("tests/data/inventory/broken/several-errors.yaml")}
                                          << QStringLiteral("inventory not loaded; nothing written.");
    }
    void badInputWritesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("set/"));
        const Run r = runReport(args + QStringList{QStringLiteral("--out"), out});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out));
    }

    void unwritableTargetKeepsNothingHalfWritten()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("plain"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const Run r = runReport(QStringList{sample, QStringLiteral("--out"), file + QStringLiteral("/report.pdf")} + asOf);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"nothing written"), qPrintable(r.err));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot), QStringList{QStringLiteral("plain")});
    }

    void failOnExitsOneAfterWriting()
    {
        const QString out = m_dir.filePath(QStringLiteral("gate.json"));
        const Run r = runReport(QStringList{sample, QStringLiteral("--out"), out, QStringLiteral("--fail-on"), QStringLiteral("high")} + asOf);
        QCOMPARE(r.code, 1);
        QVERIFY(QFileInfo::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestReportCli)
#include "tst_reportcli.moc"
