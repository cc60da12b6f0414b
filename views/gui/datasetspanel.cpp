#include "datasetspanel.h"

#include "document.h"
#include "policyfacts.h"

#include <QHeaderView>

namespace atlas {

namespace {

// Jurisdictions among `symbols` (lineage mixes workload ids and jurisdictions), sorted, with
// "unknown" where a workload it reaches has no known residency.
QString jurisdictionsOf(const PolicyFacts &facts, const std::vector<std::uint32_t> &symbols)
{
    const Inventory &inv = *facts.inventory;
    QStringList out;
    bool unknown = false;
    for (std::uint32_t s : symbols) {
        const QString &name = facts.symbols.name(s);
        const int w = inv.workloadIndex(name);
        if (w < 0)
            out << name;
        else if (!facts.workloads[std::size_t(w)].jurisdiction)
            unknown = true;
    }
    out.sort();
    out.removeDuplicates();
    if (unknown)
        out << QObject::tr("unknown");
    return out.join(u", ");
}

} // namespace

DatasetsPanel::DatasetsPanel(QWidget *parent) : QTableWidget(parent)
{
    setColumnCount(ColumnCount);
    setHorizontalHeaderLabels({tr("Dataset"), tr("Classification"), tr("Origin"), tr("Categories"), tr("Held in"), tr("Reaches")});
    horizontalHeaderItem(Reaches)->setToolTip(tr("Jurisdictions its lineage reaches: every workload a flow carrying it leads to, transitively"));
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setSortingEnabled(true);
}

void DatasetsPanel::setDocument(Document *document)
{
    connect(document, &Document::snapshotChanged, this, &DatasetsPanel::showSnapshot);
}

void DatasetsPanel::showSnapshot(const std::shared_ptr<const AnalysisSnapshot> &snapshot, SnapshotChange)
{
    const int sortColumn = horizontalHeader()->sortIndicatorSection();
    const Qt::SortOrder order = horizontalHeader()->sortIndicatorOrder();
    setSortingEnabled(false);
    setRowCount(0);
    const PolicyFacts *facts = snapshot ? &snapshot->facts : nullptr;
    if (!facts) {
        setSortingEnabled(true);
        return;
    }
    const Inventory &inv = *facts->inventory;
    std::vector<bool> heldByUnknown(inv.datasets.size(), false);
    for (std::size_t w = 0; w < inv.workloads.size(); ++w)
        if (!facts->workloads[w].jurisdiction)
            for (std::uint32_t d : linkedIndexes(inv.workloads[w].holds))
                heldByUnknown[d] = true;
    setRowCount(int(inv.datasets.size()));
    for (int r = 0; r < int(inv.datasets.size()); ++r) {
        const Dataset &d = inv.datasets[std::size_t(r)];
        const DatasetFacts &df = facts->datasets[std::size_t(r)];
        QStringList cats;
        d.categories.forEach([&](Category c) { cats << enumQName(c); });
        // Held in: the holders' jurisdictions; a holder of unknown residency says so.
        QString heldIn = jurisdictionsOf(*facts, df.heldIn);
        if (heldByUnknown[std::size_t(r)])
            heldIn += heldIn.isEmpty() ? tr("unknown") : QStringLiteral(", ") + tr("unknown");
        const QStringList cells{d.id, enumQName(d.classification), d.origin, cats.join(u", "), heldIn,
                                jurisdictionsOf(*facts, df.reaches)};
        for (int c = 0; c < cells.size(); ++c)
            setItem(r, c, new QTableWidgetItem(cells[c]));
        if (heldIn.isEmpty()) {
            item(r, HeldIn)->setText(tr("not held"));
            item(r, HeldIn)->setToolTip(tr("No workload declares it in 'holds': its lineage starts nowhere"));
        }
        // Data that reaches beyond where it is held is what a reviewer looks at first.
        if (cells[Reaches] != cells[HeldIn] && !cells[Reaches].isEmpty()) {
            QFont bold = item(r, Reaches)->font();
            bold.setBold(true);
            item(r, Reaches)->setFont(bold);
            item(r, Reaches)->setToolTip(tr("Reaches more than where it is held: double-click to follow its lineage on the map"));
        }
    }
    setSortingEnabled(true);
    sortItems(sortColumn, order);
    resizeColumnsToContents();
}

} // namespace atlas
