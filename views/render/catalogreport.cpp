#include "catalogreport.h"

#include "jsonwriter.h"
#include "residency.h"
#include "texttable.h"

#include <QJsonArray>

namespace atlas {

namespace {

QJsonObject provenanceJson(const Provenance &p)
{
    QJsonObject o{{QStringLiteral("source"), p.source},
                  {QStringLiteral("as_of"), p.asOf.toString(Qt::ISODate)},
                  {QStringLiteral("confidence"), confidenceName(p.confidence)},
                  {QStringLiteral("verified"), p.verified}};
    if (!p.note.isEmpty())
        o.insert(QStringLiteral("note"), p.note);
    return o;
}

QString yesNo(bool b)
{
    return b ? QStringLiteral("yes") : QStringLiteral("no");
}

// The region's paired region with the pair fact's own provenance; null when it has none.
QJsonValue pairedJson(const Region *r)
{
    if (!r || r->paired.isEmpty())
        return QJsonValue();
    return QJsonObject{{QStringLiteral("region"), r->paired},
                       {QStringLiteral("source"), r->pairedSource},
                       {QStringLiteral("as_of"), r->pairedAsOf.toString(Qt::ISODate)}};
}

} // namespace

QJsonObject locationJson(const Catalog &catalog, const ResolvedLocation &loc)
{
    const OperatorFacts op = operatorFacts(catalog, {}, {}, loc);
    const Country *country = catalog.country(loc.country);
    const Jurisdiction *j = catalog.jurisdiction(loc.jurisdiction);
    QJsonArray sources;
    for (const QString &s : loc.sources)
        sources.append(s);
    return QJsonObject{
        {QStringLiteral("location"), loc.reference},
        {QStringLiteral("form"), locationFormName(loc.form)},
        {QStringLiteral("provider"), stringOrNull(loc.provider)},
        {QStringLiteral("region"), stringOrNull(loc.region)},
        {QStringLiteral("zone"), stringOrNull(loc.zone)},
        {QStringLiteral("country"), stringOrNull(loc.country)},
        {QStringLiteral("country_name"), country ? QJsonValue(country->name) : QJsonValue()},
        {QStringLiteral("jurisdiction"), stringOrNull(loc.jurisdiction)},
        {QStringLiteral("jurisdiction_name"), j ? QJsonValue(j->name) : QJsonValue()},
        {QStringLiteral("transfer_regime"), j ? QJsonValue(transferRegimeName(j->regime)) : QJsonValue()},
        {QStringLiteral("operator"), stringOrNull(op.id)},
        {QStringLiteral("operator_hq_jurisdiction"), stringOrNull(op.hqJurisdiction)},
        {QStringLiteral("paired_region"), pairedJson(catalog.region(loc.provider, loc.region))},
        {QStringLiteral("extraterritorial"), op.known ? QJsonValue(op.extraterritorial) : QJsonValue()},
        {QStringLiteral("extraterritorial_law"), stringOrNull(op.law)},
        {QStringLiteral("sovereign"), loc.sovereign},
        {QStringLiteral("residency_known"), loc.isKnown()},
        {QStringLiteral("problem"), stringOrNull(loc.problem)},
        {QStringLiteral("sources"), sources},
    };
}

QString locationText(const Catalog &catalog, const ResolvedLocation &loc)
{
    const OperatorFacts op = operatorFacts(catalog, {}, {}, loc);
    QString out = loc.reference + u'\n';
    auto row = [&](const QString &label, const QString &value) {
        if (!value.isEmpty())
            out += QStringLiteral("  %1 %2\n").arg(label + u':', -14).arg(value);
    };
    row(QStringLiteral("form"), locationFormName(loc.form));
    row(QStringLiteral("provider"), loc.provider);
    row(QStringLiteral("region"), loc.region);
    row(QStringLiteral("zone"), loc.zone);
    if (const Country *c = catalog.country(loc.country))
        row(QStringLiteral("country"), c->code + QStringLiteral(" (") + c->name + u')');
    if (const Jurisdiction *j = catalog.jurisdiction(loc.jurisdiction))
        row(QStringLiteral("jurisdiction"), j->id + QStringLiteral(" (") + j->name
                                                + QStringLiteral("; transfer regime ")
                                                + transferRegimeName(j->regime) + u')');
    else
        row(QStringLiteral("jurisdiction"), QStringLiteral("unknown"));
    if (!op.id.isEmpty()) {
        QString opText = op.id;
        if (op.extraterritorial)
            opText += QStringLiteral(" (extraterritorial: ") + op.law + u')';
        row(QStringLiteral("operator"), opText);
    }
    if (loc.sovereign)
        row(QStringLiteral("sovereign"), QStringLiteral("yes"));
    const Region *region = catalog.region(loc.provider, loc.region);
    const bool paired = region && !region->paired.isEmpty();
    if (paired)
        row(QStringLiteral("paired"), region->paired);
    row(QStringLiteral("problem"), loc.problem);
    for (const QString &s : loc.sources)
        row(QStringLiteral("source"), s);
    if (paired)
        row(QStringLiteral("source"), QStringLiteral("paired region ") + loc.provider + u':' + region->code
                                          + QStringLiteral(" → ") + region->paired + QStringLiteral(": ")
                                          + region->pairedSource + QStringLiteral(" (as of ")
                                          + region->pairedAsOf.toString(Qt::ISODate) + u')');
    return out;
}

QStringList catalogListKinds()
{
    return {QStringLiteral("jurisdictions"), QStringLiteral("countries"), QStringLiteral("operators"),
            QStringLiteral("regions"), QStringLiteral("zones"), QStringLiteral("multi-regions"),
            QStringLiteral("mandates"), QStringLiteral("laws")};
}

namespace {

QJsonObject jurisdictionJson(const Jurisdiction &j)
{
    QJsonArray adequacy;
    for (const AdequacyEntry &a : j.adequacy) {
        QJsonObject e{{QStringLiteral("to"), a.to}, {QStringLiteral("provenance"), provenanceJson(a.provenance)}};
        if (a.condition)
            e.insert(QStringLiteral("condition"), enumQName(*a.condition));
        if (!a.partial.isEmpty())
            e.insert(QStringLiteral("partial"), a.partial);
        adequacy.append(e);
    }
    return QJsonObject{{QStringLiteral("id"), j.id}, {QStringLiteral("name"), j.name},
                       {QStringLiteral("transfer_regime"), transferRegimeName(j.regime)},
                       {QStringLiteral("adequacy"), adequacy},
                       {QStringLiteral("provenance"), provenanceJson(j.provenance)}};
}

QJsonObject countryJson(const Country &c)
{
    return QJsonObject{{QStringLiteral("code"), c.code}, {QStringLiteral("name"), c.name},
                       {QStringLiteral("jurisdiction"), c.jurisdiction},
                       {QStringLiteral("provenance"), provenanceJson(c.provenance)}};
}

QJsonObject operatorJson(const Catalog &catalog, const Operator &o)
{
    const ExtraterritorialLaw *law = catalog.extraterritorialLaw(o.hqCountry, o.parentCountry);
    return QJsonObject{{QStringLiteral("id"), o.id}, {QStringLiteral("name"), o.name},
                       {QStringLiteral("hq_country"), o.hqCountry},
                       {QStringLiteral("parent_country"), stringOrNull(o.parentCountry)},
                       {QStringLiteral("sovereign"), o.sovereign},
                       {QStringLiteral("extraterritorial_law"), law ? QJsonValue(law->id) : QJsonValue()},
                       {QStringLiteral("provenance"), provenanceJson(o.provenance)}};
}

QJsonObject regionJson(const Catalog &catalog, const Region &r)
{
    return QJsonObject{{QStringLiteral("provider"), r.provider}, {QStringLiteral("code"), r.code},
                       {QStringLiteral("name"), r.name}, {QStringLiteral("city"), r.city},
                       {QStringLiteral("country"), r.country},
                       {QStringLiteral("jurisdiction"), catalog.jurisdictionOf(r.country)},
                       {QStringLiteral("partition"), r.partition},
                       {QStringLiteral("operator"), r.operatorId.isEmpty() ? r.provider : r.operatorId},
                       {QStringLiteral("sovereign"), r.sovereign},
                       {QStringLiteral("paired_region"), pairedJson(&r)},
                       {QStringLiteral("provenance"), provenanceJson(r.provenance)}};
}

QJsonObject zoneJson(const Zone &z)
{
    return QJsonObject{{QStringLiteral("provider"), z.provider}, {QStringLiteral("code"), z.code},
                       {QStringLiteral("region"), z.region}, {QStringLiteral("kind"), z.kind},
                       {QStringLiteral("city"), z.city}, {QStringLiteral("country"), z.country},
                       {QStringLiteral("provenance"), provenanceJson(z.provenance)}};
}

QJsonObject multiRegionJson(const Catalog &catalog, const MultiRegion &m)
{
    const ResolvedLocation loc = resolveLocation(catalog, m.provider + u':' + m.code);
    return QJsonObject{{QStringLiteral("provider"), m.provider}, {QStringLiteral("code"), m.code},
                       {QStringLiteral("name"), m.name},
                       {QStringLiteral("jurisdiction"), stringOrNull(loc.jurisdiction)},
                       {QStringLiteral("provenance"), provenanceJson(m.provenance)}};
}

QJsonObject mandateJson(const LocalisationMandate &m)
{
    QJsonArray cats;
    m.categories.forEach([&](Category c) { cats.append(enumQName(c)); });
    return QJsonObject{{QStringLiteral("id"), m.id}, {QStringLiteral("jurisdiction"), m.jurisdiction},
                       {QStringLiteral("name"), m.name}, {QStringLiteral("categories"), cats},
                       {QStringLiteral("kind"), m.kind == LocalisationMandate::Kind::Storage
                                                    ? QStringLiteral("storage") : QStringLiteral("primary_copy")},
                       {QStringLiteral("conditional"), m.conditional},
                       {QStringLiteral("provenance"), provenanceJson(m.provenance)}};
}

QJsonObject lawJson(const ExtraterritorialLaw &l)
{
    return QJsonObject{{QStringLiteral("id"), l.id}, {QStringLiteral("jurisdiction"), l.jurisdiction},
                       {QStringLiteral("name"), l.name},
                       {QStringLiteral("reaches"), l.reach == ExtraterritorialLaw::Reach::Hq
                                                       ? QStringLiteral("hq") : QStringLiteral("hq_or_parent")},
                       {QStringLiteral("provenance"), provenanceJson(l.provenance)}};
}

} // namespace

QJsonObject catalogListJson(const Catalog &catalog, const QString &kind)
{
    QJsonArray items;
    if (kind == u"jurisdictions") {
        for (const Jurisdiction &j : catalog.jurisdictions)
            items.append(jurisdictionJson(j));
    } else if (kind == u"countries") {
        for (const Country &c : catalog.countries)
            items.append(countryJson(c));
    } else if (kind == u"operators") {
        for (const Operator &o : catalog.operators)
            items.append(operatorJson(catalog, o));
    } else if (kind == u"regions") {
        for (const Region &r : catalog.regions)
            items.append(regionJson(catalog, r));
    } else if (kind == u"zones") {
        for (const Zone &z : catalog.zones)
            items.append(zoneJson(z));
    } else if (kind == u"multi-regions") {
        for (const MultiRegion &m : catalog.multiRegions)
            items.append(multiRegionJson(catalog, m));
    } else if (kind == u"mandates") {
        for (const LocalisationMandate &m : catalog.mandates)
            items.append(mandateJson(m));
    } else if (kind == u"laws") {
        for (const ExtraterritorialLaw &l : catalog.laws)
            items.append(lawJson(l));
    }
    return QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("items"), items}};
}

