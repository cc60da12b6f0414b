// The facts the policy engine derives from an inventory before any rule runs
// (policy-rules.md, "Facts"), computed once: per workload (location, operator), per dataset
// (origin, mandate, keys, lineage), per flow, per (flow, dataset) pair (leaves origin,
// adequacy, localisation), per holding and per (access, dataset) pair. Unknown stays unknown
// (-1 in the tri-state fields) so that a rule on it is false, as the spec requires.
#pragma once

#include "catalog.h"
#include "inventory.h"
#include "residency.h"
#include "symbols.h"

#include <vector>

namespace atlas {

using Tri = std::int8_t; // -1 unknown, 0 false, 1 true

// The per-entity facts are compact copies of what rules read (enums, bits, symbols), so the
// evaluator's hot loop never touches the inventory's strings.
struct WorkloadFacts
{
    Symbol id = 0, name = 0, provider = 0, region = 0, country = 0, jurisdiction = 0;
    Symbol operatorId = 0, operatorHq = 0, lawJurisdiction = 0, operatorLaw = 0;
    Symbol locationProblem = 0;              // why residency is unknown; 0 when known
    std::uint32_t certifications = 0;
    std::uint8_t kind = 0;
    Tri extraterritorial = -1;
    bool sovereign = false;
    bool carriesData = false;
    bool external = false;
    bool unclassifiedStore = false;          // a data-store kind holding no declared dataset
};

struct Adequacy
{
    Tri adequate = -1;
    std::uint16_t reason = 0; // index into PolicyFacts::reasons
};

struct MandateFacts
{
    int mandate = -1;            // index into the catalog's mandates, -1 = none covers it
    bool applies = false;
};

struct DatasetFacts
{
    Symbol id = 0, name = 0, origin = 0, keysJurisdiction = 0;
    Symbol originLaw = 0, originTransferLaw = 0, mandateName = 0; // catalog texts, for references
    std::uint8_t originRegime = 0;           // TransferRegime of the origin (NotCatalogued without one)
    std::uint32_t categories = 0;
    std::int32_t retentionDays = -1;         // -1 = absent
    std::uint8_t classification = 0;
    std::int8_t custody = -1, localisation = -1; // -1 = absent
    Tri redacted = -1;
    bool consentTraining = false, consentAnalytics = false, keysDeclared = false;
    std::int8_t trainingBasis = -1;          // TrainingBasis; -1 = not recorded
    Tri keysOutsideOrigin = -1;
    bool telemetry = false;
    MandateFacts mandate;
    Tri primaryCopyMissing = 0;
    std::vector<std::uint32_t> heldIn;   // sorted symbols
    std::vector<std::uint32_t> reaches;  // sorted symbols: workload ids and jurisdictions
};

struct FlowFacts
{
    std::uint32_t protections = 0;
    std::uint8_t form = 0, basis = 0;
    std::int8_t purpose = -1;                 // -1 = absent
    Tri encrypted = -1;
    Tri crossesBorder = -1, crossesJurisdiction = -1;
    bool personalForm = false;
    bool carriesRestricted = false;      // a restricted dataset, declared or derived
    std::uint32_t firstPair = 0;         // index of its first (flow, dataset) pair
    std::uint32_t pairCount = 0;         // declared pairs first, then derived ones
};

// What the origin's law, at the evaluation date, says of one transfer (flow or access pair).
struct TransferLawFacts
{
    Tri basisNotCounted = 0;       // the declared basis is one the origin's law does not accept here
    Symbol basisInstead = 0;       // what counts instead, in words (catalog)
    Tri priorStepMissing = 0;      // a required prior step (notification, assessment) is not recorded
    Symbol priorStepsMissing = 0;  // their names, in words (catalog)
};

struct FlowPairFacts
{
    Tri leavesOrigin = -1;
    Adequacy adequacy;
    Tri localisationBreach = 0;
    Tri processingAbroad = 0;      // a storage mandate allows it abroad if deleted in N hours (review)
    TransferLawFacts law;
    // Model lineage (revision 2b): the flow carries this dataset by derivation (weights or
    // updates of a model trained on it), not because it declares it.
    bool derived = false;
    std::int32_t lineage = -1;     // index into PolicyFacts::lineage, -1 = not a model flow of it
};

// Where a model flow's dataset came from: the flows into training that brought it.
struct ModelLineage
{
    std::vector<std::uint32_t> trainingFlows; // flow indexes, sorted
    Symbol text = 0;                          // "ehr-to-us-training, …" (flow ids)
};

struct HoldingFacts
{
    enum Role : std::uint8_t { Holds, Processes };
    std::uint32_t workload = 0, dataset = 0, holdsIndex = 0;  // holdsIndex: NoHoldsIndex when received, not declared
    std::uint32_t flow = 0;                                   // received: a flow that brings it
    Tri outsideOrigin = -1, operatorForeign = -1, localisationBreach = 0;
    std::uint8_t role = Holds;
    static constexpr std::uint32_t NoHoldsIndex = 0xFFFFFFFF;
};

struct AccessPairFacts
{
    std::uint32_t access = 0, dataset = 0, datasetsIndex = 0;
    Tri leavesOrigin = -1;
    Adequacy adequacy;
    TransferLawFacts law;
};

struct AccessFacts
{
    Symbol id = 0, role = 0, purpose = 0, provider = 0, region = 0, country = 0, jurisdiction = 0;
    std::uint32_t toWorkload = 0;
};

struct PolicyFacts
{
    // The catalog and inventory the facts were derived from; whoever owns the facts keeps both
    // alive (an AnalysisSnapshot owns all three).
    const Catalog *catalog = nullptr;
    const Inventory *inventory = nullptr;
    QDate asOf; // the law applied is the catalog's in force on this date (null: the newest)
    // The catalog's entry for a jurisdiction in force on `asOf` (else its newest): what the
    // views and reports name, the law the findings applied.
    const Jurisdiction *lawOf(const QString &jurisdiction) const;
    // The facts' own strings: rules compare through a binding built per evaluation
    // (policyevaluator.h), so one compiled rule set checks any number of inventories at once.
    SymbolTable symbols;
    std::vector<WorkloadResidency> residency;
    std::vector<WorkloadFacts> workloads;
    std::vector<DatasetFacts> datasets;
    std::vector<FlowFacts> flows;
    std::vector<std::uint32_t> flowPairDataset; // dataset index per pair
    std::vector<FlowPairFacts> flowPairs;
    std::vector<ModelLineage> lineage;
    std::vector<HoldingFacts> holdings;
    std::vector<AccessFacts> access;
    std::vector<AccessPairFacts> accessPairs;
    std::vector<std::uint32_t> flowFrom, flowTo;  // workload indexes
    QStringList reasons;                           // adequacy explanations (deduplicated)
};

// Requires a valid (loaded) inventory: every reference resolves. The law is taken as of `asOf`
// (revision 2b: dated regimes, adequacy entries, mandates, basis rules and prior steps); a null
// date takes every catalog fact as in force and each jurisdiction's newest regime.
PolicyFacts derivePolicyFacts(const Catalog &catalog, const Inventory &inventory, const QDate &asOf = {});


// Adequacy of `destination` for data of `origin` (jurisdiction ids), given the recipient's
// certifications; with the reason in words.
struct AdequacyVerdict
{
    Tri adequate = -1;
    QString reason;
};
AdequacyVerdict destinationAdequacy(const Catalog &catalog, const QString &origin,
                                    const QString &destination, CertificationSet certifications,
                                    const QDate &asOf = {});

} // namespace atlas
