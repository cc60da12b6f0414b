// The map tab: toolbar, view and the background work behind them. Each change of options (or
// a new analysis) lays the map out off the GUI thread with a busy indicator; Graphviz cannot be
// interrupted, so a newer request supersedes an older one by dropping its result.
#pragma once

#include "mapmodel.h"
#include "mappainter.h"
#include "policyrule.h"

#include <QFutureWatcher>
#include <QSet>
#include <QWidget>

#include <expected>
#include <memory>

namespace atlas {

class MapToolBar;
class MapView;

class MapPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit MapPanel(QWidget *parent = nullptr);
    ~MapPanel() override;

    // A new analysis resets the toolbar's filters unless `keepFilters` (a reload of the same
    // inputs), so that filters chosen for one inventory never hide most of another.
    void setAnalysis(std::shared_ptr<const PolicyFacts> facts, std::shared_ptr<const RuleSet> rules,
                     std::shared_ptr<const std::vector<Finding>> findings, bool keepFilters = false);
    void clear();
    MapView *view() const { return m_view; }
    MapToolBar *toolBar() const { return m_toolBar; }
    bool isBusy() const { return m_watcher.isRunning(); }
    void relayout();

Q_SIGNALS:
    void layoutFinished(bool ok, const QString &summary);
    void searchFailed(const QString &text);

private:
    using Result = std::expected<MapScene, QString>;
    void search(const QString &text);

    MapToolBar *m_toolBar;
    MapView *m_view;
    std::shared_ptr<const PolicyFacts> m_facts;
    std::shared_ptr<const RuleSet> m_rules;
    std::shared_ptr<const std::vector<Finding>> m_findings;
    QSet<QString> m_expanded;
    QFutureWatcher<Result> m_watcher;
    int m_generation = 0;
    int m_running = 0;
};

} // namespace atlas
