#include "scenariospanel.h"

#include "document.h"
#include "scenarioreport.h"
#include "scenarioresults.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QStringListModel>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace atlas {

namespace {

// Completes the last of comma-separated names ("eu-patient-records, in-cl" → "in-claims").
class ListCompleter final : public QCompleter
{
public:
    explicit ListCompleter(QObject *parent) : QCompleter(new QStringListModel(parent), parent)
    {
        setCaseSensitivity(Qt::CaseInsensitive);
        setFilterMode(Qt::MatchContains);
    }
    void setNames(const QStringList &names) { static_cast<QStringListModel *>(model())->setStringList(names); }
    QStringList splitPath(const QString &path) const override { return {path.section(u',', -1).trimmed()}; }
    QString pathFromIndex(const QModelIndex &index) const override
    {
        const QString text = static_cast<QLineEdit *>(widget())->text();
        const int comma = int(text.lastIndexOf(u','));
        const QString head = comma < 0 ? QString() : text.left(comma + 1) + u' ';
        return head + index.data().toString();
    }
};

QStringList names(const QLineEdit *field)
{
    QStringList out;
    for (const QString &part : field->text().split(u',', Qt::SkipEmptyParts))
        if (const QString name = part.trimmed(); !name.isEmpty())
            out << name;
    return out;
}

QLineEdit *listField(const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    edit->setCompleter(new ListCompleter(edit));
    return edit;
}

void setCompletion(QLineEdit *field, QStringList values)
{
    values.removeDuplicates();
    values.sort(Qt::CaseInsensitive);
    static_cast<ListCompleter *>(field->completer())->setNames(values);
}

} // namespace

ScenariosPanel::ScenariosPanel(QWidget *parent) : QWidget(parent)
{
    m_setupToggle = new QToolButton(this);
    m_setupToggle->setText(tr("Patterns, scope and options"));
    m_setupToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_setupToggle->setArrowType(Qt::DownArrow);
    m_setupToggle->setCheckable(true);
    m_setupToggle->setChecked(true);
    m_setupToggle->setAutoRaise(true);
    m_setup = buildSetup();

    m_run = new QPushButton(tr("Run simulation"), this);
    m_run->setObjectName(QStringLiteral("runSimulation"));
    m_run->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_progress = new QProgressBar(this);
    m_progress->setFormat(tr("%v of %m scenarios"));
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancelButton);
    runRow->addWidget(m_progress, 1);
    runRow->addStretch();

    m_messages = new QLabel(this);
    m_messages->setObjectName(QStringLiteral("scenarioMessages"));
    m_messages->setWordWrap(true);
    m_messages->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stale = new QLabel(tr("<b>Stale:</b> the inventory changed after this run; the comparison shows the "
                            "inventory as it was. Run again to compare the current one."), this);
    m_stale->setWordWrap(true);
    m_stale->setObjectName(QStringLiteral("staleLabel"));

    m_results = new ScenarioResults(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 4);
    layout->addWidget(m_setupToggle);
    layout->addWidget(m_setup);
    layout->addLayout(runRow);
    layout->addWidget(m_messages);
    layout->addWidget(m_stale);
    layout->addWidget(m_results, 1);

    connect(m_setupToggle, &QToolButton::toggled, this, [this](bool on) {
        m_setup->setVisible(on);
        m_setupToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    connect(m_run, &QPushButton::clicked, this, &ScenariosPanel::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &ScenariosPanel::cancel);
    connect(&m_watcher, &QFutureWatcher<Outcome>::finished, this, &ScenariosPanel::showOutcome);
    connect(m_results, &ScenarioResults::scenarioSelected, this, [this] { Q_EMIT scenarioSelected(selectedScenario()); });
    connect(m_results, &ScenarioResults::exportRequested, this, [this] {
        const std::shared_ptr<const Scenario> s = selectedScenario();
        if (!s)
            return;
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export scenario"), QStringLiteral("scenario-%1.yaml").arg(patternLetter(s->plan.pattern).toLower()),
            tr("Inventory YAML (*.yaml *.yml)"));
        if (path.isEmpty())
            return;
        const auto written = exportScenario(path);
        showMessages({written ? tr("Scenario written to %1").arg(path) : written.error()}, !written);
    });
    updateState();
}

