#include "overviewpanel.h"

#include "analysis.h"
#include "overviewcanvas.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

namespace atlas {

namespace {

// Items of each kind (flows, access entries, findings) listed for one pair at most: a pair of
// 10^5 flows is read on the region map, not here.
constexpr int kMaxListed = 500;

// A scroll area that fits its canvas to its width whenever it is resized.
class FitArea final : public QScrollArea
{
public:
    FitArea(OverviewCanvasBase *canvas, QWidget *parent) : QScrollArea(parent), m_canvas(canvas)
    {
        setWidget(canvas);
        setWidgetResizable(false);
        setAlignment(Qt::AlignLeft | Qt::AlignTop);
        setFrameShape(QFrame::NoFrame);
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QScrollArea::resizeEvent(event);
        m_canvas->fitTo(viewport()->size());
    }

private:
    OverviewCanvasBase *m_canvas;
};

QString severityWord(const Finding &f)
{
    return ruleSeverityName(f.severity) + (f.countsAsOpen() ? QString() : QStringLiteral(", waived"));
}

} // namespace

OverviewPanel::OverviewPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("overviewPanel"));
    m_graph = new OverviewCanvas(this);
    m_graph->setObjectName(QStringLiteral("overviewGraph"));
    m_matrix = new MatrixCanvas(this);
    m_matrix->setObjectName(QStringLiteral("overviewMatrix"));
    // The graph takes the full width on top (laid out to its viewport's shape); the matrix and
    // the selected pair's details sit side by side below it.
    auto *below = new QSplitter(Qt::Horizontal, this);
    below->addWidget(new FitArea(m_matrix, below));
    auto *pair = new QWidget(below);
    auto *pairLayout = new QVBoxLayout(pair);
    pairLayout->setContentsMargins(6, 4, 6, 4);
    auto *header = new QHBoxLayout;
    m_title = new QLabel(tr("Click an edge of the overview or a cell of the matrix to list its flows and findings."), pair);
    m_title->setWordWrap(true);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy = new QLabel(tr("Laying out…"), pair);
    m_busy->hide();
    m_showOnMap = new QPushButton(tr("Show on region map"), pair);
    m_showOnMap->setToolTip(tr("The region map with the jurisdiction filter set to this pair and only cross-border flows"));
    m_showOnMap->setEnabled(false);
    header->addWidget(m_title, 1);
    header->addWidget(m_busy);
    pairLayout->addLayout(header);
    pairLayout->addWidget(m_showOnMap, 0, Qt::AlignLeft);
    m_details = new QListWidget(pair);
    m_details->setObjectName(QStringLiteral("overviewDetails"));
    m_details->setUniformItemSizes(true);
    pairLayout->addWidget(m_details, 1);
    below->addWidget(pair);
    below->setSizes({560, 440});

    auto *split = new QSplitter(Qt::Vertical, this);
    m_graphArea = new FitArea(m_graph, split);
    split->addWidget(m_graphArea);
    split->addWidget(below);
    split->setSizes({520, 480});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    m_graph->onCellClicked = [this](int cell) { selectCell(cell); };
    m_matrix->onCellClicked = [this](int cell) { selectCell(cell); };
    connect(m_showOnMap, &QPushButton::clicked, this, [this] {
        if (m_selected < 0 || !m_scene)
            return;
        const OverviewCell &c = m_scene->overview.cells[std::size_t(m_selected)];
        Q_EMIT showOnRegionMap(m_scene->overview.nodes[std::size_t(c.origin)].id, m_scene->overview.nodes[std::size_t(c.destination)].id);
    });
}

double OverviewPanel::graphAspect() const
{
    const QSize viewport = m_graphArea->viewport()->size();
    return viewport.width() > 100 && viewport.height() > 100 ? double(viewport.width()) / viewport.height() : kDefaultOverviewAspect;
}

QWidget *OverviewPanel::graphViewport() const
{
    return m_graphArea->viewport();
}

