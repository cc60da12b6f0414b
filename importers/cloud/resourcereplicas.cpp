// ResourceMapper, its copies part: replication rules, geo-redundancy, dual-regions and replicas
// resolved into flows once every file is read (a copy may name a resource of another file).
#include "resourcemapper.h"

#include "inventoryreader.h"
#include "mappersupport.h"

#include <deque>
#include <unordered_set>

namespace atlas {

using namespace mapping;

std::string ResourceMapper::matchKey(const std::string &nativeId)
{
    // Azure ids are case-insensitive; ARNs and the rest are compared as written.
    if (!nativeId.empty() && nativeId[0] == '/')
        return lowerNoSpace(nativeId);
    return nativeId;
}

void ResourceMapper::addReplicaFlow(std::uint32_t from, std::uint32_t to, const Replica &replica)
{
    Inventory &inv = m_doc.inventory;
    const Workload &src = inv.workloads[from];
    Flow f;
    f.from = src.id;
    f.to = inv.workloads[to].id;
    f.id = f.from + QStringLiteral("--") + f.to;
    for (int n = 2; m_ids.contains(f.id); ++n)
        f.id = f.from + QStringLiteral("--") + f.to + u'-' + QString::number(n);
    m_ids.insert(f.id, -1);
    f.fromSource = f.toSource = f.source = replica.source.isValid() ? replica.source : src.source;
    f.carries = src.holds;
    for (DatasetRef &carried : f.carries)
        carried.source = f.source;
    f.purpose = Purpose::Replication;
    // The destination holds what is copied to it, whether or not it is tagged itself.
    Workload &dst = inv.workloads[to];
    for (std::size_t i = 0; i < src.holds.size(); ++i)
        if (!containsRef(dst.holds, src.holds[i].id)) {
            dst.holds.push_back(DatasetRef{src.holds[i].id, f.source});
            dst.present |= fields::workload::Holds;
        }
    f.present = fields::flow::Id | fields::flow::From | fields::flow::To | fields::flow::Carries | fields::flow::Purpose;
    inv.flows.push_back(std::move(f));
    m_doc.ids.flows.push_back(replica.source.isValid() ? replica.source : src.source);
}

std::uint32_t ResourceMapper::addReplicaWorkload(std::uint32_t from, const QString &location, const QString &idSuffix,
                                                 const Replica &replica, bool ownName)
{
    Inventory &inv = m_doc.inventory;
    Workload w = inv.workloads[from]; // the same kind of store, holding the same data
    w.id = uniqueId(ownName ? idSuffix.toStdString() : QString(w.id + u'-' + idSuffix).toStdString(),
                    matchKey(m_nativeIds[from]) + idSuffix.toStdString(), int(inv.workloads.size()));
    w.name = w.name + QStringLiteral(" (replica, ") + idSuffix + u')';
    w.location = location;
    w.locationSource = replica.source.isValid() ? replica.source : w.source;
    w.tags.removeIf([](const Tag &t) { return t.key.startsWith(u"import."); });
    w.tags.append(Tag{QStringLiteral("import.replica-of"), inv.workloads[from].id});
    const auto index = std::uint32_t(inv.workloads.size());
    m_doc.ids.workloads.push_back(w.source);
    m_nativeIds.push_back({});
    inv.workloads.push_back(std::move(w));
    return index;
}

// Resources by the native id a copy names them with (matchKey()); the views point into `keys`,
// whose addresses are stable.
struct ResourceMapper::NativeIdLookup
{
    std::deque<std::string> keys;
    std::unordered_map<std::string_view, std::uint32_t> byNativeId;

