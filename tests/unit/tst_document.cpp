// The document: opens through analyse(), applies edits as undo commands (refused edits never reach
// the stack), announces the inventory change at once and the new findings after re-analysis, and
// undo restores the exact inventory and findings.
#include "addentity.h"
#include "changeentity.h"
#include "document.h"
#include "inventorywriter.h"
#include "removeentity.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QUndoStack>

using namespace atlas;

namespace {

const QString sample = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml");

QStringList keys(const AnalysisSnapshot &s)
{
    QStringList out;
    for (const Finding &f : s.findings)
        out << findingKey(f).toString() + u' ' + findingStatusName(f.status) + u' ' + f.message;
    return out;
}

// The inventory as its contract serialises it, with positions: equal bytes are the same state.
QByteArray state(const Inventory &inv)
{
    QByteArray out = inventoryToJson(inv);
    for (const Flow &f : inv.flows)
        out += f.id.toUtf8() + ':' + QByteArray::number(f.source.line) + ';';
    return out + inv.files.join(u'|').toUtf8();
}

bool openSample(Document &doc)
{
    AnalysisRequest request;
    request.inputs = {sample};
    request.asOf = QDate(2026, 12, 1);
    bool ok = false;
    doc.open(request, [&](const AnalysisResult &r) { ok = bool(r); });
    doc.waitForAnalysis();
    return ok && doc.snapshot();
}

const Flow *flow(const Inventory &inv, const QString &id)
{
    for (const Flow &f : inv.flows)
        if (f.id == id)
            return &f;
    return nullptr;
}

} // namespace

class TestDocument : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensAndAnnounces();
    void changeClosesFindingsAndUndoRestores();
    void refusedEditChangesNothing();
    void removeWithCascadeAndUndo();
    void addThenUndo();
    void editsCarryProvenance();
    void batchIsOneUndoStep();
    void refusedBatchChangesNothing();
};

void TestDocument::opensAndAnnounces()
{
    Document doc(test::catalog());
    QSignalSpy snapshots(&doc, &Document::snapshotChanged);
    QVERIFY(openSample(doc));
    QCOMPARE(snapshots.count(), 1);
    QCOMPARE(snapshots.first().at(1).value<SnapshotChange>(), SnapshotChange::Opened);
    QCOMPARE(doc.snapshot()->findings.size(), std::size_t(100));
    QCOMPARE(doc.inventory(), doc.snapshot()->input); // edited without the implicit geo copies
    QVERIFY(doc.reload());
    doc.waitForAnalysis();
    QCOMPARE(snapshots.count(), 2);
    QCOMPARE(snapshots.last().at(1).value<SnapshotChange>(), SnapshotChange::Reloaded);
}

