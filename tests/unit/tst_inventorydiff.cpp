// Diffs of inventories and analyses (models/inventorydiff.h, analysis/snapshotdiff.h) and their
// renderings (views/render/diffreport.h): each field of each kind changed in a file is exactly
// that change; a rename is a removal and an addition; waivers are keyed by rule and subject;
// what a file does not show (positions, written defaults) is no change; the bundled sample
// against an edited copy gives exactly the expected entities and findings; the text and JSON
// renderings match goldens in tests/data/diff/ (ATLAS_UPDATE_GOLDEN=1 rewrites them).
#include "analysissupport.h"
#include "diffreport.h"
#include "inventorydiff.h"
#include "inventoryedittest.h"
#include "snapshotdiff.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

using namespace atlas;
using namespace atlas::test;
using namespace Qt::StringLiterals;

class TestInventoryDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fieldChanges_data();
    void fieldChanges();
    void identicalIsEmpty();
    void repeatedKeysMatchInOrder();
    void sortedByKindThenKey();
    void sampleAgainstEditedCopy();
    void snapshotFindings();
    void renderings_data();
    void renderings();
    void textNamesStatusAndAbsence();
};

namespace {

const QDate kAsOf(2026, 11, 1);
const QString kSample = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml");

QString side(const std::optional<QString> &value)
{
    return value ? *value : u"(absent)"_s;
}

// "~ flow x", then "  field: before → after" per field; top-level changes as "~ inventory".
QStringList lines(const InventoryDiff &diff)
{
    QStringList out;
    for (const FieldChange &f : diff.topLevel)
        out << u"~ inventory "_s + f.name + u": "_s + side(f.before) + u" → "_s + side(f.after);
    const QString signs = u"+-~"_s;
    for (const EntityChange &c : diff.entities) {
        out << signs[int(c.operation)] + u' ' + entityKindName(c.kind) + u' ' + c.key;
        for (const FieldChange &f : c.fields)
            out << u"  "_s + f.name + u": "_s + side(f.before) + u" → "_s + side(f.after);
    }
    return out;
}

Inventory loadBase(const QString &text)
{
    auto loaded = loadTexts({{u"base.yaml"_s, text}});
    if (!loaded)
        qFatal("%s", qPrintable(test::join(loaded.error())));
    return std::move(loaded->inventory);
}

QStringList keys(const std::vector<DiffFinding> &findings)
{
    QStringList out;
    for (const DiffFinding &f : findings)
        out << f.key.toString();
    return out;
}

std::shared_ptr<const AnalysisSnapshot> analysedInventory(Inventory inventory)
{
    AnalysisRequest request;
    request.inventory = std::make_shared<const Inventory>(std::move(inventory));
    request.catalog = &test::catalog();
    request.asOf = kAsOf;
    AnalysisResult r = analyse(request);
    if (!r)
        qFatal("%s", qPrintable(test::join(r.error().diagnostics)));
    return *r;
}

template <typename E> E entityOf(const std::vector<E> &list, const QString &id)
{
    for (const E &e : list)
        if (e.id == id)
            return e;
    qFatal("no %s", qPrintable(id));
}

// The bundled sample with one edit of each operation, through applyEdit as the GUI makes them,
// and a later as_of.
Inventory editedSample(const Inventory &sample)
{
    Inventory inv = sample;
    auto apply = [&](const InventoryEdit &edit) {
        auto r = applyEdit(inv, edit, test::catalog(), alice());
        if (!r)
            qFatal("%s", qPrintable(test::join(r.error())));
        inv = std::move(r->inventory);
    };
    Flow flow = entityOf(inv.flows, u"ehr-to-us-training"_s);
    flow.basis = Basis::Scc;
    apply(change(flow.id, flow));
    Dataset hr = entityOf(inv.datasets, u"eu-employee-hr"_s);
    hr.retentionDays = 365;
    apply(change(hr.id, hr));
    apply(add(Workload{.id = u"us-chat-analytics"_s, .name = u"Chat analytics (US)"_s, .kind = WorkloadKind::Analytics,
                       .location = u"aws:us-east-1"_s, .holds = refs({u"eu-chat-prompts"_s})}));
    apply(add(Flow{.id = u"prompts-to-us-analytics"_s, .from = u"eu-prompt-log"_s, .to = u"us-chat-analytics"_s,
                   .carries = refs({u"eu-chat-prompts"_s}), .purpose = Purpose::Analytics, .encrypted = true}));
    apply(remove(EntityKind::Access, u"us-ds-debug"_s));
    for (std::size_t i = 0; i < inv.waivers.size(); ++i)
        if (inv.waivers[i].rule == u"RES-005")
            apply(onWaiver(EditOperation::Remove, i));
    inv.asOf = QDate(2026, 12, 1);
    return inv;
}

const QStringList kSampleDiff{
    u"~ inventory as_of: 2026-11-01 → 2026-12-01"_s,
    u"~ dataset eu-employee-hr"_s,
    u"  retention_days: (absent) → 365"_s,
    u"+ workload us-chat-analytics"_s,
    // The sample writes `basis: none`, the default: the format leaves it out, so it was absent.
    u"~ flow ehr-to-us-training"_s,
    u"  basis: (absent) → scc"_s,
    u"+ flow prompts-to-us-analytics"_s,
    u"- access us-ds-debug"_s,
    u"- waiver RES-005@eu-support-transcripts"_s,
};

} // namespace

