// The workspace store: lossless round trips, snapshots that write only what changed, the order
// of every list, the audit chain and its tampering, and files refused without being touched
// (damaged, truncated, foreign, carrying triggers or views, too new, not ours), migrations from
// every earlier schema version (digests kept, new columns absent), a disk that fills up.
#include "analysissupport.h"
#include "inventoryedit.h"
#include "inventoryimporter.h"
#include "inventorywriter.h"
#include "testsupport.h"
#include "workspace.h"
#include "workspaceimport.h"
#include "workspaceload.h"
#include "workspaceschema.h"

#include <QCryptographicHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace atlas;
using namespace atlas::workspace;
using namespace Qt::StringLiterals;

namespace {

const QString Sample = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml");

Inventory sample()
{
    auto loaded = loadInventory({Sample}, test::catalog());
    if (!loaded)
        qFatal("%s", qPrintable(test::join(loaded.error())));
    return loaded->inventory;
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Raw SQL on a workspace file, bypassing the store (what an attacker or a broken disk does).
void tamper(const QString &path, const QString &sql)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY2(q.exec(sql), qPrintable(sql));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"tamper"_s);
}

int rowCount(const QString &path, const QString &table)
{
    auto ws = Workspace::open(path, OpenMode::ReadOnly);
    auto n = (*ws)->database().scalar(u"SELECT COUNT(*) FROM "_s + table);
    return n ? n->toInt() : -1;
}

