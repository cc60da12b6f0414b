// The region map's arrangement (issue 18), checked as properties of the layout rather than "it
// draws": its shape follows the aspect asked for (not a column), no two clusters overlap, every
// node sits in its cluster and no two nodes overlap, no title is cut, and a region of 1,500
// workloads without flows opens (its cards packed without Graphviz).
#include "mapgraph.h"
#include "mappainter.h"
#include "policyengine.h"
#include "policyimporter.h"
#include "testsupport.h"

#include <QFile>
#include <QFontMetricsF>

using namespace atlas;
using namespace Qt::StringLiterals;

namespace {

struct Map
{
    LoadedInventory loaded;
    std::unique_ptr<PolicyFacts> facts;
    std::vector<Finding> findings;
};

std::unique_ptr<Map> load(const QByteArray &yaml)
{
    auto m = std::make_unique<Map>();
    auto loaded = test::load({{"map.yaml", yaml.constData()}});
    if (!loaded)
        return nullptr;
    m->loaded = std::move(*loaded);
    m->facts = std::make_unique<PolicyFacts>(derivePolicyFacts(test::catalog(), m->loaded.inventory));
    auto packs = loadPolicies({}, test::catalog());
    if (!packs)
        return nullptr;
    m->findings = evaluatePolicies(*packs->rules, *m->facts);
    return m;
}

QByteArray sampleText()
{
    QFile file(QStringLiteral(ATLAS_SOURCE_DIR "/resources/samples/northwind-ai.yaml"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// `count` workloads in one region and no flow: what an untagged cloud export looks like.
QByteArray oneRegion(int count)
{
    QByteArray yaml = "atlas: 1\nworkloads:\n";
    for (int i = 0; i < count; ++i)
        yaml += "  - {id: vm-" + QByteArray::number(i) + ", name: Instance " + QByteArray::number(i)
            + ", kind: application, location: aws:us-east-1}\n";
    return yaml;
}

// Opens every collapsed cluster until each workload is drawn itself.
MapGraph openAll(const Map &m, MapOptions options)
{
    MapGraph g = buildMap(*m.facts, m.findings, options);
    for (int round = 0; round < 4 && g.collapsedAny; ++round) {
        for (const MapNode &n : g.nodes)
            if (n.collapsed)
                options.expanded.insert(n.id);
        g = buildMap(*m.facts, m.findings, options);
    }
    return g;
}

bool isAncestor(const MapGraph &g, int ancestor, int c)
{
    for (; c >= 0; c = g.clusters[std::size_t(c)].parent)
        if (c == ancestor)
            return true;
    return false;
}

// Every layout property the map promises; an empty string when all hold.
QString problems(const MapScene &scene)
{
    const MapGraph &g = scene.graph;
    const LayoutResult &l = scene.layout;
    QStringList out;
    for (std::size_t a = 0; a < g.clusters.size(); ++a)
        for (std::size_t b = a + 1; b < g.clusters.size(); ++b) {
            const bool nested = isAncestor(g, int(a), int(b)) || isAncestor(g, int(b), int(a));
            if (nested && !l.clusters[std::min(a, b)].contains(l.clusters[std::max(a, b)]))
                out << u"cluster %1 is not inside %2"_s.arg(g.clusters[std::max(a, b)].key, g.clusters[std::min(a, b)].key);
            if (!nested && l.clusters[a].intersects(l.clusters[b]))
                out << u"clusters %1 and %2 overlap"_s.arg(g.clusters[a].key, g.clusters[b].key);
        }
    for (std::size_t n = 0; n < g.nodes.size(); ++n) {
        const MapNode &node = g.nodes[n];
        if (node.cluster >= 0 && !l.clusters[std::size_t(node.cluster)].contains(l.nodes[n]))
            out << u"node %1 is outside its cluster"_s.arg(node.id);
        // The title and subtitle, wrapped to the card's text area, fit in it: nothing is cut.
        const QRectF text = mappaint::nodeTextRect(l.nodes[n]);
        const double needed = QFontMetricsF(mappaint::titleFont()).boundingRect(QRectF(0, 0, text.width(), 1e4), Qt::TextWordWrap, node.title).height()
            + QFontMetricsF(mappaint::smallFont()).boundingRect(QRectF(0, 0, text.width(), 1e4), Qt::TextWordWrap, node.subtitle).height();
        if (needed > text.height() + 0.5)
            out << u"node %1's text needs %2 points, has %3"_s.arg(node.id).arg(needed).arg(text.height());
    }
    for (std::size_t c = 0; c < g.clusters.size(); ++c) {
        const MapCluster &cluster = g.clusters[c];
        const QFontMetricsF fm(mappaint::clusterFont(std::clamp(cluster.level, 0, 2)));
        if (fm.horizontalAdvance(cluster.label) + 10 > mappaint::clusterLabelRect(cluster, l.clusters[c]).width() + 0.5)
            out << u"cluster title '%1' is cut"_s.arg(cluster.label);
    }
    return out.join(u'\n');
}

// Cards never overlap (checked apart: O(n²) over the nodes).
QString overlappingNodes(const MapScene &scene)
{
    const auto &nodes = scene.layout.nodes;
    std::vector<std::size_t> order(nodes.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return nodes[a].left() < nodes[b].left(); });
    for (std::size_t i = 0; i < order.size(); ++i)
        for (std::size_t j = i + 1; j < order.size() && nodes[order[j]].left() < nodes[order[i]].right(); ++j)
            if (nodes[order[i]].intersects(nodes[order[j]]))
                return scene.graph.nodes[order[i]].id + u" overlaps "_s + scene.graph.nodes[order[j]].id;
    return {};
}

double aspectOf(const MapScene &scene)
{
    return scene.layout.bounds.width() / scene.layout.bounds.height();
}

} // namespace

class TestMapLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampleFillsTheScreen_data();
    void sampleFillsTheScreen();
    void oneRegionIsNotAColumn();
    void largeRegionOpens();
    void labelsSayWhatTheEdgeCarries();
    void filterKeepsPlaces();
    void openingARegionKeepsItsPlace();
    void strangePlacesStillDoNotOverlap();
    void bundlesSayHowManyFlows();
};

void TestMapLayout::sampleFillsTheScreen_data()
{
    QTest::addColumn<double>("aspect");
    QTest::newRow("default (landscape page)") << kDefaultMapAspect;
    QTest::newRow("laptop window 1440×800") << 1440.0 / 800.0;
    QTest::newRow("portrait 800×1200") << 800.0 / 1200.0;
}

void TestMapLayout::sampleFillsTheScreen()
{
    QFETCH(double, aspect);
    auto m = load(sampleText());
    QVERIFY(m);
    auto scene = layoutMap(buildMap(*m->facts, m->findings, MapOptions{}), aspect);
    QVERIFY2(scene, scene ? "" : qPrintable(scene.error()));
    QCOMPARE(scene->graph.nodes.size(), m->loaded.inventory.workloads.size());
    const double shape = aspectOf(*scene);
    QVERIFY2(shape >= 0.5 && shape <= 2.0, qPrintable(u"aspect %1"_s.arg(shape)));
    const QString found = problems(*scene);
    QVERIFY2(found.isEmpty(), qPrintable(found));
    const QString overlap = overlappingNodes(*scene);
    QVERIFY2(overlap.isEmpty(), qPrintable(overlap));
    QCOMPARE(scene->layout.edges.size(), scene->graph.edges.size());
    for (std::size_t e = 0; e < scene->graph.edges.size(); ++e)
        QVERIFY(!scene->layout.edges[e].isEmpty());
}

// 48 workloads in one region without a flow (a real AWS Config import looks like this) used to
// be one column 7,408 px tall.
void TestMapLayout::oneRegionIsNotAColumn()
{
    auto m = load(oneRegion(48));
    QVERIFY(m);
    auto scene = layoutMap(buildMap(*m->facts, m->findings, MapOptions{}));
    QVERIFY(scene);
    QCOMPARE(scene->graph.nodes.size(), std::size_t(48));
    const double shape = aspectOf(*scene);
    QVERIFY2(shape >= 0.5 && shape <= 2.0, qPrintable(u"aspect %1"_s.arg(shape)));
    QVERIFY2(problems(*scene).isEmpty(), qPrintable(problems(*scene)));
    QVERIFY2(overlappingNodes(*scene).isEmpty(), qPrintable(overlappingNodes(*scene)));
}

void TestMapLayout::largeRegionOpens()
{
    auto m = load(oneRegion(1500));
    QVERIFY(m);
    MapOptions options; // collapses above 300 visible workloads
    const MapGraph shut = buildMap(*m->facts, m->findings, options);
    QVERIFY(shut.collapsedAny);
    const MapGraph g = openAll(*m, options);
    QVERIFY(g.refusedExpansions.isEmpty());
    QVERIFY(!g.collapsedAny);
    QCOMPARE(g.nodes.size(), std::size_t(1500));
    auto scene = layoutMap(g);
    QVERIFY(scene);
    const double shape = aspectOf(*scene);
    QVERIFY2(shape >= 0.5 && shape <= 2.0, qPrintable(u"aspect %1"_s.arg(shape)));
    QVERIFY2(overlappingNodes(*scene).isEmpty(), qPrintable(overlappingNodes(*scene)));
    QVERIFY2(problems(*scene).isEmpty(), qPrintable(problems(*scene)));
}

void TestMapLayout::labelsSayWhatTheEdgeCarries()
{
    auto m = load(sampleText());
    QVERIFY(m);
    const MapGraph g = buildMap(*m->facts, m->findings, MapOptions{});
    const auto it = std::find_if(g.edges.begin(), g.edges.end(),
                                 [](const MapEdge &e) { return e.flows.contains(u"ehr-to-us-training"_s); });
    QVERIFY(it != g.edges.end());
    QVERIFY(it->datasets.contains(u"eu-patient-records"_s));
    QVERIFY(it->tooltip.contains(u"carries: "_s + it->datasets.join(u", "_s)));
    MapEdge labelled = *it;
    labelled.showLabel = true;
    const QString label = mappaint::edgeLabel(labelled);
    QVERIFY2(label.startsWith(it->datasets.first()), qPrintable(label));
    QVERIFY2(label.contains(u" · "_s + it->forms.first()), qPrintable(label));
    QVERIFY2(label.contains(u"⚠%1"_s.arg(it->findings)), qPrintable(label));
    labelled.showLabel = false;
    QVERIFY(mappaint::edgeLabel(labelled).isEmpty());
}

namespace {

QHash<QString, QRectF> nodeRects(const MapScene &scene)
{
    QHash<QString, QRectF> out;
    for (std::size_t n = 0; n < scene.graph.nodes.size(); ++n)
        out.insert(scene.graph.nodes[n].id, scene.layout.nodes[n]);
    return out;
}

QString moved(const MapScene &before, const MapScene &after)
{
    const QHash<QString, QRectF> was = nodeRects(before);
    QStringList out;
    for (std::size_t n = 0; n < after.graph.nodes.size(); ++n) {
        const QString &id = after.graph.nodes[n].id;
        if (was.contains(id) && was[id].topLeft() != after.layout.nodes[n].topLeft())
            out << u"%1 moved from (%2, %3) to (%4, %5)"_s.arg(id).arg(was[id].x()).arg(was[id].y())
                       .arg(after.layout.nodes[n].x()).arg(after.layout.nodes[n].y());
    }
    return out.join(u'\n');
}

} // namespace

// Item 4 of issue 18: a filter keeps what stays where it was, and taking the filter off again
// gives back the arrangement the user started from, exactly.
void TestMapLayout::filterKeepsPlaces()
{
    auto m = load(sampleText());
    QVERIFY(m);
    auto full = layoutMap(buildMap(*m->facts, m->findings, MapOptions{}));
    QVERIFY(full);
    MapPositions kept = positionsOf(*full);
    MapOptions filtered;
    filtered.onlyFindings = true;
    filtered.classifications = {Classification::Restricted};
    auto fewer = layoutMap(buildMap(*m->facts, m->findings, filtered), 0.7, &kept); // another shape: kept all the same
    QVERIFY(fewer);
    QVERIFY(fewer->graph.nodes.size() < full->graph.nodes.size() && fewer->graph.nodes.size() > 5);
    QCOMPARE(moved(*full, *fewer), QString());
    QVERIFY2(problems(*fewer).isEmpty(), qPrintable(problems(*fewer)));
    for (auto [key, at] : positionsOf(*fewer).asKeyValueRange())
        kept.insert(key, at);
    auto back = layoutMap(buildMap(*m->facts, m->findings, MapOptions{}), 1.6, &kept);
    QVERIFY(back);
    QCOMPARE(moved(*full, *back), QString());
    QCOMPARE(back->layout.bounds.topLeft(), full->layout.bounds.topLeft());
    for (std::size_t c = 0; c < full->layout.clusters.size(); ++c) // a tile's Graphviz block measured its curves too
        QCOMPARE(back->layout.clusters[c].topLeft(), full->layout.clusters[c].topLeft());
}

// A collapsed cluster opened where its summary node was; everything else keeps its column and
// at most moves down to make room (never up, never sideways), and nothing overlaps.
void TestMapLayout::openingARegionKeepsItsPlace()
{
    auto m = load(sampleText());
    QVERIFY(m);
    MapOptions options;
    options.collapseAbove = 12;
    auto shut = layoutMap(buildMap(*m->facts, m->findings, options));
    QVERIFY(shut && shut->graph.collapsedAny);
    const auto summary = std::max_element(shut->graph.nodes.begin(), shut->graph.nodes.end(), [](const MapNode &a, const MapNode &b) {
        return a.collapsed * a.members < b.collapsed * b.members;
    });
    QVERIFY(summary->collapsed && summary->members > 2);
    const QRectF was = shut->layout.nodes[std::size_t(summary - shut->graph.nodes.begin())];
    const MapPositions kept = positionsOf(*shut);
    options.expanded.insert(summary->id);
    auto open = layoutMap(buildMap(*m->facts, m->findings, options), 1.6, &kept);
    QVERIFY(open);
    const auto cluster = std::find_if(open->graph.clusters.begin(), open->graph.clusters.end(),
                                      [&](const MapCluster &c) { return c.key == summary->id; });
    QVERIFY(cluster != open->graph.clusters.end());
    // In its column; lower only when something above it in reading order is in its way now it is wide.
    const QRectF opened = open->layout.clusters[std::size_t(cluster - open->graph.clusters.begin())];
    QCOMPARE(opened.x(), was.x());
    QVERIFY(opened.y() >= was.y() && opened.y() < was.bottom());
    const QHash<QString, QRectF> before = nodeRects(*shut);
    int same = 0;
    for (std::size_t n = 0; n < open->graph.nodes.size(); ++n) {
        const QString &id = open->graph.nodes[n].id;
        if (!before.contains(id))
            continue;
        QCOMPARE(open->layout.nodes[n].x(), before[id].x());
        QVERIFY2(open->layout.nodes[n].y() >= before[id].y(), qPrintable(id));
        same += open->layout.nodes[n].y() == before[id].y();
    }
    QVERIFY(same > 0);
    QVERIFY2(problems(*open).isEmpty(), qPrintable(problems(*open)));
    QVERIFY2(overlappingNodes(*open).isEmpty(), qPrintable(overlappingNodes(*open)));
}

// Places from a damaged workspace or another inventory: all on one spot. The cards are still
// laid apart (pushed down one below another), inside their region, in O(n²).
void TestMapLayout::strangePlacesStillDoNotOverlap()
{
    auto m = load(oneRegion(1500));
    QVERIFY(m);
    const MapGraph g = openAll(*m, MapOptions{});
    MapPositions strange;
    for (const MapNode &n : g.nodes)
        strange.insert(u"n:"_s + n.id, QPointF(n.id.size() % 2 ? -40 : 0, 0));
    for (const MapCluster &c : g.clusters)
        strange.insert(u"c:"_s + c.key, QPointF(0, 0));
    auto scene = layoutMap(g, 1.6, &strange);
    QVERIFY(scene);
    QVERIFY2(overlappingNodes(*scene).isEmpty(), qPrintable(overlappingNodes(*scene)));
    QVERIFY2(problems(*scene).isEmpty(), qPrintable(problems(*scene)));
}

// Flows between two top-level tiles in one direction form one bundle with one count: every
// such pair of tiles with two lines or more has exactly one, its count is the flows merged into
// its lines, and neither a card nor another line's label covers it.
void TestMapLayout::bundlesSayHowManyFlows()
{
    auto m = load(sampleText());
    QVERIFY(m);
    auto scene = layoutMap(buildMap(*m->facts, m->findings, MapOptions{}));
    QVERIFY(scene);
    const MapGraph &g = scene->graph;
    const auto top = [&](int node) {
        int c = g.nodes[std::size_t(node)].cluster;
        while (c >= 0 && g.clusters[std::size_t(c)].parent >= 0)
            c = g.clusters[std::size_t(c)].parent;
        return c;
    };
    QMap<std::pair<int, int>, QList<int>> expected;
    for (std::size_t e = 0; e < g.edges.size(); ++e)
        if (top(g.edges[e].from) != top(g.edges[e].to))
            expected[{top(g.edges[e].from), top(g.edges[e].to)}] << int(e);
    QMap<std::pair<int, int>, QList<int>> found;
    for (const LayoutBundle &b : scene->layout.bundles) {
        const std::pair<int, int> pair{top(g.edges[std::size_t(b.edges.front())].from), top(g.edges[std::size_t(b.edges.front())].to)};
        QVERIFY(!found.contains(pair));
        found[pair] = QList<int>(b.edges.begin(), b.edges.end());
        int flows = 0;
        for (int e : b.edges)
            flows += int(g.edges[std::size_t(e)].flows.size());
        const mappaint::BundleLook look = mappaint::bundleLook(g, b);
        QVERIFY2(look.text.startsWith(u"%1 flows"_s.arg(flows)), qPrintable(look.text));
        for (const QRectF &card : scene->layout.nodes)
            QVERIFY2(!card.intersects(look.rect), qPrintable(look.text));
        for (std::size_t e = 0; e < g.edges.size(); ++e) {
            const QSizeF label = mappaint::edgeLabelSize(mappaint::edgeLabel(g.edges[e]));
            if (!label.isEmpty())
                QVERIFY(!QRectF(scene->layout.edgeLabels[e] - QPointF(label.width() / 2, label.height() / 2), label).intersects(look.rect));
        }
    }
    for (auto it = expected.begin(); it != expected.end();)
        it = it->size() < 2 ? expected.erase(it) : std::next(it);
    QCOMPARE(found, expected);
    // EU → US, as the overview counts it: 13 flows in one bundle.
    const auto eu = std::find_if(g.clusters.begin(), g.clusters.end(), [](const MapCluster &c) { return c.key == u"EU"_s; }) - g.clusters.begin();
    const auto us = std::find_if(g.clusters.begin(), g.clusters.end(), [](const MapCluster &c) { return c.key == u"US"_s; }) - g.clusters.begin();
    int euToUs = 0;
    for (int e : found.value({int(eu), int(us)}))
        euToUs += int(g.edges[std::size_t(e)].flows.size());
    QCOMPARE(euToUs, 13);
    for (std::size_t i = 0; i < scene->layout.bundles.size(); ++i)
        for (std::size_t j = i + 1; j < scene->layout.bundles.size(); ++j)
            QVERIFY(!mappaint::bundleLook(g, scene->layout.bundles[i]).rect.intersects(mappaint::bundleLook(g, scene->layout.bundles[j]).rect));
    // Collapsed into summary cards, a bundled line gives its label up to the bundle's count.
    MapOptions collapsed;
    collapsed.collapseAbove = 30;
    auto shut = layoutMap(buildMap(*m->facts, m->findings, collapsed));
    QVERIFY(shut && shut->graph.collapsedAny && !shut->layout.bundles.empty());
    for (const LayoutBundle &b : shut->layout.bundles)
        for (int e : b.edges)
            QVERIFY(mappaint::edgeLabel(shut->graph.edges[std::size_t(e)]).isEmpty());
}

QTEST_MAIN(TestMapLayout)
#include "tst_maplayout.moc"
