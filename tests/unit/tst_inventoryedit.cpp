// Edits of an inventory (models/inventoryedit.h): adding, changing and removing each kind of
// entity gives what loading the same content from a file gives; an edit's errors are the
// loader's messages; a referenced entity is removed only with cascade, and otherwise the error
// names what refers to it; undo restores the exact previous inventory; every edit records who
// made it, when and with which command.
#include "inventoryedittest.h"

#include <QTimeZone>

using namespace atlas;
using namespace atlas::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(atlas::InventoryEdit)

namespace {

struct EditRow
{
    const char *name;
    InventoryEdit edit;
    QString expectedYaml;
    QStringList removed, changed; // cascades
};

// One add, change and remove per kind, and renames; each with the file that says the same.
QList<EditRow> editRows()
{
    using K = EntityKind;
    const QString none; // a removed line
    return {
        {"add site", add(Site{.id = u"ber-dc2"_s, .name = u"Berlin"_s, .country = u"DE"_s}), baseWith({{kMuc, appended(kMuc, u"  - {id: ber-dc2, name: Berlin, country: DE}"_s)}}), {}, {}},
        {"change site", change(u"muc-dc"_s, Site{.id = u"muc-dc"_s, .name = u"Munich 2"_s, .country = u"AT"_s, .operatorId = u"self"_s}),
         baseWith({{kMuc, u"  - {id: muc-dc, name: Munich 2, country: AT, operator: self}"_s}}), {}, {}},
        {"remove site", remove(K::Site, u"muc-dc"_s), baseWith({{kMuc, none}}), {}, {}},
        {"add dataset", add(Dataset{.id = u"claims"_s, .name = u"Claims"_s, .classification = Classification::Sensitive, .categories = categories({Category::Financial}), .origin = u"CH"_s, .retentionDays = 365}),
         baseWith({{kArchive, appended(kArchive, u"  - {id: claims, name: Claims, classification: sensitive, categories: [financial], origin: CH, retention_days: 365}"_s)}}), {}, {}},
        {"change dataset", change(u"usage-metrics"_s, Dataset{.id = u"usage-metrics"_s, .classification = Classification::Operational, .categories = categories({Category::Metrics, Category::Usage}), .origin = u"EU"_s, .redacted = true, .keys = Keys{KeyCustody::Customer, u"aws:eu-central-1"_s, {}}}),
         baseWith({{kUsage, u"  - {id: usage-metrics, classification: operational, categories: [metrics, usage], origin: EU, redacted: true, keys: {custody: customer, location: aws:eu-central-1}}"_s}}), {}, {}},
        {"rename dataset", change(u"archive"_s, Dataset{.id = u"archive-2023"_s, .classification = Classification::Public}), baseWith({{kArchive, u"  - {id: archive-2023, classification: public}"_s}}), {}, {}},
        {"remove dataset", remove(K::Dataset, u"archive"_s), baseWith({{kArchive, none}}), {}, {}},
        {"add workload", add(Workload{.id = u"registry"_s, .kind = WorkloadKind::ModelRegistry, .location = u"gcp:europe-west3"_s, .holds = refs({u"usage-metrics"_s}), .tags = {Tag{u"team"_s, u"ml"_s}}}),
         baseWith({{kSpare, appended(kSpare, u"  - {id: registry, kind: model_registry, location: gcp:europe-west3, holds: [usage-metrics], tags: {team: ml}}"_s)}}), {}, {}},
        {"change workload", change(u"ehr-db"_s, Workload{.id = u"ehr-db"_s, .name = u"EHR"_s, .kind = WorkloadKind::Database, .location = u"aws:eu-west-1"_s, .holds = refs({u"patient-records"_s, u"usage-metrics"_s})}),
         baseWith({{kEhr, u"  - {id: ehr-db, name: EHR, kind: database, location: aws:eu-west-1, holds: [patient-records, usage-metrics]}"_s}}), {}, {}},
        {"remove workload", remove(K::Workload, u"spare"_s), baseWith({{kSpare, none}}), {}, {}},
        {"add flow with the default id", add(Flow{.from = u"trainer"_s, .to = u"ehr-db"_s, .carries = refs({u"usage-metrics"_s}), .form = FlowForm::Aggregated}),
         baseWith({{kFlow2, appended(kFlow2, u"  - {from: trainer, to: ehr-db, carries: [usage-metrics], form: aggregated}"_s)}}), {}, {}},
        {"change flow", change(u"metrics-out"_s, Flow{.id = u"metrics-out"_s, .from = u"onprem"_s, .to = u"ehr-db"_s, .carries = refs({u"usage-metrics"_s}), .encrypted = true, .volumeGbPerDay = 2.5}),
         baseWith({{kFlow2, u"  - {id: metrics-out, from: onprem, to: ehr-db, carries: [usage-metrics], encrypted: true, volume_gb_per_day: 2.5}"_s}}), {}, {}},
        {"rename flow", change(u"metrics-out"_s, Flow{.id = u"metrics-export"_s, .from = u"onprem"_s, .to = u"trainer"_s, .carries = refs({u"usage-metrics"_s, u"patient-records"_s})}),
         baseWith({{kFlow2, u"  - {id: metrics-export, from: onprem, to: trainer, carries: [usage-metrics, patient-records]}"_s}}), {}, {}},
        {"remove flow", remove(K::Flow, u"metrics-out"_s), baseWith({{kFlow2, none}}), {}, {}},
        {"add access", add(Access{.id = u"uk-support"_s, .role = u"support"_s, .from = u"GB"_s, .to = u"trainer"_s, .datasets = refs({u"usage-metrics"_s}), .purpose = u"support"_s, .basis = Basis::Scc}),
         baseWith({{kAccess, appended(kAccess, u"  - {id: uk-support, role: support, from: GB, to: trainer, datasets: [usage-metrics], purpose: support, basis: scc}"_s)}}), {}, {}},
        {"change access", change(u"us-debug"_s, Access{.id = u"us-debug"_s, .role = u"ds"_s, .from = u"US"_s, .to = u"trainer"_s, .datasets = refs({u"patient-records"_s, u"usage-metrics"_s}), .basis = Basis::Consent}),
         baseWith({{kAccess, u"  - {id: us-debug, role: ds, from: US, to: trainer, datasets: [patient-records, usage-metrics], basis: consent}"_s}}), {}, {}},
        {"remove access", remove(K::Access, u"us-debug"_s), baseWith({{kAccess, none}}), {}, {}},
        {"add waiver", add(Waiver{.rule = u"RES-002"_s, .subject = u"trainer"_s, .reason = u"accepted"_s, .approvedBy = u"dpo@x.example"_s, .expires = QDate(2027, 1, 31)}),
         baseWith({{kWaiver2, appended(kWaiver2, u"  - {rule: RES-002, subject: trainer, reason: accepted, approved_by: dpo@x.example, expires: 2027-01-31}"_s)}}), {}, {}},
        {"change waiver", onWaiver(EditOperation::Change, 1, Waiver{.rule = u"RES-001"_s, .subject = u"metrics-out"_s, .reason = u"reviewed again"_s, .approvedBy = u"dpo@x.example"_s, .expires = QDate(2027, 12, 31)}),
         baseWith({{kWaiver2, u"  - {rule: RES-001, subject: metrics-out, reason: reviewed again, approved_by: dpo@x.example, expires: 2027-12-31}"_s}}), {}, {}},
        {"remove waiver", onWaiver(EditOperation::Remove, 0), baseWith({{kWaiver1, none}}), {}, {}},
        // Revision 2b's optional fields, set by an edit as a file sets them.
        {"set training_basis", change(u"usage-metrics"_s, Dataset{.id = u"usage-metrics"_s, .classification = Classification::Operational, .categories = categories({Category::Metrics}), .origin = u"EU"_s, .trainingBasis = TrainingBasis::LegitimateInterests}),
         baseWith({{kUsage, u"  - {id: usage-metrics, classification: operational, categories: [metrics], origin: EU, training_basis: legitimate_interests}"_s}}), {}, {}},
        {"set geo_redundant", change(u"spare"_s, Workload{.id = u"spare"_s, .kind = WorkloadKind::Backup, .location = u"DE"_s, .geoRedundant = false}),
         baseWith({{kSpare, u"  - {id: spare, kind: backup, location: DE, geo_redundant: false}"_s}}), {}, {}},
        {"set flow notified and assessed", change(u"ehr-to-trainer"_s, Flow{.id = u"ehr-to-trainer"_s, .from = u"ehr-db"_s, .to = u"trainer"_s, .carries = refs({u"patient-records"_s}), .purpose = Purpose::Training, .notified = true, .assessed = QDate(2026, 10, 15)}),
         baseWith({{kFlow1, u"  - {id: ehr-to-trainer, from: ehr-db, to: trainer, carries: [patient-records], purpose: training, notified: true, assessed: 2026-10-15}"_s}}), {}, {}},
        {"set access notified and assessed", change(u"us-debug"_s, Access{.id = u"us-debug"_s, .role = u"ds"_s, .from = u"US"_s, .to = u"ehr-db"_s, .datasets = refs({u"patient-records"_s}), .notified = false, .assessed = QDate(2026, 9, 1)}),
         baseWith({{kAccess, u"  - {id: us-debug, role: ds, from: US, to: ehr-db, datasets: [patient-records], notified: false, assessed: 2026-09-01}"_s}}), {}, {}},
    };
}

// Removals with cascade: what goes, what keeps a shorter list.
QList<EditRow> cascadeRows()
{
    return {
        {"workload", remove(EntityKind::Workload, u"ehr-db"_s, true),
         baseWith({{kEhr, QString()}, {kFlow1, QString()}, {kAccess, QString()}, {kWaiver1, QString()}, {kWaiver2, QString()}}),
         {u"flow 'ehr-to-trainer'"_s, u"access 'us-debug'"_s, u"waiver RES-007"_s, u"waiver RES-001"_s}, {}},
        {"dataset", remove(EntityKind::Dataset, u"patient-records"_s, true),
         baseWith({{kPatients, QString()},
                   {kEhr, u"  - {id: ehr-db, kind: database, location: aws:eu-central-1}"_s},
                   {kTrainer, u"  - {id: trainer, kind: training, location: aws:us-east-1, holds: [usage-metrics]}"_s},
                   {kFlow1, QString()},
                   {kFlow2, u"  - {id: metrics-out, from: onprem, to: trainer, carries: [usage-metrics]}"_s},
                   {kAccess, QString()},
                   {kWaiver2, QString()}}),
         {u"flow 'ehr-to-trainer'"_s, u"access 'us-debug'"_s, u"waiver RES-001"_s},
         {u"workload 'ehr-db'"_s, u"workload 'trainer'"_s, u"flow 'metrics-out'"_s}},
        {"flow", remove(EntityKind::Flow, u"ehr-to-trainer"_s, true), baseWith({{kFlow1, QString()}, {kWaiver2, QString()}}),
         {u"waiver RES-001"_s}, {}},
    };
}

QStringList labels(const std::vector<Referrer> &referrers)
{
    QStringList out;
    for (const Referrer &r : referrers)
        out << r.label();
    return out;
}

} // namespace

