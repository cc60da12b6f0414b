#include "mappanel.h"

#include "document.h"
#include "inventory.h"
#include "maptoolbar.h"
#include "mapview.h"
#include "overviewpanel.h"

#include <QEvent>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <cmath>
#include <QtConcurrent/QtConcurrentRun>

namespace atlas {

MapPanel::MapPanel(QWidget *parent) : QWidget(parent)
{
    m_toolBar = new MapToolBar(this);
    m_view = new MapView(this);
    m_overview = new OverviewPanel(this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_overview);
    m_stack->addWidget(m_view);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_stack, 1);
    connect(m_toolBar, &MapToolBar::modeChanged, this, [this](MapMode mode) {
        m_stack->setCurrentWidget(mode == MapMode::Overview ? static_cast<QWidget *>(m_overview) : m_view);
    });
    connect(m_overview, &OverviewPanel::showOnRegionMap, this, &MapPanel::showPairOnRegions);
    connect(&m_overviewWatcher, &QFutureWatcher<OverviewResult>::finished, this, &MapPanel::overviewDone);

    m_view->viewport()->installEventFilter(this);
    m_overview->graphViewport()->installEventFilter(this);
    m_overviewReshape.setSingleShot(true);
    m_overviewReshape.setInterval(400);
    connect(&m_overviewReshape, &QTimer::timeout, this, &MapPanel::relayoutOverview);
    m_reshape.setSingleShot(true);
    m_reshape.setInterval(400);
    connect(&m_reshape, &QTimer::timeout, this, [this] {
        if (m_keptIsUsers)
            return; // the user's arrangement stays; Re-arrange packs it to the new shape
        m_kept.clear();
        m_view->fitOnNextScene();
        relayout();
    });
    connect(m_toolBar, &MapToolBar::optionsChanged, this, [this] {
        m_expanded.clear();
        m_keptIsUsers = true;
        if (m_toolBar->options().dataset.isEmpty()) // a lineage focus frames its path instead
            m_view->keepViewOnNextScene();          // what stays is where it was: so is the view
        relayout();
    });
    connect(m_toolBar, &MapToolBar::rearrange, this, &MapPanel::rearrange);
    connect(m_toolBar, &MapToolBar::zoomIn, this, [this] { m_view->zoomBy(1.25); });
    connect(m_toolBar, &MapToolBar::zoomOut, this, [this] { m_view->zoomBy(1 / 1.25); });
    connect(m_toolBar, &MapToolBar::fit, m_view, &MapView::fit);
    connect(m_toolBar, &MapToolBar::searchRequested, this, &MapPanel::search);
    connect(m_view, &MapView::expandRequested, this, [this](const QString &key) {
        m_expanded.insert(key);
        m_keptIsUsers = true;
        m_view->keepViewOnNextScene();
        relayout();
    });
    connect(&m_watcher, &QFutureWatcher<Result>::finished, this, [this] {
        if (m_running != m_generation) {
            relayout(); // superseded while it ran: start the newest request now
            return;
        }
        m_view->setBusy(false);
        Result r = m_watcher.result();
        if (!r) {
            Q_EMIT layoutFinished(false, r.error());
            return;
        }
        const MapGraph &g = r->graph;
        QString summary = tr("map: %1 nodes, %2 edges").arg(g.nodes.size()).arg(g.edges.size());
        if (g.hiddenWorkloads || g.hiddenFlows)
            summary += tr(" · %1 workloads and %2 flows hidden by filters").arg(g.hiddenWorkloads).arg(g.hiddenFlows);
        if (g.collapsedAny)
            summary += tr(" · clusters collapsed (double-click to expand)");
        if (!g.refusedExpansions.isEmpty())
            summary += tr(" · %1 holds more workloads than can be drawn at once: filter first").arg(g.refusedExpansions.join(QStringLiteral(", ")));
        if (!m_runningView.isEmpty())
            keepPlaces(*r);
        m_view->setScene(std::move(*r));
        Q_EMIT layoutFinished(true, summary);
    });
}

double MapPanel::viewAspect() const
{
    const QSize viewport = m_view->viewport()->size();
    return viewport.width() > 100 && viewport.height() > 100 ? double(viewport.width()) / viewport.height() : kDefaultMapAspect;
}