QString catalogListText(const Catalog &catalog, const QString &kind)
{
    const QJsonArray items = catalogListJson(catalog, kind).value(QStringLiteral("items")).toArray();
    QStringList columns;
    if (kind == u"jurisdictions") columns = {QStringLiteral("id"), QStringLiteral("transfer_regime"), QStringLiteral("name")};
    else if (kind == u"countries") columns = {QStringLiteral("code"), QStringLiteral("jurisdiction"), QStringLiteral("name")};
    else if (kind == u"operators") columns = {QStringLiteral("id"), QStringLiteral("hq_country"), QStringLiteral("extraterritorial_law"), QStringLiteral("name")};
    else if (kind == u"regions") columns = {QStringLiteral("provider"), QStringLiteral("code"), QStringLiteral("country"), QStringLiteral("jurisdiction"), QStringLiteral("operator"), QStringLiteral("city")};
    else if (kind == u"zones") columns = {QStringLiteral("provider"), QStringLiteral("code"), QStringLiteral("region"), QStringLiteral("country"), QStringLiteral("kind")};
    else if (kind == u"multi-regions") columns = {QStringLiteral("provider"), QStringLiteral("code"), QStringLiteral("jurisdiction"), QStringLiteral("name")};
    else if (kind == u"mandates") columns = {QStringLiteral("id"), QStringLiteral("jurisdiction"), QStringLiteral("kind"), QStringLiteral("conditional")};
    else if (kind == u"laws") columns = {QStringLiteral("id"), QStringLiteral("jurisdiction"), QStringLiteral("reaches"), QStringLiteral("name")};
    QStringList header;
    for (const QString &c : columns)
        header << c.toUpper();
    header << QStringLiteral("AS OF");
    TextTable table(header);
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        QStringList row;
        for (const QString &c : columns) {
            const QJsonValue cell = o.value(c);
            row << (cell.isBool() ? yesNo(cell.toBool()) : cell.isNull() ? QStringLiteral("-") : cell.toString());
        }
        const QJsonObject p = o.value(QStringLiteral("provenance")).toObject();
        row << p.value(QStringLiteral("as_of")).toString()
                   + (p.value(QStringLiteral("verified")).toBool() ? QString() : QStringLiteral(" unverified"));
        table.addRow(row);
    }
    return table.render();
}

