// The inventory importer: every named broken input reports its error at its position and loads
// nothing; valid inputs load completely; several inputs merge with the overlay rules; typos
// are reported with what was probably meant, and a top-level typo cannot drop a section.
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace atlas;

namespace {
const char *kBase = R"(atlas: 1
datasets:
  - {id: patient-records, classification: restricted, categories: [personal, health], origin: EU}
  - {id: usage-metrics, classification: operational, categories: [metrics], origin: EU}
workloads:
  - {id: ehr-db, kind: database, location: aws:eu-central-1, holds: [patient-records]}
  - {id: trainer, kind: training, location: aws:us-east-1}
flows:
  - {id: ehr-to-trainer, from: ehr-db, to: trainer, carries: [patient-records], purpose: training}
)";
} // namespace

class TestInventoryImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void brokenFixtures_data();
    void brokenFixtures();
    void warningFixtures_data();
    void warningFixtures();
    void sampleLoads();
    void yamlAndJsonAgree();
    void defaultsApplied();
    void optionalFieldsRead();
    void overlayExtendsEarlierInput();
    void duplicateAcrossFilesWithoutOverlay();
    void overlayEntryNeedsOnlyItsId();
    void unknownRegionIsAWarningWithPosition();
    void unknownFieldIsAWarning();
    void unknownTopLevelKeyIsAnError();
    void extensionKeysAreIgnored_data();
    void extensionKeysAreIgnored();
    void tabs_data();
    void tabs();
    void quotedNumberIsAString();
    void aliasesExpandButBombsFail();
    void secondDocumentRejected();
    void defaultFlowIdsMustBeUnique();
    void fileLimits();
    void utf16Refused();
    void bomAccepted();
    void minifiedJsonPositions();
    void inlineErrors_data();
    void inlineErrors();
};

namespace {

// One data row per fixture of `directory` (under tests/data/inventory/) with its rows of
// expected.tsv (file, line, column, message substring); every fixture there must be listed.
void fixtureRows(const char *directory, qsizetype atLeast)
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<QStringList>>("expected");
    const QString base = QStringLiteral(ATLAS_TEST_DATA "/inventory/") + QString::fromLatin1(directory);
    QFile tsv(base + QStringLiteral("/expected.tsv"));
    QVERIFY(tsv.open(QIODevice::ReadOnly | QIODevice::Text));
    QMap<QString, QList<QStringList>> rows;
    bool header = true;
    while (!tsv.atEnd()) {
        const QString line = QString::fromUtf8(tsv.readLine()).trimmed();
        if (header || line.isEmpty()) {
            header = false;
            continue;
        }
        const QStringList cells = line.split(u'\t');
        QCOMPARE(cells.size(), 4);
        rows[cells[0]].append(cells);
    }
    QVERIFY2(rows.size() >= atLeast, "too few named inputs");
    const QDir dir(base);
    for (const QString &f : dir.entryList({QStringLiteral("*.yaml"), QStringLiteral("*.json")}, QDir::Files))
        QVERIFY2(rows.contains(f), qPrintable(f + QStringLiteral(" is not in expected.tsv")));
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key() << it.value();
}

// The diagnostics of `severity` match the expected rows, in order, with positions.
void compareDiagnostics(const Diagnostics &diagnostics, Severity severity, const QString &path,
                        const QList<QStringList> &expected)
{
    QList<Diagnostic> found;
    for (const Diagnostic &d : diagnostics)
        if (d.severity == severity)
            found.append(d);
    QVERIFY2(found.size() == expected.size(), qPrintable(test::join(diagnostics)));
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QStringList &e = expected[i];
        const Diagnostic &d = found[i];
        QCOMPARE(d.file, path);
        QVERIFY2(d.message.contains(e[3]), qPrintable(d.toString() + QStringLiteral(" lacks: ") + e[3]));
        if (e[1] != u"-")
            QCOMPARE(d.line, e[1].toUInt());
        if (e[2] != u"-")
            QCOMPARE(d.column, e[2].toUInt());
    }
}

} // namespace

void TestInventoryImport::brokenFixtures_data()
{
    fixtureRows("broken", 20);
}

void TestInventoryImport::brokenFixtures()
{
    QFETCH(QString, file);
    QFETCH(QList<QStringList>, expected);
    const QString path = QStringLiteral(ATLAS_TEST_DATA "/inventory/broken/") + file;
    auto loaded = loadInventory({path}, test::catalog());
    QVERIFY2(!loaded, "a broken file must load nothing");
    compareDiagnostics(loaded.error(), Severity::Error, path, expected);
}