void TestInventoryDiff::fieldChanges_data()
{
    QTest::addColumn<QString>("after");
    QTest::addColumn<QStringList>("expected");
    auto row = [](const char *name, const QList<std::pair<QString, QString>> &changes, const QStringList &expected) {
        QTest::newRow(name) << baseWith(changes) << expected;
    };
    const QString none; // a removed line
    row("site name", {{kFra, u"  - {id: fra-dc1, name: Frankfurt 1, country: DE}"_s}}, {u"~ site fra-dc1"_s, u"  name: Frankfurt → Frankfurt 1"_s});
    row("site country", {{kMuc, u"  - {id: muc-dc, name: Munich, country: AT}"_s}}, {u"~ site muc-dc"_s, u"  country: DE → AT"_s});
    row("site operator", {{kFra, u"  - {id: fra-dc1, name: Frankfurt, country: DE, operator: self}"_s}}, {u"~ site fra-dc1"_s, u"  operator: (absent) → self"_s});
    row("site added", {{kMuc, appended(kMuc, u"  - {id: ber-dc, country: DE}"_s)}}, {u"+ site ber-dc"_s});
    const QString patients = u"  - {id: patient-records, classification: restricted, categories: [personal, health], origin: EU"_s;
    auto dataset = [&](const char *name, const QString &extra, const QStringList &expected) {
        row(name, {{kPatients, patients + extra + u'}'}}, QStringList{u"~ dataset patient-records"_s} + expected);
    };
    dataset("dataset name", u", name: Patients"_s, {u"  name: (absent) → Patients"_s});
    row("dataset classification", {{kPatients, u"  - {id: patient-records, classification: sensitive, categories: [personal, health], origin: EU}"_s}},
        {u"~ dataset patient-records"_s, u"  classification: restricted → sensitive"_s});
    row("dataset categories", {{kPatients, u"  - {id: patient-records, classification: restricted, categories: [health], origin: EU}"_s}},
        {u"~ dataset patient-records"_s, u"  categories: personal, health → health"_s});
    row("dataset origin", {{kPatients, u"  - {id: patient-records, classification: restricted, categories: [personal, health], origin: DE}"_s}},
        {u"~ dataset patient-records"_s, u"  origin: EU → DE"_s});
    dataset("dataset consent", u", consent: {training: true}"_s, {u"  consent: (absent) → training: true, analytics: false"_s});
    dataset("dataset retention_days", u", retention_days: 30"_s, {u"  retention_days: (absent) → 30"_s});
    dataset("dataset redacted", u", redacted: false"_s, {u"  redacted: (absent) → false"_s});
    dataset("dataset keys", u", keys: {custody: customer}"_s, {u"  keys: (absent) → custody: customer"_s});
    dataset("dataset localisation", u", localisation: applies"_s, {u"  localisation: (absent) → applies"_s});
    dataset("dataset training_basis", u", training_basis: legitimate_interests"_s, {u"  training_basis: (absent) → legitimate_interests"_s});
    row("dataset removed", {{kArchive, none}}, {u"- dataset archive"_s});
    row("dataset renamed", {{kArchive, u"  - {id: archive-2023, classification: public}"_s}}, {u"- dataset archive"_s, u"+ dataset archive-2023"_s});
    const QString ehr = u"  - {id: ehr-db, kind: database, location: aws:eu-central-1, holds: [patient-records]"_s;
    auto workload = [&](const char *name, const QString &extra, const QStringList &expected) {
        row(name, {{kEhr, ehr + extra + u'}'}}, QStringList{u"~ workload ehr-db"_s} + expected);
    };
    workload("workload name", u", name: EHR"_s, {u"  name: (absent) → EHR"_s});
    row("workload kind", {{kEhr, u"  - {id: ehr-db, kind: storage, location: aws:eu-central-1, holds: [patient-records]}"_s}},
        {u"~ workload ehr-db"_s, u"  kind: database → storage"_s});
    row("workload location", {{kEhr, u"  - {id: ehr-db, kind: database, location: aws:eu-west-1, holds: [patient-records]}"_s}},
        {u"~ workload ehr-db"_s, u"  location: aws:eu-central-1 → aws:eu-west-1"_s});
    workload("workload operator", u", operator: aws"_s, {u"  operator: (absent) → aws"_s});
    workload("workload operator_hq", u", operator_hq: US"_s, {u"  operator_hq: (absent) → US"_s});
    row("workload holds", {{kEhr, u"  - {id: ehr-db, kind: database, location: aws:eu-central-1, holds: [usage-metrics, patient-records]}"_s}},
        {u"~ workload ehr-db"_s, u"  holds: patient-records → usage-metrics, patient-records"_s});
    workload("workload external", u", external: true"_s, {u"  external: (absent) → true"_s});
    workload("workload certifications", u", certifications: [dpf]"_s, {u"  certifications: (absent) → dpf"_s});
    workload("workload tags", u", tags: {team: clinical}"_s, {u"  tags: (absent) → team: clinical"_s});
    workload("workload geo_redundant", u", geo_redundant: false"_s, {u"  geo_redundant: (absent) → false"_s});
    row("workload removed", {{kSpare, none}}, {u"- workload spare"_s});
    const QString flow1 = u"  - {id: ehr-to-trainer, from: ehr-db, to: trainer, carries: [patient-records]"_s;
    auto flow = [&](const char *name, const QString &fields, const QStringList &expected) {
        row(name, {{kFlow1, flow1 + fields + u'}'}}, QStringList{u"~ flow ehr-to-trainer"_s} + expected);
    };
    row("flow from", {{kFlow1, u"  - {id: ehr-to-trainer, from: onprem, to: trainer, carries: [patient-records], purpose: training}"_s}},
        {u"~ flow ehr-to-trainer"_s, u"  from: ehr-db → onprem"_s});
    row("flow to", {{kFlow1, u"  - {id: ehr-to-trainer, from: ehr-db, to: spare, carries: [patient-records], purpose: training}"_s}},
        {u"~ flow ehr-to-trainer"_s, u"  to: trainer → spare"_s});
    row("flow carries", {{kFlow1, u"  - {id: ehr-to-trainer, from: ehr-db, to: trainer, carries: [patient-records, usage-metrics], purpose: training}"_s}},
        {u"~ flow ehr-to-trainer"_s, u"  carries: patient-records → patient-records, usage-metrics"_s});
    flow("flow form", u", purpose: training, form: aggregated"_s, {u"  form: (absent) → aggregated"_s});
    flow("flow purpose", u", purpose: analytics"_s, {u"  purpose: training → analytics"_s});
    flow("flow purpose dropped", QString(), {u"  purpose: training → (absent)"_s});
    flow("flow basis", u", purpose: training, basis: scc"_s, {u"  basis: (absent) → scc"_s});
    flow("flow encrypted", u", purpose: training, encrypted: true"_s, {u"  encrypted: (absent) → true"_s});
    flow("flow protections", u", purpose: training, protections: [redaction]"_s, {u"  protections: (absent) → redaction"_s});
    flow("flow volume_gb_per_day", u", purpose: training, volume_gb_per_day: 2.5"_s, {u"  volume_gb_per_day: (absent) → 2.5"_s});
    flow("flow notified", u", purpose: training, notified: true"_s, {u"  notified: (absent) → true"_s});
    flow("flow assessed", u", purpose: training, assessed: 2026-10-15"_s, {u"  assessed: (absent) → 2026-10-15"_s});
    flow("flow, several fields in the format's order", u", volume_gb_per_day: 1, form: features, purpose: inference"_s,
         {u"  form: (absent) → features"_s, u"  purpose: training → inference"_s, u"  volume_gb_per_day: (absent) → 1"_s});
    row("flow renamed", {{kFlow2, u"  - {id: metrics-export, from: onprem, to: trainer, carries: [usage-metrics, patient-records]}"_s}},
        {u"+ flow metrics-export"_s, u"- flow metrics-out"_s});
    const QString access = u"  - {id: us-debug, from: US, to: ehr-db, datasets: [patient-records]"_s;
    row("access role", {{kAccess, u"  - {id: us-debug, role: ops, from: US, to: ehr-db, datasets: [patient-records]}"_s}},
        {u"~ access us-debug"_s, u"  role: ds → ops"_s});
    row("access from", {{kAccess, u"  - {id: us-debug, role: ds, from: GB, to: ehr-db, datasets: [patient-records]}"_s}},
        {u"~ access us-debug"_s, u"  from: US → GB"_s});
    row("access to", {{kAccess, u"  - {id: us-debug, role: ds, from: US, to: trainer, datasets: [patient-records]}"_s}},
        {u"~ access us-debug"_s, u"  to: ehr-db → trainer"_s});
    row("access datasets", {{kAccess, u"  - {id: us-debug, role: ds, from: US, to: ehr-db, datasets: [patient-records, usage-metrics]}"_s}},
        {u"~ access us-debug"_s, u"  datasets: patient-records → patient-records, usage-metrics"_s});
    row("access purpose and basis, role dropped", {{kAccess, access + u", purpose: debugging, basis: consent}"_s}},
        {u"~ access us-debug"_s, u"  role: ds → (absent)"_s, u"  purpose: (absent) → debugging"_s, u"  basis: (absent) → consent"_s});
    row("access notified and assessed", {{kAccess, u"  - {id: us-debug, role: ds, from: US, to: ehr-db, datasets: [patient-records], notified: false, assessed: 2026-09-01}"_s}},
        {u"~ access us-debug"_s, u"  notified: (absent) → false"_s, u"  assessed: (absent) → 2026-09-01"_s});
    row("access removed", {{kAccess, none}}, {u"- access us-debug"_s});
    const QString waiverTail = u", approved_by: dpo@x.example, expires: 2027-06-30}"_s;
    row("waiver reason", {{kWaiver1, u"  - {rule: RES-007, subject: ehr-db, reason: renewed"_s + waiverTail}},
        {u"~ waiver RES-007@ehr-db"_s, u"  reason: contract → renewed"_s});
    row("waiver approved_by", {{kWaiver1, u"  - {rule: RES-007, subject: ehr-db, reason: contract, approved_by: ciso@x.example, expires: 2027-06-30}"_s}},
        {u"~ waiver RES-007@ehr-db"_s, u"  approved_by: dpo@x.example → ciso@x.example"_s});
    row("waiver expires", {{kWaiver1, u"  - {rule: RES-007, subject: ehr-db, reason: contract, approved_by: dpo@x.example, expires: 2028-01-31}"_s}},
        {u"~ waiver RES-007@ehr-db"_s, u"  expires: 2027-06-30 → 2028-01-31"_s});
    // A waiver's key is its rule and subject: another rule or subject is another waiver.
    row("waiver rule", {{kWaiver1, u"  - {rule: RES-002, subject: ehr-db, reason: contract"_s + waiverTail}},
        {u"+ waiver RES-002@ehr-db"_s, u"- waiver RES-007@ehr-db"_s});
    row("waiver subject", {{kWaiver1, u"  - {rule: RES-007, subject: trainer, reason: contract"_s + waiverTail}},
        {u"- waiver RES-007@ehr-db"_s, u"+ waiver RES-007@trainer"_s});
    row("organisation", {{u"atlas: 1"_s, u"atlas: 1\norganisation: Northwind"_s}}, {u"~ inventory organisation: (absent) → Northwind"_s});
    row("as_of", {{u"atlas: 1"_s, u"atlas: 1\nas_of: 2026-11-01"_s}}, {u"~ inventory as_of: (absent) → 2026-11-01"_s});
    // Written defaults and layout are not changes: the format leaves them out.
    row("defaults written out", {{kFlow1, flow1 + u", purpose: training, form: raw, basis: none}"_s}}, {});
    row("block style instead of flow style", {{kSpare, u"  - id: spare\n    kind: backup\n    location: DE"_s}}, {});
}

