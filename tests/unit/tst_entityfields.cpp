// The field view of one entity (models/entityfields.h): every field of every kind by its
// inventory-format name and canonical text, absent fields left out as the writer leaves them
// out, the key (a waiver's "RULE@subject"), and the JSON object equal to the writer's.
#include "entityfields.h"
#include "inventorywriter.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace atlas;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(atlas::EntityKind)

class TestEntityFields : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fields_data();
    void fields();
    void everyFieldNamed_data();
    void everyFieldNamed();
    void consentPresence();
    void jsonIsTheWritersJson();

private:
    Inventory m_inventory;
};

namespace {

// Every entity of `full-*` sets every field its kind has (but `operator`, which a workload may
// not set with `operator_hq`: `aws-load` has it); `bare-*` only the required ones.
const char *kInventory = R"(atlas: 1
sites:
  - {id: fra-dc1, name: Frankfurt, country: DE, operator: self}
  - {id: muc-dc, country: DE}
datasets:
  - {id: full-set, name: Full set, classification: sensitive, categories: [health, personal], origin: DE, consent: {training: true, analytics: false}, retention_days: 365, redacted: true, keys: {custody: external-hsm, location: site:fra-dc1}, localisation: exempt, training_basis: legitimate_interests}
  - {id: bare-set, classification: public}
workloads:
  - {id: full-load, name: Full load, kind: fine_tuning, location: aws:eu-central-1, operator_hq: US, holds: [full-set, bare-set], external: true, certifications: [dpf-uk, dpf], tags: {team: ml, cost: "42"}, geo_redundant: true}
  - {id: aws-load, kind: storage, location: aws:eu-west-1, operator: aws}
  - {id: bare-load, kind: storage, location: DE}
flows:
  - {id: full-flow, from: full-load, to: bare-load, carries: [bare-set, full-set], form: model_weights, purpose: fine_tuning, basis: scc, encrypted: false, protections: [redaction, secure_aggregation], volume_gb_per_day: 2.5, notified: false, assessed: 2026-10-15}
  - {from: bare-load, to: full-load, carries: [bare-set]}
access:
  - {id: full-access, role: ds, from: US, to: full-load, datasets: [full-set], purpose: debugging, basis: consent, notified: true, assessed: 2026-09-01}
  - {id: bare-access, from: site:fra-dc1, to: bare-load, datasets: [bare-set]}
waivers:
  - {rule: RES-007, subject: full-load, reason: "contract, reviewed", approved_by: dpo@x.example, expires: 2027-06-30}
)";

// `f` called with each entity of `kind`.
template <typename F> void forEachOfKind(const Inventory &inv, EntityKind kind, F &&f)
{
    auto each = [&](const auto &list) {
        for (const auto &e : list)
            f(e);
    };
    switch (kind) {
    case EntityKind::Site: each(inv.sites); break;
    case EntityKind::Dataset: each(inv.datasets); break;
    case EntityKind::Workload: each(inv.workloads); break;
    case EntityKind::Flow: each(inv.flows); break;
    case EntityKind::Access: each(inv.access); break;
    case EntityKind::Waiver: each(inv.waivers); break;
    }
}

// The entity of `kind` whose key is `key`.
std::optional<EntityValue> find(const Inventory &inv, EntityKind kind, const QString &key)
{
    std::optional<EntityValue> found;
    forEachOfKind(inv, kind, [&](const auto &e) {
        if (!found && entityKey(e) == key)
            found = EntityValue(e);
    });
    return found;
}

QStringList lines(const QList<EntityField> &fields)
{
    QStringList out;
    for (const EntityField &f : fields)
        out << f.name + u" = "_s + f.value;
    return out;
}

} // namespace

