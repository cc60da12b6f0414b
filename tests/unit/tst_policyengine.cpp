// Every built-in rule fires and stays silent on the boundaries policy-rules.md lists, on small
// inventories built for the case; waivers by date; one finding per carried dataset.
#include "policyengine.h"
#include "policyimporter.h"
#include "testsupport.h"

using namespace atlas;

namespace {

// A small inventory: dataset `d` held by `src`; flow `f` from `src` to `dst`.
QString doc(const QString &dataset, const QString &src, const QString &dst, const QString &flow, const QString &extra = {})
{
    return QStringLiteral("atlas: 1\ndatasets:\n  - {id: d, %1}\n  - {id: ops, classification: operational, categories: [metrics], origin: EU, retention_days: 30}\n"
                          "workloads:\n  - {id: src, holds: [d], %2}\n  - {id: dst, %3}\nflows:\n  - {id: f, from: src, to: dst, %4}\n%5")
        .arg(dataset, src, dst, flow, extra);
}

const QString kEuPersonal = QStringLiteral("classification: restricted, categories: [personal], origin: EU, retention_days: 365, consent: {training: true}, keys: {custody: external-hsm, location: aws:eu-central-1}");
const QString kEuSrc = QStringLiteral("kind: storage, location: aws:eu-central-1");
const QString kUsDst = QStringLiteral("kind: analytics, location: aws:us-east-1");
const QString kRaw = QStringLiteral("carries: [d], purpose: analytics");

QStringList findingsFor(const QString &inventory, const QString &rule, const QDate &asOf = QDate(2026, 11, 28))
{
    auto loaded = test::load({{"case.yaml", qPrintable(inventory)}});
    if (!loaded) {
        qWarning("%s", qPrintable(test::join(loaded.error())));
        return {QStringLiteral("<inventory does not load>")};
    }
    auto packs = loadPolicies({}, test::catalog());
    if (!packs)
        return {QStringLiteral("<pack does not load>")};
    const PolicyFacts facts = derivePolicyFacts(test::catalog(), loaded->inventory);
    EvaluationOptions options;
    options.asOf = asOf;
    QStringList out;
    for (const Finding &f : evaluatePolicies(*packs->rules, facts, options))
        if (f.rule == rule)
            out << subjectKindName(f.subjectKind) + u':' + f.subjectId + (f.dataset.isEmpty() ? QString() : u'/' + f.dataset)
                    + (f.status == FindingStatus::Open ? QString() : u' ' + findingStatusName(f.status));
    out.sort();
    return out;
}

} // namespace

class TestPolicyEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rules_data();
    void rules();
    void waiverByDate_data();
    void waiverByDate();
    void evidenceNamesEveryFactRead();
    void adequacyReasons_data();
    void adequacyReasons();
    void lineage();
    void twoCoresFindTheSame();
    void referencesNameTheOriginsLaw_data();
    void referencesNameTheOriginsLaw();
};

