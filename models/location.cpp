#include "location.h"

#include "inventory.h"

#include <QRegularExpression>
#include <QSet>

namespace atlas {

QString locationFormName(LocationForm form)
{
    switch (form) {
    case LocationForm::Region: return QStringLiteral("region");
    case LocationForm::Zone: return QStringLiteral("zone");
    case LocationForm::MultiRegion: return QStringLiteral("multi-region");
    case LocationForm::Global: return QStringLiteral("global");
    case LocationForm::Site: return QStringLiteral("site");
    case LocationForm::Country: return QStringLiteral("country");
    case LocationForm::Unknown: return QStringLiteral("unknown");
    case LocationForm::Unresolved: return QStringLiteral("unresolved");
    }
    return {};
}

namespace {

bool isCountryCode(const QString &s)
{
    return s.size() == 2 && s[0] >= u'A' && s[0] <= u'Z' && s[1] >= u'A' && s[1] <= u'Z';
}

const QRegularExpression &providerRefPattern()
{
    static const QRegularExpression re(QStringLiteral("^([a-z][a-z0-9-]*):([A-Za-z0-9][A-Za-z0-9._-]*)$"));
    return re;
}

const QRegularExpression &idPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9][a-z0-9._-]*$"));
    return re;
}

void applyRegion(ResolvedLocation &out, const Catalog &catalog, const Region &r)
{
    out.provider = r.provider;
    out.region = r.code;
    out.country = r.country;
    out.jurisdiction = catalog.jurisdictionOf(r.country);
    out.operatorId = r.operatorId.isEmpty() ? r.provider : r.operatorId;
    out.sovereign = r.sovereign;
    out.sources << QStringLiteral("region ") + r.provider + u':' + r.code + QStringLiteral(": ")
                       + r.provenance.describe();
}

void addCountrySource(ResolvedLocation &out, const Catalog &catalog)
{
    if (const Country *c = catalog.country(out.country))
        out.sources << QStringLiteral("country ") + c->code + QStringLiteral(" → ")
                           + c->jurisdiction + QStringLiteral(": ") + c->provenance.describe();
}

// The provider's documented zone naming: AWS `eu-central-1a`, GCP `europe-west3-a`,
// Azure `westeurope-1` (zones are numbers). Returns the region code, or empty.
QString regionOfZone(const QString &provider, const QString &code)
{
    static const QRegularExpression aws(QStringLiteral("^(.+-\\d+)([a-z])$"));
    static const QRegularExpression gcp(QStringLiteral("^(.+\\d)-([a-z])$"));
    static const QRegularExpression azure(QStringLiteral("^([a-z0-9]+)-([1-3])$"));
    const QRegularExpression *re = nullptr;
    if (provider == u"aws")
        re = &aws;
    else if (provider == u"gcp")
        re = &gcp;
    else if (provider == u"azure")
        re = &azure;
    if (!re)
        return {};
    const auto m = re->match(code);
    return m.hasMatch() ? m.captured(1) : QString();
}

void resolveMultiRegion(ResolvedLocation &out, const Catalog &catalog, const MultiRegion &m)
{
    out.form = LocationForm::MultiRegion;
    out.provider = m.provider;
    out.region = m.code;
    out.operatorId = m.provider;
    out.sources << QStringLiteral("multi-region ") + m.provider + u':' + m.code
                       + QStringLiteral(": ") + m.provenance.describe();
    if (!m.jurisdiction.isEmpty()) {
        out.jurisdiction = m.jurisdiction;
        return;
    }
    QSet<QString> jurisdictions;
    for (const QString &code : m.regions) {
        if (const Region *r = catalog.region(m.provider, code))
            jurisdictions.insert(catalog.jurisdictionOf(r->country));
        else
            jurisdictions.insert(QString());
    }
    for (const QString &country : m.countries)
        jurisdictions.insert(catalog.jurisdictionOf(country));
    if (jurisdictions.size() == 1 && !jurisdictions.begin()->isEmpty()) {
        out.jurisdiction = *jurisdictions.begin();
    } else {
        QStringList list(jurisdictions.begin(), jurisdictions.end());
        list.removeAll(QString());
        list.sort();
        out.problem = list.size() > 1
            ? QStringLiteral("multi-region spans several jurisdictions (") + list.join(u", ") + u')'
            : QStringLiteral("the catalog does not say which countries this multi-region spans");
    }
}

