// analyse(): one request in, one self-owning snapshot out; typed errors; one compiled rule set
// shared by analyses of different inventories on several threads at once (run under ASan/UBSan).
#include "analysis.h"
#include "exportformat.h"
#include "testsupport.h"

#include <QtConcurrent/QtConcurrentRun>
#include <QFuture>

using namespace atlas;

namespace {

const QString sample = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml");
const QString clean = QStringLiteral(ATLAS_TEST_DATA "/inventory/clean.yaml");

// What a snapshot concluded, in words: enough to compare two runs exactly.
QStringList summary(const AnalysisSnapshot &s)
{
    QStringList lines;
    for (const Finding &f : s.findings) {
        QString evidence;
        for (const Evidence &e : f.evidence)
            evidence += e.path + u'=' + e.value + u';';
        lines << findingKey(f).toString() + u' ' + ruleSeverityName(f.severity) + u' ' + f.message + u' ' + evidence
                + f.references.join(u'|');
    }
    return lines;
}

} // namespace

class TestAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void snapshotOwnsItsParts();
    void oneRuleSetTwoInventoriesConcurrently();
    void errorKinds_data();
    void errorKinds();
    void cancelledIsAKind();
    void asOfDecidesWaivers();
    void inMemoryInventory();
};

void TestAnalysis::snapshotOwnsItsParts()
{
    std::shared_ptr<const AnalysisSnapshot> snapshot;
    {
        AnalysisRequest request;
        request.inputs = {sample};
        request.catalog = &test::catalog();
        request.asOf = QDate(2026, 12, 1);
        auto result = analyse(request);
        QVERIFY2(result, result ? "" : qPrintable(test::join(result.error().diagnostics)));
        snapshot = *result;
    } // the request and everything it named are gone: the snapshot still holds together
    // 58 workloads and the implicit geo-redundant copy of br-claims-db (revision 2b).
    QCOMPARE(snapshot->inventory->workloads.size(), std::size_t(59));
    QCOMPARE(snapshot->input->workloads.size(), std::size_t(58));
    QCOMPARE(snapshot->findings.size(), std::size_t(100));
    QCOMPARE(snapshot->facts.inventory, snapshot->inventory.get());
    QVERIFY(snapshot->rules());
    QCOMPARE(snapshot->asOf, QDate(2026, 12, 1));
    QVERIFY(!snapshot->coverage.gaps().isEmpty());
    // The facts' symbols are their own: the rule set's table does not know the inventory's ids.
    QVERIFY(snapshot->facts.symbols.find(QStringLiteral("de-ehr-db")) != NoSymbol);
    QCOMPARE(snapshot->rules()->symbols.find(QStringLiteral("de-ehr-db")), NoSymbol);
}

void TestAnalysis::oneRuleSetTwoInventoriesConcurrently()
{
    auto compiled = compilePolicies({}, true, test::catalog());
    QVERIFY(compiled);
    const std::shared_ptr<const PolicySet> policies = *compiled;
    auto requestFor = [&](const QString &input) {
        AnalysisRequest r;
        r.inputs = {input};
        r.policies = policies;
        r.catalog = &test::catalog();
        r.asOf = QDate(2026, 12, 1);
        return r;
    };
    // Expected: each inventory analysed alone.
    auto a = analyse(requestFor(sample));
    auto b = analyse(requestFor(clean));
    QVERIFY(a && b);
    const QStringList expectedA = summary(**a), expectedB = summary(**b);
    QVERIFY(!expectedA.isEmpty());
    QVERIFY(expectedA != expectedB);
    // Then both at once, several rounds, sharing the one compiled rule set.
    for (int round = 0; round < 4; ++round) {
        QFuture<QStringList> fa = QtConcurrent::run([&] { auto r = analyse(requestFor(sample)); return r ? summary(**r) : QStringList(); });
        QFuture<QStringList> fb = QtConcurrent::run([&] { auto r = analyse(requestFor(clean)); return r ? summary(**r) : QStringList(); });
        QCOMPARE(fa.result(), expectedA);
        QCOMPARE(fb.result(), expectedB);
    }
    QCOMPARE((*a)->policies.get(), policies.get());
}

