// End to end: runs the built `residency-atlas` binary and compares its output with golden files
// and its exit code with the contract (0 clean, 2 bad input). ATLAS_UPDATE_GOLDEN=1 rewrites the
// golden files (review the diff before committing).
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QTest>

namespace {

// The binary run from the source tree: its exit code and stdout.
std::pair<int, QByteArray> runBinary(const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(QStringLiteral(ATLAS_SOURCE_DIR));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("detect_leaks=0"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(ATLAS_BINARY), args);
    process.waitForFinished(60000);
    return {process.exitCode(), process.readAllStandardOutput()};
}

// `graph` on the sample with `args`, headless: no display, no platform chosen (the binary picks
// offscreen itself). Its exit code (-1 when it did not finish) and stderr.
std::pair<int, QString> runGraphHeadless(const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(QStringLiteral(ATLAS_SOURCE_DIR));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("detect_leaks=0"));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(ATLAS_BINARY), QStringList{QStringLiteral("graph"), QStringLiteral("resources/samples/northwind-ai.yaml")} + args);
    if (!process.waitForFinished(120000))
        return {-1, QString::fromUtf8(process.readAllStandardError())};
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void run_data();
    void run();
    void graphExports_data();
    void graphExports();
    void graphOverviewExports_data();
    void graphOverviewExports();
    void importOutFollowsExtension();
    void simulateOutWritesScenarios();
};

