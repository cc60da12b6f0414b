// The rule compiler: malformed packs report each error at its position; params override in
// pack order; disable lists; the built-in pack compiles and covers RES-001..RES-015.
#include "policyimporter.h"
#include "policyengine.h"
#include "testsupport.h"

using namespace atlas;

namespace {
QString rule(const QString &body)
{
    return QStringLiteral("pack: user\nversion: 1\nrules:\n  - id: U-001\n    title: t\n    severity: high\n") + body;
}
} // namespace

class TestPolicyPack : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void builtinPack();
    void malformed_data();
    void malformed();
    void brokenFixtureReportsEveryError();
    void duplicateRuleAcrossPacks();
    void paramsOverrideInPackOrder();
    void disableList();
    void unknownInListsAndClauseMessages();
};

void TestPolicyPack::builtinPack()
{
    auto packs = loadPolicies({}, test::catalog());
    QVERIFY2(packs, qPrintable(test::errors(packs)));
    QStringList ids;
    for (const CompiledRule &r : packs->rules->rules) {
        ids << r.id;
        QVERIFY(!r.title.isEmpty());
        // Revision 2: every clause says what to do; patterns only where patterns.md treats the
        // rule's subject, and never for retention, encryption or a review.
        for (const RuleClause &c : r.clauses) {
            QVERIFY(!c.message.empty());
            QVERIFY2(!c.actions.empty(), qPrintable(r.id + QStringLiteral(" has a clause without actions")));
        }
        const bool noPatterns = QStringList{QStringLiteral("RES-005"), QStringLiteral("RES-012"), QStringLiteral("RES-013"),
                                            QStringLiteral("RES-015"), QStringLiteral("RES-017"), QStringLiteral("RES-020")}.contains(r.id);
        QCOMPARE(r.patterns.isEmpty(), noPatterns);
        for (const QString &p : r.patterns)
            QVERIFY(isPatternLetter(p));
    }
    QStringList expected;
    for (int i = 1; i <= 20; ++i)
        expected << QStringLiteral("RES-%1").arg(i, 3, 10, QLatin1Char('0'));
    QCOMPARE(ids, expected);
    // Per-flow where the clause reads no dataset: RES-008's flow clause and RES-020.
    for (const CompiledRule &r : packs->rules->rules)
        for (const RuleClause &c : r.clauses)
            if (c.kind == SubjectKind::Flow)
                QCOMPARE(c.perDataset, !(r.id == u"RES-008" || r.id == u"RES-020"));
}

