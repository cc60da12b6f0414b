// The interactive residency map: a QGraphicsView whose items (clusters, flows, workloads, the
// legend) paint themselves with the same mappaint functions as the headless export. Wheel and keys
// zoom, dragging pans, F fits; hovering shows residency facts; clicking selects (signals tell
// the window), double-clicking a collapsed cluster asks to expand it. A right click asks the
// window for the menu of what is under it; dragging from one workload to another with Shift (or
// Alt) held asks for a new flow between them.
#pragma once

#include "mappainter.h"

#include <QGraphicsView>
#include <QHash>

class QGraphicsLineItem;
class QLabel;
class QTimer;

namespace atlas {

class MapView final : public QGraphicsView
{
    Q_OBJECT
public:
    explicit MapView(QWidget *parent = nullptr);
    ~MapView() override;

    void setScene(MapScene scene); // replaces what is shown; keeps the zoom when asked to
    void setBusy(bool busy);
    // The next scene is the same map after an edit: keep the zoom and position the user chose.
    void keepViewOnNextScene() { m_keepView = true; }
    // The next scene is fitted to the view as a first one is (the map was packed to a new shape).
    void fitOnNextScene() { m_firstScene = true; }
    const MapScene &mapScene() const { return m_scene; }

    // Select and centre; false when the subject is not on the map (filtered or collapsed).
    bool selectWorkload(const QString &id);
    bool selectFlow(const QString &id);
    void clearMapSelection();
    void fit();
    void fitWidth();
    void zoomBy(double factor);
    int visibleNodeCount() const { return int(m_scene.graph.nodes.size()); }
    int fadedNodeCount() const;
    QStringList selectedIds() const; // workload ids or cluster keys of selected nodes
    // How strongly a workload or a flow is drawn now (1 in the emphasis, less when it steps back).
    qreal emphasisOfWorkload(const QString &id) const;
    qreal emphasisOfFlow(const QString &id) const;
    // Whether flows are antialiased now. Antialiasing long, wide strokes costs ~20× more:
    // while the user pans or zooms a map of 600+ flows they are drawn without it, and the
    // full-quality picture follows once the view is still; a map of 1,500+ flows (which only
    // expanding or raising the collapse threshold produces) stays without it, so that a
    // redraw never blocks the window for seconds. Exports are always antialiased.
    bool antialiasFlows() const;

Q_SIGNALS:
    void workloadSelected(const QString &id);
    void flowsSelected(const QStringList &flows);
    void expandRequested(const QString &clusterKey);
    // A right click on a workload or an edge (the flows it draws), already selected.
    void workloadMenuRequested(const QString &id, const QPoint &globalPos);
    void flowsMenuRequested(const QStringList &flows, const QPoint &globalPos);
    // A workload dragged onto another with Shift or Alt held.
    void flowDragged(const QString &from, const QString &to);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void rebuildItems();
    bool selectItem(QGraphicsItem *item);
    // Emphasis on a node (and its flows) or an edge; both -1 and not hovering: the selection's.
    void emphasise(int node, int edge, bool hovering);
    void emitSelection();

    MapScene m_scene;
    MapPalette m_palette = MapPalette::light();
    QGraphicsScene *m_graphics;
    QHash<QString, QGraphicsItem *> m_nodeItems;   // by node id
    QHash<QString, QGraphicsItem *> m_flowItems;   // by flow id (merged edges share an item)
    std::vector<QGraphicsItem *> m_edgeItems;      // by edge index in the scene's graph
    std::vector<QGraphicsItem *> m_nodeByIndex;    // by node index
    void startMoving();
    QString workloadAt(const QPoint &viewPos) const; // a workload's id; empty elsewhere
    void endLink();

    QLabel *m_busy;
    QTimer *m_settle;
    bool m_moving = false;
    bool m_keepView = false;
    bool m_firstScene = true;
    bool m_fitWhenShown = false;           // the first scene came while the view was hidden
    QString m_linkFrom;                    // while a flow is dragged: where it starts
    QGraphicsLineItem *m_link = nullptr;   // and the line that follows the pointer
};

} // namespace atlas
