// The Graphviz wrapper on small graphs, and the map built on it: clusters contain their nodes,
// every edge has a path, parallel flows merge, lineage focus shows exactly the dataset's
// reach, filters hide what they say, large inventories collapse.
#include "graphlayout.h"
#include "mapgraph.h"
#include "mappainter.h"
#include "policyengine.h"
#include "policyimporter.h"
#include "testsupport.h"

#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>

using namespace atlas;

namespace {

struct Fixture
{
    LoadedInventory loaded;
    std::unique_ptr<RuleSet> rules;
    std::unique_ptr<PolicyFacts> facts;
    std::vector<Finding> findings;
};

std::unique_ptr<Fixture> sample(const QString &path = QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml"))
{
    auto f = std::make_unique<Fixture>();
    auto loaded = loadInventory({path}, test::catalog());
    if (!loaded)
        return nullptr;
    f->loaded = std::move(*loaded);
    auto packs = loadPolicies({}, test::catalog());
    f->rules = std::move(packs->rules);
    f->facts = std::make_unique<PolicyFacts>(derivePolicyFacts(test::catalog(), f->loaded.inventory));
    f->findings = evaluatePolicies(*f->rules, *f->facts);
    return f;
}

} // namespace

class TestGraphLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clustersContainTheirNodes();
    void badEdgeIsAnError();
    void sampleMap();
    void parallelFlowsMerge();
    void lineageFocusShowsTheReach();
    void filters();
    void collapsesLargeInventories();
    void countryPlacedVendorsAreNotOwnPremises();
};

void TestGraphLayout::clustersContainTheirNodes()
{
    LayoutRequest r;
    r.clusters = {{QStringLiteral("EU"), -1}, {QStringLiteral("DE"), 0}, {QStringLiteral("US"), -1}};
    r.nodes = {{QSizeF(120, 40), 1, QStringLiteral("a")}, {QSizeF(120, 40), 1, QStringLiteral("b")},
               {QSizeF(100, 40), 0, QStringLiteral("c")}, {QSizeF(100, 40), 2, QStringLiteral("d")}, {QSizeF(80, 30), -1, QStringLiteral("e")}};
    r.edges = {{0, 1}, {1, 3}, {2, 3}, {3, 4}, {0, 3}};
    auto l = layoutGraph(r);
    QVERIFY2(l, qPrintable(l ? QString() : l.error()));
    QCOMPARE(l->nodes.size(), r.nodes.size());
    QCOMPARE(l->edges.size(), r.edges.size());
    for (std::size_t n = 0; n < r.nodes.size(); ++n) {
        QCOMPARE(l->nodes[n].size(), r.nodes[n].size); // fixed sizes are kept
        QVERIFY(l->bounds.contains(l->nodes[n]));
        for (int c = r.nodes[n].cluster; c >= 0; c = r.clusters[std::size_t(c)].parent)
            QVERIFY2(l->clusters[std::size_t(c)].contains(l->nodes[n]), qPrintable(QStringLiteral("node %1 cluster %2").arg(n).arg(c)));
    }
    QVERIFY(!l->clusters[0].intersects(l->clusters[2])); // EU and US apart
    for (std::size_t e = 0; e < r.edges.size(); ++e) {
        QVERIFY(!l->edges[e].isEmpty());
        QVERIFY(!std::isnan(l->arrowTips[e].x()));
        // The arrow ends at the target node.
        QVERIFY(l->nodes[std::size_t(r.edges[e].to)].adjusted(-2, -2, 2, 2).contains(l->arrowTips[e]));
    }
    QVERIFY(l->dot.contains(u"digraph"));
    QVERIFY(l->dot.contains(u"label=a"));
}

void TestGraphLayout::badEdgeIsAnError()
{
    LayoutRequest r;
    r.nodes = {{QSizeF(10, 10), -1, {}}};
    r.edges = {{0, 5}};
    QVERIFY(!layoutGraph(r));
}

