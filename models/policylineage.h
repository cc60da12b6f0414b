// Model lineage (policy-rules.md, revision 2b): a model carries the lineage of the data it was
// trained on (EDPB Opinion 28/2024). A `model_weights` or `gradients` flow out of a `training` or
// `fine_tuning` workload carries, by derivation, every restricted or sensitive dataset that
// workload received in a personal form (or holds), whatever the flow declares; `model_registry`
// workloads pass what they receive on, transitively. Computed from the inventory alone, before
// the policy facts.
#pragma once

#include "inventory.h"

#include <vector>

namespace atlas {

struct ModelCarriage
{
    std::uint32_t dataset = 0;
    std::vector<std::uint32_t> trainingFlows; // flows into training that brought it (sorted; empty: held there)
};

// Per flow (index as in the inventory): what a model flow carries by lineage, sorted by dataset;
// empty for every other flow.
std::vector<std::vector<ModelCarriage>> modelLineage(const Inventory &inventory);

bool isModelForm(FlowForm form);

} // namespace atlas
