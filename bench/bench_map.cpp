// atlas-bench-map: times the residency map's "time to first picture" on one inventory — build
// the map model, lay it out with Graphviz, paint the whole scene — and expanding one collapsed
// cluster, after loading the inventory and checking it against the built-in pack once.
//
//   atlas-bench-map FILE [--repeat R] [--collapse-above N] [--open-down]
//
// --open-down: the expansion opens the biggest cluster down to its workloads (jurisdiction,
// country, region), as three double-clicks do, and times the last (the region opening).
//
// Prints one line of JSON: load, facts and evaluation times (once), median build, layout, paint
// and first-picture (build + layout + paint) times over R repeats, the map's node, edge and
// cluster counts, whether clusters collapsed, the median build + layout time after expanding
// the collapsed node with the most members (and how many workloads that then draws), the same
// opened on the picture before it with its places kept (expand_kept_ms: what the GUI does), and
// peak RSS. Paint is mappaint::paintScene into an ARGB32_Premultiplied QImage of the scene bounds
// at device pixel ratio 1, as `graph`'s PNG export does (image allocation and fill included).

#include "analysis.h"
#include "benchsupport.h"
#include "catalogimporter.h"
#include "inventoryimporter.h"
#include "mappainter.h"
#include "policyengine.h"
#include "policyimporter.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>

using namespace atlas;
using namespace atlas::bench;

