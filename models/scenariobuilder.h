// The working state of one scenario plan (simulation.h): the copy of the inventory being
// changed, the pairs in scope, region choice by the deterministic rule of patterns.md
// ("Revision 2"), new ids, and the primitive changes — add a workload, move it, reroute a flow,
// add a flow — each recorded in the change list as it is made. The patterns
// (simulationpatterns.cpp) are written in these primitives only. Internal to models/.
#pragma once

#include "residency.h"
#include "simulation.h"

#include <QHash>
#include <QSet>

#include <expected>
#include <map>

namespace atlas {

// A subject with its dataset, and the in-scope findings on it.
struct ScopePair
{
    SubjectKind kind = SubjectKind::Flow;
    QString subjectId;
    QString dataset;
    QString origin;                  // the dataset's origin jurisdiction; empty when unknown
    std::vector<FindingKey> keys;    // sorted
};

// Where a new or moved workload goes.
struct Placement
{
    QString location;      // a location reference ("aws:eu-central-1", "site:msk-dc1")
    QString idSuffix;      // "eu-central-1", "msk-dc1"
    QString provider;      // empty for sites and countries
    QString jurisdiction;
    bool sovereign = false;
    QString how;           // "aws's region in EU", "the location of its source de-ehr-db"
};

class ScenarioBuilder
{
public:
    ScenarioBuilder(const Inventory &input, const Catalog &catalog, Pattern pattern, const PatternOptions &options);

    // The open findings of `baseline` in this pattern's scope, as pairs in subject order.
    std::vector<ScopePair> pairs(const std::vector<Finding> &baseline, const SimulationScope &scope) const;

    const Inventory &input() const { return m_input; }
    const Catalog &catalog() const { return m_catalog; }
    Pattern pattern() const { return m_plan.pattern; }
    const PatternOptions &options() const { return m_plan.options; }
    // The scenario's current entity (indexes are stable: nothing is ever removed or reordered).
    Workload &workload(int index) { return m_out.workloads[std::size_t(index)]; }
    Flow &flow(std::size_t index) { return m_out.flows[index]; }
    int workloadIndex(const QString &id) const { return m_workloadIndex.value(id, -1); }
    int flowIndex(const QString &id) const { return m_flowIndex.value(id, -1); }
    // Jurisdiction of a workload of the input (empty = unknown).
    QString jurisdictionOf(int workloadIndex) const;
    const WorkloadResidency &residency(int workloadIndex) const { return m_residency[std::size_t(workloadIndex)]; }
    // The input's flows into and out of a workload, and the holders of a dataset (indexes, in
    // inventory order): built once, so that no pattern scans every flow per pair.
    const std::vector<std::uint32_t> &flowsInto(int workloadIndex) const { return m_into[std::size_t(workloadIndex)]; }
    const std::vector<std::uint32_t> &flowsFrom(int workloadIndex) const { return m_outOf[std::size_t(workloadIndex)]; }
    const std::vector<std::uint32_t> &holdersOf(std::uint32_t datasetIndex) const { return m_holders[datasetIndex]; }

    // The region for a workload replacing (or moving) `replaced` in `origin`; `source` (may be
    // -1) is the workload the data comes from. C takes sovereign regions only.
    std::expected<Placement, QString> place(int replaced, int source, const QString &origin, bool sovereignOnly) const;

    // The local copy of `replaced` at `where` for this pattern, made once and reused.
    int localWorkload(int replaced, const Placement &where, WorkloadKind kind, const QString &reason,
                      const std::vector<FindingKey> &addresses);
    // A new workload beside `beside` (same location and operator) of `kind`, id `<beside>.<suffix>`.
    int stepWorkload(int beside, WorkloadKind kind, const QString &suffix, const QString &reason,
                     const std::vector<FindingKey> &addresses);
    void move(int workload, const Placement &where, const QString &reason, const std::vector<FindingKey> &addresses);
    void reroute(std::size_t flow, int to, const QString &reason, const std::vector<FindingKey> &addresses);
    // Adds the flow `from` → `to` of `form` (its id `<from>--<to>`, or `idBase`), or, when this
    // plan already added one between them in that form, adds `carries` and `addresses` to it.
    std::size_t addFlow(int from, int to, const DatasetRefs &carries, FlowForm form, const Flow &like,
                        const QString &reason, const std::vector<FindingKey> &addresses, const QString &idBase = {},
                        const QString &continues = {});

    void notAddressed(const ScopePair &pair, const QString &reason);
    void treated(const ScopePair &pair);
    void note(const QString &text) { m_plan.notes << text; }
    void addUpdateTraffic(double gbPerDay) { m_plan.updateGbPerDay += gbPerDay; }

    std::expected<ScenarioPlan, QString> finish(std::vector<ScopePair> inScope);

private:
    QString uniqueId(const QString &base);
    void record(ChangeAction action, EntityKind kind, const QString &id, const QString &from, const QString &to,
                const QString &reason, const std::vector<FindingKey> &addresses, const QString &provider = {});
    QString jurisdictionOfLocation(const QString &location) const;
    bool exposedIn(const QString &operatorId, const QString &jurisdiction) const;

    const Inventory &m_input;
    const Catalog &m_catalog;
    Inventory m_out;
    SourceRef m_at;                               // the scenario's entry in the file table
    std::vector<WorkloadResidency> m_residency;   // of the input's workloads
    std::vector<std::vector<std::uint32_t>> m_into, m_outOf, m_holders;
    std::vector<FindingKey> m_treated;            // unsorted until finish()
    QSet<QString> m_ids;                          // every id in use
    QHash<QString, int> m_workloadIndex;          // ids of the scenario's workloads
    QHash<QString, int> m_flowIndex;
    QHash<QString, int> m_local;                  // "<replaced>|<location>|<kind>" → workload
    QHash<QString, std::size_t> m_addedFlow;      // "<from>|<to>|<form>" → flow
    QHash<QString, std::size_t> m_changeOf;       // "<kind>|<id>" → its entry in changes
    ScenarioPlan m_plan;
};

} // namespace atlas
