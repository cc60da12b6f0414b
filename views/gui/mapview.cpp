#include "mapview.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QGraphicsItem>
#include <QGraphicsSceneHoverEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QPainterPathStroker>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QTimer>
#include <QWheelEvent>

#include <cmath>
#include <functional>

namespace atlas {

namespace {

enum ItemKind { ClusterKind = QGraphicsItem::UserType + 1, NodeKind, EdgeKind, LegendKind };

class ClusterItem final : public QGraphicsItem
{
public:
    ClusterItem(const MapCluster &c, const QRectF &r, const MapPalette *palette) : m_cluster(c), m_rect(r), m_palette(palette)
    {
        setZValue(0);
        setToolTip(c.label);
    }
    int type() const override { return ClusterKind; }
    QRectF boundingRect() const override { return m_rect.adjusted(-2, -2, 2, 2); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        mappaint::paintCluster(*p, m_cluster, m_rect, *m_palette);
    }

private:
    MapCluster m_cluster;
    QRectF m_rect;
    const MapPalette *m_palette;
};

class ClusterLabelItem final : public QGraphicsItem
{
public:
    ClusterLabelItem(const MapCluster &c, const QRectF &r, const MapPalette *palette)
        : m_cluster(c), m_rect(r), m_label(mappaint::clusterLabelRect(c, r)), m_palette(palette)
    {
        setZValue(2.5); // over the flows, under the nodes
    }
    int type() const override { return ClusterKind; }
    QRectF boundingRect() const override { return m_label.adjusted(-1, -1, 1, 1); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        mappaint::paintClusterLabel(*p, m_cluster, m_rect, *m_palette);
    }

private:
    MapCluster m_cluster;
    QRectF m_rect;
    QRectF m_label;
    const MapPalette *m_palette;
};

class NodeItem final : public QGraphicsItem
{
public:
    using Hover = std::function<void(const NodeItem *, bool)>;
    NodeItem(const MapNode &n, const QRectF &r, const MapPalette *palette, Hover hover)
        : m_node(n), m_rect(r), m_palette(palette), m_hover(std::move(hover))
    {
        setZValue(n.faded ? 1.5 : 3);
        setFlag(ItemIsSelectable);
        setAcceptHoverEvents(true);
        setCursor(Qt::PointingHandCursor);
        setToolTip(n.collapsed ? n.title + QStringLiteral("\n") + n.subtitle + QStringLiteral("\nopen findings inside: %1").arg(n.findings)
                               : n.tooltip);
        setData(0, n.id);
        setData(1, n.collapsed);
        setCacheMode(DeviceCoordinateCache); // small and static: paint once per zoom level
    }
    int type() const override { return NodeKind; }
    QRectF boundingRect() const override { return m_rect.adjusted(-4, -12, 14, 6); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        mappaint::paintNode(*p, m_node, m_rect, *m_palette, isSelected());
    }
    const MapNode &node() const { return m_node; }
    const QRectF &rect() const { return m_rect; }

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *) override { m_hover(this, true); }
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *) override { m_hover(this, false); }

private:
    MapNode m_node;
    QRectF m_rect;
    const MapPalette *m_palette;
    Hover m_hover;
};

