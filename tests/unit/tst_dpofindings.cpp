// Revision 2b (policy-rules.md): each rule change fires and stays silent on its boundary —
// the law as of a date (Russia's Convention 108 adequacy and prior notification, India's SPDI
// regime before the DPDP transfer rules commence, China's basis rules and Art. 55 assessment),
// model lineage through registries (RES-018), processing exposure (RES-007), encryption scoped
// by what is carried (RES-012/RES-020), the training basis (RES-004) and geo-redundancy.
#include "georedundancy.h"
#include "policyengine.h"
#include "policyimporter.h"
#include "testsupport.h"

#include <QFile>
#include <QRegularExpression>

using namespace atlas;

namespace {

const QDate kToday(2026, 11, 28);

// The pipeline `check` runs: load, expand geo-redundancy, facts as of `asOf`, evaluate.
std::vector<Finding> evaluate(const QString &inventory, const QDate &asOf)
{
    auto loaded = test::load({{"case.yaml", qPrintable(inventory)}});
    if (!loaded) {
        qWarning("%s", qPrintable(test::join(loaded.error())));
        return {};
    }
    auto packs = loadPolicies({}, test::catalog());
    if (!packs)
        return {};
    Inventory inv = std::move(loaded->inventory);
    if (auto expanded = expandGeoRedundancy(inv, test::catalog()))
        inv = std::move(*expanded);
    const PolicyFacts facts = derivePolicyFacts(test::catalog(), inv, asOf);
    EvaluationOptions options;
    options.asOf = asOf;
    return evaluatePolicies(*packs->rules, facts, options);
}

QStringList findingsFor(const QString &inventory, const QString &rule, const QDate &asOf)
{
    QStringList out;
    for (const Finding &f : evaluate(inventory, asOf))
        if (f.rule == rule)
            out << subjectKindName(f.subjectKind) + u':' + f.subjectId + (f.dataset.isEmpty() ? QString() : u'/' + f.dataset);
    out.sort();
    return out;
}

// Dataset `d` of `origin` held at `src`, flow `f` from `src` to `dst` with `flow` fields.
QString transfer(const QString &origin, const QString &src, const QString &dst, const QString &flow,
                 const QString &dataset = {})
{
    return QStringLiteral("atlas: 1\ndatasets:\n  - {id: d, classification: restricted, categories: [personal], origin: %1, "
                          "retention_days: 365, training_basis: contract, keys: {custody: external-hsm, location: %2}%5}\n"
                          "workloads:\n  - {id: src, kind: database, location: %2, holds: [d]}\n"
                          "  - {id: dst, kind: analytics, location: %3}\n"
                          "flows:\n  - {id: f, from: src, to: dst, carries: [d], purpose: analytics%4}\n")
        .arg(origin, src, dst, flow.isEmpty() ? QString() : QStringLiteral(", ") + flow,
             dataset.isEmpty() ? QString() : QStringLiteral(", ") + dataset);
}

// A model's life: `data` trains at `trainer` (US), the weights go through `registries`
// registries and are deployed at an EU inference service.
QString modelLife(const QString &trainingData, int registries, const QString &trainingFlow = QStringLiteral("carries: [d]"))
{
    QString workloads = QStringLiteral("  - {id: src, kind: database, location: aws:eu-central-1, holds: [d, pub]}\n"
                                       "  - {id: trainer, kind: training, location: aws:us-east-1}\n"
                                       "  - {id: serve, kind: inference, location: aws:eu-central-1}\n");
    QString flows = QStringLiteral("  - {id: train, from: src, to: trainer, %1, purpose: training}\n").arg(trainingFlow);
    QString previous = QStringLiteral("trainer");
    for (int i = 1; i <= registries; ++i) {
        const QString reg = QStringLiteral("reg%1").arg(i);
        workloads += QStringLiteral("  - {id: %1, kind: model_registry, location: aws:us-east-1}\n").arg(reg);
        flows += QStringLiteral("  - {id: to-%1, from: %2, to: %1, carries: [pub], form: model_weights}\n").arg(reg, previous);
        previous = reg;
    }
    flows += QStringLiteral("  - {id: deploy, from: %1, to: serve, carries: [pub], form: model_weights}\n").arg(previous);
    return QStringLiteral("atlas: 1\ndatasets:\n  - {id: d, %1}\n"
                          "  - {id: pub, classification: public, categories: [public_web]}\n"
                          "workloads:\n%2flows:\n%3")
        .arg(trainingData, workloads, flows);
}

const QString kEuRecords = QStringLiteral("classification: restricted, categories: [health], origin: EU, retention_days: 365, "
                                          "keys: {custody: external-hsm, location: aws:eu-central-1}");

} // namespace

