// The main window's menus: File (open, import, reload, recent, export), View (filter, every
// dock, the default layout), Help (documentation, about). Edit is mainwindowedit.cpp's.
#include "helpdialog.h"
#include "importdialog.h"
#include "importsummary.h"
#include "mainwindow.h"
#include "reportdialog.h"
#include "residencypanel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QStatusBar>

namespace atlas {

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open…"), this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Open inventories"), QString(),
            tr("Inventories and cloud exports (%1);;All files (*)").arg(ImportDialog::fileNamePatterns()));
        if (!paths.isEmpty())
            openFiles(paths);
    });
    open->setShortcut(QKeySequence::Open);
    QAction *import = file->addAction(tr("&Import…"), this, [this] { showImportDialog(); });
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    QAction *reloadAction = file->addAction(tr("Re&load"), this, &MainWindow::reload);
    reloadAction->setShortcut(QKeySequence::Refresh);
    reloadAction->setObjectName(QStringLiteral("reloadAction"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    QAction *exportAction = file->addAction(tr("&Export Map…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export map"), QStringLiteral("residency-map.svg"),
                                                          tr("SVG (*.svg);;PNG (*.png);;PDF (*.pdf);;Graphviz DOT (*.dot)"));
        if (!path.isEmpty())
            exportMap(path);
    });
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *reportAction = file->addAction(tr("Export &Report…"), this, [this] { showReportDialog(); });
    reportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    reportAction->setObjectName(QStringLiteral("exportReportAction"));
    QAction *printAction = file->addAction(tr("&Print Report…"), this, [this] { printReport(); });
    printAction->setShortcut(QKeySequence::Print);
    printAction->setObjectName(QStringLiteral("printReportAction"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    QAction *find = view->addAction(tr("&Filter"), this, [this] {
        m_tabs->setCurrentWidget(m_residency);
        m_residency->filter()->setFocus();
        m_residency->filter()->selectAll();
    });
    find->setShortcut(QKeySequence::Find);
    view->addSeparator();
    // Every dock, to show again once closed, and the layout the window opened with.
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());
    const QByteArray initialLayout = saveState();
    QAction *resetLayout = view->addAction(tr("&Restore Default Layout"), this, [this, initialLayout] {
        restoreState(initialLayout);
        for (QDockWidget *dock : findChildren<QDockWidget *>())
            dock->show();
    });
    resetLayout->setObjectName(QStringLiteral("restoreLayoutAction"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *docs = help->addAction(tr("&Documentation"), this, [this] { showDocumentation(); });
    docs->setShortcut(QKeySequence::HelpContents);
    docs->setObjectName(QStringLiteral("documentationAction"));
    help->addAction(tr("&About Residency Atlas"), this, [this] {
        QMessageBox::about(this, tr("About Residency Atlas"),
                           tr("<b>Residency Atlas</b> %1<br>Where the data of AI systems lives and whose "
                              "law governs it.<br><br>Catalog facts as of %2. Not legal advice.")
                               .arg(QStringLiteral(ATLAS_VERSION),
                                    m_catalog.newestAsOf().toString(Qt::ISODate)));
    });
}

HelpDialog *MainWindow::showDocumentation(const QString &page)
{
    if (!m_help)
        m_help = new HelpDialog(this);
    if (!page.isEmpty())
        m_help->showPage(page);
    m_help->show();
    m_help->raise();
    return m_help;
}

void MainWindow::reload()
{
    // The same inputs with the same options (format, mapping); unsaved edits are discarded.
    if (!m_document->snapshot()) {
        statusBar()->showMessage(tr("Nothing to reload"), 3000);
        return;
    }
    open(m_document->currentRequest());
}

ReportDialog *MainWindow::showReportDialog()
{
    const std::shared_ptr<const AnalysisSnapshot> snapshot = m_document->snapshot();
    if (!snapshot || !snapshot->rules()) {
        QMessageBox::information(this, tr("Export Report"), tr("Open an inventory first: the report describes its analysis."));
        return nullptr;
    }
    auto *dialog = new ReportDialog(snapshot, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::printReport()
{
    ReportDialog *dialog = showReportDialog();
    if (!dialog)
        return;
    // Print once the report is prepared (in the background): the dialog stays as its preview.
    connect(dialog, &ReportDialog::previewReady, dialog, [dialog] {
        QPrinter printer(QPrinter::HighResolution);
        QPrintDialog ask(&printer, dialog);
        if (ask.exec() == QDialog::Accepted)
            dialog->print(printer);
    }, Qt::SingleShotConnection);
}

} // namespace atlas

