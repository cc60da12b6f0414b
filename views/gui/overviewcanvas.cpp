#include "overviewcanvas.h"

#include <QMouseEvent>
#include <QPainter>

namespace atlas {

OverviewCanvasBase::OverviewCanvasBase(QWidget *parent) : QWidget(parent)
{
    setCursor(Qt::PointingHandCursor);
}

void OverviewCanvasBase::fitTo(const QSize &viewport)
{
    m_viewport = viewport;
    updateSize();
}

void OverviewCanvasBase::updateSize()
{
    const QRectF bounds = drawingBounds();
    if (bounds.isEmpty() || m_viewport.isEmpty()) {
        setFixedSize(bounds.size().toSize().expandedTo(QSize(1, 1)));
        update();
        return;
    }
    m_scale = std::clamp(double(m_viewport.width() - 2) / bounds.width(), 0.25, 1.0);
    setFixedSize((bounds.size() * m_scale).toSize() + QSize(1, 1));
    update();
}

QPoint OverviewCanvasBase::widgetPoint(const QPointF &drawing) const
{
    return ((drawing - drawingBounds().topLeft()) * m_scale).toPoint();
}

QPointF OverviewCanvasBase::drawingPoint(const QPoint &widget) const
{
    return QPointF(widget) / m_scale + drawingBounds().topLeft();
}

void OverviewCanvasBase::prepare(QPainter &p) const
{
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    p.scale(m_scale, m_scale);
    p.translate(-drawingBounds().topLeft());
}

void OverviewCanvasBase::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    const int cell = cellAt(drawingPoint(event->position().toPoint()));
    if (cell >= 0 && onCellClicked)
        onCellClicked(cell);
}

void OverviewCanvas::setScene(const OverviewScene *scene, int selectedCell)
{
    const bool same = scene == m_scene;
    m_scene = scene;
    m_selectedCell = selectedCell;
    if (same)
        update();
    else
        updateSize();
}

int OverviewCanvas::edgeOfCell(int cell) const
{
    if (!m_scene)
        return -1;
    const auto it = std::find(m_scene->edgeCells.begin(), m_scene->edgeCells.end(), cell);
    return it == m_scene->edgeCells.end() ? -1 : int(it - m_scene->edgeCells.begin());
}

QRectF OverviewCanvas::drawingBounds() const
{
    return m_scene ? m_scene->bounds : QRectF();
}

// An edge (its label or line) is its pair; a jurisdiction's box is what stays inside it.
int OverviewCanvas::cellAt(const QPointF &drawing) const
{
    if (!m_scene)
        return -1;
    if (const int edge = m_scene->edgeAt(drawing); edge >= 0)
        return m_scene->edgeCells[std::size_t(edge)];
    if (const int node = m_scene->nodeAt(drawing); node >= 0) {
        const OverviewCell *inside = m_scene->overview.cell(node, node);
        return inside ? int(inside - m_scene->overview.cells.data()) : -1;
    }
    return -1;
}

void OverviewCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const MapPalette palette = MapPalette::forWindow(this->palette().color(QPalette::Window));
    p.fillRect(rect(), palette.background);
    if (!m_scene)
        return;
    prepare(p);
    overviewpaint::paintScene(p, *m_scene, palette, edgeOfCell(m_selectedCell));
}

void MatrixCanvas::setOverview(const JurisdictionOverview *overview, int selectedCell)
{
    const bool same = overview == m_overview;
    m_overview = overview;
    m_selectedCell = selectedCell;
    if (same) {
        update();
        return;
    }
    m_layout = overview ? layoutMatrix(*overview) : MatrixLayout{};
    updateSize();
}

QRectF MatrixCanvas::drawingBounds() const
{
    return m_overview ? m_layout.total : QRectF();
}

int MatrixCanvas::cellAt(const QPointF &drawing) const
{
    return m_overview ? m_layout.cellAt(*m_overview, drawing) : -1;
}

void MatrixCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const MapPalette palette = MapPalette::forWindow(this->palette().color(QPalette::Window));
    p.fillRect(rect(), palette.background);
    if (!m_overview)
        return;
    prepare(p);
    paintMatrix(p, *m_overview, m_layout, palette, m_selectedCell);
}

} // namespace atlas