void TestPolicyPack::malformed_data()
{
    QTest::addColumn<QString>("pack");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    auto row = [](const char *name, const QString &pack, int line, int column, const char *message) {
        QTest::newRow(name) << pack << line << column << QString::fromUtf8(message);
    };
    row("unknown path", rule(QStringLiteral("    on: flow\n    where: { flow.colour: red }\n    message: x\n")), 8, 14, "unknown path 'flow.colour' for subject kind flow");
    row("path of another kind", rule(QStringLiteral("    on: workload\n    where: { flow.form: raw }\n    message: x\n")), 8, 14, "unknown path 'flow.form' for subject kind workload");
    row("unknown operator", rule(QStringLiteral("    on: dataset\n    where: { dataset.retention_days: { above: 3 } }\n    message: x\n")), 8, 40, "unknown operator 'above'");
    row("unknown param", rule(QStringLiteral("    on: dataset\n    where: { dataset.retention_days: { gt: $nope } }\n    message: x\n")), 8, 44, "unknown parameter $nope");
    row("enum value", rule(QStringLiteral("    on: flow\n    where: { flow.form: encrypted }\n    message: x\n")), 8, 25, "invalid value 'encrypted' for flow.form; allowed: raw,");
    row("enum value in list", rule(QStringLiteral("    on: flow\n    where: { flow.purpose: { in: [training, debugging] } }\n    message: x\n")), 8, 45, "invalid value 'debugging' for flow.purpose");
    row("bool value", rule(QStringLiteral("    on: flow\n    where: { flow.encrypted: yes }\n    message: x\n")), 8, 30, "invalid value 'yes' for flow.encrypted; allowed: true, false");
    row("unknown jurisdiction", rule(QStringLiteral("    on: flow\n    where: { destination.location.jurisdiction: EUR }\n    message: x\n")), 8, 49, "invalid value 'EUR' for destination.location.jurisdiction");
    row("gt on a boolean", rule(QStringLiteral("    on: flow\n    where: { flow.encrypted: { gt: 1 } }\n    message: x\n")), 8, 32, "'gt' compares numbers");
    row("contains on a scalar", rule(QStringLiteral("    on: flow\n    where: { flow.form: { contains_any: [raw] } }\n    message: x\n")), 8, 27, "'contains_any' needs a list-valued path");
    row("in on a number", rule(QStringLiteral("    on: flow\n    where: { flow.volume_gb_per_day: { in: [40] } }\n    message: x\n")), 8, 40, "'in' compares whole values");
    row("list without operator", rule(QStringLiteral("    on: flow\n    where: { flow.form: [raw, features] }\n    message: x\n")), 8, 25, "a list needs an operator");
    row("severity", QStringLiteral("pack: user\nversion: 1\nrules:\n  - id: U-001\n    title: t\n    severity: urgent\n    on: flow\n    where: { flow.form: raw }\n    message: x\n"), 6, 15, "invalid value 'urgent' for 'severity'");
    row("missing title", QStringLiteral("pack: user\nrules:\n  - id: U-001\n    severity: low\n    on: flow\n    where: { flow.form: raw }\n    message: x\n"), 3, 5, "missing required field 'title'");
    row("subject kind", rule(QStringLiteral("    on: region\n    where: { flow.form: raw }\n    message: x\n")), 7, 9, "invalid value 'region' for 'on'");
    row("on and match", rule(QStringLiteral("    on: flow\n    where: { flow.form: raw }\n    match: [{on: flow, where: {flow.form: raw}}]\n    message: x\n")), 4, 5, "either 'on' + 'where' or 'match'");
    row("remediation list", rule(QStringLiteral("    on: flow\n    where: { flow.form: raw }\n    message: x\n    remediation: [A, E]\n")), 10, 22, "invalid value 'E' for 'patterns'");
    row("pattern", rule(QStringLiteral("    on: flow\n    where: { flow.form: raw }\n    message: x\n    remediation: { actions: [do it], patterns: [Z] }\n")), 10, 49, "invalid value 'Z' for 'patterns'; allowed: A — local data, global model");
    row("remediation field", rule(QStringLiteral("    on: flow\n    where: { flow.form: raw }\n    message: x\n    remediation: { steps: [do it] }\n")), 10, 20, "unknown field 'steps' in remediation; allowed: actions, patterns");
    row("action placeholder", rule(QStringLiteral("    on: flow\n    where: { flow.form: raw }\n    message: x\n    remediation: { actions: [\"fix {flow.colour}\"] }\n")), 10, 0, "placeholder {flow.colour} is not a path of a flow");
    row("reference origin", rule(QStringLiteral("    on: flow\n    where: { flow.form: raw }\n    message: x\n    references: [{cite: GDPR, origin: EUR}]\n")), 10, 39, "invalid value 'EUR' for 'origin'");
    row("reference field", rule(QStringLiteral("    on: flow\n    where: { flow.form: raw }\n    message: x\n    references: [{cite: GDPR, when: EU}]\n")), 10, 31, "unknown field 'when' in a reference");
    row("match clause field", rule(QStringLiteral("    match:\n      - on: flow\n        where: { flow.form: raw }\n        fix: x\n    message: x\n")), 10, 9, "unknown field 'fix' in a match clause; allowed: on, where, message, actions");
    row("unknown rule field", rule(QStringLiteral("    on: flow\n    where: { flow.form: raw }\n    message: x\n    colour: red\n")), 10, 5, "unknown field 'colour' in rule");
    row("placeholder", rule(QStringLiteral("    on: flow\n    where: { flow.form: raw }\n    message: \"{flow.colour}\"\n")), 9, 0, "placeholder {flow.colour} is not a path of a flow");
    row("dataset placeholder per flow", rule(QStringLiteral("    on: flow\n    where: { flow.encrypted: false }\n    message: \"{dataset.id}\"\n")), 9, 0, "evaluated per flow");
    row("exists needs a boolean", rule(QStringLiteral("    on: dataset\n    where: { dataset.redacted: { exists: maybe } }\n    message: x\n")), 8, 42, "'exists' takes true or false");
    row("empty all", rule(QStringLiteral("    on: dataset\n    where: { all: [] }\n    message: x\n")), 8, 19, "'all' takes a non-empty list");
    row("pack version", QStringLiteral("pack: user\nversion: 2\nrules: []\n"), 2, 10, "unsupported pack version");
    row("yaml syntax", QStringLiteral("pack: user\nrules: [\n"), 3, 1, "YAML syntax error");
    row("not a pack", QStringLiteral("- just\n- a list\n"), 1, 1, "a policy pack is a mapping");
}

