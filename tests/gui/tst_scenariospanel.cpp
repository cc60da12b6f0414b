// The Scenarios panel on the real main window, offscreen: all four patterns on the bundled
// sample give the engine's own comparison; selecting a scenario overlays it on the map and
// strikes the findings it resolves through; "Try pattern on this finding" scopes the run to that
// finding's subject; an exported scenario loads back; a bad scope is told in the panel; a reload
// marks the comparison stale. ATLAS_SCREENSHOTS=<dir> writes the docs' screenshots.
#include "catalogimporter.h"
#include "findingspanel.h"
#include "inventoryimporter.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "mapview.h"
#include "scenarioreport.h"
#include "scenarioresults.h"
#include "scenariospanel.h"

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace atlas;

namespace {

const QString kSample = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml");

bool openAndWait(MainWindow &window)
{
    QSignalSpy spy(&window, &MainWindow::analysisFinished);
    QSignalSpy map(window.mapPanel(), &MapPanel::layoutFinished);
    window.openFiles({kSample});
    if (!spy.wait(30000) || !spy.takeFirst().at(0).toBool())
        return false;
    return !map.isEmpty() || map.wait(60000);
}

bool runAndWait(ScenariosPanel *panel, bool expectOk = true)
{
    QSignalSpy spy(panel, &ScenariosPanel::finished);
    panel->run();
    return spy.wait(180000) && spy.first().at(0).toBool() == expectOk;
}

// Runs `action` and waits for the map layout it starts.
template<typename F>
bool andWaitForMap(MainWindow &window, F action)
{
    QSignalSpy map(window.mapPanel(), &MapPanel::layoutFinished);
    action();
    return map.wait(60000) && map.last().at(0).toBool();
}

QString screenshots()
{
    return qEnvironmentVariable("ATLAS_SCREENSHOTS", qEnvironmentVariable("ATLAS_SCREENSHOT_DIR"));
}

// The docs' picture of the overlay: one jurisdiction's cluster at 100 % (as the map shows it
// zoomed in), with the legend and its scenario key below — the whole map would be unreadable.
bool saveOverlayCrop(const MapScene &scene, const QString &clusterKey, const QString &path)
{
    const auto &clusters = scene.graph.clusters;
    const auto it = std::find_if(clusters.begin(), clusters.end(), [&](const MapCluster &c) { return c.key == clusterKey; });
    if (it == clusters.end())
        return false;
    QRectF crop = scene.layout.clusters[std::size_t(it - clusters.begin())].adjusted(-24, -24, 24, 24);
    const QSizeF legend = mappaint::legendSize(true);
    crop.setWidth(std::max(crop.width(), legend.width() + 32));
    const MapPalette palette = MapPalette::light();
    QImage image(QSize(int(crop.width()), int(crop.height() + legend.height() + 24)), QImage::Format_ARGB32_Premultiplied);
    image.fill(palette.background);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.save();
    p.setClipRect(QRectF(QPointF(0, 0), crop.size()));
    p.translate(-crop.topLeft());
    mappaint::paintScene(p, scene, palette);
    p.restore();
    p.fillRect(QRectF(0, crop.height(), crop.width(), legend.height() + 24), palette.background);
    mappaint::paintLegend(p, QPointF(16, crop.height() + 8), palette, true);
    p.end();
    return image.save(path);
}

int rowOf(const QTableWidget *table, const QString &metric)
{
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->verticalHeaderItem(r)->text() == metric)
            return r;
    return -1;
}

} // namespace

class TestScenariosPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void comparesAllFourPatterns();
    void tryPatternOnFinding();
    void badScopeIsToldInThePanel();
    void staleAfterReload();
    void cancels();

private:
    const Catalog *m_catalog = nullptr;
};

void TestScenariosPanel::initTestCase()
{
    auto catalog = embeddedCatalog();
    QVERIFY(catalog);
    m_catalog = *catalog;
}

