// The main window: opens inventories and cloud exports (several at once, drag and drop, recent
// files, File → Import with its dialog, File → Reload) through its Document, and lays out the
// panels that follow the document — the map, residency, datasets, problems, inventory tree,
// findings and scenarios — and the inspector. Panels subscribe to the document themselves; the window only
// routes selections between them. Menus: mainwindowmenus.cpp; editing (Edit menu, History dock,
// context menus, the inspector's Edit and Delete): mainwindowedit.cpp.
#pragma once

#include "document.h"
#include "catalog.h"
#include "diagnostic.h"
#include "inventory.h"

#include <QMainWindow>

#include <expected>
#include <memory>
#include <optional>

class QDockWidget;
class QLabel;
class QListWidget;
class QMenu;
class QSortFilterProxyModel;
class QTableView;
class QTableWidget;
class QTabWidget;
class QLineEdit;
class QProgressBar;
class QTextBrowser;
class QTreeView;

namespace atlas {

class DatasetsPanel;
class EditActions;
class ResidencyPanel;
class FindingsPanel;
class HelpDialog;
class ImportDialog;
class ProblemsPanel;
class InventoryTreeModel;
class MapPanel;
class ScenariosPanel;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const Catalog &catalog, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts loading and checking `paths` in the background; analysisFinished() tells the
    // outcome. On errors the problems are listed and the current inventory stays open. A newer
    // request supersedes an older one still running.
    void openFiles(const QStringList &paths);
    // The one path behind Open and Import: `request` carries the inputs and load options
    // (format, mapping, progress); `finished`, if set, gets the outcome instead of the window's
    // import summary.
    void open(AnalysisRequest request, Document::Finished finished = {});
    ImportDialog *showImportDialog(); // File → Import…, not yet started
    Document *document() const { return m_document; }
    bool isBusy() const { return m_document->isBusy(); }
    const Inventory *inventory() const { return m_document->snapshot() ? m_document->snapshot()->inventory.get() : nullptr; }
    QTableView *residencyView() const;
    QListWidget *problemsList() const;
    DatasetsPanel *datasetsTable() const { return m_datasets; }
    ResidencyPanel *residencyPanel() const { return m_residency; }
    QLabel *coverageLabel() const { return m_coverage; }
    HelpDialog *showDocumentation(const QString &page = {}); // Help → Documentation
    void reload();                                            // File → Reload
    QStringList openFilesList() const { return m_document->snapshot() ? m_document->snapshot()->inputs : QStringList(); }
    FindingsPanel *findingsPanel() const { return m_findings; }
    MapPanel *mapPanel() const { return m_map; }
    ScenariosPanel *scenariosPanel() const { return m_scenarios; }
    void showScenarios(); // View → Scenarios, and "Try pattern on this finding"
    class ReportDialog *showReportDialog(); // File → Export Report…; null without an analysis
    void printReport();                     // File → Print Report…

    QTextBrowser *inspector() const { return m_inspector; }
    // The editing of the document's inventory: forms, deletion, classification, the selection
    // Edit Selected and Delete act on (mainwindowedit.cpp).
    EditActions *editActions() const { return m_edit; }
    InventoryTreeModel *inventoryTree() const { return m_tree; }
    bool exportMap(const QString &path); // File → Export map, without the dialog

    // The workspace (mainwindowworkspace.cpp): File → Save, Save As (with a path: no dialog),
    // Audit Log, Compare with Snapshot.
    class WorkspaceSession *workspaceSession() const { return m_session; }
    bool saveWorkspace();
    bool saveWorkspaceAs(const QString &path = {});
    class AuditLogDialog *showAuditLog();
    class CompareDialog *showCompare();
    // File → Keep Selected Scenario in Workspace: its name, or why not.
    std::expected<QString, QString> keepSelectedScenario();
    // Tests: answer the recovery and close questions without a message box.
    void answerQuestionsWith(std::optional<int> recovery, std::optional<int> close) { m_answerRecovery = recovery; m_answerClose = close; }

Q_SIGNALS:
    void analysisFinished(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void buildDocks();
    void buildScenarios(); // mainwindowscenarios.cpp
    void setupWorkspace(); // mainwindowworkspace.cpp
    void setupEditing();   // mainwindowedit.cpp
    void connectEditSelections();
    void connectDocument();
    void showSnapshot(const AnalysisSnapshot &snapshot, SnapshotChange change);
    void showFailure(const AnalysisError &error);
    void inspectWorkload(const QString &id);
    void inspectFlows(const QStringList &flows);
    void showFindingOnMap(const QString &kind, const QString &id);
    void showCoverage(const Coverage &coverage);
    void updateRecentMenu();
    void addRecent(const QStringList &paths);

    const Catalog &m_catalog;
    Document *m_document;
    FindingsPanel *m_findings = nullptr;
    MapPanel *m_map = nullptr;
    ScenariosPanel *m_scenarios = nullptr;
    QDockWidget *m_scenariosDock = nullptr;
    InventoryTreeModel *m_tree = nullptr;
    QTreeView *m_treeView = nullptr;
    QTextBrowser *m_inspector = nullptr;
    QProgressBar *m_busy = nullptr;
    ResidencyPanel *m_residency = nullptr;
    DatasetsPanel *m_datasets = nullptr;
    ProblemsPanel *m_problems = nullptr;
    QLabel *m_coverage = nullptr;
    HelpDialog *m_help = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_status = nullptr;
    QMenu *m_recentMenu = nullptr;
    class WorkspaceSession *m_session = nullptr;
    bool m_recovering = false;
    std::optional<int> m_answerRecovery, m_answerClose;
    EditActions *m_edit = nullptr;
};

} // namespace atlas