// The view's viewport, not this panel: the region map may be hidden behind the overview while
// the window changes, and gets its size when it is shown.
bool MapPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize && m_layoutAspect > 0 && shownSnapshot()
        && std::abs(std::log(viewAspect() / m_layoutAspect)) > std::log(1.35))
        m_reshape.start();
    if (watched == m_overview->graphViewport() && event->type() == QEvent::Resize && m_overviewAspect > 0 && shownSnapshot()
        && std::abs(std::log(m_overview->graphAspect() / m_overviewAspect)) > std::log(1.35))
        m_overviewReshape.start();
    return QWidget::eventFilter(watched, event);
}

MapPanel::~MapPanel()
{
    m_watcher.waitForFinished();
    m_overviewWatcher.waitForFinished();
}

void MapPanel::setMode(MapMode mode)
{
    m_toolBar->setMode(mode);
}

MapMode MapPanel::mode() const
{
    return m_toolBar->mode();
}

void MapPanel::showPairOnRegions(const QString &origin, const QString &destination)
{
    {
        const QSignalBlocker block(m_toolBar); // one relayout for the three changes
        m_toolBar->setJurisdictionPair(origin, destination);
        m_toolBar->setOnlyCrossBorder(true);
    }
    m_toolBar->setMode(MapMode::Regions);
    m_expanded.clear();
    m_keptIsUsers = true;
    m_view->fitOnNextScene();
    relayout();
}

// The overview of what the map shows, off the GUI thread like the region map (10^6 flows take
// a few hundred milliseconds to aggregate).
void MapPanel::relayoutOverview()
{
    const std::shared_ptr<const AnalysisSnapshot> &shown = shownSnapshot();
    if (!shown)
        return;
    const int generation = ++m_overviewGeneration;
    m_overview->setBusy(true);
    if (m_overviewWatcher.isRunning())
        return; // its end starts this one
    m_overviewRunning = generation;
    m_overviewFor = shown;
    const double aspect = m_overview->graphAspect();
    m_overviewAspect = aspect;
    m_overviewWatcher.setFuture(QtConcurrent::run([snapshot = shown, aspect]() -> OverviewResult {
        return layoutOverview(buildOverview(snapshot->facts, snapshot->findings), {aspect});
    }));
}

void MapPanel::overviewDone()
{
    if (m_overviewRunning != m_overviewGeneration) {
        relayoutOverview(); // superseded while it ran
        return;
    }
    m_overview->setBusy(false);
    OverviewResult r = m_overviewWatcher.result();
    if (!r) {
        Q_EMIT overviewFinished(false, r.error());
        return;
    }
    const JurisdictionOverview &o = r->overview;
    const QString summary = tr("overview: %1 jurisdictions, %2 pairs across jurisdictions, %3 flows, %4 access entries")
                                .arg(o.nodes.size()).arg(o.edgeCells().size()).arg(o.flows).arg(o.access);
    m_overview->setScene(std::move(m_overviewFor), std::move(*r));
    Q_EMIT overviewFinished(true, summary);
}

void MapPanel::setDocument(Document *document)
{
    connect(document, &Document::snapshotChanged, this, &MapPanel::showSnapshot);
}

void MapPanel::showSnapshot(const std::shared_ptr<const AnalysisSnapshot> &snapshot, SnapshotChange change)
{
    m_snapshot = snapshot;
    // A scenario belongs to the snapshot it was simulated on: the document's next one ends it.
    m_scenario.reset();
    m_overlay = {};
    const bool keepFilters = change != SnapshotChange::Opened;
    if (change == SnapshotChange::Edited) { // the user's view stays: same zoom, filters, expansions
        const auto [jurisdictions, datasets] = choices();
        m_toolBar->setChoices(jurisdictions, datasets, true);
        m_view->keepViewOnNextScene();
        relayout();
        relayoutOverview();
        return;
    }
    m_expanded.clear();
    m_view->fitOnNextScene();
    const auto [jurisdictions, datasets] = choices();
    m_toolBar->setChoices(jurisdictions, datasets, keepFilters);
    if (change == SnapshotChange::Opened) {
        m_toolBar->setMode(MapMode::Overview); // the first view of a document
        m_kept = m_placesSource && snapshot ? m_placesSource(*snapshot) : Places{};
        m_keptIsUsers = !m_kept.isEmpty();
    }
    relayout();
    relayoutOverview();
}

void MapPanel::showScenario(std::shared_ptr<const AnalysisSnapshot> scenario, MapOverlay overlay)
{
    if (!scenario || !m_snapshot)
        return;
    m_scenario = std::move(scenario);
    m_overlay = std::move(overlay);
    m_toolBar->setMode(MapMode::Regions); // the change list is drawn on the region map
    showOther();
}

