// atlas-bench-overview: times the jurisdiction overview (issue 18: "overview of a 10^6-flow
// inventory under 1 s") — aggregate the flows, access entries and findings into one cell per
// (origin, destination) pair, lay the overview graph out with Graphviz, and lay out the matrix —
// after loading the inventory and checking it against the built-in pack once.
//
//   atlas-bench-overview FILE [--repeat R]
//
// Prints one line of JSON: load, facts and evaluation times (once), then the median build,
// layout, matrix and total (build + layout + matrix) times over R repeats with every sample,
// the overview's size (jurisdictions, pairs, edges) and peak RSS. Painting is not included:
// the picture has ~10 boxes and ~20 edges whatever the inventory's size.

#include "analysis.h"
#include "benchsupport.h"
#include "catalogimporter.h"
#include "overviewmap.h"
#include "overviewmatrix.h"

#include <QFileInfo>
#include <QGuiApplication>

using namespace atlas;
using namespace atlas::bench;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen"); // text metrics need fonts, not a display
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: atlas-bench-overview FILE [--repeat R]\n");
        return 2;
    }
    const QString file = args[1];
    int repeat = 5;
    for (qsizetype i = 2; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--repeat")
            repeat = std::max(1, args[i + 1].toInt());
        else {
            std::fprintf(stderr, "atlas-bench-overview: unknown option %s\n", qPrintable(args[i]));
            return 2;
        }
    }
    auto catalog = embeddedCatalog();
    if (!catalog)
        return 3;
    AnalysisRequest request;
    request.inputs = {file};
    request.catalog = *catalog;
    const auto analysis = analyse(request);
    if (!analysis) {
        std::fprintf(stderr, "atlas-bench-overview: %s does not load\n", qPrintable(file));
        return 2;
    }
    const AnalysisSnapshot &a = **analysis;
    std::vector<double> buildMs, layoutMs, matrixMs, totalMs;
    std::size_t nodes = 0, cells = 0, edges = 0;
    for (int r = 0; r < repeat; ++r) {
        const auto first = Clock::now();
        JurisdictionOverview overview = buildOverview(a.facts, a.findings);
        buildMs.push_back(msSince(first));
        auto start = Clock::now();
        auto scene = layoutOverview(std::move(overview));
        layoutMs.push_back(msSince(start));
        if (!scene) {
            std::fprintf(stderr, "atlas-bench-overview: layout failed: %s\n", qPrintable(scene.error()));
            return 3;
        }
        start = Clock::now();
        const MatrixLayout matrix = layoutMatrix(scene->overview);
        matrixMs.push_back(msSince(start));
        totalMs.push_back(msSince(first));
        nodes = scene->overview.nodes.size();
        cells = scene->overview.cells.size();
        edges = scene->edgeCells.size();
        if (matrix.bounds.isEmpty())
            return 3;
    }
    std::printf("{\"file\": %s, \"mib\": %.2f, \"workloads\": %zu, \"flows\": %zu, \"access\": %zu, \"findings\": %zu, "
                "\"load_ms\": %.1f, \"facts_ms\": %.1f, \"evaluate_ms\": %.1f, \"jurisdictions\": %zu, \"pairs\": %zu, \"edges\": %zu, "
                "\"build_ms\": %.1f, \"layout_ms\": %.1f, \"matrix_ms\": %.1f, \"total_ms\": %.1f, \"build_samples\": %s, "
                "\"layout_samples\": %s, \"total_samples\": %s, \"peak_rss_mib\": %.1f}\n",
                jsonString(QFileInfo(file).fileName()).c_str(), double(QFileInfo(file).size()) / (1024.0 * 1024.0),
                a.inventory->workloads.size(), a.inventory->flows.size(), a.inventory->access.size(), a.findings.size(),
                a.timings.loadMs, a.timings.factsMs, a.timings.evaluateMs, nodes, cells, edges, median(buildMs), median(layoutMs),
                median(matrixMs), median(totalMs), jsonArray(buildMs).c_str(), jsonArray(layoutMs).c_str(), jsonArray(totalMs).c_str(),
                double(maxRssKiB()) / 1024.0);
    return 0;
}