class TestDpoFindings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rules_data();
    void rules();
    void lineageReachesTheDeployment();
    void geoCopyIsAFlowToThePair();
    void trainingBasisMessage();
    void sampleMatchesItsExpectation();
};

void TestDpoFindings::rules_data()
{
    QTest::addColumn<QString>("inventory");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QDate>("asOf");
    QTest::addColumn<QStringList>("expected");
    const QStringList none;
    const QStringList flowF{QStringLiteral("flow:f/d")};
    auto row = [](const char *name, const QString &inv, const char *rule, const QStringList &expected, const QDate &asOf = kToday) {
        QTest::newRow(name) << inv << QString::fromLatin1(rule) << asOf << expected;
    };
    // Russia: Convention 108 parties are adequate; every transfer needs a prior notification
    // and an assessment of the recipient since 1 Mar 2023.
    const QString ruToEu = transfer(QStringLiteral("RU"), QStringLiteral("RU"), QStringLiteral("aws:eu-central-1"), {});
    row("001 RU to EU (Convention 108) silent", ruToEu, "RES-001", none);
    row("001 RU to US (neither list) fires", transfer(QStringLiteral("RU"), QStringLiteral("RU"), QStringLiteral("aws:us-east-1"), {}), "RES-001", flowF);
    row("019 RU to EU not notified fires", ruToEu, "RES-019", flowF);
    row("019 RU notified but not assessed fires", transfer(QStringLiteral("RU"), QStringLiteral("RU"), QStringLiteral("aws:eu-central-1"), QStringLiteral("notified: true")), "RES-019", flowF);
    row("019 RU notified and assessed silent", transfer(QStringLiteral("RU"), QStringLiteral("RU"), QStringLiteral("aws:eu-central-1"), QStringLiteral("notified: true, assessed: 2026-01-15")), "RES-019", none);
    row("019 RU before 1 Mar 2023 silent", ruToEu, "RES-019", none, QDate(2023, 2, 28));
    row("019 RU on 1 Mar 2023 fires", ruToEu, "RES-019", flowF, QDate(2023, 3, 1));
    row("019 RU anonymised silent", transfer(QStringLiteral("RU"), QStringLiteral("RU"), QStringLiteral("aws:eu-central-1"), QStringLiteral("form: anonymised")), "RES-019", none);
    row("019 EU origin needs no notification", transfer(QStringLiteral("EU"), QStringLiteral("aws:eu-central-1"), QStringLiteral("aws:us-east-1"), QStringLiteral("basis: scc")), "RES-019", none);
    const QString ruAccess = transfer(QStringLiteral("RU"), QStringLiteral("RU"), QStringLiteral("RU"), {})
        + QStringLiteral("access:\n  - {id: a, role: analyst, from: DE, to: src, datasets: [d]%1}\n");
    row("019 RU access from DE not notified fires", ruAccess.arg(QString()), "RES-019", {QStringLiteral("access:a/d")});
    row("019 RU access notified and assessed silent", ruAccess.arg(QStringLiteral(", notified: true, assessed: 2026-02-01")), "RES-019", none);
    // China: scc counts unless an Art. 40 mandate applies to the handler; the Art. 55 PIPIA.
    const QString cnSrc = QStringLiteral("aws:cn-north-1");
    row("001 CN scc without Art. 40 silent", transfer(QStringLiteral("CN"), cnSrc, QStringLiteral("aws:us-east-1"), QStringLiteral("basis: scc")), "RES-001", none);
    row("001 CN scc under Art. 40 fires", transfer(QStringLiteral("CN"), cnSrc, QStringLiteral("aws:us-east-1"), QStringLiteral("basis: scc"), QStringLiteral("localisation: applies")), "RES-001", flowF);
    row("001 CN scc, Art. 40 exempt silent", transfer(QStringLiteral("CN"), cnSrc, QStringLiteral("aws:us-east-1"), QStringLiteral("basis: scc"), QStringLiteral("localisation: exempt")), "RES-001", none);
    row("019 CN without PIPIA fires", transfer(QStringLiteral("CN"), cnSrc, QStringLiteral("aws:us-east-1"), QStringLiteral("basis: scc")), "RES-019", flowF);
    row("019 CN with PIPIA silent", transfer(QStringLiteral("CN"), cnSrc, QStringLiteral("aws:us-east-1"), QStringLiteral("basis: scc, assessed: 2026-03-01")), "RES-019", none);
    // China regions are run by Chinese operators: no CLOUD Act exposure there.
    row("007 CN on aws:cn-north-1 (Sinnet) silent", transfer(QStringLiteral("CN"), cnSrc, cnSrc, {}).replace(QStringLiteral("external-hsm"), QStringLiteral("customer")), "RES-007", none);
    row("007 CN on azure:chinanorth (21Vianet) silent", transfer(QStringLiteral("CN"), QStringLiteral("azure:chinanorth"), QStringLiteral("azure:chinanorth"), {}).replace(QStringLiteral("external-hsm"), QStringLiteral("customer")), "RES-007", none);
    // India: SPDI Rule 7 (a basis is required) until the DPDP transfer rules commence.
    const QString inToUs = transfer(QStringLiteral("IN"), QStringLiteral("aws:ap-south-1"), QStringLiteral("aws:us-east-1"), {});
    row("001 IN to US under SPDI fires", inToUs, "RES-001", flowF);
    row("001 IN to US under SPDI with contract silent", transfer(QStringLiteral("IN"), QStringLiteral("aws:ap-south-1"), QStringLiteral("aws:us-east-1"), QStringLiteral("basis: contract")), "RES-001", none);
    row("001 IN to US on 12 May 2027 (SPDI) fires", inToUs, "RES-001", flowF, QDate(2027, 5, 12));
    row("001 IN to US on 13 May 2027 (DPDP) silent", inToUs, "RES-001", none, QDate(2027, 5, 13));
    // RBI: payment data may be processed abroad if deleted there within 24 hours.
    const QString payment = QStringLiteral("classification: restricted, categories: [payment], origin: IN, retention_days: 365, keys: {custody: external-hsm, location: aws:ap-south-1}");
    const QString processedAbroad = QStringLiteral("atlas: 1\ndatasets:\n  - {id: d, %1}\nworkloads:\n"
                                                   "  - {id: src, kind: database, location: aws:ap-south-1, holds: [d]}\n"
                                                   "  - {id: dst, kind: %2, location: aws:us-east-1%3}\n"
                                                   "flows:\n  - {id: f, from: src, to: dst, carries: [d], basis: contract}\n").arg(payment);
    row("002 payment processed abroad, not stored silent", processedAbroad.arg(QStringLiteral("feature_pipeline"), QString()), "RES-002", none);
    row("015 payment processed abroad asks for the 24 hours", processedAbroad.arg(QStringLiteral("feature_pipeline"), QString()), "RES-015", flowF);
    row("002 payment stored abroad fires", processedAbroad.arg(QStringLiteral("storage"), QString()), "RES-002", {QStringLiteral("flow:f/d"), QStringLiteral("holding:dst/d")});
    // Processing is exposure: a trainer on a US-operated cloud receives raw EU data.
    const QString euToTrainer = transfer(QStringLiteral("EU"), QStringLiteral("DE"), QStringLiteral("aws:eu-central-1"), {})
                                    .replace(QStringLiteral("kind: analytics"), QStringLiteral("kind: training"))
                                    .replace(QStringLiteral("purpose: analytics"), QStringLiteral("purpose: training"));
    row("007 EU raw processed by a US-operated trainer fires", euToTrainer, "RES-007", {QStringLiteral("holding:dst/d")});
    row("007 EU anonymised to the trainer silent", QString(euToTrainer).replace(QStringLiteral("purpose: training}"), QStringLiteral("purpose: training, form: anonymised}")), "RES-007", none);
    row("007 EU received by a US-operated store, customer keys fires", QString(euToTrainer).replace(QStringLiteral("kind: training"), QStringLiteral("kind: storage")).replace(QStringLiteral("external-hsm"), QStringLiteral("customer")), "RES-007", {QStringLiteral("holding:dst/d")});
    row("007 EU received by a store, keys in an external HSM silent", QString(euToTrainer).replace(QStringLiteral("kind: training"), QStringLiteral("kind: storage")), "RES-007", none);
    row("007 EU processed by a self-run trainer silent", QString(euToTrainer).replace(QStringLiteral("location: aws:eu-central-1}"), QStringLiteral("location: DE}")), "RES-007", none);
    // Encryption: restricted data unencrypted anywhere (high); other data across a border (low).
    const QString inInside = transfer(QStringLiteral("IN"), QStringLiteral("aws:ap-south-1"), QStringLiteral("azure:centralindia"), QStringLiteral("encrypted: false"));
    row("012 unencrypted restricted inside one country fires", inInside, "RES-012", flowF);
    row("012 encrypted restricted silent", QString(inInside).replace(QStringLiteral("encrypted: false"), QStringLiteral("encrypted: true")), "RES-012", none);
    row("020 restricted flow is RES-012's, not RES-020's", transfer(QStringLiteral("EU"), QStringLiteral("aws:eu-central-1"), QStringLiteral("aws:us-east-1"), QStringLiteral("encrypted: false, basis: scc")), "RES-020", none);
    const QString logs = QStringLiteral("classification: operational, categories: [logs], origin: UK");
    const QString opsFlow = QStringLiteral("atlas: 1\ndatasets:\n  - {id: d, %1}\nworkloads:\n  - {id: src, kind: logging, location: %2, holds: [d]}\n"
                                           "  - {id: dst, kind: logging, location: %3}\nflows:\n  - {id: f, from: src, to: dst, carries: [d], encrypted: false}\n");
    row("020 operational across a border fires", opsFlow.arg(logs, QStringLiteral("aws:eu-west-2"), QStringLiteral("aws:us-east-1")), "RES-020", {QStringLiteral("flow:f")});
    row("020 operational inside one country silent", opsFlow.arg(logs, QStringLiteral("aws:us-east-2"), QStringLiteral("aws:us-east-1")), "RES-020", none);
    row("012 operational never RES-012", opsFlow.arg(logs, QStringLiteral("aws:eu-west-2"), QStringLiteral("aws:us-east-1")), "RES-012", none);
    // Training basis: consent is not the only one.
    const QString training = QStringLiteral("atlas: 1\ndatasets:\n  - {id: d, classification: restricted, categories: [personal], origin: EU, retention_days: 30%1}\n"
                                            "workloads:\n  - {id: src, kind: database, location: DE, holds: [d]}\n  - {id: dst, kind: training, location: DE}\n"
                                            "flows:\n  - {id: f, from: src, to: dst, carries: [d], purpose: training}\n");
    row("004 no basis recorded fires", training.arg(QString()), "RES-004", flowF);
    row("004 training_basis none fires", training.arg(QStringLiteral(", training_basis: none")), "RES-004", flowF);
    row("004 consent false, no basis fires", training.arg(QStringLiteral(", consent: {training: false}")), "RES-004", flowF);
    row("004 consent.training true silent", training.arg(QStringLiteral(", consent: {training: true}")), "RES-004", none);
    row("004 legitimate interests silent", training.arg(QStringLiteral(", training_basis: legitimate_interests")), "RES-004", none);
    row("004 contract silent", training.arg(QStringLiteral(", training_basis: contract")), "RES-004", none);
    row("004 legal obligation silent", training.arg(QStringLiteral(", training_basis: legal_obligation")), "RES-004", none);
    row("004 public interest silent", training.arg(QStringLiteral(", training_basis: public_interest")), "RES-004", none);
    // Model lineage: weights carry their training data through any number of registries.
    row("018 through one registry fires", modelLife(kEuRecords, 1), "RES-018", {QStringLiteral("flow:deploy/d")});
    row("018 through two registries fires", modelLife(kEuRecords, 2), "RES-018", {QStringLiteral("flow:deploy/d")});
    row("018 trainer straight to inference fires", modelLife(kEuRecords, 0), "RES-018", {QStringLiteral("flow:deploy/d")});
    row("018 trainer given only public data silent", modelLife(kEuRecords, 1, QStringLiteral("carries: [pub]")), "RES-018", none);
    row("018 lawful training (scc, basis) silent", modelLife(kEuRecords + QStringLiteral(", training_basis: contract"), 1, QStringLiteral("carries: [d], basis: scc")), "RES-018", none);
    row("018 anonymised training data silent", modelLife(kEuRecords, 1, QStringLiteral("carries: [d], form: anonymised")), "RES-018", none);
    // RES-011 on derived weights: trainer → registry stays in the US; the deployment crosses.
    row("011 derived weights crossing a jurisdiction fire", modelLife(kEuRecords, 1), "RES-011", {QStringLiteral("flow:deploy/d")});
    // Geo-redundancy: the provider's copy to the paired region is a transfer.
    const QString geo = QStringLiteral("atlas: 1\ndatasets:\n  - {id: d, classification: restricted, categories: [personal], origin: %1, retention_days: 30, "
                                       "keys: {custody: external-hsm, location: %1}}\nworkloads:\n  - {id: store, kind: storage, location: %2, holds: [d], geo_redundant: %3}\n");
    row("001 geo pair abroad (Brazil South to US) fires", geo.arg(QStringLiteral("BR"), QStringLiteral("azure:brazilsouth"), QStringLiteral("true")), "RES-001", {QStringLiteral("flow:store~geo/d")});
    row("001 geo pair at home (West to North Europe) silent", geo.arg(QStringLiteral("EU"), QStringLiteral("azure:westeurope"), QStringLiteral("true")), "RES-001", none);
    row("001 not geo-redundant silent", geo.arg(QStringLiteral("BR"), QStringLiteral("azure:brazilsouth"), QStringLiteral("false")), "RES-001", none);
    row("008 geo pair the catalog lacks is unknown", geo.arg(QStringLiteral("EU"), QStringLiteral("aws:eu-central-1"), QStringLiteral("true")), "RES-008",
        {QStringLiteral("flow:store~geo"), QStringLiteral("workload:store~pair")});
}

