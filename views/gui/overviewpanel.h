// The map tab's first view (issue 18): the jurisdiction overview graph with its matrix beside
// it, both painted by the same functions as the headless export (overviewmap.h,
// overviewmatrix.h), and below them what the selected pair holds — its flows, access entries
// and findings — with "Show on region map", which asks the map panel to drill into the pair.
#pragma once

#include "overviewmap.h"

#include <QWidget>

#include <memory>

class QLabel;
class QListWidget;
class QPushButton;
class QScrollArea;

namespace atlas {

struct AnalysisSnapshot;
class OverviewCanvas;
class MatrixCanvas;

class OverviewPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPanel(QWidget *parent = nullptr);

    // What is shown: the overview of `snapshot` (kept alive for the details' lookups).
    void setScene(std::shared_ptr<const AnalysisSnapshot> snapshot, OverviewScene scene);
    void clear();
    void setBusy(bool busy);
    const OverviewScene &scene() const;
    bool hasScene() const;
    // The width / height of the graph's viewport, for layoutOverview(); kDefaultOverviewAspect
    // while it is too small to say (not shown yet).
    double graphAspect() const;
    QWidget *graphViewport() const; // watched for its shape (MapPanel lays the graph out again)

    // Selects the pair of jurisdiction ids (graph edge or matrix cell); false when no flow or
    // access entry goes from `origin` to `destination`.
    bool selectPair(const QString &origin, const QString &destination);
    void selectCell(int cell);
    int selectedCell() const { return m_selected; }

    QListWidget *details() const { return m_details; }
    QPushButton *showOnMapButton() const { return m_showOnMap; }
    OverviewCanvas *graphCanvas() const { return m_graph; }
    MatrixCanvas *matrixCanvas() const { return m_matrix; }

Q_SIGNALS:
    void cellSelected(int cell);
    void showOnRegionMap(const QString &origin, const QString &destination);

private:
    void fillDetails();

    OverviewCanvas *m_graph;
    QScrollArea *m_graphArea;
    MatrixCanvas *m_matrix;
    QLabel *m_title;
    QLabel *m_busy;
    QListWidget *m_details;
    QPushButton *m_showOnMap;
    std::shared_ptr<const AnalysisSnapshot> m_snapshot;
    std::unique_ptr<OverviewScene> m_scene;
    int m_selected = -1;
};

} // namespace atlas
