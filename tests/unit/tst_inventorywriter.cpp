// Writing an inventory as YAML or JSON: the output loads back to the same inventory, and writing
// that again gives the same bytes.
#include "inventorywriter.h"
#include "testsupport.h"

using namespace atlas;

class TestInventoryWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampleRoundTrips();
    void awkwardStrings();
    void jsonRoundTrips();
    void optionalFieldsRoundTrip();
};

namespace {

void compare(const Inventory &a, const Inventory &b)
{
    QCOMPARE(b.organisation, a.organisation);
    QCOMPARE(b.asOf, a.asOf);
    QCOMPARE(b.sites.size(), a.sites.size());
    QCOMPARE(b.datasets.size(), a.datasets.size());
    QCOMPARE(b.workloads.size(), a.workloads.size());
    QCOMPARE(b.flows.size(), a.flows.size());
    QCOMPARE(b.access.size(), a.access.size());
    QCOMPARE(b.waivers.size(), a.waivers.size());
    for (std::size_t i = 0; i < a.datasets.size(); ++i) {
        const Dataset &x = a.datasets[i], &y = b.datasets[i];
        QCOMPARE(y.id, x.id);
        QCOMPARE(y.name, x.name);
        QCOMPARE(y.classification, x.classification);
        QCOMPARE(y.categories.bits(), x.categories.bits());
        QCOMPARE(y.origin, x.origin);
        QCOMPARE(y.consent.training, x.consent.training);
        QCOMPARE(y.retentionDays, x.retentionDays);
        QCOMPARE(y.redacted, x.redacted);
        QCOMPARE(y.keys.has_value(), x.keys.has_value());
        if (x.keys) {
            QCOMPARE(y.keys->custody, x.keys->custody);
            QCOMPARE(y.keys->location, x.keys->location);
        }
        QCOMPARE(y.localisation, x.localisation);
        QCOMPARE(y.trainingBasis, x.trainingBasis);
    }
    for (std::size_t i = 0; i < a.workloads.size(); ++i) {
        const Workload &x = a.workloads[i], &y = b.workloads[i];
        QCOMPARE(y.id, x.id);
        QCOMPARE(y.name, x.name);
        QCOMPARE(y.kind, x.kind);
        QCOMPARE(y.location, x.location);
        QCOMPARE(y.operatorId, x.operatorId);
        QCOMPARE(y.operatorHq, x.operatorHq);
        QCOMPARE(refIds(y.holds), refIds(x.holds));
        QCOMPARE(y.external, x.external);
        QCOMPARE(y.certifications.bits(), x.certifications.bits());
        QCOMPARE(y.tags.size(), x.tags.size());
        QCOMPARE(y.geoRedundant, x.geoRedundant);
    }
    for (std::size_t i = 0; i < a.flows.size(); ++i) {
        const Flow &x = a.flows[i], &y = b.flows[i];
        QCOMPARE(y.id, x.id);
        QCOMPARE(y.from, x.from);
        QCOMPARE(y.to, x.to);
        QCOMPARE(refIds(y.carries), refIds(x.carries));
        QCOMPARE(y.form, x.form);
        QCOMPARE(y.purpose, x.purpose);
        QCOMPARE(y.basis, x.basis);
        QCOMPARE(y.encrypted, x.encrypted);
        QCOMPARE(y.protections.bits(), x.protections.bits());
        QCOMPARE(y.volumeGbPerDay, x.volumeGbPerDay);
        QCOMPARE(y.notified, x.notified);
        QCOMPARE(y.assessed, x.assessed);
    }
    for (std::size_t i = 0; i < a.access.size(); ++i) {
        const Access &x = a.access[i], &y = b.access[i];
        QCOMPARE(y.id, x.id);
        QCOMPARE(y.from, x.from);
        QCOMPARE(y.to, x.to);
        QCOMPARE(refIds(y.datasets), refIds(x.datasets));
        QCOMPARE(y.basis, x.basis);
        QCOMPARE(y.notified, x.notified);
        QCOMPARE(y.assessed, x.assessed);
    }
    for (std::size_t i = 0; i < a.waivers.size(); ++i) {
        QCOMPARE(b.waivers[i].rule, a.waivers[i].rule);
        QCOMPARE(b.waivers[i].subject, a.waivers[i].subject);
        QCOMPARE(b.waivers[i].expires, a.waivers[i].expires);
        QCOMPARE(b.waivers[i].reason, a.waivers[i].reason);
    }
}

} // namespace