void TestInventoryDiff::fieldChanges()
{
    QFETCH(QString, after);
    QFETCH(QStringList, expected);
    const Inventory a = loadBase(baseText());
    const Inventory b = loadBase(after);
    QCOMPARE(lines(diffInventories(a, b)), expected);
    // The other way round: additions and removals swap, before and after swap.
    QStringList reversed;
    for (QString line : expected) {
        if (line.startsWith(u'+'))
            line[0] = u'-';
        else if (line.startsWith(u'-'))
            line[0] = u'+';
        else if (const qsizetype arrow = line.indexOf(u" → "_s); arrow > 0) {
            const qsizetype colon = line.indexOf(u": "_s);
            line = line.left(colon + 2) + line.mid(arrow + 3) + u" → "_s + line.mid(colon + 2, arrow - colon - 2);
        }
        reversed << line;
    }
    QCOMPARE(lines(diffInventories(b, a)), reversed); // same keys, same order
}

// The same inventory, however it was written or loaded, has no differences.
void TestInventoryDiff::identicalIsEmpty()
{
    const Inventory a = loadBase(baseText());
    QVERIFY(diffInventories(a, a).isEmpty());
    QVERIFY(diffInventories(Inventory{}, Inventory{}).isEmpty());
    // From the writer's JSON: every position differs, nothing else.
    auto json = loadTexts({{u"base.json"_s, QString::fromUtf8(inventoryToJson(a))}});
    QVERIFY2(json, qPrintable(test::errors(json)));
    QVERIFY(diffInventories(a, json->inventory).isEmpty());
    // The sample, and the sample in another order (matched through the hash, not by position).
    const auto sample = analysed(kSample, kAsOf);
    Inventory shuffled = *sample->inventory;
    std::ranges::reverse(shuffled.flows);
    std::ranges::rotate(shuffled.datasets, shuffled.datasets.begin() + 3);
    std::ranges::reverse(shuffled.waivers);
    const InventoryDiff same = diffInventories(*sample->inventory, shuffled);
    QVERIFY2(same.isEmpty(), qPrintable(lines(same).join(u'\n')));
    QVERIFY(diffSnapshots(*sample, *sample).isEmpty());
}