void TestDocument::changeClosesFindingsAndUndoRestores()
{
    Document doc(test::catalog());
    QVERIFY(openSample(doc));
    const auto before = doc.snapshot();
    const QByteArray stateBefore = state(*doc.inventory());
    QSignalSpy changed(&doc, &Document::inventoryChanged);
    QSignalSpy findings(&doc, &Document::findingsChanged);
    QSignalSpy snapshots(&doc, &Document::snapshotChanged);

    Flow edited = *flow(*doc.inventory(), QStringLiteral("ehr-to-us-training"));
    edited.form = FlowForm::Aggregated; // no longer a personal form: RES-001 no longer applies
    auto applied = doc.apply(std::make_unique<ChangeEntityCommand>(&doc, edited.id, edited));
    QVERIFY2(applied, applied ? "" : qPrintable(test::join(applied.error())));
    QCOMPARE(changed.count(), 1); // at once, before the analysis
    QCOMPARE(changed.first().at(0).value<InventoryChange>().ids, QStringList{QStringLiteral("ehr-to-us-training")});
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Change flow ehr-to-us-training"));
    doc.waitForAnalysis();
    QCOMPARE(snapshots.count(), 1);
    QCOMPARE(snapshots.first().at(1).value<SnapshotChange>(), SnapshotChange::Edited);
    QCOMPARE(findings.count(), 1);
    const auto closed = findings.first().at(1).value<QList<FindingKey>>();
    QVERIFY(closed.contains(FindingKey{QStringLiteral("RES-001"), SubjectKind::Flow, QStringLiteral("ehr-to-us-training"),
                                       QStringLiteral("eu-patient-records")}));
    // Exactly the keys the two snapshots do not share, in order.
    auto keySet = [](const AnalysisSnapshot &s) {
        QSet<FindingKey> set;
        for (const Finding &f : s.findings)
            set.insert(findingKey(f));
        return set;
    };
    const QSet<FindingKey> was = keySet(*before), is = keySet(*doc.snapshot());
    QList<FindingKey> expectOpened = (is - was).values(), expectClosed = (was - is).values();
    std::sort(expectOpened.begin(), expectOpened.end());
    std::sort(expectClosed.begin(), expectClosed.end());
    QVERIFY(!expectClosed.isEmpty());
    QCOMPARE(findings.first().at(0).value<QList<FindingKey>>(), expectOpened);
    QCOMPARE(closed, expectClosed);
    QVERIFY(doc.snapshot()->findings.size() < before->findings.size());
    QCOMPARE(flow(*doc.snapshot()->inventory, edited.id)->form, FlowForm::Aggregated);

    doc.undoStack()->undo();
    doc.waitForAnalysis();
    QCOMPARE(state(*doc.inventory()), stateBefore);
    QCOMPARE(keys(*doc.snapshot()), keys(*before));
    doc.undoStack()->redo();
    doc.waitForAnalysis();
    QCOMPARE(flow(*doc.snapshot()->inventory, edited.id)->form, FlowForm::Aggregated);
}

void TestDocument::refusedEditChangesNothing()
{
    Document doc(test::catalog());
    QVERIFY(openSample(doc));
    const auto inventory = doc.inventory();
    QSignalSpy changed(&doc, &Document::inventoryChanged);
    auto refused = doc.apply(std::make_unique<RemoveEntityCommand>(&doc, EntityKind::Workload, QStringLiteral("de-ehr-db")));
    QVERIFY(!refused);
    const QString text = test::join(refused.error());
    QVERIFY2(text.contains(u"ehr-to-us-training"), qPrintable(text)); // says what refers to it
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(changed.count(), 0);
    QCOMPARE(doc.inventory(), inventory);
}

void TestDocument::removeWithCascadeAndUndo()
{
    Document doc(test::catalog());
    QVERIFY(openSample(doc));
    const QByteArray stateBefore = state(*doc.inventory());
    const std::size_t flows = doc.inventory()->flows.size();
    QVERIFY(doc.apply(std::make_unique<RemoveEntityCommand>(&doc, EntityKind::Workload, QStringLiteral("de-ehr-db"), true)));
    doc.waitForAnalysis();
    QVERIFY(!doc.snapshot()->inventory->workload(QStringLiteral("de-ehr-db")));
    QVERIFY(doc.snapshot()->inventory->flows.size() < flows);
    QVERIFY(!flow(*doc.snapshot()->inventory, QStringLiteral("ehr-to-us-training")));
    doc.undoStack()->undo();
    doc.waitForAnalysis();
    QCOMPARE(state(*doc.inventory()), stateBefore);
}

void TestDocument::addThenUndo()
{
    Document doc(test::catalog());
    QVERIFY(openSample(doc));
    const QByteArray stateBefore = state(*doc.inventory());
    const std::size_t findings = doc.snapshot()->findings.size();
    Flow f;
    f.id = QStringLiteral("new-ehr-copy");
    f.from = QStringLiteral("de-ehr-db");
    f.to = QStringLiteral("us-global-training");
    f.carries = {DatasetRef{QStringLiteral("eu-patient-records"), {}, 0}};
    f.form = FlowForm::Raw;
    QVERIFY(doc.apply(std::make_unique<AddEntityCommand>(&doc, f)));
    doc.waitForAnalysis();
    QVERIFY(flow(*doc.snapshot()->inventory, f.id));
    QVERIFY(doc.snapshot()->findings.size() > findings); // raw EU records to the US, no basis
    doc.undoStack()->undo();
    doc.waitForAnalysis();
    QCOMPARE(state(*doc.inventory()), stateBefore);
    QCOMPARE(doc.snapshot()->findings.size(), findings);
}

