// The real main window, offscreen: opens the bundled sample in the background, filters the
// residency table, lists findings with evidence, and keeps the open inventory when a broken
// file is opened.
#include "catalogimporter.h"
#include "findingspanel.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "maptoolbar.h"
#include "mapview.h"
#include "inventorytree.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QScreen>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTemporaryDir>
#include <QTreeView>
#include <QFileInfo>

using namespace atlas;

namespace {
bool openAndWait(MainWindow &window, const QStringList &files)
{
    QSignalSpy spy(&window, &MainWindow::analysisFinished);
    QSignalSpy map(window.mapPanel(), &MapPanel::layoutFinished);
    window.openFiles(files);
    if (!spy.wait(30000))
        return false;
    const bool ok = spy.takeFirst().at(0).toBool();
    if (ok && map.isEmpty() && !map.wait(60000)) // the map lays out in the background too
        return false;
    return ok;
}

// Waits for the map to settle after a change of options.
bool waitForMap(MainWindow &window)
{
    QSignalSpy map(window.mapPanel(), &MapPanel::layoutFinished);
    return map.wait(60000) && map.last().at(0).toBool();
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensSampleAndFilters();
    void findingsPanel();
    void newerRequestSupersedesOlder();
    void mapSelectionFiltersAndLineage();
    void opensWithinTheScreen();
};

void TestMainWindow::opensSampleAndFilters()
{
    auto catalog = embeddedCatalog();
    QVERIFY(catalog);
    MainWindow window(**catalog);
    window.show();
    QVERIFY(openAndWait(window, {QStringLiteral(":/samples/northwind-ai.yaml")}));
    QTableView *view = window.residencyView();
    QCOMPARE(view->model()->rowCount(), int(window.inventory()->workloads.size()));
    QVERIFY(window.windowTitle().startsWith(u"Northwind"));

    // ATLAS_SCREENSHOT_DIR=docs/images saves what a user sees, for the docs.
    const QString shots = qEnvironmentVariable("ATLAS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        window.resize(1400, 900);
        FindingsPanel *panel = window.findingsPanel();
        panel->view()->selectRow(1); // EHR → US training: the map centres on it
        QTest::qWait(50);
        QVERIFY(window.grab().save(shots + QStringLiteral("/main-window.png")));
    }

    QLineEdit *filter = nullptr;
    for (QLineEdit *edit : window.findChildren<QLineEdit *>())
        if (edit->placeholderText().startsWith(u"Filter workloads"))
            filter = edit;
    QVERIFY(filter);
    QTest::keyClicks(filter, QStringLiteral("centralindia"));
    QCOMPARE(view->model()->rowCount(), 4);
    filter->clear();
    QCOMPARE(view->model()->rowCount(), int(window.inventory()->workloads.size()));

    // A broken file: errors listed with positions, the sample stays open.
    QVERIFY(!openAndWait(window, {QStringLiteral(ATLAS_TEST_DATA "/inventory/broken/several-errors.yaml")}));
    QCOMPARE(window.problemsList()->count(), 4);
    QVERIFY(window.problemsList()->item(0)->text().contains(u"several-errors.yaml:14:5: error:"));
    QVERIFY(window.inventory() && window.inventory()->workloads.size() > 30);
    QCOMPARE(window.findingsPanel()->model()->rowCount(), 61);
    if (!shots.isEmpty())
        QVERIFY(window.grab().save(shots + QStringLiteral("/problems.png")));
}

void TestMainWindow::findingsPanel()
{
    auto catalog = embeddedCatalog();
    MainWindow window(**catalog);
    window.show();
    QVERIFY(openAndWait(window, {QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml")}));
    FindingsPanel *panel = window.findingsPanel();
    QAbstractItemModelTester tester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(panel->model()->rowCount(), 61);
    // Sorted by severity, critical first.
    QCOMPARE(panel->view()->model()->index(0, FindingsModel::SeverityColumn).data().toString(), QStringLiteral("critical"));
    // Filters: critical only, then waived only, then text.
    panel->severityBox()->setCurrentIndex(4);
    QCOMPARE(panel->filter()->rowCount(), 12);
    panel->severityBox()->setCurrentIndex(0);
    panel->statusBox()->setCurrentIndex(2); // waived
    const int waived = panel->filter()->rowCount();
    QVERIFY(waived >= 1);
    panel->statusBox()->setCurrentIndex(0);
    auto *text = panel->findChild<QLineEdit *>();
    QTest::keyClicks(text, QStringLiteral("RES-015"));
    QCOMPARE(panel->filter()->rowCount(), 1);
    // Selecting shows the evidence and the source line.
    panel->view()->selectRow(0);
    const QString html = panel->details()->toPlainText();
    QVERIFY2(html.contains(u"dataset.mandate.conditional"), qPrintable(html));
    QVERIFY(html.contains(u"northwind-ai.yaml:"));
    // Revision 2: what to do in words; RES-015 is a review, which no pattern treats.
    QVERIFY2(html.contains(u"What to do"), qPrintable(html));
    QVERIFY(html.contains(u"Ask your DPO whether PIPL Art. 40"));
    QVERIFY(!html.contains(u"Architecture patterns"));
    // A pattern is always written with its name, never as a bare letter.
    text->clear();
    QTest::keyClicks(text, QStringLiteral("RES-007"));
    panel->view()->selectRow(0);
    const QString held = panel->details()->toPlainText();
    QVERIFY2(held.contains(u"C — sovereign cloud zones"), qPrintable(held));
}

void TestMainWindow::newerRequestSupersedesOlder()
{
    auto catalog = embeddedCatalog();
    MainWindow window(**catalog);
    QSignalSpy spy(&window, &MainWindow::analysisFinished);
    window.openFiles({QStringLiteral(ATLAS_TEST_DATA "/inventory/broken/several-errors.yaml")});
    window.openFiles({QStringLiteral(ATLAS_TEST_DATA "/inventory/clean.yaml")});
    QVERIFY(spy.wait(30000));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), 30000);
    // Only the newer request was applied.
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().at(0).toBool(), true);
    QCOMPARE(window.inventory()->organisation, QStringLiteral("Clean Example GmbH"));
    QCOMPARE(window.findingsPanel()->model()->rowCount(), 0);
}

void TestMainWindow::mapSelectionFiltersAndLineage()
{
    auto catalog = embeddedCatalog();
    MainWindow window(**catalog);
    window.resize(1500, 950);
    window.show();
    QVERIFY(openAndWait(window, {QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml")}));
    MapView *map = window.mapPanel()->view();
    QCOMPARE(map->visibleNodeCount(), 57);
    QAbstractItemModelTester treeTester(window.inventoryTree(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(window.inventoryTree()->rowCount(), 2); // workloads, datasets
    QCOMPARE(window.inventoryTree()->item(1)->rowCount(), 33);

    // A finding selects and centres its subject on the map, and the inspector explains it.
    FindingsPanel *panel = window.findingsPanel();
    auto *text = panel->findChild<QLineEdit *>();
    QTest::keyClicks(text, QStringLiteral("workload legacy-ml-scratch"));
    QVERIFY(panel->filter()->rowCount() >= 1);
    panel->view()->selectRow(0);
    QCOMPARE(map->selectedIds(), QStringList{QStringLiteral("legacy-ml-scratch")});
    QVERIFY(window.inspector()->toPlainText().contains(u"unknown"));
    text->clear();

    // And the other way: a workload selected on the map selects one of its findings.
    QVERIFY(map->selectWorkload(QStringLiteral("in-dr-backup-eu")));
    Q_EMIT map->workloadSelected(QStringLiteral("in-dr-backup-eu"));
    const QModelIndex current = panel->view()->currentIndex();
    QVERIFY(current.isValid());
    QCOMPARE(current.data(FindingsModel::SubjectIdRole).toString(), QStringLiteral("in-dr-backup-eu"));

    // Filter: only cross-border flows; what is hidden is counted.
    window.mapPanel()->toolBar()->setOnlyCrossBorder(true);
    QVERIFY(waitForMap(window));
    const MapGraph &filtered = map->mapScene().graph;
    QVERIFY(filtered.hiddenFlows > 0);
    for (const MapEdge &e : filtered.edges)
        QVERIFY(e.crossBorder);
    QCOMPARE(filtered.hiddenWorkloads + int(filtered.nodes.size()), 57);
    window.mapPanel()->toolBar()->setOnlyCrossBorder(false);
    QVERIFY(waitForMap(window));
    QCOMPARE(map->visibleNodeCount(), 57);

    // Lineage focus: the workloads not faded are exactly the dataset's reach.
    window.mapPanel()->toolBar()->setFocusDataset(QStringLiteral("in-card-tokens"));
    QVERIFY(waitForMap(window));
    QSet<QString> visible;
    for (const MapNode &n : map->mapScene().graph.nodes)
        if (!n.faded)
            visible.insert(n.id);
    QCOMPARE(visible, (QSet<QString>{QStringLiteral("in-card-vault"), QStringLiteral("in-dr-backup-eu"), QStringLiteral("us-fraud-features")}));
    const QString shots = qEnvironmentVariable("ATLAS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QTest::qWait(50);
        QVERIFY(window.grab().save(shots + QStringLiteral("/lineage-focus.png")));
    }

    // The inventory tree selects on the map.
    const QModelIndex treeIndex = window.inventoryTree()->indexOfWorkload(QStringLiteral("de-ehr-db"));
    QVERIFY(treeIndex.isValid());
    window.findChild<QTreeView *>()->setCurrentIndex(treeIndex);
    QCOMPARE(map->selectedIds(), QStringList{QStringLiteral("de-ehr-db")});

    // File → Export map writes what is shown.
    QTemporaryDir dir;
    QVERIFY(window.exportMap(dir.filePath(QStringLiteral("map.svg"))));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("map.svg"))).size() > 10000);
}

void TestMainWindow::opensWithinTheScreen()
{
    // 1500×950 where there is room; on a smaller screen (the offscreen one is 800×600, as small
    // as the smallest laptop) the window fits it and the findings dock leaves the map most of it.
    auto catalog = embeddedCatalog();
    QVERIFY(catalog);
    MainWindow window(**catalog);
    QVERIFY(window.screen());
    const QSize room = window.screen()->availableGeometry().size();
    QCOMPARE(window.size(), QSize(1500, 950).boundedTo(room * 0.95));
    const auto *findings = window.findChild<QDockWidget *>(QStringLiteral("findingsDock"));
    QVERIFY(findings);
    QVERIFY2(findings->height() <= window.height() / 3 + 1, qPrintable(QString::number(findings->height())));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