// Two waivers of one rule and subject (the format allows it): matched in order of occurrence,
// what is left over is added or removed.
void TestInventoryDiff::repeatedKeysMatchInOrder()
{
    const Waiver first{.rule = u"RES-007"_s, .subject = u"ehr-db"_s, .reason = u"first"_s};
    const Waiver second{.rule = u"RES-007"_s, .subject = u"ehr-db"_s, .reason = u"second"_s};
    const Waiver other{.rule = u"RES-001"_s, .subject = u"x"_s, .reason = u"other"_s};
    Inventory a, b;
    a.waivers = {other, first, second};
    b.waivers = {first, second};
    QCOMPARE(lines(diffInventories(a, b)), QStringList{u"- waiver RES-001@x"_s});
    b.waivers = {second};
    QCOMPARE(lines(diffInventories(a, b)), (QStringList{u"- waiver RES-001@x"_s, u"- waiver RES-007@ehr-db"_s, u"~ waiver RES-007@ehr-db"_s,
                                                        u"  reason: first → second"_s}));
    const InventoryDiff d = diffInventories(b, a);
    QCOMPARE(lines(d), (QStringList{u"+ waiver RES-001@x"_s, u"+ waiver RES-007@ehr-db"_s, u"~ waiver RES-007@ehr-db"_s,
                                    u"  reason: second → first"_s}));
    QCOMPARE(std::get<Waiver>(d.entities[1].entity).reason, u"second"_s); // the left-over occurrence
}

