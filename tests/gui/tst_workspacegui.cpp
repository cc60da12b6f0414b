// The workspace in the GUI: Save As turns the open inventory into a workspace, Save commits the
// edits as a snapshot with their audit records, autosave writes a recovery file and reopening
// after a "crash" offers it back, the audit log window lists the chain, and Compare with
// Snapshot shows exactly the edit; the region map's arrangement is kept across filters and
// saved with the workspace.
#include "catalogimporter.h"
#include "changeentity.h"
#include "document.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "maptoolbar.h"
#include "mapview.h"
#include "workspace.h"
#include "workspacedialogs.h"
#include "workspacesession.h"

#include <QComboBox>
#include <QDeadlineTimer>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QUndoStack>
#include <QtTest>

using namespace atlas;
using namespace Qt::StringLiterals;

namespace {

bool openAndWait(MainWindow &window, const QString &file)
{
    QSignalSpy spy(&window, &MainWindow::analysisFinished);
    window.openFiles({file});
    return spy.wait(60000) && spy.takeFirst().at(0).toBool();
}

// Encrypts the first flow through the document's undo stack.
void editFirstFlow(MainWindow &window, double volume)
{
    Flow f = window.document()->inventory()->flows.front();
    f.volumeGbPerDay = volume;
    auto applied = window.document()->apply(std::make_unique<ChangeEntityCommand>(window.document(), f.id, f));
    QVERIFY(applied);
    window.document()->waitForAnalysis();
}

QHash<QString, QRectF> cardRects(MapPanel *map)
{
    QHash<QString, QRectF> out;
    const MapScene &scene = map->view()->mapScene();
    for (std::size_t n = 0; n < scene.graph.nodes.size(); ++n)
        out.insert(scene.graph.nodes[n].id, scene.layout.nodes[n]);
    return out;
}

// The region map laid out for what the panel shows now (a pending re-pack included).
bool settled(MapPanel *map)
{
    QTest::qWait(600); // the re-pack after a change of shape waits 400 ms for the resizing to stop
    QDeadlineTimer deadline(30000);
    while (map->isBusy() && !deadline.hasExpired())
        QTest::qWait(20);
    return !map->isBusy() && !map->view()->mapScene().graph.nodes.empty();
}

// Every card of `now` where it was in `before`; "" when so.
QString movedCards(const QHash<QString, QRectF> &before, const QHash<QString, QRectF> &now)
{
    QStringList out;
    for (auto it = now.begin(); it != now.end(); ++it)
        if (!before.contains(it.key()) || before[it.key()].topLeft() != it->topLeft())
            out << it.key();
    return out.join(u", "_s);
}

} // namespace

class TestWorkspaceGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qputenv("ATLAS_USER", "gui-tester");
        qputenv("ATLAS_AUTOSAVE_MS", "3600000");
    }

    void saveAutosaveRecoverCompare()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"estate.ratlas"_s);
        {
            MainWindow window(*embeddedCatalog().value());
            QVERIFY(openAndWait(window, QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml")));
            WorkspaceSession *session = window.workspaceSession();
            QVERIFY(session->path().isEmpty());
            editFirstFlow(window, 777);
            QVERIFY(session->isModified());
            QVERIFY(window.saveWorkspaceAs(path));
            QCOMPARE(session->path(), path);
            QVERIFY(!session->isModified());
            // Save after another edit: a second snapshot with the change audited.
            editFirstFlow(window, 778);
            QVERIFY(window.saveWorkspace());
            auto ws = workspace::Workspace::open(path, workspace::OpenMode::ReadOnly);
            QCOMPARE(*(*ws)->head(), 2);
            auto log = (*ws)->auditLog();
            QCOMPARE(log->last().action, u"change"_s);
            QCOMPARE(log->last().user, u"gui-tester"_s);
            QVERIFY(log->last().after.contains(u"778"_s));
            // An edit left unsaved, autosaved, then the window "crashes" (closes discarding).
            editFirstFlow(window, 779);
            QVERIFY(session->autosave());
            QVERIFY(QFile::exists(WorkspaceSession::autosavePath(path)));
            QVERIFY(!WorkspaceSession::recoverable(path).isEmpty());
            window.answerQuestionsWith(std::nullopt, QMessageBox::Discard);
            const QString keep = WorkspaceSession::autosavePath(path) + u".kept"_s;
            QVERIFY(QFile::copy(WorkspaceSession::autosavePath(path), keep)); // a crash would not have removed it
            window.close();
            QVERIFY(QFile::rename(keep, WorkspaceSession::autosavePath(path)));
        }
        MainWindow window(*embeddedCatalog().value());
        window.answerQuestionsWith(QMessageBox::Yes, QMessageBox::Discard);
        QSignalSpy recovered(&window, &MainWindow::analysisFinished);
        window.openFiles({path});
        QVERIFY(recovered.wait(60000));
        QTRY_COMPARE_WITH_TIMEOUT(recovered.size(), 2, 60000); // the workspace, then its autosave
        QCOMPARE(window.workspaceSession()->path(), path);
        QVERIFY(window.workspaceSession()->isModified());
        QCOMPARE(*window.document()->inventory()->flows.front().volumeGbPerDay, 779.0);
        // The audit log window lists the chain; Compare shows the unsaved change.
        AuditLogDialog *audit = window.showAuditLog();
        QVERIFY(audit);
        QCOMPARE(audit->table()->rowCount(), 2);
        QCOMPARE(audit->table()->item(1, 5)->text(), u"volume_gb_per_day: 777"_s);
        QCOMPARE(audit->table()->item(1, 6)->text(), u"volume_gb_per_day: 778"_s);
        QVERIFY(audit->verdict()->text().contains(u"Chain intact"_s));
        CompareDialog *compare = window.showCompare();
        QVERIFY(compare);
        QVERIFY2(compare->text()->toPlainText().contains(u"volume_gb_per_day: 778 → 779"_s), qPrintable(compare->text()->toPlainText()));
        QCOMPARE(compare->diff().counts.changed, 1);
        QVERIFY(window.saveWorkspace());
        QVERIFY(!QFile::exists(WorkspaceSession::autosavePath(path)));
        auto ws = workspace::Workspace::open(path, workspace::OpenMode::ReadOnly);
        QCOMPARE(*(*ws)->head(), 3);
        if (qEnvironmentVariableIsSet("ATLAS_SCREENSHOTS")) {
            audit->grab().save(qEnvironmentVariable("ATLAS_SCREENSHOTS") + u"/workspace-audit-log.png"_s);
            compare->grab().save(qEnvironmentVariable("ATLAS_SCREENSHOTS") + u"/workspace-compare.png"_s);
        }
    }

    // Issue 18, item 4: a filter keeps the cards where they were, a change of the window's shape
    // does not reshuffle what the user arranged, the places are saved with the workspace and
    // come back with it, and Re-arrange packs the map afresh to the window.
    void arrangementKeptAndSaved()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"arranged.ratlas"_s);
        QHash<QString, QRectF> before;
        {
            MainWindow window(*embeddedCatalog().value());
            window.resize(1400, 900);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(openAndWait(window, QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml")));
            MapPanel *map = window.mapPanel();
            map->setMode(MapMode::Regions);
            QVERIFY(settled(map));
            QVERIFY(!map->arrangementIsKept());
            before = cardRects(map);
            const QString shots = qEnvironmentVariable("ATLAS_SCREENSHOTS");
            if (!shots.isEmpty())
                map->grab().save(shots + u"/kept-arrangement-all.png"_s);
            map->toolBar()->setOnlyFindings(true);
            QVERIFY(settled(map));
            QVERIFY(map->arrangementIsKept());
            const QHash<QString, QRectF> filtered = cardRects(map);
            QVERIFY(filtered.size() < before.size() && !filtered.isEmpty());
            QCOMPARE(movedCards(before, filtered), QString());
            if (!shots.isEmpty())
                map->grab().save(shots + u"/kept-arrangement-filtered.png"_s);
            window.resize(800, 1100); // another shape: the user's arrangement stays
            QVERIFY(settled(map));
            QCOMPARE(movedCards(before, cardRects(map)), QString());
            map->toolBar()->setOnlyFindings(false);
            QVERIFY(settled(map));
            QCOMPARE(cardRects(map).size(), before.size());
            QCOMPARE(movedCards(before, cardRects(map)), QString());
            // Another grouping: the jurisdictions' tiles stay in their places, or straight below
            // them where a tile above grew.
            const auto tileAt = [map](const QString &key) {
                const MapScene &scene = map->view()->mapScene();
                for (std::size_t c = 0; c < scene.graph.clusters.size(); ++c)
                    if (scene.graph.clusters[c].key == key)
                        return scene.layout.clusters[c].topLeft();
                return QPointF(-1, -1);
            };
            const QPointF us = tileAt(u"US"_s), in = tileAt(u"IN"_s);
            auto *grouping = map->toolBar()->findChild<QComboBox *>(u"grouping"_s);
            QVERIFY(grouping);
            grouping->setCurrentIndex(grouping->findData(int(MapGrouping::Country)));
            QVERIFY(settled(map));
            for (const auto &[key, was] : {std::pair{u"US"_s, us}, std::pair{u"IN"_s, in}}) {
                QCOMPARE(tileAt(key).x(), was.x());
                QVERIFY2(tileAt(key).y() >= was.y() && tileAt(key).y() < was.y() + 200, qPrintable(key));
            }
            grouping->setCurrentIndex(grouping->findData(int(MapGrouping::Region)));
            QVERIFY(settled(map));
            QCOMPARE(movedCards(before, cardRects(map)), QString());
            QVERIFY(window.saveWorkspaceAs(path));
            auto ws = workspace::Workspace::open(path, workspace::OpenMode::ReadOnly);
            QVERIFY(ws);
            const auto places = (*ws)->mapPlaces();
            QVERIFY(places);
            QCOMPARE(places->value(u"regions/region"_s).size(),
                     qsizetype(map->view()->mapScene().graph.nodes.size() + map->view()->mapScene().graph.clusters.size()));
            window.close();
        }
        MainWindow window(*embeddedCatalog().value());
        window.resize(900, 1300); // opened in a window of another shape
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndWait(window, path));
        MapPanel *map = window.mapPanel();
        map->setMode(MapMode::Regions);
        QVERIFY(settled(map));
        QVERIFY(map->arrangementIsKept());
        QCOMPARE(movedCards(before, cardRects(map)), QString());
        const QRectF saved = map->view()->mapScene().layout.bounds;
        map->rearrange();
        QVERIFY(settled(map));
        QVERIFY(!map->arrangementIsKept());
        const QRectF packed = map->view()->mapScene().layout.bounds;
        const QSize viewport = map->view()->viewport()->size();
        const double want = double(viewport.width()) / viewport.height();
        QVERIFY2(std::abs(std::log(packed.width() / packed.height() / want)) < std::abs(std::log(saved.width() / saved.height() / want)),
                 qPrintable(u"packed %1×%2, saved %3×%4, viewport %5×%6"_s.arg(packed.width()).arg(packed.height())
                                .arg(saved.width()).arg(saved.height()).arg(viewport.width()).arg(viewport.height())));
    }
};

QTEST_MAIN(TestWorkspaceGui)
#include "tst_workspacegui.moc"
