#include "mainwindow.h"
#include "workspacesession.h"

#include "datasetspanel.h"
#include "findingspanel.h"
#include "helpdialog.h"
#include "importdialog.h"
#include "importsummary.h"
#include "inspector.h"
#include "inventorytreemodel.h"
#include "mapexport.h"
#include "mappanel.h"
#include "maptoolbar.h"
#include "mapview.h"
#include "overviewmap.h"
#include "overviewpanel.h"
#include "problemspanel.h"
#include "residency.h"
#include "residencypanel.h"
#include "scenariospanel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QtConcurrent/QtConcurrentRun>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTreeView>
#include <QTableView>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

namespace atlas {

MainWindow::MainWindow(const Catalog &catalog, QWidget *parent)
    : QMainWindow(parent), m_catalog(catalog), m_document(new Document(catalog, this))
{
    setWindowTitle(tr("Residency Atlas"));
    setAcceptDrops(true);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_map = new MapPanel(m_tabs);
    m_tabs->addTab(m_map, tr("Map"));
    m_residency = new ResidencyPanel(m_tabs);
    m_tabs->addTab(m_residency, tr("Residency"));

    m_datasets = new DatasetsPanel(m_tabs);
    m_tabs->addTab(m_datasets, tr("Datasets"));
    // A dataset's row leads to its lineage on the map.
    connect(m_datasets, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (const QTableWidgetItem *item = m_datasets->item(row, DatasetsPanel::Id)) {
            m_tabs->setCurrentWidget(m_map);
            m_map->setMode(MapMode::Regions); // lineage is drawn on the region map
            m_map->toolBar()->setFocusDataset(item->text());
        }
    });

    m_problems = new ProblemsPanel(m_tabs);
    m_tabs->addTab(m_problems, tr("Problems"));
    setCentralWidget(m_tabs);

    buildDocks();

    m_status = new QLabel(this);
    // What the check could not see stays in view: a link to the Problems tab, never a silent pass.
    m_coverage = new QLabel(this);
    m_coverage->setObjectName(QStringLiteral("coverageLabel"));
    m_coverage->setTextFormat(Qt::RichText);
    connect(m_coverage, &QLabel::linkActivated, this, [this] { m_tabs->setCurrentWidget(m_problems); });
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // busy indicator
    m_busy->setMaximumWidth(120);
    m_busy->hide();
    statusBar()->addPermanentWidget(m_busy);
    statusBar()->addPermanentWidget(m_coverage);
    statusBar()->addPermanentWidget(m_status);
    connectDocument();
    buildMenus();
    setupWorkspace();
    setupEditing();
    // Roomy, but never larger than the screen it opens on (1366×768 laptops are common).
    const QSize wanted(1500, 950);
    resize(screen() ? wanted.boundedTo(screen()->availableGeometry().size() * 0.95) : wanted);
    // The map keeps most of the height on a small screen too.
    if (auto *findings = findChild<QDockWidget *>(QStringLiteral("findingsDock")))
        resizeDocks({findings}, {std::min(300, height() / 3)}, Qt::Vertical);
}

QTableView *MainWindow::residencyView() const
{
    return m_residency->view();
}

// The panels follow the document; the window keeps its own parts (title, status bar) in step.
void MainWindow::connectDocument()
{
    m_map->setDocument(m_document);
    m_residency->setDocument(m_document);
    m_datasets->setDocument(m_document);
    m_problems->setDocument(m_document);
    m_tree->setDocument(m_document);
    m_findings->setDocument(m_document);
    m_scenarios->setDocument(m_document);
    connect(m_problems, &ProblemsPanel::problemCountChanged, this, [this](int count) {
        m_tabs->setTabText(m_tabs->indexOf(m_problems), tr("Problems (%1)").arg(count));
    });
    connect(m_document, &Document::busyChanged, m_busy, &QWidget::setVisible);
    connect(m_document, &Document::snapshotChanged, this,
            [this](const std::shared_ptr<const AnalysisSnapshot> &s, SnapshotChange change) { showSnapshot(*s, change); });
    connect(m_document, &Document::analysisFailed, this, &MainWindow::showFailure);
}