void TestCli::run_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("goldenStdout");   // file under tests/data/cli, or empty
    QTest::addColumn<QString>("stdoutContains");
    QTest::addColumn<QString>("stderrContains");

    const QString sample = QStringLiteral("resources/samples/northwind-ai.yaml");
    const QString broken = QStringLiteral("tests/data/inventory/broken/");
    auto add = [](const char *name, QStringList args, int exit, const char *golden, const char *out, const char *err) {
        QTest::newRow(name) << args << exit << QString::fromUtf8(golden) << QString::fromUtf8(out) << QString::fromUtf8(err);
    };
    add("inventory json", {QStringLiteral("inventory"), sample, QStringLiteral("--format"), QStringLiteral("json")}, 0,
        "sample-inventory.json", "", "");
    const QString awsEu = QStringLiteral("tests/data/import/aws-config/123456789012_Config_eu-central-1_ConfigSnapshot_20261101T000000Z_0b7c.json");
    const QString awsUs = QStringLiteral("tests/data/import/aws-config/123456789012_Config_us-east-1_ConfigSnapshot_20261101T000000Z_4e1a.json.gz");
    const QString azure = QStringLiteral("tests/data/import/azure/az-resource-list.json");
    // The imported inventory on stdout (golden), the report on stderr.
    add("import aws config to stdout", {QStringLiteral("import"), awsEu, awsUs, QStringLiteral("--out"), QStringLiteral("-")}, 0,
        "import-aws-config.yaml", "", "result: 11 workloads, 7 datasets, 2 flows");
    add("import report json", {QStringLiteral("import"), azure, QStringLiteral("--format"), QStringLiteral("json")}, 0,
        "import-azure-report.json", "", "");
    add("import broken", {QStringLiteral("import"), QStringLiteral("tests/data/import/broken/truncated.json"), QStringLiteral("--out"), QStringLiteral("/tmp/never.yaml")}, 2,
        "", "", "1 error(s); nothing imported, nothing written.");
    add("import forced wrong format", {QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("terraform"), azure}, 2,
        "", "", "not a Terraform state");
    add("import unknown format", {QStringLiteral("import"), QStringLiteral("--from"), QStringLiteral("cloudformation"), azure}, 2,
        "", "", "unknown format 'cloudformation' for --from");
    add("import list kinds", {QStringLiteral("import"), QStringLiteral("--list-kinds")}, 0, "", "AWS::S3::Bucket\tstorage", "");
    add("import bad mapping", {QStringLiteral("import"), azure, QStringLiteral("--mapping"), QStringLiteral("tests/data/import/mapping/bad-mapping.yaml")}, 2,
        "", "", "bad-mapping.yaml:2:17: error: invalid origin 'Atlantis'");
    add("check export", {QStringLiteral("check"), azure, QStringLiteral("--fail-on"), QStringLiteral("critical")}, 1,
        "", "RES-001", "");
    add("inventory text", {QStringLiteral("inventory"), sample}, 0, "sample-inventory.txt", "", "");
    add("inventory several errors", {QStringLiteral("inventory"), broken + QStringLiteral("several-errors.yaml")}, 2, "",
        "", "several-errors.yaml:52:9: error: access 'eu-support': 'to' names unknown workload 'crm'\n4 error(s); nothing loaded.");
    add("inventory empty file", {QStringLiteral("inventory"), broken + QStringLiteral("empty.yaml")}, 2, "", "",
        "empty.yaml: error: file is empty");
    add("inventory binary file", {QStringLiteral("inventory"), broken + QStringLiteral("binary.yaml")}, 2, "", "",
        "error: binary file");
    // A folder is read for what it holds that is recognised; one with nothing recognised is refused.
    add("inventory folder of nothing", {QStringLiteral("inventory"), QStringLiteral("tests/data/schemas")}, 2, "", "",
        "tests/data/schemas holds no cloud export or inventory");
    add("import folder", {QStringLiteral("import"), QStringLiteral("tests/data/import/aws-config")}, 0, "", "result: 16 workloads",
        "skipped tests/data/import/aws-config/README.md: not a cloud export or inventory Residency Atlas reads");
    add("import out unsupported extension", {QStringLiteral("import"), azure, QStringLiteral("--out"), QStringLiteral("estate.txt")}, 2, "", "",
        "unsupported extension '.txt' in --out estate.txt; use .yaml, .yml, .json or .ratlas");
    // Typos cannot hide data (revision 2).
    add("inventory top-level typo", {QStringLiteral("inventory"), broken + QStringLiteral("top-level-flow-typo.yaml")}, 2, "", "",
        "unknown top-level key 'flow' (did you mean 'flows'?)");
    add("inventory region typo warns", {QStringLiteral("inventory"), QStringLiteral("tests/data/inventory/warnings/region-typo.yaml")}, 0, "",
        "", "(did you mean 'aws:eu-central-1'?)");
    add("inventory strict", {QStringLiteral("inventory"), QStringLiteral("--strict"), QStringLiteral("tests/data/inventory/warnings/region-typo.yaml")}, 2, "",
        "", "(did you mean 'aws:eu-central-1'?); residency unknown [an error under --strict]");
    add("check strict", {QStringLiteral("check"), QStringLiteral("--strict"), QStringLiteral("tests/data/inventory/warnings/field-typo.yaml")}, 2, "",
        "", "[an error under --strict]");
    add("import strict", {QStringLiteral("import"), QStringLiteral("--strict"), QStringLiteral("tests/data/import/broken/unknown-region.json")}, 2, "",
        "", "[an error under --strict]");
    add("unknown command suggests", {QStringLiteral("chekc")}, 2, "", "", "unknown command 'chekc' (did you mean 'check'?)");
    add("help names the command", {QStringLiteral("check"), QStringLiteral("--help")}, 0, "", "Usage: residency-atlas check [options] INPUT...", "");
    add("help says exports are inputs", {QStringLiteral("graph"), QStringLiteral("--help")}, 0, "", "Inventory files (YAML or JSON) or cloud exports (AWS", "");
    add("inventory over size limit", {QStringLiteral("inventory"), QStringLiteral("--max-input-size"), QStringLiteral("1"),
                                      QStringLiteral("@LARGE@")}, 2, "", "",
        "error: file is too large");
    add("inventory no files", {QStringLiteral("inventory")}, 2, "", "", "no input files");
    add("inventory bad format", {QStringLiteral("inventory"), sample, QStringLiteral("--format"), QStringLiteral("xml")}, 2,
        "", "", "invalid value 'xml' for --format; allowed: text, json");
    add("inventory bad option", {QStringLiteral("inventory"), QStringLiteral("--colour"), sample}, 2, "", "",
        "Unknown option 'colour'");
    add("inventory merged as yaml", {QStringLiteral("inventory"), QStringLiteral("tests/data/inventory/clean.yaml"),
                                     QStringLiteral("--format"), QStringLiteral("yaml")}, 0, "clean-normalised.yaml", "", "");
    add("inventory help", {QStringLiteral("inventory"), QStringLiteral("--help")}, 0, "", "--max-input-size", "");
    add("catalog json", {QStringLiteral("catalog"), QStringLiteral("--format"), QStringLiteral("json"),
                         QStringLiteral("aws:eu-central-1"), QStringLiteral("gcp:europe-west3-a"),
                         QStringLiteral("aws:us-east-1-qro-1a"), QStringLiteral("gcp:eu"), QStringLiteral("aws:global"),
                         QStringLiteral("aws:eusc-de-east-1"), QStringLiteral("DE"), QStringLiteral("unknown"),
                         QStringLiteral("aws:eu-north-9")}, 0, "catalog-locations.json", "", "");
    add("catalog malformed", {QStringLiteral("catalog"), QStringLiteral("eu-central-1")}, 2, "", "",
        "invalid location reference 'eu-central-1'");
    add("catalog list jurisdictions", {QStringLiteral("catalog"), QStringLiteral("--list"), QStringLiteral("jurisdictions")}, 0,
        "", "EU  allowlist        European Economic Area (GDPR)", "");
    add("catalog list bad kind", {QStringLiteral("catalog"), QStringLiteral("--list"), QStringLiteral("planets")}, 2, "", "",
        "invalid value 'planets' for --list");
    const QString asOf = QStringLiteral("--as-of");
    const QString day = QStringLiteral("2026-11-28");
    add("check sample json", {QStringLiteral("check"), sample, QStringLiteral("--format"), QStringLiteral("json"), asOf, day}, 1,
        "sample-check.json", "", "");
    add("check sample text", {QStringLiteral("check"), sample, asOf, day}, 1, "sample-check.txt", "", "");
    add("check sample fail on critical", {QStringLiteral("check"), sample, asOf, day, QStringLiteral("--fail-on"), QStringLiteral("critical")}, 1,
        "", "FAIL: 16 open at or above critical.", "");
    add("check disable every failing rule", {QStringLiteral("check"), sample, asOf, day, QStringLiteral("--no-builtin"),
                                             QStringLiteral("--policy"), QStringLiteral("tests/data/policies/only-low.yaml")}, 0,
        "", "PASS (incomplete: 1 workload with data has unknown residency; 1 data store holds no declared dataset; "
            "transfer rules of UY not catalogued): none open at or above high", "");
    // Revision 2b's RES-007 also covers processing: clean.yaml's EU data processed on aws (HQ US)
    // is two findings now; without that rule the inventory is clean, and says so.
    add("check clean", {QStringLiteral("check"), QStringLiteral("tests/data/inventory/clean.yaml"), QStringLiteral("--fail-on"), QStringLiteral("info"),
                        QStringLiteral("--disable"), QStringLiteral("RES-007")}, 0,
        "", "0 findings: 0 open, 0 waived, 0 waiver expired.\nPASS: none open at or above info.", "");
    // Revision 2: a real export nobody tagged fails the gate instead of passing on nothing.
    const QString untagged = QStringLiteral("tests/data/check/123456789012_Config_eu-west-1_ConfigSnapshot_20261201T000000Z_untagged.json");
    add("check untagged export fails", {QStringLiteral("check"), untagged, QStringLiteral("--fail-on"), QStringLiteral("medium"), asOf, day}, 1,
        "check-untagged.txt", "", "");
    add("check untagged export json", {QStringLiteral("check"), untagged, QStringLiteral("--format"), QStringLiteral("json"), asOf, day}, 0,
        "check-untagged.json", "", "");
    add("check export of nothing is incomplete", {QStringLiteral("check"), QStringLiteral("tests/data/import/samples/driftctl-aws_lb_listener.tfstate"),
                                                  QStringLiteral("--fail-on"), QStringLiteral("info")}, 0, "",
        "PASS (incomplete: the inputs hold no workloads, so nothing was checked; 7 resources skipped by the import)", "");
    add("check bad fail-on", {QStringLiteral("check"), sample, QStringLiteral("--fail-on"), QStringLiteral("severe")}, 2, "", "",
        "invalid value 'severe' for --fail-on");
    add("check bad as-of", {QStringLiteral("check"), sample, asOf, QStringLiteral("2026-13-01")}, 2, "", "", "is not an ISO 8601 date");
    add("check broken inventory", {QStringLiteral("check"), broken + QStringLiteral("several-errors.yaml")}, 2, "", "",
        "inventory not loaded; nothing checked.");
    add("check broken pack", {QStringLiteral("check"), sample, QStringLiteral("--policy"), QStringLiteral("tests/data/policies/broken/several-errors.yaml")}, 2,
        "", "", "several-errors.yaml:11:14: error: unknown path 'flow.colour' for subject kind flow");
    add("check unknown disable", {QStringLiteral("check"), sample, QStringLiteral("--disable"), QStringLiteral("RES-999")}, 2, "", "",
        "--disable names unknown rule 'RES-999'");
    // Simulating patterns A-D (patterns.md): goldens of the exact change lists, ids and metrics.
    const QString simulate = QStringLiteral("simulate");
    const QString pattern = QStringLiteral("--pattern");
    const QString json = QStringLiteral("--format"), asJson = QStringLiteral("json");
    const QString trainingFixture = QStringLiteral("tests/data/simulate/training.yaml");
    const QString sovereignFixture = QStringLiteral("tests/data/simulate/sovereign.yaml");
    add("simulate sample all", {simulate, sample, pattern, QStringLiteral("all"), asOf, day}, 0, "simulate-sample.txt", "", "");
    add("simulate training json", {simulate, trainingFixture, pattern, QStringLiteral("A,B,D"), json, asJson, asOf, day}, 0,
        "simulate-training.json", "", "");
    add("simulate sovereign json", {simulate, sovereignFixture, pattern, QStringLiteral("C"), json, asJson, asOf, day}, 0,
        "simulate-sovereign.json", "", "");
    add("simulate nothing in scope", {simulate, trainingFixture, pattern, QStringLiteral("A"), QStringLiteral("--scope-dataset"),
                                      QStringLiteral("model-lineage")}, 0, "",
        "Nothing to treat: the scope selects no open residency finding.", "");
    add("simulate pattern applies nowhere", {simulate, sovereignFixture, pattern, QStringLiteral("B")}, 0, "",
        "changes nothing: none of the 3 findings in scope can be treated by pattern B (see not addressed)", "");
    add("simulate unknown scope id", {simulate, trainingFixture, pattern, QStringLiteral("A"), QStringLiteral("--scope-dataset"),
                                      QStringLiteral("eu-record")}, 2, "", "",
        "residency-atlas simulate: --scope-dataset 'eu-record': no dataset 'eu-record' in the inventory (did you mean 'eu-records'?)");
    add("simulate option of another pattern", {simulate, trainingFixture, pattern, QStringLiteral("A"), QStringLiteral("--option"),
                                               QStringLiteral("method=tokenise")}, 2, "", "",
        "--option 'method=tokenise': 'method' is an option of pattern D — tokenise or anonymise, then scale, which is not simulated here");
    add("simulate option wrong type", {simulate, trainingFixture, pattern, QStringLiteral("B"), QStringLiteral("--option"),
                                       QStringLiteral("rounds_per_day=often")}, 2, "", "",
        "--option 'rounds_per_day=often': 'rounds_per_day' must be a whole number of at least 1");
    add("simulate unknown option", {simulate, trainingFixture, pattern, QStringLiteral("all"), QStringLiteral("--option"),
                                    QStringLiteral("secure_agregation=false")}, 2, "", "",
        "unknown option 'secure_agregation' (did you mean 'secure_aggregation'?)");
    add("simulate bad pattern", {simulate, trainingFixture, pattern, QStringLiteral("E")}, 2, "", "",
        "invalid value 'E' for --pattern; allowed: A, B, C, D or all");
    add("simulate no pattern", {simulate, trainingFixture}, 2, "", "", "--pattern is required");
    add("simulate bad finding key", {simulate, trainingFixture, pattern, QStringLiteral("A"), QStringLiteral("--scope-finding"),
                                     QStringLiteral("RES-001/eu-to-train")}, 2, "", "", "expected RULE/KIND/SUBJECT/DATASET");
    add("simulate broken inventory", {simulate, broken + QStringLiteral("several-errors.yaml"), pattern, QStringLiteral("A")}, 2, "", "",
        "inventory not loaded; nothing simulated.");
    add("simulate help", {simulate, QStringLiteral("--help")}, 0, "", "--scope-origin <J>", "");
    add("check list paths", {QStringLiteral("check"), QStringLiteral("--list-paths")}, 0, "", "flow.destination_adequate", "");
    add("check bad format", {QStringLiteral("check"), sample, QStringLiteral("--format"), QStringLiteral("html")}, 2, "", "",
        "allowed: text, json, sarif");
    add("graph without out", {QStringLiteral("graph"), sample}, 2, "", "", "--out FILE is required (.svg, .png, .pdf or .dot)");
    add("graph bad extension", {QStringLiteral("graph"), sample, QStringLiteral("--out"), QStringLiteral("/tmp/x.jpg")}, 2, "", "",
        "unsupported extension '.jpg' in --out /tmp/x.jpg; use .svg, .png, .pdf or .dot");
    add("graph unknown dataset", {QStringLiteral("graph"), sample, QStringLiteral("--out"), QStringLiteral("/tmp/x.svg"),
                                  QStringLiteral("--dataset"), QStringLiteral("nope")}, 2, "", "", "--dataset names unknown dataset 'nope'");
    add("graph bad group", {QStringLiteral("graph"), sample, QStringLiteral("--out"), QStringLiteral("/tmp/x.svg"),
                            QStringLiteral("--group"), QStringLiteral("planet")}, 2, "", "", "invalid value 'planet' for --group");
    add("graph broken inventory", {QStringLiteral("graph"), broken + QStringLiteral("several-errors.yaml"), QStringLiteral("--out"),
                                   QStringLiteral("/tmp/x.svg")}, 2, "", "", "inventory not loaded; nothing drawn.");
    // graph judges like check (revision 2: one analysis): the same packs, disables and date.
    add("graph disable unknown rule", {QStringLiteral("graph"), sample, QStringLiteral("--out"), QStringLiteral("/tmp/x.svg"),
                                       QStringLiteral("--disable"), QStringLiteral("RES-999")}, 2, "", "",
        "residency-atlas graph: --disable names unknown rule 'RES-999'");
    add("graph bad as-of", {QStringLiteral("graph"), sample, QStringLiteral("--out"), QStringLiteral("/tmp/x.svg"),
                            QStringLiteral("--as-of"), QStringLiteral("2026-13-01")}, 2, "", "",
        "residency-atlas graph: --as-of '2026-13-01' is not an ISO 8601 date");
    add("graph broken pack", {QStringLiteral("graph"), sample, QStringLiteral("--out"), QStringLiteral("/tmp/x.svg"),
                              QStringLiteral("--policy"), QStringLiteral("tests/data/policies/broken/several-errors.yaml")}, 2, "", "",
        "policy packs not loaded; nothing drawn.");
    // Without the built-in pack there are no findings: --only-findings keeps nothing.
    add("graph no builtin only findings", {QStringLiteral("graph"), sample, QStringLiteral("--out"), QStringLiteral("/tmp/ra-nobuiltin.dot"),
                                           QStringLiteral("--no-builtin"), QStringLiteral("--only-findings")}, 0, "", "",
        "wrote /tmp/ra-nobuiltin.dot: 0 nodes (0 workloads), 0 edges (0 flows)");
    // The jurisdiction overview and its matrix (issue 18): the matrix as text is a golden.
    add("graph matrix text", {QStringLiteral("graph"), sample, QStringLiteral("--view"), QStringLiteral("matrix"), QStringLiteral("--format"),
                              QStringLiteral("text")}, 0, "sample-matrix.txt", "", "");
    add("graph matrix json", {QStringLiteral("graph"), sample, QStringLiteral("--view"), QStringLiteral("matrix"), QStringLiteral("--format"),
                              QStringLiteral("json")}, 0, "", "\"flow_ids\": [", "");
    add("graph bad view", {QStringLiteral("graph"), sample, QStringLiteral("--view"), QStringLiteral("planets"), QStringLiteral("--out"),
                           QStringLiteral("/tmp/x.svg")}, 2, "", "", "invalid value 'planets' for --view; allowed: regions, jurisdictions, matrix");
    add("graph matrix without out", {QStringLiteral("graph"), sample, QStringLiteral("--view"), QStringLiteral("matrix")}, 2, "", "",
        "--out FILE is required (.svg, .png, .pdf, .txt, .csv or .json), or --format text|json for stdout");
    add("graph format needs matrix", {QStringLiteral("graph"), sample, QStringLiteral("--view"), QStringLiteral("jurisdictions"),
                                      QStringLiteral("--format"), QStringLiteral("json")}, 2, "", "", "--format writes the matrix to stdout");
    add("graph matrix bad format", {QStringLiteral("graph"), sample, QStringLiteral("--view"), QStringLiteral("matrix"), QStringLiteral("--format"),
                                    QStringLiteral("sarif")}, 2, "", "", "invalid value 'sarif' for --format; allowed: text, json");
    add("graph overview rejects dataset", {QStringLiteral("graph"), sample, QStringLiteral("--view"), QStringLiteral("jurisdictions"),
                                           QStringLiteral("--out"), QStringLiteral("/tmp/x.svg"), QStringLiteral("--dataset"), QStringLiteral("eu-patient-records")},
        2, "", "", "--dataset applies to --view regions only");
    add("graph overview no csv", {QStringLiteral("graph"), sample, QStringLiteral("--view"), QStringLiteral("jurisdictions"),
                                  QStringLiteral("--out"), QStringLiteral("/tmp/x.csv")}, 2, "", "",
        "unsupported extension '.csv' in --out /tmp/x.csv; use .svg, .png, .pdf or .dot");
    add("graph matrix no dot", {QStringLiteral("graph"), sample, QStringLiteral("--view"), QStringLiteral("matrix"),
                                QStringLiteral("--out"), QStringLiteral("/tmp/x.dot")}, 2, "", "",
        "unsupported extension '.dot' in --out /tmp/x.dot; use .svg, .png, .pdf, .txt, .csv or .json");
    add("graph overview broken inventory", {QStringLiteral("graph"), broken + QStringLiteral("several-errors.yaml"), QStringLiteral("--view"),
                                            QStringLiteral("matrix"), QStringLiteral("--format"), QStringLiteral("text")}, 2, "", "",
        "inventory not loaded; nothing drawn.");
    add("help", {QStringLiteral("--help")}, 0, "", "inventory FILE...", "");
    add("version", {QStringLiteral("--version")}, 0, "", "residency-atlas 0.1.0", "");
    add("unknown command", {QStringLiteral("frobnicate")}, 2, "", "", "unknown command 'frobnicate'");
}

