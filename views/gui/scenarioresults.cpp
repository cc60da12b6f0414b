#include "scenarioresults.h"

#include "scenarioreport.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QPainter>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace atlas {

namespace {

// Light tints over the platform's base colour (dark tints on a dark theme): the text keeps the
// palette's colour and stays readable either way.
QColor tint(int better, const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    if (better > 0)
        return dark ? QColor(0x1d, 0x4a, 0x38) : QColor(0xd4, 0xef, 0xe2);
    return dark ? QColor(0x5a, 0x26, 0x26) : QColor(0xf8, 0xd7, 0xd3);
}

QString keysText(const std::vector<FindingKey> &keys)
{
    QStringList out;
    for (const FindingKey &k : keys)
        out << k.toString();
    return out.join(u'\n');
}

QTreeWidgetItem *group(QTreeWidget *tree, const QString &title, std::size_t count)
{
    auto *item = new QTreeWidgetItem(tree, {QStringLiteral("%1 (%2)").arg(title).arg(count)});
    QFont bold = item->font(0);
    bold.setBold(true);
    item->setFont(0, bold);
    item->setFirstColumnSpanned(true);
    return item;
}

void addFindings(QTreeWidget *tree, const QString &title, const std::vector<Finding> &findings)
{
    QTreeWidgetItem *g = group(tree, title, findings.size());
    for (const Finding &f : findings) {
        auto *item = new QTreeWidgetItem(g, {findingKey(f).toString(), f.message});
        item->setToolTip(1, f.message);
    }
}

// The selected scenario's column keeps its better/worse tints: a frame marks the selection
// instead of the highlight fill that would hide them.
class TintKeepingDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem plain(option);
        const bool selected = plain.state & QStyle::State_Selected;
        plain.state &= ~(QStyle::State_Selected | QStyle::State_HasFocus);
        if (selected) { // over the row highlight the view has painted: a faint one, under the tint
            QColor faint = option.palette.color(QPalette::Highlight);
            faint.setAlphaF(0.12f);
            painter->fillRect(option.rect, option.palette.color(QPalette::Base));
            painter->fillRect(option.rect, faint);
        }
        QStyledItemDelegate::paint(painter, plain, index);
        if (!selected)
            return;
        painter->save();
        painter->setPen(QPen(option.palette.color(QPalette::Highlight), 2));
        const QRectF r = QRectF(option.rect).adjusted(1, 0, -1, 0);
        painter->drawLine(r.topLeft(), r.bottomLeft());
        painter->drawLine(r.topRight(), r.bottomRight());
        painter->restore();
    }
};

} // namespace

QString scenarioColumnTitle(const QString &label)
{
    // Lines of at most ~16 characters, broken at spaces: columns stay narrow enough for four.
    constexpr int kLine = 16;
    QStringList lines;
    QString line;
    for (const QString &word : label.split(u' ', Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > kLine) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty())
        lines << line;
    return lines.join(u'\n');
}

ScenarioResults::ScenarioResults(QWidget *parent) : QWidget(parent)
{
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("comparisonTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectColumns);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    m_table->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_table->setItemDelegate(new TintKeepingDelegate(m_table));
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->installEventFilter(this);

    m_tradeoffs = new QTextBrowser(this);
    m_tradeoffs->setObjectName(QStringLiteral("tradeoffs"));
    m_tradeoffs->setOpenLinks(false);

    m_box = new QComboBox(this);
    m_box->setObjectName(QStringLiteral("scenarioBox"));
    m_box->setToolTip(tr("The scenario whose changes the map, the findings and the list below show"));
    m_export = new QPushButton(tr("Export scenario…"), this);
    m_export->setToolTip(tr("Write the scenario's inventory as YAML, headed by what made it"));
    m_export->setEnabled(false);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_box, 1);
    bar->addWidget(m_export);

    m_details = new QTreeWidget(this);
    m_details->setObjectName(QStringLiteral("scenarioDetails"));
    m_details->setHeaderLabels({tr("Change, pair or risk"), tr("Why")});
    m_details->setWordWrap(true);
    m_details->setUniformRowHeights(false);
    m_details->header()->setStretchLastSection(true);

    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addLayout(bar);
    bottomLayout->addWidget(m_details, 1);

    m_split = new QSplitter(Qt::Vertical, this);
    m_split->addWidget(m_table);
    m_split->addWidget(m_tradeoffs);
    m_split->addWidget(bottom);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 1);
    m_split->setStretchFactor(2, 2);
    m_split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_split);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        const QModelIndexList columns = m_table->selectionModel()->selectedColumns();
        selectScenario(columns.isEmpty() ? -1 : columns.front().column());
    });
    connect(m_box, &QComboBox::currentIndexChanged, this, [this](int index) { selectScenario(index - 1); });
    connect(m_export, &QPushButton::clicked, this, &ScenarioResults::exportRequested);
}

