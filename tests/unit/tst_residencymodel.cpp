// The residency table model under QAbstractItemModelTester, on the bundled sample.
#include "residencymodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>

using namespace atlas;

class TestResidencyModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sample();
};

void TestResidencyModel::sample()
{
    auto loaded = loadInventory({QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml")}, test::catalog());
    QVERIFY(loaded);
    ResidencyModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto inventory = std::make_shared<const Inventory>(loaded->inventory);
    model.setResidency(inventory, std::make_shared<const std::vector<WorkloadResidency>>(resolveResidency(test::catalog(), *inventory)));
    QCOMPARE(model.rowCount(), int(loaded->inventory.workloads.size()));
    QCOMPARE(model.columnCount(), int(ResidencyModel::ColumnCount));
    int unknown = 0;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QModelIndex j = model.index(r, ResidencyModel::Jurisdiction);
        if (model.data(j, ResidencyModel::UnknownResidencyRole).toBool()) {
            ++unknown;
            QVERIFY(model.data(j).toString().startsWith(u"unknown"));
        }
    }
    QCOMPARE(unknown, 2); // legacy-ml-scratch (unknown) and edge-dns (aws:global)
    const QModelIndex first = model.index(0, ResidencyModel::Id);
    QVERIFY(model.data(first, ResidencyModel::SourceLineRole).toString().contains(u"northwind-ai.yaml:"));
    model.setResidency(nullptr, nullptr);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestResidencyModel)
#include "tst_residencymodel.moc"
