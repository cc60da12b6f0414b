#include "residencymodel.h"

namespace atlas {

ResidencyModel::ResidencyModel(QObject *parent) : QAbstractTableModel(parent) {}

void ResidencyModel::setResidency(std::shared_ptr<const Inventory> inventory,
                                  std::shared_ptr<const std::vector<WorkloadResidency>> residency)
{
    beginResetModel();
    m_inventory = std::move(inventory);
    m_residency = std::move(residency);
    if (!m_residency)
        m_inventory.reset();
    endResetModel();
}

int ResidencyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_inventory ? 0 : int(m_inventory->workloads.size());
}

int ResidencyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResidencyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Workload &w = m_inventory->workloads[std::size_t(index.row())];
    const WorkloadResidency &r = (*m_residency)[std::size_t(index.row())];
    const ResolvedLocation &loc = r.location;
    if (role == SourceLineRole)
        return QString(displayFileName(m_inventory->fileOf(w.source)) + u':' + QString::number(w.source.line));
    if (role == UnknownResidencyRole)
        return !loc.isKnown();
    if (role == Qt::ToolTipRole) {
        QString tip = w.id + QStringLiteral("\n") + displayFileName(m_inventory->fileOf(w.source)) + u':'
            + QString::number(w.source.line);
        if (!loc.problem.isEmpty())
            tip += QStringLiteral("\n") + loc.problem;
        for (const QString &s : loc.sources)
            tip += QStringLiteral("\n") + s;
        return tip;
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Id: return w.id;
    case Name: return w.name;
    case Kind: return enumQName(w.kind);
    case Location: return w.location;
    case Region: {
        QString region = loc.provider.isEmpty() ? QString() : loc.provider + u'/' + loc.region;
        if (!loc.zone.isEmpty())
            region += u'/' + loc.zone;
        return region;
    }
    case Country: return loc.country;
    case Jurisdiction:
        if (loc.form == LocationForm::Global)
            return QStringLiteral("unknown (global)");
        return loc.isKnown() ? loc.jurisdiction : QStringLiteral("unknown");
    case Operator:
        if (r.operatorFacts.extraterritorial)
            return QString(r.operatorFacts.id + QStringLiteral(" (") + r.operatorFacts.lawJurisdiction
                           + QStringLiteral(" law reaches)"));
        return r.operatorFacts.id;
    }
    return {};
}

QVariant ResidencyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id: return tr("Workload");
    case Name: return tr("Name");
    case Kind: return tr("Kind");
    case Location: return tr("Location");
    case Region: return tr("Provider / region");
    case Country: return tr("Country");
    case Jurisdiction: return tr("Jurisdiction");
    case Operator: return tr("Operator");
    }
    return {};
}

} // namespace atlas