void TestEntityFields::initTestCase()
{
    auto loaded = test::load({{"fields.yaml", kInventory}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    m_inventory = std::move(loaded->inventory);
}

void TestEntityFields::fields_data()
{
    QTest::addColumn<EntityKind>("kind");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QStringList>("expected");
    using K = EntityKind;
    auto row = [](const char *name, K kind, const QString &key, const QStringList &expected) {
        QTest::newRow(name) << kind << key << expected;
    };
    row("site, every field", K::Site, u"fra-dc1"_s, {u"id = fra-dc1"_s, u"name = Frankfurt"_s, u"country = DE"_s, u"operator = self"_s});
    row("site, required only", K::Site, u"muc-dc"_s, {u"id = muc-dc"_s, u"country = DE"_s});
    // Sets (categories, certifications, protections) in the vocabulary's order, lists as written.
    row("dataset, every field", K::Dataset, u"full-set"_s,
        {u"id = full-set"_s, u"name = Full set"_s, u"classification = sensitive"_s, u"categories = personal, health"_s,
         u"origin = DE"_s, u"consent = training: true, analytics: false"_s, u"retention_days = 365"_s, u"redacted = true"_s,
         u"keys = custody: external-hsm, location: site:fra-dc1"_s, u"localisation = exempt"_s,
         u"training_basis = legitimate_interests"_s});
    row("dataset, required only", K::Dataset, u"bare-set"_s, {u"id = bare-set"_s, u"classification = public"_s});
    row("workload, every field", K::Workload, u"full-load"_s,
        {u"id = full-load"_s, u"name = Full load"_s, u"kind = fine_tuning"_s, u"location = aws:eu-central-1"_s,
         u"operator_hq = US"_s, u"holds = full-set, bare-set"_s, u"external = true"_s, u"certifications = dpf, dpf-uk"_s,
         u"tags = team: ml, cost: 42"_s, u"geo_redundant = true"_s});
    row("workload operator", K::Workload, u"aws-load"_s,
        {u"id = aws-load"_s, u"kind = storage"_s, u"location = aws:eu-west-1"_s, u"operator = aws"_s});
    row("workload, required only", K::Workload, u"bare-load"_s, {u"id = bare-load"_s, u"kind = storage"_s, u"location = DE"_s});
    row("flow, every field", K::Flow, u"full-flow"_s,
        {u"id = full-flow"_s, u"from = full-load"_s, u"to = bare-load"_s, u"carries = bare-set, full-set"_s,
         u"form = model_weights"_s, u"purpose = fine_tuning"_s, u"basis = scc"_s, u"encrypted = false"_s,
         u"protections = secure_aggregation, redaction"_s, u"volume_gb_per_day = 2.5"_s, u"notified = false"_s,
         u"assessed = 2026-10-15"_s});
    row("flow, required only (default id)", K::Flow, u"bare-load--full-load"_s,
        {u"id = bare-load--full-load"_s, u"from = bare-load"_s, u"to = full-load"_s, u"carries = bare-set"_s});
    row("access, every field", K::Access, u"full-access"_s,
        {u"id = full-access"_s, u"role = ds"_s, u"from = US"_s, u"to = full-load"_s, u"datasets = full-set"_s,
         u"purpose = debugging"_s, u"basis = consent"_s, u"notified = true"_s, u"assessed = 2026-09-01"_s});
    row("access, required only", K::Access, u"bare-access"_s,
        {u"id = bare-access"_s, u"from = site:fra-dc1"_s, u"to = bare-load"_s, u"datasets = bare-set"_s});
    row("waiver (key RULE@subject)", K::Waiver, u"RES-007@full-load"_s,
        {u"rule = RES-007"_s, u"subject = full-load"_s, u"reason = contract, reviewed"_s, u"approved_by = dpo@x.example"_s,
         u"expires = 2027-06-30"_s});
}

void TestEntityFields::fields()
{
    QFETCH(EntityKind, kind);
    QFETCH(QString, key);
    QFETCH(QStringList, expected);
    const std::optional<EntityValue> entity = find(m_inventory, kind, key);
    QVERIFY2(entity, qPrintable(key));
    QCOMPARE(entityKey(*entity), key);
    QCOMPARE(lines(entityFields(*entity)), expected);
    std::visit([&](const auto &e) { QCOMPARE(lines(entityFields(e)), expected); }, *entity); // per-kind overload
}

// The union of the names each kind's entities give is exactly the kind's fields in the format,
// and entityFieldNames() lists them in the order every entity gives them.
void TestEntityFields::everyFieldNamed_data()
{
    QTest::addColumn<EntityKind>("kind");
    QTest::addColumn<QStringList>("names");
    QTest::newRow("site") << EntityKind::Site << QStringList{u"id"_s, u"name"_s, u"country"_s, u"operator"_s};
    QTest::newRow("dataset") << EntityKind::Dataset
                             << QStringList{u"id"_s, u"name"_s, u"classification"_s, u"categories"_s, u"origin"_s, u"consent"_s,
                                            u"retention_days"_s, u"redacted"_s, u"keys"_s, u"localisation"_s, u"training_basis"_s};
    QTest::newRow("workload") << EntityKind::Workload
                              << QStringList{u"id"_s, u"name"_s, u"kind"_s, u"location"_s, u"operator"_s, u"operator_hq"_s,
                                             u"holds"_s, u"external"_s, u"certifications"_s, u"tags"_s, u"geo_redundant"_s};
    QTest::newRow("flow") << EntityKind::Flow
                          << QStringList{u"id"_s, u"from"_s, u"to"_s, u"carries"_s, u"form"_s, u"purpose"_s, u"basis"_s,
                                         u"encrypted"_s, u"protections"_s, u"volume_gb_per_day"_s, u"notified"_s, u"assessed"_s};
    QTest::newRow("access") << EntityKind::Access
                            << QStringList{u"id"_s, u"role"_s, u"from"_s, u"to"_s, u"datasets"_s, u"purpose"_s, u"basis"_s,
                                           u"notified"_s, u"assessed"_s};
    QTest::newRow("waiver") << EntityKind::Waiver
                            << QStringList{u"rule"_s, u"subject"_s, u"reason"_s, u"approved_by"_s, u"expires"_s};
}

void TestEntityFields::everyFieldNamed()
{
    QFETCH(EntityKind, kind);
    QFETCH(QStringList, names);
    QCOMPARE(entityFieldNames(kind), names);
    QSet<QString> seen;
    forEachOfKind(m_inventory, kind, [&](const auto &e) {
        qsizetype last = -1;
        for (const EntityField &f : entityFields(e)) {
            seen.insert(f.name);
            const qsizetype at = names.indexOf(f.name);
            QVERIFY2(at > last, qPrintable(entityKey(e) + u": "_s + f.name)); // in the format's order
            last = at;
        }
    });
    QStringList got = seen.values();
    got.sort();
    names.sort();
    QCOMPARE(got, names);
}

// Consent absent and consent written as false-false mean the same to the engine, but only the
// latter is a statement someone made: it is a field, the former is not.
void TestEntityFields::consentPresence()
{
    Dataset d{.id = u"d"_s, .classification = Classification::Public};
    QCOMPARE(lines(entityFields(d)), (QStringList{u"id = d"_s, u"classification = public"_s}));
    d.present |= fields::dataset::Consent;
    QCOMPARE(lines(entityFields(d)).value(2), u"consent = training: false, analytics: false"_s);
    QVERIFY(!entityJson(d).contains(u"retention_days"_s));
    QCOMPARE(entityJson(d).value(u"consent"_s).toObject().value(u"training"_s), QJsonValue(false));
}

// entityJson() of every entity is the object the writer's JSON inventory holds for it.
void TestEntityFields::jsonIsTheWritersJson()
{
    const QJsonObject written = QJsonDocument::fromJson(inventoryToJson(m_inventory)).object();
    auto check = [&](const char *section, const auto &list) {
        const QJsonArray array = written.value(QLatin1StringView(section)).toArray();
        QCOMPARE(array.size(), qsizetype(list.size()));
        for (std::size_t i = 0; i < list.size(); ++i) {
            const QJsonObject mine = entityJson(list[i]);
            QCOMPARE(QJsonDocument(mine).toJson(), QJsonDocument(array[qsizetype(i)].toObject()).toJson());
            QCOMPARE(entityJson(EntityValue(list[i])), mine);
        }
    };
    check("sites", m_inventory.sites);
    check("datasets", m_inventory.datasets);
    check("workloads", m_inventory.workloads);
    check("flows", m_inventory.flows);
    check("access", m_inventory.access);
    check("waivers", m_inventory.waivers);
    const QJsonObject flow = entityJson(m_inventory.flows.front());
    QCOMPARE(flow.value(u"volume_gb_per_day"_s).toDouble(), 2.5);
    QCOMPARE(flow.value(u"encrypted"_s), QJsonValue(false));
    QCOMPARE(flow.value(u"notified"_s), QJsonValue(false)); // a boolean, not the text
    QCOMPARE(flow.value(u"assessed"_s), QJsonValue(u"2026-10-15"_s));
    QCOMPARE(entityJson(m_inventory.workloads.front()).value(u"geo_redundant"_s), QJsonValue(true));
    QCOMPARE(entityJson(m_inventory.datasets.front()).value(u"retention_days"_s).toInteger(), 365);
}

QTEST_GUILESS_MAIN(TestEntityFields)
#include "tst_entityfields.moc"
