// The catalog of facts Residency Atlas reasons with (docs/catalog-format.md): jurisdictions and
// their transfer regimes, countries, operators, regions/zones/multi-regions, localisation
// mandates and extraterritorial laws. Every entry carries its provenance; nothing here is
// computed from names. Loaded by importers/catalogimporter; looked up by location resolution.
#pragma once

#include "enums.h"

#include <QDate>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace atlas {

enum class Confidence : std::uint8_t { High, Medium, Low };
QString confidenceName(Confidence c);

struct Provenance
{
    QString source;
    QDate asOf;
    Confidence confidence = Confidence::High;
    bool verified = true;
    QString note;

    // "source (as of 2026-01-21)" plus ", unverified" / ", confidence medium" where it applies.
    QString describe() const;
};

enum class TransferRegime : std::uint8_t { NotCatalogued, Allowlist, Open, NegativeList, Approval };
QString transferRegimeName(TransferRegime r);
std::optional<TransferRegime> parseTransferRegime(const QString &text);

struct AdequacyEntry
{
    QString to;                                // jurisdiction id (country codes are resolved)
    std::optional<Certification> condition;    // recipient must hold this certification
    QString partial;                           // non-empty: partial adequacy, its scope
    Provenance provenance;
};

struct Jurisdiction
{
    QString id;
    QString name;
    QString law;
    QString transferLaw;                       // the articles governing transfers out ("GDPR Art. 44-49")
    TransferRegime regime = TransferRegime::NotCatalogued;
    std::vector<AdequacyEntry> adequacy;       // allowlist
    QStringList restricted;                    // negative_list
    Provenance provenance;
};

struct Country
{
    QString code;
    QString name;
    QString jurisdiction;
    Provenance provenance;
};

struct Operator
{
    QString id;
    QString name;
    QString hqCountry;
    QString parentCountry;
    bool sovereign = false;
    Provenance provenance;
};

struct ExtraterritorialLaw
{
    enum class Reach : std::uint8_t { Hq, HqOrParent };
    QString id;
    QString jurisdiction;
    QString name;
    Reach reach = Reach::Hq;
    Provenance provenance;
};

struct LocalisationMandate
{
    enum class Kind : std::uint8_t { Storage, PrimaryCopy };
    QString id;
    QString jurisdiction;
    QString name;
    CategorySet categories;
    Kind kind = Kind::Storage;
    bool conditional = false;
    Provenance provenance;
};

struct Region
{
    QString provider;
    QString code;
    QString name;
    QString city;
    QString country;
    QString partition;
    QString operatorId;                        // defaults to the provider
    bool sovereign = false;
    Provenance provenance;
    // Where geo-redundant storage (Azure GRS/RA-GRS/GZRS) replicates to: a region code of the same
    // provider, empty when the catalog knows none. A fact of its own, so with its own source and
    // as-of date (the region's provenance may name another source).
    QString paired;
    QString pairedSource;
    QDate pairedAsOf;
};

struct Zone
{
    QString provider;
    QString code;
    QString region;
    QString kind;                              // local_zone, wavelength_zone, …
    QString city;
    QString country;
    Provenance provenance;
};

struct MultiRegion
{
    QString provider;
    QString code;
    QString name;
    QString jurisdiction;                      // given directly, or
    QStringList regions;                       // the regions it spans, or
    QStringList countries;                     // the countries it spans
    Provenance provenance;
};

class Catalog
{
public:
    std::vector<Jurisdiction> jurisdictions;
    std::vector<Country> countries;
    std::vector<Operator> operators;
    std::vector<ExtraterritorialLaw> laws;
    std::vector<LocalisationMandate> mandates;
    std::vector<Region> regions;
    std::vector<Zone> zones;
    std::vector<MultiRegion> multiRegions;

    // Builds the lookup indexes and the implicit jurisdictions of countries that are their own
    // jurisdiction without an entry. Call once after filling the vectors.
    void finalize();

    const Jurisdiction *jurisdiction(const QString &id) const;
    const Country *country(const QString &code) const;
    const Operator *findOperator(const QString &id) const;
    const Region *region(const QString &provider, const QString &code) const;
    const Zone *zone(const QString &provider, const QString &code) const;
    const MultiRegion *multiRegion(const QString &provider, const QString &code) const;
    // The paired region's code (Region::paired); empty when the region is unknown or has none.
    QString pairedRegion(const QString &provider, const QString &code) const;
    bool hasProvider(const QString &provider) const;
    QStringList providers() const;

    // "DE" → "EU", "EU" → "EU", "GB" → "UK"; empty when neither a country nor a jurisdiction.
    QString jurisdictionOf(const QString &countryOrJurisdiction) const;

    // The law (if any) that makes an operator extraterritorial; `self` never is.
    const ExtraterritorialLaw *extraterritorialLaw(const QString &hqCountry,
                                                   const QString &parentCountry = {}) const;

    // The newest as-of date of any entry: the catalog's "facts as of".
    QDate newestAsOf() const;

private:
    static QString key(const QString &provider, const QString &code);
    QHash<QString, int> m_jurisdictions;
    QHash<QString, int> m_countries;
    QHash<QString, int> m_operators;
    QHash<QString, int> m_regions;
    QHash<QString, int> m_zones;
    QHash<QString, int> m_multiRegions;
    QStringList m_providers;
};

} // namespace atlas
