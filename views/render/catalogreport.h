// The report of the `catalog` command: how each location reference resolves (provider, region,
// country, jurisdiction, transfer regime, default operator and the law that reaches it), with
// the provenance of every fact used; and listings of the catalog's tables.
#pragma once

#include "catalog.h"
#include "location.h"

#include <QJsonObject>

namespace atlas {

QJsonObject locationJson(const Catalog &catalog, const ResolvedLocation &loc);
QString locationText(const Catalog &catalog, const ResolvedLocation &loc);

// Listing kinds: jurisdictions, countries, operators, regions, zones, multi-regions, mandates, laws.
QStringList catalogListKinds();
QJsonObject catalogListJson(const Catalog &catalog, const QString &kind);
QString catalogListText(const Catalog &catalog, const QString &kind);
QString catalogSummaryText(const Catalog &catalog);
QJsonObject catalogSummaryJson(const Catalog &catalog);

} // namespace atlas
