// The main window's Scenarios dock and its routes: a selected scenario goes to the map (its
// inventory with the change list overlaid) and to the findings (those it resolves struck
// through); "Try pattern on this finding" opens the dock scoped to that finding and runs it.
#include "findingspanel.h"
#include "mainwindow.h"
#include "mapoverlay.h"
#include "mappanel.h"
#include "scenariospanel.h"

#include <QDockWidget>
#include <QScrollArea>
#include <QTabWidget>

namespace atlas {

void MainWindow::buildScenarios()
{
    m_scenarios = new ScenariosPanel(this);
    m_scenariosDock = new QDockWidget(tr("Scenarios"), this);
    m_scenariosDock->setObjectName(QStringLiteral("scenariosDock"));
    // In a scroll area: the panel's own minimum (setup, four columns) must not widen the dock
    // area it shares with the inspector, nor squeeze the inventory and findings docks.
    auto *scroll = new QScrollArea(m_scenariosDock);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_scenarios);
    m_scenariosDock->setWidget(scroll);
    m_scenariosDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::RightDockWidgetArea, m_scenariosDock);
    // Beside the inspector, which stays in front until the user (or a finding) asks for scenarios.
    if (auto *inspector = findChild<QDockWidget *>(QStringLiteral("inspectorDock"))) {
        tabifyDockWidget(inspector, m_scenariosDock);
        inspector->raise();
    }
    // Four scenario columns need room: the right side widens when the user brings the panel to
    // the front (not while the window is being built: the inspector's width stays the default).
    connect(m_scenariosDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && isVisible() && !m_scenariosDock->isFloating() && m_scenariosDock->width() < 560)
            resizeDocks({m_scenariosDock}, {std::min(860, width() / 2)}, Qt::Horizontal);
    });

    connect(m_scenarios, &ScenariosPanel::scenarioSelected, this, [this](const std::shared_ptr<const Scenario> &s) {
        const std::shared_ptr<const SimulationResult> result = m_scenarios->result();
        if (!s || !result) {
            m_map->clearScenario();
            m_findings->setResolved({});
            return;
        }
        m_map->showScenario(s->after, scenarioOverlay(*s, *result->baseline->inventory));
        QSet<FindingKey> resolved;
        for (const Finding &f : s->delta.resolved)
            resolved.insert(findingKey(f));
        m_findings->setResolved(std::move(resolved));
        m_tabs->setCurrentWidget(m_map);
    });
    connect(m_findings, &FindingsPanel::tryPattern, this, [this](const FindingKey &key, Pattern pattern) {
        showScenarios();
        m_scenarios->setPatterns({pattern});
        m_scenarios->setScopeFinding(key);
        m_scenarios->run();
    });
}

void MainWindow::showScenarios()
{
    m_scenariosDock->show();
    m_scenariosDock->raise();
}

} // namespace atlas