void TestCli::run()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, goldenStdout);
    QFETCH(QString, stdoutContains);
    QFETCH(QString, stderrContains);

    QTemporaryDir temp;
    for (QString &a : args) {
        if (a != u"@LARGE@")
            continue;
        // 1.5 MiB of valid YAML: refused by --max-input-size 1 before it is read.
        a = temp.filePath(QStringLiteral("large.yaml"));
        QFile large(a);
        QVERIFY(large.open(QIODevice::WriteOnly));
        large.write("atlas: 1\n");
        large.write(QByteArray(1536 * 1024, '#'));
    }
    QProcess process;
    process.setWorkingDirectory(QStringLiteral(ATLAS_SOURCE_DIR));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ASAN_OPTIONS"), QStringLiteral("detect_leaks=0"));
    env.remove(QStringLiteral("DISPLAY"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(ATLAS_BINARY), args);
    QVERIFY(process.waitForFinished(60000));
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    if (process.exitCode() != exitCode)
        qWarning("stderr: %s", qPrintable(err));
    QCOMPARE(process.exitCode(), exitCode);
    if (!goldenStdout.isEmpty()) {
        QFile golden(QStringLiteral(ATLAS_TEST_DATA "/cli/") + goldenStdout);
        if (qEnvironmentVariableIsSet("ATLAS_UPDATE_GOLDEN")) {
            QVERIFY(golden.open(QIODevice::WriteOnly));
            golden.write(out.toUtf8());
        } else {
            QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
            QCOMPARE(out, QString::fromUtf8(golden.readAll()));
        }
    }
    if (!stdoutContains.isEmpty())
        QVERIFY2(out.contains(stdoutContains), qPrintable(out.left(2000)));
    if (!stderrContains.isEmpty())
        QVERIFY2(err.contains(stderrContains), qPrintable(err));
    if (exitCode == 0 && stdoutContains.isEmpty() && goldenStdout.isEmpty() && stderrContains.isEmpty())
        QVERIFY(err.isEmpty() || err.contains(u"warning"));
}

