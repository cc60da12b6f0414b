#include "inventorytreemodel.h"

#include "catalog.h"
#include "document.h"
#include "inventory.h"

#include <map>

namespace atlas {

InventoryTreeModel::InventoryTreeModel(QObject *parent) : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Inventory")});
}

void InventoryTreeModel::setDocument(Document *document)
{
    connect(document, &Document::snapshotChanged, this, [this](const std::shared_ptr<const AnalysisSnapshot> &s) {
        rebuild(&s->facts); // the items hold ids and names only: nothing to keep alive
    });
}

void InventoryTreeModel::rebuild(const PolicyFacts *facts)
{
    clear();
    setHorizontalHeaderLabels({tr("Inventory")});
    if (!facts)
        return;
    const Inventory &inv = *facts->inventory;
    const Catalog &catalog = *facts->catalog;
    // jurisdiction → country → region → workloads, sorted by name at every level.
    std::map<QString, std::map<QString, std::map<QString, std::vector<std::size_t>>>> tree;
    for (std::size_t w = 0; w < inv.workloads.size(); ++w) {
        const ResolvedLocation &loc = facts->residency[w].location;
        const QString j = loc.isKnown() ? loc.jurisdiction : tr("unknown");
        const QString c = loc.country.isEmpty() ? tr("(no country)") : loc.country;
        const QString r = !loc.provider.isEmpty() ? loc.provider + u':' + loc.region : loc.reference;
        tree[j][c][r].push_back(w);
    }
    auto *workloads = new QStandardItem(tr("Workloads (%1)").arg(inv.workloads.size()));
    workloads->setEditable(false);
    for (const auto &[j, countries] : tree) {
        const Jurisdiction *jur = facts->lawOf(j);
        auto *jItem = new QStandardItem(jur && jur->name != j ? j + QStringLiteral(" — ") + jur->name : j);
        jItem->setEditable(false);
        for (const auto &[c, regions] : countries) {
            const Country *country = catalog.country(c);
            auto *cItem = new QStandardItem(country ? c + u' ' + country->name : c);
            cItem->setEditable(false);
            for (const auto &[r, list] : regions) {
                auto *rItem = new QStandardItem(r);
                rItem->setEditable(false);
                for (std::size_t w : list) {
                    const Workload &wl = inv.workloads[w];
                    auto *item = new QStandardItem(wl.id + QStringLiteral("  (") + enumQName(wl.kind) + u')');
                    item->setEditable(false);
                    item->setToolTip(wl.name);
                    item->setData(wl.id, IdRole);
                    item->setData(QStringLiteral("workload"), KindRole);
                    rItem->appendRow(item);
                }
                cItem->appendRow(rItem);
            }
            jItem->appendRow(cItem);
        }
        workloads->appendRow(jItem);
    }
    appendRow(workloads);
    auto *datasets = new QStandardItem(tr("Datasets (%1)").arg(inv.datasets.size()));
    datasets->setEditable(false);
    for (const Dataset &d : inv.datasets) {
        auto *item = new QStandardItem(d.id + QStringLiteral("  (") + enumQName(d.classification) + u')');
        item->setEditable(false);
        item->setToolTip(d.name + QStringLiteral("\nDouble-click: lineage focus"));
        item->setData(d.id, IdRole);
        item->setData(QStringLiteral("dataset"), KindRole);
        datasets->appendRow(item);
    }
    appendRow(datasets);
}

QModelIndex InventoryTreeModel::indexOfWorkload(const QString &id) const
{
    const QModelIndexList hits = match(index(0, 0), IdRole, id, 1, Qt::MatchExactly | Qt::MatchRecursive);
    return hits.isEmpty() ? QModelIndex() : hits.front();
}

} // namespace atlas
