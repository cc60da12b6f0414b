// File → Export Report… on the real main window, offscreen: the dialog prepares the sample's
// report in the background, its paged preview shows every page, exporting writes a real PDF and
// a folder of every format (with a manifest), printing paints the same pages, a section left
// out is left out, and a broken previous report is said in the dialog without writing anything.
// ATLAS_SCREENSHOTS=<dir> writes the docs' screenshot of the dialog.
#include "catalogimporter.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "reportdialog.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace atlas;

namespace {

const QString kSample = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml");

bool openAndWait(MainWindow &window)
{
    QSignalSpy spy(&window, &MainWindow::analysisFinished);
    window.openFiles({kSample});
    return spy.wait(30000) && spy.takeFirst().at(0).toBool();
}

QString screenshots()
{
    return qEnvironmentVariable("ATLAS_SCREENSHOTS", qEnvironmentVariable("ATLAS_SCREENSHOT_DIR"));
}

bool waitForPreview(ReportDialog *dialog)
{
    QSignalSpy ready(dialog, &ReportDialog::previewReady);
    return !ready.isEmpty() || ready.wait(120000);
}

void chooseFormat(ReportDialog *dialog, const QString &id)
{
    dialog->formatBox()->setCurrentIndex(dialog->formatBox()->findData(id));
}

QString exportAndWait(ReportDialog *dialog, const QString &path)
{
    QSignalSpy done(dialog, &ReportDialog::exported);
    dialog->exportTo(path);
    if (!done.wait(180000))
        return QStringLiteral("timed out");
    return done.first().at(0).toString();
}

} // namespace

class TestReportDialog : public QObject
{
    Q_OBJECT
    const Catalog *m_catalog = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        auto catalog = embeddedCatalog();
        QVERIFY(catalog);
        m_catalog = *catalog;
    }

    void previewAndExport()
    {
        MainWindow window(*m_catalog);
        window.resize(1400, 900);
        window.show();
        QVERIFY(openAndWait(window));
        ReportDialog *dialog = window.showReportDialog();
        QVERIFY(dialog);
        QVERIFY(waitForPreview(dialog));
        QVERIFY(dialog->prepared());
        QVERIFY2(dialog->preview()->pageCount() > 10, qPrintable(QString::number(dialog->preview()->pageCount())));
        QCOMPARE(dialog->prepared()->report.findings.size(), std::size_t(100));
        if (const QString dir = screenshots(); !dir.isEmpty()) {
            dialog->preview()->setCurrentPage(6); // the executive summary, with its charts
            QTest::qWait(300);
            QVERIFY(dialog->grab().save(dir + QStringLiteral("/report-dialog.png")));
        }

        QTemporaryDir out;
        chooseFormat(dialog, QStringLiteral("pdf"));
        QCOMPARE(exportAndWait(dialog, out.filePath(QStringLiteral("report.pdf"))), QString());
        QFile pdf(out.filePath(QStringLiteral("report.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");

        // File → Print goes through the same paged renderer onto a QPrinter (here one printing to PDF).
        {
            QPrinter printer(QPrinter::HighResolution);
            printer.setOutputFormat(QPrinter::PdfFormat);
            printer.setOutputFileName(out.filePath(QStringLiteral("printed.pdf")));
            dialog->print(printer);
        }
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {out.filePath(QStringLiteral("printed.pdf")), QStringLiteral("-")});
        QVERIFY(text.waitForFinished(60000));
        const QString printed = QString::fromUtf8(text.readAllStandardOutput());
        QVERIFY2(printed.contains(u"Executive summary") && printed.contains(u"Transfer impact assessments"), qPrintable(printed.left(500)));

        chooseFormat(dialog, QStringLiteral("folder"));
        const QString folder = out.filePath(QStringLiteral("set"));
        QVERIFY(QDir().mkpath(folder));
        QCOMPARE(exportAndWait(dialog, folder), QString());
        QCOMPARE(QDir(folder).entryList(QDir::Files, QDir::Name),
                 (QStringList{QStringLiteral("findings.csv"), QStringLiteral("manifest.sha256"), QStringLiteral("record-of-processing.csv"),
                              QStringLiteral("report.html"), QStringLiteral("report.json"), QStringLiteral("report.pdf"),
                              QStringLiteral("report.sarif"), QStringLiteral("transfer-register.csv")}));
    }

    void sectionsAndBadBaseline()
    {
        MainWindow window(*m_catalog);
        QVERIFY(openAndWait(window));
        ReportDialog *dialog = window.showReportDialog();
        QVERIFY(waitForPreview(dialog));
        // Leave the findings out: the HTML has no findings section.
        for (int i = 0; i < dialog->sectionList()->count(); ++i)
            if (dialog->sectionList()->item(i)->data(Qt::UserRole).toString() == u"findings")
                dialog->sectionList()->item(i)->setCheckState(Qt::Unchecked);
        QVERIFY(!hasSection(dialog->request().sections, ReportSection::Findings));
        QVERIFY(hasSection(dialog->request().sections, ReportSection::Transfers));
        QTemporaryDir out;
        chooseFormat(dialog, QStringLiteral("html"));
        const QString html = out.filePath(QStringLiteral("report.html"));
        QCOMPARE(exportAndWait(dialog, html), QString());
        QFile file(html);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY(text.contains(u"Transfer register"));
        QVERIFY(!text.contains(u"10. Findings"));

        // A broken previous report: said in the dialog, nothing written.
        dialog->findChild<QLineEdit *>(QStringLiteral("baselineEdit"))->setText(kSample);
        const QString second = out.filePath(QStringLiteral("second.html"));
        const QString error = exportAndWait(dialog, second);
        QVERIFY2(error.contains(u"not valid JSON"), qPrintable(error));
        QVERIFY(!QFileInfo::exists(second));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("reportState"))->text().contains(u"northwind-ai.yaml:1:"));
    }
};

QTEST_MAIN(TestReportDialog)
#include "tst_reportdialog.moc"