void TestInventoryImport::warningFixtures_data()
{
    fixtureRows("warnings", 5);
}

void TestInventoryImport::warningFixtures()
{
    QFETCH(QString, file);
    QFETCH(QList<QStringList>, expected);
    const QString path = QStringLiteral(ATLAS_TEST_DATA "/inventory/warnings/") + file;
    auto loaded = loadInventory({path}, test::catalog());
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    compareDiagnostics(loaded->warnings, Severity::Warning, path, expected);
}

void TestInventoryImport::sampleLoads()
{
    const QString path = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml");
    auto loaded = loadInventory({path}, test::catalog());
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    const Inventory &inv = loaded->inventory;
    QVERIFY(inv.workloads.size() >= 30);
    QVERIFY(inv.flows.size() >= 50);
    QVERIFY(loaded->warnings.isEmpty());
    QStringList jurisdictions;
    for (const auto &row : resolveResidency(test::catalog(), inv))
        if (!jurisdictions.contains(row.location.jurisdiction))
            jurisdictions << row.location.jurisdiction;
    for (const char *j : {"EU", "UK", "US", "IN", "CN", "BR"})
        QVERIFY2(jurisdictions.contains(QString::fromLatin1(j)), j);
}

void TestInventoryImport::yamlAndJsonAgree()
{
    const char *json = R"({"atlas": 1,
 "datasets": [{"id": "patient-records", "classification": "restricted", "categories": ["personal", "health"], "origin": "EU"},
              {"id": "usage-metrics", "classification": "operational", "categories": ["metrics"], "origin": "EU"}],
 "workloads": [{"id": "ehr-db", "kind": "database", "location": "aws:eu-central-1", "holds": ["patient-records"]},
               {"id": "trainer", "kind": "training", "location": "aws:us-east-1"}],
 "flows": [{"id": "ehr-to-trainer", "from": "ehr-db", "to": "trainer", "carries": ["patient-records"], "purpose": "training"}]
})";
    auto fromYaml = test::load({{"a.yaml", kBase}});
    auto fromJson = test::load({{"a.json", json}});
    QVERIFY2(fromYaml, qPrintable(test::errors(fromYaml)));
    QVERIFY2(fromJson, qPrintable(test::errors(fromJson)));
    const Inventory &y = fromYaml->inventory, &j = fromJson->inventory;
    QCOMPARE(j.datasets.size(), y.datasets.size());
    QCOMPARE(j.workloads.size(), y.workloads.size());
    for (std::size_t i = 0; i < y.datasets.size(); ++i) {
        QCOMPARE(j.datasets[i].id, y.datasets[i].id);
        QCOMPARE(j.datasets[i].categories.bits(), y.datasets[i].categories.bits());
        QCOMPARE(j.datasets[i].present, y.datasets[i].present);
    }
    QCOMPARE(j.flows.front().purpose, y.flows.front().purpose);
    QCOMPARE(j.flows.front().source.line, 6u); // JSON positions are real lines too
}

void TestInventoryImport::defaultsApplied()
{
    auto loaded = test::load({{"a.yaml", kBase}});
    QVERIFY(loaded);
    const Flow &f = loaded->inventory.flows.front();
    QCOMPARE(f.form, FlowForm::Raw);
    QCOMPARE(f.basis, Basis::None);
    QVERIFY(!f.encrypted.has_value()); // absent = unknown, not false
    const Dataset &d = loaded->inventory.datasets.front();
    QVERIFY(!d.consent.training);
    QVERIFY(!d.retentionDays.has_value());
    QCOMPARE(f.source, (SourceRef{0, 9, 6}));
}

