// File → Import, offscreen, with the real main window and the cloud export fixtures of
// tests/data/import: the imported inventory is analysed like an opened file, the summary says
// what was skipped and assumed, an invalid mapping file is refused with its position, cancel and
// a broken export leave the open inventory as it was, and File → Open reads exports too.
#include "catalogimporter.h"
#include "exportformat.h"
#include "importdialog.h"
#include "importsummary.h"
#include "inventoryimporter.h"
#include "mainwindow.h"
#include "mappanel.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace atlas;

namespace {

// Input warnings in the Problems tab (coverage gaps are listed there too, first).
int warningCount(const QListWidget *problems)
{
    int n = 0;
    for (int i = 0; i < problems->count(); ++i)
        n += problems->item(i)->data(Qt::UserRole).toString() != u"coverage";
    return n;
}


const QString azure = QStringLiteral(ATLAS_TEST_DATA "/import/azure/az-resource-list.json");
const QString estate = QStringLiteral(ATLAS_TEST_DATA "/import/csv/estate.csv");
const QString awsEu = QStringLiteral(
    ATLAS_TEST_DATA "/import/aws-config/"
                    "123456789012_Config_eu-central-1_ConfigSnapshot_20261101T000000Z_0b7c.json");
const QString awsUsGz = QStringLiteral(
    ATLAS_TEST_DATA "/import/aws-config/"
                    "123456789012_Config_us-east-1_ConfigSnapshot_20261101T000000Z_4e1a.json.gz");
const QString sample = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml");

QString shots()
{
    return qEnvironmentVariable("ATLAS_SCREENSHOT_DIR");
}

bool write(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

bool openAndWait(MainWindow &window, const QStringList &files)
{
    QSignalSpy spy(&window, &MainWindow::analysisFinished);
    QSignalSpy map(window.mapPanel(), &MapPanel::layoutFinished);
    window.openFiles(files);
    if (!spy.wait(60000)) return false;
    const bool ok = spy.takeFirst().at(0).toBool();
    if (ok && map.isEmpty() && !map.wait(60000)) // the map lays out in the background too
        return false;
    return ok;
}

// Clicks Import and waits for the outcome: {ok, cancelled}, or empty on a timeout.
QList<QVariant> importAndWait(ImportDialog *dialog)
{
    QSignalSpy spy(dialog, &ImportDialog::importFinished);
    if (!dialog->importButton()->isEnabled()) return {};
    QTest::mouseClick(dialog->importButton(), Qt::LeftButton);
    if (!spy.wait(120000)) return {};
    return spy.takeFirst();
}

// An `az resource list` with `count` storage accounts (about 470 bytes each): big enough that
// reading it takes seconds under the sanitizers, so progress and cancel can be watched.
QByteArray bigAzureExport(int count)
{
    QByteArray json = "[\n";
    for (int i = 0; i < count; ++i) {
        const QByteArray name = "stgen" + QByteArray::number(i).rightJustified(6, '0');
        json +=
            "  {\n    \"id\": "
            "\"/subscriptions/5f1c2d3e-8a9b-4c7d-9e0f-1a2b3c4d5e6f/resourceGroups/rg-gen/providers/"
            "Microsoft.Storage/storageAccounts/" +
            name +
            "\",\n"
            "    \"location\": \"northeurope\",\n    \"name\": \"" +
            name +
            "\",\n"
            "    \"sku\": { \"name\": \"Standard_LRS\" },\n"
            "    \"tags\": { \"data-categories\": \"personal\", \"data-classification\": "
            "\"restricted\", "
            "\"data-origin\": \"EU\", \"dataset\": \"customer-records\" },\n"
            "    \"type\": \"Microsoft.Storage/storageAccounts\"\n  }";
        json += i + 1 < count ? ",\n" : "\n";
    }
    return json + "]\n";
}

QStringList topLevelTexts(QTreeWidget *tree)
{
    QStringList texts;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        texts << tree->topLevelItem(i)->text(0);
    return texts;
}

} // namespace

class TestImportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importsAzureExport();
    void importsSeveralExports();
    void overlayAndMappingFile();
    void invalidMappingIsRefused();
    void cancelKeepsOpenInventory();
    void brokenExportListsProblems();
    void openedExportShowsSummary();
};