class TestInventoryEdit : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editsMatchFiles_data();
    void editsMatchFiles();
    void cascade_data();
    void cascade();
    void cascadeLeavesNoEmptyList();
    void undoRestoresExactly_data();
    void undoRestoresExactly();
    void undoStack();
    void sameMessagesAsLoad_data();
    void sameMessagesAsLoad();
    void warningsAsLoad();
    void removeRefusedNamesReferrers_data();
    void removeRefusedNamesReferrers();
    void referrersNamePositions();
    void provenanceRecorded();
    void presenceFollowsValues();
    void optionalFieldsUnset();
    void badEdits_data();
    void badEdits();
};

void TestInventoryEdit::editsMatchFiles_data()
{
    QTest::addColumn<InventoryEdit>("edit");
    QTest::addColumn<QString>("expectedYaml");
    for (const EditRow &row : editRows())
        QTest::newRow(row.name) << row.edit << row.expectedYaml;
}

void TestInventoryEdit::editsMatchFiles()
{
    QFETCH(InventoryEdit, edit);
    QFETCH(QString, expectedYaml);
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    const auto expected = loadTexts({{u"base.yaml"_s, expectedYaml}});
    QVERIFY2(expected, qPrintable(test::errors(expected)));
    const QString before = dump(base->inventory);

    const auto edited = applyEdit(base->inventory, edit, test::catalog(), alice());
    QVERIFY2(edited, qPrintable(test::errors(edited)));
    QCOMPARE(dump(base->inventory), before); // the input is untouched
    const Inventory &inv = edited->inventory;
    QCOMPARE(QString::fromUtf8(inventoryToJson(inv)), QString::fromUtf8(inventoryToJson(expected->inventory)));
    QCOMPARE(presentMasks(inv), presentMasks(expected->inventory));
    QVERIFY(edited->warnings.isEmpty());
    QVERIFY(edited->cascadeRemoved.empty() && edited->cascadeChanged.empty());
    verifyLinked(inv);
    if (QTest::currentTestFailed())
        return;
    // Ids gone by removal or rename are gone from the id index too.
    for (const Dataset &d : base->inventory.datasets)
        QCOMPARE(inv.dataset(d.id) != nullptr, expected->inventory.dataset(d.id) != nullptr);
    for (const Workload &w : base->inventory.workloads)
        QCOMPARE(inv.workload(w.id) != nullptr, expected->inventory.workload(w.id) != nullptr);
    for (const Site &s : base->inventory.sites)
        QCOMPARE(inv.site(s.id) != nullptr, expected->inventory.site(s.id) != nullptr);
    QCOMPARE(inv.edits.size(), std::size_t(1));
    QCOMPARE(inv.files.size(), 2);
}

