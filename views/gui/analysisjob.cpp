#include "analysisjob.h"

#include "inventoryimporter.h"
#include "policyengine.h"
#include "policyimporter.h"

namespace atlas {

Analysis analyse(const QStringList &files, const Catalog &catalog, const QDate &asOf)
{
    Analysis a;
    a.files = files;
    auto loaded = loadInventory(files, catalog);
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
    auto facts = std::make_shared<PolicyFacts>(derivePolicyFacts(catalog, *inventory, rules->symbols));
    EvaluationOptions options;
    options.asOf = asOf;
    options.disabled = packs->disabled;
    a.findings = evaluatePolicies(*rules, *facts, options);
    a.residency = facts->residency;
    a.diagnostics = loaded->warnings;
    a.inventory = std::move(inventory);
    a.rules = std::move(rules);
    a.facts = std::move(facts);
    a.ok = true;
    return a;
}

} // namespace atlas
