#include "policyfacts.h"

#include "policylineage.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <deque>
#include <unordered_map>

namespace atlas {

namespace {

Tri differs(Symbol a, Symbol b)
{
    if (!a || !b)
        return -1;
    return a != b ? 1 : 0;
}

std::uint16_t reasonIndex(PolicyFacts &facts, QHash<QString, std::uint16_t> &index, const QString &reason)
{
    const auto it = index.constFind(reason);
    if (it != index.cend())
        return *it;
    const auto i = std::uint16_t(facts.reasons.size());
    facts.reasons.append(reason);
    index.insert(reason, i);
    return i;
}

// The mandate of the dataset's origin in force at `asOf` that covers one of its categories;
// unconditional storage first, then unconditional primary copy, then conditional ones. A
// conditional mandate of handler scope applies once any dataset declares it applies
// (`handlerBound`: indexes of such mandates), unless this dataset declares itself exempt.
MandateFacts mandateOf(const Catalog &catalog, const Dataset &d, const QString &origin, const QDate &asOf,
                       const QSet<int> &handlerBound)
{
    MandateFacts best;
    int bestRank = 99;
    for (std::size_t i = 0; i < catalog.mandates.size(); ++i) {
        const LocalisationMandate &m = catalog.mandates[i];
        if (m.jurisdiction != origin || (m.categories.bits() & d.categories.bits()) == 0 || !m.validity.covers(asOf))
            continue;
        const int rank = (m.conditional ? 2 : 0) + (m.kind == LocalisationMandate::Kind::Storage ? 0 : 1);
        if (rank < bestRank) {
            bestRank = rank;
            best.mandate = int(i);
            best.applies = !m.conditional || d.localisation == Localisation::Applies
                || (m.handlerScope && handlerBound.contains(int(i)) && d.localisation != Localisation::Exempt);
        }
    }
    return best;
}

// Mandates of handler scope that some dataset declares apply: they bind the whole organisation.
QSet<int> handlerBoundMandates(const Catalog &catalog, const Inventory &inv, const QDate &asOf)
{
    QSet<int> bound;
    for (std::size_t i = 0; i < catalog.mandates.size(); ++i) {
        const LocalisationMandate &m = catalog.mandates[i];
        if (!m.handlerScope || !m.validity.covers(asOf))
            continue;
        for (const Dataset &d : inv.datasets)
            if (d.localisation == Localisation::Applies && (m.categories.bits() & d.categories.bits()) != 0
                && catalog.jurisdictionOf(d.origin) == m.jurisdiction) {
                bound.insert(int(i));
                break;
            }
    }
    return bound;
}

void sortUnique(std::vector<std::uint32_t> &v)
{
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

// Where something is, as symbols: the same four facts for workloads and accessors.
void internLocation(SymbolTable &symbols, const ResolvedLocation &loc, Symbol &provider, Symbol &region,
                    Symbol &country, Symbol &jurisdiction)
{
    provider = symbols.intern(loc.provider);
    region = symbols.intern(loc.region);
    country = symbols.intern(loc.country);
    jurisdiction = symbols.intern(loc.jurisdiction);
}

// The kinds that store data: one of them holding no declared dataset cannot be checked (RES-017).
bool isDataStore(WorkloadKind kind)
{
    switch (kind) {
    case WorkloadKind::Storage: case WorkloadKind::Database: case WorkloadKind::Backup:
    case WorkloadKind::Logging: case WorkloadKind::Telemetry:
        return true;
    default:
        return false;
    }
}

// Why a location has no jurisdiction, in the words a finding can quote: a region the catalog
// lacks is not the same as a location declared unknown.
QString locationProblem(const ResolvedLocation &loc)
{
    switch (loc.form) {
    case LocationForm::Unknown:
        return QStringLiteral("location declared unknown");
    case LocationForm::Global:
        return QStringLiteral("global service (") + loc.reference + QStringLiteral("): data may be anywhere the provider operates");
    case LocationForm::Unresolved: // "region 'x' of provider 'aws' is not in the catalog", …
        return loc.problem;
    default:
        return loc.problem.isEmpty() ? QStringLiteral("location ") + loc.reference + QStringLiteral(" does not resolve to one jurisdiction")
                                     : loc.problem;
    }
}

// Derives the facts in steps, each reading what the ones before it computed.
class FactDeriver
{
public:
    FactDeriver(const Catalog &catalog, const Inventory &inv, const QDate &asOf)
        : m_catalog(catalog), m_inv(inv), m_asOf(asOf), m_handlerBound(handlerBoundMandates(catalog, inv, asOf))
    {
        m_f.catalog = &catalog;
        m_f.asOf = m_asOf;
        m_f.inventory = &inv;
    }

    PolicyFacts run()
    {
        m_f.residency = resolveResidency(m_catalog, m_inv);
        workloads();
        flowEnds();
        datasets();
        holdings();
        flowsAndPairs();
        processingHoldings();
        lineage();
        access();
        return std::move(m_f);
    }

private:
    // Adequacy depends only on (origin, destination, certifications): cached, keyed by symbols
    // so the per-pair cost is one integer hash (origin and destination in 64 bits, the
    // certification bits beside).
    struct Key
    {
        std::uint64_t symbols;
        std::uint32_t certs;
        bool operator==(const Key &) const = default;
    };
    struct KeyHash
    {
        std::size_t operator()(const Key &k) const { return std::hash<std::uint64_t>()(k.symbols) ^ (std::size_t(k.certs) * 0x9e3779b97f4a7c15ULL); }
    };

    Symbol intern(const QString &text) { return m_f.symbols.intern(text); }

    Adequacy adequacy(Symbol origin, Symbol destination, CertificationSet certs)
    {
        const Key key{(std::uint64_t(origin) << 32) | destination, certs.bits()};
        const auto it = m_adequacy.find(key);
        if (it != m_adequacy.end())
            return it->second;
        const AdequacyVerdict v = destinationAdequacy(m_catalog, m_f.symbols.name(origin), m_f.symbols.name(destination), certs, m_asOf);
        const Adequacy a{v.adequate, reasonIndex(m_f, m_reasons, v.reason)};
        m_adequacy.emplace(key, a);
        return a;
    }

    bool storageMandate(const DatasetFacts &df) const
    {
        return df.mandate.applies
            && m_catalog.mandates[std::size_t(df.mandate.mandate)].kind == LocalisationMandate::Kind::Storage;
    }

    void workloads()
    {
        m_f.workloads.resize(m_inv.workloads.size());
        for (std::size_t i = 0; i < m_inv.workloads.size(); ++i) {
            const Workload &w = m_inv.workloads[i];
            const ResolvedLocation &loc = m_f.residency[i].location;
            const OperatorFacts &op = m_f.residency[i].operatorFacts;
            WorkloadFacts &wf = m_f.workloads[i];
            wf.id = intern(w.id);
            wf.name = intern(w.name);
            internLocation(m_f.symbols, loc, wf.provider, wf.region, wf.country, wf.jurisdiction);
            wf.sovereign = loc.sovereign;
            wf.operatorId = intern(op.id);
            wf.operatorHq = intern(op.hqJurisdiction);
            wf.lawJurisdiction = intern(op.lawJurisdiction);
            wf.extraterritorial = op.known ? Tri(op.extraterritorial) : Tri(-1);
            wf.operatorLaw = op.extraterritorial ? intern(op.law) : NoSymbol;
            wf.locationProblem = loc.isKnown() ? NoSymbol : intern(locationProblem(loc));
            wf.carriesData = !w.holds.empty();
            wf.unclassifiedStore = w.holds.empty() && isDataStore(w.kind);
            wf.kind = std::uint8_t(w.kind);
            wf.external = w.external;
            wf.certifications = w.certifications.bits();
        }
    }

    void flowEnds()
    {
        m_f.flowFrom.resize(m_inv.flows.size());
        m_f.flowTo.resize(m_inv.flows.size());
        for (std::size_t i = 0; i < m_inv.flows.size(); ++i) {
            m_f.flowFrom[i] = m_inv.flows[i].fromIndex;
            m_f.flowTo[i] = m_inv.flows[i].toIndex;
            m_f.workloads[m_f.flowTo[i]].carriesData = true; // ends a flow
        }
    }

    // Origin, keys, mandate and the origin's law.
    void datasets()
    {
        m_f.datasets.resize(m_inv.datasets.size());
        for (std::size_t i = 0; i < m_inv.datasets.size(); ++i)
            dataset(m_inv.datasets[i], m_f.datasets[i]);
    }

    void dataset(const Dataset &d, DatasetFacts &df)
    {
        const QString origin = m_catalog.jurisdictionOf(d.origin);
        df.id = intern(d.id);
        df.name = intern(d.name);
        df.origin = intern(origin);
        df.categories = d.categories.bits();
        df.classification = std::uint8_t(d.classification);
        df.retentionDays = d.retentionDays ? *d.retentionDays : -1;
        df.redacted = d.redacted ? Tri(*d.redacted) : Tri(-1);
        df.custody = d.keys && d.keys->custody ? std::int8_t(*d.keys->custody) : std::int8_t(-1);
        df.localisation = d.localisation ? std::int8_t(*d.localisation) : std::int8_t(-1);
        const auto basis = effectiveTrainingBasis(d);
        df.trainingBasis = basis ? std::int8_t(*basis) : std::int8_t(-1);
        df.consentTraining = d.consent.training;
        df.consentAnalytics = d.consent.analytics;
        df.keysDeclared = d.keys.has_value();
        df.telemetry = d.categories.contains(Category::Prompts) || d.categories.contains(Category::Transcripts)
            || d.categories.contains(Category::ModelOutputs) || d.categories.contains(Category::ToolTraces);
        if (d.keys && !d.keys->location.isEmpty()) {
            const ResolvedLocation keys = resolveLocation(m_catalog, d.keys->location, &m_inv);
            df.keysJurisdiction = intern(keys.jurisdiction);
            df.keysOutsideOrigin = df.origin ? differs(df.keysJurisdiction, df.origin) : Tri(-1);
        }
        df.mandate = mandateOf(m_catalog, d, origin, m_asOf, m_handlerBound);
        if (df.mandate.mandate >= 0)
            df.mandateName = intern(m_catalog.mandates[std::size_t(df.mandate.mandate)].name);
        if (const Jurisdiction *j = origin.isEmpty() ? nullptr : m_catalog.jurisdictionAt(origin, m_asOf)) {
            df.originRegime = std::uint8_t(j->regime);
            df.originLaw = intern(j->law);
            df.originTransferLaw = intern(j->transferLaw);
        }
    }

    // Holdings, held_in and the primary copy a mandate asks for.
    void holdings()
    {
        m_holdersOf.resize(m_inv.datasets.size());
        for (std::size_t w = 0; w < m_inv.workloads.size(); ++w) {
            const Workload &wl = m_inv.workloads[w];
            const WorkloadFacts &wf = m_f.workloads[w];
            for (std::size_t k = 0; k < wl.holds.size(); ++k) {
                const std::uint32_t d = wl.holds[k].index;
                DatasetFacts &df = m_f.datasets[std::size_t(d)];
                m_holdersOf[std::size_t(d)].push_back(std::uint32_t(w));
                if (wf.jurisdiction)
                    df.heldIn.push_back(wf.jurisdiction);
                HoldingFacts h;
                h.workload = std::uint32_t(w);
                h.dataset = std::uint32_t(d);
                h.holdsIndex = std::uint32_t(k);
                h.outsideOrigin = differs(wf.jurisdiction, df.origin);
                h.operatorForeign = operatorForeign(wf, df);
                if (storageMandate(df))
                    h.localisationBreach = h.outsideOrigin;
                m_f.holdings.push_back(h);
            }
        }
        for (std::size_t d = 0; d < m_inv.datasets.size(); ++d) {
            DatasetFacts &df = m_f.datasets[d];
            sortUnique(df.heldIn);
            if (df.mandate.applies
                && m_catalog.mandates[std::size_t(df.mandate.mandate)].kind == LocalisationMandate::Kind::PrimaryCopy) {
                const bool inside = std::any_of(m_holdersOf[d].begin(), m_holdersOf[d].end(), [&](std::uint32_t w) {
                    return m_f.workloads[w].jurisdiction == df.origin;
                });
                df.primaryCopyMissing = inside ? 0 : 1;
            }
        }
    }

    void flowsAndPairs()
    {
        m_flowsOf.resize(m_inv.datasets.size());
        m_f.flows.resize(m_inv.flows.size());
        m_modelLineage = modelLineage(m_inv);
        for (std::size_t i = 0; i < m_inv.flows.size(); ++i)
            flow(std::uint32_t(i));
        m_modelLineage.clear();
    }

    void flow(std::uint32_t i)
    {
        const Flow &fl = m_inv.flows[i];
        const WorkloadFacts &src = m_f.workloads[m_f.flowFrom[i]];
        const WorkloadFacts &dst = m_f.workloads[m_f.flowTo[i]];
        FlowFacts &ff = m_f.flows[i];
        ff.form = std::uint8_t(fl.form);
        ff.basis = std::uint8_t(fl.basis);
        ff.purpose = fl.purpose ? std::int8_t(*fl.purpose) : std::int8_t(-1);
        ff.encrypted = fl.encrypted ? Tri(*fl.encrypted) : Tri(-1);
        ff.protections = fl.protections.bits();
        ff.crossesBorder = differs(src.country, dst.country);
        ff.crossesJurisdiction = differs(src.jurisdiction, dst.jurisdiction);
        ff.personalForm = fl.form == FlowForm::Raw || fl.form == FlowForm::Pseudonymised || fl.form == FlowForm::Features;
        ff.firstPair = std::uint32_t(m_f.flowPairs.size());
        for (const std::uint32_t d : linkedIndexes(fl.carries))
            addFlowPair(i, d, false);
        // Model lineage: a declared dataset learns where it came from; the others are derived.
        for (const ModelCarriage &c : m_modelLineage[i]) {
            const auto declared = std::find(m_f.flowPairDataset.begin() + ff.firstPair, m_f.flowPairDataset.end(), c.dataset);
            const std::size_t pair = declared != m_f.flowPairDataset.end() ? std::size_t(declared - m_f.flowPairDataset.begin())
                                                                          : addFlowPair(i, c.dataset, true);
            m_f.flowPairs[pair].lineage = lineageIndex(c.trainingFlows);
        }
        ff.pairCount = std::uint32_t(m_f.flowPairs.size()) - ff.firstPair;
    }

    std::size_t addFlowPair(std::uint32_t i, std::uint32_t d, bool derived)
    {
        const Flow &fl = m_inv.flows[i];
        FlowFacts &ff = m_f.flows[i];
        const WorkloadFacts &dst = m_f.workloads[m_f.flowTo[i]];
        const DatasetFacts &df = m_f.datasets[d];
        FlowPairFacts p;
        p.derived = derived;
        p.leavesOrigin = differs(dst.jurisdiction, df.origin);
        p.adequacy = adequacy(df.origin, dst.jurisdiction, m_inv.workloads[m_f.flowTo[i]].certifications);
        if (ff.personalForm && storageMandate(df)) {
            p.localisationBreach = p.leavesOrigin;
            if (p.leavesOrigin > 0 && processedOnly(m_f.flowTo[i], d)
                && m_catalog.mandates[std::size_t(df.mandate.mandate)].processingAbroadHours > 0) {
                p.localisationBreach = 0; // allowed if deleted there in time: a review (RES-015)
                p.processingAbroad = 1;
            }
        }
        if (ff.personalForm)
            p.law = transferLaw(df, fl.basis, fl.notified, fl.assessed, p.leavesOrigin);
        ff.carriesRestricted |= m_inv.datasets[d].classification == Classification::Restricted;
        m_f.flowPairs.push_back(p);
        m_f.flowPairDataset.push_back(d);
        m_flowsOf[d].push_back(i);
        return m_f.flowPairs.size() - 1;
    }

    // Whether a foreign law reaches the operator of `wf` from abroad for data of `df`'s origin.
    // Inside the law's own territory it reaches by territory: the transfer there is the question
    // (RES-001, RES-003), not RES-007's.
    static Tri operatorForeign(const WorkloadFacts &wf, const DatasetFacts &df)
    {
        if (wf.extraterritorial < 0)
            return -1;
        const bool territorial = wf.jurisdiction && wf.jurisdiction == wf.lawJurisdiction;
        return Tri(wf.extraterritorial > 0 && wf.lawJurisdiction != df.origin && !territorial);
    }

    // The destination only processes the dataset: it is not a store and does not hold it.
    bool processedOnly(std::uint32_t workload, std::uint32_t dataset) const
    {
        const Workload &w = m_inv.workloads[workload];
        return !isDataStore(w.kind)
            && std::none_of(w.holds.begin(), w.holds.end(), [&](const DatasetRef &h) { return h.index == dataset; });
    }

    std::int32_t lineageIndex(const std::vector<std::uint32_t> &trainingFlows)
    {
        ModelLineage l;
        l.trainingFlows = trainingFlows;
        QStringList ids;
        for (std::uint32_t f : trainingFlows)
            ids << m_inv.flows[f].id;
        // Held by the trainer, or declared on a model flow: no flow brought it into training.
        l.text = intern(ids.isEmpty() ? QStringLiteral("no training flow (held by the trainer or declared on a model flow)")
                                      : ids.join(QStringLiteral(", ")));
        m_f.lineage.push_back(std::move(l));
        return std::int32_t(m_f.lineage.size() - 1);
    }

    // A fact the research could not verify says so wherever a finding quotes it.
    static QString unverifiedMark(const Provenance &p)
    {
        return p.verified ? QString() : QStringLiteral(" [catalog fact not verified]");
    }

    // What the origin's law in force says of this transfer: bases it does not accept here, and
    // steps it requires first (revision 2b). Only transfers out of the origin are concerned.
    TransferLawFacts transferLaw(const DatasetFacts &df, Basis basis, std::optional<bool> notified,
                                 const QDate &assessed, Tri leavesOrigin)
    {
        if (!df.origin || leavesOrigin <= 0)
            return {};
        // Memoised: a million pairs share a handful of (origin, basis, steps, mandate) keys.
        const bool assessedInTime = assessed.isValid() && (!m_asOf.isValid() || assessed <= m_asOf);
        const std::uint64_t key = (std::uint64_t(df.origin) << 32) | (std::uint64_t(basis) << 24)
            | (std::uint64_t(notified ? 1 + int(*notified) : 0) << 20) | (std::uint64_t(assessedInTime) << 19)
            | (df.mandate.applies ? std::uint64_t(df.mandate.mandate + 1) & 0x7ffff : 0);
        if (const auto it = m_transferLaw.find(key); it != m_transferLaw.end())
            return it->second;
        return m_transferLaw[key] = transferLawOf(df, basis, notified.value_or(false), assessedInTime);
    }

    TransferLawFacts transferLawOf(const DatasetFacts &df, Basis basis, bool notified, bool assessedInTime)
    {
        TransferLawFacts out;
        const Jurisdiction *j = m_catalog.jurisdictionAt(m_f.symbols.name(df.origin), m_asOf);
        if (!j)
            return out;
        for (const BasisRule &r : j->basisRules) {
            const bool applies = r.when == BasisRule::When::Always
                || (df.mandate.applies && m_catalog.mandates[std::size_t(df.mandate.mandate)].jurisdiction == j->id);
            if (applies && r.validity.covers(m_asOf) && r.notCounted.contains(basis)) {
                out.basisNotCounted = 1;
                out.basisInstead = intern(r.instead + unverifiedMark(r.provenance));
            }
        }
        QStringList missing;
        for (const PriorStep &step : j->priorSteps) {
            if (!step.validity.covers(m_asOf))
                continue;
            const bool met = step.kind == PriorStep::Kind::Notification ? notified : assessedInTime;
            if (!met)
                missing << step.name + unverifiedMark(step.provenance);
        }
        out.priorStepMissing = missing.isEmpty() ? 0 : 1;
        out.priorStepsMissing = missing.isEmpty() ? NoSymbol : intern(missing.join(QStringLiteral("; ")));
        return out;
    }

    // Workloads that receive a dataset in a personal form without holding it process it: as
    // exposed to their operator's law as a store (RES-007, holding.role: processes). A data
    // store that receives it stores it, declared or not: it holds it (keys at rest count).
    void processingHoldings()
    {
        QSet<std::uint64_t> seen;
        for (const HoldingFacts &h : m_f.holdings)
            seen.insert((std::uint64_t(h.workload) << 32) | h.dataset);
        for (std::uint32_t i = 0; i < m_inv.flows.size(); ++i) {
            const FlowFacts &ff = m_f.flows[i];
            if (!ff.personalForm)
                continue;
            const std::uint32_t w = m_f.flowTo[i];
            const WorkloadFacts &wf = m_f.workloads[w];
            for (std::uint32_t p = ff.firstPair; p < ff.firstPair + ff.pairCount; ++p) {
                const std::uint32_t d = m_f.flowPairDataset[p];
                if (m_f.flowPairs[p].derived || seen.contains((std::uint64_t(w) << 32) | d))
                    continue;
                seen.insert((std::uint64_t(w) << 32) | d);
                HoldingFacts h;
                const bool store = isDataStore(m_inv.workloads[w].kind);
                h.role = store ? HoldingFacts::Holds : HoldingFacts::Processes;
                h.workload = w;
                h.dataset = d;
                h.flow = i;
                h.holdsIndex = HoldingFacts::NoHoldsIndex;
                h.outsideOrigin = differs(wf.jurisdiction, m_f.datasets[d].origin);
                h.operatorForeign = operatorForeign(wf, m_f.datasets[d]);
                if (store && storageMandate(m_f.datasets[d]))
                    h.localisationBreach = h.outsideOrigin;
                m_f.holdings.push_back(h);
            }
        }
    }

    // From the holders, follow every flow that carries the dataset, transitively.
    void lineage()
    {
        std::vector<std::uint32_t> stamp(m_inv.workloads.size(), 0);
        for (std::size_t d = 0; d < m_inv.datasets.size(); ++d) {
            const auto mark = std::uint32_t(d + 1);
            std::deque<std::uint32_t> queue;
            for (std::uint32_t w : m_holdersOf[d])
                if (stamp[w] != mark) {
                    stamp[w] = mark;
                    queue.push_back(w);
                }
            // Edges of this dataset by source workload.
            QHash<std::uint32_t, std::vector<std::uint32_t>> out;
            for (std::uint32_t fi : m_flowsOf[d])
                out[m_f.flowFrom[fi]].push_back(m_f.flowTo[fi]);
            DatasetFacts &df = m_f.datasets[d];
            while (!queue.empty()) {
                const std::uint32_t w = queue.front();
                queue.pop_front();
                df.reaches.push_back(m_f.workloads[w].id);
                if (m_f.workloads[w].jurisdiction)
                    df.reaches.push_back(m_f.workloads[w].jurisdiction);
                const auto it = out.constFind(w);
                if (it == out.cend())
                    continue;
                for (std::uint32_t next : *it)
                    if (stamp[next] != mark) {
                        stamp[next] = mark;
                        queue.push_back(next);
                    }
            }
            sortUnique(df.reaches);
        }
    }

    // Access entries and (access, dataset) pairs: an accessor carries no certifications.
    void access()
    {
        m_f.access.resize(m_inv.access.size());
        for (std::size_t a = 0; a < m_inv.access.size(); ++a) {
            const Access &ac = m_inv.access[a];
            const ResolvedLocation from = resolveLocation(m_catalog, ac.from, &m_inv);
            AccessFacts &af = m_f.access[a];
            af.id = intern(ac.id);
            af.role = intern(ac.role);
            af.purpose = intern(ac.purpose);
            internLocation(m_f.symbols, from, af.provider, af.region, af.country, af.jurisdiction);
            af.toWorkload = ac.toIndex;
            for (std::size_t k = 0; k < ac.datasets.size(); ++k) {
                const std::uint32_t d = ac.datasets[k].index;
                AccessPairFacts p;
                p.access = std::uint32_t(a);
                p.dataset = d;
                p.datasetsIndex = std::uint32_t(k);
                p.leavesOrigin = differs(af.jurisdiction, m_f.datasets[d].origin);
                p.adequacy = adequacy(m_f.datasets[d].origin, af.jurisdiction, CertificationSet{});
                p.law = transferLaw(m_f.datasets[d], ac.basis, ac.notified, ac.assessed, p.leavesOrigin);
                m_f.accessPairs.push_back(p);
            }
        }
    }

    const Catalog &m_catalog;
    const Inventory &m_inv;
    const QDate m_asOf;
    const QSet<int> m_handlerBound;
    PolicyFacts m_f;
    QHash<QString, std::uint16_t> m_reasons;
    std::unordered_map<Key, Adequacy, KeyHash> m_adequacy;
    std::vector<std::vector<std::uint32_t>> m_holdersOf; // workloads holding each dataset
    std::vector<std::vector<std::uint32_t>> m_flowsOf;   // flows carrying each dataset (lineage edges)
    std::vector<std::vector<ModelCarriage>> m_modelLineage; // per flow, while the pairs are built
    std::unordered_map<std::uint64_t, TransferLawFacts> m_transferLaw;
};

} // namespace

const Jurisdiction *PolicyFacts::lawOf(const QString &jurisdiction) const
{
    const Jurisdiction *j = catalog ? catalog->jurisdictionAt(jurisdiction, asOf) : nullptr;
    return j || !catalog ? j : catalog->jurisdiction(jurisdiction);
}

PolicyFacts derivePolicyFacts(const Catalog &catalog, const Inventory &inv, const QDate &asOf)
{
    return FactDeriver(catalog, inv, asOf).run();
}

} // namespace atlas