void MainWindow::buildDocks()
{
    m_findings = new FindingsPanel(this);
    auto *findingsDock = new QDockWidget(tr("Findings"), this);
    findingsDock->setObjectName(QStringLiteral("findingsDock"));
    findingsDock->setWidget(m_findings);
    findingsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, findingsDock);

    m_tree = new InventoryTreeModel(this);
    m_treeView = new QTreeView(this);
    m_treeView->setObjectName(QStringLiteral("inventoryView")); // the findings dock has a tree view too
    m_treeView->setModel(m_tree);
    m_treeView->setHeaderHidden(true);
    m_treeView->setUniformRowHeights(true);
    auto *treeDock = new QDockWidget(tr("Inventory"), this);
    treeDock->setObjectName(QStringLiteral("inventoryDock"));
    treeDock->setWidget(m_treeView);
    treeDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, treeDock);

    m_inspector = new QTextBrowser(this);
    m_inspector->setPlaceholderText(tr("Select a workload or a flow on the map."));
    auto *inspectorDock = new QDockWidget(tr("Inspector"), this);
    inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    inspectorDock->setWidget(m_inspector);
    inspectorDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock);
    resizeDocks({treeDock, inspectorDock}, {260, 340}, Qt::Horizontal);
    buildScenarios();
    // The findings dock's height depends on the window's: set once the window has its size.

    // Selections travel: finding → map subject; map → inspector and findings; tree → map.
    connect(m_findings, &FindingsPanel::findingActivated, this, &MainWindow::showFindingOnMap);
    connect(m_map->view(), &MapView::workloadSelected, this, [this](const QString &id) {
        inspectWorkload(id);
        const QModelIndex index = m_tree->indexOfWorkload(id);
        if (index.isValid()) {
            const QSignalBlocker block(m_treeView->selectionModel());
            m_treeView->setCurrentIndex(index);
        }
        m_findings->selectSubject(id);
    });
    connect(m_map->view(), &MapView::flowsSelected, this, [this](const QStringList &flows) {
        inspectFlows(flows);
        if (!flows.isEmpty())
            m_findings->selectSubject(flows.front());
    });
    connect(m_treeView->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &index) {
        if (index.data(InventoryTreeModel::KindRole).toString() == u"workload") {
            const QString id = index.data(InventoryTreeModel::IdRole).toString();
            m_map->setMode(MapMode::Regions);
            m_map->view()->selectWorkload(id);
            inspectWorkload(id);
        }
    });
    connect(m_treeView, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.data(InventoryTreeModel::KindRole).toString() == u"dataset") {
            m_tabs->setCurrentWidget(m_map);
            m_map->setMode(MapMode::Regions); // lineage is drawn on the region map
            m_map->toolBar()->setFocusDataset(index.data(InventoryTreeModel::IdRole).toString());
        }
    });
    connect(m_map, &MapPanel::layoutFinished, this, [this](bool ok, const QString &summary) {
        statusBar()->showMessage(ok ? summary : tr("Map layout failed: ") + summary, ok ? 0 : 10000);
    });
    connect(m_map, &MapPanel::overviewFinished, this, [this](bool ok, const QString &summary) {
        if (m_map->mode() == MapMode::Overview)
            statusBar()->showMessage(ok ? summary : tr("Overview layout failed: ") + summary, ok ? 0 : 10000);
    });
    connect(m_map, &MapPanel::searchFailed, this, [this](const QString &text) {
        statusBar()->showMessage(tr("No workload on the map matches '%1' (filtered, collapsed or absent)").arg(text), 5000);
    });
}

// What the map shows: a selected scenario's inventory, else the document's.
void MainWindow::inspectWorkload(const QString &id)
{
    if (const auto &s = m_map->shownSnapshot() ? m_map->shownSnapshot() : m_document->snapshot())
        m_inspector->setHtml(workloadInspectorHtml(s->facts, s->findings, id));
}

void MainWindow::inspectFlows(const QStringList &flows)
{
    if (const auto &s = m_map->shownSnapshot() ? m_map->shownSnapshot() : m_document->snapshot())
        m_inspector->setHtml(flowsInspectorHtml(s->facts, s->findings, flows));
}

void MainWindow::showFindingOnMap(const QString &kind, const QString &id)
{
    if (!m_document->snapshot())
        return;
    const Inventory &inv = *m_document->snapshot()->inventory;
    m_map->setMode(MapMode::Regions); // a finding's subject is a workload or a flow of the region map
    bool shown = false;
    if (kind == u"workload" || kind == u"holding") {
        shown = m_map->view()->selectWorkload(id);
        inspectWorkload(id);
    } else if (kind == u"flow") {
        shown = m_map->view()->selectFlow(id);
        inspectFlows({id});
    } else if (kind == u"access") {
        const auto it = std::find_if(inv.access.begin(), inv.access.end(), [&](const Access &a) { return a.id == id; });
        if (it != inv.access.end()) {
            shown = m_map->view()->selectWorkload(it->to);
            inspectWorkload(it->to);
        }
    } else if (kind == u"dataset") {
        // A dataset lives where it is held: select its first holder.
        for (const Workload &w : inv.workloads)
            if (containsRef(w.holds, id)) {
                shown = m_map->view()->selectWorkload(w.id);
                inspectWorkload(w.id);
                break;
            }
    }
    if (!shown)
        statusBar()->showMessage(tr("The finding's subject is not on the map (filtered or collapsed)"), 4000);
}

