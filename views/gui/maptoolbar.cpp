#include "maptoolbar.h"

#include <QActionGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QToolBar>
#include <QVBoxLayout>

namespace atlas {

MapToolBar::MapToolBar(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("mapToolBar"));
    auto *top = new QToolBar(this);
    auto *filters = new QToolBar(this);
    for (QToolBar *bar : {top, filters}) {
        bar->setIconSize(QSize(16, 16));
        bar->setMovable(false);
    }
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(0);
    rows->addWidget(top);
    rows->addWidget(filters);
    auto *modes = new QActionGroup(this);
    m_overview = top->addAction(tr("Overview"));
    m_overview->setToolTip(tr("One node per jurisdiction, one edge per origin → destination pair, and the matrix of the same pairs"));
    m_regions = top->addAction(tr("Regions"));
    m_regions->setToolTip(tr("Every workload by jurisdiction, country and region, every flow"));
    for (QAction *a : {m_overview, m_regions}) {
        a->setCheckable(true);
        modes->addAction(a);
    }
    m_overview->setObjectName(QStringLiteral("overviewMode"));
    m_regions->setObjectName(QStringLiteral("regionsMode"));
    m_overview->setChecked(true);
    connect(modes, &QActionGroup::triggered, this, [this] { setMode(mode()); Q_EMIT modeChanged(mode()); });
    top->addSeparator();
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Find workload (id or name)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(170);
    m_search->setMaximumWidth(240);
    top->addWidget(m_search);
    top->addSeparator();

    m_group = new QComboBox(this);
    m_group->setObjectName(QStringLiteral("grouping"));
    m_group->addItem(tr("By region"), int(MapGrouping::Region));
    m_group->addItem(tr("By country"), int(MapGrouping::Country));
    m_group->addItem(tr("By jurisdiction"), int(MapGrouping::Jurisdiction));
    filters->addWidget(m_group);

    m_class = new QComboBox(this);
    m_class->addItem(tr("All classes"), -1);
    for (std::size_t c = 0; c < enumCount<Classification>(); ++c)
        m_class->addItem(tr("Carrying %1").arg(enumQName(Classification(c))), int(c));
    filters->addWidget(m_class);

    m_jurisdiction = new QComboBox(this);
    m_jurisdiction->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    filters->addWidget(m_jurisdiction);
    m_findings = new QCheckBox(tr("Findings"), this);
    m_findings->setToolTip(tr("Only workloads and flows with open findings"));
    filters->addWidget(m_findings);
    m_crossBorder = new QCheckBox(tr("Cross-border"), this);
    m_crossBorder->setToolTip(tr("Only flows that cross a border"));
    filters->addWidget(m_crossBorder);
    m_dataset = new QComboBox(this);
    m_dataset->setToolTip(tr("Lineage focus: where a dataset is held and every path it travels"));
    m_dataset->setMinimumContentsLength(16);
    m_dataset->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    top->addWidget(m_dataset);
    top->addSeparator();
    addViewActions(top);
    m_regionsOnly = {m_search, m_group, m_class, m_jurisdiction, m_findings, m_crossBorder, m_dataset};
    setChoices({}, {});
    setMode(MapMode::Overview);

    connect(m_search, &QLineEdit::returnPressed, this, [this] { Q_EMIT searchRequested(m_search->text().trimmed()); });
    for (QComboBox *box : {m_group, m_class, m_jurisdiction, m_dataset})
        connect(box, &QComboBox::currentIndexChanged, this, &MapToolBar::optionsChanged);
    for (QCheckBox *box : {m_findings, m_crossBorder})
        connect(box, &QCheckBox::toggled, this, &MapToolBar::optionsChanged);
}

