#include "entityfields.h"

#include <QJsonArray>

namespace atlas {

namespace {

template <typename E> QStringList enumNames(EnumSet<E> set)
{
    QStringList items;
    set.forEach([&](E v) { items << enumQName(v); });
    return items;
}

QString boolText(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

// A literal as JSON: a boolean, an integer where it is one (retention_days), else a number.
QJsonValue literalJson(const QString &value)
{
    if (value == u"true" || value == u"false")
        return value == u"true";
    bool ok = false;
    if (const qint64 n = value.toLongLong(&ok); ok)
        return n;
    return value.toDouble();
}

} // namespace

const QStringList &entityFieldNames(EntityKind kind)
{
    using namespace Qt::StringLiterals;
    static const QStringList names[] = {
        {u"id"_s, u"name"_s, u"country"_s, u"operator"_s},
        {u"id"_s, u"name"_s, u"classification"_s, u"categories"_s, u"origin"_s, u"consent"_s, u"retention_days"_s,
         u"redacted"_s, u"keys"_s, u"localisation"_s, u"training_basis"_s},
        {u"id"_s, u"name"_s, u"kind"_s, u"location"_s, u"operator"_s, u"operator_hq"_s, u"holds"_s, u"external"_s,
         u"certifications"_s, u"tags"_s, u"geo_redundant"_s},
        {u"id"_s, u"from"_s, u"to"_s, u"carries"_s, u"form"_s, u"purpose"_s, u"basis"_s, u"encrypted"_s,
         u"protections"_s, u"volume_gb_per_day"_s, u"notified"_s, u"assessed"_s},
        {u"id"_s, u"role"_s, u"from"_s, u"to"_s, u"datasets"_s, u"purpose"_s, u"basis"_s, u"notified"_s,
         u"assessed"_s},
        {u"rule"_s, u"subject"_s, u"reason"_s, u"approved_by"_s, u"expires"_s},
    };
    return names[std::size_t(kind)];
}

void walkEntityFields(const Site &s, EntityFieldSink &e)
{
    e.text("id", s.id);
    if (!s.name.isEmpty()) e.text("name", s.name);
    e.text("country", s.country);
    if (!s.operatorId.isEmpty()) e.text("operator", s.operatorId);
}

void walkEntityFields(const Dataset &d, EntityFieldSink &e)
{
    e.text("id", d.id);
    if (!d.name.isEmpty()) e.text("name", d.name);
    e.text("classification", enumQName(d.classification));
    if (!d.categories.isEmpty()) e.list("categories", enumNames(d.categories));
    if (!d.origin.isEmpty()) e.text("origin", d.origin);
    // Absent consent means false for both, but written it is a statement: kept when present.
    if (d.present & fields::dataset::Consent)
        e.map("consent", {{QStringLiteral("training"), boolText(d.consent.training), true},
                          {QStringLiteral("analytics"), boolText(d.consent.analytics), true}});
    if (d.retentionDays) e.literal("retention_days", QString::number(*d.retentionDays));
    if (d.redacted) e.literal("redacted", boolText(*d.redacted));
    if (d.keys) {
        QList<EntityFieldSink::Member> keys;
        if (d.keys->custody) keys.append({QStringLiteral("custody"), enumQName(*d.keys->custody), false});
        if (!d.keys->location.isEmpty()) keys.append({QStringLiteral("location"), d.keys->location, false});
        e.map("keys", keys);
    }
    if (d.localisation) e.text("localisation", enumQName(*d.localisation));
    if (d.trainingBasis) e.text("training_basis", enumQName(*d.trainingBasis));
}

void walkEntityFields(const Workload &x, EntityFieldSink &e)
{
    e.text("id", x.id);
    if (!x.name.isEmpty()) e.text("name", x.name);
    e.text("kind", enumQName(x.kind));
    e.text("location", x.location);
    if (!x.operatorId.isEmpty()) e.text("operator", x.operatorId);
    if (!x.operatorHq.isEmpty()) e.text("operator_hq", x.operatorHq);
    if (!x.holds.empty()) e.list("holds", refIds(x.holds));
    if (x.external) e.literal("external", boolText(true));
    if (!x.certifications.isEmpty()) e.list("certifications", enumNames(x.certifications));
    if (!x.tags.isEmpty()) {
        QList<EntityFieldSink::Member> tags;
        for (const Tag &t : x.tags)
            tags.append({t.key, t.value, false});
        e.map("tags", tags);
    }
    if (x.geoRedundant) e.literal("geo_redundant", boolText(*x.geoRedundant));
}

void walkEntityFields(const Flow &f, EntityFieldSink &e)
{
    e.text("id", f.id);
    e.text("from", f.from);
    e.text("to", f.to);
    e.list("carries", refIds(f.carries));
    if (f.form != FlowForm::Raw) e.text("form", enumQName(f.form));
    if (f.purpose) e.text("purpose", enumQName(*f.purpose));
    if (f.basis != Basis::None) e.text("basis", enumQName(f.basis));
    if (f.encrypted) e.literal("encrypted", boolText(*f.encrypted));
    if (!f.protections.isEmpty()) e.list("protections", enumNames(f.protections));
    if (f.volumeGbPerDay) e.literal("volume_gb_per_day", QString::number(*f.volumeGbPerDay, 'g', 15));
    if (f.notified) e.literal("notified", boolText(*f.notified));
    if (f.assessed.isValid()) e.date("assessed", f.assessed.toString(Qt::ISODate));
}

void walkEntityFields(const Access &a, EntityFieldSink &e)
{
    e.text("id", a.id);
    if (!a.role.isEmpty()) e.text("role", a.role);
    e.text("from", a.from);
    e.text("to", a.to);
    e.list("datasets", refIds(a.datasets));
    if (!a.purpose.isEmpty()) e.text("purpose", a.purpose);
    if (a.basis != Basis::None) e.text("basis", enumQName(a.basis));
    if (a.notified) e.literal("notified", boolText(*a.notified));
    if (a.assessed.isValid()) e.date("assessed", a.assessed.toString(Qt::ISODate));
}

void walkEntityFields(const Waiver &x, EntityFieldSink &e)
{
    e.text("rule", x.rule);
    e.text("subject", x.subject);
    e.text("reason", x.reason);
    e.text("approved_by", x.approvedBy);
    e.date("expires", x.expires.toString(Qt::ISODate));
}

void walkEntityFields(const EntityValue &entity, EntityFieldSink &sink)
{
    std::visit([&](const auto &value) { walkEntityFields(value, sink); }, entity);
}

QList<EntityField> entityFields(const EntityValue &entity)
{
    EntityFieldList sink;
    walkEntityFields(entity, sink);
    return std::move(sink.fields);
}

QString entityKey(const Waiver &w)
{
    return w.rule + u'@' + w.subject;
}

QString entityKey(const EntityValue &entity)
{
    return std::visit([](const auto &value) -> QString { return entityKey(value); }, entity);
}

QJsonObject entityJson(const EntityValue &entity)
{
    EntityJsonObject sink;
    walkEntityFields(entity, sink);
    return std::move(sink.object);
}

void EntityFieldList::text(const char *name, const QString &value)
{
    fields.append({QString::fromLatin1(name), value});
}

void EntityFieldList::literal(const char *name, const QString &value)
{
    fields.append({QString::fromLatin1(name), value});
}

void EntityFieldList::date(const char *name, const QString &value)
{
    fields.append({QString::fromLatin1(name), value});
}

void EntityFieldList::list(const char *name, const QStringList &items)
{
    fields.append({QString::fromLatin1(name), items.join(QStringLiteral(", "))});
}

void EntityFieldList::map(const char *name, const QList<Member> &members)
{
    QStringList parts;
    for (const Member &m : members)
        parts << m.name + QStringLiteral(": ") + m.value;
    fields.append({QString::fromLatin1(name), parts.join(QStringLiteral(", "))});
}

void EntityJsonObject::text(const char *name, const QString &value)
{
    object.insert(QLatin1StringView(name), value);
}

void EntityJsonObject::literal(const char *name, const QString &value)
{
    object.insert(QLatin1StringView(name), literalJson(value));
}

void EntityJsonObject::date(const char *name, const QString &value)
{
    object.insert(QLatin1StringView(name), value);
}

void EntityJsonObject::list(const char *name, const QStringList &items)
{
    object.insert(QLatin1StringView(name), QJsonArray::fromStringList(items));
}

void EntityJsonObject::map(const char *name, const QList<Member> &members)
{
    QJsonObject o;
    for (const Member &m : members)
        o.insert(m.name, m.literal ? literalJson(m.value) : QJsonValue(m.value));
    object.insert(QLatin1StringView(name), o);
}

} // namespace atlas
