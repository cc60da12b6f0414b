// The workspace on the command line, end to end through the built binary: import into a
// workspace (created, then a new snapshot), every reading command on W and W@N, the lossless
// export, `diff` between snapshots, `audit verify` on an intact and a tampered chain, packs kept
// in the workspace, and refusals (damaged file, a workspace mixed with files) with exit code 2.
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;

namespace {

const QString Sample = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml");

struct Run
{
    int code = -1;
    QString out, err;
};

Run atlas(const QStringList &args)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"ASAN_OPTIONS"_s, u"detect_leaks=0"_s);
    env.insert(u"ATLAS_USER"_s, u"ci"_s);
    env.remove(u"DISPLAY"_s);
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(ATLAS_BINARY), args);
    process.waitForFinished(180000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

// Raw SQL on a workspace file, bypassing the tool (what someone with an SQL client does).
void forge(const QString &path, const QString &sql)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"forge"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY2(QSqlQuery(db).exec(sql), qPrintable(sql));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"forge"_s);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestWorkspaceCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void importCheckExportDiffAudit()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"estate.ratlas"_s);
        Run r = atlas({u"import"_s, Sample, u"--out"_s, ws});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(u"created, snapshot 1: 170 added"_s), qPrintable(r.err));
        // check on the workspace says what check on the file says.
        const Run onFile = atlas({u"check"_s, Sample, u"--as-of"_s, u"2026-12-01"_s, u"--format"_s, u"json"_s});
        const Run onWorkspace = atlas({u"check"_s, ws, u"--as-of"_s, u"2026-12-01"_s, u"--format"_s, u"json"_s});
        QCOMPARE(onWorkspace.code, 1);
        QCOMPARE(onWorkspace.code, onFile.code);
        const QJsonObject a = QJsonDocument::fromJson(onFile.out.toUtf8()).object();
        const QJsonObject b = QJsonDocument::fromJson(onWorkspace.out.toUtf8()).object();
        QCOMPARE(b[u"findings"_s].toArray().size(), a[u"findings"_s].toArray().size());
        QCOMPARE(b[u"findings"_s].toArray().first().toObject()[u"location"_s], a[u"findings"_s].toArray().first().toObject()[u"location"_s]);
        // Every reading command takes the workspace.
        QCOMPARE(atlas({u"inventory"_s, ws}).code, 0);
        QCOMPARE(atlas({u"graph"_s, ws, u"--out"_s, dir.filePath(u"map.svg"_s)}).code, 0);
        QVERIFY(QFileInfo(dir.filePath(u"map.svg"_s)).size() > 1000);
        r = atlas({u"report"_s, ws, u"--as-of"_s, u"2026-12-01"_s, u"--out"_s, dir.filePath(u"report.json"_s)});
        QVERIFY2(r.code == 0 || r.code == 1, qPrintable(r.err));
        QVERIFY(readAll(dir.filePath(u"report.json"_s)).contains("estate.ratlas"));
        // A changed export: a new snapshot with only the change.
        QByteArray text = readAll(Sample);
        QVERIFY(text.contains("volume_gb_per_day: 40"));
        text.replace("volume_gb_per_day: 40", "volume_gb_per_day: 41");
        const QString edited = dir.filePath(u"edited.yaml"_s);
        QFile out(edited);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(text);
        out.close();
        r = atlas({u"import"_s, edited, u"--out"_s, ws, u"--user"_s, u"bob"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(u"updated, snapshot 2: 0 added, 2 changed, 0 removed"_s), qPrintable(r.err));
        // The lossless export of snapshot 1 reads back as the sample's own export.
        QCOMPARE(atlas({u"workspace"_s, u"export"_s, ws + u"@1"_s, u"--out"_s, dir.filePath(u"one.yaml"_s)}).code, 0);
        QCOMPARE(atlas({u"import"_s, Sample, u"--out"_s, dir.filePath(u"direct.yaml"_s)}).code, 0);
        QCOMPARE(readAll(dir.filePath(u"one.yaml"_s)), readAll(dir.filePath(u"direct.yaml"_s)));
        // diff between the snapshots, text and JSON.
        r = atlas({u"diff"_s, ws + u"@1"_s, ws, u"--as-of"_s, u"2026-12-01"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"0 added, 0 removed, 2 changed"_s), qPrintable(r.out));
        QVERIFY(r.out.contains(u"volume_gb_per_day: 40 → 41"_s));
        r = atlas({u"diff"_s, ws + u"@1"_s, ws, u"--format"_s, u"json"_s, u"--exit-code"_s});
        QCOMPARE(r.code, 1);
        QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).isObject());
        QCOMPARE(atlas({u"diff"_s, ws + u"@2"_s, ws, u"--exit-code"_s}).code, 0);
        // The audit chain: intact, then one forged field is found.
        r = atlas({u"audit"_s, u"verify"_s, ws});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"intact, 2 records"_s), qPrintable(r.out));
        r = atlas({u"audit"_s, u"log"_s, ws});
        QVERIFY(r.out.contains(u"bob"_s) && r.out.contains(u"import edited.yaml"_s));
        forge(ws, u"UPDATE audit_log SET user_name = 'mallory' WHERE seq = 1"_s);
        r = atlas({u"audit"_s, u"verify"_s, ws});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(u"BROKEN at record 1"_s), qPrintable(r.out));
    }

    void auditVerifyFindsRowsChangedOutside()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"estate.ratlas"_s);
        QCOMPARE(atlas({u"import"_s, Sample, u"--out"_s, ws}).code, 0);
        QCOMPARE(atlas({u"audit"_s, u"verify"_s, ws}).code, 0);
        forge(ws, u"UPDATE flows SET volume_gb_per_day = 999 WHERE id = 'ehr-to-us-training'"_s);
        const Run r = atlas({u"audit"_s, u"verify"_s, ws});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.out.contains(u"1 entity row(s) changed outside Residency Atlas"_s) && r.out.contains(u"flow 'ehr-to-us-training'"_s), qPrintable(r.out));
    }

    void packsKeptInTheWorkspaceAreEvaluated()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"estate.ratlas"_s);
        QCOMPARE(atlas({u"import"_s, Sample, u"--out"_s, ws}).code, 0);
        const QString pack = QStringLiteral(ATLAS_TEST_DATA "/policies/only-low.yaml");
        const Run before = atlas({u"check"_s, ws, u"--as-of"_s, u"2026-12-01"_s, u"--format"_s, u"json"_s});
        Run r = atlas({u"workspace"_s, u"add-pack"_s, ws, pack});
        QCOMPARE(r.code, 0);
        const Run after = atlas({u"check"_s, ws, u"--as-of"_s, u"2026-12-01"_s, u"--format"_s, u"json"_s});
        QVERIFY(!before.out.contains(u"LOW-001"_s));
        QVERIFY2(after.out.contains(u"\"LOW-001\""_s), qPrintable(after.err));
        QVERIFY(atlas({u"audit"_s, u"log"_s, ws}).out.contains(u"pack"_s));
    }

    void scenariosKeptInTheWorkspace()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"estate.ratlas"_s);
        QCOMPARE(atlas({u"import"_s, Sample, u"--out"_s, ws}).code, 0);
        Run r = atlas({u"simulate"_s, ws, u"--pattern"_s, u"A"_s, u"--keep"_s, u"--as-of"_s, u"2026-12-01"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(u"kept 'A — local data, global model on snapshot 1'"_s), qPrintable(r.err));
        r = atlas({u"workspace"_s, u"info"_s, ws, u"--format"_s, u"json"_s});
        const QJsonArray kept = QJsonDocument::fromJson(r.out.toUtf8()).object()[u"scenarios"_s].toArray();
        QCOMPARE(kept.size(), 1);
        const QJsonObject summary = kept.first().toObject()[u"summary"_s].toObject();
        QCOMPARE(summary[u"pattern"_s].toString(), u"A"_s);
        QVERIFY(summary[u"resolved"_s].toArray().size() > 0);
        QVERIFY(atlas({u"audit"_s, u"log"_s, ws}).out.contains(u"scenario scenario A — local data"_s));
        r = atlas({u"simulate"_s, Sample, u"--pattern"_s, u"A"_s, u"--keep"_s});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"--keep needs a workspace"_s));
    }

    // `graph` draws a workspace as arranged in the GUI (its map_positions), or afresh when asked.
    void graphKeepsTheSavedArrangement()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"estate.ratlas"_s);
        QCOMPARE(atlas({u"import"_s, Sample, u"--out"_s, ws}).code, 0);
        QCOMPARE(atlas({u"graph"_s, ws, u"--out"_s, dir.filePath(u"fresh.dot"_s)}).code, 0);
        const QByteArray fresh = readAll(dir.filePath(u"fresh.dot"_s));
        QVERIFY(fresh.contains("label=\"EU — European Economic Area (GDPR)\", bb=\"0.0,"));
        forge(ws, u"INSERT INTO map_positions (view, node, x, y) VALUES ('regions/region', 'c:EU', 5000, 40)"_s);
        Run r = atlas({u"graph"_s, ws, u"--out"_s, dir.filePath(u"kept.dot"_s)});
        QCOMPARE(r.code, 0);
        const QByteArray kept = readAll(dir.filePath(u"kept.dot"_s));
        QVERIFY2(kept.contains("label=\"EU — European Economic Area (GDPR)\", bb=\"5000.0,"), kept.left(400).constData());
        QCOMPARE(atlas({u"graph"_s, ws, u"--fresh-layout"_s, u"--out"_s, dir.filePath(u"again.dot"_s)}).code, 0);
        QCOMPARE(readAll(dir.filePath(u"again.dot"_s)), fresh);
        r = atlas({u"graph"_s, ws, u"--view"_s, u"jurisdictions"_s, u"--fresh-layout"_s, u"--out"_s, dir.filePath(u"o.svg"_s)});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"--fresh-layout applies to --view regions only"_s), qPrintable(r.err));
    }

    void refusals()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath(u"estate.ratlas"_s);
        QCOMPARE(atlas({u"import"_s, Sample, u"--out"_s, ws}).code, 0);
        Run r = atlas({u"check"_s, ws, Sample});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"a workspace is read alone"_s), qPrintable(r.err));
        r = atlas({u"check"_s, ws + u"@7"_s});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"has no snapshot 7 (its snapshots are 1 to 1)"_s), qPrintable(r.err));
        QFile f(ws);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() / 2));
        f.close();
        const QByteArray damaged = readAll(ws);
        for (const QStringList &args : {QStringList{u"check"_s, ws}, QStringList{u"import"_s, Sample, u"--out"_s, ws},
                                        QStringList{u"audit"_s, u"verify"_s, ws}}) {
            r = atlas(args);
            QCOMPARE(r.code, 2);
            QVERIFY2(r.err.contains(u"damaged"_s) && r.err.contains(ws), qPrintable(r.err));
        }
        QCOMPARE(readAll(ws), damaged);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceCli)
#include "tst_workspacecli.moc"