QWidget *ScenariosPanel::buildSetup()
{
    auto *setup = new QWidget(this);
    auto *patterns = new QGroupBox(tr("Patterns"), setup);
    auto *grid = new QGridLayout(patterns);
    for (Pattern p : allPatterns) {
        const int i = int(p);
        m_pattern[i] = new QCheckBox(patternLabel(patternLetter(p)), patterns);
        m_pattern[i]->setChecked(true);
        grid->addWidget(m_pattern[i], i / 2, i % 2);
        connect(m_pattern[i], &QCheckBox::toggled, this, &ScenariosPanel::updateState);
    }

    auto *scope = new QGroupBox(tr("Scope (empty: every subject with a residency finding)"), setup);
    auto *form = new QFormLayout(scope);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_datasets = listField(tr("any dataset (comma-separated ids)"), scope);
    m_origins = listField(tr("any origin (jurisdictions or country codes)"), scope);
    m_workloads = listField(tr("any workload (comma-separated ids)"), scope);
    form->addRow(tr("Datasets:"), m_datasets);
    form->addRow(tr("Origins:"), m_origins);
    form->addRow(tr("Workloads:"), m_workloads);
    m_findingScope = new QLabel(scope);
    m_findingScope->setObjectName(QStringLiteral("findingScope"));
    m_findingScope->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_clearFinding = new QToolButton(scope);
    m_clearFinding->setText(tr("Clear"));
    m_clearFinding->setToolTip(tr("Simulate on every subject the other fields select"));
    auto *findingRow = new QHBoxLayout;
    findingRow->addWidget(m_findingScope, 1);
    findingRow->addWidget(m_clearFinding);
    form->addRow(tr("Finding:"), findingRow);
    connect(m_clearFinding, &QToolButton::clicked, this, [this] { setScopeFinding(std::nullopt); });

    auto *options = new QGroupBox(tr("Options"), setup);
    auto *optionsGrid = new QGridLayout(options);
    m_secureAggregation = new QCheckBox(tr("Secure aggregation"), options);
    m_secureAggregation->setChecked(true);
    m_differentialPrivacy = new QCheckBox(tr("Differential privacy"), options);
    m_differentialPrivacy->setToolTip(tr("Without it, RES-011 stays on the update flows as a residual risk"));
    m_rounds = new QSpinBox(options);
    m_rounds->setRange(1, 10000);
    m_rounds->setValue(PatternOptions{}.roundsPerDay);
    m_rounds->setSuffix(tr(" rounds/day"));
    m_updateMb = new QDoubleSpinBox(options);
    m_updateMb->setRange(0.1, 1000000);
    m_updateMb->setDecimals(1);
    m_updateMb->setValue(PatternOptions{}.updateMb);
    m_updateMb->setSuffix(tr(" MB/update"));
    m_method = new QComboBox(options);
    m_method->addItem(tr("by purpose (anonymise training and analytics, else tokenise)"), QString());
    m_method->addItem(tr("tokenise"), QStringLiteral("tokenise"));
    m_method->addItem(tr("anonymise"), QStringLiteral("anonymise"));
    m_method->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_method->setMinimumContentsLength(16);
    optionsGrid->addWidget(new QLabel(tr("B:"), options), 0, 0);
    optionsGrid->addWidget(m_secureAggregation, 0, 1);
    optionsGrid->addWidget(m_differentialPrivacy, 0, 2);
    optionsGrid->addWidget(m_rounds, 1, 1);
    optionsGrid->addWidget(m_updateMb, 1, 2);
    optionsGrid->addWidget(new QLabel(tr("D:"), options), 2, 0);
    optionsGrid->addWidget(m_method, 2, 1, 1, 2);
    optionsGrid->setColumnStretch(3, 1);

    auto *layout = new QVBoxLayout(setup);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(patterns);
    layout->addWidget(scope);
    layout->addWidget(options);
    setScopeFinding(std::nullopt);
    return setup;
}

