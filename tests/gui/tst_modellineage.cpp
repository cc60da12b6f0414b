// Model lineage in the window (revision 2b): weights that carry personal data by derivation are
// drawn apart on the map (dash-dotted, with what they carry and whence in the tooltip), the
// inspector names the derived carriage and its training flow, and RES-018 on the deployment is
// grouped under the training flow it stems from.
#include "catalogimporter.h"
#include "editingtest.h"
#include "findingroots.h"
#include "findingspanel.h"

#include <QLineEdit>
#include <QTest>
#include <QTextBrowser>

using namespace atlas;

class TestModelLineage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void derivedCarriageIsShown();
};

void TestModelLineage::derivedCarriageIsShown()
{
    static auto catalog = embeddedCatalog();
    QVERIFY(catalog);
    MainWindow window(**catalog);
    window.resize(1500, 950);
    window.show();
    QVERIFY(editing::openAndWait(window));
    MapView *map = window.mapPanel()->view();

    // The deployment to EU inference carries the EU patient records its model was trained on.
    const MapGraph &g = map->mapScene().graph;
    const auto edge = std::find_if(g.edges.begin(), g.edges.end(), [](const MapEdge &e) {
        return e.flows.contains(QStringLiteral("us-registry-to-eu-inference"));
    });
    QVERIFY(edge != g.edges.end());
    QCOMPARE(edge->stroke, EdgeStroke::Derived);
    QVERIFY(edge->derived.contains(QStringLiteral("eu-patient-records")));
    QVERIFY(edge->derivedFrom.contains(QStringLiteral("ehr-to-us-training")));
    QCOMPARE(edge->dataClass, Classification::Restricted);
    QVERIFY2(edge->tooltip.contains(u"derived from training data (model lineage): "), qPrintable(edge->tooltip));
    // The trainer's own weights to the registry are derived too, though the flow declares only
    // the public corpus; the aggregator derives nothing (it is not a trainer).
    const auto edgeOf = [&g](const char *flow) {
        return std::find_if(g.edges.begin(), g.edges.end(), [flow](const MapEdge &e) { return e.flows.contains(QString::fromLatin1(flow)); });
    };
    QVERIFY(edgeOf("training-to-us-registry")->derived.contains(QStringLiteral("eu-patient-records")));
    QVERIFY(edgeOf("aggregator-to-us-registry")->derived.isEmpty());

    // RES-018 on the deployment is listed under its root, the flow into training.
    FindingsPanel *panel = window.findingsPanel();
    const QModelIndex group = panel->model()->indexOfRoot(QStringLiteral("flow:ehr-to-us-training"));
    QVERIFY(panel->model()->isGroup(group));
    bool deployment = false;
    for (int r = 0; r < panel->model()->rowCount(group); ++r) {
        const Finding *f = panel->model()->finding(panel->model()->index(r, 0, group));
        deployment = deployment || (f && f->rule == u"RES-018" && f->subjectId == u"us-registry-to-eu-inference");
    }
    QVERIFY(deployment);

    // Selecting the deployment flow: the inspector says what it carries by derivation.
    QVERIFY(map->selectFlow(QStringLiteral("us-registry-to-eu-inference")));
    Q_EMIT map->flowsSelected({QStringLiteral("us-registry-to-eu-inference")});
    QCoreApplication::processEvents();
    const QString inspector = window.inspector()->toPlainText();
    QVERIFY2(inspector.contains(u"derived carriage"), qPrintable(inspector));
    QVERIFY2(inspector.contains(u"eu-patient-records (derived from ehr-to-us-training)"), qPrintable(inspector));

    const QString shots = qEnvironmentVariable("ATLAS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        map->fit();
        QTest::qWait(50);
        QVERIFY(window.grab().save(shots + QStringLiteral("/model-lineage.png")));
    }
}

QTEST_MAIN(TestModelLineage)
#include "tst_modellineage.moc"
