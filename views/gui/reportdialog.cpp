#include "reportdialog.h"

#include "reportpaged.h"
#include "simulate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace atlas {

namespace {

const QString folderId = QStringLiteral("folder");

} // namespace

ReportDialog::ReportDialog(std::shared_ptr<const AnalysisSnapshot> snapshot, QWidget *parent)
    : QDialog(parent), m_snapshot(std::move(snapshot))
{
    setWindowTitle(tr("Export Report"));
    setObjectName(QStringLiteral("reportDialog"));
    buildForm();
    resize(1180, 780);
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, [this] { setBusy(false); });
    QTimer::singleShot(0, this, &ReportDialog::updatePreview);
}

ReportDialog::~ReportDialog()
{
    m_cancel->store(true);
    m_watcher.waitForFinished();
    delete m_preview; // before the printer it paints on
}

// The choices on the left: format, title, organisation, previous report, patterns, sections.
QWidget *ReportDialog::buildOptions()
{
    auto *form = new QWidget(this);
    auto *formLayout = new QVBoxLayout(form);
    auto *fields = new QFormLayout;
    m_format = new QComboBox(form);
    for (const std::unique_ptr<ReportFormat> &f : reportFormats())
        m_format->addItem(QStringLiteral("%1 (%2)").arg(f->name(), f->fileName()), f->id());
    m_format->addItem(tr("Every format, to a folder (with manifest.sha256)"), folderId);
    fields->addRow(tr("&Format:"), m_format);
    m_title = new QLineEdit(form);
    m_title->setPlaceholderText(tr("Data residency and cross-border transfer report"));
    fields->addRow(tr("&Title:"), m_title);
    m_organisation = new QLineEdit(form);
    m_organisation->setPlaceholderText(m_snapshot && !m_snapshot->inventory->organisation.isEmpty() ? m_snapshot->inventory->organisation
                                                                                                    : tr("from the inventory"));
    fields->addRow(tr("&Organisation:"), m_organisation);
    auto *baselineRow = new QHBoxLayout;
    m_baseline = new QLineEdit(form);
    m_baseline->setObjectName(QStringLiteral("baselineEdit"));
    m_baseline->setPlaceholderText(tr("previous report.json (optional)"));
    auto *browse = new QPushButton(tr("Browse…"), form);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Previous report"), QString(), tr("Report JSON (*.json)"));
        if (!path.isEmpty())
            m_baseline->setText(path);
    });
    baselineRow->addWidget(m_baseline);
    baselineRow->addWidget(browse);
    fields->addRow(tr("Changes since:"), baselineRow);
    formLayout->addLayout(fields);

    auto *scenarios = new QGroupBox(tr("Simulate and compare"), form);
    auto *scenarioLayout = new QVBoxLayout(scenarios);
    int i = 0;
    for (const PatternInfo &p : architecturePatterns())
        scenarioLayout->addWidget(m_patterns[i++] = new QCheckBox(p.letter + QStringLiteral(" — ") + p.name, scenarios));
    formLayout->addWidget(scenarios);

    auto *sectionsBox = new QGroupBox(tr("Sections"), form);
    auto *sectionsLayout = new QVBoxLayout(sectionsBox);
    m_sections = new QListWidget(sectionsBox);
    for (const ReportSectionInfo &s : reportSections()) {
        auto *item = new QListWidgetItem(QString::fromUtf8(s.title), m_sections);
        item->setData(Qt::UserRole, QString::fromLatin1(s.id));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        if (s.section == ReportSection::Title)
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled); // the title page says what is attested
    }
    sectionsLayout->addWidget(m_sections);
    formLayout->addWidget(sectionsBox, 1);

    auto *update = new QPushButton(tr("&Update Preview"), form);
    connect(update, &QPushButton::clicked, this, &ReportDialog::updatePreview);
    formLayout->addWidget(update);

    return form;
}

