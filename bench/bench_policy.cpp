// atlas-bench-policy: times the policy engine on one inventory — deriving the facts and
// evaluating the built-in pack (RES-001…015) — as `check` does, after loading it once.
//
//   atlas-bench-policy FILE [--repeat R]
//
// Prints one line of JSON: load time (once), median facts and evaluation times over R
// repeats, the matching-only time (rules evaluated, no findings built), subjects per second,
// findings, and peak RSS. Evaluation is single-threaded.

#include "analysis.h"
#include "benchsupport.h"
#include "catalogimporter.h"
#include "inventoryimporter.h"
#include "policyengine.h"
#include "policyimporter.h"

#include <QCoreApplication>
#include <QFileInfo>

using namespace atlas;
using namespace atlas::bench;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: atlas-bench-policy FILE [--repeat R]\n");
        return 2;
    }
    const QString file = args[1];
    int repeat = 3;
    if (args.size() >= 4 && args[2] == u"--repeat")
        repeat = std::max(1, args[3].toInt());
    auto catalog = embeddedCatalog();
    if (!catalog)
        return 3;
    const long baseline = maxRssKiB();
    auto start = Clock::now();
    auto loaded = loadInventory({file}, **catalog);
    const double loadMs = msSince(start);
    if (!loaded) {
        std::fprintf(stderr, "atlas-bench-policy: %s does not load\n", qPrintable(file));
        return 2;
    }
    auto policies = compilePolicies({}, true, **catalog);
    if (!policies)
        return 3;
    // The analysis every surface runs (analyse), on the inventory loaded once: its timings are
    // the engine's; the match-only pass tells matching from writing messages and evidence.
    AnalysisRequest request;
    request.inventory = std::make_shared<const Inventory>(std::move(loaded->inventory));
    request.policies = *policies;
    request.catalog = *catalog;
    const Inventory &inv = *request.inventory;
    const RuleSet &rules = *(*policies)->rules;
    std::vector<double> factsMs, evalMs, matchMs;
    std::size_t findings = 0, pairs = 0;
    for (int r = 0; r < repeat; ++r) {
        const auto analysis = analyse(request);
        if (!analysis)
            return 3;
        const AnalysisSnapshot &a = **analysis;
        factsMs.push_back(double(a.timings.factsMs));
        evalMs.push_back(double(a.timings.evaluateMs));
        pairs = a.facts.flowPairs.size();
        findings = a.findings.size();
        std::size_t matches = 0;
        EvaluationOptions countOnly;
        countOnly.countOnly = &matches;
        start = Clock::now();
        (void)evaluatePolicies(rules, a.facts, countOnly);
        matchMs.push_back(msSince(start));
    }
    const double eval = median(evalMs);
    std::printf("{\"file\": %s, \"mib\": %.2f, \"flows\": %zu, \"flow_dataset_pairs\": %zu, \"workloads\": %zu, "
                "\"datasets\": %zu, \"rules\": %zu, \"load_ms\": %.1f, \"facts_ms\": %.1f, \"evaluate_ms\": %.1f, "
                "\"facts_samples\": %s, \"evaluate_samples\": %s, \"match_only_ms\": %.1f, \"pairs_per_s\": %.0f, \"findings\": %zu, "
                "\"peak_rss_mib\": %.1f, \"baseline_rss_mib\": %.1f, \"vmhwm_mib\": %.1f}\n",
                jsonString(QFileInfo(file).fileName()).c_str(), double(QFileInfo(file).size()) / (1024.0 * 1024.0),
                inv.flows.size(), pairs, inv.workloads.size(), inv.datasets.size(), rules.rules.size(),
                loadMs, median(factsMs), eval, jsonArray(factsMs).c_str(), jsonArray(evalMs).c_str(), median(matchMs),
                eval > 0 ? double(pairs) / (eval / 1000.0) : 0.0, findings, double(maxRssKiB()) / 1024.0,
                double(baseline) / 1024.0, double(procStatusKiB("VmHWM")) / 1024.0);
    return 0;
}