class EdgeItem final : public QGraphicsItem
{
public:
    EdgeItem(const MapEdge &e, const QPainterPath &path, const QPointF &tip, const QPointF &labelAt, const MapPalette *palette)
        : m_edge(e), m_geometry(EdgeGeometry::fromPath(path, tip, labelAt)), m_palette(palette)
    {
        setZValue(e.faded ? 1 : 2);
        setFlag(ItemIsSelectable);
        setFlag(ItemUsesExtendedStyleOption); // exposedRect: paint only the strip that changed
        setAcceptHoverEvents(true);
        setToolTip(e.tooltip);
        QPainterPathStroker stroker;
        stroker.setWidth(10);
        m_shape = stroker.createStroke(path);
        if (!std::isnan(tip.x()))
            m_shape.addEllipse(tip, 8, 8);
        m_bounds = m_shape.boundingRect();
        const QSizeF label = mappaint::edgeLabelSize(mappaint::edgeLabel(e));
        if (!label.isEmpty()) // where the layout put the label, which may be off the line's box
            m_bounds |= QRectF(m_geometry.middle - QPointF(label.width() / 2 + 2, label.height() / 2 + 2), label + QSizeF(4, 4));
    }
    int type() const override { return EdgeKind; }
    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override { return m_shape; }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *option, QWidget *widget) override
    {
        const auto *view = widget ? qobject_cast<const MapView *>(widget->parentWidget()) : nullptr;
        mappaint::paintEdge(*p, m_edge, m_geometry, *m_palette, isSelected(), option->exposedRect,
                              !view || view->antialiasFlows());
    }
    const MapEdge &edge() const { return m_edge; }

private:
    MapEdge m_edge;
    EdgeGeometry m_geometry;
    QPainterPath m_shape;
    QRectF m_bounds;
    const MapPalette *m_palette;
};

// A bundle's count, on the point its flows share (over the lines, under the cards).
class BundleItem final : public QGraphicsItem
{
public:
    BundleItem(mappaint::BundleLook look, const MapPalette *palette) : m_look(std::move(look)), m_palette(palette)
    {
        setZValue(2.7); // over the flows and their labels, under the cards
        setToolTip(m_look.tooltip);
    }
    QRectF boundingRect() const override { return m_look.rect.adjusted(-2, -2, 2, 2); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        mappaint::paintBundleLabel(*p, m_look, *m_palette);
    }

private:
    mappaint::BundleLook m_look;
    const MapPalette *m_palette;
};

class LegendItem final : public QGraphicsItem
{
public:
    LegendItem(const QPointF &origin, const MapPalette *palette, bool overlay)
        : m_origin(origin), m_palette(palette), m_overlay(overlay)
    {
        setZValue(4);
    }
    int type() const override { return LegendKind; }
    QRectF boundingRect() const override { return QRectF(m_origin, mappaint::legendSize(m_overlay)).adjusted(-1, -1, 1, 1); }
    void paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        mappaint::paintLegend(*p, m_origin, *m_palette, m_overlay);
    }

private:
    QPointF m_origin;
    const MapPalette *m_palette;
    bool m_overlay;
};

} // namespace

MapView::MapView(QWidget *parent) : QGraphicsView(parent), m_graphics(new QGraphicsScene(this))
{
    QGraphicsView::setScene(m_graphics);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState);
    setFocusPolicy(Qt::StrongFocus);
    m_busy = new QLabel(tr("Laying out the map…"), this);
    m_busy->setAutoFillBackground(true);
    m_busy->setMargin(8);
    m_busy->hide();
    m_palette = MapPalette::forWindow(palette().color(QPalette::Window));
    connect(m_graphics, &QGraphicsScene::selectionChanged, this, &MapView::emitSelection);
    m_settle = new QTimer(this);
    m_settle->setSingleShot(true);
    m_settle->setInterval(180);
    connect(m_settle, &QTimer::timeout, this, [this] {
        m_moving = false;
        viewport()->update(); // the full-quality picture
    });
}

bool MapView::antialiasFlows() const
{
    return !m_moving && m_scene.graph.edges.size() < 1500;
}

void MapView::startMoving()
{
    // Small maps are cheap enough to stay antialiased while moving.
    if (m_scene.graph.edges.size() < 600)
        return;
    m_moving = true;
    m_settle->start();
}

void MapView::scrollContentsBy(int dx, int dy)
{
    startMoving();
    QGraphicsView::scrollContentsBy(dx, dy);
}

void MapView::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    m_busy->adjustSize();
    m_busy->move(12, 12);
    m_busy->raise();
}

int MapView::fadedNodeCount() const
{
    return int(std::count_if(m_scene.graph.nodes.begin(), m_scene.graph.nodes.end(), [](const MapNode &n) { return n.faded; }));
}

