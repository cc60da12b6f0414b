#include "mainwindow.h"

#include "datasetstable.h"
#include "findingspanel.h"
#include "helpdialog.h"
#include "importdialog.h"
#include "importsummary.h"
#include "inspector.h"
#include "inventorytree.h"
#include "mapexport.h"
#include "mappanel.h"
#include "maptoolbar.h"
#include "mapview.h"
#include "problemslist.h"
#include "residency.h"
#include "residencymodel.h"

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
#include <QVBoxLayout>

namespace atlas {

namespace {

// Unknown residency in the jurisdiction column stands out in the platform palette's own
// "negative" tone rather than a fixed colour, so dark themes stay readable.
class ResidencyDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() == ResidencyModel::Jurisdiction
            && index.data(ResidencyModel::UnknownResidencyRole).toBool()) {
            option->font.setBold(true);
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Link).lightness() > 128
                                                         ? QColor(0xff, 0x8a, 0x80)
                                                         : QColor(0xb0, 0x2a, 0x1e));
        }
    }
};

} // namespace

MainWindow::MainWindow(const Catalog &catalog, QWidget *parent)
    : QMainWindow(parent), m_catalog(catalog)
{
    setWindowTitle(tr("Residency Atlas"));
    setAcceptDrops(true);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_map = new MapPanel(m_tabs);
    m_tabs->addTab(m_map, tr("Map"));
    m_tabs->addTab(buildResidencyPage(), tr("Residency"));

    m_datasets = new DatasetsTable(m_tabs);
    m_tabs->addTab(m_datasets, tr("Datasets"));
    // A dataset's row leads to its lineage on the map.
    connect(m_datasets, &QTableWidget::cellDoubleClicked, this, [this](int row) {
        if (const QTableWidgetItem *item = m_datasets->item(row, DatasetsTable::Id)) {
            m_tabs->setCurrentWidget(m_map);
            m_map->toolBar()->setFocusDataset(item->text());
        }
    });

    m_problems = new ProblemsList(m_tabs);
    m_tabs->addTab(m_problems, tr("Problems"));
    setCentralWidget(m_tabs);

    connect(m_filter, &QLineEdit::textChanged, m_residencyProxy,
            &QSortFilterProxyModel::setFilterFixedString);

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
    connect(&m_watcher, &QFutureWatcher<Analysis>::finished, this, [this] {
        m_busy->hide();
        const auto finished = std::exchange(m_finished, {});
        Analysis analysis;
        analysis.cancelled = true;
        if (m_pendingGeneration != m_generation) { // superseded by a newer request, still running
            if (finished)
                finished(analysis);
            return;
        }
        analysis = m_watcher.result();
        const bool ok = applyAnalysis(analysis);
        if (finished)
            finished(analysis);
        else if (ok && ImportSummary::hasExports(analysis.report))
            ImportSummary::showFor(this, analysis); // opened exports: say what was skipped, assumed
        Q_EMIT analysisFinished(ok);
    });
    buildMenus();
    // Roomy, but never larger than the screen it opens on (1366×768 laptops are common).
    const QSize wanted(1500, 950);
    resize(screen() ? wanted.boundedTo(screen()->availableGeometry().size() * 0.95) : wanted);
    // The map keeps most of the height on a small screen too.
    if (auto *findings = findChild<QDockWidget *>(QStringLiteral("findingsDock")))
        resizeDocks({findings}, {std::min(300, height() / 3)}, Qt::Vertical);
}

// The Residency tab: a filter over the table of every workload's residency.
QWidget *MainWindow::buildResidencyPage()
{
    auto *residencyPage = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(residencyPage);
    layout->setContentsMargins(0, 4, 0, 0);
    m_filter = new QLineEdit(residencyPage);
    m_filter->setPlaceholderText(tr("Filter workloads (id, region, country, jurisdiction…)"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_residencyModel = new ResidencyModel(this);
    m_residencyProxy = new QSortFilterProxyModel(this);
    m_residencyProxy->setSourceModel(m_residencyModel);
    m_residencyProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_residencyProxy->setFilterKeyColumn(-1);
    m_residencyView = new QTableView(residencyPage);
    m_residencyView->setModel(m_residencyProxy);
    m_residencyView->setSortingEnabled(true);
    m_residencyView->sortByColumn(ResidencyModel::Jurisdiction, Qt::AscendingOrder);
    m_residencyView->setItemDelegate(new ResidencyDelegate(m_residencyView));
    m_residencyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_residencyView->horizontalHeader()->setStretchLastSection(true);
    m_residencyView->verticalHeader()->hide();
    m_residencyView->setAlternatingRowColors(true);
    layout->addWidget(m_residencyView);
    return residencyPage;
}

void MainWindow::buildDocks()
{
    m_findings = new FindingsPanel(this);
    auto *findingsDock = new QDockWidget(tr("Findings"), this);
    findingsDock->setObjectName(QStringLiteral("findingsDock"));
    findingsDock->setWidget(m_findings);
    findingsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::BottomDockWidgetArea, findingsDock);

    m_tree = new InventoryTree(this);
    m_treeView = new QTreeView(this);
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
        if (index.data(InventoryTree::KindRole).toString() == u"workload") {
            const QString id = index.data(InventoryTree::IdRole).toString();
            m_map->view()->selectWorkload(id);
            inspectWorkload(id);
        }
    });
    connect(m_treeView, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.data(InventoryTree::KindRole).toString() == u"dataset") {
            m_tabs->setCurrentWidget(m_map);
            m_map->toolBar()->setFocusDataset(index.data(InventoryTree::IdRole).toString());
        }
    });
    connect(m_map, &MapPanel::layoutFinished, this, [this](bool ok, const QString &summary) {
        statusBar()->showMessage(ok ? summary : tr("Map layout failed: ") + summary, ok ? 0 : 10000);
    });
    connect(m_map, &MapPanel::searchFailed, this, [this](const QString &text) {
        statusBar()->showMessage(tr("No workload on the map matches '%1' (filtered, collapsed or absent)").arg(text), 5000);
    });
}

