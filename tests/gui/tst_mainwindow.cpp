// The real main window, offscreen: opens the bundled sample, filters, and shows errors of a
// broken file without dropping the inventory already open.
#include "catalogimporter.h"
#include "mainwindow.h"

#include <QListWidget>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace atlas;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensSampleAndFilters();
};

void TestMainWindow::opensSampleAndFilters()
{
    auto catalog = embeddedCatalog();
    QVERIFY(catalog);
    MainWindow window(**catalog);
    window.show();
    QVERIFY(window.openFiles({QStringLiteral(":/samples/northwind-ai.yaml")}));
    QTableView *view = window.residencyView();
    QCOMPARE(view->model()->rowCount(), int(window.inventory()->workloads.size()));
    QVERIFY(window.windowTitle().startsWith(u"Northwind"));

    // ATLAS_SCREENSHOT_DIR=docs/images saves what a user sees, for the docs.
    const QString shots = qEnvironmentVariable("ATLAS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        window.resize(1400, 820);
        QTest::qWait(50);
        QVERIFY(window.grab().save(shots + QStringLiteral("/main-window.png")));
    }

    auto *filter = window.findChild<QLineEdit *>();
    QVERIFY(filter);
    QTest::keyClicks(filter, QStringLiteral("centralindia"));
    QCOMPARE(view->model()->rowCount(), 4);
    filter->clear();
    QCOMPARE(view->model()->rowCount(), int(window.inventory()->workloads.size()));

    // A broken file: errors listed with positions, the sample stays open.
    QVERIFY(!window.openFiles({QStringLiteral(ATLAS_TEST_DATA "/inventory/broken/several-errors.yaml")}));
    QCOMPARE(window.problemsList()->count(), 4);
    QVERIFY(window.problemsList()->item(0)->text().contains(u"several-errors.yaml:14:5: error:"));
    if (!shots.isEmpty())
        QVERIFY(window.grab().save(shots + QStringLiteral("/problems.png")));
    QVERIFY(window.inventory() && window.inventory()->workloads.size() > 30);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
