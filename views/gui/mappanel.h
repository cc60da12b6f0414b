// The map tab: toolbar, the two views (the jurisdiction overview with its matrix, shown first
// when a document opens; the region map) and the background work behind them. Each change of
// options (or a new analysis) lays the map out off the GUI thread with a busy indicator;
// Graphviz cannot be interrupted, so a newer request supersedes an older one by dropping its
// result. A pair chosen on the overview drills into the region map filtered to it.
#pragma once

#include "mapgraph.h"
#include "mapoverlay.h"
#include "mappainter.h"
#include "overviewmap.h"
#include "policyrule.h"

#include <QFutureWatcher>
#include <QSet>
#include <QTimer>
#include <QWidget>

#include <expected>
#include <functional>
#include <memory>

class QStackedWidget;

namespace atlas {

class Document;
struct AnalysisSnapshot;
enum class SnapshotChange : std::uint8_t;

class MapToolBar;
class MapView;
class OverviewPanel;
enum class MapMode : std::uint8_t;

class MapPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit MapPanel(QWidget *parent = nullptr);
    ~MapPanel() override;

    // Follows the document. Another inventory resets the toolbar's filters (filters chosen for
    // one inventory could hide most of another); a reload keeps them, an edit keeps the view too.
    void setDocument(Document *document);
    void showSnapshot(const std::shared_ptr<const AnalysisSnapshot> &snapshot, SnapshotChange change);
    // Shows a simulated scenario's inventory (its own snapshot) with its change list overlaid,
    // until clearScenario() or the document's next snapshot; the document is not touched.
    void showScenario(std::shared_ptr<const AnalysisSnapshot> scenario, MapOverlay overlay);
    void clearScenario();
    bool showsScenario() const { return m_scenario != nullptr; }
    // What the map draws: the scenario's snapshot while one is shown, else the document's.
    const std::shared_ptr<const AnalysisSnapshot> &shownSnapshot() const { return m_scenario ? m_scenario : m_snapshot; }
    void clear();
    MapView *view() const { return m_view; }
    MapToolBar *toolBar() const { return m_toolBar; }
    OverviewPanel *overview() const { return m_overview; }
    void setMode(MapMode mode);
    MapMode mode() const;
    // The region map filtered to the pair (origin and destination jurisdiction ids), cross-border only.
    void showPairOnRegions(const QString &origin, const QString &destination);
    bool isOverviewBusy() const { return m_overviewWatcher.isRunning(); }
    bool isBusy() const { return m_watcher.isRunning(); }
    void relayout();

    // The arrangement kept per grouping ("regions/region", "regions/country",
    // "regions/jurisdiction"): a filter, a focus, an opened region or an edit keeps what stays
    // where it was (layoutMap()'s MapPositions); a change of the window's shape re-packs the
    // map only while the arrangement is still the automatic one. Re-arrange packs afresh.
    using Places = QHash<QString, MapPositions>;
    const Places &keptPlaces() const { return m_kept; }
    // Where a newly opened document's arrangement comes from (its workspace's map_positions).
    void setPlacesSource(std::function<Places(const AnalysisSnapshot &)> source) { m_placesSource = std::move(source); }
    void rearrange();
    bool arrangementIsKept() const { return m_keptIsUsers; }

Q_SIGNALS:
    void layoutFinished(bool ok, const QString &summary);
    void overviewFinished(bool ok, const QString &summary);
    void searchFailed(const QString &text);

private:
    using Result = std::expected<MapScene, QString>;
    using OverviewResult = std::expected<OverviewScene, QString>;
    void search(const QString &text);
    void relayoutOverview();
    void overviewDone();

    MapToolBar *m_toolBar;
    MapView *m_view;
    OverviewPanel *m_overview;
    QStackedWidget *m_stack;
    std::pair<QStringList, QStringList> choices() const; // jurisdictions, datasets
    void showOther(); // the document's or a scenario's map instead of the other
    std::shared_ptr<const AnalysisSnapshot> m_snapshot;
    std::shared_ptr<const AnalysisSnapshot> m_scenario;
    MapOverlay m_overlay;
    QSet<QString> m_expanded;
    QFutureWatcher<Result> m_watcher;
    int m_generation = 0;
    int m_running = 0;
    // The map is packed to the view's shape: when the view changes shape a lot (the window is
    // first shown, maximised, a dock closed), it is laid out again once the resizing stops.
    bool eventFilter(QObject *watched, QEvent *event) override; // the view's viewport resized
    double viewAspect() const;
    double m_layoutAspect = 0;
    QTimer m_reshape;
    double m_overviewAspect = 0;        // the overview is laid out again, like the region map,
    QTimer m_overviewReshape;           // when its pane changes shape a lot
    void keepPlaces(const MapScene &scene);
    Places m_kept;
    bool m_keptIsUsers = false;         // arranged by the user's filters or a saved workspace
    QString m_runningView;              // the kept arrangement the running layout adds to ("": none)
    QString m_lastView;                 // the grouping drawn before (a new one starts from its tiles)
    std::function<Places(const AnalysisSnapshot &)> m_placesSource;
    QFutureWatcher<OverviewResult> m_overviewWatcher;
    std::shared_ptr<const AnalysisSnapshot> m_overviewFor;  // the snapshot the running layout reads
    int m_overviewGeneration = 0;
    int m_overviewRunning = 0;
};

} // namespace atlas
