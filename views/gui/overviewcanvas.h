// The two painted widgets of the overview tab: the jurisdiction graph and the matrix. Each
// paints at a scale that fits its viewport's width (never above 1:1, never below 25 %) and turns
// a click into the overview cell under it (-1 for none).
#pragma once

#include "overviewmap.h"
#include "overviewmatrix.h"

#include <QWidget>

#include <functional>

namespace atlas {

class OverviewCanvasBase : public QWidget
{
public:
    explicit OverviewCanvasBase(QWidget *parent = nullptr);
    std::function<void(int cell)> onCellClicked;
    // Fits the drawing to `viewport` (a scroll area's), keeping its proportions.
    void fitTo(const QSize &viewport);
    double scale() const { return m_scale; }
    // Where a point of the drawing is in the widget (for tests and tool tips).
    QPoint widgetPoint(const QPointF &drawing) const;
    QPointF drawingPoint(const QPoint &widget) const;

protected:
    virtual QRectF drawingBounds() const = 0;
    virtual int cellAt(const QPointF &drawing) const = 0;
    void mousePressEvent(QMouseEvent *event) override;
    void updateSize();
    // The painter at drawing coordinates.
    void prepare(QPainter &p) const;

private:
    double m_scale = 1;
    QSize m_viewport;
};

class OverviewCanvas final : public OverviewCanvasBase
{
public:
    using OverviewCanvasBase::OverviewCanvasBase;
    void setScene(const OverviewScene *scene, int selectedCell);
    // The drawn edge of `cell`, -1 when it has none (inside one jurisdiction).
    int edgeOfCell(int cell) const;
    const OverviewScene *scene() const { return m_scene; }

protected:
    QRectF drawingBounds() const override;
    int cellAt(const QPointF &drawing) const override;
    void paintEvent(QPaintEvent *event) override;

private:
    const OverviewScene *m_scene = nullptr;
    int m_selectedCell = -1;
};

class MatrixCanvas final : public OverviewCanvasBase
{
public:
    using OverviewCanvasBase::OverviewCanvasBase;
    void setOverview(const JurisdictionOverview *overview, int selectedCell);
    const MatrixLayout &layout() const { return m_layout; }

protected:
    QRectF drawingBounds() const override;
    int cellAt(const QPointF &drawing) const override;
    void paintEvent(QPaintEvent *event) override;

private:
    const JurisdictionOverview *m_overview = nullptr;
    MatrixLayout m_layout;
    int m_selectedCell = -1;
};

} // namespace atlas