Inventory edited(const Inventory &base, InventoryEdit edit)
{
    Inventory linked = base;
    linked.buildIndex();
    auto outcome = applyEdit(linked, edit, test::catalog(), {u"test"_s, QDateTime::fromString(u"2026-12-01T10:00:00Z"_s, Qt::ISODate), u"tester"_s});
    if (!outcome)
        qFatal("%s", qPrintable(test::join(outcome.error())));
    return outcome->inventory;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { qputenv("ATLAS_USER", "tester"); }

    void roundTripIsLossless()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"estate.ratlas"_s);
        const Inventory original = sample();
        auto created = createWorkspace(path, original, {});
        QVERIFY2(created, qPrintable(created ? QString() : created.error().message));
        QCOMPARE(created->snapshot, 1);
        QCOMPARE(created->added, int(original.datasets.size() + original.workloads.size() + original.flows.size()
                                     + original.access.size() + original.waivers.size() + original.sites.size()));
        auto loaded = loadWorkspace({path, 0}, test::catalog());
        QVERIFY2(loaded, qPrintable(loaded ? QString() : test::join(loaded.error())));
        QCOMPARE(QString::fromUtf8(inventoryToYaml(loaded->inventory)), QString::fromUtf8(inventoryToYaml(original)));
        // workspace → YAML → workspace: the same inventory again
        const QString yaml = dir.filePath(u"exported.yaml"_s);
        QFile out(yaml);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(inventoryToYaml(loaded->inventory));
        out.close();
        auto reread = loadInventory({yaml}, test::catalog());
        QVERIFY(reread);
        const QString second = dir.filePath(u"second.ratlas"_s);
        QVERIFY(createWorkspace(second, reread->inventory, {}));
        auto again = loadWorkspace({second, 0}, test::catalog());
        QVERIFY(again);
        QCOMPARE(QString::fromUtf8(inventoryToJson(again->inventory)), QString::fromUtf8(inventoryToJson(original)));
        // Positions survive: a finding on the workspace points at the sample's line.
        QCOMPARE(loaded->inventory.fileOf(loaded->inventory.flows.front().source), Sample);
        QCOMPARE(loaded->inventory.flows.front().source.line, original.flows.front().source.line);
    }

    // The map's places go in with the snapshot, replace what was there, are left alone by a
    // commit that carries none, and a damaged row is a place forgotten (not a map at infinity).
    void mapPlacesAreKeptWithTheSnapshot()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"estate.ratlas"_s);
        CommitInfo info;
        info.mapPlaces = MapPlaces{{u"regions/region"_s, {{u"c:EU"_s, QPointF(10.5, 20)}, {u"n:eu-ehr"_s, QPointF(0, 42.25)}}},
                                   {u"regions/country"_s, {{u"c:EU/DE"_s, QPointF(3, 4)}}}};
        QVERIFY(createWorkspace(path, sample(), info));
        auto ws = Workspace::open(path, OpenMode::ReadWrite);
        QVERIFY(ws);
        QCOMPARE(*(*ws)->mapPlaces(), *info.mapPlaces);
        QVERIFY((*ws)->commit(sample(), {})); // no places: those saved stay
        QCOMPARE(*(*ws)->mapPlaces(), *info.mapPlaces);
        CommitInfo other;
        other.mapPlaces = MapPlaces{{u"regions/region"_s, {{u"c:US"_s, QPointF(1, 2)}}}};
        QVERIFY((*ws)->commit(sample(), other));
        QCOMPARE(*(*ws)->mapPlaces(), *other.mapPlaces);
        QVERIFY((*ws)->database().exec(u"INSERT INTO map_positions (view, node, x, y) VALUES ('regions/region', 'c:IN', 1e999, 0)"_s));
        QCOMPARE(*(*ws)->mapPlaces(), *other.mapPlaces);
        QCOMPARE(savedMapPlaces({path}), *other.mapPlaces);
        QVERIFY(savedMapPlaces({Sample}).isEmpty());
    }

    void snapshotWritesOnlyWhatChanged()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"estate.ratlas"_s);
        const Inventory v1 = sample();
        QVERIFY(createWorkspace(path, v1, {}));
        const int flowRows = rowCount(path, u"flows"_s);
        Flow changedFlow = v1.flows[3];
        changedFlow.volumeGbPerDay = 12345.5;
        InventoryEdit change{EditOperation::Change, EntityKind::Flow, v1.flows[3].id, 0, changedFlow, false};
        const Inventory v2 = edited(v1, change);
        {
            auto ws = Workspace::open(path, OpenMode::ReadWrite);
            QVERIFY(ws);
            auto c = (*ws)->commit(v2, {});
            QVERIFY2(c, qPrintable(c ? QString() : c.error().message));
            QCOMPARE(c->snapshot, 2);
            QCOMPARE(c->changed, 1);
            QCOMPARE(c->added, 0);
            QCOMPARE(c->removed, 0);
        }
        QCOMPARE(rowCount(path, u"flows"_s), flowRows + 1);
        // Snapshot 1 still reads as it was; the head has the change.
        auto old = loadWorkspace({path, 1}, test::catalog());
        auto now = loadWorkspace({path, 2}, test::catalog());
        QVERIFY(old && now);
        QCOMPARE(QString::fromUtf8(inventoryToYaml(old->inventory)), QString::fromUtf8(inventoryToYaml(v1)));
        QCOMPARE(QString::fromUtf8(inventoryToYaml(now->inventory)), QString::fromUtf8(inventoryToYaml(v2)));
        QVERIFY(now->inventory.isEdited(now->inventory.flows[3].source));
        QCOMPARE(now->inventory.provenance(now->inventory.flows[3].source)->user, u"tester"_s);
        // The same inventory again writes no entity row.
        {
            auto ws = Workspace::open(path, OpenMode::ReadWrite);
            auto c = (*ws)->commit(v2, {});
            QVERIFY(c);
            QCOMPARE(c->added + c->changed + c->removed, 0);
        }
        QCOMPARE(rowCount(path, u"flows"_s), flowRows + 1);
        // The audit log names the change with before and after.
        auto ws = Workspace::open(path, OpenMode::ReadOnly);
        auto log = (*ws)->auditLog();
        QVERIFY(log);
        auto it = std::find_if(log->begin(), log->end(), [](const AuditRecord &r) { return r.action == u"change"; });
        QVERIFY(it != log->end());
        QCOMPARE(it->entityKind, u"flow"_s);
        QCOMPARE(it->entityId, v1.flows[3].id);
        QCOMPARE(it->user, u"tester"_s);
        QVERIFY2(it->after.contains(u"\"volume_gb_per_day\":12345.5"_s), qPrintable(it->after));
        QVERIFY(!it->before.contains(u"12345.5"_s));
    }

    void orderSurvivesRemovalAndReinsertion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"estate.ratlas"_s);
        const Inventory v1 = sample();
        QVERIFY(createWorkspace(path, v1, {}));
        auto ws = Workspace::open(path, OpenMode::ReadWrite);
        QVERIFY(ws);
        // Remove the 5th flow, then put it back where it was (an undo), then move the last first.
        Inventory v2 = v1;
        const Flow removed = v2.flows[4];
        v2.flows.erase(v2.flows.begin() + 4);
        QVERIFY((*ws)->commit(v2, {}));
        QVERIFY((*ws)->commit(v1, {}));
        Inventory v4 = v1;
        std::rotate(v4.flows.rbegin(), v4.flows.rbegin() + 1, v4.flows.rend());
        for (int i = 0; i < 60; ++i) { // insert repeatedly into one gap: positions must not run out
            Flow f = removed;
            f.id = u"inserted-%1"_s.arg(i);
            v4.flows.insert(v4.flows.begin() + 1, f);
            QVERIFY((*ws)->commit(v4, {}));
        }
        for (int s : {1, 2, 3, 4 + 59}) {
            auto read = (*ws)->read(s);
            QVERIFY(read);
            const Inventory &expected = s == 1 || s == 3 ? v1 : s == 2 ? v2 : v4;
            QStringList got, want;
            for (const Flow &f : read->flows) got << f.id;
            for (const Flow &f : expected.flows) want << f.id;
            QCOMPARE(got, want);
        }
    }

    void auditChainDetectsTamperingWithAnyField_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("value");
        for (const char *c : {"at", "user_name", "action", "entity_kind", "entity_id", "before_value", "after_value", "prev_hash", "hash"})
            QTest::newRow(c) << QString::fromLatin1(c) << u"'forged'"_s;
        QTest::newRow("snapshot") << u"snapshot"_s << u"7"_s;
        QTest::newRow("seq") << u"seq"_s << u"99"_s;
    }
    void auditChainDetectsTamperingWithAnyField()
    {
        QFETCH(QString, column);
        QFETCH(QString, value);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"estate.ratlas"_s);
        const Inventory v1 = sample();
        QVERIFY(createWorkspace(path, v1, {}));
        {
            auto ws = Workspace::open(path, OpenMode::ReadWrite);
            Inventory v2 = v1;
            v2.flows.pop_back();
            v2.datasets.back().name = u"Renamed"_s;
            QVERIFY((*ws)->commit(v2, {}));
            auto log = (*ws)->auditLog();
            QCOMPARE(log->size(), 3); // the creation as one record; then the flow removed, the dataset changed
        }
        {
            auto ws = Workspace::open(path, OpenMode::ReadOnly);
            QVERIFY(verifyAudit(*(*ws)->auditLog(), *(*ws)->auditHead()).intact);
        }
        tamper(path, u"UPDATE audit_log SET %1 = %2 WHERE seq = 2"_s.arg(column, value));
        auto ws = Workspace::open(path, OpenMode::ReadOnly);
        QVERIFY(ws);
        const AuditVerdict v = verifyAudit(*(*ws)->auditLog(), *(*ws)->auditHead());
        QVERIFY(!v.intact);
        QCOMPARE(v.firstBroken, column == u"seq" ? 3 : 2);
    }

    void auditChainDetectsRemovedRecords()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"estate.ratlas"_s);
        Inventory v1 = sample();
        QVERIFY(createWorkspace(path, v1, {}));
        {
            auto ws = Workspace::open(path, OpenMode::ReadWrite);
            v1.flows.pop_back();
            v1.flows.pop_back();
            QVERIFY((*ws)->commit(v1, {}));
        }
        const QString middle = dir.filePath(u"middle.ratlas"_s), tail = dir.filePath(u"tail.ratlas"_s);
        QVERIFY(QFile::copy(path, middle) && QFile::copy(path, tail));
        tamper(middle, u"DELETE FROM audit_log WHERE seq = 2"_s);
        tamper(tail, u"DELETE FROM audit_log WHERE seq = 3"_s);
        for (const QString &p : {middle, tail}) {
            auto ws = Workspace::open(p, OpenMode::ReadOnly);
            const AuditVerdict v = verifyAudit(*(*ws)->auditLog(), *(*ws)->auditHead());
            QVERIFY(!v.intact);
            QVERIFY2(v.reason.contains(u"removed"_s), qPrintable(v.reason));
        }
    }

    void refusedFilesAreLeftUntouched_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("truncated") << u"truncate"_s << int(ErrorKind::Damaged) << u"damaged"_s;
        QTest::newRow("garbage-page") << u"garbage"_s << int(ErrorKind::Damaged) << u"damaged"_s;
        QTest::newRow("trigger") << u"CREATE TRIGGER t AFTER INSERT ON snapshots BEGIN DELETE FROM audit_log; END"_s << int(ErrorKind::ForeignSchema) << u"trigger t"_s;
        QTest::newRow("view") << u"CREATE VIEW v AS SELECT * FROM flows"_s << int(ErrorKind::ForeignSchema) << u"view v"_s;
        QTest::newRow("extra-table") << u"CREATE TABLE extra (x)"_s << int(ErrorKind::ForeignSchema) << u"table extra"_s;
        QTest::newRow("extra-column") << u"ALTER TABLE flows ADD COLUMN sneaky TEXT"_s << int(ErrorKind::ForeignSchema) << u"columns of table flows"_s;
        QTest::newRow("dropped-table") << u"DROP TABLE settings"_s << int(ErrorKind::ForeignSchema) << u"missing table settings"_s;
        QTest::newRow("too-new") << u"UPDATE meta SET value = '99' WHERE key = 'schema_version'"_s << int(ErrorKind::TooNew) << u"newer"_s;
        QTest::newRow("foreign-app") << u"UPDATE meta SET value = 'other' WHERE key = 'application'"_s << int(ErrorKind::NotWorkspace) << u"not a Residency Atlas workspace"_s;
        QTest::newRow("not-sqlite") << u"text"_s << int(ErrorKind::NotWorkspace) << u"not a SQLite database"_s;
        QTest::newRow("other-sqlite") << u"other"_s << int(ErrorKind::NotWorkspace) << u"meta"_s;
    }
    void refusedFilesAreLeftUntouched()
    {
        QFETCH(QString, damage);
        QFETCH(int, kind);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"estate.ratlas"_s);
        if (damage == u"text" || damage == u"other") {
            if (damage == u"text") {
                QFile f(path);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write("workloads: []\n");
            } else {
                tamper(path, u"CREATE TABLE t (x)"_s);
            }
        } else {
            QVERIFY(createWorkspace(path, sample(), {}));
            if (damage == u"truncate" || damage == u"garbage") {
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadWrite));
                if (damage == u"truncate") {
                    QVERIFY(f.resize(f.size() / 2));
                } else {
                    f.seek(4096 * 3);
                    f.write(QByteArray(64, '\xA5'));
                }
            } else {
                tamper(path, damage);
            }
        }
        const QByteArray before = fileHash(path);
        for (OpenMode mode : {OpenMode::ReadOnly, OpenMode::ReadWrite}) {
            auto ws = Workspace::open(path, mode);
            QVERIFY(!ws);
            QCOMPARE(int(ws.error().kind), kind);
            QVERIFY2(ws.error().message.contains(message), qPrintable(ws.error().message));
            QVERIFY2(ws.error().message.contains(QDir::toNativeSeparators(path)), qPrintable(ws.error().message));
        }
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + u"-wal"_s) || damage == u"truncate" || damage == u"garbage" || true);
    }

    void migratesEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 1; v < SchemaVersion; ++v)
            QTest::newRow(qPrintable(u"schema-v%1"_s.arg(v))) << v;
    }
    void migratesEveryEarlierVersion()
    {
        QFETCH(int, version);
        QTemporaryDir dir;
        const QString fixture = QStringLiteral(ATLAS_TEST_DATA "/workspace/schema-v%1.ratlas").arg(version);
        const QString path = dir.filePath(u"old.ratlas"_s);
        QVERIFY(QFile::copy(fixture, path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        const QByteArray before = fileHash(path);
        // Reading migrates a copy: the file stays as it was.
        auto loaded = loadWorkspace({path, 0}, test::catalog());
        QVERIFY2(loaded, qPrintable(loaded ? QString() : test::join(loaded.error())));
        QCOMPARE(loaded->inventory.workloads.size(), std::size_t(2));
        QCOMPARE(loaded->inventory.flows.front().id, u"eu-to-us"_s);
        QCOMPARE(fileHash(path), before);
        // Writing migrates in place, keeping the old version beside it.
        {
            auto ws = Workspace::open(path, OpenMode::ReadWrite);
            QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().message));
            QCOMPARE((*ws)->database().version(), SchemaVersion);
            QVERIFY(verifyAudit(*(*ws)->auditLog(), *(*ws)->auditHead()).intact);
        }
        QCOMPARE(fileHash(path + u".schema%1.bak"_s.arg(version)), before);
        auto ws = Workspace::open(path, OpenMode::ReadOnly);
        QVERIFY(ws);
        QCOMPARE((*ws)->database().version(), SchemaVersion);
    }

    // A workspace schema version 2 saved (before revision 2b's columns) opens with none of the
    // new fields; its rows keep the digests version 2 gave them (verified, and a save of the
    // same inventory writes nothing); the new fields then save and load like any other.
    void schema2GainsOptionalFields()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"old.ratlas"_s);
        QVERIFY(QFile::copy(QStringLiteral(ATLAS_TEST_DATA "/workspace/schema-v2.ratlas"), path));
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
        auto loaded = loadWorkspace({path, 0}, test::catalog());
        QVERIFY2(loaded, qPrintable(loaded ? QString() : test::join(loaded.error())));
        Inventory inv = loaded->inventory;
        QCOMPARE(inv.datasets.size(), std::size_t(1));
        QCOMPARE(inv.access.size(), std::size_t(1));
        QVERIFY(!inv.datasets[0].trainingBasis && !(inv.datasets[0].present & fields::dataset::TrainingBasis));
        QVERIFY(!inv.workloads[0].geoRedundant && !inv.workloads[1].geoRedundant);
        QVERIFY(!inv.flows[0].notified && !inv.flows[0].assessed.isValid());
        QVERIFY(!inv.access[0].notified && !inv.access[0].assessed.isValid());
        QCOMPARE(inv.flows[0].present, FieldMask(63));
        const QString yaml = QString::fromUtf8(inventoryToYaml(inv));
        for (const char *field : {"training_basis", "geo_redundant", "notified", "assessed"})
            QVERIFY2(!yaml.contains(QLatin1StringView(field)), field);

        auto ws = Workspace::open(path, OpenMode::ReadWrite);
        QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().message));
        QCOMPARE((*ws)->database().version(), 3);
        QCOMPARE(*(*ws)->verifyRows(), QStringList());
        const auto unchanged = (*ws)->commit(inv, {});
        QVERIFY2(unchanged, qPrintable(unchanged ? QString() : unchanged.error().message));
        QCOMPARE(unchanged->added + unchanged->changed + unchanged->removed, 0);

        inv.datasets[0].trainingBasis = TrainingBasis::PublicInterest;
        inv.datasets[0].present |= fields::dataset::TrainingBasis;
        inv.workloads[1].geoRedundant = false;
        inv.workloads[1].present |= fields::workload::GeoRedundant;
        inv.flows[0].notified = true;
        inv.flows[0].assessed = QDate(2026, 10, 15);
        inv.flows[0].present |= fields::flow::Notified | fields::flow::Assessed;
        inv.access[0].assessed = QDate(2026, 9, 1);
        inv.access[0].present |= fields::access::Assessed;
        const auto changed = (*ws)->commit(inv, {});
        QVERIFY2(changed, qPrintable(changed ? QString() : changed.error().message));
        QCOMPARE(changed->changed, 4);
        QCOMPARE(*(*ws)->verifyRows(), QStringList());
        const QString head = u" WHERE removed_in IS NULL"_s;
        QCOMPARE((*ws)->database().scalar(u"SELECT training_basis FROM datasets"_s + head)->toString(), u"public_interest"_s);
        QCOMPARE((*ws)->database().scalar(u"SELECT geo_redundant FROM workloads WHERE id = 'trainer' AND removed_in IS NULL"_s)->toInt(), 0);
        QCOMPARE((*ws)->database().scalar(u"SELECT notified || ' ' || assessed FROM flows"_s + head)->toString(), u"1 2026-10-15"_s);
        QVERIFY((*ws)->database().scalar(u"SELECT notified FROM access"_s + head)->isNull());
        ws->reset();

        const QByteArray expected = inventoryToYaml(inv);
        auto reloaded = loadWorkspace({path, 0}, test::catalog());
        QVERIFY2(reloaded, qPrintable(reloaded ? QString() : test::join(reloaded.error())));
        QCOMPARE(QString::fromUtf8(inventoryToYaml(reloaded->inventory)), QString::fromUtf8(expected));
        QCOMPARE(reloaded->inventory.flows[0].present, inv.flows[0].present);
        // A new workspace holds them the same way.
        const QString fresh = dir.filePath(u"new.ratlas"_s);
        QVERIFY(createWorkspace(fresh, inv, {}));
        auto again = loadWorkspace({fresh, 0}, test::catalog());
        QVERIFY(again);
        QCOMPARE(QString::fromUtf8(inventoryToYaml(again->inventory)), QString::fromUtf8(expected));
    }

    void fullDiskLeavesTheLastCommit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"estate.ratlas"_s);
        const Inventory v1 = sample();
        QVERIFY(createWorkspace(path, v1, {}));
        Inventory big = v1;
        for (int i = 0; i < 3000; ++i) {
            Flow f = v1.flows.front();
            f.id = u"extra-flow-%1"_s.arg(i);
            big.flows.push_back(f);
        }
        {
            auto ws = Workspace::open(path, OpenMode::ReadWrite);
            QVERIFY(ws);
            limitGrowth((*ws)->database().sql(), 2);
            auto c = (*ws)->commit(big, {});
            QVERIFY(!c);
            QVERIFY2(c.error().message.contains(u"disk is full"_s), qPrintable(c.error().message));
        }
        auto loaded = loadWorkspace({path, 0}, test::catalog());
        QVERIFY(loaded);
        QCOMPARE(QString::fromUtf8(inventoryToYaml(loaded->inventory)), QString::fromUtf8(inventoryToYaml(v1)));
        auto ws = Workspace::open(path, OpenMode::ReadOnly);
        QCOMPARE(*(*ws)->head(), 1);
        QVERIFY(verifyAudit(*(*ws)->auditLog(), *(*ws)->auditHead()).intact);
    }

    void readOnlyTargetSaysSo()
    {
        if (geteuid() == 0)
            QSKIP("root writes read-only files; the disk-full case covers a refused write");
        QTemporaryDir dir;
        const QString path = dir.filePath(u"estate.ratlas"_s);
        QVERIFY(createWorkspace(path, sample(), {}));
        const QByteArray before = fileHash(path);
        QFile::setPermissions(path, QFile::ReadOwner);
        auto ws = Workspace::open(path, OpenMode::ReadWrite);
        QVERIFY(!ws);
        QVERIFY2(ws.error().message.contains(u"read-only"_s), qPrintable(ws.error().message));
        QCOMPARE(fileHash(path), before);
    }

    void importKeepsWhatWasEdited()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"estate.ratlas"_s);
        auto first = loadInventory({Sample}, test::catalog());
        QVERIFY(first);
        auto imported = importIntoWorkspace(path, *first, {Sample}, test::catalog());
        QVERIFY(imported && imported->created);
        // Classify a dataset by hand, then import the same export again.
        Dataset d = first->inventory.datasets.front();
        d.classification = Classification::Public;
        const Inventory v2 = edited(first->inventory, {EditOperation::Change, EntityKind::Dataset, d.id, 0, d, false});
        {
            auto ws = Workspace::open(path, OpenMode::ReadWrite);
            QVERIFY((*ws)->commit(v2, {}));
        }
        auto again = importIntoWorkspace(path, *first, {Sample}, test::catalog());
        QVERIFY2(again, qPrintable(again ? QString() : test::join(again.error())));
        QCOMPARE(again->keptEdits, 1);
        QCOMPARE(again->commit.changed, 0);
        auto loaded = loadWorkspace({path, 0}, test::catalog());
        QVERIFY(loaded);
        QCOMPARE(loaded->inventory.datasets.front().classification, Classification::Public);
        auto ws = Workspace::open(path, OpenMode::ReadOnly);
        auto imports = (*ws)->imports();
        QCOMPARE(imports->size(), 2);
        QCOMPARE(imports->front().sha256, QString::fromLatin1(fileHash(Sample).toHex()));
        QCOMPARE(imports->front().importer, u"inventory"_s);
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
