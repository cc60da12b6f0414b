// The catalog of facts Residency Atlas reasons with (docs/catalog-format.md): jurisdictions and
// their transfer regimes, countries, operators, regions/zones/multi-regions, localisation
// mandates and extraterritorial laws. Every entry carries its provenance; nothing here is
// computed from names. Loaded by importers/catalogimporter; looked up by location resolution.
#pragma once

#include "enums.h"

#include <QDate>
#include <QHash>
#include <QSet>
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

// When a dated fact is in force (revision 2b, the law as of a date): from `from` through `until`
// inclusive; a null end is open. A null date asked about is "whenever": every period covers it.
struct Validity
{
    QDate from;
    QDate until;
    bool covers(const QDate &date) const
    {
        return !date.isValid() || ((!from.isValid() || date >= from) && (!until.isValid() || date <= until));
    }
    bool bounded() const { return from.isValid() || until.isValid(); }
    // "from 2027-05-13", "until 2027-05-12", "2023-07-10 to 2031-12-27"; empty when open.
    QString describe() const;
};

// BasisRequired (revision 2b): no destination is adequate by itself, but a recorded basis (consent,
// a contract binding the recipient, …) makes a transfer lawful (India's SPDI Rules 2011, Rule 7).
enum class TransferRegime : std::uint8_t { NotCatalogued, Allowlist, Open, NegativeList, Approval, BasisRequired };
QString transferRegimeName(TransferRegime r);
std::optional<TransferRegime> parseTransferRegime(const QString &text);

struct AdequacyEntry
{
    QString to;                                // jurisdiction id (country codes are resolved)
    std::optional<Certification> condition;    // recipient must hold this certification
    QString partial;                           // non-empty: partial adequacy, its scope
    Validity validity;
    Provenance provenance;
};

// Bases a regime does not accept in some cases (China: no standard contract, certification or
// consent for a handler an Art. 40 mandate binds; only a CAC security assessment counts).
struct BasisRule
{
    enum class When : std::uint8_t { Always, MandateApplies };
    QString id;
    When when = When::Always;
    EnumSet<Basis> notCounted;
    QString instead;                           // what counts there, in words
    Validity validity;
    Provenance provenance;
};

// A step the regime requires before any transfer out (Russia: notify Roskomnadzor and assess the
// recipient; China: a PIPIA). Met by `notified: true` / `assessed: DATE` on the flow or access.
struct PriorStep
{
    enum class Kind : std::uint8_t { Notification, Assessment };
    QString id;
    Kind kind = Kind::Notification;
    QString name;
    Validity validity;
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
    std::vector<BasisRule> basisRules;
    std::vector<PriorStep> priorSteps;
    Validity validity;                         // one id may have several entries, one per period
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
    // A conditional mandate that binds the organisation (PIPL Art. 40): once one dataset of the
    // origin declares `localisation: applies`, it applies to every dataset it covers that does
    // not declare `exempt`.
    bool handlerScope = false;
    // > 0: processing abroad is allowed when the data is deleted there within this many hours
    // (RBI 2019 FAQ): a flow to a workload abroad that does not store it is a review, not a breach.
    int processingAbroadHours = 0;
    Validity validity;
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

    // The entry of `id`; of several (one per period), the last one — the law from its newest period on.
    const Jurisdiction *jurisdiction(const QString &id) const;
    // The entry of `id` in force on `date` (a null date: jurisdiction(id)); null when no entry's
    // period covers the date.
    const Jurisdiction *jurisdictionAt(const QString &id, const QDate &date) const;
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
    QSet<QString> m_periodic;                  // ids with a dated entry
    QHash<QString, int> m_countries;
    QHash<QString, int> m_operators;
    QHash<QString, int> m_regions;
    QHash<QString, int> m_zones;
    QHash<QString, int> m_multiRegions;
    QStringList m_providers;
};

} // namespace atlas
