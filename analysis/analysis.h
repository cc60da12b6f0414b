// One analysis, for every surface: the CLI commands, the GUI's document, the benchmarks (and the
// simulator and reports that build on them) call analyse() and nothing else assembles a load →
// packs → facts → findings run. The result is an immutable snapshot that owns everything it
// refers to, so it can be handed between threads and kept while a newer one is computed.
#pragma once

#include "catalog.h"
#include "coverage.h"
#include "diagnostic.h"
#include "importreport.h"
#include "inventory.h"
#include "inventoryimporter.h"
#include "policyfacts.h"
#include "policyrule.h"
#include "policytypes.h"

#include <QDate>
#include <QStringList>

#include <expected>
#include <memory>
#include <vector>

namespace atlas {

// Compiled policy packs with the rules their `disable:` lists turn off: compiled once, shared by
// every analysis that uses the same packs (an edit re-analyses without recompiling).
struct PolicySet
{
    std::shared_ptr<const RuleSet> rules;
    QStringList packDisabled;
};

// How far an analysis goes: `inventory` needs residency only, `check` and the GUI findings.
enum class AnalysisDepth : std::uint8_t { Residency, Findings };

struct AnalysisRequest
{
    QStringList inputs;                          // files (inventories, exports), merged in order, or
                                                 // one workspace (W.ratlas or W.ratlas@N), read alone
    std::shared_ptr<const Inventory> inventory;  // or an inventory in memory (an edit, a scenario)
    LoadOptions load;                            // limits, --from, --mapping, --strict, progress
    QStringList packs;                           // extra pack files, after the built-in one
    bool builtinPack = true;
    std::shared_ptr<const PolicySet> policies;   // already compiled packs: `packs` is then ignored
    QStringList disabled;                        // --disable: rule ids (each must exist)
    QDate asOf;                                  // waivers are evaluated on it; invalid = today
    AnalysisDepth depth = AnalysisDepth::Findings;
    const Catalog *catalog = nullptr;            // null = the embedded catalog (process lifetime)
};

// Why an analysis did not produce a snapshot. Callers decide the wording and exit code by kind,
// never by message text.
enum class AnalysisErrorKind : std::uint8_t {
    BadInput,   // an inventory or export has errors (each with file:line:column)
    BadPack,    // a policy pack has errors
    BadRequest, // the request names something that does not exist (a --disable id)
    Cancelled,  // ImportProgress::cancel was set; nothing changed
    Superseded, // a newer request replaced it before it ended (the Document); nothing changed
    Internal,   // the embedded catalog or built-in pack does not load
};

struct AnalysisError
{
    AnalysisErrorKind kind = AnalysisErrorKind::Internal;
    Diagnostics diagnostics;  // every problem found, errors first in reading order
    ImportReport report;      // for BadInput: what each input gave before it failed
};

// Milliseconds per phase, for the benchmarks and docs/performance.md.
struct AnalysisTimings
{
    double loadMs = 0, packsMs = 0, factsMs = 0, evaluateMs = 0;
};

struct AnalysisSnapshot
{
    QStringList inputs;
    const Catalog *catalog = nullptr;
    std::shared_ptr<const Catalog> ownedCatalog;  // a workspace's catalog with its overrides
    // What was analysed: the input with the implicit copies of geo-redundant stores added
    // (georedundancy.h). `input` is the inventory as loaded or edited, without them: what a
    // document edits and saves. Both are the same object when nothing is geo-redundant.
    std::shared_ptr<const Inventory> inventory;
    std::shared_ptr<const Inventory> input;
    std::shared_ptr<const PolicySet> policies;    // null at depth Residency
    QStringList disabled;                         // the packs' and the request's
    QDate asOf;
    PolicyFacts facts;                            // points into *inventory and *catalog
    std::vector<Finding> findings;                // sorted (sortFindings)
    Coverage coverage;                            // what the check could not see
    Diagnostics warnings;                         // of the load; never errors
    ImportReport report;                          // per input: format, counts, skipped, assumed
    AnalysisTimings timings;

    const RuleSet *rules() const { return policies ? policies->rules.get() : nullptr; }
    qsizetype openFindings() const;
};

using AnalysisResult = std::expected<std::shared_ptr<const AnalysisSnapshot>, AnalysisError>;

AnalysisResult analyse(const AnalysisRequest &request);

// Compiles the built-in pack (unless `builtin` is false), `extraPacks` and `extraTexts` (a
// workspace's packs: name, text), in that order.
std::expected<std::shared_ptr<const PolicySet>, AnalysisError>
compilePolicies(const QStringList &extraPacks, bool builtin, const Catalog &catalog,
                const QList<std::pair<QString, std::string>> &extraTexts = {});

} // namespace atlas
