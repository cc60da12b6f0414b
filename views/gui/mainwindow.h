// The main window: opens inventories and cloud exports (several at once, drag and drop, recent
// files, File → Import with its dialog, File → Reload) off the GUI thread and shows the residency
// of every workload, the map, the datasets, the input problems, what the check could not see,
// and the findings of the policy packs with their evidence. Menus: mainwindowmenus.cpp.
#pragma once

#include "analysisjob.h"
#include "catalog.h"
#include "diagnostic.h"
#include "inventory.h"

#include <QFutureWatcher>
#include <QMainWindow>

#include <memory>

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

class DatasetsTable;
class FindingsPanel;
class HelpDialog;
class ImportDialog;
class ProblemsList;
class InventoryTree;
class MapPanel;
class ResidencyModel;

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
    // The one path behind Open and Import: `request` carries the load options (format, mapping,
    // progress) and who wants the outcome.
    void startAnalysis(AnalysisRequest request);
    ImportDialog *showImportDialog(); // File → Import…, not yet started
    bool isBusy() const { return m_watcher.isRunning(); }
    const Inventory *inventory() const { return m_inventory.get(); }
    QTableView *residencyView() const { return m_residencyView; }
    QListWidget *problemsList() const;
    DatasetsTable *datasetsTable() const { return m_datasets; }
    QLabel *coverageLabel() const { return m_coverage; }
    HelpDialog *showDocumentation(const QString &page = {}); // Help → Documentation
    void reload();                                            // File → Reload
    QStringList openFilesList() const { return m_files; }
    FindingsPanel *findingsPanel() const { return m_findings; }
    MapPanel *mapPanel() const { return m_map; }
    QTextBrowser *inspector() const { return m_inspector; }
    InventoryTree *inventoryTree() const { return m_tree; }
    bool exportMap(const QString &path); // File → Export map, without the dialog

Q_SIGNALS:
    void analysisFinished(bool ok);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void buildDocks();
    QWidget *buildResidencyPage();
    bool applyAnalysis(Analysis &analysis); // takes findings and residency
    void inspectWorkload(const QString &id);
    void inspectFlows(const QStringList &flows);
    void showFindingOnMap(const QString &kind, const QString &id);
    void showProblems(const Diagnostics &diagnostics, const Coverage *coverage = nullptr);
    void showCoverage(const Coverage &coverage);
    void updateRecentMenu();
    void addRecent(const QStringList &paths);

    const Catalog &m_catalog;
    std::shared_ptr<const Inventory> m_inventory;
    QFutureWatcher<Analysis> m_watcher;
    int m_generation = 0;
    int m_pendingGeneration = 0;
    std::function<void(const Analysis &)> m_finished; // of the running request
    FindingsPanel *m_findings = nullptr;
    MapPanel *m_map = nullptr;
    InventoryTree *m_tree = nullptr;
    QTreeView *m_treeView = nullptr;
    QTextBrowser *m_inspector = nullptr;
    std::shared_ptr<const PolicyFacts> m_facts;
    std::shared_ptr<const RuleSet> m_rules;
    std::shared_ptr<const std::vector<Finding>> m_findingList;
    QProgressBar *m_busy = nullptr;
    QStringList m_files;
    ResidencyModel *m_residencyModel = nullptr;
    QSortFilterProxyModel *m_residencyProxy = nullptr;
    QTableView *m_residencyView = nullptr;
    DatasetsTable *m_datasets = nullptr;
    ProblemsList *m_problems = nullptr;
    QLabel *m_coverage = nullptr;
    HelpDialog *m_help = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_status = nullptr;
    QMenu *m_recentMenu = nullptr;
};

} // namespace atlas
