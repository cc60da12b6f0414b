// The inventory importer: every named broken input reports its error at its position and loads
// nothing; valid inputs load completely; several inputs merge with the overlay rules.
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
    void sampleLoads();
    void yamlAndJsonAgree();
    void defaultsApplied();
    void overlayExtendsEarlierInput();
    void duplicateAcrossFilesWithoutOverlay();
    void overlayEntryNeedsOnlyItsId();
    void unknownRegionIsAWarningWithPosition();
    void unknownFieldIsAWarning();
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

void TestInventoryImport::brokenFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QList<QStringList>>("expected");
    QFile tsv(QStringLiteral(ATLAS_TEST_DATA "/inventory/broken/expected.tsv"));
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
    QVERIFY2(rows.size() >= 20, "at least 20 named broken inputs");
    // Every fixture in the directory is listed.
    const QDir dir(QStringLiteral(ATLAS_TEST_DATA "/inventory/broken"));
    for (const QString &f : dir.entryList({QStringLiteral("*.yaml"), QStringLiteral("*.json")}, QDir::Files))
        QVERIFY2(rows.contains(f), qPrintable(f + QStringLiteral(" is not in expected.tsv")));
    for (auto it = rows.cbegin(); it != rows.cend(); ++it)
        QTest::newRow(qPrintable(it.key())) << it.key() << it.value();
}

void TestInventoryImport::brokenFixtures()
{
    QFETCH(QString, file);
    QFETCH(QList<QStringList>, expected);
    const QString path = QStringLiteral(ATLAS_TEST_DATA "/inventory/broken/") + file;
    auto loaded = loadInventory({path}, test::catalog());
    QVERIFY2(!loaded, "a broken file must load nothing");
    QList<Diagnostic> errors;
    for (const Diagnostic &d : loaded.error())
        if (d.severity == Severity::Error)
            errors.append(d);
    QCOMPARE(errors.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QStringList &e = expected[i];
        const Diagnostic &d = errors[i];
        QCOMPARE(d.file, path);
        QVERIFY2(d.message.contains(e[3]), qPrintable(d.toString() + QStringLiteral(" lacks: ") + e[3]));
        if (e[1] != u"-")
            QCOMPARE(d.line, e[1].toUInt());
        if (e[2] != u"-")
            QCOMPARE(d.column, e[2].toUInt());
    }
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
    QCOMPARE(w->holds, QStringList{QStringLiteral("usage-metrics")});
    QVERIFY(w->certifications.contains(Certification::Dpf));
    QCOMPARE(w->source.file, 0u); // still points where it was defined
    QCOMPARE(inv.workloads.size(), std::size_t(3));
    QCOMPARE(inv.flows.size(), std::size_t(2));
    QCOMPARE(inv.flows[0].carries, (QStringList{QStringLiteral("patient-records"), QStringLiteral("usage-metrics")}));
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
future_section: {x: 1}
workloads:
  - {id: w1, kind: storage, location: DE, colour: blue}
)"}});
    QVERIFY(loaded);
    QCOMPARE(loaded->warnings.size(), 2);
    QCOMPARE(loaded->warnings[0].message, QStringLiteral("unknown field 'future_section' (ignored)"));
    QCOMPARE(loaded->warnings[0].line, 2u);
    QCOMPARE(loaded->warnings[1].message, QStringLiteral("unknown field 'colour' (ignored)"));
    QCOMPARE(loaded->warnings[1].column, 43u);
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
