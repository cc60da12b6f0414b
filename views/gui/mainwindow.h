// The main window: opens inventories (several at once, drag and drop, recent files) and shows
// the residency of every workload, the datasets and the input warnings. The map comes later.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "inventory.h"

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

namespace atlas {

class ResidencyModel;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const Catalog &catalog, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads files; on errors shows them and keeps the current inventory. Returns success.
    bool openFiles(const QStringList &paths);
    const Inventory *inventory() const { return m_inventory.get(); }
    QTableView *residencyView() const { return m_residencyView; }
    QListWidget *problemsList() const { return m_problems; }

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void buildMenus();
    void showProblems(const Diagnostics &diagnostics);
    void fillDatasets();
    void updateRecentMenu();
    void addRecent(const QStringList &paths);

    const Catalog &m_catalog;
    std::unique_ptr<Inventory> m_inventory;
    QStringList m_files;
    ResidencyModel *m_residencyModel = nullptr;
    QSortFilterProxyModel *m_residencyProxy = nullptr;
    QTableView *m_residencyView = nullptr;
    QTableWidget *m_datasets = nullptr;
    QListWidget *m_problems = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_filter = nullptr;
    QLabel *m_status = nullptr;
    QMenu *m_recentMenu = nullptr;
};

} // namespace atlas