void TestCli::graphExports_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("extra");
    QTest::newRow("svg") << QStringLiteral("map.svg") << QStringList{};
    QTest::newRow("png") << QStringLiteral("map.png") << QStringList{};
    QTest::newRow("pdf") << QStringLiteral("map.pdf") << QStringList{QStringLiteral("--group"), QStringLiteral("country")};
    QTest::newRow("dot") << QStringLiteral("map.dot") << QStringList{};
    QTest::newRow("dot lineage") << QStringLiteral("lineage.dot") << QStringList{QStringLiteral("--dataset"), QStringLiteral("eu-patient-records")};
    QTest::newRow("dot collapsed") << QStringLiteral("collapsed.dot") << QStringList{QStringLiteral("--collapse-above"), QStringLiteral("10")};
}

void TestCli::graphExports()
{
    // Headless: no display, the binary picks the offscreen platform itself.
    QFETCH(QString, file);
    QFETCH(QStringList, extra);
    QTemporaryDir dir;
    const QString out = dir.filePath(file);
    const auto [exitCode, err] = runGraphHeadless(QStringList{QStringLiteral("--out"), out} + extra);
    QCOMPARE(exitCode, 0);
    // stderr is for the user's input: no Qt or Graphviz chatter.
    QVERIFY2(!err.contains(u"XDG_RUNTIME_DIR") && !err.contains(u"too small") && !err.contains(u"Warning:"), qPrintable(err));
    QFile f(out);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(err));
    const QByteArray bytes = f.readAll();
    if (file.endsWith(u".svg")) {
        QXmlStreamReader xml(bytes);
        int texts = 0;
        while (!xml.atEnd())
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == u"text")
                ++texts;
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(texts > 57 * 2); // title and subtitle of every workload, clusters, legend
        QVERIFY(bytes.contains("EHR database"));
    } else if (file.endsWith(u".png")) {
        QVERIFY(bytes.startsWith("\x89PNG"));
    } else if (file.endsWith(u".pdf")) {
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.size() > 10000);
    } else {
        // One DOT node per map node: the inventory's 58 workloads and the implicit geo-redundant
        // copy of br-claims-db in its paired region (or the collapsed summary).
        static const QRegularExpression node(QStringLiteral("^\\s+n\\d+\\s+\\["), QRegularExpression::MultilineOption);
        const int nodes = int(QString::fromUtf8(bytes).count(node));
        QVERIFY2(err.contains(QStringLiteral("nodes")), qPrintable(err));
        if (extra.contains(QStringLiteral("--collapse-above")))
            QVERIFY(nodes <= 10 && err.contains(u"(clusters collapsed)"));
        else
            QCOMPARE(nodes, 59);
        // Nodes carry their workload id (or, collapsed, their cluster) as the DOT label.
        QVERIFY(extra.contains(QStringLiteral("--collapse-above")) ? bytes.contains("label=EU") : bytes.contains("label=\"de-ehr-db\""));
    }
}

