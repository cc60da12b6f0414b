// The main window's workspace: File → Save, Save As, Audit Log, Compare with Snapshot; recovery
// of an autosave after a crash; the question on closing with unsaved edits. The saving itself is
// document/workspacesession's.
#include "mainwindow.h"

#include "analysis.h"
#include "mappanel.h"
#include "scenarioreport.h"
#include "scenariospanel.h"
#include "workspacedialogs.h"
#include "workspacesession.h"

#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QUndoStack>

namespace atlas {

namespace {

// The overlay of a diff on the map of the open document: added and changed entities marked,
// removed ones drawn as ghosts.
MapOverlay diffOverlay(const SnapshotDiff &diff)
{
    MapOverlay overlay;
    for (const EntityChange &c : diff.inventory.entities) {
        if (c.kind == EntityKind::Workload) {
            const auto &w = std::get<Workload>(c.entity);
            if (c.operation == DiffOperation::Removed)
                overlay.ghostWorkloads << w.id;
            else
                overlay.workloads.insert(w.id, c.operation == DiffOperation::Added ? OverlayMark::Added : OverlayMark::Moved);
        } else if (c.kind == EntityKind::Flow) {
            const auto &f = std::get<Flow>(c.entity);
            if (c.operation == DiffOperation::Removed)
                overlay.ghostFlows.push_back({f.id, f.from, f.to});
            else
                overlay.flows.insert(f.id, c.operation == DiffOperation::Added ? OverlayMark::Added : OverlayMark::Rerouted);
        }
    }
    return overlay;
}

} // namespace

void MainWindow::setupWorkspace()
{
    m_session = new WorkspaceSession(m_document, this);
    m_session->setMapPlaces([this] { return m_map->keptPlaces(); });
    m_map->setPlacesSource([](const AnalysisSnapshot &s) { return workspace::savedMapPlaces(s.inputs); });
    QMenu *file = menuBar()->actions().front()->menu();
    QAction *before = file->actions().value(1); // after Open…
    auto *save = new QAction(tr("&Save"), this);
    save->setShortcut(QKeySequence::Save);
    save->setObjectName(QStringLiteral("saveAction"));
    connect(save, &QAction::triggered, this, [this] { saveWorkspace(); });
    auto *saveAs = new QAction(tr("Save &As…"), this);
    saveAs->setShortcut(QKeySequence::SaveAs);
    connect(saveAs, &QAction::triggered, this, [this] { saveWorkspaceAs(); });
    auto *audit = new QAction(tr("Audit &Log…"), this);
    connect(audit, &QAction::triggered, this, [this] { showAuditLog(); });
    auto *compare = new QAction(tr("&Compare with Snapshot…"), this);
    connect(compare, &QAction::triggered, this, [this] { showCompare(); });
    auto *keep = new QAction(tr("&Keep Selected Scenario in Workspace"), this);
    keep->setObjectName(QStringLiteral("keepScenarioAction"));
    connect(keep, &QAction::triggered, this, [this] {
        if (auto kept = keepSelectedScenario(); !kept)
            QMessageBox::warning(this, tr("Scenario not kept"), kept.error());
    });
    file->insertActions(before, {save, saveAs});
    file->insertSeparator(before);
    file->insertActions(before, {audit, compare, keep});
    file->insertSeparator(before);
    auto updateActions = [this, audit, compare, keep] {
        const bool hasWorkspace = !m_session->path().isEmpty();
        audit->setEnabled(hasWorkspace);
        compare->setEnabled(hasWorkspace);
        keep->setEnabled(hasWorkspace && m_scenarios && m_scenarios->selectedScenario());
        setWindowModified(m_session->isModified());
    };
    connect(m_session, &WorkspaceSession::pathChanged, this, updateActions);
    connect(m_document->undoStack(), &QUndoStack::cleanChanged, this, updateActions);
    connect(m_session, &WorkspaceSession::saved, this, [this, updateActions](const QString &path, int snapshot) {
        updateActions();
        statusBar()->showMessage(tr("Saved %1 (snapshot %2)").arg(QFileInfo(path).fileName()).arg(snapshot), 8000);
    });
    connect(m_session, &WorkspaceSession::autosaved, this, [this](const QString &f) {
        statusBar()->showMessage(tr("Autosaved to %1").arg(QFileInfo(f).fileName()), 4000);
    });
    // A workspace with a newer autosave beside it: offer what the crash would have lost.
    connect(m_document, &Document::snapshotChanged, this, [this](const std::shared_ptr<const AnalysisSnapshot> &, SnapshotChange change) {
        if (change != SnapshotChange::Opened || m_session->path().isEmpty() || m_recovering)
            return;
        const QString path = m_session->path();
        const QString autosaved = WorkspaceSession::recoverable(path);
        if (autosaved.isEmpty())
            return;
        const auto answer = m_answerRecovery ? *m_answerRecovery
                                             : QMessageBox::question(this, tr("Recover unsaved changes?"),
                                                                     tr("%1 has unsaved changes from %2, kept by autosave when Residency Atlas "
                                                                        "last ended without saving. Recover them?")
                                                                         .arg(QFileInfo(path).fileName(), QFileInfo(autosaved).lastModified().toString()),
                                                                     QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
        if (answer != QMessageBox::Yes) {
            QFile::remove(autosaved);
            return;
        }
        m_recovering = true;
        AnalysisRequest request;
        request.inputs = {autosaved};
        open(std::move(request), [this, path](const AnalysisResult &result) {
            m_recovering = false;
            if (result)
                m_session->markRecovered(path);
            setWindowModified(m_session->isModified());
            statusBar()->showMessage(result ? tr("Recovered unsaved changes; save to keep them in %1").arg(QFileInfo(path).fileName())
                                            : tr("The autosave could not be read; %1 is as last saved").arg(QFileInfo(path).fileName()), 10000);
        });
    });
    connect(m_scenarios, &ScenariosPanel::scenarioSelected, this, updateActions);
    updateActions();
}

std::expected<QString, QString> MainWindow::keepSelectedScenario()
{
    const auto scenario = m_scenarios->selectedScenario();
    const auto result = m_scenarios->result();
    if (m_session->path().isEmpty() || !scenario || !result)
        return std::unexpected(tr("Select a scenario in the Scenarios dock and save the map as a workspace first."));
    auto ws = workspace::Workspace::open(m_session->path(), workspace::OpenMode::ReadWrite);
    if (!ws)
        return std::unexpected(ws.error().message);
    const int snapshot = m_session->isModified() ? 0 : (*ws)->head().value_or(0);
    const QJsonObject summary = keptScenarioJson(*result, *scenario);
    const QString name = scenario->name() + (snapshot ? tr(" on snapshot %1").arg(snapshot) : tr(" on unsaved edits"));
    auto kept = (*ws)->keepScenario({name, snapshot, patternLetter(scenario->plan.pattern),
                                     QString::fromUtf8(QJsonDocument(summary[u"options"].toObject()).toJson(QJsonDocument::Compact)),
                                     QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact)), {}, {}});
    if (!kept)
        return std::unexpected(kept.error().message);
    statusBar()->showMessage(tr("Kept '%1' in %2").arg(name, QFileInfo(m_session->path()).fileName()), 8000);
    return name;
}