    void add(std::string key, std::uint32_t workload) { byNativeId.emplace(keys.emplace_back(std::move(key)), workload); }
    const std::uint32_t *find(const std::string &nativeId) const
    {
        const auto it = byNativeId.find(matchKey(nativeId));
        return it == byNativeId.end() ? nullptr : &it->second;
    }
};

void ResourceMapper::resolveReplicas()
{
    if (m_replicas.empty() && m_links.empty())
        return;
    m_nativeIds.reserve(m_nativeIds.size() + m_replicas.size() + m_links.size());
    NativeIdLookup lookup;
    indexCopiedResources(lookup);
    queueLinks(lookup);
    for (const PendingReplica &p : m_replicas)
        resolveReplica(p, lookup);
}

void ResourceMapper::indexCopiedResources(NativeIdLookup &lookup) const
{
    // Only copies that name their destination need the lookup (not geo-redundancy by region).
    const bool needLookup = !m_links.empty()
        || std::any_of(m_replicas.begin(), m_replicas.end(), [](const PendingReplica &p) { return !p.replica.target.empty(); });
    if (!needLookup)
        return;
    // Index only the ids some copy names (a few thousand), not every resource's.
    std::unordered_set<std::string> wanted;
    for (const PendingLink &link : m_links) {
        wanted.insert(matchKey(link.sourceId));
        if (!link.replica.target.empty()) // becomes a pending copy below: its destination too
            wanted.insert(matchKey(link.replica.target));
    }
    for (const PendingReplica &p : m_replicas)
        if (!p.replica.target.empty())
            wanted.insert(matchKey(p.replica.target));
    for (std::uint32_t i = 0; i < m_nativeIds.size(); ++i) {
        if (m_nativeIds[i].empty())
            continue;
        std::string key = matchKey(m_nativeIds[i]);
        if (wanted.contains(key))
            lookup.add(std::move(key), i);
    }
}

// A copy described from its destination's side becomes a pending copy of its source.
void ResourceMapper::queueLinks(const NativeIdLookup &lookup)
{
    for (PendingLink &link : m_links) {
        const std::uint32_t *source = lookup.find(link.sourceId);
        if (!source) {
            note(m_report.assumptions, link.replica.source, qs(link.sourceId), "", QStringLiteral("replication source not in the export"),
                 QStringLiteral("%1 describes a copy of '%2', which is not in the imported files; no flow recorded")
                     .arg(qs(link.replica.via), qs(link.sourceId)));
            continue;
        }
        m_replicas.push_back(PendingReplica{*source, std::move(link.replica)});
    }
}

void ResourceMapper::resolveReplica(const PendingReplica &p, NativeIdLookup &lookup)
{
    const Replica &rep = p.replica;
    const QString srcId = m_doc.inventory.workloads[p.workload].id;
    if (m_doc.inventory.workloads[p.workload].holds.empty()) {
        note(m_report.assumptions, rep.source, srcId, "", QStringLiteral("replication of unclassified data"),
             QStringLiteral("%1 copies this resource's data, but it holds no classified dataset: no flow recorded — classify it to check the copy")
                 .arg(qs(rep.via)));
        return;
    }
    const std::uint32_t to = rep.target.empty() ? replicaInRegion(p, srcId) : namedReplica(p, srcId, lookup);
    if (to != p.workload)
        addReplicaFlow(p.workload, to, rep);
}

// The copy's destination named by its id; outside the export, a workload of unknown location.
std::uint32_t ResourceMapper::namedReplica(const PendingReplica &p, const QString &srcId, NativeIdLookup &lookup)
{
    const Replica &rep = p.replica;
    if (const std::uint32_t *known = lookup.find(rep.target))
        return *known;
    // The destination is outside the export: its location cannot be known.
    Inventory &inv = m_doc.inventory;
    std::string name = rep.target.substr(rep.target.find_last_of(":/") + 1);
    const std::uint32_t to = addReplicaWorkload(p.workload, QStringLiteral("unknown"), qs(slug(name)), rep, true);
    inv.workloads[to].name = qs(name);
    lookup.add(matchKey(rep.target), to);
    note(m_report.assumptions, rep.source, inv.workloads[to].id, "", QStringLiteral("replication target outside the export"),
         QStringLiteral("%1 copies '%2' to '%3', which is not in the imported files: location unknown (add it, or set its location in an overlay)")
             .arg(qs(rep.via), srcId, qs(rep.target)));
    return to;
}

// A copy to a region (geo-redundancy, dual-regions), or to the source's paired region: a new
// workload there, of unknown location when the pair is not known.
std::uint32_t ResourceMapper::replicaInRegion(const PendingReplica &p, const QString &srcId)
{
    const Replica &rep = p.replica;
    std::string region = rep.region;
    if (rep.toPairedRegion) {
        const QString srcRegion = m_doc.inventory.workloads[p.workload].location.section(u':', 1);
        const auto pair = m_pairs.find(rep.provider + ':' + srcRegion.toStdString());
        if (pair != m_pairs.end())
            region = pair->second;
        else
            region = m_catalog.pairedRegion(qs(rep.provider), srcRegion).toStdString();
        if (region.empty()) {
            const std::uint32_t to = addReplicaWorkload(p.workload, QStringLiteral("unknown"), QStringLiteral("geo-replica"), rep, false);
            note(m_report.assumptions, rep.source, m_doc.inventory.workloads[to].id, "", QStringLiteral("paired region unknown"),
                 QStringLiteral("%1 replicates '%2' to the paired region of %3, which the catalog does not list: location unknown (give an az account list-locations file)")
                     .arg(qs(rep.via), srcId, srcRegion));
            return to;
        }
    }
    return addReplicaWorkload(p.workload, qs(rep.provider) + u':' + qs(region), qs(region), rep, false);
}

} // namespace atlas