void TestDocument::editsCarryProvenance()
{
    Document doc(test::catalog());
    QVERIFY(openSample(doc));
    Flow edited = *flow(*doc.inventory(), QStringLiteral("ehr-to-us-training"));
    edited.encrypted = false;
    QVERIFY(doc.apply(std::make_unique<ChangeEntityCommand>(&doc, edited.id, edited)));
    const Flow *now = flow(*doc.inventory(), edited.id);
    const EditProvenance *p = doc.inventory()->provenance(now->source);
    QVERIFY(p);
    QCOMPARE(p->command, QStringLiteral("Change flow ehr-to-us-training"));
    QVERIFY(!p->user.isEmpty());
    QVERIFY(p->time.isValid());
}

// Bulk classification: three datasets changed by one undo step, announced once; one undo
// restores the exact inventory.
void TestDocument::batchIsOneUndoStep()
{
    Document doc(test::catalog());
    QVERIFY(openSample(doc));
    const QByteArray stateBefore = state(*doc.inventory());
    QSignalSpy changed(&doc, &Document::inventoryChanged);
    const QStringList ids{QStringLiteral("eu-patient-records"), QStringLiteral("us-member-profiles"), QStringLiteral("scratch-metrics")};
    std::vector<std::unique_ptr<EditCommand>> commands;
    for (const QString &id : ids) {
        Dataset d = *doc.inventory()->dataset(id);
        d.classification = Classification::Sensitive;
        d.present |= fields::dataset::Classification;
        d.origin = QStringLiteral("DE");
        commands.push_back(std::make_unique<ChangeEntityCommand>(&doc, id, d));
    }
    auto applied = doc.applyAll(QStringLiteral("Classify 3 datasets"), std::move(commands));
    QVERIFY2(applied, applied ? "" : qPrintable(test::join(applied.error())));
    QCOMPARE(doc.undoStack()->count(), 1);
    QCOMPARE(doc.undoStack()->undoText(), QStringLiteral("Classify 3 datasets"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().at(0).value<InventoryChange>().ids, ids);
    for (const QString &id : ids) {
        QCOMPARE(doc.inventory()->dataset(id)->classification, Classification::Sensitive);
        QCOMPARE(doc.inventory()->dataset(id)->origin, QStringLiteral("DE"));
    }
    doc.waitForAnalysis();
    doc.undoStack()->undo();
    QCOMPARE(state(*doc.inventory()), stateBefore);
    doc.undoStack()->redo();
    QCOMPARE(doc.inventory()->dataset(ids.last())->classification, Classification::Sensitive);
    doc.waitForAnalysis();
}

// A member the validation refuses refuses the batch: the very same inventory, nothing on the
// stack, nothing announced, the member's message returned.
void TestDocument::refusedBatchChangesNothing()
{
    Document doc(test::catalog());
    QVERIFY(openSample(doc));
    const auto inventory = doc.inventory();
    const QByteArray stateBefore = state(*inventory);
    QSignalSpy changed(&doc, &Document::inventoryChanged);
    std::vector<std::unique_ptr<EditCommand>> commands;
    for (const QString &origin : {QStringLiteral("EU"), QStringLiteral("EUU")}) {
        Dataset d = *doc.inventory()->dataset(origin == u"EU" ? QStringLiteral("eu-patient-records") : QStringLiteral("us-member-profiles"));
        d.origin = origin;
        commands.push_back(std::make_unique<ChangeEntityCommand>(&doc, d.id, d));
    }
    auto refused = doc.applyAll(QStringLiteral("Classify 2 datasets"), std::move(commands));
    QVERIFY(!refused);
    QVERIFY2(test::join(refused.error()).contains(u"'EUU' for 'origin' (did you mean 'EU'?)"), qPrintable(test::join(refused.error())));
    QCOMPARE(doc.inventory(), inventory);
    QCOMPARE(state(*doc.inventory()), stateBefore);
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(changed.count(), 0);
    QVERIFY(!doc.isBusy());
}

QTEST_GUILESS_MAIN(TestDocument)
#include "tst_document.moc"
