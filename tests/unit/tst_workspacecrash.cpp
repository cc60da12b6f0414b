// Crash safety: a writer process saving state after state into one workspace is killed
// (SIGKILL) at random moments; after every kill the file must open, pass integrity_check, hold
// exactly one whole state — the last committed, never a mix — and keep an intact audit chain.
// The test binary is also the writer (run with --writer PATH).
#include "inventoryimporter.h"
#include "testsupport.h"
#include "workspace.h"
#include "workspaceimport.h"
#include "workspaceload.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstdio>

using namespace atlas;
using namespace atlas::workspace;
using namespace Qt::StringLiterals;

namespace {

// State k: 40 + (k mod 5)·15 workloads, each named and carrying volume k, so a mix of two
// states shows in any entity.
int workloadsIn(int k)
{
    return 40 + (k % 5) * 15;
}

Inventory state(int k)
{
    Inventory inv;
    inv.organisation = u"Crash Test"_s;
    inv.files = {u"state-%1.yaml"_s.arg(k)};
    Dataset &d = inv.datasets.emplace_back();
    d.id = u"records"_s;
    d.categories.insert(Category::Personal);
    d.origin = u"EU"_s;
    d.present = fields::dataset::Id | fields::dataset::Classification | fields::dataset::Categories | fields::dataset::Origin;
    d.source = {0, 3, 5};
    for (int i = 0; i < workloadsIn(k); ++i) {
        Workload &w = inv.workloads.emplace_back();
        w.id = u"w%1"_s.arg(i);
        w.name = u"state %1"_s.arg(k);
        w.kind = WorkloadKind::Storage;
        w.location = u"aws:eu-central-1"_s;
        w.holds = {{u"records"_s, {0, 10, 5}, 0}};
        w.present = fields::workload::Id | fields::workload::Name | fields::workload::Kind | fields::workload::Location | fields::workload::Holds;
        w.source = {0, std::uint32_t(10 + i), 5};
    }
    for (int i = 1; i < workloadsIn(k); ++i) {
        Flow &f = inv.flows.emplace_back();
        f.id = u"f%1"_s.arg(i);
        f.from = u"w0"_s;
        f.to = u"w%1"_s.arg(i);
        f.carries = {{u"records"_s, {0, 100, 5}, 0}};
        f.volumeGbPerDay = k;
        f.present = fields::flow::Id | fields::flow::From | fields::flow::To | fields::flow::Carries | fields::flow::Volume;
        f.source = {0, std::uint32_t(100 + i), 5};
    }
    return inv;
}

// The writer: from the head's state, commit the next one, forever.
int writer(const QString &path)
{
    auto ws = Workspace::open(path, OpenMode::ReadWrite);
    if (!ws)
        return 3;
    std::fputs("ready\n", stdout);
    std::fflush(stdout);
    for (;;) {
        auto head = (*ws)->head();
        if (!head)
            return 3;
        const int next = *head + 1;
        CommitInfo info;
        info.label = u"state %1"_s.arg(next);
        if (!(*ws)->commit(state(next), info))
            return 3;
    }
}

} // namespace

class TestWorkspaceCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedWriterLeavesAWholeState()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"crash.ratlas"_s);
        CommitInfo first;
        first.label = u"state 1"_s;
        QVERIFY(createWorkspace(path, state(1), first));
        auto *random = QRandomGenerator::global();
        int kills = 0;
        int saves = 1;
        while (saves < 100 && kills < 100) {
            QProcess process;
            process.start(QCoreApplication::applicationFilePath(), {u"--writer"_s, path});
            QVERIFY(process.waitForStarted());
            QVERIFY(process.waitForReadyRead(30000)); // opened: now kill it somewhere in its saves
            QTest::qWait(int(random->bounded(1, 600)));
            ::kill(pid_t(process.processId()), SIGKILL);
            QVERIFY(process.waitForFinished());
            ++kills;
            // Every file opens, holds one whole state, and its chain verifies.
            auto loaded = loadWorkspace({path, 0}, test::catalog());
            QVERIFY2(loaded, qPrintable(loaded ? QString() : test::join(loaded.error())));
            auto ws = Workspace::open(path, OpenMode::ReadOnly);
            QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().message));
            const int head = *(*ws)->head();
            QVERIFY(head >= saves);
            const Inventory &inv = loaded->inventory;
            QCOMPARE(int(inv.workloads.size()), workloadsIn(head));
            QCOMPARE(int(inv.flows.size()), workloadsIn(head) - 1);
            for (const Workload &w : inv.workloads)
                QCOMPARE(w.name, u"state %1"_s.arg(head));
            for (const Flow &f : inv.flows)
                QCOMPARE(*f.volumeGbPerDay, double(head));
            auto snapshots = (*ws)->snapshots();
            QCOMPARE(snapshots->last().label, u"state %1"_s.arg(head));
            const AuditVerdict v = verifyAudit(*(*ws)->auditLog(), *(*ws)->auditHead());
            QVERIFY2(v.intact, qPrintable(v.reason));
            saves = head;
        }
        QVERIFY2(saves >= 100, qPrintable(u"only %1 saves in %2 kills"_s.arg(saves).arg(kills)));
        qInfo("%d saves, %d kills", saves, kills);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--writer") == 0)
        return writer(QString::fromLocal8Bit(argv[2]));
    TestWorkspaceCrash test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_workspacecrash.moc"
