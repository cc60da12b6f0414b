// Merging several inputs (importers/inventorymerge.h): an overlay's fields replace those of the
// entity an earlier input defined, and the fields it sets count as written — the writer writes
// them back and the forms show them — while the fields it leaves out stay as they were.
#include "inventorywriter.h"
#include "testsupport.h"

using namespace atlas;
using namespace Qt::StringLiterals;

namespace {

const char *kBase = R"(atlas: 1
datasets:
  - {id: ru-customers, classification: sensitive, categories: [personal], origin: RU}
workloads:
  - {id: moscow-db, kind: database, location: RU, holds: [ru-customers]}
  - {id: eu-crm, kind: application, location: azure:westeurope}
flows:
  - {id: ru-to-eu, from: moscow-db, to: eu-crm, carries: [ru-customers], purpose: support}
access:
  - {id: eu-support, from: DE, to: moscow-db, datasets: [ru-customers]}
)";

// Revision 2b's fields set on entities of the base, one overlay per kind of field.
const char *kOverlay = R"(atlas: 1
overlay: true
datasets:
  - {id: ru-customers, training_basis: contract}
workloads:
  - {id: eu-crm, geo_redundant: true}
flows:
  - {id: ru-to-eu, notified: true, assessed: 2026-10-15}
access:
  - {id: eu-support, notified: false, assessed: 2026-09-01}
)";

} // namespace

class TestInventoryMerge : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void overlaySetsOptionalFields();
    void laterOverlayWins();
};

void TestInventoryMerge::overlaySetsOptionalFields()
{
    auto merged = test::load({{"base.yaml", kBase}, {"overlay.yaml", kOverlay}});
    QVERIFY2(merged, qPrintable(test::errors(merged)));
    const Inventory &inv = merged->inventory;
    const Dataset &d = inv.datasets.front();
    QCOMPARE(d.trainingBasis, std::optional(TrainingBasis::Contract));
    QVERIFY(d.present & fields::dataset::TrainingBasis);
    QCOMPARE(d.classification, Classification::Sensitive); // left out by the overlay: kept
    QCOMPARE(d.source.file, 0u);                           // still where it was defined
    QCOMPARE(inv.workloads[1].geoRedundant, std::optional(true));
    QVERIFY(!inv.workloads[0].geoRedundant); // not named by the overlay
    const Flow &f = inv.flows.front();
    QCOMPARE(f.notified, std::optional(true));
    QCOMPARE(f.assessed, QDate(2026, 10, 15));
    QCOMPARE(f.purpose, std::optional(Purpose::Support));
    QVERIFY((f.present & fields::flow::Notified) && (f.present & fields::flow::Assessed));
    QCOMPARE(inv.access.front().notified, std::optional(false));
    QCOMPARE(inv.access.front().assessed, QDate(2026, 9, 1));

    // Written back: one file that says what base and overlay said together.
    const QString yaml = QString::fromUtf8(inventoryToYaml(inv));
    for (const QString &line : {u"    origin: RU\n    training_basis: contract\n"_s, u"    location: azure:westeurope\n    geo_redundant: true\n"_s,
                                u"    purpose: support\n    notified: true\n    assessed: 2026-10-15\n"_s,
                                u"    datasets: [ru-customers]\n    notified: false\n    assessed: 2026-09-01\n"_s})
        QVERIFY2(yaml.contains(line), qPrintable(line + u"not in:\n"_s + yaml));
    auto reread = loadInventoryTexts({{u"written.yaml"_s, yaml.toStdString()}}, test::catalog());
    QVERIFY2(reread, qPrintable(test::errors(reread)));
    QCOMPARE(QString::fromUtf8(inventoryToYaml(reread->inventory)), yaml);
    QCOMPARE(reread->inventory.datasets.front().present, d.present);
    QCOMPARE(reread->inventory.flows.front().present, f.present);
}

void TestInventoryMerge::laterOverlayWins()
{
    auto merged = test::load({{"base.yaml", kBase}, {"overlay.yaml", kOverlay}, {"later.yaml", R"(atlas: 1
overlay: true
datasets:
  - {id: ru-customers, training_basis: none}
flows:
  - {id: ru-to-eu, notified: false}
)"}});
    QVERIFY2(merged, qPrintable(test::errors(merged)));
    QCOMPARE(merged->inventory.datasets.front().trainingBasis, std::optional(TrainingBasis::None));
    const Flow &f = merged->inventory.flows.front();
    QCOMPARE(f.notified, std::optional(false));
    QCOMPARE(f.assessed, QDate(2026, 10, 15)); // the later overlay left it out
}

QTEST_GUILESS_MAIN(TestInventoryMerge)
#include "tst_inventorymerge.moc"