void TestInventoryDiff::sortedByKindThenKey()
{
    const Inventory a = loadBase(baseText());
    const Inventory b = loadBase(baseWith({{kWaiver1, QString()},
                                           {kSpare, QString()},
                                           {kFra, u"  - {id: fra-dc1, name: Frankfurt 1, country: DE}"_s},
                                           {kFlow2, u"  - {id: metrics-out, from: onprem, to: trainer, carries: [usage-metrics, patient-records], encrypted: true}"_s},
                                           {kFlow1, u"  - {id: ehr-to-trainer, from: ehr-db, to: trainer, carries: [patient-records], purpose: training, basis: scc}"_s},
                                           {kMuc, appended(kMuc, u"  - {id: aaa-dc, country: DE}"_s)}}));
    const InventoryDiff d = diffInventories(a, b);
    QCOMPARE(lines(d), (QStringList{u"+ site aaa-dc"_s, u"~ site fra-dc1"_s, u"  name: Frankfurt → Frankfurt 1"_s, u"- workload spare"_s,
                                    u"~ flow ehr-to-trainer"_s, u"  basis: (absent) → scc"_s, u"~ flow metrics-out"_s,
                                    u"  encrypted: (absent) → true"_s, u"- waiver RES-007@ehr-db"_s}));
    QCOMPARE(d.count(DiffOperation::Added), 1);
    QCOMPARE(d.count(DiffOperation::Removed), 2);
    QCOMPARE(d.count(DiffOperation::Changed), 3);
    QCOMPARE(d.count(EntityKind::Flow, DiffOperation::Changed), 2);
    // Added and changed carry the entity as it is now, removed as it was.
    QCOMPARE(std::get<Site>(d.entities[0].entity).country, u"DE"_s);
    QCOMPARE(std::get<Workload>(d.entities[2].entity).kind, WorkloadKind::Backup);
    QCOMPARE(std::get<Flow>(d.entities[3].entity).basis, Basis::Scc);
}