void TestImportDialog::importsAzureExport()
{
    auto catalog = embeddedCatalog();
    QVERIFY(catalog);
    MainWindow window(**catalog);
    window.show();
    // File → Import… opens the dialog.
    QAction *action = nullptr;
    for (QAction *a : window.findChildren<QAction *>())
        if (a->text() == u"&Import…") action = a;
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_I));
    action->trigger();
    auto *dialog = window.findChild<ImportDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(!dialog->importButton()->isEnabled()); // no files yet
    auto *format = dialog->findChild<QComboBox *>();
    QVERIFY(format);
    QCOMPARE(format->count(), int(exportFormats().size()) + 2);
    QCOMPARE(format->itemText(0), QStringLiteral("Detect from content"));
    QCOMPARE(dialog->format(), QString());
    dialog->setFormat(QStringLiteral("azure"));
    QCOMPARE(format->currentText(), exportFormat(QStringLiteral("azure"))->title());
    dialog->addFiles({azure, azure}); // the same file once
    QCOMPARE(dialog->files().size(), 1);

    QSignalSpy map(window.mapPanel(), &MapPanel::layoutFinished);
    const QList<QVariant> outcome = importAndWait(dialog);
    QCOMPARE(outcome, (QList<QVariant>{true, false}));
    // Analysed like an opened file: 12 resources imported + 2 geo-replicas (README: 12
    // workloads, 2 replication flows to the paired regions).
    QVERIFY(window.inventory());
    QCOMPARE(int(window.inventory()->workloads.size()), 14);
    QCOMPARE(window.residencyView()->model()->rowCount(), 14);
    QCOMPARE(warningCount(window.problemsList()), 2); // losangeles, marsnorth
    // An import says what it could not see: skipped resources, assumptions (coverage, first).
    QVERIFY(window.problemsList()->item(0)->text().startsWith(u"Not checked: "));
    QVERIFY(!map.isEmpty() || map.wait(60000));

    ImportSummary *summary = window.findChild<ImportSummary *>();
    QVERIFY(summary && summary->isVisible());
    QVERIFY2(summary->headline()->text().contains(u"14 workloads, 6 datasets and 2 flows"),
             qPrintable(summary->headline()->text()));
    QCOMPARE(summary->tabs()->tabText(1), QStringLiteral("Skipped (3)"));
    QCOMPARE(summary->tabs()->tabText(2), QStringLiteral("Assumptions (3)"));
    QCOMPARE(summary->tabs()->tabText(3), QStringLiteral("Warnings (2)"));
    QCOMPARE(summary->tabs()->currentIndex(), 1);
    QCOMPARE(topLevelTexts(summary->skippedTree()),
             QStringList{QStringLiteral("holds no data (network) — 3")});
    QCOMPARE(summary->skippedTree()->topLevelItem(0)->child(0)->text(0),
             QStringLiteral("az-resource-list.json:255:3"));
    QCOMPARE(topLevelTexts(summary->assumptionTree()),
             (QStringList{QStringLiteral("origin from holder — 1"),
                          QStringLiteral("origin unknown — 2")}));
    QCOMPARE(summary->warningTree()->topLevelItem(1)->text(0),
             QStringLiteral("az-resource-list.json:321:17"));
    // The selected row is shown in full below the tabs.
    summary->assumptionTree()->setCurrentItem(summary->assumptionTree()->topLevelItem(1)->child(1));
    const auto labels = summary->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [&](QLabel *l) {
        return l->text() ==
               azure +
                   QStringLiteral(
                       ":314:3: log-nw-ops (Microsoft.OperationalInsights/workspaces) — "
                       "operational data "
                       "with no origin tag, and the holder's location (azure:marsnorth) has no "
                       "jurisdiction: no dataset recorded — tag data-origin or set default_origin");
    }));
    QCOMPARE(summary->fileTree()->topLevelItem(0)->text(1), QStringLiteral("azure"));

    // Save inventory as YAML: it loads again to the same inventory.
    QTemporaryDir dir;
    const QString yaml = dir.filePath(QStringLiteral("imported.yaml"));
    QVERIFY(summary->saveInventory(yaml));
    auto reloaded = loadInventory({yaml}, **catalog);
    QVERIFY(reloaded);
    QCOMPARE(int(reloaded->inventory.workloads.size()), 14);
    QCOMPARE(reloaded->report.files.front().format, QStringLiteral("inventory"));
    QVERIFY(summary->saveReport(dir.filePath(QStringLiteral("report.json"))));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("report.json"))).size() > 1000);
}

