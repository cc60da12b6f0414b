// atlas-bench-pan: frame time when panning the interactive map of a large scene, in the real
// MapView (QGraphicsView, the same items and painter as the GUI), offscreen.
//
//   atlas-bench-pan FILE [--frames N]
//
// Lays out the inventory's whole map (no collapsing), shows it at 1:1 in a 1400×900 view and
// scrolls it N times by 40 px, repainting synchronously each time; prints one JSON line with
// the layout time and the median, 95th percentile and worst frame.

#include "analysis.h"
#include "benchsupport.h"
#include "catalogimporter.h"
#include "inventoryimporter.h"
#include "mapview.h"
#include "policyengine.h"
#include "policyimporter.h"

#include <QApplication>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QScrollBar>

using namespace atlas;
using namespace atlas::bench;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: atlas-bench-pan FILE [--frames N]\n");
        return 2;
    }
    int frames = 200;
    if (args.size() >= 4 && args[2] == u"--frames")
        frames = std::max(10, args[3].toInt());
    AnalysisRequest request;
    request.inputs = {args[1]};
    const auto analysis = analyse(request);
    if (!analysis) {
        std::fprintf(stderr, "atlas-bench-pan: %s does not load\n", qPrintable(args[1]));
        return 2;
    }
    const PolicyFacts &facts = (*analysis)->facts;
    const std::vector<Finding> &findings = (*analysis)->findings;
    MapOptions options;
    options.collapseAbove = 1000000; // the whole scene: the worst case for panning
    auto start = Clock::now();
    auto scene = layoutMap(buildMap(facts, findings, options));
    const double layoutMs = msSince(start);
    if (!scene) {
        std::fprintf(stderr, "atlas-bench-pan: %s\n", qPrintable(scene.error()));
        return 3;
    }
    const std::size_t nodes = scene->graph.nodes.size(), edges = scene->graph.edges.size();
    MapView view;
    view.resize(1400, 900);
    view.show();
    view.setScene(std::move(*scene));
    view.setTransform(QTransform()); // 1:1, as someone reading the map
    view.centerOn(view.mapScene().bounds.center());
    app.processEvents();
    // A pan step as the user makes it: the scroll bars move, the view scrolls its pixels and
    // paints the exposed strips when the event loop runs.
    std::vector<double> ms, full;
    QScrollBar *h = view.horizontalScrollBar(), *v = view.verticalScrollBar();
    for (int i = 0; i < frames; ++i) {
        const int step = (i / 50) % 2 ? -40 : 40;
        start = Clock::now();
        h->setValue(h->value() + step);
        v->setValue(v->value() + step / 2);
        app.processEvents();
        ms.push_back(msSince(start));
    }
    // The worst case: the whole viewport repainted at full quality (after the view settles: a
    // resize, a jump, the redraw once panning stops).
    for (auto settle = Clock::now(); msSince(settle) < 400;)
        app.processEvents();
    for (int i = 0; i < std::max(10, frames / 10); ++i) {
        start = Clock::now();
        view.viewport()->repaint();
        full.push_back(msSince(start));
    }
    // Where the time goes: the same full repaint with the flows hidden.
    std::vector<double> noEdges;
    for (QGraphicsItem *item : view.scene()->items())
        if (item->type() == QGraphicsItem::UserType + 3)
            item->setVisible(false);
    for (int i = 0; i < std::max(10, frames / 10); ++i) {
        start = Clock::now();
        view.viewport()->repaint();
        noEdges.push_back(msSince(start));
    }
    auto p95 = [](std::vector<double> samples) {
        std::sort(samples.begin(), samples.end());
        return samples[std::size_t(double(samples.size() - 1) * 0.95)];
    };
    std::printf("{\"file\": %s, \"nodes\": %zu, \"edges\": %zu, \"layout_ms\": %.1f, \"frames\": %d, "
                "\"pan_median_ms\": %.2f, \"pan_p95_ms\": %.2f, \"full_repaint_median_ms\": %.2f, \"full_repaint_p95_ms\": %.2f, "
                "\"full_repaint_without_flows_median_ms\": %.2f, \"peak_rss_mib\": %.1f}\n",
                jsonString(QFileInfo(args[1]).fileName()).c_str(), nodes, edges, layoutMs, frames, median(ms), p95(ms),
                median(full), p95(full), median(noEdges), double(maxRssKiB()) / 1024.0);
    return 0;
}