void TestInventoryDiff::sampleAgainstEditedCopy()
{
    const auto sample = analysed(kSample, kAsOf);
    const Inventory edited = editedSample(*sample->inventory);
    QCOMPARE(lines(diffInventories(*sample->inventory, edited)), kSampleDiff);
}

// Findings opened and closed by identity: a finding that changes status only (its waiver
// removed) is neither.
void TestInventoryDiff::snapshotFindings()
{
    const auto before = analysed(kSample, kAsOf);
    const auto after = analysedInventory(editedSample(*before->inventory));
    const SnapshotDiff d = diffSnapshots(*before, *after);
    QCOMPARE(lines(d.inventory), kSampleDiff);
    QCOMPARE(keys(d.opened), (QStringList{u"RES-001/flow/prompts-to-us-analytics/eu-chat-prompts"_s}));
    QCOMPARE(keys(d.closed), (QStringList{u"RES-001/flow/ehr-to-us-training/eu-patient-records"_s,
                                          u"RES-010/access/us-ds-debug/eu-patient-records"_s,
                                          u"RES-013/dataset/eu-employee-hr/eu-employee-hr"_s}));
    QCOMPARE(d.counts.added, 2);
    QCOMPARE(d.counts.removed, 2);
    QCOMPARE(d.counts.changed, 2);
    QCOMPARE(d.counts.opened, qsizetype(d.opened.size()));
    QCOMPARE(d.counts.closed, qsizetype(d.closed.size()));
    for (const DiffFinding &f : d.opened) {
        QVERIFY(!f.message.isEmpty());
        QVERIFY(!f.title.isEmpty());
    }
    // RES-005 on the transcripts was waived and now is open: the same finding.
    auto status = [](const AnalysisSnapshot &s) {
        for (const Finding &f : s.findings)
            if (f.rule == u"RES-005" && f.subjectId == u"eu-support-transcripts")
                return f.status;
        return FindingStatus::Open;
    };
    QCOMPARE(status(*before), FindingStatus::Waived);
    QCOMPARE(status(*after), FindingStatus::Open);
}

