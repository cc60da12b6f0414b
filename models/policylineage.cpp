#include "policylineage.h"

#include <algorithm>
#include <map>

namespace atlas {

bool isModelForm(FlowForm form)
{
    return form == FlowForm::ModelWeights || form == FlowForm::Gradients;
}

namespace {

bool personal(FlowForm form)
{
    return form == FlowForm::Raw || form == FlowForm::Pseudonymised || form == FlowForm::Features;
}

bool lineageClass(const Dataset &d)
{
    return d.classification == Classification::Restricted || d.classification == Classification::Sensitive;
}

bool trainer(WorkloadKind kind)
{
    return kind == WorkloadKind::Training || kind == WorkloadKind::FineTuning;
}

// dataset -> the flows into training that brought it, for one trainer or registry.
using Lineage = std::map<std::uint32_t, std::vector<std::uint32_t>>;

bool merge(Lineage &into, std::uint32_t dataset, const std::vector<std::uint32_t> &flows)
{
    auto [it, added] = into.try_emplace(dataset);
    const std::size_t before = it->second.size();
    it->second.insert(it->second.end(), flows.begin(), flows.end());
    std::sort(it->second.begin(), it->second.end());
    it->second.erase(std::unique(it->second.begin(), it->second.end()), it->second.end());
    return added || it->second.size() != before;
}

// What each trainer was trained on: restricted or sensitive data received in a personal form, or held.
std::map<std::uint32_t, Lineage> trainedOn(const Inventory &inv)
{
    std::map<std::uint32_t, Lineage> out;
    for (std::uint32_t w = 0; w < inv.workloads.size(); ++w)
        if (trainer(inv.workloads[w].kind))
            for (const DatasetRef &h : inv.workloads[w].holds)
                if (lineageClass(inv.datasets[h.index]))
                    merge(out[w], h.index, {});
    for (std::uint32_t f = 0; f < inv.flows.size(); ++f) {
        const Flow &fl = inv.flows[f];
        if (!trainer(inv.workloads[fl.toIndex].kind) || !personal(fl.form))
            continue;
        for (const DatasetRef &c : fl.carries)
            if (lineageClass(inv.datasets[c.index]))
                merge(out[fl.toIndex], c.index, {f});
    }
    return out;
}

} // namespace

std::vector<std::vector<ModelCarriage>> modelLineage(const Inventory &inv)
{
    std::vector<std::vector<ModelCarriage>> out(inv.flows.size());
    std::map<std::uint32_t, Lineage> lineage = trainedOn(inv);
    if (lineage.empty())
        return out;
    std::vector<std::uint32_t> modelFlows;
    for (std::uint32_t f = 0; f < inv.flows.size(); ++f)
        if (isModelForm(inv.flows[f].form))
            modelFlows.push_back(f);
    // Registries receive models (with the lineage of their source, and what the flow declares)
    // and pass them on: repeat until nothing new arrives (a chain of n registries takes n rounds).
    for (bool changed = true; changed;) {
        changed = false;
        for (std::uint32_t f : modelFlows) {
            const Flow &fl = inv.flows[f];
            if (inv.workloads[fl.toIndex].kind != WorkloadKind::ModelRegistry || fl.toIndex == fl.fromIndex)
                continue;
            const auto from = lineage.find(fl.fromIndex);
            Lineage received = from == lineage.end() ? Lineage{} : from->second;
            for (const DatasetRef &c : fl.carries)
                if (lineageClass(inv.datasets[c.index]))
                    merge(received, c.index, {});
            Lineage &registry = lineage[fl.toIndex];
            for (const auto &[dataset, flows] : received)
                changed |= merge(registry, dataset, flows);
        }
    }
    for (std::uint32_t f : modelFlows) {
        const Flow &fl = inv.flows[f];
        const WorkloadKind kind = inv.workloads[fl.fromIndex].kind;
        const auto from = lineage.find(fl.fromIndex);
        if (from == lineage.end() || (!trainer(kind) && kind != WorkloadKind::ModelRegistry))
            continue;
        for (const auto &[dataset, flows] : from->second)
            out[f].push_back(ModelCarriage{dataset, flows});
    }
    return out;
}

} // namespace atlas