void TestInventoryEdit::cascade_data()
{
    QTest::addColumn<InventoryEdit>("edit");
    QTest::addColumn<QString>("expectedYaml");
    QTest::addColumn<QStringList>("removed");
    QTest::addColumn<QStringList>("changed");
    for (const EditRow &row : cascadeRows())
        QTest::newRow(row.name) << row.edit << row.expectedYaml << row.removed << row.changed;
}

void TestInventoryEdit::cascade()
{
    QFETCH(InventoryEdit, edit);
    QFETCH(QString, expectedYaml);
    QFETCH(QStringList, removed);
    QFETCH(QStringList, changed);
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    const auto expected = loadTexts({{u"base.yaml"_s, expectedYaml}});
    QVERIFY2(base && expected, qPrintable(test::errors(base) + test::errors(expected)));

    InventoryEdit refused = edit;
    refused.cascade = false;
    QVERIFY(!applyEdit(base->inventory, refused, test::catalog(), alice()));
    const auto edited = applyEdit(base->inventory, edit, test::catalog(), alice());
    QVERIFY2(edited, qPrintable(test::errors(edited)));
    QCOMPARE(labels(edited->cascadeRemoved), removed);
    QCOMPARE(labels(edited->cascadeChanged), changed);
    QCOMPARE(QString::fromUtf8(inventoryToJson(edited->inventory)), QString::fromUtf8(inventoryToJson(expected->inventory)));
    QCOMPARE(presentMasks(edited->inventory), presentMasks(expected->inventory));
    verifyLinked(edited->inventory);
    // What a cascade changed is the edit's now.
    const Inventory &inv = edited->inventory;
    for (const Referrer &r : edited->cascadeChanged) {
        SourceRef source;
        if (r.kind == EntityKind::Workload)
            source = inv.workload(r.id)->source;
        for (const Flow &f : inv.flows)
            if (r.kind == EntityKind::Flow && f.id == r.id)
                source = f.source;
        QVERIFY2(inv.isEdited(source), qPrintable(r.label()));
    }
}

