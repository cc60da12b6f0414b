#include "findingspanel.h"

#include "document.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace atlas {

void FindingsFilter::setMinimumSeverity(int rank)
{
    m_minimumSeverity = rank;
    invalidateFilter();
}

void FindingsFilter::setStatus(const QString &status)
{
    m_status = status;
    invalidateFilter();
}

void FindingsFilter::setText(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

bool FindingsFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex first = m->index(sourceRow, 0, sourceParent);
    if (m->data(first, FindingsModel::GroupRole).toBool())
        return false;
    if (m->data(first, FindingsModel::SeverityRankRole).toInt() < m_minimumSeverity)
        return false;
    if (!m_status.isEmpty() && m->data(m->index(sourceRow, FindingsModel::Status, sourceParent)).toString() != m_status)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int c = 0; c < FindingsModel::ColumnCount; ++c)
        if (m->data(m->index(sourceRow, c, sourceParent)).toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

namespace {

// Severity in a colour-blind-safe ramp (Okabe–Ito), bold for critical and high; the palette's
// own text colour elsewhere so dark themes stay readable.
class SeverityDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(FindingsModel::ResolvedRole).toBool()) { // the selected scenario resolves it
            option->font.setStrikeOut(true);
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
            return;
        }
        if (index.column() == FindingsModel::Subject && index.data(FindingsModel::GroupRole).toBool()) {
            option->font.setBold(true); // the root several findings stem from
            return;
        }
        if (index.column() != FindingsModel::SeverityColumn)
            return;
        const int rank = index.data(FindingsModel::SeverityRankRole).toInt();
        static const QColor colours[] = {QColor(0x56, 0xb4, 0xe9), QColor(0x00, 0x9e, 0x73), QColor(0xe6, 0x9f, 0x00),
                                         QColor(0xd5, 0x5e, 0x00), QColor(0xcc, 0x00, 0x55)};
        option->palette.setColor(QPalette::Text, colours[std::clamp(rank, 0, 4)]);
        option->font.setBold(rank >= int(RuleSeverity::High));
    }
};