void TestInventoryDiff::renderings_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::newRow("sample, edited") << u"sample-edited"_s;
    QTest::newRow("identical") << u"identical"_s;
}

// The text and JSON of a snapshot diff, byte for byte; the JSON parses and its counts agree.
void TestInventoryDiff::renderings()
{
    QFETCH(QString, fixture);
    const auto before = analysed(kSample, kAsOf);
    const auto after = fixture == u"identical" ? before : analysedInventory(editedSample(*before->inventory));
    const SnapshotDiff d = diffSnapshots(*before, *after);
    const DiffLabels labels{u"northwind-ai.yaml"_s, fixture == u"identical" ? u"northwind-ai.yaml"_s : u"northwind-ai.yaml (edited)"_s};
    const QByteArray json = diffJson(d, labels);
    const QJsonObject parsed = QJsonDocument::fromJson(json).object();
    QCOMPARE(QJsonDocument(parsed).toJson(), json); // QJsonDocument's own bytes
    QCOMPARE(parsed.value(u"summary"_s).toObject().value(u"findings_opened"_s).toInteger(), d.counts.opened);
    QCOMPARE(parsed.value(u"entities"_s).toArray().size(), qsizetype(d.inventory.entities.size()));
    const QList<std::pair<QString, QByteArray>> outputs{{fixture + u".txt"_s, diffText(d, labels).toUtf8()}, {fixture + u".json"_s, json}};
    for (const auto &[name, bytes] : outputs) {
        QFile golden(QStringLiteral(ATLAS_TEST_DATA "/diff/") + name);
        if (qEnvironmentVariableIsSet("ATLAS_UPDATE_GOLDEN")) {
            QVERIFY(golden.open(QIODevice::WriteOnly));
            golden.write(bytes);
        } else {
            QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
            QCOMPARE(QString::fromUtf8(bytes), QString::fromUtf8(golden.readAll()));
        }
    }
}

// A finding that is not open on its side says so; an absent side reads "(absent)"; a dataset
// subject is not named twice.
void TestInventoryDiff::textNamesStatusAndAbsence()
{
    SnapshotDiff d;
    d.inventory.entities.push_back({EntityKind::Flow, DiffOperation::Changed, u"f"_s, Flow{}, {{u"encrypted"_s, u"true"_s, std::nullopt}}});
    d.opened.push_back({{u"RES-007"_s, SubjectKind::Workload, u"ehr-db"_s, {}}, RuleSeverity::High, FindingStatus::Waived, u"t"_s, u"m"_s});
    d.closed.push_back({{u"RES-013"_s, SubjectKind::Dataset, u"d"_s, u"d"_s}, RuleSeverity::Medium, FindingStatus::WaiverExpired, u"t"_s, u"n"_s});
    d.counts = {0, 0, 1, 1, 1};
    QCOMPARE(diffText(d, {u"a.yaml"_s, u"b.yaml"_s}),
             u"A: a.yaml\nB: b.yaml\n0 added, 0 removed, 1 changed; 1 finding opened, 1 closed\n\n"
             "~ flow f\n    encrypted: true → (absent)\n\n"
             "Findings opened:\n+ RES-007 (high) workload ehr-db: m [waived]\n\n"
             "Findings closed:\n- RES-013 (medium) dataset d: n [waiver-expired]\n"_s);
}

QTEST_GUILESS_MAIN(TestInventoryDiff)
#include "tst_inventorydiff.moc"