void TestInventoryEdit::cascadeLeavesNoEmptyList()
{
    // A list naming the dataset twice is emptied by its removal: the flow goes, it is not kept
    // without data.
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    const auto twice = applyEdit(base->inventory, add(Flow{.from = u"spare"_s, .to = u"onprem"_s, .carries = refs({u"archive"_s, u"archive"_s})}),
                                 test::catalog(), alice());
    QVERIFY2(twice, qPrintable(test::errors(twice)));
    const auto removed = applyEdit(twice->inventory, remove(EntityKind::Dataset, u"archive"_s, true), test::catalog(), alice());
    QVERIFY2(removed, qPrintable(test::errors(removed)));
    QCOMPARE(labels(removed->cascadeRemoved), QStringList{u"flow 'spare--onprem'"_s});
    QVERIFY(removed->cascadeChanged.empty());
    QCOMPARE(removed->inventory.flows.size(), base->inventory.flows.size());
}

void TestInventoryEdit::undoRestoresExactly_data()
{
    QTest::addColumn<InventoryEdit>("edit");
    for (const EditRow &row : editRows())
        QTest::newRow(row.name) << row.edit;
    for (const EditRow &row : cascadeRows())
        QTest::newRow(qPrintable(u"cascade "_s + QString::fromLatin1(row.name))) << row.edit;
}

void TestInventoryEdit::undoRestoresExactly()
{
    QFETCH(InventoryEdit, edit);
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    const QString before = dump(base->inventory);
    const auto edited = applyEdit(base->inventory, edit, test::catalog(), alice());
    QVERIFY2(edited, qPrintable(test::errors(edited)));
    QVERIFY(dump(edited->inventory) != before);
    const Inventory reverted = revertEdit(edited->inventory, edited->undo, test::catalog());
    QCOMPARE(dump(reverted), before);
    verifyLinked(reverted);
}

void TestInventoryEdit::undoStack()
{
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    const QList<InventoryEdit> edits{
        change(u"archive"_s, Dataset{.id = u"archive-2023"_s, .classification = Classification::Public}),
        remove(EntityKind::Dataset, u"patient-records"_s, true),
        add(Flow{.from = u"spare"_s, .to = u"onprem"_s, .carries = refs({u"archive-2023"_s})}),
    };
    QList<Inventory> states{base->inventory};
    QList<EditUndo> undos;
    for (const InventoryEdit &e : edits) {
        const auto next = applyEdit(states.last(), e, test::catalog(), alice());
        QVERIFY2(next, qPrintable(test::errors(next)));
        states.append(next->inventory);
        undos.append(next->undo);
    }
    QCOMPARE(states.last().files.last(), u"edit 3 (add flow, "_s + kAliceTime);
    QCOMPARE(states.last().flows.back().id, u"spare--onprem"_s);
    Inventory current = states.last();
    for (qsizetype i = undos.size() - 1; i >= 0; --i) {
        current = revertEdit(current, undos[i], test::catalog());
        QCOMPARE(dump(current), dump(states[i]));
    }
}

