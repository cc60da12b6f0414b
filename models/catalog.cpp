#include "catalog.h"

#include <QSet>

#include <algorithm>

namespace atlas {

QString confidenceName(Confidence c)
{
    switch (c) {
    case Confidence::High: return QStringLiteral("high");
    case Confidence::Medium: return QStringLiteral("medium");
    case Confidence::Low: return QStringLiteral("low");
    }
    return {};
}

QString Provenance::describe() const
{
    QString out = source + QStringLiteral(" (as of ") + asOf.toString(Qt::ISODate);
    if (!verified)
        out += QStringLiteral(", unverified");
    else if (confidence != Confidence::High)
        out += QStringLiteral(", confidence ") + confidenceName(confidence);
    return out + u')';
}

QString transferRegimeName(TransferRegime r)
{
    switch (r) {
    case TransferRegime::NotCatalogued: return QStringLiteral("not catalogued");
    case TransferRegime::Allowlist: return QStringLiteral("allowlist");
    case TransferRegime::Open: return QStringLiteral("open");
    case TransferRegime::NegativeList: return QStringLiteral("negative_list");
    case TransferRegime::Approval: return QStringLiteral("approval");
    case TransferRegime::BasisRequired: return QStringLiteral("basis_required");
    }
    return {};
}

std::optional<TransferRegime> parseTransferRegime(const QString &text)
{
    for (TransferRegime r : {TransferRegime::Allowlist, TransferRegime::Open,
                             TransferRegime::NegativeList, TransferRegime::Approval,
                             TransferRegime::BasisRequired})
        if (transferRegimeName(r) == text)
            return r;
    return std::nullopt;
}

QString Validity::describe() const
{
    if (from.isValid() && until.isValid())
        return from.toString(Qt::ISODate) + QStringLiteral(" to ") + until.toString(Qt::ISODate);
    if (from.isValid())
        return QStringLiteral("from ") + from.toString(Qt::ISODate);
    if (until.isValid())
        return QStringLiteral("until ") + until.toString(Qt::ISODate);
    return {};
}

QString Catalog::key(const QString &provider, const QString &code)
{
    return provider + u':' + code.toLower();
}

void Catalog::finalize()
{
    // Countries that are their own jurisdiction need no hand-written entry: synthesise one with
    // no catalogued transfer regime, carrying the country entry's provenance.
    QSet<QString> known;
    for (const Jurisdiction &j : jurisdictions)
        known.insert(j.id);
    for (const Country &c : countries) {
        if (c.jurisdiction == c.code && !known.contains(c.code)) {
            Jurisdiction j;
            j.id = c.code;
            j.name = c.name;
            j.provenance = c.provenance;
            jurisdictions.push_back(j);
            known.insert(c.code);
        }
    }

    auto index = [](auto &hash, const auto &items, auto keyOf) {
        hash.clear();
        hash.reserve(qsizetype(items.size()));
        for (std::size_t i = 0; i < items.size(); ++i)
            hash.insert(keyOf(items[i]), int(i));
    };
    index(m_jurisdictions, jurisdictions, [](const Jurisdiction &j) { return j.id; });
    m_periodic.clear();
    for (const Jurisdiction &j : jurisdictions)
        if (j.validity.bounded())
            m_periodic.insert(j.id);
    index(m_countries, countries, [](const Country &c) { return c.code; });
    index(m_operators, operators, [](const Operator &o) { return o.id; });
    index(m_regions, regions, [](const Region &r) { return key(r.provider, r.code); });
    index(m_zones, zones, [](const Zone &z) { return key(z.provider, z.code); });
    index(m_multiRegions, multiRegions,
          [](const MultiRegion &m) { return key(m.provider, m.code); });

    QSet<QString> providers;
    for (const Region &r : regions)
        providers.insert(r.provider);
    m_providers = QStringList(providers.begin(), providers.end());
    m_providers.sort();
}

template <typename T>
static const T *lookup(const QHash<QString, int> &hash, const std::vector<T> &items,
                       const QString &key)
{
    const int i = hash.value(key, -1);
    return i < 0 ? nullptr : &items[std::size_t(i)];
}

const Jurisdiction *Catalog::jurisdiction(const QString &id) const
{
    return lookup(m_jurisdictions, jurisdictions, id);
}

const Jurisdiction *Catalog::jurisdictionAt(const QString &id, const QDate &date) const
{
    const Jurisdiction *latest = jurisdiction(id);
    if (!latest || !date.isValid() || !m_periodic.contains(id))
        return latest;
    // Backwards: a later file (an override) wins over the embedded entries it shadows.
    for (auto j = jurisdictions.rbegin(); j != jurisdictions.rend(); ++j)
        if (j->id == id && j->validity.covers(date))
            return &*j;
    return nullptr;
}

const Country *Catalog::country(const QString &code) const
{
    return lookup(m_countries, countries, code);
}

const Operator *Catalog::findOperator(const QString &id) const
{
    return lookup(m_operators, operators, id);
}

const Region *Catalog::region(const QString &provider, const QString &code) const
{
    return lookup(m_regions, regions, key(provider, code));
}

const Zone *Catalog::zone(const QString &provider, const QString &code) const
{
    return lookup(m_zones, zones, key(provider, code));
}

const MultiRegion *Catalog::multiRegion(const QString &provider, const QString &code) const
{
    return lookup(m_multiRegions, multiRegions, key(provider, code));
}

QString Catalog::pairedRegion(const QString &provider, const QString &code) const
{
    const Region *r = region(provider, code);
    return r ? r->paired : QString();
}

bool Catalog::hasProvider(const QString &provider) const
{
    return m_providers.contains(provider);
}

QStringList Catalog::providers() const
{
    return m_providers;
}

QString Catalog::jurisdictionOf(const QString &countryOrJurisdiction) const
{
    if (const Country *c = country(countryOrJurisdiction))
        return c->jurisdiction;
    if (jurisdiction(countryOrJurisdiction))
        return countryOrJurisdiction;
    return {};
}

const ExtraterritorialLaw *Catalog::extraterritorialLaw(const QString &hqCountry,
                                                        const QString &parentCountry) const
{
    const QString hq = jurisdictionOf(hqCountry);
    const QString parent = parentCountry.isEmpty() ? QString() : jurisdictionOf(parentCountry);
    for (const ExtraterritorialLaw &law : laws) {
        if (!hq.isEmpty() && law.jurisdiction == hq)
            return &law;
        if (law.reach == ExtraterritorialLaw::Reach::HqOrParent && !parent.isEmpty()
            && law.jurisdiction == parent)
            return &law;
    }
    return nullptr;
}

QDate Catalog::newestAsOf() const
{
    QDate newest;
    auto consider = [&](const auto &items) {
        for (const auto &item : items)
            if (!newest.isValid() || item.provenance.asOf > newest)
                newest = item.provenance.asOf;
    };
    consider(jurisdictions);
    consider(countries);
    consider(operators);
    consider(laws);
    consider(mandates);
    consider(regions);
    consider(zones);
    consider(multiRegions);
    for (const Region &r : regions)
        if (r.pairedAsOf.isValid() && r.pairedAsOf > newest)
            newest = r.pairedAsOf;
    return newest;
}

} // namespace atlas
