// The result half of the Scenarios panel: the comparison table of simulate()'s scenarios (a row
// per metric of comparisonRows(), a column per scenario; cells better than the baseline tinted
// green, worse red, the trade-off in the tooltip), the trade-off lines, and for the selected
// scenario its change list, the pairs it does not address, its residual risks and the findings
// it resolves and introduces. Selecting a column (or the scenario box) selects the scenario.
#pragma once

#include "simulate.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QSplitter;
class QTableWidget;
class QTextBrowser;
class QTreeWidget;

namespace atlas {

class ScenarioResults final : public QWidget
{
    Q_OBJECT
public:
    explicit ScenarioResults(QWidget *parent = nullptr);

    // Shows `result` (null clears), nothing selected.
    void setResult(std::shared_ptr<const SimulationResult> result);
    const std::shared_ptr<const SimulationResult> &result() const { return m_result; }
    // -1 selects none (the map shows the document again).
    void selectScenario(int index);
    int selectedIndex() const { return m_selected; }
    // The selected scenario, sharing the result's ownership; null when none is selected.
    std::shared_ptr<const Scenario> selectedScenario() const;

    QTableWidget *table() const { return m_table; }
    QTreeWidget *details() const { return m_details; }
    QTextBrowser *tradeoffs() const { return m_tradeoffs; }
    void fitTable();
    QComboBox *scenarioBox() const { return m_box; }

Q_SIGNALS:
    void scenarioSelected(int index);
    void exportRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillTable();
    void fitColumns();
    void showDetails();

    std::shared_ptr<const SimulationResult> m_result;
    int m_selected = -1;
    QTableWidget *m_table;
    QSplitter *m_split;
    QTextBrowser *m_tradeoffs;
    QComboBox *m_box;
    QPushButton *m_export;
    QTreeWidget *m_details;
};

// A pattern's column title in two lines ("B — federated\nlearning"): letter and name, never a
// bare letter.
QString scenarioColumnTitle(const QString &label);

} // namespace atlas