void TestImportDialog::importsSeveralExports()
{
    auto catalog = embeddedCatalog();
    MainWindow window(**catalog);
    window.show();
    ImportDialog *dialog = window.showImportDialog();
    dialog->addFiles({azure, estate, awsEu, awsUsGz});
    QCOMPARE(dialog->progressLabel()->text(),
             QStringLiteral("4 files, %1")
                 .arg(QLocale().formattedDataSize(
                     QFileInfo(azure).size() + QFileInfo(estate).size() + QFileInfo(awsEu).size() +
                         QFileInfo(awsUsGz).size(),
                     1, QLocale::DataSizeTraditionalFormat)));
    QSignalSpy map(window.mapPanel(), &MapPanel::layoutFinished);
    QCOMPARE(importAndWait(dialog), (QList<QVariant>{true, false}));
    // `residency-atlas import` of the same four: 35 workloads, 18 datasets, 5 flows.
    QCOMPARE(int(window.inventory()->workloads.size()), 35);
    QCOMPARE(int(window.inventory()->datasets.size()), 18);
    ImportSummary *summary = window.findChild<ImportSummary *>();
    QVERIFY(summary);
    QCOMPARE(summary->fileTree()->topLevelItemCount(), 4);
    QCOMPARE(summary->fileTree()->topLevelItem(3)->text(0), QFileInfo(awsUsGz).fileName());
    QCOMPARE(summary->tabs()->tabText(1), QStringLiteral("Skipped (10)"));
    QCOMPARE(summary->tabs()->tabText(2), QStringLiteral("Assumptions (11)"));
    QCOMPARE(summary->tabs()->tabText(3), QStringLiteral("Warnings (3)"));
    int skipped = 0;
    for (int i = 0; i < summary->skippedTree()->topLevelItemCount(); ++i)
        skipped += summary->skippedTree()->topLevelItem(i)->childCount();
    QCOMPARE(skipped, 10);
    QVERIFY(!map.isEmpty() || map.wait(60000));
    if (!shots().isEmpty()) {
        summary->skippedTree()->setCurrentItem(summary->skippedTree()->topLevelItem(0)->child(3));
        QTest::qWait(50);
        QVERIFY(summary->grab().save(shots() + QStringLiteral("/import-summary.png")));
    }
}