void MapPanel::clearScenario()
{
    if (!m_scenario)
        return;
    m_scenario.reset();
    m_overlay = {};
    showOther();
}

void MapPanel::showOther()
{
    m_expanded.clear();
    m_view->fitOnNextScene();
    const auto [jurisdictions, datasets] = choices();
    m_toolBar->setChoices(jurisdictions, datasets, true);
    relayout();
    relayoutOverview();
}

std::pair<QStringList, QStringList> MapPanel::choices() const
{
    QStringList jurisdictions, datasets;
    const std::shared_ptr<const AnalysisSnapshot> &shown = shownSnapshot();
    if (!shown)
        return {};
    for (const WorkloadResidency &r : shown->facts.residency) {
        const QString j = r.location.isKnown() ? r.location.jurisdiction : QStringLiteral("unknown");
        if (!jurisdictions.contains(j))
            jurisdictions << j;
    }
    jurisdictions.sort();
    for (const Dataset &d : shown->inventory->datasets)
        datasets << d.id;
    return {jurisdictions, datasets};
}

void MapPanel::clear()
{
    m_watcher.waitForFinished();
    m_overviewWatcher.waitForFinished();
    ++m_generation; // a finished layout still queued must not bring the old picture back
    ++m_overviewGeneration;
    m_overviewFor.reset();
    m_overview->clear();
    m_overview->setBusy(false);
    m_view->setBusy(false);
    m_snapshot.reset();
    m_scenario.reset();
    m_overlay = {};
    m_kept.clear();
    m_keptIsUsers = false;
    m_view->setScene(MapScene{});
}

void MapPanel::relayout()
{
    if (!m_snapshot)
        return;
    const int generation = ++m_generation;
    m_view->setBusy(true);
    if (m_watcher.isRunning())
        return; // the running layout's end starts this one
    m_running = generation;
    MapOptions options = m_toolBar->options();
    options.expanded = m_expanded;
    // The map takes the shape of the view it is shown in (a landscape page before it is shown).
    const double aspect = viewAspect();
    m_layoutAspect = aspect;
    // A scenario or a comparison is drawn on the document's arrangement, and does not change it
    // (a workload it moves would otherwise come back to the wrong place).
    const QString view = mapArrangementKey(options.grouping);
    m_runningView = m_scenario ? QString() : view;
    // Another grouping drawn for the first time starts from the places of the clusters both
    // have (jurisdictions, countries), so the estate's tiles stay where the user saw them.
    if (!m_kept.contains(view) && m_kept.contains(m_lastView) && !m_scenario) {
        MapPositions tiles;
        const MapPositions &before = m_kept[m_lastView];
        for (auto it = before.begin(); it != before.end(); ++it)
            if (it.key().startsWith(u"c:"))
                tiles.insert(it.key(), it.value());
        m_kept.insert(view, tiles);
    }
    m_lastView = view;
    // The snapshot (facts, findings, inventory) stays alive while the layout runs.
    m_watcher.setFuture(QtConcurrent::run([snapshot = shownSnapshot(), overlay = m_overlay, options, aspect, kept = m_kept.value(view)]() -> Result {
        MapGraph graph = buildMap(snapshot->facts, snapshot->findings, options);
        applyOverlay(graph, overlay);
        return layoutMap(std::move(graph), aspect, kept.isEmpty() ? nullptr : &kept);
    }));
}

// What the map shows now is where it stays; what it no longer shows keeps its last place, so a
// filter taken off brings it back there.
void MapPanel::keepPlaces(const MapScene &scene)
{
    MapPositions &kept = m_kept[m_runningView];
    const MapPositions now = positionsOf(scene);
    for (auto it = now.begin(); it != now.end(); ++it)
        kept.insert(it.key(), it.value());
}

void MapPanel::rearrange()
{
    m_kept.remove(mapArrangementKey(m_toolBar->options().grouping));
    m_keptIsUsers = false;
    m_view->fitOnNextScene();
    relayout();
}

void MapPanel::search(const QString &text)
{
    if (text.isEmpty() || !shownSnapshot())
        return;
    const Inventory &inv = *shownSnapshot()->inventory;
    for (const Workload &w : inv.workloads)
        if (w.id == text) {
            if (m_view->selectWorkload(w.id))
                return;
        }
    for (const Workload &w : inv.workloads)
        if (w.id.contains(text, Qt::CaseInsensitive) || w.name.contains(text, Qt::CaseInsensitive))
            if (m_view->selectWorkload(w.id))
                return;
    Q_EMIT searchFailed(text);
}

} // namespace atlas