void ScenarioResults::setResult(std::shared_ptr<const SimulationResult> result)
{
    selectScenario(-1);
    m_result = std::move(result);
    fillTable();
    const QSignalBlocker block(m_box);
    m_box->clear();
    m_box->addItem(tr("No scenario — the document's map"));
    QStringList lines;
    if (m_result)
        for (const Scenario &s : m_result->scenarios) {
            m_box->addItem(s.name());
            lines << QStringLiteral("<b>%1</b>: %2").arg(s.name().toHtmlEscaped(), s.tradeoff.toHtmlEscaped());
        }
    m_box->setEnabled(m_result && !m_result->scenarios.empty());
    m_tradeoffs->setHtml(lines.join(QStringLiteral("<br>")));
    showDetails();
    fitColumns();
    // Once the panel has laid itself out again (its setup folds away after a run).
    QTimer::singleShot(0, this, &ScenarioResults::fitTable);
}

bool ScenarioResults::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

// The scenario columns share the table's width (text wraps inside them), so that four fit
// beside the metric names without scrolling sideways.
void ScenarioResults::fitColumns()
{
    const int n = m_table->columnCount();
    if (n == 0)
        return;
    const int available = m_table->viewport()->width();
    const int width = std::max(110, available / n);
    for (int c = 0; c < n; ++c)
        m_table->setColumnWidth(c, width);
    m_table->resizeRowsToContents();
}

// The table takes the height of all its rows when it can; the trade-offs and the details share
// the rest.
void ScenarioResults::fitTable()
{
    fitColumns();
    if (m_table->rowCount() == 0)
        return;
    int rows = m_table->horizontalHeader()->height() + 2 * m_table->frameWidth() + 4;
    for (int r = 0; r < m_table->rowCount(); ++r)
        rows += m_table->rowHeight(r);
    if (m_table->horizontalScrollBar()->isVisible())
        rows += m_table->horizontalScrollBar()->height();
    const int total = m_split->height();
    const int table = std::min(rows, total * 2 / 3);
    const int tradeoffs = std::min(120, (total - table) / 3);
    m_split->setSizes({table, tradeoffs, std::max(0, total - table - tradeoffs)});
}