QJsonObject catalogSummaryJson(const Catalog &catalog)
{
    int unverified = 0;
    auto count = [&](const auto &items) {
        for (const auto &i : items)
            unverified += i.provenance.verified ? 0 : 1;
    };
    count(catalog.jurisdictions); count(catalog.countries); count(catalog.operators);
    count(catalog.laws); count(catalog.mandates); count(catalog.regions); count(catalog.zones);
    count(catalog.multiRegions);
    QJsonObject regions;
    for (const QString &p : catalog.providers()) {
        int n = 0;
        for (const Region &r : catalog.regions)
            n += r.provider == p ? 1 : 0;
        regions.insert(p, n);
    }
    return QJsonObject{{QStringLiteral("as_of"), catalog.newestAsOf().toString(Qt::ISODate)},
                       {QStringLiteral("jurisdictions"), qint64(catalog.jurisdictions.size())},
                       {QStringLiteral("countries"), qint64(catalog.countries.size())},
                       {QStringLiteral("operators"), qint64(catalog.operators.size())},
                       {QStringLiteral("regions"), regions},
                       {QStringLiteral("zones"), qint64(catalog.zones.size())},
                       {QStringLiteral("multi_regions"), qint64(catalog.multiRegions.size())},
                       {QStringLiteral("mandates"), qint64(catalog.mandates.size())},
                       {QStringLiteral("extraterritorial_laws"), qint64(catalog.laws.size())},
                       {QStringLiteral("unverified_entries"), unverified}};
}