void OverviewPanel::setScene(std::shared_ptr<const AnalysisSnapshot> snapshot, OverviewScene scene)
{
    // The pair selected before stays selected when it is still there (an edit, a reload).
    QString origin, destination;
    if (m_scene && m_selected >= 0) {
        const OverviewCell &c = m_scene->overview.cells[std::size_t(m_selected)];
        origin = m_scene->overview.nodes[std::size_t(c.origin)].id;
        destination = m_scene->overview.nodes[std::size_t(c.destination)].id;
    }
    m_graph->setScene(nullptr, -1);
    m_matrix->setOverview(nullptr, -1);
    m_snapshot = std::move(snapshot);
    m_scene = std::make_unique<OverviewScene>(std::move(scene));
    m_selected = -1;
    m_graph->setScene(m_scene.get(), -1);
    m_matrix->setOverview(&m_scene->overview, -1);
    if (!origin.isEmpty() && selectPair(origin, destination))
        return;
    fillDetails();
}

void OverviewPanel::clear()
{
    m_graph->setScene(nullptr, -1);
    m_matrix->setOverview(nullptr, -1);
    m_scene.reset();
    m_snapshot.reset();
    m_selected = -1;
    fillDetails();
}

void OverviewPanel::setBusy(bool busy)
{
    m_busy->setVisible(busy);
}

const OverviewScene &OverviewPanel::scene() const
{
    static const OverviewScene empty;
    return m_scene ? *m_scene : empty;
}

bool OverviewPanel::hasScene() const
{
    return m_scene != nullptr;
}

bool OverviewPanel::selectPair(const QString &origin, const QString &destination)
{
    if (!m_scene)
        return false;
    const JurisdictionOverview &o = m_scene->overview;
    const OverviewCell *cell = o.cell(o.nodeIndex(origin), o.nodeIndex(destination));
    if (!cell)
        return false;
    selectCell(int(cell - o.cells.data()));
    return true;
}

void OverviewPanel::selectCell(int cell)
{
    if (!m_scene || cell < 0 || std::size_t(cell) >= m_scene->overview.cells.size())
        return;
    m_selected = cell;
    m_graph->setScene(m_scene.get(), cell);
    m_matrix->setOverview(&m_scene->overview, cell);
    fillDetails();
    Q_EMIT cellSelected(cell);
}

// The pair's flows (from → to), access entries and findings (severity, rule, title, subject).
void OverviewPanel::fillDetails()
{
    m_details->clear();
    m_showOnMap->setEnabled(m_selected >= 0);
    if (!m_scene || m_selected < 0 || !m_snapshot) {
        m_title->setText(tr("Click an edge of the overview or a cell of the matrix to list its flows and findings."));
        return;
    }
    const JurisdictionOverview &o = m_scene->overview;
    const OverviewCell &c = o.cells[std::size_t(m_selected)];
    const QString from = o.nodes[std::size_t(c.origin)].id, to = o.nodes[std::size_t(c.destination)].id;
    m_title->setText((c.crossesJurisdiction() ? from + QStringLiteral(" → ") + to : tr("Inside %1").arg(from)) + QStringLiteral(": ") + cellSummary(c));
    const Inventory &inv = *m_snapshot->inventory;
    // One pass over the inventory finds the ends of the listed flows.
    QHash<QString, qsizetype> listed;
    for (qsizetype i = 0; i < c.flowIds.size() && i < kMaxListed; ++i)
        listed.insert(c.flowIds[i], i);
    QStringList lines(listed.size());
    for (const Flow &f : inv.flows)
        if (const auto it = listed.constFind(f.id); it != listed.cend())
            lines[*it] = tr("Flow %1: %2 → %3").arg(f.id, f.from, f.to);
    for (qsizetype i = 0; i < c.accessIds.size() && i < kMaxListed; ++i)
        lines << tr("Access %1").arg(c.accessIds[i]);
    QSet<FindingKey> keys;
    for (std::size_t i = 0; i < c.findings.size() && i < std::size_t(kMaxListed); ++i)
        keys.insert(c.findings[i]);
    for (const Finding &f : m_snapshot->findings)
        if (keys.contains(findingKey(f)))
            lines << tr("Finding %1 (%2): %3 — %4 %5").arg(f.rule, severityWord(f), f.title, subjectKindName(f.subjectKind), f.subjectId);
    const qsizetype total = c.flowIds.size() + c.accessIds.size() + qsizetype(c.findings.size());
    if (total > lines.size())
        lines << tr("… and %1 more: show the pair on the region map").arg(total - lines.size());
    m_details->addItems(lines);
}

} // namespace atlas