void TestGraphLayout::sampleMap()
{
    auto f = sample();
    QVERIFY(f);
    const MapGraph g = buildMap(*f->facts, f->findings, MapOptions{});
    QCOMPARE(g.nodes.size(), f->loaded.inventory.workloads.size());
    qsizetype flows = 0;
    for (const MapEdge &e : g.edges)
        flows += e.flows.size();
    QCOMPARE(flows, qsizetype(f->loaded.inventory.flows.size()));
    // Nested clusters: jurisdiction → country → region, parents first.
    for (std::size_t c = 0; c < g.clusters.size(); ++c)
        if (g.clusters[c].parent >= 0) {
            QVERIFY(std::size_t(g.clusters[c].parent) < c);
            QCOMPARE(g.clusters[std::size_t(g.clusters[c].parent)].level, g.clusters[c].level - 1);
        }
    // Findings reach the map: the EHR → US training flow is red.
    bool red = false;
    for (const MapEdge &e : g.edges)
        red |= e.flows.contains(QStringLiteral("ehr-to-us-training")) && e.findings > 0 && e.crossJurisdiction;
    QVERIFY(red);
    auto scene = layoutMap(g);
    QVERIFY(scene);
    for (std::size_t n = 0; n < g.nodes.size(); ++n)
        QVERIFY(scene->layout.clusters[std::size_t(g.nodes[n].cluster)].contains(scene->layout.nodes[n]));
}