void resolveProviderRef(ResolvedLocation &out, const Catalog &catalog, const QString &provider,
                        const QString &code)
{
    out.provider = provider;
    if (!catalog.hasProvider(provider)) {
        out.form = LocationForm::Unresolved;
        out.problem = QStringLiteral("provider '") + provider
            + QStringLiteral("' is not in the catalog (known: ") + catalog.providers().join(u", ")
            + u')';
        return;
    }
    if (code == u"global" || (provider == u"aws" && code == u"aws-global")) {
        out.form = LocationForm::Global;
        out.region = QStringLiteral("global");
        out.operatorId = provider;
        out.problem = QStringLiteral("global service: data may be anywhere the provider operates");
        return;
    }
    if (const Region *r = catalog.region(provider, code)) {
        out.form = LocationForm::Region;
        applyRegion(out, catalog, *r);
        addCountrySource(out, catalog);
        return;
    }
    if (const Zone *z = catalog.zone(provider, code)) {
        out.form = LocationForm::Zone;
        out.zone = z->code;
        if (const Region *r = catalog.region(provider, z->region))
            applyRegion(out, catalog, *r);
        // A Local/Wavelength zone may sit in another country than its parent region.
        out.region = z->region;
        out.country = z->country;
        out.jurisdiction = catalog.jurisdictionOf(z->country);
        out.sources << QStringLiteral("zone ") + provider + u':' + z->code + QStringLiteral(": ")
                           + z->provenance.describe();
        addCountrySource(out, catalog);
        return;
    }
    if (const MultiRegion *m = catalog.multiRegion(provider, code)) {
        resolveMultiRegion(out, catalog, *m);
        return;
    }
    const QString parent = regionOfZone(provider, code);
    if (!parent.isEmpty()) {
        if (const Region *r = catalog.region(provider, parent)) {
            out.form = LocationForm::Zone;
            out.zone = code;
            applyRegion(out, catalog, *r);
            addCountrySource(out, catalog);
            return;
        }
    }
    out.form = LocationForm::Unresolved;
    out.problem = QStringLiteral("region '") + code + QStringLiteral("' of provider '") + provider
        + QStringLiteral("' is not in the catalog");
}

} // namespace

std::optional<QString> locationSyntaxError(const QString &reference)
{
    if (reference == u"unknown" || isCountryCode(reference))
        return std::nullopt;
    if (reference.startsWith(u"site:")) {
        if (idPattern().match(reference.mid(5)).hasMatch())
            return std::nullopt;
        return QStringLiteral("invalid location reference '") + reference
            + QStringLiteral("': a site id matches [a-z0-9][a-z0-9._-]*");
    }
    if (providerRefPattern().match(reference).hasMatch())
        return std::nullopt;
    return QStringLiteral("invalid location reference '") + reference
        + QStringLiteral("'; expected PROVIDER:REGION (aws:eu-central-1), a zone "
                         "(gcp:europe-west3-a), site:ID, an ISO country code (DE) or unknown");
}

ResolvedLocation resolveLocation(const Catalog &catalog, const QString &reference,
                                 const Inventory *sites)
{
    ResolvedLocation out;
    out.reference = reference;
    if (reference == u"unknown") {
        out.form = LocationForm::Unknown;
        out.problem = QStringLiteral("declared unknown");
        return out;
    }
    if (isCountryCode(reference)) {
        out.country = reference;
        out.operatorId = QStringLiteral("self");
        if (catalog.country(reference)) {
            out.form = LocationForm::Country;
            out.jurisdiction = catalog.jurisdictionOf(reference);
            addCountrySource(out, catalog);
        } else {
            out.form = LocationForm::Unresolved;
            out.country.clear();
            out.problem = QStringLiteral("'") + reference
                + QStringLiteral("' is not an ISO 3166-1 country code in the catalog");
        }
        return out;
    }
    if (reference.startsWith(u"site:")) {
        const QString id = reference.mid(5);
        const Site *site = sites ? sites->site(id) : nullptr;
        if (!site) {
            out.form = LocationForm::Unresolved;
            out.problem = QStringLiteral("unknown site '") + id + u'\'';
            return out;
        }
        out.form = LocationForm::Site;
        out.country = site->country;
        out.operatorId = site->operatorId.isEmpty() ? QStringLiteral("self") : site->operatorId;
        out.jurisdiction = catalog.jurisdictionOf(site->country);
        if (out.jurisdiction.isEmpty())
            out.problem = QStringLiteral("site country '") + site->country
                + QStringLiteral("' is not in the catalog");
        addCountrySource(out, catalog);
        return out;
    }
    const auto m = providerRefPattern().match(reference);
    if (!m.hasMatch()) {
        out.form = LocationForm::Unresolved;
        out.problem = *locationSyntaxError(reference);
        return out;
    }
    resolveProviderRef(out, catalog, m.captured(1), m.captured(2));
    return out;
}

} // namespace atlas