void MapView::setScene(MapScene scene)
{
    m_scene = std::move(scene);
    const QTransform view = transform();
    const QPointF centre = mapToScene(viewport()->rect().center());
    rebuildItems();
    if (!m_firstScene)
        m_fitWhenShown = false; // the user's view, or a focus, decides from now on
    if (std::exchange(m_keepView, false)) {
        setTransform(view);
        centerOn(centre);
    } else if (!m_scene.graph.focusDataset.isEmpty()) {
        // Lineage focus: show the path the dataset travels, not the whole estate.
        QRectF focus;
        for (std::size_t n = 0; n < m_scene.graph.nodes.size() && n < m_scene.layout.nodes.size(); ++n)
            if (!m_scene.graph.nodes[n].faded)
                focus = focus.united(m_scene.layout.nodes[n]);
        if (!focus.isEmpty()) {
            fitInView(focus.adjusted(-60, -60, 60, 60), Qt::KeepAspectRatio);
            if (transform().m11() > 1.0)
                setTransform(QTransform());
            centerOn(focus.center());
        }
    } else if (m_firstScene) {
        // Hidden (behind the overview), the view has no size yet: fit once it is shown.
        m_fitWhenShown = !isVisible();
        fitWidth();
    }
    m_firstScene = false;
}

void MapView::rebuildItems()
{
    const QSignalBlocker block(m_graphics);
    m_link = nullptr; // a flow being dragged ends with the items it was drawn between
    m_linkFrom.clear();
    m_graphics->clear();
    m_nodeItems.clear();
    m_flowItems.clear();
    m_graphics->setBackgroundBrush(m_palette.background);
    m_graphics->setSceneRect(m_scene.bounds);
    const MapGraph &g = m_scene.graph;
    const LayoutResult &l = m_scene.layout;
    for (std::size_t c = 0; c < g.clusters.size() && c < l.clusters.size(); ++c) {
        m_graphics->addItem(new ClusterItem(g.clusters[c], l.clusters[c], &m_palette));
        m_graphics->addItem(new ClusterLabelItem(g.clusters[c], l.clusters[c], &m_palette));
    }
    m_edgeItems.clear();
    m_nodeByIndex.clear();
    for (std::size_t e = 0; e < g.edges.size() && e < l.edges.size(); ++e) {
        auto *item = new EdgeItem(g.edges[e], l.edges[e], l.arrowTips[e], l.edgeLabels[e], &m_palette);
        item->setData(2, int(e));
        m_graphics->addItem(item);
        m_edgeItems.push_back(item);
        for (const QString &flow : g.edges[e].flows)
            m_flowItems.insert(flow, item);
    }
    for (const LayoutBundle &b : l.bundles)
        m_graphics->addItem(new BundleItem(mappaint::bundleLook(g, b), &m_palette));
    const auto hover = [this](const NodeItem *item, bool entered) {
        emphasise(entered ? item->data(2).toInt() : -1, -1, entered);
    };
    for (std::size_t n = 0; n < g.nodes.size() && n < l.nodes.size(); ++n) {
        auto *item = new NodeItem(g.nodes[n], l.nodes[n], &m_palette, hover);
        item->setData(2, int(n));
        m_graphics->addItem(item);
        m_nodeItems.insert(g.nodes[n].id, item);
        m_nodeByIndex.push_back(item);
    }
    if (!g.nodes.empty())
        m_graphics->addItem(new LegendItem(m_scene.legend.topLeft(), &m_palette, g.overlay));
}

bool MapView::selectWorkload(const QString &id)
{
    return selectItem(m_nodeItems.value(id));
}

bool MapView::selectFlow(const QString &id)
{
    return selectItem(m_flowItems.value(id));
}

bool MapView::selectItem(QGraphicsItem *item)
{
    if (!item)
        return false;
    {
        const QSignalBlocker block(m_graphics);
        m_graphics->clearSelection();
        item->setSelected(true);
    }
    emphasise(-1, -1, false);
    centerOn(item);
    return true;
}

