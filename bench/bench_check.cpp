// atlas-bench-check: the phases of `residency-atlas check` in one process, timed one by one —
// the split behind bench/bench_check.sh's whole-process figures.
//
//   atlas-bench-check FILE --format text|json|sarif --out PATH [--as-of YYYY-MM-DD]
//
// Does what the command does (load, built-in pack, facts, evaluation, coverage, report written
// atomically to PATH) and prints one line of JSON: each phase's wall time (`teardown`: freeing
// the inventory, facts and findings, which the command also pays before it exits), findings,
// the report's size and peak RSS (ru_maxrss after each phase, so the phase that set it shows).

#include "analysis.h"
#include "benchsupport.h"
#include "catalogimporter.h"
#include "importreport.h"
#include "findingsreport.h"
#include "inventoryimporter.h"
#include "policyengine.h"
#include "policyimporter.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

#include <optional>

using namespace atlas;
using namespace atlas::bench;

namespace {

struct Phases
{
    double load = 0, facts = 0, evaluate = 0, write = 0, teardown = 0;
    long rssAfterEvaluate = 0, rssAfterWrite = 0;
    std::size_t findings = 0;
};

std::optional<FindingsFormat> formatNamed(const QString &name)
{
    if (name == u"text")
        return FindingsFormat::Text;
    if (name == u"json")
        return FindingsFormat::Json;
    if (name == u"sarif")
        return FindingsFormat::Sarif;
    return std::nullopt;
}

// Everything the command holds lives in this scope, so that leaving it is the teardown.
bool run(const Catalog &catalog, const QString &file, FindingsFormat format, const QString &out, QDate asOf, Phases &p)
{
    // The one analysis every surface runs; its phase timings split load, facts and rules.
    AnalysisRequest request;
    request.inputs = {file};
    request.asOf = asOf;
    request.catalog = &catalog;
    const auto analysis = analyse(request);
    if (!analysis) {
        std::fprintf(stderr, "atlas-bench-check: %s does not load\n", qPrintable(file));
        return false;
    }
    const AnalysisSnapshot &a = **analysis;
    p.load = a.timings.loadMs + a.timings.packsMs;
    p.facts = a.timings.factsMs;
    p.evaluate = a.timings.evaluateMs;
    p.rssAfterEvaluate = maxRssKiB();
    p.findings = a.findings.size();
    const auto start = Clock::now();
    const FindingsReportInput report{*a.inventory, *a.rules(), a.findings, RuleSeverity::High, a.asOf,
                                     catalog.newestAsOf(), a.disabled, a.warnings, a.coverage};
    QSaveFile saved(out);
    if (!saved.open(QIODevice::WriteOnly) || !writeFindings(report, format, saved) || !saved.commit()) {
        std::fprintf(stderr, "atlas-bench-check: cannot write %s\n", qPrintable(out));
        return false;
    }
    p.write = msSince(start);
    p.rssAfterWrite = maxRssKiB();
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const qsizetype formatAt = args.indexOf(QStringLiteral("--format")), outAt = args.indexOf(QStringLiteral("--out"));
    const qsizetype asOfAt = args.indexOf(QStringLiteral("--as-of"));
    const auto format = formatAt > 0 ? formatNamed(args.value(formatAt + 1)) : std::nullopt;
    if (args.size() < 2 || !format || outAt < 0 || args.value(outAt + 1).isEmpty()) {
        std::fprintf(stderr, "usage: atlas-bench-check FILE --format text|json|sarif --out PATH [--as-of YYYY-MM-DD]\n");
        return 2;
    }
    const QString file = args[1], out = args[outAt + 1];
    const QDate asOf = asOfAt > 0 ? QDate::fromString(args.value(asOfAt + 1), Qt::ISODate) : QDate::currentDate();
    const auto processStart = Clock::now();
    auto catalog = embeddedCatalog();
    if (!catalog)
        return 3;
    Phases p;
    auto start = Clock::now();
    if (!run(**catalog, file, *format, out, asOf, p))
        return 2;
    p.teardown = msSince(start) - (p.load + p.facts + p.evaluate + p.write);
    const double totalMs = msSince(processStart);
    std::printf("{\"file\": %s, \"format\": %s, \"findings\": %zu, \"report_mib\": %.1f, \"load_ms\": %.0f, "
                "\"facts_ms\": %.0f, \"evaluate_ms\": %.0f, \"write_ms\": %.0f, \"teardown_ms\": %.0f, \"total_ms\": %.0f, "
                "\"rss_after_analysis_mib\": %.0f, \"peak_rss_mib\": %.0f}\n",
                jsonString(QFileInfo(file).fileName()).c_str(), jsonString(args.value(formatAt + 1)).c_str(), p.findings,
                double(QFileInfo(out).size()) / (1024.0 * 1024.0), p.load, p.facts, p.evaluate, p.write, p.teardown,
                totalMs, double(p.rssAfterEvaluate) / 1024.0, double(maxRssKiB()) / 1024.0);
    return 0;
}