void TestInventoryEdit::sameMessagesAsLoad_data()
{
    QTest::addColumn<InventoryEdit>("edit");
    QTest::addColumn<QString>("fileBase"); // the base as the file says it, for changes
    QTest::addColumn<QString>("fileEdit"); // a second file with the added entity
    QTest::addColumn<QString>("expected");
    auto added = [](const char *name, EntityValue value, const char *section, const char *line, const char *expected) {
        const InventoryEdit e = add(std::move(value));
        QTest::newRow(name) << e << baseText()
                            << QString(u"atlas: 1\n"_s + QString::fromLatin1(section) + u":\n  - "_s + QString::fromUtf8(line) + u'\n')
                            << QString::fromUtf8(expected);
    };
    const DatasetRefs usage = refs({u"usage-metrics"_s});
    added("unknown dataset", Flow{.id = u"x"_s, .from = u"ehr-db"_s, .to = u"trainer"_s, .carries = refs({u"patient-recrods"_s})}, "flows",
          "{id: x, from: ehr-db, to: trainer, carries: [patient-recrods]}", "flow 'x' carries: names unknown dataset 'patient-recrods' (did you mean 'patient-records'?)");
    added("unknown workload", Flow{.id = u"x"_s, .from = u"ehr-bd"_s, .to = u"trainer"_s, .carries = usage}, "flows",
          "{id: x, from: ehr-bd, to: trainer, carries: [usage-metrics]}", "flow 'x': 'from' names unknown workload 'ehr-bd' (did you mean 'ehr-db'?)");
    added("flow to itself", Flow{.id = u"x"_s, .from = u"trainer"_s, .to = u"trainer"_s, .carries = usage}, "flows",
          "{id: x, from: trainer, to: trainer, carries: [usage-metrics]}", "flow 'x' goes from 'trainer' to itself");
    added("negative volume", Flow{.id = u"x"_s, .from = u"ehr-db"_s, .to = u"trainer"_s, .carries = usage, .volumeGbPerDay = -1.0}, "flows",
          "{id: x, from: ehr-db, to: trainer, carries: [usage-metrics], volume_gb_per_day: -1}", "'volume_gb_per_day' must be >= 0");
    added("only invalid ids carried", Flow{.id = u"x"_s, .from = u"ehr-db"_s, .to = u"trainer"_s, .carries = refs({u"Bad"_s})}, "flows",
          "{id: x, from: ehr-db, to: trainer, carries: [Bad]}", "'carries' needs at least one dataset");
    added("missing kind", Workload{.id = u"w"_s, .location = u"DE"_s}, "workloads", "{id: w, location: DE}", "missing required field 'kind' in workload");
    added("unknown site", Workload{.id = u"w"_s, .kind = WorkloadKind::Storage, .location = u"site:fra-dc2"_s}, "workloads",
          "{id: w, kind: storage, location: site:fra-dc2}", "unknown site 'fra-dc2' (did you mean 'fra-dc1'?)");
    added("duplicate id", Workload{.id = u"usage-metrics"_s, .kind = WorkloadKind::Storage, .location = u"DE"_s}, "workloads",
          "{id: usage-metrics, kind: storage, location: DE}", "duplicate id 'usage-metrics' (first defined as dataset at base.yaml:7:10)");
    added("invalid id", Workload{.id = u"Bad_ID"_s, .kind = WorkloadKind::Storage, .location = u"DE"_s}, "workloads",
          "{id: Bad_ID, kind: storage, location: DE}", "invalid id 'Bad_ID'");
    added("both operators", Workload{.id = u"saas"_s, .kind = WorkloadKind::Saas, .location = u"US"_s, .operatorId = u"aws"_s, .operatorHq = u"US"_s}, "workloads",
          "{id: saas, kind: saas, location: US, operator: aws, operator_hq: US}", "set either 'operator'");
    added("location syntax", Workload{.id = u"w"_s, .kind = WorkloadKind::Storage, .location = u"Frankfurt DC"_s}, "workloads",
          "{id: w, kind: storage, location: Frankfurt DC}", "invalid location reference 'Frankfurt DC'");
    added("missing origin", Dataset{.id = u"d"_s, .classification = Classification::Sensitive}, "datasets",
          "{id: d, classification: sensitive}", "missing required field 'origin' in dataset 'd'");
    added("unknown origin", Dataset{.id = u"d"_s, .classification = Classification::Sensitive, .origin = u"EUU"_s}, "datasets",
          "{id: d, classification: sensitive, origin: EUU}", "invalid value 'EUU' for 'origin'");
    added("negative retention", Dataset{.id = u"d"_s, .classification = Classification::Public, .retentionDays = -1}, "datasets",
          "{id: d, classification: public, retention_days: -1}", "'retention_days' must be >= 0");
    added("unknown country", Site{.id = u"x"_s, .country = u"DX"_s}, "sites", "{id: x, country: DX}", "invalid value 'DX' for 'country'");
    added("unknown access target", Access{.id = u"a"_s, .from = u"US"_s, .to = u"ehr-bd"_s, .datasets = usage}, "access",
          "{id: a, from: US, to: ehr-bd, datasets: [usage-metrics]}", "access 'a': 'to' names unknown workload 'ehr-bd'");
    added("missing access id", Access{.from = u"US"_s, .to = u"ehr-db"_s, .datasets = usage}, "access",
          "{from: US, to: ehr-db, datasets: [usage-metrics]}", "missing required field 'id' in access entry");
    added("unknown waiver subject", Waiver{.rule = u"RES-007"_s, .subject = u"ehr-bd"_s, .reason = u"r"_s, .approvedBy = u"x@y.example"_s, .expires = QDate(2027, 1, 1)}, "waivers",
          "{rule: RES-007, subject: ehr-bd, reason: r, approved_by: x@y.example, expires: 2027-01-01}", "waiver for RES-007 names unknown subject 'ehr-bd' (did you mean 'ehr-db'?)");
    added("assessed beyond year 9999", Flow{.id = u"x"_s, .from = u"ehr-db"_s, .to = u"trainer"_s, .carries = usage, .assessed = QDate(12026, 1, 1)}, "flows",
          "{id: x, from: ehr-db, to: trainer, carries: [usage-metrics], assessed: 12026-01-01}",
          "'assessed' value '12026-01-01' is not an ISO 8601 date (YYYY-MM-DD)");
    added("access assessed before year 1", Access{.id = u"a"_s, .from = u"US"_s, .to = u"ehr-db"_s, .datasets = usage, .assessed = QDate(-44, 3, 15)}, "access",
          "{id: a, from: US, to: ehr-db, datasets: [usage-metrics], assessed: -44-03-15}",
          "'assessed' value '-44-03-15' is not an ISO 8601 date (YYYY-MM-DD)");
    added("missing expiry", Waiver{.rule = u"RES-007"_s, .subject = u"ehr-db"_s, .reason = u"r"_s, .approvedBy = u"x@y.example"_s}, "waivers",
          "{rule: RES-007, subject: ehr-db, reason: r, approved_by: x@y.example}", "missing required field 'expires' in waiver");

    const QString trainer2 = u"  - {id: trainer-2, kind: training, location: aws:us-east-1, holds: [patient-records, usage-metrics]}"_s;
    QTest::newRow("rename a referenced workload")
        << change(u"trainer"_s, Workload{.id = u"trainer-2"_s, .kind = WorkloadKind::Training, .location = u"aws:us-east-1"_s,
                                         .holds = refs({u"patient-records"_s, u"usage-metrics"_s})})
        << baseWith({{kTrainer, trainer2}}) << QString() << u"names unknown workload 'trainer' (did you mean 'trainer-2'?)"_s;
    QTest::newRow("unknown operator")
        << change(u"muc-dc"_s, Site{.id = u"muc-dc"_s, .name = u"Munich"_s, .country = u"DE"_s, .operatorId = u"awz"_s})
        << baseWith({{kMuc, u"  - {id: muc-dc, name: Munich, country: DE, operator: awz}"_s}}) << QString()
        << u"invalid value 'awz' for 'operator' (did you mean 'aws'?)"_s;
}

