#include "residencypanel.h"

#include "document.h"
#include "residencymodel.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace atlas {

namespace {

// Unknown residency in the jurisdiction column stands out in the platform palette's own
// "negative" tone rather than a fixed colour, so dark themes stay readable.
class ResidencyDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() == ResidencyModel::Jurisdiction
            && index.data(ResidencyModel::UnknownResidencyRole).toBool()) {
            option->font.setBold(true);
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Link).lightness() > 128
                                                         ? QColor(0xff, 0x8a, 0x80)
                                                         : QColor(0xb0, 0x2a, 0x1e));
        }
    }
};

} // namespace

ResidencyPanel::ResidencyPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter workloads (id, region, country, jurisdiction…)"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    m_model = new ResidencyModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view = new QTableView(this);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ResidencyModel::Jurisdiction, Qt::AscendingOrder);
    m_view->setItemDelegate(new ResidencyDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();
    m_view->setAlternatingRowColors(true);
    layout->addWidget(m_view);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
}

void ResidencyPanel::setDocument(Document *document)
{
    connect(document, &Document::snapshotChanged, this, &ResidencyPanel::showSnapshot);
}

void ResidencyPanel::showSnapshot(const std::shared_ptr<const AnalysisSnapshot> &snapshot, SnapshotChange change)
{
    if (!snapshot) {
        m_model->setResidency(nullptr, nullptr);
        return;
    }
    m_model->setResidency(snapshot->inventory,
                          std::shared_ptr<const std::vector<WorkloadResidency>>(snapshot, &snapshot->facts.residency));
    if (change == SnapshotChange::Opened)
        m_view->resizeColumnsToContents();
}

} // namespace atlas