void TestGraphLayout::parallelFlowsMerge()
{
    auto loaded = test::load({{"p.yaml", R"(atlas: 1
datasets:
  - {id: a, classification: operational, origin: EU}
  - {id: b, classification: restricted, origin: EU, categories: [personal]}
workloads:
  - {id: x, kind: application, location: aws:eu-central-1}
  - {id: y, kind: analytics, location: aws:us-east-1}
flows:
  - {id: f1, from: x, to: y, carries: [a], form: aggregated}
  - {id: f2, from: x, to: y, carries: [b], form: pseudonymised}
  - {id: f3, from: y, to: x, carries: [a], form: metrics}
)"}});
    QVERIFY(loaded);
    const PolicyFacts facts = derivePolicyFacts(test::catalog(), loaded->inventory);
    const MapGraph g = buildMap(facts, {}, MapOptions{});
    QCOMPARE(g.edges.size(), std::size_t(2));
    QCOMPARE(g.edges[0].flows, (QStringList{QStringLiteral("f1"), QStringLiteral("f2")}));
    QCOMPARE(g.edges[0].dataClass, Classification::Restricted); // the most sensitive carried
    QCOMPARE(g.edges[0].stroke, EdgeStroke::Dashed);            // the most personal form
    QVERIFY(g.edges[0].crossJurisdiction && g.edges[0].crossBorder);
    QCOMPARE(g.edges[1].stroke, EdgeStroke::Dotted);
}

void TestGraphLayout::lineageFocusShowsTheReach()
{
    auto f = sample();
    QVERIFY(f);
    const QString dataset = QStringLiteral("eu-patient-records");
    MapOptions options;
    options.dataset = dataset;
    const MapGraph g = buildMap(*f->facts, f->findings, options);
    const int d = f->loaded.inventory.datasetIndex(dataset);
    QSet<QString> reach;
    for (std::uint32_t s : f->facts->datasets[std::size_t(d)].reaches)
        reach.insert(f->facts->symbols.name(s));
    QSet<QString> visible;
    for (const MapNode &n : g.nodes)
        if (!n.faded)
            visible.insert(n.id);
    QVERIFY(!visible.isEmpty());
    for (const QString &id : visible)
        QVERIFY2(reach.contains(id), qPrintable(id));
    for (const Workload &w : f->loaded.inventory.workloads)
        if (reach.contains(w.id))
            QVERIFY2(visible.contains(w.id), qPrintable(w.id));
    // Edges in focus carry the dataset between reached workloads.
    for (const MapEdge &e : g.edges)
        if (!e.faded) {
            QVERIFY(visible.contains(g.nodes[std::size_t(e.from)].id));
            QVERIFY(visible.contains(g.nodes[std::size_t(e.to)].id));
        }
}

void TestGraphLayout::filters()
{
    auto f = sample();
    QVERIFY(f);
    MapOptions cross;
    cross.onlyCrossBorder = true;
    const MapGraph c = buildMap(*f->facts, f->findings, cross);
    for (const MapEdge &e : c.edges)
        QVERIFY(e.crossBorder);
    QVERIFY(c.hiddenFlows > 0);
    QCOMPARE(c.hiddenWorkloads + int(c.nodes.size()), int(f->loaded.inventory.workloads.size()));
    MapOptions eu;
    eu.jurisdictions = {QStringLiteral("EU")};
    const MapGraph e = buildMap(*f->facts, f->findings, eu);
    for (const MapNode &n : e.nodes)
        QCOMPARE(e.clusters[std::size_t(n.cluster)].key.section(u'/', 0, 0), QStringLiteral("EU"));
    MapOptions findingsOnly;
    findingsOnly.onlyFindings = true;
    const MapGraph o = buildMap(*f->facts, f->findings, findingsOnly);
    for (const MapEdge &edge : o.edges)
        QVERIFY(edge.findings > 0);
}

void TestGraphLayout::collapsesLargeInventories()
{
    auto f = sample();
    QVERIFY(f);
    MapOptions options;
    options.collapseAbove = 12;
    const MapGraph g = buildMap(*f->facts, f->findings, options);
    QVERIFY(g.collapsedAny);
    QVERIFY(int(g.nodes.size()) <= 12);
    int members = 0;
    for (const MapNode &n : g.nodes)
        members += n.collapsed ? n.members : 1;
    QCOMPARE(members, int(f->loaded.inventory.workloads.size()));
    // Expanding a collapsed cluster opens it one level: its children appear, collapsed.
    const auto biggest = std::max_element(g.nodes.begin(), g.nodes.end(),
                                          [](const MapNode &a, const MapNode &b) { return a.members < b.members; });
    QVERIFY(biggest->collapsed);
    options.expanded = {biggest->id};
    const MapGraph h = buildMap(*f->facts, f->findings, options);
    int children = 0, total = 0;
    for (const MapNode &n : h.nodes) {
        children += n.id.startsWith(biggest->id + u'/') ? 1 : 0;
        total += n.collapsed ? n.members : 1;
    }
    QVERIFY(children >= 2);
    QCOMPARE(int(h.nodes.size()), int(g.nodes.size()) - 1 + children);
    QCOMPARE(total, int(f->loaded.inventory.workloads.size()));
    // Down to a region: its workloads are drawn themselves.
    QString region;
    for (const MapNode &n : h.nodes)
        if (n.id.startsWith(biggest->id + u'/'))
            region = n.id;
    options.expanded.insert(region);
    const MapGraph k = buildMap(*f->facts, f->findings, options);
    QString deeper;
    for (const MapNode &n : k.nodes)
        if (n.collapsed && n.id.startsWith(region + u'/'))
            deeper = n.id;
    if (!deeper.isEmpty()) { // a country: open one of its regions
        options.expanded.insert(deeper);
        const MapGraph m = buildMap(*f->facts, f->findings, options);
        QVERIFY(std::any_of(m.nodes.begin(), m.nodes.end(), [](const MapNode &n) { return !n.collapsed; }));
        QVERIFY(m.refusedExpansions.isEmpty());
        QVERIFY(layoutMap(m));
    }
    // A region holding more workloads than the threshold opens when asked (its cards are packed)...
    MapOptions all = options;
    all.collapseAbove = 1;
    all.grouping = MapGrouping::Jurisdiction;
    all.expanded = {QStringLiteral("US")};
    const MapGraph opened = buildMap(*f->facts, f->findings, all);
    QVERIFY(opened.refusedExpansions.isEmpty());
    QVERIFY(std::any_of(opened.nodes.begin(), opened.nodes.end(), [](const MapNode &n) { return !n.collapsed; }));
    // ...up to the open limit, above which it stays shut, and says so.
    all.openLimit = 2;
    const MapGraph refused = buildMap(*f->facts, f->findings, all);
    QCOMPARE(refused.refusedExpansions, QStringList{QStringLiteral("US")});
}

// A workload located by a country code alone is ours (own premises) unless a third party runs
// it: an external vendor there is drawn under "third parties", a catalog operator under its name.
void TestGraphLayout::countryPlacedVendorsAreNotOwnPremises()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("vendors.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("atlas: 1\nworkloads:\n"
               "  - {id: ours, kind: application, location: US}\n"
               "  - {id: vendor, kind: saas, location: US, external: true, operator_hq: US}\n"
               "  - {id: hosted, kind: application, location: US, operator: ovhcloud}\n");
    file.close();
    auto f = sample(path);
    QVERIFY(f);
    const MapGraph g = buildMap(*f->facts, f->findings, MapOptions{});
    QMap<QString, QString> regionOf;
    for (const MapNode &n : g.nodes)
        regionOf.insert(n.id, g.clusters[std::size_t(n.cluster)].label);
    QCOMPARE(regionOf.value(QStringLiteral("ours")), QStringLiteral("own premises"));
    QCOMPARE(regionOf.value(QStringLiteral("vendor")), QStringLiteral("third parties"));
    QCOMPARE(regionOf.value(QStringLiteral("hosted")), QStringLiteral("OVHcloud (operated)"));
}

QTEST_MAIN(TestGraphLayout)
#include "tst_graphlayout.moc"