QString escaped(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

FindingsPanel::FindingsPanel(QWidget *parent) : QWidget(parent)
{
    m_model = new FindingsModel(this);
    m_filter = new FindingsFilter(this);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(FindingsModel::SortRole);
    m_filter->setRecursiveFilteringEnabled(true);

    m_summary = new QLabel(this);
    m_summary->setToolTip(tr("Findings that stem from one subject (a flow, a holding, a dataset) are one problem: "
                             "they are grouped under it"));
    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Filter findings (rule, subject, dataset, message…)"));
    m_text->setClearButtonEnabled(true);
    m_severity = new QComboBox(this);
    m_severity->addItem(tr("All severities"), 0);
    m_severity->addItem(tr("Low and above"), int(RuleSeverity::Low));
    m_severity->addItem(tr("Medium and above"), int(RuleSeverity::Medium));
    m_severity->addItem(tr("High and above"), int(RuleSeverity::High));
    m_severity->addItem(tr("Critical"), int(RuleSeverity::Critical));
    m_status = new QComboBox(this);
    m_status->addItem(tr("Any status"), QString());
    for (FindingStatus s : {FindingStatus::Open, FindingStatus::Waived, FindingStatus::WaiverExpired})
        m_status->addItem(findingStatusName(s), findingStatusName(s));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_summary);
    bar->addSpacing(8);
    bar->addWidget(m_text, 1);
    bar->addWidget(m_severity);
    bar->addWidget(m_status);

    m_view = new QTreeView(this);
    setUpView();

    m_details = new QTextBrowser(this);
    m_details->setOpenLinks(false);
    m_details->setPlaceholderText(tr("Select a finding to see its evidence."));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_view);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (QMenu *menu = contextMenu(m_view->indexAt(pos), this)) {
            menu->setAttribute(Qt::WA_DeleteOnClose);
            menu->popup(m_view->viewport()->mapToGlobal(pos));
        }
    });
    connect(m_text, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text);
        if (!text.isEmpty())
            m_view->expandAll(); // what matches inside a group is what was searched for
    });
    connect(m_severity, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setMinimumSeverity(m_severity->currentData().toInt()); });
    connect(m_status, &QComboBox::currentIndexChanged, this,
            [this] { m_filter->setStatus(m_status->currentData().toString()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &FindingsPanel::currentChanged);
    updateSummary();
}

void FindingsPanel::setUpView()
{
    m_view->setObjectName(QStringLiteral("findingsView"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FindingsModel::SeverityColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setItemDelegate(new SeverityDelegate(m_view));
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->header()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
}

// A finding navigates to its subject; a group to the subject its findings stem from.
void FindingsPanel::currentChanged(const QModelIndex &current)
{
    const QModelIndex source = m_filter->mapToSource(current);
    if (m_model->isGroup(source)) {
        showGroupDetails(source);
        Q_EMIT findingActivated(source.data(FindingsModel::SubjectKindRole).toString(), source.data(FindingsModel::SubjectIdRole).toString());
        return;
    }
    const Finding *f = m_model->finding(source);
    showDetails(f);
    if (f)
        Q_EMIT findingActivated(subjectKindName(f->subjectKind), f->subjectId);
}

void FindingsPanel::setDocument(Document *document)
{
    connect(document, &Document::snapshotChanged, this, &FindingsPanel::showSnapshot);
}

void FindingsPanel::showSnapshot(const std::shared_ptr<const AnalysisSnapshot> &snapshot, SnapshotChange change)
{
    // What the user set up survives a re-analysis: the selected finding (or group) by its
    // identity, the groups open by their roots.
    std::optional<FindingKey> selected;
    QString selectedRoot;
    QSet<QString> expanded;
    if (change != SnapshotChange::Opened) {
        const QModelIndex current = m_filter->mapToSource(m_view->currentIndex());
        if (const Finding *f = m_model->finding(current))
            selected = findingKey(*f);
        else if (m_model->isGroup(current))
            selectedRoot = current.data(FindingsModel::RootRole).toString();
        for (int row = 0; row < m_filter->rowCount(); ++row)
            if (const QModelIndex index = m_filter->index(row, 0); m_view->isExpanded(index))
                expanded.insert(index.data(FindingsModel::RootRole).toString());
    }
    if (snapshot)
        m_model->setFindings(std::shared_ptr<const std::vector<Finding>>(snapshot, &snapshot->findings), snapshot->inventory);
    else
        m_model->setFindings(nullptr, nullptr);
    updateSummary();
    if (change == SnapshotChange::Opened) {
        for (int c = 0; c < FindingsModel::Message; ++c)
            m_view->resizeColumnToContents(c);
        // Measured on the closed groups: a group's findings sit one indentation further in.
        m_view->setColumnWidth(FindingsModel::SeverityColumn, m_view->columnWidth(FindingsModel::SeverityColumn) + m_view->indentation());
        m_view->setColumnWidth(FindingsModel::Message, 400);
    }
    for (const QString &root : std::as_const(expanded))
        m_view->expand(m_filter->mapFromSource(m_model->indexOfRoot(root)));
    const QModelIndex index = selected ? m_model->indexOf(*selected) : m_model->indexOfRoot(selectedRoot);
    if (!index.isValid()) {
        showDetails(nullptr);
        return;
    }
    showIndex(index);
}

void FindingsPanel::showIndex(const QModelIndex &index)
{
    const QModelIndex viewIndex = m_filter->mapFromSource(index);
    if (!viewIndex.isValid())
        return; // filtered out
    if (viewIndex.parent().isValid())
        m_view->expand(viewIndex.parent());
    {
        const QSignalBlocker block(m_view->selectionModel());
        m_view->setCurrentIndex(viewIndex);
    }
    m_view->scrollTo(viewIndex);
    if (m_model->isGroup(index))
        showGroupDetails(index);
    else
        showDetails(m_model->finding(index));
}

void FindingsPanel::updateSummary()
{
    m_summary->setText(findingsOnSubjects(m_model->findingCount(), m_model->subjectCount()));
}

bool FindingsPanel::selectSubject(const QString &id)
{
    // In the view's order: a line about `id` itself, else a finding about it inside a group.
    for (int row = 0; row < m_filter->rowCount(); ++row) {
        const QModelIndex top = m_filter->index(row, 0);
        QModelIndex match = top.data(FindingsModel::SubjectIdRole).toString() == id ? top : QModelIndex();
        for (int child = 0; !match.isValid() && child < m_filter->rowCount(top); ++child)
            if (const QModelIndex index = m_filter->index(child, 0, top); index.data(FindingsModel::SubjectIdRole).toString() == id)
                match = index;
        if (match.isValid()) {
            showIndex(m_filter->mapToSource(match));
            return true;
        }
    }
    return false;
}

bool FindingsPanel::selectFinding(const FindingKey &key)
{
    const QModelIndex viewIndex = m_filter->mapFromSource(m_model->indexOf(key));
    if (!viewIndex.isValid())
        return false;
    if (viewIndex.parent().isValid())
        m_view->expand(viewIndex.parent());
    m_view->setCurrentIndex(viewIndex);
    m_view->scrollTo(viewIndex);
    return true;
}

const Finding *FindingsPanel::findingAt(const QModelIndex &viewIndex) const
{
    return m_model->finding(m_filter->mapToSource(viewIndex));
}

void FindingsPanel::setResolved(QSet<FindingKey> keys)
{
    m_model->setResolved(std::move(keys));
    m_view->viewport()->update();
}

bool FindingsPanel::isStruckOut(const QModelIndex &viewIndex) const
{
    QStyleOptionViewItem option;
    const QModelIndex index = viewIndex.siblingAtColumn(FindingsModel::Rule);
    if (!index.isValid())
        return false;
    static_cast<const SeverityDelegate *>(m_view->itemDelegate())->initStyleOption(&option, index);
    return option.font.strikeOut();
}

QMenu *FindingsPanel::patternMenu(const QModelIndex &viewIndex, QWidget *parent)
{
    const Finding *f = findingAt(viewIndex);
    if (!f)
        return nullptr;
    auto *menu = new QMenu(parent);
    QMenu *sub = menu->addMenu(tr("Try pattern on this finding"));
    sub->setToolTipsVisible(true);
    const FindingKey key = findingKey(*f);
    for (Pattern p : allPatterns) {
        QAction *action = sub->addAction(patternLabel(patternLetter(p)), this, [this, key, p] { Q_EMIT tryPattern(key, p); });
        // A pattern treats the open findings of its scope rules only (patterns.md, "Scope").
        const bool treats = f->countsAsOpen() && isScopeRule(p, f->rule);
        action->setEnabled(treats);
        if (!treats)
            action->setToolTip(f->countsAsOpen() ? tr("Pattern %1 does not treat %2 findings").arg(patternLetter(p), f->rule)
                                                 : tr("The finding is waived"));
    }
    return menu;
}

QMenu *FindingsPanel::contextMenu(const QModelIndex &viewIndex, QWidget *parent)
{
    QMenu *menu = patternMenu(viewIndex, parent);
    if (menu && m_menuExtension) {
        menu->addSeparator();
        m_menuExtension(menu, *findingAt(viewIndex));
    }
    return menu;
}

// A group: the subject its findings stem from, then each finding in a line; one click away.
void FindingsPanel::showGroupDetails(const QModelIndex &group)
{
    const int n = m_model->rowCount(group);
    QString html = QStringLiteral("<h3>%1</h3><p>%2</p><table cellspacing='0' cellpadding='3'>")
                       .arg(escaped(rootLabel(group.data(FindingsModel::RootRole).toString())),
                            tr("%1 findings stem from this subject: one problem, usually one fix. Select a finding below it "
                               "for its evidence and what to do.").arg(n));
    for (int row = 0; row < n; ++row) {
        const Finding *f = m_model->finding(m_model->index(row, 0, group));
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(escaped(ruleSeverityName(f->severity)), escaped(f->rule), escaped(findingStatusName(f->status)),
                         escaped(f->message));
    }
    html += QStringLiteral("</table>");
    m_details->setHtml(html);
}

void FindingsPanel::showDetails(const Finding *f)
{
    if (!f) {
        m_details->clear();
        return;
    }
    const Inventory *inv = m_model->inventory();
    QString html = QStringLiteral("<h3>%1 · %2</h3><p><b>%3</b> · %4 · %5 %6%7</p><p>%8</p>")
                       .arg(escaped(f->rule), escaped(f->title), escaped(ruleSeverityName(f->severity)),
                            escaped(findingStatusName(f->status)), escaped(subjectKindName(f->subjectKind)),
                            escaped(f->subjectId),
                            f->dataset.isEmpty() ? QString() : QStringLiteral(" · dataset ") + escaped(f->dataset),
                            escaped(f->message));
    if (inv)
        html += QStringLiteral("<p>Source: <code>%1:%2:%3</code></p>")
                    .arg(escaped(displayFileName(inv->fileOf(f->source)))).arg(f->source.line).arg(f->source.column);
    html += QStringLiteral("<h4>Evidence</h4><table cellspacing='0' cellpadding='2'>");
    for (const Evidence &e : f->evidence)
        html += QStringLiteral("<tr><td><code>%1</code></td><td>%2</td></tr>").arg(escaped(e.path), escaped(e.value));
    html += QStringLiteral("</table>");
    if (!f->actions.isEmpty()) {
        html += QStringLiteral("<a name='remediation'></a><h4>What to do</h4><ol>");
        for (const QString &a : f->actions)
            html += QStringLiteral("<li>") + escaped(a) + QStringLiteral("</li>");
        html += QStringLiteral("</ol>");
    }
    if (!f->patterns.isEmpty()) {
        html += QStringLiteral("<h4>Architecture patterns that address it</h4><ul>");
        for (const QString &p : f->patterns)
            html += QStringLiteral("<li>") + escaped(patternLabel(p)) + QStringLiteral("</li>");
        html += QStringLiteral("</ul>");
    }
    if (!f->references.isEmpty())
        html += QStringLiteral("<h4>References</h4><p>") + escaped(f->references.join(QStringLiteral("; "))) + QStringLiteral("</p>");
    if (f->waiverExpires.isValid())
        html += QStringLiteral("<h4>Waiver</h4><p>%1 — expires %2</p>").arg(escaped(f->waiverReason), f->waiverExpires.toString(Qt::ISODate));
    m_details->setHtml(html);
}

} // namespace atlas