// Zoom, fit and re-arrange: the region map's, disabled while the overview is shown.
void MapToolBar::addViewActions(QToolBar *bar)
{
    QAction *in = bar->addAction(tr("+"), this, &MapToolBar::zoomIn);
    in->setToolTip(tr("Zoom in"));
    in->setShortcut(QKeySequence::ZoomIn);
    QAction *out = bar->addAction(tr("−"), this, &MapToolBar::zoomOut);
    out->setToolTip(tr("Zoom out"));
    out->setShortcut(QKeySequence::ZoomOut);
    QAction *fitAction = bar->addAction(tr("Fit"), this, &MapToolBar::fit);
    fitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    QAction *rearrangeAction = bar->addAction(tr("Re-arrange"), this, &MapToolBar::rearrange);
    rearrangeAction->setToolTip(tr("Pack the map afresh to the window. Filters, focus and opened regions keep "
                                   "everything where it was until you do (the places are saved with the workspace)."));
    rearrangeAction->setObjectName(QStringLiteral("rearrange"));
    m_regionActions = {in, out, fitAction, rearrangeAction};
}

void MapToolBar::setChoices(const QStringList &jurisdictions, const QStringList &datasets, bool keepFilters)
{
    const QSignalBlocker a(m_jurisdiction), b(m_dataset), c(m_class), d(m_findings), e(m_crossBorder);
    const QString jurisdiction = m_jurisdiction->currentData().toString(), dataset = m_dataset->currentData().toString();
    m_jurisdiction->clear();
    m_jurisdiction->addItem(tr("All jurisdictions"), QString());
    for (const QString &j : jurisdictions)
        m_jurisdiction->addItem(j, j);
    // A pair chosen from the overview stays while both of its jurisdictions are still there.
    if (const QStringList pair = jurisdiction.split(u','); keepFilters && pair.size() == 2 && jurisdictions.contains(pair[0])
        && jurisdictions.contains(pair[1]))
        m_jurisdiction->addItem(pair.join(QStringLiteral(" + ")), jurisdiction);
    m_dataset->clear();
    m_dataset->addItem(tr("No lineage focus"), QString());
    for (const QString &id : datasets)
        m_dataset->addItem(id, id);
    if (keepFilters) {
        m_jurisdiction->setCurrentIndex(std::max(0, m_jurisdiction->findData(jurisdiction)));
        m_dataset->setCurrentIndex(std::max(0, m_dataset->findData(dataset)));
        return;
    }
    m_class->setCurrentIndex(0);
    m_findings->setChecked(false);
    m_crossBorder->setChecked(false);
}

MapOptions MapToolBar::options() const
{
    MapOptions o;
    o.grouping = MapGrouping(m_group->currentData().toInt());
    if (const int c = m_class->currentData().toInt(); c >= 0)
        o.classifications.insert(Classification(c));
    if (const QString j = m_jurisdiction->currentData().toString(); !j.isEmpty())
        for (const QString &part : j.split(u','))
            o.jurisdictions.insert(part);
    o.dataset = m_dataset->currentData().toString();
    o.onlyFindings = m_findings->isChecked();
    o.onlyCrossBorder = m_crossBorder->isChecked();
    return o;
}

void MapToolBar::setFocusDataset(const QString &id)
{
    const int i = m_dataset->findData(id);
    m_dataset->setCurrentIndex(i < 0 ? 0 : i);
}

void MapToolBar::setOnlyCrossBorder(bool on)
{
    m_crossBorder->setChecked(on);
}

void MapToolBar::setOnlyFindings(bool on)
{
    m_findings->setChecked(on);
}

void MapToolBar::setJurisdictionPair(const QString &origin, const QString &destination)
{
    // The overview names unknown residency as the region map's filter does ("unknown").
    const QString key = origin == destination ? origin : QString(origin + u',' + destination);
    int i = m_jurisdiction->findData(key);
    if (i < 0) {
        m_jurisdiction->addItem(origin == destination ? origin : QString(origin + QStringLiteral(" + ") + destination), key);
        i = m_jurisdiction->count() - 1;
    }
    m_jurisdiction->setCurrentIndex(i);
}

MapMode MapToolBar::mode() const
{
    return m_overview->isChecked() ? MapMode::Overview : MapMode::Regions;
}

void MapToolBar::setMode(MapMode mode)
{
    const bool regions = mode == MapMode::Regions;
    const bool changed = regions != m_regions->isChecked();
    (regions ? m_regions : m_overview)->setChecked(true);
    for (QWidget *w : std::as_const(m_regionsOnly))
        w->setEnabled(regions);
    for (QAction *a : std::as_const(m_regionActions))
        a->setEnabled(regions);
    if (changed)
        Q_EMIT modeChanged(mode);
}

} // namespace atlas