void TestCli::graphOverviewExports_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("view");
    QTest::addColumn<QByteArray>("contains");
    QTest::newRow("overview svg") << QStringLiteral("overview.svg") << QStringLiteral("jurisdictions") << QByteArray("European Economic Area");
    QTest::newRow("overview png") << QStringLiteral("overview.png") << QStringLiteral("jurisdictions") << QByteArray("\x89PNG");
    QTest::newRow("overview pdf") << QStringLiteral("overview.pdf") << QStringLiteral("jurisdictions") << QByteArray("%PDF-");
    QTest::newRow("overview dot") << QStringLiteral("overview.dot") << QStringLiteral("jurisdictions") << QByteArray("EU → US: 13 flows");
    QTest::newRow("matrix png") << QStringLiteral("matrix.png") << QStringLiteral("matrix") << QByteArray("\x89PNG");
    QTest::newRow("matrix csv") << QStringLiteral("matrix.csv") << QStringLiteral("matrix") << QByteArray("\nEU,US,13,3,");
    QTest::newRow("matrix json") << QStringLiteral("matrix.json") << QStringLiteral("matrix") << QByteArray("\"origin\": \"EU\"");
    QTest::newRow("matrix txt") << QStringLiteral("matrix.txt") << QStringLiteral("matrix") << QByteArray("EU → US: 13 flows");
}