bool MainWindow::exportMap(const QString &path)
{
    const auto format = mapFormatForPath(path);
    if (format && m_map->mode() == MapMode::Overview && m_map->overview()->hasScene()) { // what is shown
        auto written = exportOverview(m_map->overview()->scene(), path, *format, MapPalette::forWindow(palette().color(QPalette::Window)));
        if (!written)
            QMessageBox::warning(this, tr("Export map"), written.error());
        else
            statusBar()->showMessage(tr("Overview written to %1").arg(path), 5000);
        return bool(written);
    }
    if (!format || m_map->view()->mapScene().graph.nodes.empty())
        return false;
    auto written = atlas::exportMap(m_map->view()->mapScene(), path, *format, MapPalette::forWindow(palette().color(QPalette::Window)));
    if (!written) {
        QMessageBox::warning(this, tr("Export map"), written.error());
        return false;
    }
    statusBar()->showMessage(tr("Map written to %1").arg(path), 5000);
    return true;
}

// Panels keep the snapshot they show alive themselves; the window's own handlers must not run
// while its children (the document, the undo stack) are destroyed after it.
MainWindow::~MainWindow()
{
    m_document->undoStack()->disconnect(this);
    m_document->disconnect(this);
    if (m_session)
        m_session->disconnect(this);
}

void MainWindow::openFiles(const QStringList &paths)
{
    AnalysisRequest request;
    request.inputs = paths;
    open(std::move(request));
}

void MainWindow::open(AnalysisRequest request, Document::Finished finished)
{
    statusBar()->showMessage(tr("Loading %n file(s)…", nullptr, int(request.inputs.size())));
    m_document->open(std::move(request), [this, finished = std::move(finished)](const AnalysisResult &result) {
        if (!result && result.error().kind == AnalysisErrorKind::Superseded) {
            if (finished)
                finished(result);
            return;
        }
        if (!result && result.error().kind == AnalysisErrorKind::Cancelled)
            statusBar()->showMessage(tr("Import cancelled; the open inventory is unchanged"), 10000);
        if (finished)
            finished(result);
        else if (result && ImportSummary::hasExports((*result)->report))
            ImportSummary::showFor(this, **result); // opened exports: say what was skipped, assumed
        Q_EMIT analysisFinished(bool(result));
    });
}

ImportDialog *MainWindow::showImportDialog()
{
    auto *dialog = new ImportDialog(m_catalog, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void MainWindow::showFailure(const AnalysisError &error)
{
    m_tabs->setCurrentWidget(m_problems);
    statusBar()->showMessage(tr("Not loaded: %n error(s) in the input", nullptr,
                                int(std::count_if(error.diagnostics.begin(), error.diagnostics.end(),
                                                  [](const Diagnostic &d) { return d.severity == Severity::Error; }))));
}

void MainWindow::showSnapshot(const AnalysisSnapshot &snapshot, SnapshotChange change)
{
    const Inventory &inv = *snapshot.inventory;
    showCoverage(snapshot.coverage);
    m_status->setText(tr("%1 workloads · %2 datasets · %3 flows · %4 findings (%5 open) · %6 warnings")
                          .arg(inv.workloads.size()).arg(inv.datasets.size()).arg(inv.flows.size())
                          .arg(snapshot.findings.size()).arg(snapshot.openFindings()).arg(snapshot.warnings.size()));
    if (change == SnapshotChange::Edited)
        return; // the user stays where they are
    m_treeView->expandToDepth(1);
    m_inspector->clear();
    addRecent(snapshot.inputs);
    QStringList names;
    for (const QString &p : snapshot.inputs)
        names << QFileInfo(p).fileName();
    setWindowTitle((inv.organisation.isEmpty() ? names.join(u", ") : inv.organisation)
                   + QStringLiteral("[*] — Residency Atlas"));
    statusBar()->clearMessage();
    m_tabs->setCurrentWidget(m_map);
}

void MainWindow::showCoverage(const Coverage &coverage)
{
    const QStringList gaps = coverage.gaps();
    if (gaps.isEmpty()) {
        m_coverage->setText(tr("coverage: complete"));
        m_coverage->setToolTip(tr("Every workload's residency is known and every data store's data is declared."));
        return;
    }
    m_coverage->setText(gaps.size() == 1 ? tr("<a href='#problems'><b>coverage incomplete</b></a> (1 gap)")
                                         : tr("<a href='#problems'><b>coverage incomplete</b></a> (%1 gaps)").arg(gaps.size()));
    m_coverage->setToolTip(tr("Not checked:\n") + gaps.join(u'\n'));
}

QListWidget *MainWindow::problemsList() const
{
    return m_problems;
}

void MainWindow::addRecent(const QStringList &paths)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString entry = paths.join(u'\n');
    recent.removeAll(entry);
    recent.prepend(entry);
    while (recent.size() > 8)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString &entry : recent) {
        const QStringList paths = entry.split(u'\n');
        QStringList names;
        for (const QString &p : paths)
            names << QFileInfo(p).fileName();
        m_recentMenu->addAction(names.join(QStringLiteral(" + ")), this, [this, paths] { openFiles(paths); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    if (!paths.isEmpty())
        openFiles(paths);
}

} // namespace atlas