void TestAnalysis::errorKinds_data()
{
    QTest::addColumn<QStringList>("inputs");
    QTest::addColumn<QStringList>("packs");
    QTest::addColumn<QStringList>("disabled");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    QTest::newRow("broken inventory") << QStringList{QStringLiteral(ATLAS_TEST_DATA "/inventory/broken/several-errors.yaml")}
                                      << QStringList() << QStringList() << int(AnalysisErrorKind::BadInput)
                                      << QStringLiteral("'to' names unknown workload 'crm'");
    QTest::newRow("broken pack") << QStringList{sample} << QStringList{QStringLiteral(ATLAS_TEST_DATA "/policies/broken/several-errors.yaml")}
                                 << QStringList() << int(AnalysisErrorKind::BadPack) << QString();
    QTest::newRow("unknown disabled rule") << QStringList{sample} << QStringList() << QStringList{QStringLiteral("RES-999")}
                                           << int(AnalysisErrorKind::BadRequest) << QStringLiteral("--disable names unknown rule 'RES-999'");
}

void TestAnalysis::errorKinds()
{
    QFETCH(QStringList, inputs);
    QFETCH(QStringList, packs);
    QFETCH(QStringList, disabled);
    QFETCH(int, kind);
    QFETCH(QString, message);
    AnalysisRequest request;
    request.inputs = inputs;
    request.packs = packs;
    request.disabled = disabled;
    request.catalog = &test::catalog();
    const auto result = analyse(request);
    QVERIFY(!result);
    QCOMPARE(int(result.error().kind), kind);
    QVERIFY(!result.error().diagnostics.isEmpty());
    if (!message.isEmpty())
        QVERIFY2(test::join(result.error().diagnostics).contains(message), qPrintable(test::join(result.error().diagnostics)));
}

void TestAnalysis::cancelledIsAKind()
{
    ImportProgress progress;
    progress.cancel = true;
    AnalysisRequest request;
    request.inputs = {sample};
    request.catalog = &test::catalog();
    request.load.progress = &progress;
    const auto result = analyse(request);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, AnalysisErrorKind::Cancelled);
    QVERIFY(result.error().diagnostics.isEmpty()); // nothing to report: the user asked for it
}

void TestAnalysis::asOfDecidesWaivers()
{
    // The sample's waivers expire; after the date the findings say so.
    auto statuses = [](const QDate &date) {
        AnalysisRequest request;
        request.inputs = {sample};
        request.catalog = &test::catalog();
        request.asOf = date;
        auto result = analyse(request);
        QMap<QString, int> counts;
        if (result)
            for (const Finding &f : (*result)->findings)
                ++counts[findingStatusName(f.status)];
        return counts;
    };
    const auto before = statuses(QDate(2026, 1, 1));
    const auto after = statuses(QDate(2040, 1, 1));
    QVERIFY(before.value(QStringLiteral("waived")) > 0);
    QCOMPARE(after.value(QStringLiteral("waived")), 0);
    QCOMPARE(after.value(QStringLiteral("waiver-expired")), before.value(QStringLiteral("waived")) + before.value(QStringLiteral("waiver-expired")));
}

void TestAnalysis::inMemoryInventory()
{
    auto loaded = test::load({{"mem.yaml", R"(atlas: 1
datasets:
  - {id: d, classification: restricted, origin: DE, categories: [personal]}
workloads:
  - {id: a, kind: storage, location: aws:eu-central-1, holds: [d]}
  - {id: b, kind: training, location: aws:us-east-1}
flows:
  - {id: f, from: a, to: b, carries: [d]}
)"}});
    QVERIFY(loaded);
    AnalysisRequest request;
    request.inventory = std::make_shared<const Inventory>(std::move(loaded->inventory));
    request.catalog = &test::catalog();
    const auto result = analyse(request);
    QVERIFY(result);
    QCOMPARE((*result)->inventory, request.inventory); // shared, not copied
    QVERIFY(std::any_of((*result)->findings.begin(), (*result)->findings.end(),
                        [](const Finding &f) { return f.rule == u"RES-001" && f.subjectId == u"f"; }));
}

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