void MapView::clearMapSelection()
{
    {
        const QSignalBlocker block(m_graphics);
        m_graphics->clearSelection();
    }
    emphasise(-1, -1, false);
}

QStringList MapView::selectedIds() const
{
    QStringList ids;
    for (QGraphicsItem *item : m_graphics->selectedItems())
        if (item->type() == NodeKind)
            ids << item->data(0).toString();
    return ids;
}

// What the user points at stands out and the rest steps back: a selected flow with its two
// workloads, a selected or hovered workload with its flows and the workloads at their ends.
// Hovering shows a workload's flows for as long as the pointer stays; then the selection's
// emphasis comes back (none: everything at full strength).
void MapView::emphasise(int node, int edge, bool hovering)
{
    if (!hovering && node < 0 && edge < 0) {
        const QList<QGraphicsItem *> selected = m_graphics->selectedItems();
        if (!selected.isEmpty() && selected.front()->type() == NodeKind)
            node = selected.front()->data(2).toInt();
        else if (!selected.isEmpty() && selected.front()->type() == EdgeKind)
            edge = selected.front()->data(2).toInt();
    }
    const auto &edges = m_scene.graph.edges;
    std::vector<bool> nodeOn(m_nodeByIndex.size(), node < 0 && edge < 0), edgeOn(m_edgeItems.size(), node < 0 && edge < 0);
    if (node >= 0 && std::size_t(node) < nodeOn.size())
        nodeOn[std::size_t(node)] = true;
    for (std::size_t e = 0; e < edgeOn.size(); ++e)
        if (int(e) == edge || edges[e].from == node || edges[e].to == node) {
            edgeOn[e] = true;
            nodeOn[std::size_t(edges[e].from)] = nodeOn[std::size_t(edges[e].to)] = true;
        }
    for (std::size_t n = 0; n < m_nodeByIndex.size(); ++n)
        m_nodeByIndex[n]->setOpacity(nodeOn[n] ? 1.0 : 0.3);
    for (std::size_t e = 0; e < m_edgeItems.size(); ++e)
        m_edgeItems[e]->setOpacity(edgeOn[e] ? 1.0 : 0.12);
}

qreal MapView::emphasisOfWorkload(const QString &id) const
{
    const QGraphicsItem *item = m_nodeItems.value(id);
    return item ? item->opacity() : 0;
}

qreal MapView::emphasisOfFlow(const QString &id) const
{
    const QGraphicsItem *item = m_flowItems.value(id);
    return item ? item->opacity() : 0;
}

void MapView::emitSelection()
{
    emphasise(-1, -1, false);
    const QList<QGraphicsItem *> selected = m_graphics->selectedItems();
    if (selected.isEmpty())
        return;
    QGraphicsItem *item = selected.front();
    if (item->type() == NodeKind && !item->data(1).toBool())
        Q_EMIT workloadSelected(item->data(0).toString());
    else if (item->type() == EdgeKind)
        Q_EMIT flowsSelected(static_cast<EdgeItem *>(item)->edge().flows);
}

void MapView::fit()
{
    m_fitWhenShown = false;
    if (m_scene.bounds.isEmpty())
        return;
    fitInView(m_scene.bounds, Qt::KeepAspectRatio);
    // Never enlarge past 1:1 on fit: small maps stay crisp and readable.
    if (transform().m11() > 1.0)
        setTransform(QTransform());
}

void MapView::fitWidth()
{
    // A first view that can be read: the map's width fills the view, from the top. Tall maps
    // are then scrolled, not shrunk into illegibility.
    if (m_scene.bounds.isEmpty() || viewport()->width() <= 0)
        return;
    const double scale = std::min(1.0, (viewport()->width() - 4) / m_scene.bounds.width());
    setTransform(QTransform::fromScale(scale, scale));
    centerOn(m_scene.bounds.center().x(), m_scene.bounds.top() + viewport()->height() / (2 * scale));
}