int main(int argc, char **argv)
{
    // Painting needs fonts, not a display.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: atlas-bench-map FILE [--repeat R] [--collapse-above N]\n");
        return 2;
    }
    const QString file = args[1];
    int repeat = 3;
    MapOptions options; // defaults, as the GUI opens the map
    bool openDown = false;
    for (qsizetype i = 2; i < args.size(); i += 2) {
        if (args[i] == u"--open-down") {
            openDown = true;
            --i;
        } else if (i + 1 >= args.size()) {
            std::fprintf(stderr, "atlas-bench-map: %s needs a value\n", qPrintable(args[i]));
            return 2;
        } else if (args[i] == u"--repeat")
            repeat = std::max(1, args[i + 1].toInt());
        else if (args[i] == u"--collapse-above")
            options.collapseAbove = std::max(1, args[i + 1].toInt());
        else {
            std::fprintf(stderr, "atlas-bench-map: unknown option %s\n", qPrintable(args[i]));
            return 2;
        }
    }
    auto catalog = embeddedCatalog();
    if (!catalog)
        return 3;
    const long baseline = maxRssKiB();
    AnalysisRequest request;
    request.inputs = {file};
    request.catalog = *catalog;
    const auto analysis = analyse(request);
    if (!analysis) {
        std::fprintf(stderr, "atlas-bench-map: %s does not load\n", qPrintable(file));
        return 2;
    }
    const AnalysisSnapshot &a = **analysis;
    const Inventory &inv = *a.inventory;
    const PolicyFacts &facts = a.facts;
    const std::vector<Finding> &findings = a.findings;
    const double loadMs = double(a.timings.loadMs), factsMs = double(a.timings.factsMs), evalMs = double(a.timings.evaluateMs);
    auto start = Clock::now();

    const MapPalette palette = MapPalette::light();
    std::vector<double> buildMs, layoutMs, paintMs, totalMs;
    std::size_t nodes = 0, edges = 0, clusters = 0, collapsedNodes = 0;
    bool collapsed = false;
    QSize imageSize;
    QString expandId;
    int expandMembers = 0;
    for (int r = 0; r < repeat; ++r) {
        const auto first = Clock::now();
        start = first;
        MapGraph graph = buildMap(facts, findings, options);
        buildMs.push_back(msSince(start));
        start = Clock::now();
        auto scene = layoutMap(std::move(graph));
        layoutMs.push_back(msSince(start));
        if (!scene) {
            std::fprintf(stderr, "atlas-bench-map: layout failed: %s\n", qPrintable(scene.error()));
            return 3;
        }
        start = Clock::now();
        QImage image(scene->bounds.size().toSize(), QImage::Format_ARGB32_Premultiplied);
        if (image.isNull()) {
            std::fprintf(stderr, "atlas-bench-map: the map is too large for an image\n");
            return 3;
        }
        image.setDevicePixelRatio(1);
        image.fill(palette.background);
        {
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            p.setRenderHint(QPainter::TextAntialiasing);
            p.translate(-scene->bounds.topLeft());
            mappaint::paintScene(p, *scene, palette);
        }
        paintMs.push_back(msSince(start));
        totalMs.push_back(msSince(first));
        const MapGraph &g = scene->graph;
        nodes = g.nodes.size();
        edges = g.edges.size();
        clusters = g.clusters.size();
        collapsed = g.collapsedAny;
        imageSize = image.size();
        collapsedNodes = 0;
        expandId.clear();
        expandMembers = 0;
        for (const MapNode &n : g.nodes)
            if (n.collapsed) {
                ++collapsedNodes;
                if (n.members > expandMembers) {
                    expandMembers = n.members;
                    expandId = n.id;
                }
            }
    }

    // Expanding one cluster: the biggest collapsed node, as a double-click in the view does.
    std::vector<double> expandBuildMs, expandLayoutMs, expandMs, keptMs;
    std::size_t expandNodes = 0, expandEdges = 0, expandShown = 0; // shown: workloads drawn as themselves
    if (!expandId.isEmpty()) {
        MapOptions expand = options;
        expand.expanded = {expandId};
        for (int level = 0; openDown && level < 3; ++level) { // down to the biggest region's workloads
            const MapGraph g = buildMap(facts, findings, expand);
            QString next;
            int members = 0;
            for (const MapNode &n : g.nodes)
                if (n.collapsed && n.id.startsWith(expandId) && n.members > members) {
                    members = n.members;
                    next = n.id;
                }
            if (next.isEmpty())
                break;
            expand.expanded.insert(next);
            expandId = next;
            expandMembers = members;
        }
        // The GUI opens it on the picture before (MapPanel keeps its places): the same, timed.
        MapOptions before = expand;
        before.expanded.remove(expandId);
        auto shut = layoutMap(buildMap(facts, findings, before));
        const MapPositions kept = shut ? positionsOf(*shut) : MapPositions{};
        for (int r = 0; r < repeat; ++r) {
            const auto first = Clock::now();
            auto scene = layoutMap(buildMap(facts, findings, expand), kDefaultMapAspect, &kept);
            keptMs.push_back(msSince(first));
            if (!scene) {
                std::fprintf(stderr, "atlas-bench-map: kept layout failed: %s\n", qPrintable(scene.error()));
                return 3;
            }
        }
        for (int r = 0; r < repeat; ++r) {
            const auto first = Clock::now();
            MapGraph graph = buildMap(facts, findings, expand);
            expandBuildMs.push_back(msSince(first));
            start = Clock::now();
            auto scene = layoutMap(std::move(graph));
            expandLayoutMs.push_back(msSince(start));
            expandMs.push_back(msSince(first));
            if (!scene) {
                std::fprintf(stderr, "atlas-bench-map: layout failed: %s\n", qPrintable(scene.error()));
                return 3;
            }
            expandNodes = scene->graph.nodes.size();
            expandEdges = scene->graph.edges.size();
            expandShown = std::size_t(std::count_if(scene->graph.nodes.begin(), scene->graph.nodes.end(),
                                                    [](const MapNode &n) { return !n.collapsed; }));
        }
    }

    std::printf("{\"file\": %s, \"mib\": %.2f, \"workloads\": %zu, \"flows\": %zu, \"datasets\": %zu, "
                "\"load_ms\": %.1f, \"facts_ms\": %.1f, \"evaluate_ms\": %.1f, \"findings\": %zu, "
                "\"collapse_above\": %d, \"nodes\": %zu, \"collapsed_nodes\": %zu, \"edges\": %zu, \"clusters\": %zu, "
                "\"collapsed\": %s, \"image\": [%d, %d], \"build_ms\": %.1f, \"layout_ms\": %.1f, \"paint_ms\": %.1f, "
                "\"first_picture_ms\": %.1f, \"build_samples\": %s, \"layout_samples\": %s, \"paint_samples\": %s, "
                "\"first_picture_samples\": %s, \"expand_cluster\": %s, \"expand_members\": %d, \"expand_nodes\": %zu, "
                "\"expand_workload_nodes\": %zu, \"expand_edges\": %zu, \"expand_build_ms\": %.1f, \"expand_layout_ms\": %.1f, \"expand_ms\": %s, "
                "\"expand_samples\": %s, \"expand_kept_ms\": %s, \"peak_rss_mib\": %.1f, \"baseline_rss_mib\": %.1f, \"vmhwm_mib\": %.1f}\n",
                jsonString(QFileInfo(file).fileName()).c_str(), double(QFileInfo(file).size()) / (1024.0 * 1024.0),
                inv.workloads.size(), inv.flows.size(), inv.datasets.size(), loadMs, factsMs, evalMs, findings.size(),
                options.collapseAbove, nodes, collapsedNodes, edges, clusters, collapsed ? "true" : "false",
                imageSize.width(), imageSize.height(), median(buildMs), median(layoutMs), median(paintMs),
                median(totalMs), jsonArray(buildMs).c_str(), jsonArray(layoutMs).c_str(), jsonArray(paintMs).c_str(),
                jsonArray(totalMs).c_str(), expandId.isEmpty() ? "null" : jsonString(expandId).c_str(), expandMembers,
                expandNodes, expandShown, expandEdges, median(expandBuildMs), median(expandLayoutMs),
                expandMs.empty() ? "null" : QByteArray::number(median(expandMs), 'f', 1).constData(),
                jsonArray(expandMs).c_str(), keptMs.empty() ? "null" : QByteArray::number(median(keptMs), 'f', 1).constData(),
                double(maxRssKiB()) / 1024.0, double(baseline) / 1024.0,
                double(procStatusKiB("VmHWM")) / 1024.0);
    return 0;
}
