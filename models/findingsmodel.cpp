#include "findingsmodel.h"

#include <QStringList>

#include <algorithm>
#include <array>

namespace atlas {

// An index's internal id: 0 for a top-level row, the group's row + 1 for a finding under it.

FindingsModel::FindingsModel(QObject *parent) : QAbstractItemModel(parent) {}

void FindingsModel::setFindings(std::shared_ptr<const std::vector<Finding>> findings, std::shared_ptr<const Inventory> inventory)
{
    beginResetModel();
    m_findings = std::move(findings);
    m_inventory = std::move(inventory);
    m_groups = m_findings ? groupByRoot(*m_findings) : std::vector<RootGroup>{};
    m_groupOf.assign(m_findings ? m_findings->size() : 0, 0);
    m_rowInGroup.assign(m_groupOf.size(), 0);
    for (std::size_t g = 0; g < m_groups.size(); ++g)
        for (std::size_t r = 0; r < m_groups[g].members.size(); ++r) {
            m_groupOf[m_groups[g].members[r]] = std::uint32_t(g);
            m_rowInGroup[m_groups[g].members[r]] = std::uint32_t(r);
        }
    endResetModel();
}

void FindingsModel::setResolved(QSet<FindingKey> keys)
{
    if (keys == m_resolved)
        return;
    m_resolved = std::move(keys);
    if (m_groups.empty())
        return;
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {ResolvedRole});
    for (std::size_t g = 0; g < m_groups.size(); ++g)
        if (m_groups[g].members.size() > 1) {
            const QModelIndex parent = index(int(g), 0);
            Q_EMIT dataChanged(index(0, 0, parent), index(rowCount(parent) - 1, ColumnCount - 1, parent), {ResolvedRole});
        }
}

bool FindingsModel::isGroup(const QModelIndex &index) const
{
    return index.isValid() && index.model() == this && index.internalId() == 0
        && m_groups[std::size_t(index.row())].members.size() > 1;
}

qsizetype FindingsModel::findingAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return -1;
    if (index.internalId() == 0) {
        const RootGroup &g = m_groups[std::size_t(index.row())];
        return g.members.size() == 1 ? qsizetype(g.members.front()) : -1;
    }
    return qsizetype(m_groups[std::size_t(index.internalId() - 1)].members[std::size_t(index.row())]);
}

const Finding *FindingsModel::finding(const QModelIndex &index) const
{
    const qsizetype at = findingAt(index);
    return at < 0 ? nullptr : &(*m_findings)[std::size_t(at)];
}

QModelIndex FindingsModel::indexOf(const FindingKey &key, int column) const
{
    if (!m_findings)
        return {};
    const auto it = std::find_if(m_findings->begin(), m_findings->end(), [&](const Finding &f) { return findingKey(f) == key; });
    if (it == m_findings->end())
        return {};
    const auto at = std::size_t(it - m_findings->begin());
    const std::uint32_t group = m_groupOf[at];
    if (m_groups[group].members.size() == 1)
        return index(int(group), column);
    return createIndex(int(m_rowInGroup[at]), column, quintptr(group) + 1);
}

QModelIndex FindingsModel::indexOfRoot(const QString &root, int column) const
{
    const auto it = std::find_if(m_groups.begin(), m_groups.end(), [&](const RootGroup &g) { return g.root == root; });
    return it == m_groups.end() ? QModelIndex() : index(int(it - m_groups.begin()), column);
}

QModelIndex FindingsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row()) + 1 : quintptr(0));
}

QModelIndex FindingsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    // Only a group's first column has children (the findings of its root).
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    const RootGroup &g = m_groups[std::size_t(parent.row())];
    return g.members.size() > 1 ? int(g.members.size()) : 0;
}

int FindingsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (const Finding *f = finding(index))
        return findingData(*f, index.column(), role);
    return groupData(m_groups[std::size_t(index.row())], index.column(), role);
}