// Revision 2b's optional fields, from YAML and from JSON alike; absent is unknown, not false.
void TestInventoryImport::optionalFieldsRead()
{
    const char *yaml = R"(atlas: 1
datasets:
  - {id: d, classification: sensitive, origin: RU, training_basis: legal_obligation}
  - {id: e, classification: sensitive, origin: RU, consent: {training: true}}
workloads:
  - {id: a, kind: storage, location: azure:westeurope, geo_redundant: true}
  - {id: b, kind: training, location: RU}
flows:
  - {id: f, from: a, to: b, carries: [d], notified: false, assessed: 2026-10-15}
  - {id: g, from: b, to: a, carries: [e]}
access:
  - {id: x, from: RU, to: a, datasets: [d], notified: true, assessed: 2026-09-01}
)";
    const char *json = R"({"atlas": 1,
 "datasets": [{"id": "d", "classification": "sensitive", "origin": "RU", "training_basis": "legal_obligation"},
              {"id": "e", "classification": "sensitive", "origin": "RU", "consent": {"training": true}}],
 "workloads": [{"id": "a", "kind": "storage", "location": "azure:westeurope", "geo_redundant": true},
               {"id": "b", "kind": "training", "location": "RU"}],
 "flows": [{"id": "f", "from": "a", "to": "b", "carries": ["d"], "notified": false, "assessed": "2026-10-15"},
           {"id": "g", "from": "b", "to": "a", "carries": ["e"]}],
 "access": [{"id": "x", "from": "RU", "to": "a", "datasets": ["d"], "notified": true, "assessed": "2026-09-01"}]})";
    for (const auto &[name, text] : {std::pair{"a.yaml", yaml}, std::pair{"a.json", json}}) {
        auto loaded = test::load({{name, text}});
        QVERIFY2(loaded, qPrintable(test::errors(loaded)));
        const Inventory &inv = loaded->inventory;
        QCOMPARE(inv.datasets[0].trainingBasis, std::optional(TrainingBasis::LegalObligation));
        QVERIFY(inv.datasets[0].present & fields::dataset::TrainingBasis);
        QVERIFY(!inv.datasets[1].trainingBasis); // not written: consent.training implies it
        QCOMPARE(effectiveTrainingBasis(inv.datasets[1]), std::optional(TrainingBasis::Consent));
        QCOMPARE(inv.workloads[0].geoRedundant, std::optional(true));
        QVERIFY(!inv.workloads[1].geoRedundant && !(inv.workloads[1].present & fields::workload::GeoRedundant));
        QCOMPARE(inv.flows[0].notified, std::optional(false));
        QCOMPARE(inv.flows[0].assessed, QDate(2026, 10, 15));
        QCOMPARE(inv.flows[0].present & (fields::flow::Notified | fields::flow::Assessed), FieldMask(fields::flow::Notified | fields::flow::Assessed));
        QVERIFY(!inv.flows[1].notified && !inv.flows[1].assessed.isValid());
        QCOMPARE(inv.access[0].notified, std::optional(true));
        QCOMPARE(inv.access[0].assessed, QDate(2026, 9, 1));
        QCOMPARE(inv.access[0].present & (fields::access::Notified | fields::access::Assessed), FieldMask(fields::access::Notified | fields::access::Assessed));
    }
}