void TestInventoryEdit::sameMessagesAsLoad()
{
    QFETCH(InventoryEdit, edit);
    QFETCH(QString, fileBase);
    QFETCH(QString, fileEdit);
    QFETCH(QString, expected);
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    QList<std::pair<QString, QString>> files{{u"base.yaml"_s, fileBase}};
    if (!fileEdit.isEmpty())
        files.append({u"edit.yaml"_s, fileEdit}); // the edit as a file loaded after the inventory
    const auto loaded = loadTexts(files);
    QVERIFY2(!loaded, "the file must not load");

    const auto edited = applyEdit(base->inventory, edit, test::catalog(), alice());
    QVERIFY2(!edited, "the edit must be refused");
    const QStringList fromEdit = messages(edited.error(), Severity::Error);
    QCOMPARE(fromEdit, messages(loaded.error(), Severity::Error));
    QVERIFY2(fromEdit.join(u'\n').contains(expected), qPrintable(fromEdit.join(u'\n')));
    QVERIFY(messages(edited.error(), Severity::Warning).isEmpty());
}

void TestInventoryEdit::warningsAsLoad()
{
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    const auto loaded = loadTexts({{u"base.yaml"_s, baseText()},
                                   {u"edit.yaml"_s, u"atlas: 1\nworkloads:\n  - {id: w, kind: storage, location: aws:eu-centrall-1}\n"_s}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    const auto edited = applyEdit(base->inventory, add(Workload{.id = u"w"_s, .kind = WorkloadKind::Storage, .location = u"aws:eu-centrall-1"_s}),
                                  test::catalog(), alice());
    QVERIFY2(edited, qPrintable(test::errors(edited)));
    QCOMPARE(edited->warnings.size(), 1);
    QCOMPARE(messages(edited->warnings, Severity::Warning), messages(loaded->warnings, Severity::Warning));
    QVERIFY(edited->warnings.front().message.contains(u"(did you mean 'aws:eu-central-1'?)"));
    QCOMPARE(edited->warnings.front().file, u"edit 1 (add workload, "_s + kAliceTime);
    QCOMPARE(edited->warnings.front().line, 0u);
}

void TestInventoryEdit::removeRefusedNamesReferrers_data()
{
    QTest::addColumn<InventoryEdit>("edit");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("line");
    QTest::newRow("workload") << remove(EntityKind::Workload, u"ehr-db"_s)
                              << u"workload 'ehr-db' is still referred to by flow 'ehr-to-trainer' (from), access 'us-debug' (to), "
                                 "waiver RES-007 (subject); change or remove those first, or remove with cascade"_s
                              << 10;
    QTest::newRow("dataset") << remove(EntityKind::Dataset, u"usage-metrics"_s)
                             << u"dataset 'usage-metrics' is still referred to by workload 'trainer' (holds), workload 'onprem' (holds), "
                                "flow 'metrics-out' (carries); change or remove those first, or remove with cascade"_s
                             << 7;
    QTest::newRow("flow") << remove(EntityKind::Flow, u"ehr-to-trainer"_s)
                          << u"flow 'ehr-to-trainer' is still referred to by waiver RES-001 (subject); change or remove those first, "
                             "or remove with cascade"_s
                          << 15;
    QTest::newRow("site, even with cascade") << remove(EntityKind::Site, u"fra-dc1"_s, true)
                                             << u"site 'fra-dc1' is still referred to by workload 'onprem' (location); change those first "
                                                "(removing a site does not cascade)"_s
                                             << 3;
}

void TestInventoryEdit::removeRefusedNamesReferrers()
{
    QFETCH(InventoryEdit, edit);
    QFETCH(QString, message);
    QFETCH(int, line);
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    const auto edited = applyEdit(base->inventory, edit, test::catalog(), alice());
    QVERIFY(!edited);
    QCOMPARE(edited.error().size(), 1);
    const Diagnostic &d = edited.error().front();
    QCOMPARE(d.message, message);
    QCOMPARE(d.file, u"base.yaml"_s); // where the entity is defined
    QCOMPARE(d.line, std::uint32_t(line));
    QCOMPARE(d.column, 6u);
}

void TestInventoryEdit::referrersNamePositions()
{
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    const std::vector<Referrer> r = referrersOf(base->inventory, EntityKind::Workload, u"ehr-db"_s);
    QCOMPARE(r.size(), std::size_t(3));
    QCOMPARE(r[0].kind, EntityKind::Flow);
    QCOMPARE(r[0].index, std::size_t(0));
    QCOMPARE(r[0].field, u"from"_s);
    QCOMPARE(r[0].at, (SourceRef{0, 15, 32})); // the value of `from:`
    QCOMPARE(r[1].kind, EntityKind::Access);
    QCOMPARE(r[1].at.line, 18u);
    QCOMPARE(r[2].kind, EntityKind::Waiver);
    QCOMPARE(r[2].id, u"RES-007"_s);
    QVERIFY(referrersOf(base->inventory, EntityKind::Workload, u"spare"_s).empty());
    QCOMPARE(labels(referrersOf(base->inventory, EntityKind::Dataset, u"patient-records"_s)),
             (QStringList{u"workload 'ehr-db'"_s, u"workload 'trainer'"_s, u"flow 'ehr-to-trainer'"_s, u"flow 'metrics-out'"_s,
                          u"access 'us-debug'"_s}));
}

void TestInventoryEdit::provenanceRecorded()
{
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    // Given in +01:00, recorded in UTC.
    const EditProvenance who{QString(), QDateTime(QDate(2026, 12, 3), QTime(7, 31), QTimeZone(3600)), u"alice"_s};
    const auto first = applyEdit(base->inventory, add(Workload{.id = u"x"_s, .kind = WorkloadKind::Storage, .location = u"DE"_s}),
                                 test::catalog(), who);
    QVERIFY2(first, qPrintable(test::errors(first)));
    const Inventory &inv = first->inventory;
    const QString name = u"edit 1 (add workload, alice, 2026-12-03T06:31:00Z)"_s;
    QCOMPARE(inv.files, (QStringList{u"base.yaml"_s, name}));
    const Workload &added = inv.workloads.back();
    QCOMPARE(added.source, (SourceRef{1, 0, 0}));
    QCOMPARE(added.locationSource, (SourceRef{1, 0, 0}));
    QCOMPARE(inv.idSource(EntityKind::Workload, inv.workloads.size() - 1), (SourceRef{1, 0, 0}));
    const EditProvenance *p = inv.provenance(added.source);
    QVERIFY(p);
    QCOMPARE(p->command, u"add workload"_s);
    QCOMPARE(p->user, u"alice"_s);
    QCOMPARE(p->time, QDateTime(QDate(2026, 12, 3), QTime(6, 31), Qt::UTC));
    QCOMPARE(p->time.timeSpec(), Qt::UTC);
    QVERIFY(inv.isEdited(added.source));
    QVERIFY(!inv.provenance(inv.workloads.front().source)); // loaded from a file
    QVERIFY(!inv.isEdited(inv.workloads.front().source));

    // A later edit: its own entry, and the earlier edit named as the first definition.
    const EditProvenance bob{u"atlas edit"_s, QDateTime(QDate(2026, 12, 4), QTime(8, 0), Qt::UTC), u"bob"_s};
    const auto second = applyEdit(inv, add(Dataset{.id = u"x"_s, .classification = Classification::Public}), test::catalog(), bob);
    QVERIFY(!second);
    QCOMPARE(second.error().size(), 1);
    QCOMPARE(second.error().front().toString(),
             u"edit 2 (atlas edit, bob, 2026-12-04T08:00:00Z): error: duplicate id 'x' (first defined as workload at "_s + name
                 + u"); ids are unique across the whole inventory"_s);
    const auto third = applyEdit(inv, remove(EntityKind::Workload, u"spare"_s), test::catalog(), bob);
    QVERIFY2(third, qPrintable(test::errors(third)));
    QCOMPARE(third->inventory.edits.size(), std::size_t(2));
    QCOMPARE(third->inventory.files.last(), u"edit 2 (atlas edit, bob, 2026-12-04T08:00:00Z)"_s);
    QCOMPARE(third->inventory.provenance(SourceRef{2, 0, 0})->user, u"bob"_s);
    QCOMPARE(third->inventory.provenance(third->inventory.workloads.back().source)->user, u"alice"_s);
}

void TestInventoryEdit::presenceFollowsValues()
{
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    // `application` is the default kind: without its bit the kind is missing, as in a file.
    Workload w{.id = u"w"_s, .location = u"DE"_s};
    const auto refused = applyEdit(base->inventory, add(w), test::catalog(), alice());
    QVERIFY(!refused);
    QCOMPARE(messages(refused.error(), Severity::Error), QStringList{u"missing required field 'kind' in workload"_s});
    w.present = fields::workload::Kind;
    const auto accepted = applyEdit(base->inventory, add(w), test::catalog(), alice());
    QVERIFY2(accepted, qPrintable(test::errors(accepted)));
    QCOMPARE(accepted->inventory.workloads.back().present,
             FieldMask(fields::workload::Id | fields::workload::Kind | fields::workload::Location));
    // An emptied field is absent, whatever the mask said.
    Site s = *base->inventory.site(u"fra-dc1"_s);
    s.name.clear();
    const auto cleared = applyEdit(base->inventory, change(s.id, s), test::catalog(), alice());
    QVERIFY2(cleared, qPrintable(test::errors(cleared)));
    QCOMPARE(cleared->inventory.sites.front().present, FieldMask(fields::site::Id | fields::site::Country));
}

// Unsetting a field is an edit whose value leaves it empty: the field is gone, whatever the mask
// said, and the inventory is again the file that never had it.
void TestInventoryEdit::optionalFieldsUnset()
{
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    Inventory inv = base->inventory;
    QList<InventoryEdit> set, unset;
    for (const EditRow &row : editRows())
        if (QByteArrayView(row.name).startsWith("set "))
            set << row.edit;
    QCOMPARE(set.size(), 4);
    for (const InventoryEdit &e : set) {
        const auto next = applyEdit(inv, e, test::catalog(), alice());
        QVERIFY2(next, qPrintable(test::errors(next)));
        inv = next->inventory;
    }
    Dataset d = *inv.dataset(u"usage-metrics"_s);
    QVERIFY(d.present & fields::dataset::TrainingBasis);
    d.trainingBasis.reset();
    Workload w = *inv.workload(u"spare"_s);
    w.geoRedundant.reset();
    Flow f = inv.flows.front();
    f.notified.reset();
    f.assessed = QDate();
    Access a = inv.access.front();
    a.notified.reset();
    a.assessed = QDate();
    for (InventoryEdit e : {change(d.id, d), change(w.id, w), change(f.id, f), change(a.id, a)}) {
        const auto next = applyEdit(inv, e, test::catalog(), alice());
        QVERIFY2(next, qPrintable(test::errors(next)));
        inv = next->inventory;
    }
    QCOMPARE(QString::fromUtf8(inventoryToYaml(inv)), QString::fromUtf8(inventoryToYaml(base->inventory)));
    QCOMPARE(presentMasks(inv), presentMasks(base->inventory));
}

void TestInventoryEdit::badEdits_data()
{
    QTest::addColumn<InventoryEdit>("edit");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("command");
    QTest::newRow("change of nothing") << change(u"nope"_s, Flow{.id = u"nope"_s}) << u"no flow 'nope' to change"_s << u"change flow"_s;
    QTest::newRow("removal of nothing") << remove(EntityKind::Workload, u"nope"_s) << u"no workload 'nope' to remove"_s
                                        << u"remove workload"_s;
    QTest::newRow("waiver out of range") << onWaiver(EditOperation::Remove, 5) << u"no waiver at position 5 to remove (there are 2)"_s
                                         << u"remove waiver"_s;
    InventoryEdit mismatch = add(Workload{.id = u"w"_s});
    mismatch.kind = EntityKind::Flow;
    QTest::newRow("value of another kind") << mismatch << u"the value is a workload, not a flow"_s << u"add flow"_s;
    // No file can say it (a name the table lacks is the reader's error); an edit built by code can.
    QTest::newRow("training_basis outside the vocabulary")
        << change(u"archive"_s, Dataset{.id = u"archive"_s, .classification = Classification::Public, .trainingBasis = static_cast<TrainingBasis>(9)})
        << u"invalid value '9' for 'training_basis'; allowed: consent, legitimate_interests, contract, legal_obligation, public_interest, none"_s
        << u"change dataset"_s;
}

void TestInventoryEdit::badEdits()
{
    QFETCH(InventoryEdit, edit);
    QFETCH(QString, message);
    QFETCH(QString, command);
    const auto base = loadTexts({{u"base.yaml"_s, baseText()}});
    QVERIFY2(base, qPrintable(test::errors(base)));
    const auto edited = applyEdit(base->inventory, edit, test::catalog(), alice());
    QVERIFY(!edited);
    QCOMPARE(edited.error().size(), 1);
    QCOMPARE(edited.error().front().message, message);
    QCOMPARE(edited.error().front().file, u"edit 1 ("_s + command + u", "_s + kAliceTime);
    QCOMPARE(edited.error().front().line, 0u);
}

QTEST_GUILESS_MAIN(TestInventoryEdit)
#include "tst_inventoryedit.moc"
