// Location references (`aws:eu-central-1`, `gcp:europe-west3-a`, `gcp:eu`, `aws:global`,
// `site:fra-dc1`, `DE`, `unknown`) and their resolution to provider, region, country and
// jurisdiction through the catalog. One function resolves every form; it never guesses from a
// name: a code the catalog does not list resolves to unknown residency with the reason.
#pragma once

#include "catalog.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace atlas {

struct Inventory;

enum class LocationForm : std::uint8_t {
    Region,       // PROVIDER:REGION
    Zone,         // a zone of a region, or a listed Local/Wavelength zone
    MultiRegion,  // gcp:eu, gcp:eur4, …
    Global,       // PROVIDER:global
    Site,         // site:ID
    Country,      // DE
    Unknown,      // the literal `unknown`
    Unresolved    // well-formed but not in the catalog (unknown region, provider or site)
};
QString locationFormName(LocationForm form);

struct ResolvedLocation
{
    QString reference;        // as written
    LocationForm form = LocationForm::Unknown;
    QString provider;
    QString region;           // canonical region code (zones resolve to their region)
    QString zone;
    QString country;          // ISO code; empty for multi-regions, global and unknown
    QString jurisdiction;     // empty = unknown
    QString operatorId;       // the default operator: region's operator, site's operator, self
    bool sovereign = false;
    QString problem;          // why residency is unknown, when it is
    QStringList sources;      // provenance of every catalog entry used

    bool isKnown() const { return !jurisdiction.isEmpty(); }
    // Unknown regions/providers/countries are input warnings; `unknown` and `global` are not.
    bool needsWarning() const { return form == LocationForm::Unresolved; }
};

// nullopt when well-formed; otherwise the reason, naming the accepted forms.
std::optional<QString> locationSyntaxError(const QString &reference);

// Resolves a location reference. `sites` supplies `site:ID` (may be null: sites then unresolved).
ResolvedLocation resolveLocation(const Catalog &catalog, const QString &reference,
                                 const Inventory *sites = nullptr);

} // namespace atlas
