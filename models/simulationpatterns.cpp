// Patterns A–D of patterns.md as transformations written in ScenarioBuilder's primitives. Each
// pair in scope is either treated — the change list says which changes address it — or listed
// as not addressed with the reason; none is skipped.
#include "scenariobuilder.h"

#include "georedundancy.h"

#include <map>

namespace atlas {

namespace {

enum class Role : std::uint8_t { Training, Inference, Other };

// What a flow feeds: its purpose, or, when it declares none, its destination's kind.
Role roleOf(const Flow &f, const Workload &to)
{
    if (f.purpose)
        switch (*f.purpose) {
        case Purpose::Training:
        case Purpose::FineTuning: return Role::Training;
        case Purpose::Inference: return Role::Inference;
        default: return Role::Other;
        }
    switch (to.kind) {
    case WorkloadKind::Training:
    case WorkloadKind::FineTuning: return Role::Training;
    case WorkloadKind::Inference: return Role::Inference;
    default: return Role::Other;
    }
}

QString purposeText(const Flow &f)
{
    return f.purpose ? QStringLiteral("purpose ") + enumQName(*f.purpose) : QStringLiteral("no declared purpose");
}

// "a holding", "an access entry": a subject kind in a sentence.
QString subjectText(SubjectKind kind)
{
    switch (kind) {
    case SubjectKind::Access: return QStringLiteral("an access entry");
    case SubjectKind::Holding: return QStringLiteral("a holding");
    case SubjectKind::Dataset: return QStringLiteral("a dataset");
    case SubjectKind::Workload: return QStringLiteral("a workload");
    case SubjectKind::Flow: return QStringLiteral("a flow");
    }
    return {};
}

// The pairs of each flow in scope, flows in the order of their first pair; pairs of subjects
// that are not flows are returned in `others`.
struct FlowGroup
{
    std::size_t flow = 0;
    std::vector<const ScopePair *> pairs;
};

// The provider's geo-redundant copy follows its store: no pattern moves or reroutes it.
QString geoCopyReason(const QString &store, const QString &origin)
{
    return QStringLiteral("the provider copies %1 to its region's pair (geo_redundant): make %1 locally or zone-redundant "
                          "(geo_redundant: false) or choose a region whose pair is in %2")
        .arg(store, origin);
}

std::vector<FlowGroup> groupByFlow(ScenarioBuilder &b, const std::vector<ScopePair> &pairs,
                                   std::vector<const ScopePair *> &others)
{
    std::vector<FlowGroup> groups;
    std::map<std::size_t, std::size_t> at;
    for (const ScopePair &p : pairs) {
        const int f = p.kind == SubjectKind::Flow ? b.flowIndex(p.subjectId) : -1;
        if (f >= 0 && isImplicitGeoId(p.subjectId)) {
            b.notAddressed(p, geoCopyReason(p.subjectId.chopped(4), p.origin));
            continue;
        }
        if (f < 0) {
            others.push_back(&p);
            continue;
        }
        auto [it, fresh] = at.try_emplace(std::size_t(f), groups.size());
        if (fresh)
            groups.push_back(FlowGroup{std::size_t(f), {}});
        groups[it->second].pairs.push_back(&p);
    }
    return groups;
}

// The pairs of `g` that share its first pair's origin; the rest are not addressed (a flow is
// rerouted once). Empty when the first origin is unknown.
std::vector<const ScopePair *> oneOrigin(ScenarioBuilder &b, const FlowGroup &g)
{
    const QString origin = g.pairs.front()->origin;
    std::vector<const ScopePair *> out;
    for (const ScopePair *p : g.pairs) {
        if (origin.isEmpty())
            b.notAddressed(*p, QStringLiteral("the origin of %1 is unknown: there is no jurisdiction to keep it in").arg(p->dataset));
        else if (p->origin != origin)
            b.notAddressed(*p, QStringLiteral("flow %1 also carries data of origin %2, which this change keeps in %2 "
                                              "only if the flow is split per origin first")
                                   .arg(p->subjectId, origin));
        else
            out.push_back(p);
    }
    return out;
}

std::vector<FindingKey> keysOf(const std::vector<const ScopePair *> &pairs)
{
    std::vector<FindingKey> keys;
    for (const ScopePair *p : pairs)
        mergeKeys(keys, p->keys);
    return keys;
}

QString datasetsText(const std::vector<const ScopePair *> &pairs)
{
    QStringList ids;
    for (const ScopePair *p : pairs)
        if (!ids.contains(p->dataset))
            ids << p->dataset;
    return ids.join(QStringLiteral(", "));
}

// The registry a trainer publishes to: the destination of its first model_weights flow to a
// model_registry workload, else the trainer itself (patterns.md A).
int registryOf(ScenarioBuilder &b, int trainer)
{
    const Inventory &in = b.input();
    for (std::uint32_t i : b.flowsFrom(trainer)) {
        const Flow &f = in.flows[i];
        if (f.form == FlowForm::ModelWeights && in.workloads[f.toIndex].kind == WorkloadKind::ModelRegistry)
            return int(f.toIndex);
    }
    return trainer;
}

// Local training (A) or a local trainer sending updates to the aggregator (B).
void trainLocally(ScenarioBuilder &b, std::size_t flowIndex, const std::vector<const ScopePair *> &pairs)
{
    const Flow original = b.flow(flowIndex);
    const int trainer = b.workloadIndex(original.to);
    const int source = b.workloadIndex(original.from);
    const QString origin = pairs.front()->origin;
    const std::expected<Placement, QString> where = b.place(trainer, source, origin, false);
    if (!where) {
        for (const ScopePair *p : pairs)
            b.notAddressed(*p, where.error());
        return;
    }
    const std::vector<FindingKey> keys = keysOf(pairs);
    const WorkloadKind kind = b.input().workloads[std::size_t(trainer)].kind == WorkloadKind::FineTuning
        ? WorkloadKind::FineTuning : WorkloadKind::Training;
    const int local = b.localWorkload(trainer, *where, kind,
                                      QStringLiteral("local %1 in %2 for %3, in %4")
                                          .arg(enumQName(kind), origin, datasetsText(pairs), where->how),
                                      keys);
    b.reroute(flowIndex, local,
              QStringLiteral("%1 trains in %2 instead of %3").arg(datasetsText(pairs), origin, original.to), keys);
    for (const ScopePair *p : pairs)
        b.treated(*p);
    Flow like = original;
    like.volumeGbPerDay.reset();
    like.basis = Basis::None;
    like.encrypted.reset();
    like.protections = {};
    if (b.pattern() == Pattern::A) {
        const int registry = registryOf(b, trainer);
        b.addFlow(local, registry, original.carries, FlowForm::ModelWeights, like,
                  QStringLiteral("the local model's weights go to %1, so the global model keeps learning from %2")
                      .arg(b.input().workloads[std::size_t(registry)].id, datasetsText(pairs)),
                  keys);
        return;
    }
    const PatternOptions &o = b.options();
    if (o.secureAggregation)
        like.protections.insert(Protection::SecureAggregation);
    if (o.differentialPrivacy)
        like.protections.insert(Protection::DifferentialPrivacy);
    const double gbPerDay = o.updateMb * o.roundsPerDay / 1024.0;
    like.volumeGbPerDay = gbPerDay;
    const int updateFlowsBefore = b.flowIndex(b.workload(local).id + QStringLiteral("--") + original.to);
    b.addFlow(local, trainer, original.carries, FlowForm::Gradients, like,
              QStringLiteral("gradient updates to the aggregator %1 (%2 MB × %3 rounds a day%4)")
                  .arg(original.to, QString::number(o.updateMb, 'g', 12), QString::number(o.roundsPerDay),
                       o.differentialPrivacy ? QStringLiteral(", differential privacy")
                                             : QStringLiteral(", no differential privacy")),
              keys);
    if (updateFlowsBefore < 0)
        b.addUpdateTraffic(gbPerDay);
}

// A regional inference deployment with the model's weights from where they come (A).
void serveLocally(ScenarioBuilder &b, std::size_t flowIndex, const std::vector<const ScopePair *> &pairs)
{
    const Flow original = b.flow(flowIndex);
    const int service = b.workloadIndex(original.to);
    const QString origin = pairs.front()->origin;
    const std::expected<Placement, QString> where = b.place(service, b.workloadIndex(original.from), origin, false);
    if (!where) {
        for (const ScopePair *p : pairs)
            b.notAddressed(*p, where.error());
        return;
    }
    const std::vector<FindingKey> keys = keysOf(pairs);
    const int local = b.localWorkload(service, *where, WorkloadKind::Inference,
                                      QStringLiteral("regional inference in %1 for %2, in %3").arg(origin, datasetsText(pairs), where->how),
                                      keys);
    b.reroute(flowIndex, local, QStringLiteral("%1 is served in %2 instead of by %3").arg(datasetsText(pairs), origin, original.to), keys);
    for (const ScopePair *p : pairs)
        b.treated(*p);
    // The model's lineage: what the weights deployed to the service were trained on.
    const Flow *weights = nullptr;
    DatasetRefs lineage;
    for (std::uint32_t i : b.flowsInto(service)) {
        const Flow &f = b.input().flows[i];
        if (f.form != FlowForm::ModelWeights)
            continue;
        if (!weights)
            weights = &f;
        for (const DatasetRef &r : f.carries)
            if (!containsRef(lineage, r.id))
                lineage.push_back(r);
    }
    if (!weights) {
        b.note(QStringLiteral("%1: the inventory does not say where the model of %2 comes from (no model_weights flow "
                              "into it), so its deployment to %3 is not drawn; declare it to check the model's lineage")
                   .arg(patternLetter(b.pattern()), original.to, b.workload(local).id));
        return;
    }
    Flow like = *weights;
    like.volumeGbPerDay.reset();
    b.addFlow(b.workloadIndex(weights->from), local, lineage, FlowForm::ModelWeights, like,
              QStringLiteral("the model's weights are deployed from %1, as they are to %2").arg(weights->from, original.to),
              keys);
}

void planLocalModel(ScenarioBuilder &b, const std::vector<ScopePair> &pairs)
{
    std::vector<const ScopePair *> others;
    for (const FlowGroup &g : groupByFlow(b, pairs, others)) {
        const std::vector<const ScopePair *> treat = oneOrigin(b, g);
        if (treat.empty())
            continue;
        const Flow &f = b.input().flows[g.flow];
        const Role role = roleOf(f, b.input().workloads[std::size_t(b.workloadIndex(f.to))]);
        if (role == Role::Training) {
            trainLocally(b, g.flow, treat);
        } else if (role == Role::Inference && b.pattern() == Pattern::A) {
            serveLocally(b, g.flow, treat);
        } else {
            const QString reason = b.pattern() == Pattern::A
                ? QStringLiteral("%1 is neither training nor inference: pattern A moves only those").arg(purposeText(f))
                : QStringLiteral("%1 is not training: pattern B federates training only").arg(purposeText(f));
            for (const ScopePair *p : treat)
                b.notAddressed(*p, reason);
            continue;
        }
    }
    for (const ScopePair *p : others)
        b.notAddressed(*p, QStringLiteral("%1 is not a flow: pattern %2 reroutes training%3 flows only")
                               .arg(subjectText(p->kind), patternLetter(b.pattern()),
                                    b.pattern() == Pattern::A ? QStringLiteral(" and inference") : QString()));
}

// The workload C moves for a pair, or -1 with the reason.
int workloadToMove(ScenarioBuilder &b, const ScopePair &p, QString &why)
{
    const Inventory &in = b.input();
    switch (p.kind) {
    case SubjectKind::Flow:
        return b.workloadIndex(in.flows[std::size_t(b.flowIndex(p.subjectId))].to);
    case SubjectKind::Holding:
    case SubjectKind::Workload:
        return b.workloadIndex(p.subjectId);
    case SubjectKind::Dataset:
        if (const int d = in.datasetIndex(p.dataset); d >= 0)
            for (std::uint32_t w : b.holdersOf(std::uint32_t(d)))
                if (b.jurisdictionOf(int(w)) != p.origin)
                    return int(w);
        why = QStringLiteral("no holder of %1 outside %2 to move").arg(p.dataset, p.origin);
        return -1;
    case SubjectKind::Access:
        why = QStringLiteral("the accessor sits outside %1: pattern C moves workloads, not the people who reach them "
                             "(limit the access to staff in %1)").arg(p.origin);
        return -1;
    }
    return -1;
}

// C's workloads to move, each with its pairs in subject order; pairs with nothing to move are
// not addressed here.
using Moves = std::vector<std::pair<int, std::vector<const ScopePair *>>>;

Moves workloadsToMove(ScenarioBuilder &b, const std::vector<ScopePair> &pairs)
{
    Moves moves;
    std::map<int, std::size_t> moveOf;
    for (const ScopePair &p : pairs) {
        QString why;
        const int w = p.origin.isEmpty() ? -1 : workloadToMove(b, p, why);
        if (p.origin.isEmpty())
            why = QStringLiteral("the origin of %1 is unknown: there is no jurisdiction to move to").arg(p.dataset);
        if (w < 0) {
            b.notAddressed(p, why);
            continue;
        }
        const QString &moved = b.input().workloads[std::size_t(w)].id;
        if (isImplicitGeoId(moved)) {
            b.notAddressed(p, geoCopyReason(moved.chopped(5), p.origin));
            continue;
        }
        const WorkloadKind kind = b.input().workloads[std::size_t(w)].kind;
        if (kind == WorkloadKind::CiCd || kind == WorkloadKind::Observability) {
            b.notAddressed(p, QStringLiteral("%1 is %2: pattern C keeps ci_cd and observability central")
                                  .arg(b.input().workloads[std::size_t(w)].id, enumQName(kind)));
            continue;
        }
        auto [at, fresh] = moveOf.try_emplace(w, moves.size());
        if (fresh)
            moves.push_back({w, {}});
        moves[at->second].second.push_back(&p);
    }
    return moves;
}

// The origins of the restricted data a workload holds or receives in a personal form, sorted: a
// workload serving several origins cannot move into one of them without taking the others'
// data abroad (conservative: C leaves it and says so; A splits it per origin).
QStringList restrictedOrigins(ScenarioBuilder &b, int w)
{
    const Inventory &in = b.input();
    QStringList origins;
    const auto add = [&](const Dataset &d) {
        const QString o = b.catalog().jurisdictionOf(d.origin);
        if (d.classification == Classification::Restricted && !o.isEmpty() && !origins.contains(o))
            origins << o;
    };
    for (const DatasetRef &r : in.workloads[std::size_t(w)].holds)
        add(in.datasets[r.index]);
    for (std::uint32_t i : b.flowsInto(w)) {
        const Flow &f = in.flows[i];
        if (f.form == FlowForm::Raw || f.form == FlowForm::Pseudonymised || f.form == FlowForm::Features)
            for (const DatasetRef &r : f.carries)
                add(in.datasets[r.index]);
    }
    origins.sort();
    return origins;
}

// Why `w` does not move to `where` for data of `origin`, or empty when it does.
QString moveRefusal(ScenarioBuilder &b, int w, const std::expected<Placement, QString> &where)
{
    const QString id = b.input().workloads[std::size_t(w)].id;
    if (const QStringList origins = restrictedOrigins(b, w); origins.size() > 1)
        return QStringLiteral("%1 holds or receives restricted data of several origins (%2): moving it into one would "
                              "take the others' data abroad; split it per origin first (pattern A)")
            .arg(id, origins.join(QStringLiteral(", ")));
    if (!where)
        return where.error();
    if (where->location == b.input().workloads[std::size_t(w)].location)
        return QStringLiteral("%1 is already at %2, %3; its operator %4 is what remains exposed")
            .arg(id, where->location, where->how, b.residency(w).operatorFacts.id);
    return {};
}

// What stays central: flows from moved workloads to ci_cd and observability that carry
// restricted or telemetry data (patterns.md C), as notes.
void noteCentralFlows(ScenarioBuilder &b, std::vector<int> moved)
{
    const Inventory &in = b.input();
    std::sort(moved.begin(), moved.end());
    std::vector<std::uint32_t> flows;
    for (int w : moved)
        flows.insert(flows.end(), b.flowsFrom(w).begin(), b.flowsFrom(w).end());
    std::sort(flows.begin(), flows.end());
    for (std::uint32_t i : flows) {
        const Flow &f = in.flows[i];
        const WorkloadKind kind = in.workloads[f.toIndex].kind;
        if (kind != WorkloadKind::CiCd && kind != WorkloadKind::Observability)
            continue;
        for (const DatasetRef &r : f.carries) {
            const Dataset &d = in.datasets[r.index];
            const bool telemetry = d.categories.contains(Category::Prompts) || d.categories.contains(Category::Transcripts)
                || d.categories.contains(Category::ModelOutputs) || d.categories.contains(Category::ToolTraces)
                || d.categories.contains(Category::Logs);
            if (d.classification == Classification::Restricted || telemetry)
                b.note(QStringLiteral("C: flow %1 from the moved %2 to the central %3 %4 carries %5 (%6)")
                           .arg(f.id, f.from, enumQName(kind), f.to, d.id,
                                d.classification == Classification::Restricted ? QStringLiteral("restricted") : QStringLiteral("telemetry")));
        }
    }
}

void planSovereign(ScenarioBuilder &b, const std::vector<ScopePair> &pairs)
{
    std::vector<int> moved;
    for (const auto &[w, wpairs] : workloadsToMove(b, pairs)) {
        // A workload moves once: the first origin in subject order decides where.
        const QString origin = wpairs.front()->origin;
        std::vector<const ScopePair *> treat;
        int source = -1;
        for (const ScopePair *p : wpairs)
            if (p->origin == origin) {
                treat.push_back(p);
                if (source < 0 && p->kind == SubjectKind::Flow)
                    source = b.workloadIndex(b.input().flows[std::size_t(b.flowIndex(p->subjectId))].from);
            }
        const QString id = b.input().workloads[std::size_t(w)].id;
        const std::expected<Placement, QString> where = b.place(w, source, origin, true);
        const QString refusal = moveRefusal(b, w, where);
        for (const ScopePair *p : wpairs) {
            if (!refusal.isEmpty())
                b.notAddressed(*p, refusal);
            else if (p->origin != origin)
                b.notAddressed(*p, QStringLiteral("%1 moves to %2 for data of origin %2; a workload moves once").arg(id, origin));
        }
        if (!refusal.isEmpty())
            continue;
        b.move(w, *where, QStringLiteral("%1 holds or processes %2 of origin %3: moved to %4 (%5)")
                              .arg(id, datasetsText(treat), origin, where->location, where->how),
               keysOf(treat));
        for (const ScopePair *p : treat)
            b.treated(*p);
        moved.push_back(w);
    }
    noteCentralFlows(b, std::move(moved));
}

void planDeidentify(ScenarioBuilder &b, const std::vector<ScopePair> &pairs)
{
    std::vector<const ScopePair *> others;
    for (const FlowGroup &g : groupByFlow(b, pairs, others)) {
        const std::vector<const ScopePair *> treat = oneOrigin(b, g);
        if (treat.empty())
            continue;
        const Flow original = b.flow(g.flow);
        const int source = b.workloadIndex(original.from), target = b.workloadIndex(original.to);
        const QString origin = treat.front()->origin;
        if (const QString at = b.jurisdictionOf(source); at != origin) {
            const QString where = at.isEmpty() ? QStringLiteral("of unknown residency") : QStringLiteral("in ") + at;
            for (const ScopePair *p : treat)
                b.notAddressed(*p, QStringLiteral("the source %1 is %2, not in %3: de-identification belongs where the data "
                                                  "is still in %3")
                                       .arg(original.from, where, origin));
            continue;
        }
        if (b.jurisdictionOf(target) == origin) {
            for (const ScopePair *p : treat)
                b.notAddressed(*p, QStringLiteral("flow %1 stays in %2: there is no crossing to de-identify").arg(original.id, origin));
            continue;
        }
        const Role role = roleOf(original, b.input().workloads[std::size_t(target)]);
        const bool analytics = original.purpose == Purpose::Analytics;
        const DeidMethod method = b.options().method.value_or(role == Role::Training || analytics ? DeidMethod::Anonymise
                                                                                                 : DeidMethod::Tokenise);
        const bool anonymise = method == DeidMethod::Anonymise;
        const WorkloadKind kind = anonymise ? WorkloadKind::Anonymisation : WorkloadKind::Tokenisation;
        const FlowForm form = anonymise ? FlowForm::Anonymised : FlowForm::Pseudonymised;
        const std::vector<FindingKey> keys = keysOf(treat);
        const int step = b.stepWorkload(source, kind, enumQName(kind),
                                        QStringLiteral("%1 of %2 beside its source %3, before it leaves %4")
                                            .arg(enumQName(kind), datasetsText(treat), original.from, origin),
                                        keys);
        b.reroute(g.flow, step, QStringLiteral("%1 stays %2 and local: it goes to the %3 step first")
                                    .arg(datasetsText(treat), enumQName(original.form), enumQName(kind)), keys);
        b.addFlow(step, target, original.carries, form, original,
                  QStringLiteral("only %1 %2 reaches %3%4")
                      .arg(enumQName(form), datasetsText(treat), original.to,
                           anonymise ? QString() : QStringLiteral(" (tokenised data is still personal data)")),
                  keys, original.id + u'.' + enumQName(form), original.id);
        for (const ScopePair *p : treat)
            b.treated(*p);
    }
    for (const ScopePair *p : others)
        b.notAddressed(*p, QStringLiteral("%1 is not a flow: pattern D de-identifies data in flight only").arg(subjectText(p->kind)));
}

} // namespace

std::expected<ScenarioPlan, QString> planScenario(const Inventory &inventory, const Catalog &catalog,
                                                  const std::vector<Finding> &baseline, Pattern pattern,
                                                  const SimulationScope &scope, const PatternOptions &options)
{
    ScenarioBuilder b(inventory, catalog, pattern, options);
    std::vector<ScopePair> pairs = b.pairs(baseline, scope);
    switch (pattern) {
    case Pattern::A:
    case Pattern::B: planLocalModel(b, pairs); break;
    case Pattern::C: planSovereign(b, pairs); break;
    case Pattern::D: planDeidentify(b, pairs); break;
    }
    return b.finish(std::move(pairs));
}

} // namespace atlas
