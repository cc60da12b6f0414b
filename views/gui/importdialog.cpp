#include "importdialog.h"

#include "analysis.h"
#include "exportformat.h"
#include "importmapping.h"
#include "importsummary.h"
#include "mainwindow.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <numeric>

namespace atlas {

namespace {

enum FileColumn { NameColumn, SizeColumn, FolderColumn };

QString dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// The platform palette's own "negative" tone, readable on light and dark themes.
QColor errorColour(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128 ? QColor(0xff, 0x8a, 0x80)
                                                             : QColor(0xb0, 0x2a, 0x1e);
}

// English plurals without a translator loaded (tr's %n would print "file(s)").
QString counted(qint64 n, const QString &one, const QString &many)
{
    return (n == 1 ? one : many).arg(QLocale().toString(n));
}

QString position(const Diagnostic &d)
{
    QString at = QFileInfo(d.file).fileName();
    if (d.line > 0) at += u':' + QString::number(d.line) + u':' + QString::number(d.column);
    return at;
}

} // namespace

ImportDialog::ImportDialog(const Catalog &catalog, MainWindow *window)
    : QDialog(window), m_catalog(catalog), m_window(window)
{
    setWindowTitle(tr("Import Cloud Exports"));
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(newInputs(), 1);
    layout->addWidget(newProgressBox());
    layout->addWidget(newButtons());
    connectControls();
    resize(760, 500);
    updateState();
}

QWidget *ImportDialog::newInputs()
{
    m_inputs = new QWidget(this);
    auto *inputs = new QVBoxLayout(m_inputs);
    inputs->setContentsMargins(0, 0, 0, 0);
    auto *intro = new QLabel(
        tr("Cloud exports (AWS Config, GCP Cloud Asset Inventory, Azure, Terraform, CSV; gzipped "
           "or not) and inventory files to overlay them, merged in the order listed. Each "
           "resource becomes a workload; the summary lists what was skipped or assumed."),
        m_inputs);
    intro->setWordWrap(true);
    intro->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    inputs->addWidget(intro);
    inputs->addWidget(newFilesBox(), 1);
    auto *form = new QFormLayout;
    form->addRow(tr("F&ormat:"), newFormatChoice());
    addMappingRow(form);
    inputs->addLayout(form);
    // Below the form, not in it: a wrapped label in a form row takes spare height from the list.
    inputs->addWidget(m_mappingError);
    return m_inputs;
}

QGroupBox *ImportDialog::newFilesBox()
{
    auto *filesBox = new QGroupBox(tr("Files"), m_inputs);
    auto *filesLayout = new QHBoxLayout(filesBox);
    m_files = new QTreeWidget(filesBox);
    m_files->setColumnCount(3);
    m_files->setHeaderLabels({tr("File"), tr("Size"), tr("Folder")});
    m_files->setRootIsDecorated(false);
    m_files->setUniformRowHeights(true);
    m_files->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_files->setTextElideMode(Qt::ElideMiddle);
    m_files->header()->setStretchLastSection(true);
    m_files->setColumnWidth(NameColumn, 300);
    m_files->setColumnWidth(SizeColumn, 80);
    filesLayout->addWidget(m_files, 1);
    auto *fileButtons = new QVBoxLayout;
    m_add = new QPushButton(tr("&Add…"), filesBox);
    m_remove = new QPushButton(tr("&Remove"), filesBox);
    fileButtons->addWidget(m_add);
    fileButtons->addWidget(m_remove);
    fileButtons->addStretch();
    filesLayout->addLayout(fileButtons);
    return filesBox;
}

QComboBox *ImportDialog::newFormatChoice()
{
    m_format = new QComboBox(m_inputs);
    m_format->addItem(tr("Detect from content"), QString());
    for (const ExportFormat *f : exportFormats()) {
        m_format->addItem(f->title(), f->name());
        m_format->setItemData(m_format->count() - 1, f->title(), Qt::ToolTipRole);
    }
    m_format->addItem(tr("Inventory (YAML or JSON in the contract's format)"),
                      QStringLiteral("inventory"));
    m_format->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_format->setMinimumContentsLength(40);
    m_format->view()->setMinimumWidth(m_format->view()->sizeHintForColumn(0) + 24);
    m_format->setToolTip(tr("A forced format applies to every export in the list; inventory files (overlays) are still read as inventories"));
    return m_format;
}

// The mapping file's row, and the label its errors are shown in (placed by the caller).
void ImportDialog::addMappingRow(QFormLayout *form)
{
    auto *mappingRow = new QHBoxLayout;
    m_mapping = new QLineEdit(m_inputs);
    m_mapping->setPlaceholderText(tr("Built-in defaults"));
    m_mapping->setClearButtonEnabled(true);
    m_mapping->setToolTip(
        tr("Which tags give classification, dataset, categories and origin (docs/import.md)"));
    m_browseMapping = new QPushButton(tr("&Browse…"), m_inputs);
    mappingRow->addWidget(m_mapping, 1);
    mappingRow->addWidget(m_browseMapping);
    auto *mappingLabel = new QLabel(tr("&Mapping file:"), m_inputs);
    mappingLabel->setBuddy(m_mapping);
    form->addRow(mappingLabel, mappingRow);
    m_mappingError = new QLabel(m_inputs);
    m_mappingError->setWordWrap(true);
    m_mappingError->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_mappingError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_mappingError->palette();
    errorPalette.setColor(QPalette::WindowText, errorColour(palette()));
    m_mappingError->setPalette(errorPalette);
    m_mappingError->hide();
}

QWidget *ImportDialog::newProgressBox()
{
    m_progressBox = new QWidget(this);
    auto *progress = new QVBoxLayout(m_progressBox);
    progress->setContentsMargins(0, 6, 0, 0);
    m_bar = new QProgressBar(m_progressBox);
    m_bar->setRange(0, 1000);
    QSizePolicy keep = m_bar->sizePolicy();
    keep.setRetainSizeWhenHidden(true); // the dialog keeps its size when the import starts
    m_bar->setSizePolicy(keep);
    m_bar->hide();
    m_progressLabel = new QLabel(m_progressBox);
    m_progressLabel->setWordWrap(true);
    progress->addWidget(m_bar);
    progress->addWidget(m_progressLabel);
    return m_progressBox;
}

QDialogButtonBox *ImportDialog::newButtons()
{
    m_buttons = new QDialogButtonBox(this);
    m_import = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setDefault(true);
    m_cancel = m_buttons->addButton(QDialogButtonBox::Cancel);
    return m_buttons;
}

void ImportDialog::connectControls()
{
    connect(m_add, &QPushButton::clicked, this, &ImportDialog::browseFiles);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(m_files->selectedItems());
        updateState();
    });
    connect(m_files, &QTreeWidget::itemSelectionChanged, this, &ImportDialog::updateState);
    connect(m_browseMapping, &QPushButton::clicked, this, &ImportDialog::browseMapping);
    connect(m_mapping, &QLineEdit::editingFinished, this, [this] {
        if (m_mapping->text() != m_validatedMapping) setMappingFile(m_mapping->text());
    });
    connect(m_mapping, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) setMappingFile(QString()); // the clear button
    });
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &ImportDialog::pollProgress);
}

