#include "mainwindow.h"

#include "inventoryimporter.h"
#include "residency.h"
#include "residencymodel.h"

#include <QAction>
#include <QApplication>
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
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QStyledItemDelegate>
#include <QTabWidget>
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

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_filter = new QLineEdit(central);
    m_filter->setPlaceholderText(tr("Filter workloads (id, region, country, jurisdiction…)"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);

    m_tabs = new QTabWidget(central);
    m_residencyModel = new ResidencyModel(this);
    m_residencyProxy = new QSortFilterProxyModel(this);
    m_residencyProxy->setSourceModel(m_residencyModel);
    m_residencyProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_residencyProxy->setFilterKeyColumn(-1);
    m_residencyView = new QTableView(m_tabs);
    m_residencyView->setModel(m_residencyProxy);
    m_residencyView->setSortingEnabled(true);
    m_residencyView->sortByColumn(ResidencyModel::Jurisdiction, Qt::AscendingOrder);
    m_residencyView->setItemDelegate(new ResidencyDelegate(m_residencyView));
    m_residencyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_residencyView->horizontalHeader()->setStretchLastSection(true);
    m_residencyView->verticalHeader()->hide();
    m_residencyView->setAlternatingRowColors(true);
    m_tabs->addTab(m_residencyView, tr("Residency"));

    m_datasets = new QTableWidget(m_tabs);
    m_datasets->setColumnCount(5);
    m_datasets->setHorizontalHeaderLabels({tr("Dataset"), tr("Classification"), tr("Origin"),
                                           tr("Categories"), tr("Held in")});
    m_datasets->horizontalHeader()->setStretchLastSection(true);
    m_datasets->verticalHeader()->hide();
    m_datasets->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_datasets->setSortingEnabled(true);
    m_tabs->addTab(m_datasets, tr("Datasets"));

    m_problems = new QListWidget(m_tabs);
    m_tabs->addTab(m_problems, tr("Problems"));
    layout->addWidget(m_tabs);
    setCentralWidget(central);

    connect(m_filter, &QLineEdit::textChanged, m_residencyProxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_status = new QLabel(this);
    statusBar()->addPermanentWidget(m_status);
    buildMenus();
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open…"), this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Open inventories"), QString(),
            tr("Inventories (*.yaml *.yml *.json);;All files (*)"));
        if (!paths.isEmpty())
            openFiles(paths);
    });
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *find = view->addAction(tr("&Filter"), this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    find->setShortcut(QKeySequence::Find);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Residency Atlas"), this, [this] {
        QMessageBox::about(this, tr("About Residency Atlas"),
                           tr("<b>Residency Atlas</b> %1<br>Where the data of AI systems lives and whose "
                              "law governs it.<br><br>Catalog facts as of %2. Not legal advice.")
                               .arg(QStringLiteral(ATLAS_VERSION),
                                    m_catalog.newestAsOf().toString(Qt::ISODate)));
    });
}

bool MainWindow::openFiles(const QStringList &paths)
{
    auto loaded = loadInventory(paths, m_catalog);
    if (!loaded) {
        showProblems(loaded.error());
        m_tabs->setCurrentWidget(m_problems);
        statusBar()->showMessage(tr("Not loaded: %n error(s) in the input", nullptr,
                                    int(std::count_if(loaded.error().begin(), loaded.error().end(),
                                                      [](const Diagnostic &d) { return d.severity == Severity::Error; }))));
        return false;
    }
    m_inventory = std::make_unique<Inventory>(std::move(loaded->inventory));
    m_files = paths;
    m_residencyModel->setInventory(m_inventory.get(), resolveResidency(m_catalog, *m_inventory));
    m_residencyView->resizeColumnsToContents();
    fillDatasets();
    showProblems(loaded->warnings);
    addRecent(paths);

    const Inventory &inv = *m_inventory;
    QStringList names;
    for (const QString &p : paths)
        names << QFileInfo(p).fileName();
    setWindowTitle((inv.organisation.isEmpty() ? names.join(u", ") : inv.organisation)
                   + QStringLiteral(" — Residency Atlas"));
    m_status->setText(tr("%1 workloads · %2 datasets · %3 flows · %4 warnings")
                          .arg(inv.workloads.size()).arg(inv.datasets.size()).arg(inv.flows.size())
                          .arg(loaded->warnings.size()));
    m_tabs->setCurrentWidget(m_residencyView);
    return true;
}

void MainWindow::fillDatasets()
{
    const Inventory &inv = *m_inventory;
    QHash<QString, QStringList> heldIn;
    const auto rows = resolveResidency(m_catalog, inv);
    for (std::size_t i = 0; i < inv.workloads.size(); ++i)
        for (const QString &d : inv.workloads[i].holds) {
            const QString j = rows[i].location.isKnown() ? rows[i].location.jurisdiction : tr("unknown");
            if (!heldIn[d].contains(j))
                heldIn[d].append(j);
        }
    m_datasets->setSortingEnabled(false);
    m_datasets->setRowCount(int(inv.datasets.size()));
    for (int r = 0; r < int(inv.datasets.size()); ++r) {
        const Dataset &d = inv.datasets[std::size_t(r)];
        QStringList cats;
        d.categories.forEach([&](Category c) { cats << enumQName(c); });
        const QStringList cells{d.id, enumQName(d.classification), d.origin, cats.join(u", "),
                                heldIn.value(d.id).join(u", ")};
        for (int c = 0; c < cells.size(); ++c)
            m_datasets->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    m_datasets->setSortingEnabled(true);
    m_datasets->resizeColumnsToContents();
}

void MainWindow::showProblems(const Diagnostics &diagnostics)
{
    m_problems->clear();
    for (const Diagnostic &d : diagnostics) {
        auto *item = new QListWidgetItem(d.toString(), m_problems);
        item->setIcon(style()->standardIcon(d.severity == Severity::Error ? QStyle::SP_MessageBoxCritical
                                                                          : QStyle::SP_MessageBoxWarning));
    }
    m_tabs->setTabText(m_tabs->indexOf(m_problems), tr("Problems (%1)").arg(diagnostics.size()));
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