QString catalogSummaryText(const Catalog &catalog)
{
    const QJsonObject s = catalogSummaryJson(catalog);
    QString out = QStringLiteral("Residency Atlas catalog, facts as of %1 (not legal advice)\n")
                      .arg(s.value(QStringLiteral("as_of")).toString());
    out += QStringLiteral("  jurisdictions  %1\n  countries      %2\n  operators      %3\n")
               .arg(catalog.jurisdictions.size()).arg(catalog.countries.size()).arg(catalog.operators.size());
    const QJsonObject regions = s.value(QStringLiteral("regions")).toObject();
    for (auto it = regions.begin(); it != regions.end(); ++it)
        out += QStringLiteral("  regions %1 %2\n").arg(it.key(), -6).arg(it.value().toInt());
    out += QStringLiteral("  zones          %1\n  multi-regions  %2\n  mandates       %3\n  laws           %4\n  unverified     %5\n")
               .arg(catalog.zones.size()).arg(catalog.multiRegions.size()).arg(catalog.mandates.size())
               .arg(catalog.laws.size()).arg(s.value(QStringLiteral("unverified_entries")).toInt());
    out += QStringLiteral("\nResolve locations: residency-atlas catalog aws:eu-central-1 gcp:eu DE\n"
                          "List a table:      residency-atlas catalog --list regions\n");
    return out;
}

} // namespace atlas
