// The main window's editing (issue 17): the Edit menu, the History dock (the document's undo
// stack), the context menus of the map, the inventory tree and the datasets and findings panels,
// the inspector's Edit and Delete, and flows dragged between two workloads on the map. What the
// actions do is EditActions'; this file connects them to the window's parts and tells them what
// the user selected.
#include "datasetspanel.h"
#include "editactions.h"
#include "findingspanel.h"
#include "inventorytreemodel.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "mapview.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QStatusBar>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace atlas {

namespace {

void popup(QMenu *menu, const QPoint &globalPos)
{
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(globalPos);
}

// The ids of one kind selected in the tree ("workload" or "dataset" items), the kind of `near`
// (the item under the pointer, or the current one) deciding which.
std::pair<EntityKind, QStringList> treeSelection(const QTreeView *view, const QModelIndex &near)
{
    const QString kind = near.data(InventoryTreeModel::KindRole).toString();
    QStringList ids;
    for (const QModelIndex &index : view->selectionModel()->selectedIndexes())
        if (index.data(InventoryTreeModel::KindRole).toString() == kind)
            ids << index.data(InventoryTreeModel::IdRole).toString();
    const QString id = near.data(InventoryTreeModel::IdRole).toString();
    if (!id.isEmpty() && !ids.contains(id))
        ids = QStringList{id}; // a right click outside the selection is about that item alone
    return {kind == u"dataset" ? EntityKind::Dataset : EntityKind::Workload,
            kind.isEmpty() ? QStringList() : ids};
}

QStringList selectedDatasets(const DatasetsPanel *panel)
{
    QStringList ids;
    for (const QModelIndex &row : panel->selectionModel()->selectedRows(DatasetsPanel::Id))
        ids << row.data().toString();
    return ids;
}

// The inspector with the selection's Edit and Delete above it.
QWidget *inspectorWithButtons(QTextBrowser *inspector, EditActions *edit)
{
    auto *box = new QWidget;
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 4, 4, 0);
    for (QAction *action : {edit->editSelectedAction(), edit->removeSelectedAction()}) {
        auto *button = new QToolButton(box);
        button->setDefaultAction(action); // its text names what is selected
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setObjectName(action->objectName() + QStringLiteral("Button"));
        bar->addWidget(button);
    }
    bar->addStretch(1);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(bar);
    layout->addWidget(inspector, 1);
    return box;
}

// An entry's text without its count: "Workloads (57)" is the same entry as "Workloads (58)".
QString withoutCount(QString text)
{
    const qsizetype open = text.endsWith(u')') ? text.lastIndexOf(QStringLiteral(" (")) : -1;
    bool number = false;
    if (open > 0) text.mid(open + 2, text.size() - open - 3).toInt(&number);
    if (number) text.truncate(open);
    return text;
}

// Visits the entries that have entries below them, with their place in the tree by the texts
// above them ("Workloads/EU — …/DE Germany/"), and goes below those `visit` returns true for:
// workloads by the ten thousand are passed by, never named.
template <typename F>
void visitBranches(const QAbstractItemModel *model, const QModelIndex &parent, const QString &path,
                   F visit)
{
    for (int row = 0; row < model->rowCount(parent); ++row) {
        const QModelIndex index = model->index(row, 0, parent);
        if (!model->hasChildren(index)) continue;
        const QString place = path + withoutCount(index.data().toString()) + u'/';
        if (visit(index, place)) visitBranches(model, index, place, visit);
    }
}

// The inventory tree is rebuilt from every snapshot: after an edit it opens again where the
// user had it open, instead of collapsing at every change.
void keepTreeExpanded(QTreeView *view, Document *document)
{
    auto expanded = std::make_shared<QSet<QString>>();
    QObject::connect(view->model(), &QAbstractItemModel::modelAboutToBeReset, view,
                     [view, expanded] {
                         expanded->clear();
                         visitBranches(view->model(), {}, {},
                                       [&](const QModelIndex &index, const QString &place) {
                                           if (!view->isExpanded(index)) return false;
                                           expanded->insert(place);
                                           return true;
                                       });
                     });
    QObject::connect(
        document, &Document::snapshotChanged, view,
        [view, expanded](const std::shared_ptr<const AnalysisSnapshot> &, SnapshotChange change) {
            if (change != SnapshotChange::Edited) return;
            visitBranches(view->model(), {}, {},
                          [&](const QModelIndex &index, const QString &place) {
                              if (!expanded->contains(place)) return false;
                              view->expand(index);
                              return true;
                          });
        });
}

} // namespace