// The paged preview on the right, with its own controls.
QWidget *ReportDialog::buildPreview()
{
    m_printer = std::make_unique<QPrinter>(QPrinter::HighResolution);
    m_printer->setPageSize(QPageSize(QPageSize::A4));
    m_preview = new QPrintPreviewWidget(m_printer.get(), this);
    m_preview->setObjectName(QStringLiteral("reportPreview"));
    connect(m_preview, &QPrintPreviewWidget::paintRequested, this, [this](QPrinter *printer) { print(*printer); });

    // The preview's own controls: fit, zoom and the page shown.
    auto *previewPane = new QWidget(this);
    auto *previewLayout = new QVBoxLayout(previewPane);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    auto *controls = new QHBoxLayout;
    const auto control = [&](const QString &text, auto slot) {
        auto *b = new QPushButton(text, previewPane);
        b->setAutoDefault(false);
        connect(b, &QPushButton::clicked, m_preview, slot);
        controls->addWidget(b);
    };
    control(tr("Fit Width"), &QPrintPreviewWidget::fitToWidth);
    control(tr("Whole Page"), &QPrintPreviewWidget::fitInView);
    control(tr("Zoom Out"), [this] { m_preview->zoomOut(); });
    control(tr("Zoom In"), [this] { m_preview->zoomIn(); });
    control(tr("Facing Pages"), &QPrintPreviewWidget::setFacingPagesViewMode);
    control(tr("Single Page"), &QPrintPreviewWidget::setSinglePageViewMode);
    auto *page = new QLabel(previewPane);
    page->setObjectName(QStringLiteral("previewPage"));
    connect(m_preview, &QPrintPreviewWidget::previewChanged, page, [this, page] {
        page->setText(tr("Page %1 of %2").arg(m_preview->currentPage()).arg(m_preview->pageCount()));
    });
    controls->addStretch(1);
    controls->addWidget(page);
    previewLayout->addLayout(controls);
    previewLayout->addWidget(m_preview, 1);

    return previewPane;
}