void TestScenariosPanel::comparesAllFourPatterns()
{
    MainWindow window(*m_catalog);
    window.resize(1600, 1000);
    window.show();
    QVERIFY(openAndWait(window));
    ScenariosPanel *panel = window.scenariosPanel();
    QVERIFY(panel);
    window.showScenarios();
    QCOMPARE(panel->patterns().size(), std::size_t(4)); // all four by default
    QVERIFY(runAndWait(panel));

    // The table is the engine's comparison, a column per scenario.
    SimulationRequest request;
    request.baseline = window.document()->snapshot();
    request.patterns = {allPatterns.begin(), allPatterns.end()};
    const auto expected = simulate(request);
    QVERIFY(expected);
    const std::vector<ComparisonRow> rows = comparisonRows(*expected);
    QTableWidget *table = panel->results()->table();
    QCOMPARE(table->columnCount(), 4);
    QCOMPARE(table->rowCount(), int(rows.size()));
    for (int r = 0; r < int(rows.size()); ++r) {
        QCOMPARE(table->verticalHeaderItem(r)->text(), rows[std::size_t(r)].metric);
        for (int c = 0; c < 4; ++c)
            QCOMPARE(table->item(r, c)->text(), rows[std::size_t(r)].values[c]);
    }
    for (int c = 0; c < 4; ++c) { // letter and name, never a bare letter
        const QString title = table->horizontalHeaderItem(c)->text();
        QVERIFY2(title.simplified() == expected->scenarios[std::size_t(c)].name().simplified(), qPrintable(title));
    }
    const int resolvedRow = rowOf(table, QStringLiteral("In-scope findings resolved"));
    QVERIFY(resolvedRow >= 0);
    const ScenarioMetrics &d = expected->scenarios[3].metrics;
    QCOMPARE(table->item(resolvedRow, 3)->text(), QStringLiteral("%1 of %2").arg(d.inScopeResolved).arg(d.inScope));
    // Better cells are tinted, same ones are not.
    for (int r = 0; r < int(rows.size()); ++r)
        for (int c = 0; c < 4; ++c)
            QCOMPARE(table->item(r, c)->background().style() != Qt::NoBrush, rows[std::size_t(r)].better[c] != 0);

    // Selecting scenario A's column: the map shows its inventory with the change list marked,
    // the findings it resolves are struck through, its changes are listed.
    const Scenario &a = expected->scenarios[0];
    const auto added = std::find_if(a.plan.changes.begin(), a.plan.changes.end(), [](const ScenarioChange &c) {
        return c.action == ChangeAction::Added && c.kind == EntityKind::Workload;
    });
    QVERIFY(added != a.plan.changes.end());
    QVERIFY(!window.mapPanel()->view()->mapScene().graph.overlay);
    QVERIFY(andWaitForMap(window, [&] { table->selectColumn(0); }));
    QVERIFY(panel->selectedScenario());
    QCOMPARE(panel->selectedScenario()->plan.pattern, Pattern::A);
    const MapGraph &graph = window.mapPanel()->view()->mapScene().graph;
    QVERIFY(graph.overlay);
    const auto node = std::find_if(graph.nodes.begin(), graph.nodes.end(), [&](const MapNode &n) { return n.id == added->id; });
    QVERIFY2(node != graph.nodes.end(), qPrintable(added->id));
    QCOMPARE(node->mark, OverlayMark::Added);
    QVERIFY(std::any_of(graph.edges.begin(), graph.edges.end(), [](const MapEdge &e) { return e.mark == OverlayMark::Rerouted; }));
    // The route a rerouted flow left is a ghost: dashed, with no flow of its own.
    const auto ghost = std::find_if(graph.edges.begin(), graph.edges.end(), [](const MapEdge &e) { return e.mark == OverlayMark::Removed; });
    QVERIFY(ghost != graph.edges.end());
    QVERIFY(ghost->flows.isEmpty());
    QVERIFY(ghost->tooltip.contains(u"no longer used"));
    QVERIFY(panel->results()->details()->topLevelItem(0)->text(0).startsWith(QStringLiteral("Changes (%1)").arg(a.plan.changes.size())));

    QVERIFY(!a.delta.resolved.empty());
    FindingsPanel *findings = window.findingsPanel();
    const FindingKey resolved = findingKey(a.delta.resolved.front());
    const QModelIndex resolvedIndex = findings->filter()->mapFromSource(findings->model()->indexOf(resolved));
    QVERIFY(resolvedIndex.isValid());
    QVERIFY(findings->isStruckOut(resolvedIndex));
    QModelIndex unresolved;
    for (int r = 0; r < findings->filter()->rowCount() && !unresolved.isValid(); ++r) {
        const Finding *f = findings->findingAt(findings->filter()->index(r, 0));
        if (f && std::none_of(a.delta.resolved.begin(), a.delta.resolved.end(), [&](const Finding &x) { return findingKey(x) == findingKey(*f); }))
            unresolved = findings->filter()->index(r, 0);
    }
    QVERIFY(unresolved.isValid());
    QVERIFY(!findings->isStruckOut(unresolved));

    if (const QString shots = screenshots(); !shots.isEmpty()) {
        // As a user comparing scenarios would arrange it: the comparison wide, the findings low.
        auto *scenariosDock = window.findChild<QDockWidget *>(QStringLiteral("scenariosDock"));
        auto *findingsDock = window.findChild<QDockWidget *>(QStringLiteral("findingsDock"));
        if (scenariosDock && findingsDock) {
            window.resizeDocks({scenariosDock}, {880}, Qt::Horizontal);
            window.resizeDocks({findingsDock}, {190}, Qt::Vertical);
        }
        QTest::qWait(200);
        QVERIFY(window.grab().save(shots + QStringLiteral("/scenarios-panel.png")));
        QVERIFY(saveOverlayCrop(window.mapPanel()->view()->mapScene(), QStringLiteral("EU"),
                                shots + QStringLiteral("/scenarios-map-overlay.png")));
    }

    // Export: the scenario's inventory loads back and checks (findings or none, not bad input).
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("scenario-a.yaml"));
    const auto written = panel->exportScenario(path);
    QVERIFY2(written, qPrintable(written ? QString() : written.error()));
    const auto loaded = loadInventory({path}, *m_catalog);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().front().toString()));
    QVERIFY(loaded->inventory.workloadIndex(added->id) >= 0);

    // Clearing the selection brings the document's map and findings back.
    QVERIFY(andWaitForMap(window, [&] { panel->selectScenario(-1); }));
    QVERIFY(!window.mapPanel()->view()->mapScene().graph.overlay);
    QVERIFY(!findings->isStruckOut(findings->filter()->mapFromSource(findings->model()->indexOf(resolved))));
}

