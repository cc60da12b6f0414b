#include "findingsmodel.h"

namespace atlas {

FindingsModel::FindingsModel(QObject *parent) : QAbstractTableModel(parent) {}

void FindingsModel::setFindings(std::shared_ptr<const std::vector<Finding>> findings, std::shared_ptr<const Inventory> inventory)
{
    beginResetModel();
    m_findings = std::move(findings);
    m_inventory = std::move(inventory);
    endResetModel();
}

void FindingsModel::setResolved(QSet<FindingKey> keys)
{
    if (keys == m_resolved)
        return;
    m_resolved = std::move(keys);
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {ResolvedRole});
}

const Finding *FindingsModel::finding(int row) const
{
    return m_findings && row >= 0 && row < int(m_findings->size()) ? &(*m_findings)[std::size_t(row)] : nullptr;
}

int FindingsModel::rowOf(const FindingKey &key) const
{
    if (!m_findings)
        return -1;
    const auto it = std::find_if(m_findings->begin(), m_findings->end(), [&](const Finding &f) { return findingKey(f) == key; });
    return it == m_findings->end() ? -1 : int(it - m_findings->begin());
}

int FindingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_findings ? 0 : int(m_findings->size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Finding &f = (*m_findings)[std::size_t(index.row())];
    switch (role) {
    case SeverityRankRole: return int(f.severity);
    case SubjectIdRole: return f.subjectId;
    case SubjectKindRole: return subjectKindName(f.subjectKind);
    case OpenRole: return f.countsAsOpen();
    case ResolvedRole: return !m_resolved.isEmpty() && m_resolved.contains(findingKey(f));
    case SortRole:
        if (index.column() == SeverityColumn)
            return int(f.severity);
        return data(index, Qt::DisplayRole);
    case Qt::ToolTipRole:
        return QString(f.title + QStringLiteral("\n") + f.message);
    case Qt::DisplayRole:
        switch (index.column()) {
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