ScenariosPanel::~ScenariosPanel()
{
    // The worker posts progress to this panel: it must end before the panel does.
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

void ScenariosPanel::setDocument(Document *document)
{
    connect(document, &Document::snapshotChanged, this, &ScenariosPanel::showSnapshot);
}

void ScenariosPanel::showSnapshot(const std::shared_ptr<const AnalysisSnapshot> &snapshot, SnapshotChange change)
{
    m_snapshot = snapshot;
    if (change == SnapshotChange::Opened || !snapshot) {
        // Another inventory: its names differ, a result of the old one means nothing here.
        ++m_generation;
        m_rerun = false;
        cancel();
        m_result.reset();
        m_results->setResult(nullptr);
        m_datasets->clear();
        m_origins->clear();
        m_workloads->clear();
        setScopeFinding(std::nullopt);
        showMessages({}, false);
    } else {
        // The map shows the document again: the selection ends, the comparison stays (stale).
        m_results->selectScenario(-1);
    }
    updateCompletion();
    updateState();
}

void ScenariosPanel::updateCompletion()
{
    QStringList datasets, origins, workloads;
    if (m_snapshot) {
        for (const Dataset &d : m_snapshot->inventory->datasets) {
            datasets << d.id;
            if (!d.origin.isEmpty())
                origins << d.origin;
        }
        for (const Workload &w : m_snapshot->inventory->workloads)
            workloads << w.id;
    }
    setCompletion(m_datasets, datasets);
    setCompletion(m_origins, origins);
    setCompletion(m_workloads, workloads);
}

void ScenariosPanel::setPatterns(const std::vector<Pattern> &patterns)
{
    for (Pattern p : allPatterns)
        m_pattern[int(p)]->setChecked(std::find(patterns.begin(), patterns.end(), p) != patterns.end());
}

std::vector<Pattern> ScenariosPanel::patterns() const
{
    std::vector<Pattern> out;
    for (Pattern p : allPatterns)
        if (m_pattern[int(p)]->isChecked())
            out.push_back(p);
    return out;
}

void ScenariosPanel::setScopeFinding(const std::optional<FindingKey> &key)
{
    m_scopeFinding = key;
    if (key)
        m_findingScope->setText(QStringLiteral("<b>%1</b> %2 %3%4")
                                    .arg(key->rule.toHtmlEscaped(), subjectKindName(key->subjectKind),
                                         key->subjectId.toHtmlEscaped(),
                                         key->dataset.isEmpty() ? QString() : QStringLiteral(" [") + key->dataset.toHtmlEscaped() + u']'));
    else
        m_findingScope->setText(tr("<i>none — right-click a finding: Try pattern on this finding</i>"));
    m_clearFinding->setEnabled(key.has_value());
}

SimulationScope ScenariosPanel::scope() const
{
    SimulationScope s;
    s.datasets = names(m_datasets);
    s.origins = names(m_origins);
    s.workloads = names(m_workloads);
    if (m_scopeFinding)
        s.findings.push_back(*m_scopeFinding);
    return s;
}

std::expected<PatternOptions, QString> ScenariosPanel::options() const
{
    // Only what differs from the documented defaults is "given": the report names those.
    const PatternOptions defaults;
    const std::vector<Pattern> chosen = patterns();
    const auto has = [&](Pattern p) { return std::find(chosen.begin(), chosen.end(), p) != chosen.end(); };
    QStringList items;
    if (has(Pattern::B)) {
        if (m_secureAggregation->isChecked() != defaults.secureAggregation)
            items << QStringLiteral("secure_aggregation=") + (m_secureAggregation->isChecked() ? u"true" : u"false");
        if (m_differentialPrivacy->isChecked() != defaults.differentialPrivacy)
            items << QStringLiteral("differential_privacy=") + (m_differentialPrivacy->isChecked() ? u"true" : u"false");
        if (m_rounds->value() != defaults.roundsPerDay)
            items << QStringLiteral("rounds_per_day=") + QString::number(m_rounds->value());
        if (m_updateMb->value() != defaults.updateMb)
            items << QStringLiteral("update_mb=") + QString::number(m_updateMb->value());
    }
    if (has(Pattern::D) && !m_method->currentData().toString().isEmpty())
        items << QStringLiteral("method=") + m_method->currentData().toString();
    return parsePatternOptions(items, chosen);
}

void ScenariosPanel::run()
{
    if (isRunning()) { // a newer request (another finding's "try"): the running one gives way
        m_rerun = true;
        cancel();
        return;
    }
    if (!m_snapshot)
        return;
    SimulationRequest request;
    request.patterns = patterns();
    if (request.patterns.empty()) {
        showMessages({tr("Choose at least one pattern.")}, true);
        return;
    }
    std::expected<PatternOptions, QString> options = this->options();
    if (!options) {
        showMessages({options.error()}, true);
        return;
    }
    request.baseline = m_snapshot;
    request.scope = scope();
    // Names the inventory lacks, said as the panel shows its fields (simulate() would refuse them too).
    if (const std::vector<ScopeProblem> problems = scopeProblems(request.scope, *m_snapshot->inventory, *m_snapshot->catalog);
        !problems.empty()) {
        QStringList lines;
        for (const ScopeProblem &p : problems)
            lines << p.message(false);
        showMessages(lines, true);
        return;
    }
    request.options = std::move(*options);
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_cancel = cancel;
    request.cancel = cancel.get();
    // Any thread calls it: the panel hears of it through its own event loop.
    request.progress = [this](int done, int total) {
        QMetaObject::invokeMethod(this, [this, done, total] {
            m_progress->setRange(0, total);
            m_progress->setValue(done);
        }, Qt::QueuedConnection);
    };
    m_runGeneration = m_generation;
    m_progress->setRange(0, int(request.patterns.size()));
    m_progress->setValue(0);
    showMessages({tr("Simulating %n pattern(s)…", nullptr, int(request.patterns.size()))}, false);
    m_watcher.setFuture(QtConcurrent::run([request = std::move(request), cancel]() { return simulate(request); }));
    updateState();
}

void ScenariosPanel::cancel()
{
    if (m_cancel && isRunning())
        m_cancel->store(true);
}

void ScenariosPanel::showOutcome()
{
    Outcome outcome = m_watcher.result();
    m_cancel.reset();
    if (std::exchange(m_rerun, false)) {
        run();
        return;
    }
    if (!outcome) {
        const AnalysisError &e = outcome.error();
        QStringList lines;
        if (e.kind == AnalysisErrorKind::Cancelled) {
            lines << (m_result ? tr("Cancelled; the previous comparison is kept.") : tr("Cancelled."));
        } else {
            lines << (e.kind == AnalysisErrorKind::BadRequest ? tr("The scope names something this inventory does not have:")
                                                               : tr("The simulation failed (please report it):"));
            for (const Diagnostic &d : e.diagnostics)
                lines << d.message;
        }
        showMessages(lines, e.kind != AnalysisErrorKind::Cancelled);
        updateState();
        Q_EMIT finished(false);
        return;
    }
    if (m_runGeneration != m_generation) {
        // Another inventory was opened while it ran: nothing to compare with any more.
        showMessages({tr("Another inventory was opened while the simulation ran; run it again.")}, false);
        updateState();
        Q_EMIT finished(false);
        return;
    }
    m_result = std::make_shared<const SimulationResult>(std::move(*outcome));
    m_setupToggle->setChecked(false); // the comparison needs the room now; one click brings the setup back
    m_results->setResult(m_result);
    showMessages({tr("Baseline: %n open finding(s). Scope: %1.", nullptr, m_result->baseline->openFindings())
                      .arg(scopeText(*m_result))},
                 false);
    updateState();
    Q_EMIT finished(true);
}

void ScenariosPanel::showMessages(const QStringList &lines, bool error)
{
    m_messages->setText(lines.join(u'\n'));
    m_messages->setVisible(!lines.isEmpty());
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::WindowText, p.color(QPalette::Base).lightness() < 128 ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x2a, 0x1e));
    m_messages->setPalette(p);
}