void MapView::zoomBy(double factor)
{
    m_fitWhenShown = false;
    const double current = transform().m11();
    const double target = std::clamp(current * factor, 0.02, 4.0);
    scale(target / current, target / current);
}

void MapView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    startMoving();
    zoomBy(std::pow(1.18, steps));
    event->accept();
}

void MapView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(1.25); return;
    case Qt::Key_Minus: zoomBy(1 / 1.25); return;
    case Qt::Key_F:
    case Qt::Key_0: fit(); return;
    case Qt::Key_Escape:
        endLink();
        clearMapSelection();
        return;
    default: break;
    }
    QGraphicsView::keyPressEvent(event);
}

void MapView::mouseDoubleClickEvent(QMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->position().toPoint()))
        if (item->type() == NodeKind && item->data(1).toBool()) {
            Q_EMIT expandRequested(item->data(0).toString());
            return;
        }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void MapView::contextMenuEvent(QContextMenuEvent *event)
{
    for (QGraphicsItem *item : items(event->pos())) {
        if (item->type() == NodeKind) {
            if (item->data(1).toBool())
                break; // a collapsed cluster is no entity
            m_graphics->clearSelection(); // selected as a click would: the window follows
            item->setSelected(true);
            Q_EMIT workloadMenuRequested(item->data(0).toString(), event->globalPos());
            return;
        }
        if (item->type() == EdgeKind) {
            m_graphics->clearSelection();
            item->setSelected(true);
            Q_EMIT flowsMenuRequested(static_cast<EdgeItem *>(item)->edge().flows, event->globalPos());
            return;
        }
    }
    QGraphicsView::contextMenuEvent(event);
}

QString MapView::workloadAt(const QPoint &viewPos) const
{
    for (QGraphicsItem *item : items(viewPos))
        if (item->type() == NodeKind)
            return item->data(1).toBool() ? QString() : item->data(0).toString();
    return {};
}

// Shift (or Alt) and drag from a workload: a new flow. Without them a press pans or selects as
// before; a press on the background never starts a flow.
void MapView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && (event->modifiers() & (Qt::ShiftModifier | Qt::AltModifier))) {
        const QString from = workloadAt(event->position().toPoint());
        if (const auto *node = static_cast<const NodeItem *>(m_nodeItems.value(from)); node && !from.isEmpty()) {
            m_linkFrom = from;
            QPen pen(m_palette.text, 2, Qt::DashLine);
            pen.setCosmetic(true);
            m_link = m_graphics->addLine(QLineF(node->rect().center(), mapToScene(event->position().toPoint())), pen);
            m_link->setZValue(5);
            event->accept();
            return;
        }
    }
    QGraphicsView::mousePressEvent(event);
}

void MapView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_link) {
        QLineF line = m_link->line();
        line.setP2(mapToScene(event->position().toPoint()));
        m_link->setLine(line);
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void MapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_link) {
        const QString from = m_linkFrom;
        endLink();
        const QString to = workloadAt(event->position().toPoint());
        event->accept();
        if (!to.isEmpty() && to != from)
            Q_EMIT flowDragged(from, to);
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void MapView::endLink()
{
    delete m_link;
    m_link = nullptr;
    m_linkFrom.clear();
}

void MapView::changeEvent(QEvent *event)
{
    // Follow the platform palette (Qt 6.4 has no colour-scheme API): light or dark map.
    if (event->type() == QEvent::PaletteChange) {
        m_palette = MapPalette::forWindow(palette().color(QPalette::Window));
        rebuildItems();
    }
    QGraphicsView::changeEvent(event);
}

void MapView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_busy->isVisible())
        m_busy->move(12, 12);
    if (m_fitWhenShown && isVisible()) {
        m_fitWhenShown = false;
        fitWidth();
    }
}

MapView::~MapView()
{
    // The scene is a child and goes after this destructor's body: its items' selection changes
    // must not reach a view that is half destroyed.
    disconnect(m_graphics, nullptr, this, nullptr);
}

} // namespace atlas
