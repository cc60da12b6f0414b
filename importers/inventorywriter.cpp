#include "inventorywriter.h"

#include "inventoryreader.h"

namespace atlas {

namespace {

// Plain when YAML 1.2 (core schema) reads it back as the same string; else double-quoted.
QString scalar(const QString &s)
{
    static const QStringList reserved{QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("null"),
                                      QStringLiteral("True"), QStringLiteral("False"), QStringLiteral("Null"),
                                      QStringLiteral("TRUE"), QStringLiteral("FALSE"), QStringLiteral("NULL"),
                                      QStringLiteral("~"), QStringLiteral("yes"), QStringLiteral("no"),
                                      QStringLiteral("on"), QStringLiteral("off")};
    bool plain = !s.isEmpty() && !reserved.contains(s, Qt::CaseInsensitive);
    if (plain) {
        const QChar first = s.front();
        plain = first.isLetter() && first.unicode() < 128;
        for (QChar c : s)
            if (!(c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.' || c == u':' || c == u' ' || c == u'/' || c == u'@')
                || c.unicode() > 127)
                plain = false;
        if (s.endsWith(u' ') || s.contains(QStringLiteral(": ")) || s.contains(QStringLiteral(" #")) || s.endsWith(u':'))
            plain = false;
    }
    if (plain)
        return s;
    QString out = QStringLiteral("\"");
    for (QChar c : s) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c.unicode() < 0x20)
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + u'"';
}

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

// A member of an inline mapping (consent, keys, tags): text is quoted as the format needs,
// a literal (number, boolean) is written as is.
struct Member
{
    QString name;
    QString value;
    bool literal = false;
};

// The one walk over an inventory drives an emitter per output format, so YAML and JSON carry
// the same fields in the same order and defaults are left out the same way.
class Emitter
{
public:
    virtual ~Emitter() = default;
    // A date is plain in YAML (it reads back as the date) and a string in JSON.
    enum class Kind { Text, Literal, Date };
    virtual void header(const QString &name, const QString &value, Kind kind) = 0;
    virtual void date(const char *name, const QString &value) = 0;
    virtual void beginSection(const QString &name) = 0;
    virtual void beginEntity() = 0;
    virtual void text(const char *name, const QString &value) = 0;
    virtual void literal(const char *name, const QString &value) = 0;
    virtual void list(const char *name, const QStringList &items) = 0;
    virtual void map(const char *name, const QList<Member> &members) = 0;
    virtual QByteArray finish() = 0;
};

class YamlEmitter final : public Emitter
{
public:
    void header(const QString &name, const QString &value, Kind kind) override
    {
        m_out += name + QStringLiteral(": ") + (kind == Kind::Text ? scalar(value) : value) + u'\n';
    }
    void date(const char *name, const QString &value) override { field(name, value); }
    void beginSection(const QString &name) override { m_out += u'\n' + name + QStringLiteral(":\n"); }
    void beginEntity() override { m_first = true; }
    void text(const char *name, const QString &value) override { field(name, scalar(value)); }
    void literal(const char *name, const QString &value) override { field(name, value); }
    void list(const char *name, const QStringList &items) override
    {
        QStringList quoted;
        for (const QString &i : items)
            quoted << scalar(i);
        field(name, u'[' + quoted.join(QStringLiteral(", ")) + u']');
    }
    void map(const char *name, const QList<Member> &members) override
    {
        QStringList parts;
        for (const Member &m : members)
            parts << scalar(m.name) + QStringLiteral(": ") + (m.literal ? m.value : scalar(m.value));
        field(name, QStringLiteral("{ ") + parts.join(QStringLiteral(", ")) + QStringLiteral(" }"));
    }
    QByteArray finish() override { return m_out.toUtf8(); }

private:
    void field(const char *name, const QString &value)
    {
        m_out += (m_first ? QStringLiteral("  - ") : QStringLiteral("    ")) + QString::fromLatin1(name) + QStringLiteral(": ") + value + u'\n';
        m_first = false;
    }
    QString m_out;
    bool m_first = true;
};

// JSON with the same structure (inventory-format.md: JSON documents are accepted): `atlas`
// first, one entity per line, so large imports stay diffable.
class JsonEmitter final : public Emitter
{
public:
    void header(const QString &name, const QString &value, Kind kind) override
    {
        m_out += (m_out.isEmpty() ? QStringLiteral("{\n  ") : QStringLiteral(",\n  ")) + quote(name) + QStringLiteral(": ")
            + (kind == Kind::Literal ? value : quote(value));
    }
    void date(const char *name, const QString &value) override { field(name, quote(value)); }
    void beginSection(const QString &name) override
    {
        closeSection();
        m_out += QStringLiteral(",\n  ") + quote(name) + QStringLiteral(": [");
        m_inSection = true;
        m_firstEntity = true;
    }
    void beginEntity() override
    {
        closeEntity();
        m_out += (m_firstEntity ? QStringLiteral("\n    {") : QStringLiteral(",\n    {"));
        m_firstEntity = false;
        m_inEntity = true;
        m_firstField = true;
    }
    void text(const char *name, const QString &value) override { field(name, quote(value)); }
    void literal(const char *name, const QString &value) override { field(name, value); }
    void list(const char *name, const QStringList &items) override
    {
        QStringList quoted;
        for (const QString &i : items)
            quoted << quote(i);
        field(name, u'[' + quoted.join(QStringLiteral(", ")) + u']');
    }
    void map(const char *name, const QList<Member> &members) override
    {
        QStringList parts;
        for (const Member &m : members)
            parts << quote(m.name) + QStringLiteral(": ") + (m.literal ? m.value : quote(m.value));
        field(name, u'{' + parts.join(QStringLiteral(", ")) + u'}');
    }
    QByteArray finish() override
    {
        closeSection();
        m_out += QStringLiteral("\n}\n");
        return m_out.toUtf8();
    }

private:
    static QString quote(const QString &s)
    {
        QString out = QStringLiteral("\"");
        for (QChar c : s) {
            if (c == u'"' || c == u'\\')
                out += u'\\' + QString(c);
            else if (c == u'\n')
                out += QStringLiteral("\\n");
            else if (c == u'\t')
                out += QStringLiteral("\\t");
            else if (c == u'\r')
                out += QStringLiteral("\\r");
            else if (c.unicode() < 0x20)
                out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
            else
                out += c;
        }
        return out + u'"';
    }
    void field(const char *name, const QString &value)
    {
        m_out += (m_firstField ? QString() : QStringLiteral(", ")) + quote(QString::fromLatin1(name)) + QStringLiteral(": ") + value;
        m_firstField = false;
    }
    void closeEntity()
    {
        if (m_inEntity)
            m_out += u'}';
        m_inEntity = false;
    }
    void closeSection()
    {
        closeEntity();
        if (m_inSection)
            m_out += QStringLiteral("\n  ]");
        m_inSection = false;
    }
    QString m_out;
    bool m_inSection = false, m_inEntity = false, m_firstEntity = true, m_firstField = true;
};

void emitSites(const Inventory &inv, Emitter &e)
{
    if (inv.sites.empty())
        return;
    e.beginSection(QStringLiteral("sites"));
    for (const Site &s : inv.sites) {
        e.beginEntity();
        e.text("id", s.id);
        if (!s.name.isEmpty()) e.text("name", s.name);
        e.text("country", s.country);
        if (!s.operatorId.isEmpty()) e.text("operator", s.operatorId);
    }
}

void emitDatasets(const Inventory &inv, Emitter &e)
{
    if (inv.datasets.empty())
        return;
    e.beginSection(QStringLiteral("datasets"));
    for (const Dataset &d : inv.datasets) {
        e.beginEntity();
        e.text("id", d.id);
        if (!d.name.isEmpty()) e.text("name", d.name);
        e.text("classification", enumQName(d.classification));
        if (!d.categories.isEmpty()) e.list("categories", enumNames(d.categories));
        if (!d.origin.isEmpty()) e.text("origin", d.origin);
        if (d.present & fields::dataset::Consent)
            e.map("consent", {{QStringLiteral("training"), boolText(d.consent.training), true},
                              {QStringLiteral("analytics"), boolText(d.consent.analytics), true}});
        if (d.retentionDays) e.literal("retention_days", QString::number(*d.retentionDays));
        if (d.redacted) e.literal("redacted", boolText(*d.redacted));
        if (d.keys) {
            QList<Member> keys;
            if (d.keys->custody) keys.append({QStringLiteral("custody"), enumQName(*d.keys->custody), false});
            if (!d.keys->location.isEmpty()) keys.append({QStringLiteral("location"), d.keys->location, false});
            e.map("keys", keys);
        }
        if (d.localisation) e.text("localisation", enumQName(*d.localisation));
    }
}

void emitWorkloads(const Inventory &inv, Emitter &e)
{
    if (inv.workloads.empty())
        return;
    e.beginSection(QStringLiteral("workloads"));
    for (const Workload &x : inv.workloads) {
        e.beginEntity();
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
            QList<Member> tags;
            for (const Tag &t : x.tags)
                tags.append({t.key, t.value, false});
            e.map("tags", tags);
        }
    }
}

void emitFlows(const Inventory &inv, Emitter &e)
{
    if (inv.flows.empty())
        return;
    e.beginSection(QStringLiteral("flows"));
    for (const Flow &f : inv.flows) {
        e.beginEntity();
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
    }
}

void emitAccessAndWaivers(const Inventory &inv, Emitter &e)
{
    if (!inv.access.empty()) {
        e.beginSection(QStringLiteral("access"));
        for (const Access &a : inv.access) {
            e.beginEntity();
            e.text("id", a.id);
            if (!a.role.isEmpty()) e.text("role", a.role);
            e.text("from", a.from);
            e.text("to", a.to);
            e.list("datasets", refIds(a.datasets));
            if (!a.purpose.isEmpty()) e.text("purpose", a.purpose);
            if (a.basis != Basis::None) e.text("basis", enumQName(a.basis));
        }
    }
    if (!inv.waivers.empty()) {
        e.beginSection(QStringLiteral("waivers"));
        for (const Waiver &x : inv.waivers) {
            e.beginEntity();
            e.text("rule", x.rule);
            e.text("subject", x.subject);
            e.text("reason", x.reason);
            e.text("approved_by", x.approvedBy);
            e.date("expires", x.expires.toString(Qt::ISODate));
        }
    }
}

QByteArray emitInventory(const Inventory &inv, Emitter &e)
{
    e.header(QStringLiteral("atlas"), QStringLiteral("1"), Emitter::Kind::Literal);
    if (!inv.organisation.isEmpty())
        e.header(QStringLiteral("organisation"), inv.organisation, Emitter::Kind::Text);
    if (inv.asOf.isValid())
        e.header(QStringLiteral("as_of"), inv.asOf.toString(Qt::ISODate), Emitter::Kind::Date);
    emitSites(inv, e);
    emitDatasets(inv, e);
    emitWorkloads(inv, e);
    emitFlows(inv, e);
    emitAccessAndWaivers(inv, e);
    return e.finish();
}

} // namespace

QByteArray inventoryToYaml(const Inventory &inv)
{
    YamlEmitter e;
    return emitInventory(inv, e);
}

QByteArray inventoryToJson(const Inventory &inv)
{
    JsonEmitter e;
    return emitInventory(inv, e);
}

} // namespace atlas