void ScenarioResults::fillTable()
{
    const QSignalBlocker block(m_table->selectionModel());
    m_table->clear();
    if (!m_result) {
        m_table->setRowCount(0);
        m_table->setColumnCount(0);
        return;
    }
    const std::vector<ComparisonRow> rows = comparisonRows(*m_result);
    const auto &scenarios = m_result->scenarios;
    m_table->setRowCount(int(rows.size()));
    m_table->setColumnCount(int(scenarios.size()));
    QStringList titles;
    for (const Scenario &s : scenarios)
        titles << scenarioColumnTitle(s.name());
    m_table->setHorizontalHeaderLabels(titles);
    for (int c = 0; c < int(scenarios.size()); ++c)
        m_table->horizontalHeaderItem(c)->setToolTip(scenarios[std::size_t(c)].name() + u'\n' + scenarios[std::size_t(c)].tradeoff);
    for (int r = 0; r < int(rows.size()); ++r) {
        const ComparisonRow &row = rows[std::size_t(r)];
        m_table->setVerticalHeaderItem(r, new QTableWidgetItem(row.metric));
        for (int c = 0; c < int(row.values.size()); ++c) {
            auto *item = new QTableWidgetItem(row.values[c]);
            item->setTextAlignment(Qt::AlignCenter);
            const int better = c < row.better.size() ? row.better[c] : 0;
            QString tip = scenarios[std::size_t(c)].name() + QStringLiteral(" — ") + row.metric + QStringLiteral(": ") + row.values[c];
            if (better != 0) {
                item->setBackground(tint(better, palette()));
                tip += better > 0 ? tr("\nbetter than today") : tr("\nworse than today");
            }
            item->setToolTip(tip + QStringLiteral("\n\ntrade-off: ") + scenarios[std::size_t(c)].tradeoff);
            m_table->setItem(r, c, item);
        }
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
}

void ScenarioResults::selectScenario(int index)
{
    if (!m_result || index < 0 || index >= int(m_result->scenarios.size()))
        index = -1;
    if (index == m_selected)
        return;
    m_selected = index;
    {
        const QSignalBlocker blockTable(m_table->selectionModel());
        const QSignalBlocker blockBox(m_box);
        if (index < 0)
            m_table->clearSelection();
        else
            m_table->selectColumn(index);
        m_box->setCurrentIndex(index + 1);
    }
    m_export->setEnabled(index >= 0);
    showDetails();
    Q_EMIT scenarioSelected(index);
}

std::shared_ptr<const Scenario> ScenarioResults::selectedScenario() const
{
    if (!m_result || m_selected < 0)
        return nullptr;
    return std::shared_ptr<const Scenario>(m_result, &m_result->scenarios[std::size_t(m_selected)]);
}

void ScenarioResults::showDetails()
{
    m_details->clear();
    const std::shared_ptr<const Scenario> s = selectedScenario();
    if (!s) {
        if (m_result && !m_result->scenarios.empty())
            new QTreeWidgetItem(m_details, {tr("Select a scenario's column to see its changes on the map.")});
        return;
    }
    QTreeWidgetItem *changes = group(m_details, tr("Changes"), s->plan.changes.size());
    for (const ScenarioChange &c : s->plan.changes) {
        QString what = changeActionName(c.action) + u' ' + entityKindName(c.kind) + u' ' + c.id;
        if (c.action == ChangeAction::Added && c.kind == EntityKind::Workload)
            what += tr(" at ") + c.to;
        else if (!c.from.isEmpty() || !c.to.isEmpty())
            what += u' ' + c.from + QStringLiteral(" → ") + c.to;
        if (!c.jurisdiction.isEmpty())
            what += QStringLiteral(" [") + c.jurisdiction + u']';
        auto *item = new QTreeWidgetItem(changes, {what, c.reason});
        const QString addresses = keysText(c.addresses);
        item->setToolTip(0, addresses.isEmpty() ? what : what + tr("\naddresses:\n") + addresses);
        item->setToolTip(1, c.reason);
    }
    changes->setExpanded(true);
    QTreeWidgetItem *notAddressed = group(m_details, tr("Not addressed by this pattern"), s->plan.notAddressed.size());
    for (const NotAddressed &n : s->plan.notAddressed) {
        const QString what = subjectKindName(n.subjectKind) + u' ' + n.subjectId
            + (n.dataset.isEmpty() ? QString() : QStringLiteral(" [") + n.dataset + u']');
        auto *item = new QTreeWidgetItem(notAddressed, {what, n.reason});
        item->setToolTip(0, keysText(n.findings));
        item->setToolTip(1, n.reason);
    }
    notAddressed->setExpanded(true);
    QTreeWidgetItem *risks = group(m_details, tr("Residual risks"), s->metrics.residualRisks.size());
    for (const ResidualRisk &r : s->metrics.residualRisks) {
        auto *item = new QTreeWidgetItem(risks, {r.rule.isEmpty() ? r.text : r.rule + u' ' + r.text, r.reference});
        item->setToolTip(0, r.subject.isEmpty() ? r.text : r.subject + u'\n' + r.text);
        item->setToolTip(1, r.reference);
    }
    risks->setExpanded(true);
    addFindings(m_details, tr("Findings resolved"), s->delta.resolved);
    addFindings(m_details, tr("Findings introduced"), s->delta.introduced);
    addFindings(m_details, tr("Findings remaining"), s->delta.remaining);
    for (const QString &note : s->plan.notes)
        new QTreeWidgetItem(m_details, {note});
    m_details->resizeColumnToContents(0);
    m_details->setColumnWidth(0, std::min(m_details->columnWidth(0), 380));
}

} // namespace atlas