QVariant FindingsModel::findingData(const Finding &f, int column, int role) const
{
    switch (role) {
    case SeverityRankRole: return int(f.severity);
    case SubjectIdRole: return f.subjectId;
    case SubjectKindRole: return subjectKindName(f.subjectKind);
    case OpenRole: return f.countsAsOpen();
    case ResolvedRole: return !m_resolved.isEmpty() && m_resolved.contains(findingKey(f));
    case GroupRole: return false;
    case RootRole: return findingRoot(f);
    case SortRole:
        if (column == SeverityColumn)
            return int(f.severity);
        return findingData(f, column, Qt::DisplayRole);
    case Qt::ToolTipRole:
        return QString(f.title + QStringLiteral("\n") + f.message);
    case Qt::DisplayRole:
        switch (column) {
        case SeverityColumn: return ruleSeverityName(f.severity);
        case Rule: return f.rule;
        case Subject: return QString(subjectKindName(f.subjectKind) + u' ' + f.subjectId);
        case DatasetColumn: return f.dataset;
        case Status: return findingStatusName(f.status);
        case Message: return f.message;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant FindingsModel::groupData(const RootGroup &g, int column, int role) const
{
    const QString &root = g.root;
    switch (role) {
    case SeverityRankRole: return int(g.worst);
    case SubjectIdRole: {
        // A holding's findings name the workload; so does its group.
        const QString id = root.mid(root.indexOf(u':') + 1);
        return root.startsWith(u"holding:") ? id.left(id.lastIndexOf(u'/')) : id;
    }
    case SubjectKindRole: return root.left(root.indexOf(u':'));
    case OpenRole:
        return std::any_of(g.members.begin(), g.members.end(), [&](std::uint32_t m) { return (*m_findings)[m].countsAsOpen(); });
    case ResolvedRole:
        return !m_resolved.isEmpty() && std::all_of(g.members.begin(), g.members.end(), [&](std::uint32_t m) {
            return m_resolved.contains(findingKey((*m_findings)[m]));
        });
    case GroupRole: return true;
    case RootRole: return root;
    case SortRole:
        if (column == SeverityColumn)
            return int(g.worst);
        return groupText(g, column);
    case Qt::ToolTipRole: {
        QStringList lines{tr("%1 findings stem from %2: one problem").arg(g.members.size()).arg(rootLabel(root))};
        for (std::uint32_t m : g.members) {
            const Finding &f = (*m_findings)[m];
            lines << QStringLiteral("%1 %2: %3").arg(ruleSeverityName(f.severity), f.rule, f.title);
        }
        return lines.join(u'\n');
    }
    case Qt::DisplayRole: return groupText(g, column);
    default: break;
    }
    return {};
}

// The group's line: its subject and count, the worst severity, and what its findings share or
// list (rules, datasets, statuses and titles, each once, in the findings' order).
QString FindingsModel::groupText(const RootGroup &g, int column) const
{
    if (column == SeverityColumn)
        return ruleSeverityName(g.worst);
    if (column == Subject)
        return tr("%1 — %2 findings").arg(rootLabel(g.root)).arg(g.members.size());
    if (column == Status) {
        std::array<int, 3> counts{};
        for (std::uint32_t m : g.members)
            ++counts[std::size_t((*m_findings)[m].status)];
        QStringList parts;
        for (FindingStatus s : {FindingStatus::Open, FindingStatus::Waived, FindingStatus::WaiverExpired})
            if (const int n = counts[std::size_t(s)]; n == int(g.members.size()))
                return findingStatusName(s);
            else if (n > 0)
                parts << QStringLiteral("%1 %2").arg(n).arg(findingStatusName(s));
        return parts.join(QStringLiteral(", "));
    }
    QStringList values;
    for (std::uint32_t m : g.members) {
        const Finding &f = (*m_findings)[m];
        const QString &value = column == Rule ? f.rule : column == DatasetColumn ? f.dataset : f.title;
        if (!value.isEmpty() && !values.contains(value))
            values << value;
    }
    return values.join(column == Message ? QStringLiteral("; ") : QStringLiteral(", "));
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn: return tr("Severity");
    case Rule: return tr("Rule");
    case Subject: return tr("Subject");
    case DatasetColumn: return tr("Dataset");
    case Status: return tr("Status");
    case Message: return tr("Message");
    }
    return {};
}

} // namespace atlas
