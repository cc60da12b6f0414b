// Tree model of findings (severity, rule, subject, dataset, status, message) for the GUI's
// findings panel, grouped by root (revision 2b, "one problem, one line"): a root with one finding
// is a plain top-level row; a root with several is a group row (its subject, how many findings,
// the worst severity, the rules) whose children are the findings. Sortable (severity sorts by
// rank, not by name) and filterable through a proxy. QtCore only.
#pragma once

#include "findingroots.h"
#include "inventory.h"
#include "policytypes.h"

#include <QAbstractItemModel>
#include <QSet>

#include <memory>
#include <vector>

namespace atlas {

class FindingsModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, Rule, Subject, DatasetColumn, Status, Message, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        SeverityRankRole,
        SubjectIdRole,   // a group: its root's subject (a holding's workload), as findings name theirs
        SubjectKindRole,
        OpenRole,        // a group: any of its findings
        ResolvedRole,    // a group: all of its findings
        GroupRole,       // true on a group row
        RootRole,        // "flow:cn-chat-to-us-finetune"
    };

    explicit FindingsModel(QObject *parent = nullptr);
    // Shares the findings and their inventory (an analysis snapshot's, through aliasing
    // pointers): nothing the model shows can go away while it is set. Null clears.
    void setFindings(std::shared_ptr<const std::vector<Finding>> findings, std::shared_ptr<const Inventory> inventory);
    // Findings a selected scenario resolves (ResolvedRole true; the panel strikes them through).
    // Empty clears. Kept across setFindings: the scenario still names them.
    void setResolved(QSet<FindingKey> keys);

    qsizetype findingCount() const { return m_findings ? qsizetype(m_findings->size()) : 0; }
    // Distinct roots: the top-level rows.
    qsizetype subjectCount() const { return qsizetype(m_groups.size()); }
    // Whether `index` (of this model) is a group row of several findings.
    bool isGroup(const QModelIndex &index) const;
    // The finding of a plain or child row; null for a group row and an invalid index.
    const Finding *finding(const QModelIndex &index) const;
    // The row of the finding with this identity (a top-level or a child row), or invalid.
    QModelIndex indexOf(const FindingKey &key, int column = 0) const;
    // The top-level row of this root (a group or a plain row), or invalid.
    QModelIndex indexOfRoot(const QString &root, int column = 0) const;
    const Inventory *inventory() const { return m_inventory.get(); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    // The finding at `index`: its position in the findings, or -1 for a group row.
    qsizetype findingAt(const QModelIndex &index) const;
    QVariant findingData(const Finding &f, int column, int role) const;
    QVariant groupData(const RootGroup &g, int column, int role) const;
    QString groupText(const RootGroup &g, int column) const;

    std::shared_ptr<const std::vector<Finding>> m_findings;
    std::shared_ptr<const Inventory> m_inventory;
    std::vector<RootGroup> m_groups;         // the top-level rows
    std::vector<std::uint32_t> m_groupOf;    // per finding: its top-level row
    std::vector<std::uint32_t> m_rowInGroup; // per finding: its row under a group
    QSet<FindingKey> m_resolved;
};

} // namespace atlas