ImportDialog::~ImportDialog() = default;

QString ImportDialog::fileNamePatterns()
{
    return QStringLiteral(
        "*.json *.gz *.ndjson *.jsonl *.csv *.tfstate *.tfplan *.dump *.yaml *.yml");
}

void ImportDialog::addFiles(const QStringList &paths)
{
    QStringList present = files();
    for (const QString &path : paths) {
        const QFileInfo info(path);
        const QString absolute = info.absoluteFilePath();
        if (present.contains(absolute) || !info.isFile()) continue;
        present << absolute;
        auto *item = new QTreeWidgetItem(m_files);
        item->setText(NameColumn, info.fileName());
        item->setIcon(NameColumn, style()->standardIcon(QStyle::SP_FileIcon));
        item->setData(NameColumn, Qt::UserRole, absolute);
        item->setText(SizeColumn, dataSize(info.size()));
        item->setTextAlignment(SizeColumn, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(FolderColumn, QDir::toNativeSeparators(info.absolutePath()));
        item->setToolTip(NameColumn, QDir::toNativeSeparators(absolute));
        item->setToolTip(FolderColumn, QDir::toNativeSeparators(info.absolutePath()));
    }
    updateState();
}

QStringList ImportDialog::files() const
{
    QStringList paths;
    for (int i = 0; i < m_files->topLevelItemCount(); ++i)
        paths << m_files->topLevelItem(i)->data(NameColumn, Qt::UserRole).toString();
    return paths;
}

void ImportDialog::setFormat(const QString &name)
{
    const int index = m_format->findData(name);
    if (index >= 0) m_format->setCurrentIndex(index);
}

QString ImportDialog::format() const
{
    return m_format->currentData().toString();
}

bool ImportDialog::setMappingFile(const QString &path)
{
    if (m_mapping->text() != path) {
        const QSignalBlocker block(m_mapping);
        m_mapping->setText(path);
    }
    m_validatedMapping = path;
    m_loadedMapping.reset();
    m_mappingErrors.clear();
    if (!path.isEmpty()) {
        // Mapping files are small: checking them here, on the GUI thread, is instant.
        auto loaded = loadImportMapping(path, m_catalog);
        if (loaded)
            m_loadedMapping = std::make_shared<const ImportMapping>(std::move(*loaded));
        else
            m_mappingErrors = loaded.error();
    }
    if (m_mappingErrors.isEmpty()) {
        m_mappingError->hide();
    } else {
        QStringList lines;
        const qsizetype shown = std::min<qsizetype>(m_mappingErrors.size(), 6);
        for (qsizetype i = 0; i < shown; ++i) {
            const Diagnostic &d = m_mappingErrors[i];
            lines << QString(position(d) + QStringLiteral(": ") + d.message).toHtmlEscaped();
        }
        if (shown < m_mappingErrors.size())
            lines << tr("… and %1 more").arg(m_mappingErrors.size() - shown);
        m_mappingError->setText(
            QStringLiteral("<b>") +
            counted(m_mappingErrors.size(), tr("This mapping file has an error"),
                    tr("This mapping file has %1 errors")) +
            tr("; fix it or clear the field to use the built-in defaults.") +
            QStringLiteral("</b>") + QStringLiteral("<br>") + lines.join(QStringLiteral("<br>")));
        QStringList all;
        for (const Diagnostic &d : std::as_const(m_mappingErrors))
            all << d.toString();
        m_mappingError->setToolTip(all.join(u'\n'));
        m_mappingError->show();
    }
    updateState();
    return m_mappingErrors.isEmpty();
}

bool ImportDialog::startImport()
{
    if (isImporting() || !m_window) return false;
    if (m_mapping->text() != m_validatedMapping || !m_validatedMapping.isEmpty())
        setMappingFile(m_mapping->text()); // again: the file may have changed since it was chosen
    const QStringList paths = files();
    if (paths.isEmpty() || !m_mappingErrors.isEmpty()) return false;

    m_progress = std::make_shared<ImportProgress>();
    m_sizes.clear();
    for (const QString &p : paths)
        m_sizes << QFileInfo(p).size();
    m_shownBytes = 0;
    m_fileStart = {0, 0};

    AnalysisRequest request;
    request.inputs = paths;
    request.load.format = format();
    request.load.mapping = m_loadedMapping;
    request.load.progress = m_progress.get();
    // The callback owns the progress the readers poll, so it outlives this dialog if need be.
    m_window->open(std::move(request), [dialog = QPointer<ImportDialog>(this), progress = m_progress](const AnalysisResult &result) {
        if (dialog) dialog->finish(result);
    });
    m_bar->show();
    m_cancel->setFocus(); // Enter or Esc now cancels
    pollProgress();
    m_poll.start();
    updateState();
    return true;
}

void ImportDialog::cancelImport()
{
    if (!m_progress) return;
    m_progress->cancel.store(true);
    pollProgress();
    updateState();
}

void ImportDialog::reject()
{
    if (isImporting())
        cancelImport(); // the dialog closes when the import has stopped (finish())
    else
        QDialog::reject();
}

void ImportDialog::pollProgress()
{
    if (!m_progress) return;
    const ImportProgress &p = *m_progress;
    const auto count = int(m_sizes.size());
    const int done = std::min(p.filesDone.load(std::memory_order_relaxed), count);
    const qint64 resources = p.resources.load(std::memory_order_relaxed);
    const qint64 total = std::accumulate(m_sizes.begin(), m_sizes.end(), qint64(0));
    const QString counts =
        counted(resources, tr("%1 resource read"), tr("%1 resources read")) +
        QStringLiteral(" · ") +
        counted(count, tr("%1 file"), tr("%1 files")).prepend(tr("%1 of ").arg(done)) + tr(" done");
    if (p.cancel.load(std::memory_order_relaxed)) {
        m_bar->setRange(0, 0);
        m_progressLabel->setText(tr("Cancelling…") + QStringLiteral(" ") + counts);
        return;
    }
    if (done == count) {
        // Read: merging, resolving residency and checking the policies have no byte count.
        m_bar->setRange(0, 0);
        m_progressLabel->setText(counts + QStringLiteral(" · ") +
                                 tr("checking residency and policies…"));
        return;
    }
    // bytesRead is the offset in the file being read (of its decoded text, so a gzipped file
    // can read more than its size on disk, and CSV and inventory files report none): add the
    // files done, clamp to the current file, and never let the bar go backwards.
    const qint64 read = p.bytesRead.load(std::memory_order_relaxed);
    if (done != m_fileStart.first)
        m_fileStart = {done, read}; // still the previous file's offset until the first resource
    const qint64 before = std::accumulate(m_sizes.begin(), m_sizes.begin() + done, qint64(0));
    const qint64 current =
        read == m_fileStart.second && done > 0 ? 0 : std::min(read, m_sizes[done]);
    m_shownBytes = std::max(m_shownBytes, std::min(total, before + current));
    m_bar->setRange(0, 1000);
    m_bar->setValue(total > 0 ? int(m_shownBytes * 1000 / total) : 0);
    m_progressLabel->setText(tr("%1 of %2").arg(dataSize(m_shownBytes), dataSize(total)) +
                             QStringLiteral(" · ") + counts);
}

void ImportDialog::finish(const AnalysisResult &result)
{
    m_poll.stop();
    m_progress.reset();
    m_bar->hide();
    updateState();
    if (result) {
        m_summary = ImportSummary::showFor(m_window, **result);
        Q_EMIT importFinished(true, false);
        accept();
        return;
    }
    // The window lists the errors in its Problems tab (or says the import was cancelled).
    Q_EMIT importFinished(false, result.error().kind == AnalysisErrorKind::Cancelled
                                     || result.error().kind == AnalysisErrorKind::Superseded);
    QDialog::reject();
}

void ImportDialog::updateState()
{
    const bool busy = isImporting();
    // The file list stays readable while importing; what would change the import does not.
    for (QWidget *w : {static_cast<QWidget *>(m_add), static_cast<QWidget *>(m_format),
                       static_cast<QWidget *>(m_mapping), static_cast<QWidget *>(m_browseMapping)})
        w->setEnabled(!busy);
    m_remove->setEnabled(!busy && !m_files->selectedItems().isEmpty());
    m_import->setEnabled(!busy && m_files->topLevelItemCount() > 0 && m_mappingErrors.isEmpty());
    m_cancel->setEnabled(!busy || !m_progress->cancel.load());
    if (!busy) {
        const QStringList paths = files();
        qint64 bytes = 0;
        for (int i = 0; i < m_files->topLevelItemCount(); ++i)
            bytes += QFileInfo(m_files->topLevelItem(i)->data(NameColumn, Qt::UserRole).toString())
                         .size();
        m_progressLabel->setText(paths.isEmpty()
                                     ? tr("Add the files to import, or drop them here.")
                                     : counted(paths.size(), tr("%1 file"), tr("%1 files")) +
                                           QStringLiteral(", ") + dataSize(bytes));
    }
}

void ImportDialog::browseFiles()
{
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Add files to import"), QString(),
        tr("Cloud exports and inventories (%1);;All files (*)").arg(fileNamePatterns()));
    addFiles(paths);
}

void ImportDialog::browseMapping()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Choose a mapping file"), m_mapping->text(),
                                     tr("Mapping files (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty()) setMappingFile(path);
}

void ImportDialog::dragEnterEvent(QDragEnterEvent *event)
{
    if (!isImporting() && event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void ImportDialog::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile()) paths << url.toLocalFile();
    addFiles(paths);
}

} // namespace atlas