void TestInventoryImport::overlayExtendsEarlierInput()
{
    auto loaded = test::load({{"base.yaml", kBase}, {"overlay.yaml", R"(atlas: 1
overlay: true
datasets:
  - {id: patient-records, categories: [biometric], retention_days: 365}
workloads:
  - {id: trainer, holds: [usage-metrics], certifications: [dpf], tags: {team: ml}}
  - {id: new-registry, kind: model_registry, location: gcp:eu}
flows:
  - {id: ehr-to-trainer, encrypted: true, carries: [usage-metrics]}
  - {id: trainer-to-registry, from: trainer, to: new-registry, carries: [usage-metrics], form: model_weights}
)"}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    const Inventory &inv = loaded->inventory;
    QCOMPARE(inv.files, (QStringList{QStringLiteral("base.yaml"), QStringLiteral("overlay.yaml")}));
    const Dataset *d = inv.dataset(QStringLiteral("patient-records"));
    QVERIFY(d->categories.contains(Category::Personal) && d->categories.contains(Category::Biometric));
    QCOMPARE(d->retentionDays, std::optional<int>(365));
    QCOMPARE(d->classification, Classification::Restricted); // kept from the base
    const Workload *w = inv.workload(QStringLiteral("trainer"));
    QCOMPARE(refIds(w->holds), QStringList{QStringLiteral("usage-metrics")});
    QVERIFY(w->certifications.contains(Certification::Dpf));
    QCOMPARE(w->source.file, 0u); // still points where it was defined
    QCOMPARE(inv.workloads.size(), std::size_t(3));
    QCOMPARE(inv.flows.size(), std::size_t(2));
    QCOMPARE(refIds(inv.flows[0].carries), (QStringList{QStringLiteral("patient-records"), QStringLiteral("usage-metrics")}));
    QCOMPARE(inv.flows[0].encrypted, std::optional<bool>(true));
    QCOMPARE(inv.flows[1].source.file, 1u);
}

void TestInventoryImport::duplicateAcrossFilesWithoutOverlay()
{
    auto loaded = test::load({{"base.yaml", kBase}, {"second.yaml", R"(atlas: 1
workloads:
  - {id: trainer, kind: training, location: aws:us-west-2}
)"}});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().size(), 1);
    const Diagnostic &d = loaded.error().front();
    QCOMPARE(d.file, QStringLiteral("second.yaml"));
    QCOMPARE(d.line, 3u);
    QCOMPARE(d.column, 10u);
    QVERIFY2(d.message.contains(u"duplicate id 'trainer' (first defined as workload at base.yaml:7:10)"), qPrintable(d.message));
}

void TestInventoryImport::overlayEntryNeedsOnlyItsId()
{
    // A new entity in an overlay must still be complete.
    auto loaded = test::load({{"base.yaml", kBase}, {"overlay.yaml", R"(atlas: 1
overlay: true
workloads:
  - {id: trainer, external: true}
  - {id: brand-new, holds: [usage-metrics]}
)"}});
    QVERIFY(!loaded);
    QStringList messages;
    for (const Diagnostic &d : loaded.error())
        messages << d.message;
    QCOMPARE(messages, (QStringList{QStringLiteral("missing required field 'kind' in workload"),
                                    QStringLiteral("missing required field 'location' in workload")}));
    QCOMPARE(loaded.error().front().file, QStringLiteral("overlay.yaml"));
    QCOMPARE(loaded.error().front().line, 5u);
}

void TestInventoryImport::unknownRegionIsAWarningWithPosition()
{
    auto loaded = test::load({{"a.yaml", R"(atlas: 1
workloads:
  - id: mystery
    kind: storage
    location: aws:eu-south-9
)"}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(loaded->warnings.size(), 1);
    const Diagnostic &w = loaded->warnings.front();
    QCOMPARE(w.severity, Severity::Warning);
    QCOMPARE(w.line, 5u);
    QCOMPARE(w.column, 15u);
    QVERIFY(w.message.contains(u"region 'eu-south-9' of provider 'aws' is not in the catalog"));
    const auto rows = resolveResidency(test::catalog(), loaded->inventory);
    QVERIFY(!rows.front().location.isKnown());
}

void TestInventoryImport::unknownFieldIsAWarning()
{
    auto loaded = test::load({{"a.yaml", R"(atlas: 1
workloads:
  - {id: w1, kind: storage, location: DE, colour: blue, hold: []}
)"}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(loaded->warnings.size(), 2);
    QCOMPARE(loaded->warnings[0].message, QStringLiteral("unknown field 'colour' (ignored)"));
    QCOMPARE(loaded->warnings[0].line, 3u);
    QCOMPARE(loaded->warnings[0].column, 43u);
    QCOMPARE(loaded->warnings[1].message, QStringLiteral("unknown field 'hold' (ignored; did you mean 'holds'?)"));
    QCOMPARE(loaded->warnings[1].column, 57u);
}

void TestInventoryImport::unknownTopLevelKeyIsAnError()
{
    // `flow:` for `flows:` used to drop every flow with a warning; now nothing loads.
    auto loaded = test::load({{"a.yaml", R"(atlas: 1
datasets: [{id: d, classification: public}]
workloads:
  - {id: a, kind: storage, location: DE}
  - {id: b, kind: storage, location: FR}
flow:
  - {from: a, to: b, carries: [d]}
)"}});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().size(), 1);
    const Diagnostic &typo = loaded.error().front();
    QCOMPARE(typo.severity, Severity::Error);
    QCOMPARE(typo.line, 6u);
    QCOMPARE(typo.column, 1u);
    QCOMPARE(typo.message, QStringLiteral("unknown top-level key 'flow' (did you mean 'flows'?); known keys: atlas, "
                                          "organisation, as_of, overlay, sites, datasets, workloads, flows, access, waivers"));
}

void TestInventoryImport::extensionKeysAreIgnored_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("document");
    QTest::newRow("yaml scalar, list and mapping") << QStringLiteral("a.yaml") << QStringLiteral(
        "atlas: 1\nx-owner: platform team\nx-notes: [a, b]\nx-meta: {generator: terraform, items: [{id: 1}]}\n"
        "workloads:\n  - {id: w, kind: storage, location: DE}\n");
    QTest::newRow("json") << QStringLiteral("a.json") << QStringLiteral(
        "{\"atlas\": 1, \"x-generator\": {\"name\": \"exporter\"}, \"x-list\": [1, 2],"
        " \"workloads\": [{\"id\": \"w\", \"kind\": \"storage\", \"location\": \"DE\"}]}");
}

void TestInventoryImport::extensionKeysAreIgnored()
{
    // Our decision: `x-` keys are extensions, accepted without a diagnostic.
    QFETCH(QString, name);
    QFETCH(QString, document);
    auto loaded = loadInventoryTexts({{name, document.toStdString()}}, test::catalog());
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QVERIFY2(loaded->warnings.isEmpty(), qPrintable(test::join(loaded->warnings)));
    QCOMPARE(loaded->inventory.workloads.size(), std::size_t(1));
}

void TestInventoryImport::tabs_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<int>("line"); // of the tab; 0: the file loads
    QTest::addColumn<int>("column");
    QTest::newRow("a key indented with a tab") << QStringLiteral(
        "atlas: 1\nworkloads:\n  - id: a\n\tkind: storage\n    location: DE\n") << 4 << 1;
    QTest::newRow("a tab after spaces") << QStringLiteral(
        "atlas: 1\nworkloads:\n  - id: a\n    kind: storage\n  \tlocation: DE\n") << 5 << 3;
    QTest::newRow("a list entry indented with a tab") << QStringLiteral(
        "atlas: 1\nworkloads:\n\t- id: a\n\t  kind: storage\n") << 3 << 1;
    QTest::newRow("a nested mapping indented with a tab") << QStringLiteral(
        "atlas: 1\nworkloads:\n  - id: a\n    tags:\n\t  team: x\n    kind: storage\n") << 5 << 1;
    QTest::newRow("a blank line holding a tab") << QStringLiteral(
        "atlas: 1\nworkloads:\n  - id: a\n    kind: storage\n\t\n    location: DE\n") << 5 << 1;
    QTest::newRow("the first of two tabs") << QStringLiteral(
        "atlas: 1\nworkloads:\n  - id: a\n   \t\tkind: storage\n") << 4 << 4;
    // Tabs that YAML allows are no error.
    QTest::newRow("tab after a colon") << QStringLiteral("atlas: 1\norganisation:\tAcme\n") << 0 << 0;
    QTest::newRow("tab inside a flow list") << QStringLiteral(
        "atlas: 1\nworkloads: [\n\t{id: a, kind: storage, location: DE}]\n") << 0 << 0;
    // A syntax error below a tab that YAML accepted does not blame the tab.
    QTest::newRow("unrelated syntax error below") << QStringLiteral(
        "atlas: 1\nx-notes: [a,\n\tb]\nworkloads:\n  - {id: a, kind: storage, location: DE\n") << 6 << -1;
}

void TestInventoryImport::tabs()
{
    QFETCH(QString, document);
    QFETCH(int, line);
    QFETCH(int, column);
    auto loaded = loadInventoryTexts({{QStringLiteral("a.yaml"), document.toStdString()}}, test::catalog());
    if (line == 0) {
        QVERIFY2(loaded, qPrintable(test::errors(loaded)));
        return;
    }
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().size(), 1);
    const Diagnostic &d = loaded.error().front();
    QCOMPARE(int(d.line), line);
    if (column < 0) {
        QVERIFY2(d.message.startsWith(u"YAML syntax error"), qPrintable(d.toString()));
        return;
    }
    QCOMPARE(d.message, QStringLiteral("tab character in indentation at %1:%2 (YAML indents with spaces)").arg(line).arg(column));
    QCOMPARE(int(d.column), column);
}

void TestInventoryImport::quotedNumberIsAString()
{
    auto loaded = test::load({{"a.yaml", R"(atlas: 1
datasets:
  - {id: d1, classification: public, retention_days: "30"}
)"}});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().front().message, QStringLiteral("'retention_days' must be an integer, got a string"));
}

void TestInventoryImport::aliasesExpandButBombsFail()
{
    auto ok = test::load({{"a.yaml", R"(atlas: 1
workloads:
  - {id: w1, kind: storage, location: DE, tags: &t {team: data, cost: c1}}
  - {id: w2, kind: storage, location: DE, tags: *t}
)"}});
    QVERIFY2(ok, qPrintable(test::errors(ok)));
    QCOMPARE(ok->inventory.workloads[1].tags.size(), 2);

    std::string bomb = "atlas: 1\nworkloads:\n  - id: w1\n    kind: storage\n    location: DE\n    tags:\n      a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; ++c)
        bomb += std::string("      ") + c + ": &" + c + " [*" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1)
            + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + ", *"
            + char(c - 1) + ", *" + char(c - 1) + ", *" + char(c - 1) + "]\n";
    QElapsedTimer timer;
    timer.start();
    auto failed = test::load({{"bomb.yaml", bomb.c_str()}});
    QVERIFY(!failed);
    QVERIFY(failed.error().front().message.contains(u"alias bomb"));
    QVERIFY(failed.error().front().line >= 9);
}

void TestInventoryImport::secondDocumentRejected()
{
    auto loaded = test::load({{"a.yaml", "atlas: 1\n---\natlas: 1\n"}});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().front().line, 2u);
    QVERIFY(loaded.error().front().message.contains(u"second YAML document"));
}

void TestInventoryImport::defaultFlowIdsMustBeUnique()
{
    auto loaded = test::load({{"a.yaml", R"(atlas: 1
datasets: [{id: d, classification: public}]
workloads:
  - {id: a, kind: storage, location: DE}
  - {id: b, kind: storage, location: FR}
flows:
  - {from: a, to: b, carries: [d]}
  - {from: a, to: b, carries: [d], form: aggregated}
)"}});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().size(), 1);
    QCOMPARE(loaded.error().front().line, 8u);
    QVERIFY(loaded.error().front().message.contains(u"duplicate id 'a--b'"));
}

void TestInventoryImport::fileLimits()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A directory passed as a file.
    auto asDir = loadInventory({dir.path()}, test::catalog());
    QVERIFY(!asDir);
    QVERIFY(asDir.error().front().message.contains(u"is a directory"));
    // Missing file.
    auto missing = loadInventory({dir.filePath(QStringLiteral("nope.yaml"))}, test::catalog());
    QVERIFY(!missing);
    QVERIFY(missing.error().front().message.contains(u"no such file"));
    // Over the size limit: refused before reading.
    const QString big = dir.filePath(QStringLiteral("big.yaml"));
    QFile f(big);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kBase);
    f.close();
    LoadOptions options;
    options.limits.maxFileBytes = 100;
    auto tooBig = loadInventory({big}, test::catalog(), options);
    QVERIFY(!tooBig);
    QVERIFY(tooBig.error().front().message.contains(u"file is too large"));
    // The same file within the limit loads.
    QVERIFY(loadInventory({big}, test::catalog()));
    // Garbage fails fast with one error.
    std::string garbage;
    for (int i = 0; i < 200000; ++i)
        garbage += "}{][:,";
    auto bad = test::load({{"garbage.yaml", garbage.c_str()}});
    QVERIFY(!bad);
    QCOMPARE(bad.error().size(), 1);
}

void TestInventoryImport::utf16Refused()
{
    auto loaded = test::load({{"a.yaml", "\xFF\xFE" "a\0t\0"}});
    QVERIFY(!loaded);
    QVERIFY(loaded.error().front().message.contains(u"UTF-16"));
}

void TestInventoryImport::bomAccepted()
{
    const std::string withBom = std::string("\xEF\xBB\xBF") + kBase;
    auto loaded = test::load({{"a.yaml", withBom.c_str()}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    QCOMPARE(loaded->inventory.workloads.front().source.line, 6u);
}

void TestInventoryImport::minifiedJsonPositions()
{
    // One line: columns are carried forward, not recounted (and stay right after non-ASCII).
    const char *json = "{\"atlas\":1,\"workloads\":[{\"id\":\"w\",\"name\":\"Zürich\",\"kind\":\"storage\",\"location\":\"CH\"},"
                       "{\"id\":\"v\",\"kind\":\"vault\",\"location\":\"CH\"}]}";
    auto loaded = test::load({{"min.json", json}});
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().size(), 1);
    const Diagnostic &d = loaded.error().front();
    QCOMPARE(d.line, 1u);
    const QString text = QString::fromUtf8(json);
    QCOMPARE(int(d.column), int(text.indexOf(u"\"vault\"")) + 1);
}

void TestInventoryImport::inlineErrors_data()
{
    QTest::addColumn<QString>("overlay"); // empty: only the base document
    QTest::addColumn<QString>("document");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::newRow("duplicate key in an entry") << QString() << QStringLiteral(
        "atlas: 1\nworkloads:\n  - {id: w, kind: storage, location: DE, kind: database}\n")
        << 3 << 42 << QStringLiteral("duplicate key 'kind'");
    QTest::newRow("duplicate top-level key") << QString() << QStringLiteral(
        "atlas: 1\nworkloads: []\nworkloads: []\n") << 3 << 1 << QStringLiteral("duplicate key 'workloads'");
    QTest::newRow("operator and operator_hq") << QString() << QStringLiteral(
        "atlas: 1\nworkloads:\n  - {id: w, kind: saas, location: DE, operator: aws, operator_hq: US}\n")
        << 3 << 67 << QStringLiteral("set either 'operator'");
    QTest::newRow("unknown operator") << QString() << QStringLiteral(
        "atlas: 1\nworkloads:\n  - {id: w, kind: saas, location: DE, operator: acme}\n")
        << 3 << 6 << QStringLiteral("invalid value 'acme' for 'operator'");
    QTest::newRow("unknown origin") << QString() << QStringLiteral(
        "atlas: 1\ndatasets:\n  - {id: d, classification: restricted, origin: EUR}\n")
        << 3 << 49 << QStringLiteral("invalid value 'EUR' for 'origin'");
    QTest::newRow("retention out of range") << QString() << QStringLiteral(
        "atlas: 1\ndatasets:\n  - {id: d, classification: public, retention_days: 2147483648}\n")
        << 3 << 53 << QStringLiteral("'retention_days' is out of range");
    QTest::newRow("waiver on a site") << QString() << QStringLiteral(
        "atlas: 1\nsites: [{id: s, country: DE}]\nwaivers:\n  - {rule: RES-001, subject: s, reason: r, approved_by: x, expires: 2027-01-01}\n")
        << 4 << 30 << QStringLiteral("unknown subject 's'");
    QTest::newRow("same id twice in one overlay") << QStringLiteral(
        "atlas: 1\noverlay: true\nworkloads:\n  - {id: trainer, external: true}\n  - {id: trainer, external: false}\n")
        << QString() << 5 << 10 << QStringLiteral("duplicate id 'trainer'");
    QTest::newRow("null flow id gets the default") << QString() << QStringLiteral(
        "atlas: 1\ndatasets: [{id: d, classification: public}]\nworkloads:\n  - {id: a, kind: storage, location: DE}\n"
        "  - {id: b, kind: storage, location: FR}\nflows:\n  - {id: ~, from: a, to: b, carries: [d]}\n"
        "  - {from: a, to: b, carries: [d]}\n") << 8 << 6 << QStringLiteral("duplicate id 'a--b'");
    // Unknown names and values, with "did you mean" where a known one is close.
    const QString known = QStringLiteral("; known keys: atlas, organisation, as_of, overlay, sites, datasets, workloads, flows, access, waivers");
    QTest::newRow("unknown top-level key") << QString() << QStringLiteral("atlas: 1\nowner: me\n")
        << 2 << 1 << QStringLiteral("unknown top-level key 'owner'") + known;
    QTest::newRow("top-level list key typo") << QString() << QStringLiteral(
        "atlas: 1\nworkload:\n  - {id: w, kind: storage, location: DE}\n")
        << 2 << 1 << QStringLiteral("unknown top-level key 'workload' (did you mean 'workloads'?)") + known;
    QTest::newRow("top-level key in capitals") << QString() << QStringLiteral("atlas: 1\nDATASETS: []\n")
        << 2 << 1 << QStringLiteral("unknown top-level key 'DATASETS' (did you mean 'datasets'?)") + known;
    QTest::newRow("top-level mapping key typo") << QString() << QStringLiteral("atlas: 1\noverlays: true\n")
        << 2 << 1 << QStringLiteral("unknown top-level key 'overlays' (did you mean 'overlay'?)") + known;
    QTest::newRow("X- is no extension") << QString() << QStringLiteral("atlas: 1\nX-note: hi\n")
        << 2 << 1 << QStringLiteral("unknown top-level key 'X-note'");
    QTest::newRow("kind typo") << QString() << QStringLiteral(
        "atlas: 1\nworkloads:\n  - {id: w, kind: databse, location: DE}\n")
        << 3 << 19 << QStringLiteral("invalid value 'databse' for 'kind' (did you mean 'database'?); allowed: storage, database,");
    QTest::newRow("enum value far from any") << QString() << QStringLiteral(
        "atlas: 1\ndatasets: [{id: d, classification: public}]\nworkloads:\n  - {id: a, kind: storage, location: DE}\n"
        "  - {id: b, kind: storage, location: FR}\nflows:\n  - {from: a, to: b, carries: [d], basis: legitimate-interest}\n")
        << 7 << 43 << QStringLiteral("invalid value 'legitimate-interest' for 'basis'; allowed: none, adequacy,");
    QTest::newRow("enum value with underscore") << QString() << QStringLiteral(
        "atlas: 1\ndatasets:\n  - {id: d, classification: public, keys: {custody: external_hsm}}\n")
        << 3 << 53 << QStringLiteral("invalid value 'external_hsm' for 'custody' (did you mean 'external-hsm'?)");
    QTest::newRow("origin in lower case") << QString() << QStringLiteral(
        "atlas: 1\ndatasets:\n  - {id: d, classification: restricted, origin: eu}\n")
        << 3 << 49 << QStringLiteral("invalid value 'eu' for 'origin' (did you mean 'EU'?); expected a jurisdiction id");
    QTest::newRow("operator typo") << QString() << QStringLiteral(
        "atlas: 1\nworkloads:\n  - {id: w, kind: saas, location: DE, operator: azur}\n")
        << 3 << 6 << QStringLiteral("invalid value 'azur' for 'operator' (did you mean 'azure'?); allowed: self,");
    QTest::newRow("operator_hq three letters") << QString() << QStringLiteral(
        "atlas: 1\nworkloads:\n  - {id: w, kind: saas, location: DE, operator_hq: USA}\n")
        << 3 << 6 << QStringLiteral("invalid value 'USA' for 'operator_hq' (did you mean 'US'?); expected an ISO 3166-1");
    QTest::newRow("site country three letters") << QString() << QStringLiteral(
        "atlas: 1\nsites: [{id: s, country: DEU}]\n")
        << 2 << 10 << QStringLiteral("invalid value 'DEU' for 'country' (did you mean 'DE'?); expected an ISO 3166-1");
    QTest::newRow("holds typo") << QString() << QStringLiteral(
        "atlas: 1\ndatasets: [{id: usage-metrics, classification: public}]\n"
        "workloads:\n  - {id: w, kind: storage, location: DE, holds: [usage-metric]}\n")
        << 4 << 50 << QStringLiteral("workload 'w' holds: names unknown dataset 'usage-metric' (did you mean 'usage-metrics'?)");
    QTest::newRow("access to typo") << QString() << QStringLiteral(
        "atlas: 1\ndatasets: [{id: d, classification: public}]\nworkloads:\n  - {id: ehr-db, kind: database, location: DE}\n"
        "access:\n  - {id: x, from: US, to: ehrdb, datasets: [d]}\n")
        << 6 << 27 << QStringLiteral("access 'x': 'to' names unknown workload 'ehrdb' (did you mean 'ehr-db'?)");
    QTest::newRow("training_basis far from any") << QString() << QStringLiteral(
        "atlas: 1\ndatasets:\n  - {id: d, classification: public, training_basis: gdpr}\n")
        << 3 << 53 << QStringLiteral("invalid value 'gdpr' for 'training_basis'; allowed: consent, legitimate_interests, contract, legal_obligation, public_interest, none");
    QTest::newRow("training_basis in an overlay") << QStringLiteral(
        "atlas: 1\noverlay: true\ndatasets:\n  - {id: patient-records, training_basis: consented}\n")
        << QString() << 4 << 43 << QStringLiteral("invalid value 'consented' for 'training_basis' (did you mean 'consent'?)");
    const QString accessBase = QStringLiteral("atlas: 1\ndatasets: [{id: d, classification: public}]\nworkloads:\n  - {id: a, kind: storage, location: DE}\naccess:\n");
    QTest::newRow("access notified yes") << QString() << accessBase + QStringLiteral("  - {id: x, from: RU, to: a, datasets: [d], notified: yes}\n")
        << 6 << 55 << QStringLiteral("'notified' must be true or false, got 'yes'");
    QTest::newRow("access assessed on no day") << QString() << accessBase + QStringLiteral("  - {id: x, from: RU, to: a, datasets: [d], assessed: 2026-02-30}\n")
        << 6 << 55 << QStringLiteral("'assessed' value '2026-02-30' is not an ISO 8601 date (YYYY-MM-DD)");
    QTest::newRow("site typo") << QString() << QStringLiteral(
        "atlas: 1\nsites: [{id: fra-dc1, country: DE}]\nworkloads:\n  - {id: w, kind: storage, location: site:fra-dc}\n")
        << 4 << 38 << QStringLiteral("unknown site 'fra-dc' (did you mean 'fra-dc1'?)");
}

void TestInventoryImport::inlineErrors()
{
    QFETCH(QString, overlay);
    QFETCH(QString, document);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    QList<std::pair<QString, std::string>> docs;
    if (overlay.isEmpty()) {
        docs.append({QStringLiteral("a.yaml"), document.toStdString()});
    } else {
        docs.append({QStringLiteral("base.yaml"), std::string(kBase)});
        docs.append({QStringLiteral("overlay.yaml"), overlay.toStdString()});
    }
    auto loaded = loadInventoryTexts(docs, test::catalog());
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().size(), 1);
    const Diagnostic &d = loaded.error().front();
    QVERIFY2(d.message.contains(message), qPrintable(d.toString()));
    QCOMPARE(int(d.line), line);
    QCOMPARE(int(d.column), column);
}

QTEST_GUILESS_MAIN(TestInventoryImport)
#include "tst_inventoryimport.moc"
