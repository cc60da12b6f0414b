// `residency-atlas graph`: lays out the residency map of inventories (--view regions), the
// jurisdiction overview (--view jurisdictions) or its matrix (--view matrix) and writes it as SVG,
// PNG, PDF or DOT (the matrix also as text, CSV or JSON), headless (offscreen platform). The findings it colours come from the same
// analyse() as `check`, with the same --policy, --disable and --as-of. Wiring only; the work is
// in analysis/ and views/render/.
#include "commandsupport.h"

#include "analysis.h"
#include "mapexport.h"
#include "mapgraph.h"
#include "overviewmap.h"
#include "overviewmatrix.h"
#include "workspace.h"

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

// The options of `graph`, parsed; `view` decides which of them apply.
struct GraphOptions
{
    QCommandLineOption out{QStringLiteral("out"), QStringLiteral("Output file: .svg, .png, .pdf or .dot (the matrix: .svg, .png, .pdf, .txt, .csv or .json)."),
                           QStringLiteral("FILE")};
    QCommandLineOption view{QStringLiteral("view"),
                            QStringLiteral("What to draw: regions (default: workloads by region), jurisdictions (one node per jurisdiction, "
                                           "one edge per origin → destination pair) or matrix (the same pairs as an origin × destination table)."),
                            QStringLiteral("view"), QStringLiteral("regions")};
    QCommandLineOption format{QStringLiteral("format"), QStringLiteral("With --view matrix and no --out: write the matrix to stdout as text or json."),
                              QStringLiteral("format")};
    QCommandLineOption group{QStringLiteral("group"), QStringLiteral("Regions view: deepest cluster level: jurisdiction, country or region (default)."),
                             QStringLiteral("level"), QStringLiteral("region")};
    QCommandLineOption dataset{QStringLiteral("dataset"),
                               QStringLiteral("Regions view: lineage focus: where this dataset is held and every path it travels; the rest faded."),
                               QStringLiteral("ID")};
    QCommandLineOption onlyFindings{QStringLiteral("only-findings"), QStringLiteral("Regions view: keep only workloads and flows with open findings.")};
    QCommandLineOption onlyCrossBorder{QStringLiteral("only-cross-border"), QStringLiteral("Regions view: keep only flows that cross a border.")};
    QCommandLineOption collapse{QStringLiteral("collapse-above"),
                                QStringLiteral("Regions view: collapse clusters into summary nodes above this many workloads (default 300)."),
                                QStringLiteral("N"), QStringLiteral("300")};
    QCommandLineOption dark{QStringLiteral("dark"), QStringLiteral("Dark colours.")};
    QCommandLineOption fresh{QStringLiteral("fresh-layout"),
                             QStringLiteral("Regions view of a workspace: pack the map afresh instead of keeping the arrangement saved with it.")};

    QList<QCommandLineOption> all() const { return {out, view, format, group, dataset, onlyFindings, onlyCrossBorder, collapse, fresh, dark}; }
    QList<QCommandLineOption> regionsOnly() const { return {group, dataset, onlyFindings, onlyCrossBorder, collapse, fresh}; }
};

enum class GraphView : std::uint8_t { Regions, Jurisdictions, Matrix };

// Where the result goes: a file (its extension checked for the view) or, for the matrix, stdout.
std::optional<int> checkDestination(const QCommandLineParser &parser, const GraphOptions &o, GraphView view)
{
    const QString out = parser.value(o.out);
    if (parser.isSet(o.format)) {
        if (view != GraphView::Matrix || !out.isEmpty()) {
            err(QStringLiteral("residency-atlas graph: --format writes the matrix to stdout: use it with --view matrix and without --out\n"));
            return ExitBadInput;
        }
        return checkFormat(parser);
    }
    if (out.isEmpty()) {
        err(view == GraphView::Matrix
                ? QStringLiteral("residency-atlas graph: --out FILE is required (.svg, .png, .pdf, .txt, .csv or .json), or --format text|json for stdout\n")
                : QStringLiteral("residency-atlas graph: --out FILE is required (.svg, .png, .pdf or .dot)\n"));
        return ExitBadInput;
    }
    QStringList extensions{QStringLiteral(".svg"), QStringLiteral(".png"), QStringLiteral(".pdf")};
    if (view == GraphView::Matrix)
        extensions << QStringLiteral(".txt") << QStringLiteral(".csv") << QStringLiteral(".json");
    else
        extensions << QStringLiteral(".dot");
    return checkOutExtension(QStringLiteral("graph"), out, extensions);
}

std::expected<GraphView, int> readView(const QCommandLineParser &parser, const GraphOptions &o)
{
    const QString name = parser.value(o.view);
    GraphView view = GraphView::Regions;
    if (name == u"jurisdictions")
        view = GraphView::Jurisdictions;
    else if (name == u"matrix")
        view = GraphView::Matrix;
    else if (name != u"regions") {
        err(QStringLiteral("residency-atlas graph: invalid value '") + name + QStringLiteral("' for --view; allowed: regions, jurisdictions, matrix\n"));
        return std::unexpected(ExitBadInput);
    }
    if (view != GraphView::Regions)
        for (const QCommandLineOption &option : o.regionsOnly())
            if (parser.isSet(option)) {
                err(QStringLiteral("residency-atlas graph: --") + option.names().front() + QStringLiteral(" applies to --view regions only\n"));
                return std::unexpected(ExitBadInput);
            }
    if (auto bad = checkDestination(parser, o, view))
        return std::unexpected(*bad);
    return view;
}