void MainWindow::setupEditing()
{
    m_edit = new EditActions(m_document, this);
    connect(m_edit, &EditActions::status, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });

    // Edit, between File and View.
    auto *editMenu = new QMenu(tr("&Edit"), this);
    editMenu->setObjectName(QStringLiteral("editMenu"));
    m_edit->fillEditMenu(editMenu);
    auto *viewMenu = findChild<QMenu *>(QStringLiteral("viewMenu"));
    menuBar()->insertMenu(viewMenu ? viewMenu->menuAction() : nullptr, editMenu);

    // History: every edit of the undo stack; clicking an entry undoes or redoes up to it.
    auto *history = new QUndoView(m_document->undoStack(), this);
    history->setObjectName(QStringLiteral("historyView"));
    history->setEmptyLabel(tr("<as opened>"));
    auto *historyDock = new QDockWidget(tr("History"), this);
    historyDock->setObjectName(QStringLiteral("historyDock"));
    historyDock->setWidget(history);
    historyDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                             QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, historyDock);
    auto *inspectorDock = findChild<QDockWidget *>(QStringLiteral("inspectorDock"));
    auto placeHistory = [this, inspectorDock,
                         historyDock] { // beside the inspector, which stays in front
        tabifyDockWidget(inspectorDock, historyDock);
        inspectorDock->raise();
    };
    placeHistory();
    if (viewMenu)
        viewMenu->insertAction(findChild<QAction *>(QStringLiteral("restoreLayoutAction")),
                               historyDock->toggleViewAction());
    if (auto *restore = findChild<QAction *>(QStringLiteral("restoreLayoutAction")))
        connect(restore, &QAction::triggered, this, placeHistory); // after the layout it restores

    // The inspector's Edit and Delete act on what it shows.
    inspectorDock->setWidget(inspectorWithButtons(m_inspector, m_edit));
    m_inspector->show(); // setWidget hid it as the dock's former widget

    // Delete where something is selected; F2 (Edit Selected) anywhere.
    QAction *remove = m_edit->removeSelectedAction();
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    for (QWidget *w : std::initializer_list<QWidget *>{m_map->view(), m_treeView, m_datasets,
                                                       inspectorDock->widget()})
        w->addAction(remove);

    keepTreeExpanded(m_treeView, m_document); // after the tree model's own rebuild
    connectEditSelections();
}

// What the user selects is what Edit Selected and Delete act on; a right click offers the
// edits of what is under it.
void MainWindow::connectEditSelections()
{
    MapView *map = m_map->view();
    connect(map, &MapView::workloadSelected, m_edit,
            [this](const QString &id) { m_edit->setSelection(EntityKind::Workload, {id}); });
    connect(map, &MapView::flowsSelected, m_edit,
            [this](const QStringList &flows) { m_edit->setSelection(EntityKind::Flow, flows); });
    auto mapMenu = [this](EntityKind kind, const QStringList &ids, const QPoint &at) {
        auto *menu = new QMenu(this);
        if (m_map->showsScenario()) // the map draws a scenario's inventory, not the document's
            menu->addAction(tr("Showing a scenario: choose “No scenario” to edit"))
                ->setEnabled(false);
        else
            m_edit->addEntityActions(menu, kind, ids);
        popup(menu, at);
    };
    connect(map, &MapView::workloadMenuRequested, this,
            [mapMenu](const QString &id, const QPoint &at) {
                mapMenu(EntityKind::Workload, {id}, at);
            });
    connect(map, &MapView::flowsMenuRequested, this,
            [mapMenu](const QStringList &flows, const QPoint &at) {
                mapMenu(EntityKind::Flow, flows, at);
            });
    connect(map, &MapView::flowDragged, this, [this](const QString &from, const QString &to) {
        if (m_map->showsScenario())
            statusBar()->showMessage(tr("Showing a scenario: choose “No scenario” to add flows"),
                                     5000);
        else
            m_edit->addFlow(from, to);
    });

    m_treeView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_treeView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_treeView->selectionModel(), &QItemSelectionModel::selectionChanged, m_edit, [this] {
        if (const auto [kind, ids] = treeSelection(m_treeView, m_treeView->currentIndex());
            !ids.isEmpty())
            m_edit->setSelection(kind, ids);
    });
    connect(m_treeView, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const auto [kind, ids] = treeSelection(m_treeView, m_treeView->indexAt(pos));
        if (ids.isEmpty()) return;
        auto *menu = new QMenu(this);
        m_edit->addEntityActions(menu, kind, ids);
        popup(menu, m_treeView->viewport()->mapToGlobal(pos));
    });

    m_datasets->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_datasets->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_datasets->selectionModel(), &QItemSelectionModel::selectionChanged, m_edit, [this] {
        if (const QStringList ids = selectedDatasets(m_datasets); !ids.isEmpty())
            m_edit->setSelection(EntityKind::Dataset, ids);
    });
    connect(m_datasets, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QStringList ids = selectedDatasets(m_datasets);
        if (ids.isEmpty()) return;
        auto *menu = new QMenu(this);
        m_edit->addEntityActions(menu, EntityKind::Dataset, ids);
        popup(menu, m_datasets->viewport()->mapToGlobal(pos));
    });

    m_findings->setMenuExtension(
        [this](QMenu *menu, const Finding &finding) { m_edit->addFindingActions(menu, finding); });
    connect(m_findings, &FindingsPanel::findingActivated, m_edit,
            [this](const QString &kind, const QString &id) {
                if (const auto subject = parseSubjectKind(kind))
                    m_edit->setSelection(EditActions::entityOf(*subject), {id});
            });
}

} // namespace atlas
