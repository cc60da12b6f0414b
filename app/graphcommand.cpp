// `residency-atlas graph`: lays out the residency map of inventories and writes it as SVG,
// PNG, PDF or DOT, headless (offscreen platform). The findings it colours come from the same
// analyse() as `check`, with the same --policy, --disable and --as-of. Wiring only; the work is
// in analysis/ and views/render/.
#include "commandsupport.h"

#include "analysis.h"
#include "mapexport.h"
#include "mapgraph.h"

#include <numeric>

namespace atlas {

using namespace cli;

namespace {

// --group and --collapse-above into `options`; an exit code (reported) when one is bad.
std::optional<int> readMapOptions(const QCommandLineParser &parser, const QCommandLineOption &group,
                                  const QCommandLineOption &collapse, MapOptions &options)
{
    const QString level = parser.value(group);
    if (level == u"jurisdiction")
        options.grouping = MapGrouping::Jurisdiction;
    else if (level == u"country")
        options.grouping = MapGrouping::Country;
    else if (level != u"region") {
        err(QStringLiteral("residency-atlas graph: invalid value '") + level + QStringLiteral("' for --group; allowed: jurisdiction, country, region\n"));
        return ExitBadInput;
    }
    bool ok = false;
    options.collapseAbove = parser.value(collapse).toInt(&ok);
    if (!ok || options.collapseAbove < 1) {
        err(QStringLiteral("residency-atlas graph: --collapse-above needs a positive number\n"));
        return ExitBadInput;
    }
    return std::nullopt;
}

// "wrote F: N nodes (W workloads), E edges (F flows), C clusters" on stderr.
void reportWritten(const QString &out, const MapScene &scene)
{
    const MapGraph &g = scene.graph;
    err(QStringLiteral("wrote %1: %2 nodes (%3 workloads), %4 edges (%5 flows), %6 clusters%7\n")
            .arg(out)
            .arg(g.nodes.size())
            .arg(std::count_if(g.nodes.begin(), g.nodes.end(), [](const MapNode &n) { return !n.collapsed; }))
            .arg(g.edges.size())
            .arg(std::accumulate(g.edges.begin(), g.edges.end(), qsizetype(0),
                                 [](qsizetype n, const MapEdge &e) { return n + e.flows.size(); }))
            .arg(g.clusters.size())
            .arg(g.collapsedAny ? QStringLiteral(" (clusters collapsed)") : QString()));
}

} // namespace

int graphCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Output file: .svg, .png, .pdf or .dot."), QStringLiteral("FILE"));
    QCommandLineOption group(QStringLiteral("group"), QStringLiteral("Deepest cluster level: jurisdiction, country or region (default)."),
                             QStringLiteral("level"), QStringLiteral("region"));
    QCommandLineOption dataset(QStringLiteral("dataset"), QStringLiteral("Lineage focus: where this dataset is held and every path it travels; the rest faded."),
                               QStringLiteral("ID"));
    QCommandLineOption onlyFindings(QStringLiteral("only-findings"), QStringLiteral("Keep only workloads and flows with open findings."));
    QCommandLineOption onlyCrossBorder(QStringLiteral("only-cross-border"), QStringLiteral("Keep only flows that cross a border."));
    QCommandLineOption collapse(QStringLiteral("collapse-above"), QStringLiteral("Collapse clusters into summary nodes above this many workloads (default 300)."),
                                QStringLiteral("N"), QStringLiteral("300"));
    QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("Dark colours."));
    for (const QCommandLineOption &o : {outOption, group, dataset, onlyFindings, onlyCrossBorder, collapse, dark})
        parser.addOption(o);
    addAnalysisOptions(parser);
    const Parsed p = parse(parser, args,
                           QStringLiteral("Draws the residency map: workloads grouped jurisdiction > country > region, flows coloured\n"
                                          "by data class and styled by form, findings in red. Headless: needs no display.\n"
                                          "Exit codes: 0 written, 2 bad input, 3 internal error."));
    if (!p.ok)
        return p.exit;
    const QString out = parser.value(outOption);
    if (out.isEmpty()) {
        err(QStringLiteral("residency-atlas graph: --out FILE is required (.svg, .png, .pdf or .dot)\n"));
        return ExitBadInput;
    }
    if (auto bad = checkOutExtension(QStringLiteral("graph"), out, {QStringLiteral(".svg"), QStringLiteral(".png"), QStringLiteral(".pdf"), QStringLiteral(".dot")}))
        return *bad;
    const auto format = mapFormatForPath(out);
    MapOptions options;
    if (auto bad = readMapOptions(parser, group, collapse, options))
        return *bad;
    options.onlyFindings = parser.isSet(onlyFindings);
    options.onlyCrossBorder = parser.isSet(onlyCrossBorder);
    AnalysisRequest request;
    if (auto bad = applyPolicyOptions(parser, QStringLiteral("graph"), request))
        return *bad;
    const auto analysis = analyseOrReport(parser, QStringLiteral("graph"), std::move(request), QStringLiteral("inventory not loaded; nothing drawn."),
                                          QStringLiteral("nothing drawn."));
    if (!analysis)
        return analysis.error();
    const AnalysisSnapshot &a = **analysis;
    printDiagnostics(a.warnings);
    if (parser.isSet(dataset)) {
        options.dataset = parser.value(dataset);
        if (a.inventory->datasetIndex(options.dataset) < 0) {
            err(QStringLiteral("residency-atlas graph: --dataset names unknown dataset '") + options.dataset + QStringLiteral("'\n"));
            return ExitBadInput;
        }
    }
    auto scene = layoutMap(buildMap(a.facts, a.findings, options));
    if (!scene) {
        err(QStringLiteral("residency-atlas graph: internal error: ") + scene.error() + u'\n');
        return ExitInternal;
    }
    auto written = exportMap(*scene, out, *format, parser.isSet(dark) ? MapPalette::dark() : MapPalette::light());
    if (!written) {
        err(QStringLiteral("residency-atlas graph: ") + written.error() + u'\n');
        return ExitBadInput;
    }
    reportWritten(out, *scene);
    return ExitClean;
}

} // namespace atlas