void TestImportDialog::overlayAndMappingFile()
{
    auto catalog = embeddedCatalog();
    MainWindow window(**catalog);
    window.show();
    QTemporaryDir dir;
    const QString overlay = dir.filePath(QStringLiteral("overlay.yaml"));
    QVERIFY(write(overlay, "atlas: 1\noverlay: true\nworkloads:\n  - id: log-nw-ops\n    location: "
                           "azure:westeurope\n"));
    const QString mapping = dir.filePath(QStringLiteral("mapping.yaml"));
    QVERIFY(write(mapping, "mapping: 1\ndefault_origin: EU\n"));

    ImportDialog *dialog = window.showImportDialog();
    dialog->addFiles({azure, overlay});
    QVERIFY(dialog->setMappingFile(mapping));
    QVERIFY(dialog->mappingErrorLabel()->isHidden());
    QCOMPARE(importAndWait(dialog), (QList<QVariant>{true, false}));
    const Inventory &inv = *window.inventory();
    QCOMPARE(int(inv.workloads.size()), 14);
    const auto ops = std::find_if(inv.workloads.begin(), inv.workloads.end(),
                                  [](const Workload &w) { return w.id == u"log-nw-ops"; });
    QVERIFY(ops != inv.workloads.end());
    QCOMPARE(warningCount(window.problemsList()), 1); // the overlay placed marsnorth's workspace
    ImportSummary *summary = window.findChild<ImportSummary *>();
    QVERIFY(summary);
    QCOMPARE(summary->fileTree()->topLevelItemCount(), 2);
    QCOMPARE(topLevelTexts(summary->assumptionTree()),
             QStringList{QStringLiteral("origin from mapping — 3")});
    const auto labels = summary->findChildren<QLabel *>();
    QVERIFY(std::any_of(labels.begin(), labels.end(), [&](QLabel *l) {
        return l->text().contains(QDir::toNativeSeparators(mapping));
    }));
}

void TestImportDialog::invalidMappingIsRefused()
{
    auto catalog = embeddedCatalog();
    MainWindow window(**catalog);
    window.show();
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad-mapping.yaml"));
    QVERIFY(write(bad, "mapping: 1\nclassification:\n  tags: [data-classification]\n  bogus: "
                       "1\ndefault_origin: Atlantis\n"));

    ImportDialog *dialog = window.showImportDialog();
    dialog->addFiles({azure});
    QVERIFY(dialog->importButton()->isEnabled());
    // Typed into the field (then focus leaves it), as a user would.
    auto *field = dialog->findChild<QLineEdit *>();
    QVERIFY(field);
    QCOMPARE(field->placeholderText(), QStringLiteral("Built-in defaults"));
    field->setText(bad);
    Q_EMIT field->editingFinished();
    QCOMPARE(dialog->mappingErrors().size(), 2);
    QVERIFY(dialog->mappingErrorLabel()->isVisible());
    const QString shown = dialog->mappingErrorLabel()->text();
    QVERIFY2(shown.contains(u"bad-mapping.yaml:4:3: unknown field 'bogus' in classification"),
             qPrintable(shown));
    QVERIFY2(shown.contains(u"bad-mapping.yaml:5:17: invalid origin 'Atlantis'"),
             qPrintable(shown));
    QVERIFY(!dialog->importButton()->isEnabled());
    QVERIFY(!dialog->startImport());
    QVERIFY(!dialog->isImporting());
    if (!shots().isEmpty())
        QVERIFY(dialog->grab().save(shots() + QStringLiteral("/import-mapping-error.png")));

    // Fixed on disk: checked again when the import starts.
    QVERIFY(write(bad, "mapping: 1\ndefault_origin: EU\n"));
    QVERIFY(dialog->setMappingFile(bad));
    QVERIFY(dialog->importButton()->isEnabled());
    // Clearing the field selects the built-in defaults.
    QVERIFY(write(bad, "mapping: 2\n"));
    QVERIFY(!dialog->setMappingFile(bad));
    field->clear();
    QVERIFY(dialog->mappingErrors().isEmpty());
    QVERIFY(dialog->importButton()->isEnabled());
    dialog->reject();
    QVERIFY(!dialog->isVisible());
}

