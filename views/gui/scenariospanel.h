// The Scenarios panel (issue 15, patterns.md): choose patterns A–D, a scope (datasets, origins,
// workloads, or one finding's subject) and the patterns' options; simulate() runs them off the
// GUI thread with progress and cancel; the comparison, the trade-offs and the selected
// scenario's change list are ScenarioResults'. Selecting a scenario is announced so that the
// window overlays it on the map and strikes its resolved findings through; its inventory can be
// exported as YAML. Follows the document: a result simulated on an older snapshot is marked
// stale, one of another inventory is dropped.
#pragma once

#include "simulate.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <expected>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace atlas {

class Document;
class ScenarioResults;
enum class SnapshotChange : std::uint8_t;

class ScenariosPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit ScenariosPanel(QWidget *parent = nullptr);
    ~ScenariosPanel() override;

    void setDocument(Document *document);
    void showSnapshot(const std::shared_ptr<const AnalysisSnapshot> &snapshot, SnapshotChange change);

    void setPatterns(const std::vector<Pattern> &patterns);
    std::vector<Pattern> patterns() const;
    // "Try pattern on this": the scope is that finding's subject (shown, clearable); nullopt clears.
    void setScopeFinding(const std::optional<FindingKey> &key);
    SimulationScope scope() const;
    std::expected<PatternOptions, QString> options() const;

    // Simulates the chosen patterns on the document's snapshot; finished() tells the outcome.
    // While a run is going, it is cancelled and this one follows (finished() comes once, for it).
    void run();
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    bool isStale() const;
    std::shared_ptr<const SimulationResult> result() const;
    std::shared_ptr<const Scenario> selectedScenario() const;
    void selectScenario(int index); // -1: none
    // Writes the selected scenario's inventory (YAML) to `path`; the error in words otherwise.
    std::expected<void, QString> exportScenario(const QString &path) const;

    ScenarioResults *results() const { return m_results; }
    QLabel *messages() const { return m_messages; }
    QLineEdit *datasetsField() const { return m_datasets; }
    QLineEdit *originsField() const { return m_origins; }
    QLineEdit *workloadsField() const { return m_workloads; }
    QPushButton *runButton() const { return m_run; }

Q_SIGNALS:
    void finished(bool ok);
    // The scenario to overlay (sharing the result's ownership); null: none.
    void scenarioSelected(const std::shared_ptr<const atlas::Scenario> &scenario);

private:
    using Outcome = std::expected<SimulationResult, AnalysisError>;
    QWidget *buildSetup();
    void showOutcome();
    void showMessages(const QStringList &lines, bool error);
    void updateState();
    void updateCompletion();

    std::shared_ptr<const AnalysisSnapshot> m_snapshot;
    std::shared_ptr<const SimulationResult> m_result;
    std::optional<FindingKey> m_scopeFinding;
    std::shared_ptr<std::atomic_bool> m_cancel;
    QFutureWatcher<Outcome> m_watcher;
    int m_generation = 0;    // counts the inventories opened: a run of an older one is dropped
    int m_runGeneration = 0;
    bool m_rerun = false;    // run() again once the cancelled run has ended

    QToolButton *m_setupToggle = nullptr;
    QWidget *m_setup = nullptr;
    QCheckBox *m_pattern[4] = {};
    QLineEdit *m_datasets = nullptr;
    QLineEdit *m_origins = nullptr;
    QLineEdit *m_workloads = nullptr;
    QLabel *m_findingScope = nullptr;
    QToolButton *m_clearFinding = nullptr;
    QCheckBox *m_secureAggregation = nullptr;
    QCheckBox *m_differentialPrivacy = nullptr;
    QSpinBox *m_rounds = nullptr;
    QDoubleSpinBox *m_updateMb = nullptr;
    QComboBox *m_method = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_messages = nullptr;
    QLabel *m_stale = nullptr;
    ScenarioResults *m_results = nullptr;
};

} // namespace atlas