int drawRegions(const QCommandLineParser &parser, const GraphOptions &o, const AnalysisSnapshot &a)
{
    MapOptions options;
    if (auto bad = readMapOptions(parser, o.group, o.collapse, options))
        return *bad;
    options.onlyFindings = parser.isSet(o.onlyFindings);
    options.onlyCrossBorder = parser.isSet(o.onlyCrossBorder);
    if (parser.isSet(o.dataset)) {
        options.dataset = parser.value(o.dataset);
        if (a.inventory->datasetIndex(options.dataset) < 0) {
            err(QStringLiteral("residency-atlas graph: --dataset names unknown dataset '") + options.dataset + QStringLiteral("'\n"));
            return ExitBadInput;
        }
    }
    // A workspace is drawn as the user arranged it in the GUI (saved with it), unless asked not to.
    const MapPositions kept = parser.isSet(o.fresh) ? MapPositions{}
                                                    : workspace::savedMapPlaces(a.inputs).value(mapArrangementKey(options.grouping));
    auto scene = layoutMap(buildMap(a.facts, a.findings, options), kDefaultMapAspect, kept.isEmpty() ? nullptr : &kept);
    if (!scene) {
        err(QStringLiteral("residency-atlas graph: internal error: ") + scene.error() + u'\n');
        return ExitInternal;
    }
    const QString out = parser.value(o.out);
    auto written = exportMap(*scene, out, *mapFormatForPath(out), parser.isSet(o.dark) ? MapPalette::dark() : MapPalette::light());
    if (!written) {
        err(QStringLiteral("residency-atlas graph: ") + written.error() + u'\n');
        return ExitBadInput;
    }
    reportWritten(out, *scene);
    return ExitClean;
}

// "wrote F: N jurisdictions, P pairs (E across jurisdictions), F flows, A access entries" on stderr.
void reportOverviewWritten(const QString &out, const JurisdictionOverview &o)
{
    err(QStringLiteral("wrote %1: %2 jurisdictions, %3 pairs (%4 across jurisdictions), %5 flows, %6 access entries\n")
            .arg(out).arg(o.nodes.size()).arg(o.cells.size()).arg(o.edgeCells().size()).arg(o.flows).arg(o.access));
}

// The matrix as text, CSV or JSON (to a file or stdout) or painted (SVG, PNG, PDF).
int writeMatrix(const QCommandLineParser &parser, const GraphOptions &o, const JurisdictionOverview &overview)
{
    const QString path = parser.value(o.out);
    if (path.isEmpty()) {
        if (parser.value(o.format) == u"json")
            out(QString::fromUtf8(matrixJson(overview)));
        else
            out(matrixText(overview));
        return ExitClean;
    }
    const QString lower = path.toLower();
    if (lower.endsWith(u".txt") || lower.endsWith(u".csv") || lower.endsWith(u".json")) {
        const QByteArray bytes = lower.endsWith(u".json") ? matrixJson(overview)
                                 : lower.endsWith(u".csv") ? matrixCsv(overview).toUtf8() : matrixText(overview).toUtf8();
        if (!writeAtomically(QStringLiteral("graph"), path, bytes))
            return ExitBadInput;
    } else if (auto written = exportMatrix(overview, path, *mapFormatForPath(path), parser.isSet(o.dark) ? MapPalette::dark() : MapPalette::light());
               !written) {
        err(QStringLiteral("residency-atlas graph: ") + written.error() + u'\n');
        return ExitBadInput;
    }
    reportOverviewWritten(path, overview);
    return ExitClean;
}

int drawOverview(const QCommandLineParser &parser, const GraphOptions &o, GraphView view, const AnalysisSnapshot &a)
{
    JurisdictionOverview overview = buildOverview(a.facts, a.findings);
    if (view == GraphView::Matrix)
        return writeMatrix(parser, o, overview);
    auto scene = layoutOverview(std::move(overview));
    if (!scene) {
        err(QStringLiteral("residency-atlas graph: internal error: ") + scene.error() + u'\n');
        return ExitInternal;
    }
    const QString path = parser.value(o.out);
    auto written = exportOverview(*scene, path, *mapFormatForPath(path), parser.isSet(o.dark) ? MapPalette::dark() : MapPalette::light());
    if (!written) {
        err(QStringLiteral("residency-atlas graph: ") + written.error() + u'\n');
        return ExitBadInput;
    }
    reportOverviewWritten(path, scene->overview);
    return ExitClean;
}

} // namespace

int graphCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const GraphOptions o;
    for (const QCommandLineOption &option : o.all())
        parser.addOption(option);
    addAnalysisOptions(parser);
    const Parsed p = parse(parser, args,
                           QStringLiteral("Draws the residency map. --view regions (default): workloads grouped jurisdiction > country >\n"
                                          "region, flows coloured by data class and styled by form, findings in red. --view jurisdictions:\n"
                                          "one node per jurisdiction and one edge per origin → destination pair (width by GB/day or flow\n"
                                          "count, colour by the worst open finding, labelled with its counts). --view matrix: the same pairs\n"
                                          "as an origin × destination table (painted, or as text/CSV/JSON). Headless: needs no display.\n"
                                          "Exit codes: 0 written, 2 bad input, 3 internal error."));
    if (!p.ok)
        return p.exit;
    const auto view = readView(parser, o);
    if (!view)
        return view.error();
    AnalysisRequest request;
    if (auto bad = applyPolicyOptions(parser, QStringLiteral("graph"), request))
        return *bad;
    const auto analysis = analyseOrReport(parser, QStringLiteral("graph"), std::move(request), QStringLiteral("inventory not loaded; nothing drawn."),
                                          QStringLiteral("nothing drawn."));
    if (!analysis)
        return analysis.error();
    const AnalysisSnapshot &a = **analysis;
    printDiagnostics(a.warnings);
    if (*view == GraphView::Regions)
        return drawRegions(parser, o, a);
    return drawOverview(parser, o, *view, a);
}

} // namespace atlas