void MainWindow::inspectWorkload(const QString &id)
{
    if (m_facts && m_findingList)
        m_inspector->setHtml(workloadInspectorHtml(*m_facts, *m_findingList, id));
}

void MainWindow::inspectFlows(const QStringList &flows)
{
    if (m_facts && m_findingList)
        m_inspector->setHtml(flowsInspectorHtml(*m_facts, *m_findingList, flows));
}

void MainWindow::showFindingOnMap(const QString &kind, const QString &id)
{
    if (!m_facts)
        return;
    const Inventory &inv = *m_facts->inventory;
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

MainWindow::~MainWindow()
{
    // Views and models outlive this body (they are children); detach them from the inventory
    // before it goes, and let a running analysis end before its result has nowhere to go.
    m_watcher.waitForFinished();
    m_map->clear();
    m_findings->setFindings({}, nullptr);
    m_residencyModel->setInventory(nullptr, {});
}

void MainWindow::openFiles(const QStringList &paths)
{
    startAnalysis(AnalysisRequest{paths, {}, {}, {}});
}

void MainWindow::startAnalysis(AnalysisRequest request)
{
    const int generation = ++m_generation;
    if (m_watcher.isRunning()) {
        // The running analysis cannot be interrupted; its result is dropped when it ends and
        // this request starts then.
        connect(&m_watcher, &QFutureWatcher<Analysis>::finished, this, [this, request, generation] {
            if (generation == m_generation)
                startAnalysis(request);
            else if (request.finished) {
                Analysis superseded;
                superseded.cancelled = true;
                request.finished(superseded);
            }
        }, Qt::SingleShotConnection);
        return;
    }
    m_pendingGeneration = generation;
    m_finished = std::move(request.finished);
    m_busy->show();
    statusBar()->showMessage(tr("Loading %n file(s)…", nullptr, int(request.files.size())));
    const Catalog *catalog = &m_catalog;
    m_watcher.setFuture(QtConcurrent::run([request = std::move(request), catalog] {
        return analyse(request.files, *catalog, QDate::currentDate(), request.options);
    }));
}

ImportDialog *MainWindow::showImportDialog()
{
    auto *dialog = new ImportDialog(m_catalog, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

bool MainWindow::applyAnalysis(Analysis &analysis)
{
    const QStringList &paths = analysis.files;
    if (analysis.cancelled) {
        statusBar()->showMessage(tr("Import cancelled; the open inventory is unchanged"), 10000);
        return false;
    }
    if (!analysis.ok) {
        showProblems(analysis.diagnostics);
        m_tabs->setCurrentWidget(m_problems);
        statusBar()->showMessage(tr("Not loaded: %n error(s) in the input", nullptr,
                                    int(std::count_if(analysis.diagnostics.begin(), analysis.diagnostics.end(),
                                                      [](const Diagnostic &d) { return d.severity == Severity::Error; }))));
        return false;
    }
    // Another inventory starts with the map unfiltered (filters chosen for the old one could
    // hide most of the new one); reloading the same files keeps them.
    const bool sameFiles = paths == m_files;
    m_findings->setFindings({}, nullptr); // drop pointers into the old inventory first
    m_datasets->fill(nullptr);
    m_residencyModel->setInventory(nullptr, {});
    m_map->clear();
    m_tree->rebuild(nullptr);
    m_inspector->clear();
    m_inventory = analysis.inventory;
    m_facts = analysis.facts;
    m_rules = analysis.rules;
    m_findingList = std::make_shared<const std::vector<Finding>>(analysis.findings);
    m_tree->rebuild(m_facts.get());
    m_treeView->expandToDepth(1);
    m_map->setAnalysis(m_facts, m_rules, m_findingList, sameFiles);
    m_files = paths;
    m_residencyModel->setInventory(m_inventory.get(), std::move(analysis.residency));
    m_residencyView->resizeColumnsToContents();
    m_datasets->fill(m_facts.get());
    showProblems(analysis.diagnostics, &analysis.coverage);
    showCoverage(analysis.coverage);
    const auto open = std::count_if(analysis.findings.begin(), analysis.findings.end(),
                                    [](const Finding &f) { return f.countsAsOpen(); });
    const auto findingCount = analysis.findings.size();
    m_findings->setFindings(std::move(analysis.findings), m_inventory.get());
    addRecent(paths);

    const Inventory &inv = *m_inventory;
    QStringList names;
    for (const QString &p : paths)
        names << QFileInfo(p).fileName();
    setWindowTitle((inv.organisation.isEmpty() ? names.join(u", ") : inv.organisation)
                   + QStringLiteral(" — Residency Atlas"));
    m_status->setText(tr("%1 workloads · %2 datasets · %3 flows · %4 findings (%5 open) · %6 warnings")
                          .arg(inv.workloads.size()).arg(inv.datasets.size()).arg(inv.flows.size())
                          .arg(findingCount).arg(open).arg(analysis.diagnostics.size()));
    statusBar()->clearMessage();
    m_tabs->setCurrentWidget(m_map);
    return true;
}

void MainWindow::showProblems(const Diagnostics &diagnostics, const Coverage *coverage)
{
    m_problems->showProblems(diagnostics, coverage);
    m_tabs->setTabText(m_tabs->indexOf(m_problems), tr("Problems (%1)").arg(m_problems->problemCount()));
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
