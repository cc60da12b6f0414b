#include "georedundancy.h"

#include <algorithm>

namespace atlas {

QString geoPairWorkloadId(const QString &workload)
{
    return workload + QStringLiteral("~pair");
}

QString geoFlowId(const QString &workload)
{
    return workload + QStringLiteral("~geo");
}

bool isImplicitGeoId(const QString &id)
{
    return id.endsWith(u"~pair") || id.endsWith(u"~geo");
}

QString pairedLocation(const Catalog &catalog, const QString &location)
{
    const qsizetype colon = location.indexOf(u':');
    if (colon <= 0)
        return QStringLiteral("unknown");
    const QString provider = location.left(colon);
    const QString paired = catalog.pairedRegion(provider, location.mid(colon + 1));
    return paired.isEmpty() ? QStringLiteral("unknown") : provider + u':' + paired;
}

namespace {

// The copy in the pair: the same kind of workload and operator, holding the same data.
Workload pairWorkload(const Workload &w, const Catalog &catalog)
{
    Workload copy = w;
    copy.id = geoPairWorkloadId(w.id);
    copy.name = (w.name.isEmpty() ? w.id : w.name) + QStringLiteral(" (geo-redundant copy)");
    copy.location = pairedLocation(catalog, w.location);
    copy.geoRedundant.reset();
    copy.present &= ~fields::workload::GeoRedundant;
    return copy;
}

Flow geoFlow(const Workload &w, std::uint32_t from, std::uint32_t to)
{
    Flow f;
    f.id = geoFlowId(w.id);
    f.from = w.id;
    f.to = geoPairWorkloadId(w.id);
    f.fromIndex = from;
    f.toIndex = to;
    f.fromSource = f.toSource = f.source = w.source;
    f.carries = w.holds;
    f.purpose = Purpose::Replication;
    f.present = fields::flow::Id | fields::flow::From | fields::flow::To | fields::flow::Carries | fields::flow::Purpose;
    return f;
}

} // namespace

namespace {

bool hasImplicit(const Inventory &inventory)
{
    return std::any_of(inventory.workloads.begin(), inventory.workloads.end(), [](const Workload &w) { return isImplicitGeoId(w.id); });
}

// `inventory` without the copies of an earlier expansion, references linked again: a scenario
// built from an analysed inventory is expanded afresh, from where its stores are now.
Inventory withoutImplicit(const Inventory &inventory)
{
    Inventory out = inventory;
    std::erase_if(out.workloads, [](const Workload &w) { return isImplicitGeoId(w.id); });
    std::erase_if(out.flows, [](const Flow &f) { return isImplicitGeoId(f.id) || isImplicitGeoId(f.from) || isImplicitGeoId(f.to); });
    std::erase_if(out.access, [](const Access &a) { return isImplicitGeoId(a.to); });
    out.buildIndex();
    for (Flow &f : out.flows) {
        f.fromIndex = std::uint32_t(out.workloadIndex(f.from));
        f.toIndex = std::uint32_t(out.workloadIndex(f.to));
    }
    for (Access &a : out.access)
        a.toIndex = std::uint32_t(out.workloadIndex(a.to));
    return out;
}

} // namespace

std::optional<Inventory> expandGeoRedundancy(const Inventory &inventory, const Catalog &catalog)
{
    const auto geo = [](const Workload &w) { return w.geoRedundant.value_or(false) && !w.holds.empty(); };
    const bool stale = hasImplicit(inventory);
    if (!stale && std::none_of(inventory.workloads.begin(), inventory.workloads.end(), geo))
        return std::nullopt;
    Inventory out = stale ? withoutImplicit(inventory) : inventory;
    const std::size_t count = out.workloads.size();
    for (std::size_t i = 0; i < count; ++i) {
        if (!geo(out.workloads[i]))
            continue;
        const auto to = std::uint32_t(out.workloads.size());
        out.workloads.push_back(pairWorkload(out.workloads[i], catalog));
        out.flows.push_back(geoFlow(out.workloads[i], std::uint32_t(i), to));
    }
    out.buildIndex();
    return out;
}

} // namespace atlas