void TestCli::graphOverviewExports()
{
    QFETCH(QString, file);
    QFETCH(QString, view);
    QFETCH(QByteArray, contains);
    QTemporaryDir dir;
    const QString out = dir.filePath(file);
    const auto [exitCode, err] = runGraphHeadless({QStringLiteral("--view"), view, QStringLiteral("--out"), out});
    QCOMPARE(exitCode, 0);
    QVERIFY2(err.contains(QStringLiteral("wrote ") + out + QStringLiteral(": ")) && err.contains(u"jurisdictions, ") && err.contains(u" flows, 7 access entries"),
             qPrintable(err));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY2(bytes.contains(contains), bytes.left(400).constData());
}

// `import --out x.json` writes JSON (never YAML into a .json file), and what it writes checks
// the same as the YAML.
void TestCli::importOutFollowsExtension()
{
    QTemporaryDir dir;
    auto run = [](const QStringList &args) {
        const auto [code, out] = runBinary(args);
        return std::pair{code, QString::fromUtf8(out)};
    };
    const QString folder = QStringLiteral("tests/data/import/aws-config");
    const QString json = dir.filePath(QStringLiteral("estate.json")), yaml = dir.filePath(QStringLiteral("estate.yaml"));
    QCOMPARE(run({QStringLiteral("import"), folder, QStringLiteral("--out"), json}).first, 0);
    QCOMPARE(run({QStringLiteral("import"), folder, QStringLiteral("--out"), yaml}).first, 0);
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(doc.object().value(QStringLiteral("atlas")).toInt(), 1);
    QCOMPARE(doc.object().value(QStringLiteral("workloads")).toArray().size(), 16);
    const QStringList check{QStringLiteral("check"), QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--as-of"), QStringLiteral("2026-11-28")};
    auto findings = [&](const QString &path) {
        const QJsonDocument d = QJsonDocument::fromJson(run(check + QStringList{path}).second.toUtf8());
        return d.object().value(QStringLiteral("findings")).toArray().size();
    };
    QVERIFY(findings(yaml) > 0);
    QCOMPARE(findings(json), findings(yaml));
}

// --out writes each scenario's inventory beside the given name; `check` accepts them, and the
// findings are those the simulation reported.
void TestCli::simulateOutWritesScenarios()
{
    QTemporaryDir dir;
    const auto run = runBinary;
    const QString sample = QStringLiteral("resources/samples/northwind-ai.yaml");
    const QStringList asOf{QStringLiteral("--as-of"), QStringLiteral("2026-11-28")};
    const auto [code, out] = run(QStringList{QStringLiteral("simulate"), sample, QStringLiteral("--pattern"), QStringLiteral("all"),
                                             QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--out"),
                                             dir.filePath(QStringLiteral("scenario.yaml"))} + asOf);
    QCOMPARE(code, 0);
    const QJsonArray scenarios = QJsonDocument::fromJson(out).object().value(QStringLiteral("scenarios")).toArray();
    QCOMPARE(scenarios.size(), 4);
    for (const QJsonValue &s : scenarios) {
        const QString letter = s.toObject().value(QStringLiteral("pattern")).toString();
        const QString path = dir.filePath(QStringLiteral("scenario-") + letter + QStringLiteral(".yaml"));
        QVERIFY2(QFile::exists(path), qPrintable(path));
        const auto [checkCode, checkOut] = run(QStringList{QStringLiteral("check"), path, QStringLiteral("--format"), QStringLiteral("json")} + asOf);
        QVERIFY2(checkCode == 0 || checkCode == 1, qPrintable(letter));
        const QJsonArray findings = QJsonDocument::fromJson(checkOut).object().value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), s.toObject().value(QStringLiteral("findings")).toArray().size());
    }
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("scenario.yaml"))));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