void TestPolicyPack::malformed()
{
    QFETCH(QString, pack);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    auto loaded = loadPolicyTexts({{QStringLiteral("user.yaml"), pack.toStdString()}}, test::catalog());
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().size(), 1);
    const Diagnostic &d = loaded.error().front();
    QVERIFY2(d.message.contains(message), qPrintable(d.toString()));
    QCOMPARE(d.file, QStringLiteral("user.yaml"));
    QCOMPARE(int(d.line), line);
    QCOMPARE(int(d.column), column);
}

void TestPolicyPack::brokenFixtureReportsEveryError()
{
    const QString path = QStringLiteral(ATLAS_TEST_DATA "/policies/broken/several-errors.yaml");
    auto loaded = loadPolicies({path}, test::catalog());
    QVERIFY(!loaded);
    QStringList positions;
    for (const Diagnostic &d : loaded.error())
        positions << QStringLiteral("%1:%2").arg(d.line).arg(d.column);
    QCOMPARE(positions, (QStringList{QStringLiteral("11:14"), QStringLiteral("17:40"), QStringLiteral("25:41"),
                                     QStringLiteral("26:35"), QStringLiteral("30:15"), QStringLiteral("32:14")}));
}

void TestPolicyPack::duplicateRuleAcrossPacks()
{
    const std::string user = "pack: user\nrules:\n  - id: RES-001\n    title: t\n    severity: low\n    on: flow\n    where: {flow.form: raw}\n    message: x\n";
    QFile builtin(builtinPackPath());
    QVERIFY(builtin.open(QIODevice::ReadOnly));
    auto loaded = loadPolicyTexts({{QStringLiteral("builtin.yaml"), builtin.readAll().toStdString()}, {QStringLiteral("user.yaml"), user}}, test::catalog());
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().size(), 1);
    QCOMPARE(loaded.error().front().file, QStringLiteral("user.yaml"));
    QCOMPARE(loaded.error().front().line, 3u);
    QVERIFY(loaded.error().front().message.contains(u"rule RES-001 is defined twice (first in builtin.yaml:"));
}

void TestPolicyPack::paramsOverrideInPackOrder()
{
    const QString inv = QStringLiteral("atlas: 1\ndatasets:\n  - {id: p, classification: operational, categories: [prompts], origin: EU, retention_days: 120}\n");
    auto loaded = test::load({{"inv.yaml", qPrintable(inv)}});
    QVERIFY(loaded);
    auto count = [&](const QList<std::pair<QString, std::string>> &extra) {
        QFile builtin(builtinPackPath());
        builtin.open(QIODevice::ReadOnly);
        QList<std::pair<QString, std::string>> packs{{QStringLiteral("builtin.yaml"), builtin.readAll().toStdString()}};
        packs.append(extra);
        auto p = loadPolicyTexts(packs, test::catalog());
        if (!p)
            return -1;
        const PolicyFacts facts = derivePolicyFacts(test::catalog(), loaded->inventory);
        const auto findings = evaluatePolicies(*p->rules, facts);
        return int(std::count_if(findings.begin(), findings.end(), [](const Finding &f) { return f.rule == u"RES-005"; }));
    };
    QCOMPARE(count({}), 1); // 120 > 30
    QCOMPARE(count({{QStringLiteral("ai-act.yaml"), "pack: ai-act\nparams:\n  telemetry_max_retention_days: 183\nrules: []\n"}}), 0);
}