void TestScenariosPanel::tryPatternOnFinding()
{
    MainWindow window(*m_catalog);
    window.show();
    QVERIFY(openAndWait(window));
    FindingsPanel *findings = window.findingsPanel();
    const auto key = FindingKey::parse(QStringLiteral("RES-001/flow/ehr-to-us-training/eu-patient-records"));
    QVERIFY(key);
    const QModelIndex index = findings->model()->indexOf(*key);
    QVERIFY(index.isValid());
    std::unique_ptr<QMenu> menu(findings->patternMenu(findings->filter()->mapFromSource(index), nullptr));
    QVERIFY(menu);
    QAction *tryA = nullptr;
    QStringList labels;
    for (QAction *sub : menu->actions())
        if (sub->menu())
            for (QAction *action : sub->menu()->actions()) {
                labels << action->text();
                if (action->text().startsWith(u"A — "))
                    tryA = action;
            }
    QCOMPARE(labels.size(), 4);
    QVERIFY2(tryA && tryA->isEnabled(), qPrintable(labels.join(u", ")));

    ScenariosPanel *panel = window.scenariosPanel();
    QSignalSpy done(panel, &ScenariosPanel::finished);
    tryA->trigger();
    QVERIFY(panel->isRunning());
    QVERIFY(done.wait(180000));
    QVERIFY(done.first().at(0).toBool());
    QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("scenariosDock"))->isVisible());
    QVERIFY(panel->findChild<QLabel *>(QStringLiteral("findingScope"))->text().contains(u"ehr-to-us-training"));
    const auto result = panel->result();
    QCOMPARE(result->scenarios.size(), std::size_t(1));
    const Scenario &s = result->scenarios.front();
    QCOMPARE(s.plan.pattern, Pattern::A);
    QVERIFY(!s.plan.inScope.empty());
    for (const FindingKey &k : s.plan.inScope) {
        QCOMPARE(k.subjectKind, SubjectKind::Flow);
        QCOMPARE(k.subjectId, QStringLiteral("ehr-to-us-training"));
    }
    QCOMPARE(panel->results()->table()->columnCount(), 1);
}

