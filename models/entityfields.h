// One entity field by field, as the inventory format writes it: the fields by their contract
// names (inventory-format.md), in the format's order, left out when absent or at their default
// exactly as the writer leaves them out. The writer (importers/inventorywriter.h) emits YAML and
// JSON through the same walk, so a diff, an audit log entry and a written file cannot name or
// omit a field differently.
#pragma once

#include "inventory.h"
#include "inventoryedit.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace atlas {

// A field as text: `value` is canonical and stable — enumerations by their format names,
// booleans `true`/`false`, numbers as written (QString::number, 15 significant digits), lists
// joined with ", " in their written order, maps as "key: value, key: value" in theirs.
struct EntityField
{
    QString name;  // "classification", "volume_gb_per_day", … as the format spells it
    QString value;

    friend bool operator==(const EntityField &, const EntityField &) = default;
};

// Receives an entity's fields in the format's order. `name` is a field name of the format
// (ASCII); an absent field is never passed.
class EntityFieldSink
{
public:
    // A member of an inline mapping (consent, keys, tags): `literal` for a number or boolean,
    // text otherwise.
    struct Member
    {
        QString name;
        QString value;
        bool literal = false;
    };

    virtual ~EntityFieldSink() = default;
    virtual void text(const char *name, const QString &value) = 0;    // a string or enumeration name
    virtual void literal(const char *name, const QString &value) = 0; // a number or boolean, as written
    virtual void date(const char *name, const QString &value) = 0;    // ISO 8601
    virtual void list(const char *name, const QStringList &items) = 0;
    virtual void map(const char *name, const QList<Member> &members) = 0;
};

// Every field `kind` has, in the format's order: the names the walk gives, and the order it
// gives them in (an entity's fields are always a subsequence of this list).
const QStringList &entityFieldNames(EntityKind kind);

// The walk itself, one overload per kind (the writer calls these for each entity of a list).
void walkEntityFields(const Site &site, EntityFieldSink &sink);
void walkEntityFields(const Dataset &dataset, EntityFieldSink &sink);
void walkEntityFields(const Workload &workload, EntityFieldSink &sink);
void walkEntityFields(const Flow &flow, EntityFieldSink &sink);
void walkEntityFields(const Access &access, EntityFieldSink &sink);
void walkEntityFields(const Waiver &waiver, EntityFieldSink &sink);
void walkEntityFields(const EntityValue &entity, EntityFieldSink &sink);

// The entity's fields as canonical text, in the format's order.
QList<EntityField> entityFields(const EntityValue &entity);
template <typename E> QList<EntityField> entityFields(const E &entity);

// What identifies the entity within its kind: its id; for a waiver (which has none)
// "RULE@subject", e.g. "RES-007@ehr-db".
QString entityKey(const EntityValue &entity);
inline const QString &entityKey(const Site &s) { return s.id; }
inline const QString &entityKey(const Dataset &d) { return d.id; }
inline const QString &entityKey(const Workload &w) { return w.id; }
inline const QString &entityKey(const Flow &f) { return f.id; }
inline const QString &entityKey(const Access &a) { return a.id; }
QString entityKey(const Waiver &w);

// The entity as a JSON inventory holds it: the same members as the writer's JSON (strings,
// numbers, booleans, arrays of strings, objects for consent, keys and tags).
QJsonObject entityJson(const EntityValue &entity);
template <typename E> QJsonObject entityJson(const E &entity);

// The sinks behind entityFields() and entityJson(), for callers that walk a kind directly.
class EntityFieldList final : public EntityFieldSink
{
public:
    void text(const char *name, const QString &value) override;
    void literal(const char *name, const QString &value) override;
    void date(const char *name, const QString &value) override;
    void list(const char *name, const QStringList &items) override;
    void map(const char *name, const QList<Member> &members) override;
    QList<EntityField> fields;
};

class EntityJsonObject final : public EntityFieldSink
{
public:
    void text(const char *name, const QString &value) override;
    void literal(const char *name, const QString &value) override;
    void date(const char *name, const QString &value) override;
    void list(const char *name, const QStringList &items) override;
    void map(const char *name, const QList<Member> &members) override;
    QJsonObject object;
};

template <typename E> QList<EntityField> entityFields(const E &entity)
{
    EntityFieldList sink;
    walkEntityFields(entity, sink);
    return std::move(sink.fields);
}

template <typename E> QJsonObject entityJson(const E &entity)
{
    EntityJsonObject sink;
    walkEntityFields(entity, sink);
    return std::move(sink.object);
}

} // namespace atlas
