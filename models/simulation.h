// Simulating the sovereignty patterns A–D (patterns.md): a pattern applied to a scope of an
// inventory gives a scenario plan — a complete, valid inventory with the change list that made
// it and the pairs the pattern could not treat, each with its reason. Planning is a pure,
// deterministic transformation: the input inventory is never modified, and the same input gives
// the same plan, ids included. Checking the plan and comparing it with the baseline is
// analysis/simulation.h's; the metrics are scenariometrics.h's.
#pragma once

#include "catalog.h"
#include "inventory.h"
#include "policytypes.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <expected>
#include <memory>
#include <optional>
#include <vector>

namespace atlas {

enum class Pattern : std::uint8_t { A, B, C, D };
inline constexpr std::array<Pattern, 4> allPatterns{Pattern::A, Pattern::B, Pattern::C, Pattern::D};
QString patternLetter(Pattern p);                     // "A"
std::optional<Pattern> parsePattern(const QString &letter); // "A" or "a"

// What a simulation treats. Empty lists do not narrow; lists of different kinds narrow together
// (a dataset AND an origin), several values of one kind are alternatives.
struct SimulationScope
{
    QStringList datasets;            // the finding's dataset
    QStringList origins;             // jurisdictions (or country codes) of the dataset's origin
    QStringList workloads;           // a workload the subject names (a flow's ends, a holder, an access target)
    std::vector<FindingKey> findings; // only the subjects of these findings ("try pattern A on this")

    bool narrows() const { return !datasets.isEmpty() || !origins.isEmpty() || !workloads.isEmpty() || !findings.empty(); }
};

// A name in a scope that the inventory (or, for origins, the catalog) does not know.
struct ScopeProblem
{
    enum class Field : std::uint8_t { Dataset, Origin, Workload };
    Field field = Field::Dataset;
    QString name;
    QString suggestion; // the closest known name, or empty

    // "--scope-dataset 'x': no dataset 'x' in the inventory (did you mean 'y'?)" on the command
    // line; "no dataset 'x' in the inventory (did you mean 'y'?)" where the field is shown.
    QString message(bool commandLine) const;
};
std::vector<ScopeProblem> scopeProblems(const SimulationScope &scope, const Inventory &inventory, const Catalog &catalog);

enum class DeidMethod : std::uint8_t { Tokenise, Anonymise };

// The options of patterns.md "Options", validated. Unset ones take the documented defaults.
struct PatternOptions
{
    bool secureAggregation = true;     // B
    bool differentialPrivacy = false;  // B
    int roundsPerDay = 24;             // B
    double updateMb = 50;              // B, per local trainer and round
    std::optional<DeidMethod> method;  // D; unset = anonymise for training and analytics, else tokenise
    QStringList given;                 // the keys the user set, for the report

    // The options that apply to `p`, with their values (defaults included), for reports.
    QMap<QString, QString> describe(Pattern p) const;
};

// Parses `KEY=VALUE` items. An unknown key, a value of the wrong type, or a key of a pattern
// that is not among `patterns` is an error naming the item.
std::expected<PatternOptions, QString> parsePatternOptions(const QStringList &items,
                                                           const std::vector<Pattern> &patterns);

enum class ChangeAction : std::uint8_t { Added, Moved, Rerouted, Removed };
QString changeActionName(ChangeAction a);

struct ScenarioChange
{
    ChangeAction action = ChangeAction::Added;
    EntityKind kind = EntityKind::Workload; // Workload or Flow
    QString id;
    QString from;          // moved: the old location; rerouted: the old destination; added flow: its source
    QString to;            // moved / added workload: the new location; rerouted / added flow: the destination
    QString jurisdiction;  // where the change lands (the new location's, or the destination's)
    QString provider;      // added and moved workloads: their provider (cost proxy)
    QString reason;
    std::vector<FindingKey> addresses; // sorted
    // An added flow that carries on a rerouted flow's data in another form (D's step → the
    // destination): its findings continue that flow's, whatever the scope.
    QString continues;
};

// A subject (with its dataset) in scope that the pattern does not treat, and why.
struct NotAddressed
{
    SubjectKind subjectKind = SubjectKind::Flow;
    QString subjectId;
    QString dataset;
    QString reason;
    std::vector<FindingKey> findings; // its in-scope findings, sorted
};

struct ScenarioPlan
{
    Pattern pattern = Pattern::A;
    PatternOptions options;
    std::shared_ptr<const Inventory> inventory;  // valid, linked, indexed
    std::vector<ScenarioChange> changes;         // in the order made
    std::vector<NotAddressed> notAddressed;      // in subject order
    std::vector<FindingKey> inScope;             // every finding the scope selected, sorted
    std::vector<FindingKey> treated;             // those of treated subjects, sorted
    QStringList notes;                           // facts the plan knows the check will not say (C: central flows)
    double updateGbPerDay = 0;                   // B: update traffic created
};

// Merges `more` into the sorted, duplicate-free `keys`.
void mergeKeys(std::vector<FindingKey> &keys, const std::vector<FindingKey> &more);

// The finding rules a pattern's default scope takes (RES-001, -002, -003, -010; C also RES-007).
bool isScopeRule(Pattern p, const QString &rule);

// Plans `pattern` on `inventory` for the open findings of `baseline` that `scope` selects.
// An error only when the result fails validation (a bug: the message says what broke).
std::expected<ScenarioPlan, QString> planScenario(const Inventory &inventory, const Catalog &catalog,
                                                  const std::vector<Finding> &baseline, Pattern pattern,
                                                  const SimulationScope &scope, const PatternOptions &options);

} // namespace atlas
