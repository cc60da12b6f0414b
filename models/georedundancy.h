// Geo-redundancy as implicit flows (policy-rules.md, revision 2b): a workload declared
// `geo_redundant: true` has its data copied by the provider to its region's pair. Before facts
// are derived, each one gains a copy of itself in the paired region (id "<workload>~pair") and a
// replication flow to it (id "<workload>~geo"), checked like any flow. A pair the catalog does
// not know is a copy of unknown location: unknown is never assumed to be home.
#pragma once

#include "catalog.h"
#include "inventory.h"

#include <optional>

namespace atlas {

// The implicit workload and flow ids of `workload`'s geo-redundant copy.
QString geoPairWorkloadId(const QString &workload);
QString geoFlowId(const QString &workload);
// Whether `id` names an implicit entity added by expandGeoRedundancy().
bool isImplicitGeoId(const QString &id);

// The paired location of `location` ("azure:brazilsouth" → "azure:southcentralus"), or
// "unknown" when the reference is not a provider region or the catalog lists no pair.
QString pairedLocation(const Catalog &catalog, const QString &location);

// `inventory` with the implicit copies added, or nothing when no workload is geo-redundant
// (the common case costs no copy). Copies of an earlier expansion (an inventory built from an
// analysed one: a scenario) are dropped and made again from where the stores are now. Flows and
// references of the result are linked.
std::optional<Inventory> expandGeoRedundancy(const Inventory &inventory, const Catalog &catalog);

} // namespace atlas