bool MainWindow::saveWorkspace()
{
    if (m_session->path().isEmpty())
        return saveWorkspaceAs();
    auto done = m_session->save();
    if (!done)
        QMessageBox::warning(this, tr("Not saved"), done.error() + tr("\n\nThe workspace is as it was before."));
    return bool(done);
}

bool MainWindow::saveWorkspaceAs(const QString &target)
{
    QString path = target;
    if (path.isEmpty()) {
        const QString suggestion = m_session->path().isEmpty() ? tr("estate.ratlas") : m_session->path();
        path = QFileDialog::getSaveFileName(this, tr("Save workspace"), suggestion, tr("Residency Atlas workspace (*.ratlas)"));
        if (path.isEmpty())
            return false;
        if (!path.endsWith(u".ratlas", Qt::CaseInsensitive))
            path += QStringLiteral(".ratlas");
    }
    auto done = m_session->saveAs(path);
    if (!done)
        QMessageBox::warning(this, tr("Not saved"), done.error() + tr("\n\nNothing was written; any file there is as it was."));
    return bool(done);
}

AuditLogDialog *MainWindow::showAuditLog()
{
    if (m_session->path().isEmpty())
        return nullptr;
    auto *dialog = new AuditLogDialog(m_session->path(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

CompareDialog *MainWindow::showCompare()
{
    if (m_session->path().isEmpty() || !m_document->snapshot())
        return nullptr;
    auto *dialog = new CompareDialog(m_session->path(), m_document->snapshot(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CompareDialog::showOnMap, this, [this](const SnapshotDiff &diff, std::shared_ptr<const AnalysisSnapshot>) {
        m_map->showScenario(m_document->snapshot(), diffOverlay(diff));
        statusBar()->showMessage(tr("The map shows what changed since the snapshot: added and changed in colour, removed dashed"), 10000);
    });
    dialog->show();
    dialog->compare();
    return dialog;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_session->isModified() || m_answerClose == QMessageBox::Discard) {
        m_session->discardAutosave();
        event->accept();
        return;
    }
    const auto answer = m_answerClose ? *m_answerClose
                                      : QMessageBox::question(this, tr("Save changes?"), tr("The map has unsaved edits. Save them to the workspace?"),
                                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !saveWorkspace())) {
        event->ignore();
        return;
    }
    m_session->discardAutosave();
    event->accept();
}

} // namespace atlas
