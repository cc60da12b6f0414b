#include "analysisjob.h"

#include "exportformat.h"
#include "inventoryimporter.h"
#include "policyengine.h"
#include "policyimporter.h"

namespace atlas {

namespace {

// Readers stop at their next resource once cancel is set; the inventory reader and the
// analysis have no hook, so the flag is checked again between the steps: a cancel always wins.
bool cancelRequested(const LoadOptions &options)
{
    return options.progress && options.progress->cancel.load(std::memory_order_relaxed);
}

Analysis cancelledAnalysis(const QStringList &files)
{
    Analysis a;
    a.files = files;
    a.cancelled = true;
    a.diagnostics = {
        Diagnostic{Severity::Error, QString(), 0, 0, QStringLiteral("import cancelled")}};
    return a;
}

} // namespace

Analysis analyse(const QStringList &files, const Catalog &catalog, const QDate &asOf,
                 const LoadOptions &options)
{
    Analysis a;
    a.files = files;
    auto loaded = loadInventory(files, catalog, options);
    if (cancelRequested(options)) return cancelledAnalysis(files);
    if (!loaded) {
        a.diagnostics = loaded.error();
        return a;
    }
    auto packs = loadPolicies({}, catalog);
    if (!packs) {
        a.diagnostics = packs.error();
        return a;
    }
    auto inventory = std::make_shared<Inventory>(std::move(loaded->inventory));
    std::shared_ptr<RuleSet> rules = std::move(packs->rules);
    auto facts =
        std::make_shared<PolicyFacts>(derivePolicyFacts(catalog, *inventory));
    EvaluationOptions evaluation;
    evaluation.asOf = asOf;
    evaluation.disabled = packs->disabled;
    a.findings = evaluatePolicies(*rules, *facts, evaluation);
    a.coverage = computeCoverage(*facts);
    addImportCoverage(a.coverage, loaded->report);
    if (cancelRequested(options)) return cancelledAnalysis(files);
    a.residency = facts->residency;
    a.diagnostics = loaded->warnings;
    a.report = std::move(loaded->report);
    a.inventory = std::move(inventory);
    a.rules = std::move(rules);
    a.facts = std::move(facts);
    a.ok = true;
    return a;
}

} // namespace atlas