void TestInventoryWriter::sampleRoundTrips()
{
    auto first = loadInventory({QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml")}, test::catalog());
    QVERIFY(first);
    const QByteArray yaml = inventoryToYaml(first->inventory);
    auto second = loadInventoryTexts({{QStringLiteral("written.yaml"), yaml.toStdString()}}, test::catalog());
    QVERIFY2(second, qPrintable(test::errors(second)));
    QVERIFY(second->warnings.isEmpty());
    compare(first->inventory, second->inventory);
    QCOMPARE(inventoryToYaml(second->inventory), yaml); // deterministic, a fixed point
}

void TestInventoryWriter::awkwardStrings()
{
    auto loaded = test::load({{"a.yaml", R"(atlas: 1
organisation: "Müller & Söhne: \"data\" # not a comment"
datasets:
  - {id: d, name: "yes", classification: sensitive, origin: "NO", categories: [contracts], retention_days: 0}
workloads:
  - {id: w, name: "2024", kind: saas, location: aws:eu-north-1, operator_hq: US, tags: {"cost centre": "a: b", team: "#1"}}
)"}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    const QByteArray yaml = inventoryToYaml(loaded->inventory);
    auto again = loadInventoryTexts({{QStringLiteral("w.yaml"), yaml.toStdString()}}, test::catalog());
    QVERIFY2(again, qPrintable(test::errors(again) + QString::fromUtf8(yaml)));
    compare(loaded->inventory, again->inventory);
    QCOMPARE(again->inventory.workloads[0].tags[0].value, QStringLiteral("a: b"));
    QCOMPARE(again->inventory.workloads[0].name, QStringLiteral("2024"));
}


// The same inventory as JSON (`import --out x.json`): loads back to the same inventory, awkward
// strings escaped, and YAML written from either is the same.
void TestInventoryWriter::jsonRoundTrips()
{
    auto first = loadInventory({QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml")}, test::catalog());
    QVERIFY(first);
    const QByteArray json = inventoryToJson(first->inventory);
    QVERIFY(json.startsWith("{\n  \"atlas\": 1,"));
    auto second = loadInventoryTexts({{QStringLiteral("written.json"), json.toStdString()}}, test::catalog());
    QVERIFY2(second, qPrintable(test::errors(second)));
    QVERIFY(second->warnings.isEmpty());
    compare(first->inventory, second->inventory);
    QCOMPARE(inventoryToJson(second->inventory), json);
    QCOMPARE(inventoryToYaml(second->inventory), inventoryToYaml(first->inventory));

    auto awkward = test::load({{"a.yaml", "atlas: 1\norganisation: \"Tab\\there \\\"quoted\\\" back\\\\slash\"\n"
                                          "datasets:\n  - {id: d, name: \"line\\nbreak\", classification: public}\n"}});
    QVERIFY2(awkward, qPrintable(test::errors(awkward)));
    auto again = loadInventoryTexts({{QStringLiteral("w.json"), inventoryToJson(awkward->inventory).toStdString()}}, test::catalog());
    QVERIFY2(again, qPrintable(test::errors(again)));
    QCOMPARE(again->inventory.organisation, awkward->inventory.organisation);
    QCOMPARE(again->inventory.datasets[0].name, QStringLiteral("line\nbreak"));
}

// Revision 2b's optional fields: written only when set (false is a statement, absent is
// unknown), after the fields before them, and read back the same from YAML and from JSON. A
// basis implied by `consent.training` is not written as a `training_basis` of its own.
void TestInventoryWriter::optionalFieldsRoundTrip()
{
    auto loaded = test::load({{"a.yaml", R"(atlas: 1
datasets:
  - {id: d, classification: sensitive, origin: RU, training_basis: public_interest}
  - {id: e, classification: sensitive, origin: RU, consent: {training: true}}
workloads:
  - {id: a, kind: storage, location: azure:westeurope, geo_redundant: true}
  - {id: b, kind: training, location: RU, geo_redundant: false}
  - {id: c, kind: storage, location: DE}
flows:
  - {id: f, from: a, to: b, carries: [d], notified: true, assessed: 2026-10-15}
  - {id: g, from: b, to: c, carries: [e], notified: false}
access:
  - {id: x, from: RU, to: a, datasets: [d], notified: false, assessed: 2026-09-01}
  - {id: y, from: RU, to: c, datasets: [e]}
)"}});
    QVERIFY2(loaded, qPrintable(test::errors(loaded)));
    const QString yaml = QString::fromUtf8(inventoryToYaml(loaded->inventory));
    for (const char *written : {"  - id: d\n    classification: sensitive\n    origin: RU\n    training_basis: public_interest\n",
                                "  - id: e\n    classification: sensitive\n    origin: RU\n    consent: { training: true, analytics: false }\n\nworkloads:",
                                "    location: azure:westeurope\n    geo_redundant: true\n",
                                "    location: RU\n    geo_redundant: false\n",
                                "  - id: c\n    kind: storage\n    location: DE\n\nflows:",
                                "    carries: [d]\n    notified: true\n    assessed: 2026-10-15\n",
                                "    carries: [e]\n    notified: false\n\naccess:",
                                "    datasets: [d]\n    notified: false\n    assessed: 2026-09-01\n",
                                "    datasets: [e]\n"})
        QVERIFY2(yaml.contains(QString::fromUtf8(written)), qPrintable(QString::fromUtf8(written) + QStringLiteral("\nnot in:\n") + yaml));
    QVERIFY(yaml.endsWith(QStringLiteral("    datasets: [e]\n")));

    auto again = loadInventoryTexts({{QStringLiteral("w.yaml"), yaml.toStdString()}}, test::catalog());
    QVERIFY2(again, qPrintable(test::errors(again) + yaml));
    compare(loaded->inventory, again->inventory);
    QCOMPARE(again->inventory.datasets[0].present, loaded->inventory.datasets[0].present);
    QCOMPARE(again->inventory.flows[1].present, loaded->inventory.flows[1].present);
    QCOMPARE(QString::fromUtf8(inventoryToYaml(again->inventory)), yaml);

    const QByteArray json = inventoryToJson(loaded->inventory);
    QVERIFY2(json.contains(R"({"id": "f", "from": "a", "to": "b", "carries": ["d"], "notified": true, "assessed": "2026-10-15"})"), json.constData());
    QVERIFY2(json.contains(R"("training_basis": "public_interest")"), json.constData());
    QVERIFY2(json.contains(R"("geo_redundant": false)"), json.constData());
    auto fromJson = loadInventoryTexts({{QStringLiteral("w.json"), json.toStdString()}}, test::catalog());
    QVERIFY2(fromJson, qPrintable(test::errors(fromJson)));
    compare(loaded->inventory, fromJson->inventory);
    QCOMPARE(QString::fromUtf8(inventoryToYaml(fromJson->inventory)), yaml);
}

QTEST_GUILESS_MAIN(TestInventoryWriter)
#include "tst_inventorywriter.moc"