void TestImportDialog::cancelKeepsOpenInventory()
{
    auto catalog = embeddedCatalog();
    MainWindow window(**catalog);
    window.resize(1400, 900);
    window.show();
    QVERIFY(openAndWait(window, {sample}));
    const auto *before = window.inventory();
    const int problems = window.problemsList()->count();
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("az-resource-list-50000.json"));
    QVERIFY(write(big, bigAzureExport(50000)));

    // Cancelled before it has read anything.
    {
        ImportDialog *dialog = window.showImportDialog();
        dialog->addFiles({big});
        QSignalSpy spy(dialog, &ImportDialog::importFinished);
        QVERIFY(dialog->startImport());
        QVERIFY(dialog->isImporting());
        dialog->cancelImport();
        QVERIFY(spy.wait(60000));
        QCOMPARE(spy.first(), (QList<QVariant>{false, true}));
    }
    QCOMPARE(window.inventory(), before);
    QVERIFY2(window.statusBar()->currentMessage().contains(u"cancelled"),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(window.problemsList()->count(), problems);

    // Cancelled mid-way with the dialog's Cancel button, the progress shown until then.
    ImportDialog *dialog = window.showImportDialog();
    dialog->addFiles({big});
    QSignalSpy spy(dialog, &ImportDialog::importFinished);
    QVERIFY(dialog->startImport());
    QVERIFY(!dialog->importButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(
        dialog->progressBar()->maximum() == 1000 && dialog->progressBar()->value() > 50, 60000);
    QVERIFY(dialog->isImporting()); // and the GUI thread kept polling meanwhile
    QVERIFY2(dialog->progressLabel()->text().contains(u"resources read · 0 of 1 file done"),
             qPrintable(dialog->progressLabel()->text()));
    if (!shots().isEmpty()) {
        QTRY_VERIFY_WITH_TIMEOUT(dialog->progressBar()->value() > 350, 60000);
        QVERIFY(dialog->grab().save(shots() + QStringLiteral("/import-dialog.png")));
    }
    auto *buttons = dialog->findChild<QDialogButtonBox *>();
    QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QVERIFY(dialog->isVisible()); // until the import has stopped
    QVERIFY(spy.wait(60000));
    QCOMPARE(spy.first(), (QList<QVariant>{false, true}));
    QCOMPARE(window.inventory(), before);
    QCOMPARE(window.inventory()->organisation.left(9), QStringLiteral("Northwind"));
    QCOMPARE(window.problemsList()->count(), problems);
    QVERIFY(!window.findChild<ImportSummary *>());
}

void TestImportDialog::brokenExportListsProblems()
{
    auto catalog = embeddedCatalog();
    MainWindow window(**catalog);
    window.show();
    QVERIFY(openAndWait(window, {sample}));
    const auto *before = window.inventory();
    ImportDialog *dialog = window.showImportDialog();
    dialog->addFiles({azure, QStringLiteral(ATLAS_TEST_DATA "/import/broken/truncated.json")});
    QCOMPARE(importAndWait(dialog), (QList<QVariant>{false, false}));
    QCOMPARE(window.inventory(), before);
    QCOMPARE(window.problemsList()->count(), 1);
    QVERIFY2(window.problemsList()->item(0)->text().contains(
                 u"truncated.json:69:23: error: unexpected end of file"),
             qPrintable(window.problemsList()->item(0)->text()));
    QVERIFY(!window.findChild<ImportSummary *>());
}

void TestImportDialog::openedExportShowsSummary()
{
    // File → Open and drops go through the same loader, which detects the export formats.
    auto catalog = embeddedCatalog();
    MainWindow window(**catalog);
    window.show();
    QVERIFY(openAndWait(window, {awsUsGz}));
    QCOMPARE(int(window.inventory()->workloads.size()), 5);
    ImportSummary *summary = window.findChild<ImportSummary *>();
    QVERIFY(summary && summary->isVisible());
    QCOMPARE(summary->tabs()->tabText(1), QStringLiteral("Skipped (2)"));
    QVERIFY(openAndWait(window, {azure}));
    QCOMPARE(int(window.inventory()->workloads.size()), 14);
    QTRY_COMPARE(window.findChildren<ImportSummary *>().size(), 1); // the older one closed
    // An inventory alone is no import: no summary.
    window.findChild<ImportSummary *>()->close();
    QVERIFY(openAndWait(window, {sample}));
    QTRY_VERIFY(window.findChildren<ImportSummary *>().isEmpty());
}

QTEST_MAIN(TestImportDialog)
#include "tst_importdialog.moc"