void ReportDialog::buildForm()
{
    QWidget *form = buildOptions();
    QWidget *previewPane = buildPreview();
    auto *splitter = new QSplitter(this);
    splitter->addWidget(form);
    splitter->addWidget(previewPane);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({360, 820});

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(200);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("reportState"));
    m_state->setWordWrap(true);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    connect(m_cancelButton, &QPushButton::clicked, this, [this] { m_cancel->store(true); });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = buttons->addButton(tr("&Export…"), QDialogButtonBox::AcceptRole);
    QPushButton *printButton = buttons->addButton(tr("&Print…"), QDialogButtonBox::ActionRole);
    connect(m_export, &QPushButton::clicked, this, &ReportDialog::chooseAndExport);
    connect(printButton, &QPushButton::clicked, this, [this] { m_preview->print(); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_progress);
    bottom->addWidget(m_state, 1);
    bottom->addWidget(m_cancelButton);
    bottom->addWidget(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addLayout(bottom);
    setBusy(false);
}

ReportRequest ReportDialog::request() const
{
    ReportRequest rq;
    rq.snapshot = m_snapshot;
    rq.title = m_title->text().trimmed();
    rq.organisation = m_organisation->text().trimmed();
    ReportSectionSet set = 0;
    for (int i = 0; i < m_sections->count(); ++i)
        if (m_sections->item(i)->checkState() == Qt::Checked)
            if (auto s = parseReportSection(m_sections->item(i)->data(Qt::UserRole).toString()))
                set |= 1u << int(*s);
    rq.sections = set | (1u << int(ReportSection::Title));
    rq.parameters << QStringLiteral("--as-of ") + m_snapshot->asOf.toString(Qt::ISODate);
    return rq;
}

void ReportDialog::setBusy(bool busy, const QString &what)
{
    m_progress->setVisible(busy);
    m_cancelButton->setVisible(busy);
    m_export->setEnabled(!busy && m_snapshot);
    if (busy)
        m_state->setText(what);
}

void ReportDialog::prepare(std::function<void(std::shared_ptr<const PreparedReport>)> then)
{
    if (!m_snapshot || m_watcher.isRunning())
        return;
    ReportRequest rq = request();
    std::vector<Pattern> patterns;
    for (int i = 0; i < 4; ++i)
        if (m_patterns[i]->isChecked())
            patterns.push_back(allPatterns[std::size_t(i)]);
    const QString baseline = m_baseline->text().trimmed();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto cancel = m_cancel;
    auto result = std::make_shared<std::expected<PreparedReport, QString>>(std::unexpected(QString()));
    setBusy(true, tr("Preparing the report…"));
    m_watcher.setFuture(QtConcurrent::run([rq, patterns, baseline, cancel, result]() mutable {
        if (!patterns.empty()) {
            SimulationRequest sim;
            sim.baseline = rq.snapshot;
            sim.patterns = patterns;
            sim.cancel = cancel.get();
            auto simulated = simulate(sim);
            if (!simulated) {
                *result = std::unexpected(QObject::tr("the scenarios could not be simulated"));
                return;
            }
            rq.scenarios = std::make_shared<const SimulationResult>(std::move(*simulated));
        }
        if (!baseline.isEmpty()) {
            auto previous = readPreviousReport(baseline);
            if (!previous) {
                *result = std::unexpected(previous.error().toString());
                return;
            }
            rq.previous = std::move(*previous);
        }
        if (cancel->load()) {
            *result = std::unexpected(QObject::tr("cancelled"));
            return;
        }
        *result = prepareReport(rq, true);
    }));
    auto *once = new QObject(this);
    connect(&m_watcher, &QFutureWatcher<void>::finished, once, [this, once, result, then] {
        once->deleteLater();
        if (!*result) {
            m_state->setText(tr("Not prepared: %1").arg(result->error()));
            then(nullptr);
            return;
        }
        m_prepared = std::make_shared<const PreparedReport>(std::move(**result));
        m_state->setText(tr("%1 sections, %2 findings, %3 transfers")
                             .arg(m_prepared->document.sections.size())
                             .arg(m_prepared->report.findings.size())
                             .arg(m_prepared->report.transfers.size()));
        then(m_prepared);
    });
}

void ReportDialog::updatePreview()
{
    prepare([this](const std::shared_ptr<const PreparedReport> &prepared) {
        if (!prepared)
            return;
        m_preview->updatePreview();
        Q_EMIT previewReady();
    });
}

void ReportDialog::print(QPrinter &printer)
{
    if (!m_prepared)
        return;
    printer.setDocName(m_prepared->document.title);
    if (auto painted = paintReportPages(m_prepared->document, printer, {}, nullptr); !painted)
        m_state->setText(tr("Not printed: %1").arg(painted.error()));
}

std::vector<ReportTarget> ReportDialog::targetsFor(const QString &path) const
{
    const QString id = m_format->currentData().toString();
    if (id == folderId)
        return reportTargetsIn(path);
    return {{reportFormat(id), path}};
}

void ReportDialog::chooseAndExport()
{
    const QString id = m_format->currentData().toString();
    QString path;
    if (id == folderId) {
        path = QFileDialog::getExistingDirectory(this, tr("Export every format to a folder"));
    } else {
        const ReportFormat *f = reportFormat(id);
        path = QFileDialog::getSaveFileName(this, tr("Export report"), f->fileName(),
                                            QStringLiteral("%1 (*.%2)").arg(f->name(), f->extension()));
    }
    if (!path.isEmpty())
        exportTo(path);
}

void ReportDialog::exportTo(const QString &path)
{
    const bool folder = m_format->currentData().toString() == folderId;
    prepare([this, path, folder](std::shared_ptr<const PreparedReport> prepared) {
        if (!prepared) {
            Q_EMIT exported(m_state->text());
            return;
        }
        // The set's file names belong to its provenance: prepare again only for that list.
        const std::vector<ReportTarget> targets = targetsFor(path);
        auto cancel = m_cancel;
        auto error = std::make_shared<QString>();
        setBusy(true, tr("Writing %1…").arg(QFileInfo(path).fileName()));
        m_watcher.setFuture(QtConcurrent::run([prepared, targets, folder, path, cancel, error] {
            PreparedReport copy = *prepared;
            if (folder) {
                copy.report.provenance.outputFiles = reportSetFileNames();
                copy.document = buildReportDocument(copy.report, copy.document.map, copy.document.overview);
            }
            if (auto ok = writeReportFiles(copy, targets, folder ? path : QString(), {}, cancel.get()); !ok)
                *error = ok.error();
        }));
        auto *once = new QObject(this);
        connect(&m_watcher, &QFutureWatcher<void>::finished, once, [this, once, error, path] {
            once->deleteLater();
            m_state->setText(error->isEmpty() ? tr("Written: %1").arg(path) : tr("Not written: %1").arg(*error));
            Q_EMIT exported(*error);
        });
    });
}

} // namespace atlas