void TestScenariosPanel::badScopeIsToldInThePanel()
{
    MainWindow window(*m_catalog);
    window.show();
    QVERIFY(openAndWait(window));
    ScenariosPanel *panel = window.scenariosPanel();
    panel->datasetsField()->setText(QStringLiteral("eu-patient-record"));
    panel->run(); // refused at once, in the panel's words (no command-line option names)
    QVERIFY(!panel->isRunning());
    const QString text = panel->messages()->text();
    QVERIFY2(text.contains(u"no dataset 'eu-patient-record' in the inventory (did you mean 'eu-patient-records'?)"), qPrintable(text));
    QVERIFY2(!text.contains(u"--scope"), qPrintable(text));
    QVERIFY(panel->messages()->isVisible());
    QVERIFY(!panel->result());
    QCOMPARE(panel->results()->table()->columnCount(), 0);
}

void TestScenariosPanel::staleAfterReload()
{
    MainWindow window(*m_catalog);
    window.show();
    QVERIFY(openAndWait(window));
    ScenariosPanel *panel = window.scenariosPanel();
    panel->setPatterns({Pattern::C});
    QVERIFY(runAndWait(panel));
    QVERIFY(!panel->isStale());
    QVERIFY(!panel->findChild<QLabel *>(QStringLiteral("staleLabel"))->isVisibleTo(panel));
    QSignalSpy spy(&window, &MainWindow::analysisFinished);
    window.reload();
    QVERIFY(spy.wait(30000));
    QVERIFY(panel->isStale());
    QVERIFY(panel->findChild<QLabel *>(QStringLiteral("staleLabel"))->isVisibleTo(panel));
    QCOMPARE(panel->results()->table()->columnCount(), 1); // kept, marked
    QVERIFY(runAndWait(panel));
    QVERIFY(!panel->isStale());
}

void TestScenariosPanel::cancels()
{
    MainWindow window(*m_catalog);
    window.show();
    QVERIFY(openAndWait(window));
    ScenariosPanel *panel = window.scenariosPanel();
    QSignalSpy done(panel, &ScenariosPanel::finished);
    panel->run();
    QVERIFY(panel->isRunning());
    QVERIFY(!panel->runButton()->isEnabled());
    panel->cancel();
    QVERIFY(done.wait(180000));
    // Cancelled in time (the usual case) or finished first: either way the panel says which.
    if (!done.first().at(0).toBool()) {
        QVERIFY2(panel->messages()->text().startsWith(u"Cancelled"), qPrintable(panel->messages()->text()));
        QVERIFY(!panel->result());
    } else {
        QCOMPARE(panel->results()->table()->columnCount(), 4);
    }
    QVERIFY(panel->runButton()->isEnabled());

    // A run requested while one is going supersedes it: one outcome, the newer request's.
    done.clear();
    panel->setPatterns({Pattern::A, Pattern::B, Pattern::C, Pattern::D});
    panel->run();
    panel->setPatterns({Pattern::B});
    panel->run();
    QVERIFY(done.wait(180000));
    QVERIFY(done.first().at(0).toBool());
    QTest::qWait(50);
    QCOMPARE(done.size(), 1);
    QCOMPARE(panel->result()->scenarios.size(), std::size_t(1));
    QCOMPARE(panel->result()->scenarios.front().plan.pattern, Pattern::B);
}

QTEST_MAIN(TestScenariosPanel)
#include "tst_scenariospanel.moc"
