// The map tab's overview (issue 18), offscreen in the real main window: it is the first view
// when a document opens; a click on an edge or a matrix cell lists the pair's flows and
// findings; "Show on region map" switches to the region map filtered to the pair, cross-border
// only. ATLAS_SCREENSHOTS=DIR saves the overview as the user guide shows it.
#include "catalogimporter.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "maptoolbar.h"
#include "mapview.h"
#include "overviewcanvas.h"
#include "overviewpanel.h"

#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace atlas;
using namespace Qt::StringLiterals;

namespace {

// Opens `file` and waits for the analysis, the region map and the overview.
bool openAndWait(MainWindow &window, const QString &file)
{
    QSignalSpy analysed(&window, &MainWindow::analysisFinished);
    QSignalSpy map(window.mapPanel(), &MapPanel::layoutFinished);
    QSignalSpy overview(window.mapPanel(), &MapPanel::overviewFinished);
    window.openFiles({file});
    if (!analysed.wait(30000) || !analysed.takeFirst().at(0).toBool())
        return false;
    if (map.isEmpty() && !map.wait(60000))
        return false;
    if (overview.isEmpty() && !overview.wait(60000))
        return false;
    return overview.last().at(0).toBool();
}

QStringList listed(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        out << list->item(i)->text();
    return out;
}

} // namespace

class TestOverview : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void overviewFirstThenDrillDown();
};

void TestOverview::overviewFirstThenDrillDown()
{
    auto catalog = embeddedCatalog();
    MainWindow window(**catalog);
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(openAndWait(window, QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml")));
    MapPanel *panel = window.mapPanel();
    OverviewPanel *overview = panel->overview();
    // The overview is what a newly opened document shows first.
    QCOMPARE(panel->mode(), MapMode::Overview);
    QVERIFY(overview->isVisible());
    QVERIFY(!panel->view()->isVisible());
    QVERIFY(overview->hasScene());
    const OverviewScene &scene = overview->scene();
    const JurisdictionOverview &o = scene.overview;

    // A click on the EU → US edge's label selects the pair and lists its flows and findings.
    const int eu = o.nodeIndex(u"EU"_s), us = o.nodeIndex(u"US"_s);
    const OverviewCell *euUs = o.cell(eu, us);
    QVERIFY(euUs);
    const int cell = int(euUs - o.cells.data());
    OverviewCanvas *graph = overview->graphCanvas();
    const int edge = graph->edgeOfCell(cell);
    QVERIFY(edge >= 0);
    QSignalSpy selected(overview, &OverviewPanel::cellSelected);
    QTest::mouseClick(graph, Qt::LeftButton, {}, graph->widgetPoint(scene.labels[std::size_t(edge)].center()));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(overview->selectedCell(), cell);
    const QStringList lines = listed(overview->details());
    QVERIFY2(lines.contains(u"Flow ehr-to-us-training: de-ehr-db → us-global-training"_s), qPrintable(lines.join(u'\n')));
    QVERIFY(std::any_of(lines.begin(), lines.end(), [](const QString &l) { return l.startsWith(u"Finding RES-001 (critical)"_s); }));
    QVERIFY(lines.contains(u"Access us-ds-debug"_s));

    // A click on a matrix cell selects that pair: UK → IN (the offshore support access).
    MatrixCanvas *matrix = overview->matrixCanvas();
    const int uk = o.nodeIndex(u"UK"_s), in = o.nodeIndex(u"IN"_s);
    QTest::mouseClick(matrix, Qt::LeftButton, {}, matrix->widgetPoint(matrix->layout().rect(uk + 1, in + 1).center()));
    QCOMPARE(overview->selectedCell(), int(o.cell(uk, in) - o.cells.data()));
    QVERIFY(listed(overview->details()).contains(u"Access in-offshore-support"_s));

    if (qEnvironmentVariableIsSet("ATLAS_SCREENSHOTS")) {
        overview->selectPair(u"EU"_s, u"US"_s);
        panel->grab().save(qEnvironmentVariable("ATLAS_SCREENSHOTS") + u"/overview-tab.png"_s);
    }

    // Drill-down: the region map filtered to EU and US, cross-border flows only.
    QVERIFY(overview->selectPair(u"EU"_s, u"US"_s));
    QSignalSpy map(panel, &MapPanel::layoutFinished);
    QTest::mouseClick(overview->showOnMapButton(), Qt::LeftButton);
    QCOMPARE(panel->mode(), MapMode::Regions);
    QVERIFY(panel->view()->isVisible());
    const MapOptions options = panel->toolBar()->options();
    QCOMPARE(options.jurisdictions, (QSet<QString>{u"EU"_s, u"US"_s}));
    QVERIFY(options.onlyCrossBorder);
    QVERIFY(map.wait(60000));
    QVERIFY(map.last().at(0).toBool());
    const MapGraph &g = panel->view()->mapScene().graph;
    QVERIFY(!g.edges.empty());
    const auto &residency = window.mapPanel()->shownSnapshot()->facts.residency;
    for (const MapNode &n : g.nodes) {
        QVERIFY(n.workload >= 0);
        const QString j = residency[std::size_t(n.workload)].location.jurisdiction;
        QVERIFY2(j == u"EU" || j == u"US", qPrintable(n.id + u" in "_s + j));
    }
    // Every EU → US flow is on the region map.
    QSet<QString> drawn;
    for (const MapEdge &e : g.edges)
        for (const QString &f : e.flows)
            drawn.insert(f);
    for (const QString &f : euUs->flowIds)
        QVERIFY2(drawn.contains(f), qPrintable(f));

    // And back: the switch shows the overview again, the pair still selected.
    panel->setMode(MapMode::Overview);
    QVERIFY(overview->isVisible());
    QCOMPARE(overview->selectedCell(), cell);

    // A pane of a much other shape: the graph is laid out again to it, once the resizing stops
    // (last: the scene, and every reference into it above, is replaced).
    {
        const QRectF wide = overview->scene().bounds;
        QSignalSpy again(panel, &MapPanel::overviewFinished);
        window.resize(700, 1400);
        QVERIFY(again.wait(30000));
        const QRectF tall = overview->scene().bounds;
        QVERIFY2(tall.width() / tall.height() < wide.width() / wide.height(),
                 qPrintable(u"%1×%2 then %3×%4"_s.arg(wide.width()).arg(wide.height()).arg(tall.width()).arg(tall.height())));
        again.clear();
        window.resize(1500, 950);
        QVERIFY(again.wait(30000));
        QCOMPARE(overview->scene().bounds, wide);
    }
}

QTEST_MAIN(TestOverview)
#include "tst_overview.moc"