void TestPolicyPack::disableList()
{
    QFile builtin(builtinPackPath());
    QVERIFY(builtin.open(QIODevice::ReadOnly));
    const std::string pack = builtin.readAll().toStdString();
    auto p = loadPolicyTexts({{QStringLiteral("b.yaml"), pack}, {QStringLiteral("u.yaml"), "pack: u\ndisable: [RES-013]\nrules: []\n"}},
                             test::catalog());
    QVERIFY2(p, qPrintable(test::errors(p)));
    QCOMPARE(p->disabled, QStringList{QStringLiteral("RES-013")});
    // A typo in a disable list is an error, not a rule that silently stays on.
    auto typo = loadPolicyTexts({{QStringLiteral("b.yaml"), pack}, {QStringLiteral("u.yaml"), "pack: u\ndisable: [RES-13]\nrules: []\n"}},
                                test::catalog());
    QVERIFY(!typo);
    QCOMPARE(typo.error().front().file, QStringLiteral("u.yaml"));
    QCOMPARE(typo.error().front().line, 2u);
    QCOMPARE(typo.error().front().column, 11u);
    QVERIFY(typo.error().front().message.contains(u"'disable' names unknown rule 'RES-13'"));
}

void TestPolicyPack::unknownInListsAndClauseMessages()
{
    // `unknown` inside an `in` list matches unknown residency; every clause brings its own
    // message, so the rule needs none; $params in messages are whole tokens.
    const std::string pack = R"(pack: u
params: {x: 5, x_y: 7}
rules:
  - id: U-1
    title: t
    severity: low
    match:
      - on: workload
        where: { workload.location.jurisdiction: { in: [unknown, CN] } }
        message: "{workload.id} $x_y $x"
)";
    auto p = loadPolicyTexts({{QStringLiteral("u.yaml"), pack}}, test::catalog());
    QVERIFY2(p, qPrintable(test::errors(p)));
    auto loaded = test::load({{"i.yaml", "atlas: 1\nworkloads:\n  - {id: a, kind: storage, location: unknown}\n"
                                         "  - {id: b, kind: storage, location: aws:cn-north-1}\n  - {id: c, kind: storage, location: DE}\n"}});
    QVERIFY(loaded);
    const PolicyFacts facts = derivePolicyFacts(test::catalog(), loaded->inventory);
    const auto findings = evaluatePolicies(*p->rules, facts);
    QStringList messages;
    for (const Finding &f : findings)
        messages << f.message;
    QCOMPARE(messages, (QStringList{QStringLiteral("a 7 5"), QStringLiteral("b 7 5")}));

    // Outside location facts, `unknown` is a plain word: an access purpose of "unknown" matches,
    // an absent purpose does not.
    const std::string words = R"(pack: w
rules:
  - id: W-1
    title: t
    severity: low
    on: access
    where: { access.purpose: unknown }
    message: "{access.id}"
)";
    auto w = loadPolicyTexts({{QStringLiteral("w.yaml"), words}}, test::catalog());
    QVERIFY2(w, qPrintable(test::errors(w)));
    auto inv = test::load({{"a.yaml", "atlas: 1\ndatasets: [{id: d, classification: public}]\nworkloads: [{id: x, kind: storage, location: DE}]\n"
                                      "access:\n  - {id: said, role: r, from: FR, to: x, datasets: [d], purpose: unknown}\n"
                                      "  - {id: silent, role: r, from: FR, to: x, datasets: [d]}\n"}});
    QVERIFY(inv);
    const PolicyFacts wf = derivePolicyFacts(test::catalog(), inv->inventory);
    const auto found = evaluatePolicies(*w->rules, wf);
    QCOMPARE(found.size(), std::size_t(1));
    QCOMPARE(found.front().subjectId, QStringLiteral("said"));
}

QTEST_GUILESS_MAIN(TestPolicyPack)
#include "tst_policypack.moc"