void TestPolicyEngine::rules_data()
{
    QTest::addColumn<QString>("inventory");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QStringList>("expected");
    const QStringList none;
    const QStringList flowF{QStringLiteral("flow:f/d")};
    auto row = [](const char *name, const QString &inv, const char *rule, const QStringList &expected) {
        QTest::newRow(name) << inv << QString::fromLatin1(rule) << expected;
    };
    // RES-001: personal forms leave the origin to a non-adequate destination.
    row("001 raw EU to US fires", doc(kEuPersonal, kEuSrc, kUsDst, kRaw), "RES-001", flowF);
    row("001 pseudonymised fires", doc(kEuPersonal, kEuSrc, kUsDst, kRaw + QStringLiteral(", form: pseudonymised")), "RES-001", flowF);
    row("001 features fires", doc(kEuPersonal, kEuSrc, kUsDst, kRaw + QStringLiteral(", form: features")), "RES-001", flowF);
    row("001 anonymised silent", doc(kEuPersonal, kEuSrc, kUsDst, kRaw + QStringLiteral(", form: anonymised")), "RES-001", none);
    row("001 EU to JP adequate silent", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: analytics, location: aws:ap-northeast-1"), kRaw), "RES-001", none);
    row("001 EU to US with dpf silent", doc(kEuPersonal, kEuSrc, kUsDst + QStringLiteral(", certifications: [dpf]"), kRaw), "RES-001", none);
    row("001 EU to US with dpf-uk only fires", doc(kEuPersonal, kEuSrc, kUsDst + QStringLiteral(", certifications: [dpf-uk]"), kRaw), "RES-001", flowF);
    row("001 false adequacy claim fires", doc(kEuPersonal, kEuSrc, kUsDst, kRaw + QStringLiteral(", basis: adequacy")), "RES-001", flowF);
    row("001 scc declared silent", doc(kEuPersonal, kEuSrc, kUsDst, kRaw + QStringLiteral(", basis: scc")), "RES-001", none);
    row("001 sensitive silent", doc(QString(kEuPersonal).replace(QStringLiteral("restricted"), QStringLiteral("sensitive")), kEuSrc, kUsDst, kRaw), "RES-001", none);
    row("001 same jurisdiction silent", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: analytics, location: azure:westeurope"), kRaw), "RES-001", none);
    row("001 open regime US to EU silent", doc(QString(kEuPersonal).replace(QStringLiteral("origin: EU"), QStringLiteral("origin: US")), kUsDst, QStringLiteral("kind: analytics, location: aws:eu-central-1"), kRaw), "RES-001", none);
    row("001 negative list IN to US silent", doc(QString(kEuPersonal).replace(QStringLiteral("origin: EU"), QStringLiteral("origin: IN")), QStringLiteral("kind: storage, location: aws:ap-south-1"), kUsDst, kRaw), "RES-001", none);
    row("001 approval CN to US fires", doc(QString(kEuPersonal).replace(QStringLiteral("origin: EU"), QStringLiteral("origin: CN")), QStringLiteral("kind: storage, location: aws:cn-north-1"), kUsDst, kRaw), "RES-001", flowF);
    row("001 allowlist JP to US fires", doc(QString(kEuPersonal).replace(QStringLiteral("origin: EU"), QStringLiteral("origin: JP")), QStringLiteral("kind: storage, location: aws:ap-northeast-1"), kUsDst, kRaw), "RES-001", flowF);
    row("001 not catalogued UY to US silent", doc(QString(kEuPersonal).replace(QStringLiteral("origin: EU"), QStringLiteral("origin: UY")), QStringLiteral("kind: storage, location: UY"), kUsDst, kRaw), "RES-001", none);
    // RES-016: review where the origin's transfer rules are not catalogued.
    row("016 not catalogued UY to US fires", doc(QString(kEuPersonal).replace(QStringLiteral("origin: EU"), QStringLiteral("origin: UY")), QStringLiteral("kind: storage, location: UY"), kUsDst, kRaw), "RES-016", flowF);
    row("016 with a basis silent", doc(QString(kEuPersonal).replace(QStringLiteral("origin: EU"), QStringLiteral("origin: UY")), QStringLiteral("kind: storage, location: UY"), kUsDst, kRaw + QStringLiteral(", basis: scc")), "RES-016", none);
    row("016 anonymised silent", doc(QString(kEuPersonal).replace(QStringLiteral("origin: EU"), QStringLiteral("origin: UY")), QStringLiteral("kind: storage, location: UY"), kUsDst, kRaw + QStringLiteral(", form: anonymised")), "RES-016", none);
    row("016 catalogued JP silent", doc(QString(kEuPersonal).replace(QStringLiteral("origin: EU"), QStringLiteral("origin: JP")), QStringLiteral("kind: storage, location: aws:ap-northeast-1"), kUsDst, kRaw), "RES-016", none);
    row("016 staying in UY silent", doc(QString(kEuPersonal).replace(QStringLiteral("origin: EU"), QStringLiteral("origin: UY")), QStringLiteral("kind: storage, location: UY"), QStringLiteral("kind: analytics, location: UY"), kRaw), "RES-016", none);
    row("001 unknown destination silent", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: analytics, location: unknown"), kRaw), "RES-001", none);
    row("001 one finding per dataset", doc(kEuPersonal, kEuSrc, kUsDst, QStringLiteral("carries: [d, ops], purpose: analytics"),
        QStringLiteral("  - {id: g, from: src, to: dst, carries: [ops, d], form: features}\n")), "RES-001",
        {QStringLiteral("flow:f/d"), QStringLiteral("flow:g/d")});
    // RES-017: a data store holding no declared dataset cannot be checked.
    row("017 store holding nothing fires", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: database, location: aws:us-east-1"), kRaw), "RES-017", {QStringLiteral("workload:dst")});
    row("017 store holding a dataset silent", doc(kEuPersonal, kEuSrc, kUsDst, kRaw), "RES-017", none);
    row("017 backup of unknown residency fires", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: backup, location: unknown"), kRaw), "RES-017", {QStringLiteral("workload:dst")});
    // RES-002: mandates.
    const QString inPayment = QStringLiteral("classification: restricted, categories: [payment], origin: IN, retention_days: 365, keys: {custody: external-hsm, location: aws:ap-south-1}");
    const QString inSrc = QStringLiteral("kind: database, location: aws:ap-south-1");
    const QString usStore = QStringLiteral("kind: storage, location: aws:us-east-1");
    row("002 storage mandate sent raw to a store fires", doc(inPayment, inSrc, usStore, kRaw), "RES-002", {QStringLiteral("flow:f/d"), QStringLiteral("holding:dst/d")});
    row("002 storage mandate processed abroad silent (24 hours)", doc(inPayment, inSrc, kUsDst, kRaw), "RES-002", none);
    row("002 storage mandate sent aggregated silent", doc(inPayment, inSrc, kUsDst, kRaw + QStringLiteral(", form: aggregated")), "RES-002", none);
    row("002 storage mandate held outside fires", doc(inPayment, QStringLiteral("kind: backup, location: aws:eu-west-1"), QStringLiteral("kind: analytics, location: aws:ap-south-1"), kRaw), "RES-002", {QStringLiteral("holding:src/d")});
    row("002 storage mandate kept inside silent", doc(inPayment, inSrc, QStringLiteral("kind: analytics, location: azure:centralindia"), kRaw), "RES-002", none);
    const QString ruPersonal = QStringLiteral("classification: restricted, categories: [personal], origin: RU, retention_days: 365, keys: {custody: external-hsm, location: RU}");
    row("002 primary copy missing fires", doc(ruPersonal, kEuSrc, kUsDst, kRaw), "RES-002", {QStringLiteral("dataset:d/d")});
    row("002 primary copy present silent", doc(ruPersonal, QStringLiteral("kind: database, location: RU"), kUsDst, kRaw), "RES-002", none);
    const QString cnPersonal = QStringLiteral("classification: restricted, categories: [personal], origin: CN, retention_days: 365, keys: {custody: external-hsm, location: aws:cn-north-1}");
    const QString cnSrc = QStringLiteral("kind: database, location: aws:cn-north-1");
    row("002 conditional undeclared silent", doc(cnPersonal, cnSrc, kUsDst, kRaw), "RES-002", none);
    row("002 conditional applies fires", doc(cnPersonal + QStringLiteral(", localisation: applies"), cnSrc, kUsDst, kRaw), "RES-002", flowF);
    row("002 conditional exempt silent", doc(cnPersonal + QStringLiteral(", localisation: exempt"), cnSrc, kUsDst, kRaw), "RES-002", none);
    // RES-015: conditional mandate review.
    row("015 conditional undeclared fires", doc(cnPersonal, cnSrc, kUsDst, kRaw), "RES-015", {QStringLiteral("dataset:d/d")});
    row("015 declared applies silent", doc(cnPersonal + QStringLiteral(", localisation: applies"), cnSrc, kUsDst, kRaw), "RES-015", none);
    row("015 unconditional silent", doc(inPayment, inSrc, usStore, kRaw), "RES-015", none);
    row("015 processed abroad asks for the 24 hours", doc(inPayment, inSrc, kUsDst, kRaw), "RES-015", flowF);
    // RES-003: inference outside the origin.
    row("003 inference abroad fires", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: inference, location: aws:us-east-1"), kRaw), "RES-003", flowF);
    row("003 inference abroad anonymised silent", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: inference, location: aws:us-east-1"), kRaw + QStringLiteral(", form: anonymised")), "RES-003", none);
    row("003 inference in region silent", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: inference, location: gcp:europe-west3-a"), kRaw), "RES-003", none);
    // RES-004: training without consent.
    const QString noConsent = QString(kEuPersonal).replace(QStringLiteral("consent: {training: true}"), QStringLiteral("consent: {analytics: true}"));
    row("004 training without consent fires", doc(noConsent, kEuSrc, kEuSrc, QStringLiteral("carries: [d], purpose: training")).replace(QStringLiteral("{id: dst, kind: storage"), QStringLiteral("{id: dst, kind: training")), "RES-004", flowF);
    row("004 training with consent silent", doc(kEuPersonal, kEuSrc, kEuSrc, QStringLiteral("carries: [d], purpose: fine_tuning")), "RES-004", none);
    row("004 training on anonymised silent", doc(noConsent, kEuSrc, kEuSrc, QStringLiteral("carries: [d], purpose: training, form: anonymised")), "RES-004", none);
    row("004 analytics without consent silent", doc(noConsent, kEuSrc, kEuSrc, QStringLiteral("carries: [d], purpose: analytics")), "RES-004", none);
    // RES-005: telemetry retention 30 passes, 31 fires; redaction when restricted.
    const QString prompts = QStringLiteral("classification: operational, categories: [prompts], origin: EU, retention_days: %1");
    row("005 retention 30 silent", doc(prompts.arg(30), kEuSrc, kUsDst, kRaw), "RES-005", none);
    row("005 retention 31 fires", doc(prompts.arg(31), kEuSrc, kUsDst, kRaw), "RES-005", {QStringLiteral("dataset:d/d")});
    row("005 no retention fires", doc(QStringLiteral("classification: operational, categories: [prompts], origin: EU"), kEuSrc, kUsDst, kRaw), "RES-005", {QStringLiteral("dataset:d/d")});
    row("005 restricted unredacted fires", doc(QStringLiteral("classification: restricted, categories: [transcripts], origin: EU, retention_days: 10"), kEuSrc, kUsDst, kRaw), "RES-005", {QStringLiteral("dataset:d/d")});
    row("005 restricted redacted silent", doc(QStringLiteral("classification: restricted, categories: [transcripts], origin: EU, retention_days: 10, redacted: true"), kEuSrc, kUsDst, kRaw), "RES-005", none);
    row("005 not telemetry silent", doc(QStringLiteral("classification: operational, categories: [logs], origin: EU"), kEuSrc, kUsDst, kRaw), "RES-005", none);
    // RES-006: keys.
    row("006 no keys fires", doc(QStringLiteral("classification: restricted, categories: [personal], origin: EU, retention_days: 1"), kEuSrc, kUsDst, kRaw), "RES-006", {QStringLiteral("dataset:d/d")});
    row("006 provider custody fires", doc(QString(kEuPersonal).replace(QStringLiteral("external-hsm"), QStringLiteral("provider")), kEuSrc, kUsDst, kRaw), "RES-006", {QStringLiteral("dataset:d/d")});
    row("006 keys abroad fires", doc(QString(kEuPersonal).replace(QStringLiteral("location: aws:eu-central-1}"), QStringLiteral("location: aws:us-east-1}")), kEuSrc, kUsDst, kRaw), "RES-006", {QStringLiteral("dataset:d/d")});
    row("006 customer keys at home silent", doc(QString(kEuPersonal).replace(QStringLiteral("external-hsm"), QStringLiteral("customer")), kEuSrc, kUsDst, kRaw), "RES-006", none);
    // RES-007: extraterritorial operator.
    row("007 customer custody on AWS fires", doc(QString(kEuPersonal).replace(QStringLiteral("external-hsm"), QStringLiteral("customer")), kEuSrc, kUsDst, kRaw), "RES-007", {QStringLiteral("holding:src/d")});
    row("007 external-hsm silent", doc(kEuPersonal, kEuSrc, kUsDst, kRaw), "RES-007", none);
    row("007 self-operated site silent", doc(QString(kEuPersonal).replace(QStringLiteral("external-hsm"), QStringLiteral("customer")), QStringLiteral("kind: database, location: DE"), kUsDst, kRaw), "RES-007", none);
    row("007 sovereign region still reached", doc(QString(kEuPersonal).replace(QStringLiteral("external-hsm"), QStringLiteral("customer")), QStringLiteral("kind: database, location: aws:eusc-de-east-1"), kUsDst, kRaw), "RES-007", {QStringLiteral("holding:src/d")});
    row("007 US data on US operator silent", doc(QString(kEuPersonal).replace(QStringLiteral("external-hsm"), QStringLiteral("customer")).replace(QStringLiteral("origin: EU"), QStringLiteral("origin: US")), QStringLiteral("kind: database, location: aws:us-east-1"), kUsDst, kRaw), "RES-007", none);
    // RES-008: unknown residency.
    row("008 unknown holder and flow fire", doc(kEuPersonal, QStringLiteral("kind: storage, location: unknown"), kUsDst, kRaw), "RES-008", {QStringLiteral("flow:f"), QStringLiteral("workload:src")});
    row("008 global end fires", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: analytics, location: aws:global"), kRaw), "RES-008", {QStringLiteral("flow:f"), QStringLiteral("workload:dst")});
    row("008 known residency silent", doc(kEuPersonal, kEuSrc, kUsDst, kRaw), "RES-008", none);
    // RES-009: external or export.
    row("009 external basis none fires", doc(kEuPersonal, kEuSrc, kUsDst + QStringLiteral(", external: true"), kRaw), "RES-009", flowF);
    row("009 export basis none fires", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: storage, location: aws:eu-west-1"), QStringLiteral("carries: [d], purpose: export")), "RES-009", flowF);
    row("009 external with contract silent", doc(kEuPersonal, kEuSrc, kUsDst + QStringLiteral(", external: true"), kRaw + QStringLiteral(", basis: contract")), "RES-009", none);
    row("009 external operational silent", doc(QStringLiteral("classification: operational, categories: [metrics], origin: EU, retention_days: 1"), kEuSrc, kUsDst + QStringLiteral(", external: true"), kRaw), "RES-009", none);
    // RES-010: access.
    const QString access = QStringLiteral("access:\n  - {id: a, role: ds, from: %1, to: src, datasets: [d], basis: %2}\n");
    row("010 access from US fires", doc(kEuPersonal, kEuSrc, kUsDst, kRaw, access.arg(QStringLiteral("US"), QStringLiteral("none"))), "RES-010", {QStringLiteral("access:a/d")});
    row("010 access from JP silent", doc(kEuPersonal, kEuSrc, kUsDst, kRaw, access.arg(QStringLiteral("JP"), QStringLiteral("none"))), "RES-010", none);
    row("010 access with scc silent", doc(kEuPersonal, kEuSrc, kUsDst, kRaw, access.arg(QStringLiteral("US"), QStringLiteral("scc"))), "RES-010", none);
    row("010 access false adequacy claim fires", doc(kEuPersonal, kEuSrc, kUsDst, kRaw, access.arg(QStringLiteral("US"), QStringLiteral("adequacy"))), "RES-010", {QStringLiteral("access:a/d")});
    row("010 access from home silent", doc(kEuPersonal, kEuSrc, kUsDst, kRaw, access.arg(QStringLiteral("FR"), QStringLiteral("none"))), "RES-010", none);
    // RES-011: model updates.
    const QString grads = QStringLiteral("carries: [d], purpose: training, form: gradients");
    row("011 gradients abroad fire", doc(kEuPersonal, kEuSrc, kUsDst, grads), "RES-011", flowF);
    row("011 secure aggregation alone fires", doc(kEuPersonal, kEuSrc, kUsDst, grads + QStringLiteral(", protections: [secure_aggregation]")), "RES-011", flowF);
    row("011 differential privacy silent", doc(kEuPersonal, kEuSrc, kUsDst, grads + QStringLiteral(", protections: [secure_aggregation, differential_privacy]")), "RES-011", none);
    row("011 weights in jurisdiction silent", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: model_registry, location: gcp:eu"), QStringLiteral("carries: [d], form: model_weights")), "RES-011", none);
    // RES-012 (revision 2b): restricted data on an unencrypted flow, per dataset, border or not.
    row("012 unencrypted across border fires", doc(kEuPersonal, kEuSrc, kUsDst, kRaw + QStringLiteral(", encrypted: false")), "RES-012", flowF);
    row("012 encryption unknown silent", doc(kEuPersonal, kEuSrc, kUsDst, kRaw), "RES-012", none);
    row("012 same country fires", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: analytics, location: gcp:europe-west3"), kRaw + QStringLiteral(", encrypted: false")), "RES-012", flowF);
    row("012 EU border fires", doc(kEuPersonal, kEuSrc, QStringLiteral("kind: analytics, location: azure:westeurope"), kRaw + QStringLiteral(", encrypted: false")), "RES-012", flowF);
    // RES-013: retention.
    row("013 restricted without retention fires", doc(QStringLiteral("classification: restricted, categories: [personal], origin: EU"), kEuSrc, kUsDst, kRaw), "RES-013", {QStringLiteral("dataset:d/d")});
    row("013 public without retention silent", doc(QStringLiteral("classification: public, categories: [public_web]"), kEuSrc, kUsDst, kRaw), "RES-013", none);
    // RES-014: business secrets to an external party abroad.
    const QString contracts = QStringLiteral("classification: sensitive, categories: [contracts], origin: EU, retention_days: 1");
    row("014 contracts to external abroad fire", doc(contracts, kEuSrc, kUsDst + QStringLiteral(", external: true"), kRaw), "RES-014", flowF);
    row("014 contracts to external at home silent", doc(contracts, kEuSrc, QStringLiteral("kind: saas, location: aws:eu-west-1, external: true"), kRaw), "RES-014", none);
    row("014 contracts to own workload abroad silent", doc(contracts, kEuSrc, kUsDst, kRaw), "RES-014", none);
}

void TestPolicyEngine::rules()
{
    QFETCH(QString, inventory);
    QFETCH(QString, rule);
    QFETCH(QStringList, expected);
    QCOMPARE(findingsFor(inventory, rule), expected);
}

void TestPolicyEngine::waiverByDate_data()
{
    QTest::addColumn<QDate>("asOf");
    QTest::addColumn<QString>("status");
    QTest::newRow("day before expiry") << QDate(2027, 6, 29) << QStringLiteral("flow:f/d waived");
    QTest::newRow("on expiry") << QDate(2027, 6, 30) << QStringLiteral("flow:f/d waived");
    QTest::newRow("day after expiry") << QDate(2027, 7, 1) << QStringLiteral("flow:f/d waiver-expired");
}

void TestPolicyEngine::waiverByDate()
{
    QFETCH(QDate, asOf);
    QFETCH(QString, status);
    const QString inv = doc(kEuPersonal, kEuSrc, kUsDst, kRaw,
                            QStringLiteral("waivers:\n  - {rule: RES-001, subject: f, reason: SCCs being signed, approved_by: dpo@x.example, expires: 2027-06-30}\n"));
    QCOMPARE(findingsFor(inv, QStringLiteral("RES-001"), asOf), QStringList{status});
}

void TestPolicyEngine::evidenceNamesEveryFactRead()
{
    auto loaded = test::load({{"case.yaml", qPrintable(doc(kEuPersonal, kEuSrc, kUsDst, kRaw + QStringLiteral(", basis: adequacy")))}});
    QVERIFY(loaded);
    auto packs = loadPolicies({}, test::catalog());
    QVERIFY(packs);
    const PolicyFacts facts = derivePolicyFacts(test::catalog(), loaded->inventory);
    const auto findings = evaluatePolicies(*packs->rules, facts);
    const auto it = std::find_if(findings.begin(), findings.end(), [](const Finding &f) { return f.rule == u"RES-001"; });
    QVERIFY(it != findings.end());
    QMap<QString, QString> evidence;
    for (const Evidence &e : it->evidence)
        evidence.insert(e.path, e.value);
    QCOMPARE(evidence.value(QStringLiteral("dataset.classification")), QStringLiteral("restricted"));
    QCOMPARE(evidence.value(QStringLiteral("flow.personal_form")), QStringLiteral("true"));
    QCOMPARE(evidence.value(QStringLiteral("flow.leaves_origin")), QStringLiteral("true"));
    QCOMPARE(evidence.value(QStringLiteral("flow.basis")), QStringLiteral("adequacy"));
    QCOMPARE(evidence.value(QStringLiteral("flow.destination_adequate")),
             QStringLiteral("false (US is adequate for EU only for recipients certified dpf; the destination is not)"));
    // Revision 2: the inventory's `basis: adequacy` is quoted as a claim that does not hold.
    QCOMPARE(it->message, QStringLiteral("d (restricted, origin EU) moves raw from src [EU] to dst [US]; the flow claims adequacy, "
                                         "which does not hold for US (see the evidence)"));
    QCOMPARE(it->source.line, 9u);
    QCOMPARE(it->patterns, (QStringList{QStringLiteral("D"), QStringLiteral("A"), QStringLiteral("B")}));
    QCOMPARE(it->actions.value(0), QStringLiteral("Remove the adequacy claim from flow f: US is not adequate for EU "
                                                  "(see flow.destination_adequate in the evidence)"));
    QCOMPARE(it->references, (QStringList{QStringLiteral("GDPR Art. 44-49"), QStringLiteral("EDPB Recommendations 01/2020 (supplementary measures)"),
                                          QStringLiteral("GDPR Recital 26 (pseudonymised data is personal data)")}));
}

void TestPolicyEngine::adequacyReasons_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<QString>("destination");
    QTest::addColumn<int>("adequate");
    QTest::addColumn<QString>("reason");
    QTest::newRow("allowlist partial JP") << QStringLiteral("EU") << QStringLiteral("JP") << 1 << QStringLiteral("partial adequacy");
    QTest::newRow("allowlist listed BR") << QStringLiteral("EU") << QStringLiteral("BR") << 1 << QStringLiteral("adequacy list");
    QTest::newRow("allowlist not listed IN") << QStringLiteral("EU") << QStringLiteral("IN") << 0 << QStringLiteral("not on EU's adequacy list");
    QTest::newRow("open US") << QStringLiteral("US") << QStringLiteral("CN") << 1 << QStringLiteral("open transfer regime");
    QTest::newRow("negative list IN") << QStringLiteral("IN") << QStringLiteral("CN") << 1 << QStringLiteral("not on IN's restricted list");
    QTest::newRow("approval CN") << QStringLiteral("CN") << QStringLiteral("EU") << 0 << QStringLiteral("requires approval");
    QTest::newRow("Russia: Convention 108 party") << QStringLiteral("RU") << QStringLiteral("EU") << 1 << QStringLiteral("on RU's adequacy list");
    QTest::newRow("Russia: neither list") << QStringLiteral("RU") << QStringLiteral("US") << 0 << QStringLiteral("not on RU's adequacy list");
    QTest::newRow("allowlist JP to EU") << QStringLiteral("JP") << QStringLiteral("EU") << 1 << QStringLiteral("on JP's adequacy list");
    QTest::newRow("allowlist JP to US") << QStringLiteral("JP") << QStringLiteral("US") << 0 << QStringLiteral("not on JP's adequacy list");
    // Revision 2: a regime the catalog lacks is unknown, not "not adequate".
    QTest::newRow("not catalogued UY") << QStringLiteral("UY") << QStringLiteral("EU") << -1 << QStringLiteral("transfer regime of UY not catalogued");
    QTest::newRow("unverified fact says so") << QStringLiteral("JP") << QStringLiteral("UK") << 1 << QStringLiteral("[catalog fact not verified]");
    QTest::newRow("unknown destination") << QStringLiteral("EU") << QStringLiteral("") << -1 << QStringLiteral("unknown");
    QTest::newRow("same jurisdiction") << QStringLiteral("UK") << QStringLiteral("UK") << 1 << QStringLiteral("same jurisdiction");
}

void TestPolicyEngine::adequacyReasons()
{
    QFETCH(QString, origin);
    QFETCH(QString, destination);
    QFETCH(int, adequate);
    QFETCH(QString, reason);
    const AdequacyVerdict v = destinationAdequacy(test::catalog(), origin, destination, CertificationSet{});
    QCOMPARE(int(v.adequate), adequate);
    QVERIFY2(v.reason.contains(reason), qPrintable(v.reason));
}

// Revision 2: a finding cites the law of its origin; EDPB documents only for EEA origins; no law
// of a jurisdiction the finding does not involve.
void TestPolicyEngine::referencesNameTheOriginsLaw_data()
{
    QTest::addColumn<QString>("origin");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QStringList>("references");
    QTest::newRow("EU to US") << QStringLiteral("EU") << QStringLiteral("aws:eu-central-1") << QStringLiteral("RES-001")
                              << QStringList{QStringLiteral("GDPR Art. 44-49"), QStringLiteral("EDPB Recommendations 01/2020 (supplementary measures)"),
                                             QStringLiteral("GDPR Recital 26 (pseudonymised data is personal data)")};
    QTest::newRow("JP to US") << QStringLiteral("JP") << QStringLiteral("aws:ap-northeast-1") << QStringLiteral("RES-001")
                              << QStringList{QStringLiteral("APPI Art. 28")};
    QTest::newRow("CN to US") << QStringLiteral("CN") << QStringLiteral("aws:cn-north-1") << QStringLiteral("RES-001")
                              << QStringList{QStringLiteral("PIPL Art. 38-40")};
    QTest::newRow("UK to US") << QStringLiteral("UK") << QStringLiteral("aws:eu-west-2") << QStringLiteral("RES-001")
                              << QStringList{QStringLiteral("UK GDPR Art. 44-49")};
    QTest::newRow("CN held abroad by a US operator") << QStringLiteral("CN") << QStringLiteral("azure:westeurope") << QStringLiteral("RES-007")
                                              << QStringList{QStringLiteral("CLOUD Act (18 U.S.C. § 2713)"),
                                                             QStringLiteral("PIPL Art. 41 and Data Security Law Art. 36 (no disclosure to foreign authorities without PRC approval)")};
    QTest::newRow("uncatalogued UY cites nothing") << QStringLiteral("UY") << QStringLiteral("UY") << QStringLiteral("RES-016") << QStringList{};
}

void TestPolicyEngine::referencesNameTheOriginsLaw()
{
    QFETCH(QString, origin);
    QFETCH(QString, source);
    QFETCH(QString, rule);
    QFETCH(QStringList, references);
    const QString dataset = QStringLiteral("classification: restricted, categories: [personal], origin: %1, retention_days: 365, consent: {training: true}").arg(origin);
    auto loaded = test::load({{"case.yaml", qPrintable(doc(dataset, QStringLiteral("kind: storage, location: ") + source, kUsDst, kRaw))}});
    QVERIFY(loaded);
    auto packs = loadPolicies({}, test::catalog());
    QVERIFY(packs);
    const PolicyFacts facts = derivePolicyFacts(test::catalog(), loaded->inventory);
    const auto findings = evaluatePolicies(*packs->rules, facts);
    const auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding &f) { return f.rule == rule; });
    QVERIFY2(it != findings.end(), qPrintable(rule + QStringLiteral(" did not fire")));
    QCOMPARE(it->references, references);
    for (const Finding &f : findings) {
        if (origin == u"EU" || origin == u"UK")
            continue;
        const QString all = f.references.join(u'|');
        QVERIFY2(!all.contains(u"GDPR") && !all.contains(u"EDPB"), qPrintable(f.rule + QStringLiteral(": ") + all));
    }
}

void TestPolicyEngine::lineage()
{
    // d: held at src, flows src → a → b (carrying d), and c → b carries only ops: c is not reached.
    const QString inv = doc(kEuPersonal, kEuSrc, kUsDst, kRaw,
                            QStringLiteral("  - {id: g, from: dst, to: b, carries: [d], form: features}\n"
                                           "  - {id: h, from: c, to: b, carries: [ops]}\n"))
                            .replace(QStringLiteral("flows:"), QStringLiteral("  - {id: b, kind: training, location: aws:ap-south-1}\n"
                                                                              "  - {id: c, kind: storage, location: aws:sa-east-1, holds: [ops]}\nflows:"));
    auto loaded = test::load({{"lineage.yaml", qPrintable(inv)}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    const PolicyFacts facts = derivePolicyFacts(test::catalog(), loaded->inventory);
    QStringList reaches;
    for (std::uint32_t s : facts.datasets[0].reaches)
        reaches << facts.symbols.name(s);
    reaches.sort();
    QCOMPARE(reaches, (QStringList{QStringLiteral("EU"), QStringLiteral("IN"), QStringLiteral("US"), QStringLiteral("b"),
                                   QStringLiteral("dst"), QStringLiteral("src")}));
}

QTEST_GUILESS_MAIN(TestPolicyEngine)
#include "tst_policyengine.moc"

// Evaluating the second half of the flows on another core changes nothing: on the sample, every
// finding (its order, text, evidence and status) is the one a single thread writes.
void TestPolicyEngine::twoCoresFindTheSame()
{
    QFile file(QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    auto loaded = test::load({{"northwind-ai.yaml", text.constData()}});
    QVERIFY(loaded);
    auto packs = loadPolicies({}, test::catalog());
    QVERIFY(packs);
    const PolicyFacts facts = derivePolicyFacts(test::catalog(), loaded->inventory);
    auto written = [&](std::uint32_t parallelFrom) {
        EvaluationOptions options;
        options.asOf = QDate(2026, 11, 28);
        options.parallelFromFlows = parallelFrom;
        QStringList out;
        for (const Finding &f : evaluatePolicies(*packs->rules, facts, options)) {
            QStringList evidence;
            for (const Evidence &e : f.evidence)
                evidence << e.path + u'=' + e.value;
            out << QStringList{f.rule, subjectKindName(f.subjectKind), f.subjectId, f.dataset, f.message, evidence.join(u';'),
                               f.actions.join(u';'), f.references.join(u';'), findingStatusName(f.status)}.join(u'|');
        }
        return out;
    };
    const QStringList single = written(std::numeric_limits<std::uint32_t>::max());
    QVERIFY(single.size() > 50);
    QVERIFY(loaded->inventory.flows.size() > 2);
    QCOMPARE(written(2), single);
}
