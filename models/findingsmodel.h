// Table model of findings (severity, rule, subject, dataset, status, message) for the GUI's
// findings panel: sortable (severity sorts by rank, not by name) and filterable through a
// proxy. QtCore only.
#pragma once

#include "inventory.h"
#include "policytypes.h"

#include <QAbstractTableModel>
#include <QSet>

#include <memory>

#include <vector>

namespace atlas {

class FindingsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, Rule, Subject, DatasetColumn, Status, Message, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, SeverityRankRole, SubjectIdRole, SubjectKindRole, OpenRole, ResolvedRole };

    explicit FindingsModel(QObject *parent = nullptr);
    // Shares the findings and their inventory (an analysis snapshot's, through aliasing
    // pointers): nothing the model shows can go away while it is set. Null clears.
    void setFindings(std::shared_ptr<const std::vector<Finding>> findings, std::shared_ptr<const Inventory> inventory);
    // Findings a selected scenario resolves (ResolvedRole true; the panel strikes them through).
    // Empty clears. Kept across setFindings: the scenario still names them.
    void setResolved(QSet<FindingKey> keys);
    // The row of the finding with this identity, or -1.
    int rowOf(const FindingKey &key) const;
    const Finding *finding(int row) const;
    const Inventory *inventory() const { return m_inventory.get(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const std::vector<Finding>> m_findings;
    std::shared_ptr<const Inventory> m_inventory;
    QSet<FindingKey> m_resolved;
};

} // namespace atlas
