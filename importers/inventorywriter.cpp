#include "inventorywriter.h"

#include "entityfields.h"
#include "georedundancy.h"
#include "inventoryreader.h"

#include <algorithm>

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

// The one walk over an inventory drives an emitter per output format, so YAML and JSON carry
// the same fields in the same order and defaults are left out the same way; the fields of each
// entity come from models/entityfields.h's walk, which diffs and audit logs share.
class Emitter : public EntityFieldSink
{
public:
    // A date is plain in YAML (it reads back as the date) and a string in JSON.
    enum class Kind { Text, Literal, Date };
    virtual void header(const QString &name, const QString &value, Kind kind) = 0;
    virtual void beginSection(const QString &name) = 0;
    virtual void beginEntity() = 0;
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

// One section: its name, then each entity's fields.
// The analysis's implicit geo-redundant copies are not the user's (`geo_redundant` is): an
// inventory written from an analysed one (a scenario) leaves them out.
template <typename E> bool implicit(const E &x)
{
    if constexpr (std::is_same_v<E, Workload> || std::is_same_v<E, Flow>)
        return isImplicitGeoId(x.id);
    return false;
}

template <typename E> void emitSection(const std::vector<E> &entities, const char *name, Emitter &e)
{
    if (std::all_of(entities.begin(), entities.end(), implicit<E>))
        return;
    e.beginSection(QString::fromLatin1(name));
    for (const E &x : entities) {
        if (implicit(x))
            continue;
        e.beginEntity();
        walkEntityFields(x, e);
    }
}

QByteArray emitInventory(const Inventory &inv, Emitter &e)
{
    e.header(QStringLiteral("atlas"), QStringLiteral("1"), Emitter::Kind::Literal);
    if (!inv.organisation.isEmpty())
        e.header(QStringLiteral("organisation"), inv.organisation, Emitter::Kind::Text);
    if (inv.asOf.isValid())
        e.header(QStringLiteral("as_of"), inv.asOf.toString(Qt::ISODate), Emitter::Kind::Date);
    emitSection(inv.sites, "sites", e);
    emitSection(inv.datasets, "datasets", e);
    emitSection(inv.workloads, "workloads", e);
    emitSection(inv.flows, "flows", e);
    emitSection(inv.access, "access", e);
    emitSection(inv.waivers, "waivers", e);
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
