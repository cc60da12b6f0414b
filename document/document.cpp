#include "document.h"

#include "editbatch.h"
#include "editcommand.h"
#include "policyengine.h"

#include <QCoreApplication>
#include <QSet>
#include <QUndoStack>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace atlas {

Document::Document(const Catalog &catalog, QObject *parent)
    : QObject(parent), m_catalog(catalog), m_undo(new QUndoStack(this))
{
    // Typing in a form or dragging several flows re-analyses once, not per keystroke.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &Document::reanalyse);
    connect(&m_watcher, &QFutureWatcher<AnalysisResult>::finished, this, &Document::finish);
}

Document::~Document()
{
    m_watcher.waitForFinished();
}

void Document::open(AnalysisRequest request, Finished finished)
{
    if (!request.catalog)
        request.catalog = &m_catalog;
    const bool sameInputs = m_snapshot && request.inputs == m_snapshot->inputs;
    m_debounce.stop();
    start(std::move(request), sameInputs ? SnapshotChange::Reloaded : SnapshotChange::Opened, std::move(finished));
}

AnalysisRequest Document::currentRequest() const
{
    AnalysisRequest request = m_lastOpen;
    request.load.progress = nullptr; // the import dialog's progress of the first load is gone
    return request;
}

bool Document::reload(Finished finished)
{
    if (!m_snapshot || m_lastOpen.inputs.isEmpty())
        return false;
    open(currentRequest(), std::move(finished));
    return true;
}

std::expected<void, Diagnostics> Document::apply(std::unique_ptr<EditCommand> command)
{
    if (auto checked = command->prepare(); !checked)
        return checked;
    m_undo->push(command.release()); // runs redo(): the inventory changes now
    return {};
}

std::expected<void, Diagnostics> Document::applyAll(const QString &text, std::vector<std::unique_ptr<EditCommand>> commands)
{
    if (commands.empty())
        return {};
    const std::shared_ptr<const Inventory> before = m_inventory;
    auto batch = std::make_unique<EditBatchCommand>(text);
    m_batch = InventoryChange{commands.front()->edit().kind, {}, text};
    for (std::unique_ptr<EditCommand> &command : commands) {
        if (auto checked = command->prepare(); !checked) {
            batch->undo(); // reverts what the earlier commands applied, in reverse
            m_batch.reset();
            m_inventory = before;
            return checked;
        }
        command->redo();
        batch->append(std::move(command));
    }
    InventoryChange change = std::move(*m_batch);
    m_batch.reset();
    change.ids.removeDuplicates();
    m_undo->push(batch.release()); // applied already: its first redo() does nothing
    setInventory(m_inventory, change);
    return {};
}

void Document::setInventory(std::shared_ptr<const Inventory> inventory, const InventoryChange &change)
{
    m_inventory = std::move(inventory);
    if (m_batch) {
        m_batch->ids += change.ids;
        return;
    }
    Q_EMIT inventoryChanged(change);
    m_debounce.start();
    Q_EMIT busyChanged(true);
}

void Document::reanalyse()
{
    if (!m_snapshot || !m_inventory)
        return;
    AnalysisRequest request;
    request.inventory = m_inventory;
    request.policies = m_snapshot->policies;
    request.asOf = m_lastOpen.asOf;
    request.disabled = m_lastOpen.disabled;
    request.catalog = &m_catalog;
    start(std::move(request), SnapshotChange::Edited, {});
}

void Document::start(AnalysisRequest request, SnapshotChange change, Finished finished)
{
    Pending pending{std::move(request), change, std::move(finished)};
    if (m_watcher.isRunning()) {
        // Analyses cannot be interrupted: the newest request waits for the running one, whose
        // result is then dropped; a request already waiting is superseded.
        if (m_queued && m_queued->finished) {
            AnalysisError superseded;
            superseded.kind = AnalysisErrorKind::Superseded;
            m_queued->finished(std::unexpected(superseded));
        }
        m_queued = std::move(pending);
        return;
    }
    const AnalysisRequest copy = pending.request;
    m_running = std::move(pending);
    Q_EMIT busyChanged(true);
    m_watcher.setFuture(QtConcurrent::run([copy] { return analyse(copy); }));
}

void Document::finish()
{
    Pending done = std::move(*m_running);
    m_running.reset();
    AnalysisResult result = m_watcher.result();
    if (m_queued) {
        if (done.finished) {
            AnalysisError superseded;
            superseded.kind = AnalysisErrorKind::Superseded;
            done.finished(std::unexpected(superseded));
        }
        Pending next = std::move(*m_queued);
        m_queued.reset();
        start(std::move(next.request), next.change, std::move(next.finished));
        return;
    }
    if (result) {
        std::shared_ptr<const AnalysisSnapshot> before = m_snapshot;
        m_snapshot = *result;
        if (done.change != SnapshotChange::Edited) {
            m_lastOpen = done.request;
            m_inventory = m_snapshot->input; // without the analysis's implicit copies
            m_undo->clear();
        }
        Q_EMIT snapshotChanged(m_snapshot, done.change);
        if (done.change == SnapshotChange::Edited && before)
            announceFindings(*before, *m_snapshot);
        // Every panel holds the new snapshot now: the old one (an inventory, its facts and
        // findings) is freed on a pool thread, not between the edit and the user.
        if (before)
            QThreadPool::globalInstance()->start([old = std::move(before)]() mutable { old.reset(); });
    } else if (result.error().kind != AnalysisErrorKind::Cancelled && result.error().kind != AnalysisErrorKind::Superseded) {
        Q_EMIT analysisFailed(result.error(), done.request.inputs);
    }
    if (done.finished)
        done.finished(result);
    if (!isBusy())
        Q_EMIT busyChanged(false);
}

void Document::announceFindings(const AnalysisSnapshot &before, const AnalysisSnapshot &after)
{
    // Both lists are sorted (sortFindings, in findingBefore's order) under one rule set, so a
    // finding's identity decides its place: one walk over both finds what opened and closed.
    QList<FindingKey> opened, closed;
    auto was = before.findings.begin(), is = after.findings.begin();
    while (was != before.findings.end() || is != after.findings.end()) {
        if (is == after.findings.end() || (was != before.findings.end() && findingBefore(*was, *is)))
            closed << findingKey(*was++);
        else if (was == before.findings.end() || findingBefore(*is, *was))
            opened << findingKey(*is++);
        else
            ++was, ++is;
    }
    std::sort(opened.begin(), opened.end());
    std::sort(closed.begin(), closed.end());
    if (!opened.isEmpty() || !closed.isEmpty())
        Q_EMIT findingsChanged(opened, closed);
}

void Document::waitForAnalysis()
{
    if (m_debounce.isActive()) {
        m_debounce.stop();
        reanalyse();
    }
    while (m_watcher.isRunning() || m_running || m_queued) {
        m_watcher.waitForFinished();
        // finished() is delivered through the event loop; deliver it now.
        QCoreApplication::sendPostedEvents(&m_watcher);
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    }
}

} // namespace atlas
