// The open document (ARCHITECTURE.md, revision 2; Tiled's Document is the model): owns the current
// analysis snapshot and the undo stack, applies edits as undo commands, re-analyses off the GUI
// thread (debounced after edits) and announces every change with signals that panels subscribe
// to. Panels never receive data from the window; they read the snapshot they are given and keep
// it alive themselves, so nothing has to be detached or reset by hand.
#pragma once

#include "analysis.h"
#include "catalog.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QUndoStack;

namespace atlas {

class EditCommand;

// Why the snapshot changed: panels keep their filters on a reload or an edit, and start afresh
// on another inventory.
enum class SnapshotChange : std::uint8_t { Opened, Reloaded, Edited };

// What one edit (or its undo) changed, announced before the re-analysis runs.
struct InventoryChange
{
    EntityKind kind = EntityKind::Workload;
    QStringList ids;   // ids of the entities added, changed or removed
    QString text;      // "change flow eu-to-us", as the undo stack names it
};

class Document final : public QObject
{
    Q_OBJECT
public:
    explicit Document(const Catalog &catalog, QObject *parent = nullptr);
    ~Document() override;

    const std::shared_ptr<const AnalysisSnapshot> &snapshot() const { return m_snapshot; }
    const Catalog &catalog() const { return m_catalog; }
    QUndoStack *undoStack() const { return m_undo; }
    bool isBusy() const { return m_watcher.isRunning() || m_debounce.isActive(); }
    // The inventory as edited, which the snapshot catches up with after the debounce.
    const std::shared_ptr<const Inventory> &inventory() const { return m_inventory; }

    // Analyses `request` in the background; on success its snapshot replaces the current one and
    // the undo stack starts empty. `finished` (optional) is called on this thread with the
    // outcome; a request superseded by a newer one gets AnalysisErrorKind::Cancelled.
    using Finished = std::function<void(const AnalysisResult &)>;
    void open(AnalysisRequest request, Finished finished = {});
    // The request behind the current snapshot (inputs, load options, packs, date), without the
    // progress of its first load: what a reload repeats.
    AnalysisRequest currentRequest() const;
    // The inputs and options of the current snapshot again (edits are discarded); false when
    // nothing is open.
    bool reload(Finished finished = {});

    // Applies an edit command (commands/): checked first, so a refused edit changes nothing and
    // never reaches the undo stack; then pushed, announced, and re-analysed after the debounce.
    std::expected<void, Diagnostics> apply(std::unique_ptr<EditCommand> command);
    // Applies several edit commands as one undo step named `text` (commands/editbatch.h): each
    // is checked against the inventory the ones before it left. A refusal of any refuses all:
    // the inventory stays the very one it was and nothing is announced. Otherwise the change is
    // announced once, with the ids of every command. An empty list changes nothing.
    std::expected<void, Diagnostics> applyAll(const QString &text, std::vector<std::unique_ptr<EditCommand>> commands);

    // For edit commands: the inventory after (or before, on undo) an edit. Validation has run;
    // the change is announced at once and re-analysed after the debounce interval.
    void setInventory(std::shared_ptr<const Inventory> inventory, const InventoryChange &change);
    void setDebounceInterval(int ms) { m_debounce.setInterval(ms); }
    // Blocks until the pending re-analysis (if any) has produced its snapshot (tests, benchmarks).
    void waitForAnalysis();

Q_SIGNALS:
    void busyChanged(bool busy);
    void inventoryChanged(const InventoryChange &change);
    // A new snapshot is current: every panel redraws from it.
    void snapshotChanged(const std::shared_ptr<const AnalysisSnapshot> &snapshot, SnapshotChange change);
    // By finding identity, after an edit: what the edit opened and closed.
    void findingsChanged(const QList<FindingKey> &opened, const QList<FindingKey> &closed);
    // An open or reload that failed (the current snapshot stays), with every problem.
    void analysisFailed(const AnalysisError &error, const QStringList &inputs);

private:
    void start(AnalysisRequest request, SnapshotChange change, Finished finished);
    void finish();
    void reanalyse();
    void announceFindings(const AnalysisSnapshot &before, const AnalysisSnapshot &after);

    const Catalog &m_catalog;
    QUndoStack *m_undo;
    std::shared_ptr<const AnalysisSnapshot> m_snapshot;
    std::shared_ptr<const Inventory> m_inventory;
    AnalysisRequest m_lastOpen;              // what produced the current inputs: reload() repeats it
    QFutureWatcher<AnalysisResult> m_watcher;
    QTimer m_debounce;
    struct Pending
    {
        AnalysisRequest request;
        SnapshotChange change = SnapshotChange::Opened;
        Finished finished;
    };
    std::optional<Pending> m_running;        // the request whose future the watcher holds
    std::optional<Pending> m_queued;         // the newest request waiting for it to end
    // While applyAll() applies its commands: setInventory() collects their changes here instead
    // of announcing each (a refused batch announces nothing).
    std::optional<InventoryChange> m_batch;
};

} // namespace atlas