void ScenariosPanel::updateState()
{
    const bool running = isRunning();
    m_run->setEnabled(m_snapshot && !running && !patterns().empty());
    m_cancelButton->setVisible(running);
    m_progress->setVisible(running);
    m_setup->setEnabled(!running);
    m_stale->setVisible(isStale());
    for (Pattern p : {Pattern::B, Pattern::D}) {
        const bool on = m_pattern[int(p)]->isChecked();
        if (p == Pattern::B)
            for (QWidget *w : std::initializer_list<QWidget *>{m_secureAggregation, m_differentialPrivacy, m_rounds, m_updateMb})
                w->setEnabled(on);
        else
            m_method->setEnabled(on);
    }
}

bool ScenariosPanel::isStale() const
{
    return m_result && m_result->baseline != m_snapshot;
}

std::shared_ptr<const SimulationResult> ScenariosPanel::result() const
{
    return m_result;
}

std::shared_ptr<const Scenario> ScenariosPanel::selectedScenario() const
{
    return m_results->selectedScenario();
}

void ScenariosPanel::selectScenario(int index)
{
    m_results->selectScenario(index);
}

std::expected<void, QString> ScenariosPanel::exportScenario(const QString &path) const
{
    const std::shared_ptr<const Scenario> s = selectedScenario();
    if (!s)
        return std::unexpected(tr("No scenario is selected."));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return std::unexpected(tr("Cannot write %1: %2").arg(path, file.errorString()));
    file.write(scenarioInventoryYaml(*m_result, *s));
    if (!file.commit())
        return std::unexpected(tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace atlas
