// Table model of findings (severity, rule, subject, dataset, status, message) for the GUI's
// findings panel: sortable (severity sorts by rank, not by name) and filterable through a
// proxy. QtCore only.
#pragma once

#include "inventory.h"
#include "policytypes.h"

#include <QAbstractTableModel>

#include <vector>

namespace atlas {

class FindingsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { SeverityColumn, Rule, Subject, DatasetColumn, Status, Message, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, SeverityRankRole, SubjectIdRole, SubjectKindRole, OpenRole };

    explicit FindingsModel(QObject *parent = nullptr);
    void setFindings(std::vector<Finding> findings, const Inventory *inventory);
    const Finding *finding(int row) const;
    const Inventory *inventory() const { return m_inventory; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Finding> m_findings;
    const Inventory *m_inventory = nullptr;
};

} // namespace atlas