void TestDpoFindings::rules()
{
    QFETCH(QString, inventory);
    QFETCH(QString, rule);
    QFETCH(QDate, asOf);
    QFETCH(QStringList, expected);
    QCOMPARE(findingsFor(inventory, rule, asOf), expected);
}

// dataset.reaches follows the derivation: the EU inference service is reached by the health
// records, though every weights flow declares only the public corpus.
void TestDpoFindings::lineageReachesTheDeployment()
{
    auto loaded = test::load({{"case.yaml", qPrintable(modelLife(kEuRecords, 2))}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    const PolicyFacts facts = derivePolicyFacts(test::catalog(), loaded->inventory, kToday);
    QStringList reaches;
    for (std::uint32_t s : facts.datasets[0].reaches)
        reaches << facts.symbols.name(s);
    reaches.sort();
    QCOMPARE(reaches, (QStringList{QStringLiteral("EU"), QStringLiteral("US"), QStringLiteral("reg1"), QStringLiteral("reg2"),
                                   QStringLiteral("serve"), QStringLiteral("src"), QStringLiteral("trainer")}));
    const auto findings = evaluate(modelLife(kEuRecords, 2), kToday);
    const auto it = std::find_if(findings.begin(), findings.end(), [](const Finding &f) { return f.rule == u"RES-018"; });
    QVERIFY(it != findings.end());
    QCOMPARE(it->message, QStringLiteral("serve [EU] receives model weights from reg2 trained on d (through train), whose flow into training "
                                         "has an open RES-001, RES-002 or RES-004 finding: the model carries its training data's lineage (derived: true)"));
    QCOMPARE(it->root, QStringLiteral("flow:train"));
}

void TestDpoFindings::geoCopyIsAFlowToThePair()
{
    auto loaded = test::load({{"case.yaml", "atlas: 1\ndatasets:\n  - {id: d, classification: restricted, categories: [personal], origin: BR}\n"
                                            "workloads:\n  - {id: store, kind: storage, location: azure:brazilsouth, holds: [d], geo_redundant: true}\n"}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    auto expanded = expandGeoRedundancy(loaded->inventory, test::catalog());
    QVERIFY(expanded);
    QCOMPARE(expanded->workloads.size(), std::size_t(2));
    QCOMPARE(expanded->workloads[1].id, QStringLiteral("store~pair"));
    QCOMPARE(expanded->workloads[1].location, QStringLiteral("azure:southcentralus"));
    QCOMPARE(refIds(expanded->workloads[1].holds), QStringList{QStringLiteral("d")});
    QCOMPARE(expanded->flows.size(), std::size_t(1));
    QCOMPARE(expanded->flows[0].id, QStringLiteral("store~geo"));
    QCOMPARE(expanded->flows[0].purpose, std::optional<Purpose>(Purpose::Replication));
    // An analysed inventory is expanded afresh: its copies are made again, not doubled, and
    // follow the store when a scenario moves it.
    Inventory moved = *expanded;
    moved.workloads[0].location = QStringLiteral("azure:brazilsoutheast");
    auto again = expandGeoRedundancy(moved, test::catalog());
    QVERIFY(again);
    QCOMPARE(again->workloads.size(), std::size_t(2));
    QCOMPARE(again->flows.size(), std::size_t(1));
    QCOMPARE(again->workloads[1].location, QStringLiteral("azure:brazilsouth"));
    QCOMPARE(again->flows[0].toIndex, 1u);
    QCOMPARE(pairedLocation(test::catalog(), QStringLiteral("DE")), QStringLiteral("unknown"));
}

void TestDpoFindings::trainingBasisMessage()
{
    const auto findings = evaluate(QStringLiteral("atlas: 1\ndatasets:\n  - {id: d, classification: restricted, categories: [personal], origin: EU, training_basis: none}\n"
                                                  "workloads:\n  - {id: src, kind: database, location: DE, holds: [d]}\n  - {id: dst, kind: training, location: DE}\n"
                                                  "flows:\n  - {id: f, from: src, to: dst, carries: [d], purpose: training}\n"),
                                   kToday);
    const auto it = std::find_if(findings.begin(), findings.end(), [](const Finding &f) { return f.rule == u"RES-004"; });
    QVERIFY(it != findings.end());
    QCOMPARE(it->message, QStringLiteral("d is sent raw from src to dst for training; no legal basis for training recorded (training_basis: none)"));
}

// The hand-labelled expectation of the bundled sample (resources/samples/northwind-ai.expected.md):
// every row, and nothing else, with its status.
void TestDpoFindings::sampleMatchesItsExpectation()
{
    QFile expectation(QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.expected.md"));
    QVERIFY(expectation.open(QIODevice::ReadOnly));
    static const QRegularExpression row(QStringLiteral("^\\| \\d+ \\| (RES-\\d+) \\| (\\w+) \\| `([^`]+)` \\| `?([^`|]+?)`? \\| ([\\w-]+) \\|"),
                                        QRegularExpression::MultilineOption);
    QStringList expected;
    for (auto it = row.globalMatch(QString::fromUtf8(expectation.readAll())); it.hasNext();) {
        const auto m = it.next();
        expected << QStringList{m.captured(1), m.captured(2), m.captured(3), m.captured(4), m.captured(5)}.join(u' ');
    }
    QFile sample(QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    QStringList actual;
    for (const Finding &f : evaluate(QString::fromUtf8(sample.readAll()), QDate(2026, 11, 1)))
        actual << QStringList{f.rule, subjectKindName(f.subjectKind), f.subjectId, f.dataset.isEmpty() ? QStringLiteral("—") : f.dataset,
                              findingStatusName(f.status)}.join(u' ');
    expected.sort();
    actual.sort();
    QVERIFY(expected.size() > 90);
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(TestDpoFindings)
#include "tst_dpofindings.moc"
