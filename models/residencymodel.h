// Table model of the residency of every workload (one row each): id, name, kind, location,
// provider/region, country, jurisdiction, operator. QtCore only; the GUI sorts and filters it
// through a proxy, and tests run it under QAbstractItemModelTester.
#pragma once

#include "inventory.h"
#include "residency.h"

#include <QAbstractTableModel>

namespace atlas {

class ResidencyModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Name, Kind, Location, Region, Country, Jurisdiction, Operator, ColumnCount };
    enum Role { SourceLineRole = Qt::UserRole + 1, UnknownResidencyRole };

    explicit ResidencyModel(QObject *parent = nullptr);

    // Shares what it shows (with an analysis snapshot, through aliasing pointers): no copy, and
    // nothing the model reads can go away while it is set. Null clears.
    void setResidency(std::shared_ptr<const Inventory> inventory,
                      std::shared_ptr<const std::vector<WorkloadResidency>> residency);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const Inventory> m_inventory;
    std::shared_ptr<const std::vector<WorkloadResidency>> m_residency;
};

} // namespace atlas
