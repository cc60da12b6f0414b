// Rules compiled once from a pack (policy-rules.md, "Rule language"): expression trees whose
// leaves name a path by index and compare integers (symbols, enum ordinals, bit sets), so
// evaluation never parses text or compares strings.
#pragma once

#include "diagnostic.h"
#include "policytypes.h"
#include "symbols.h"

#include <QString>
#include <QStringList>

#include <span>
#include <vector>

namespace atlas {

struct RuleExpr
{
    enum class Op : std::uint8_t {
        All, Any, Not,                              // combinators over `children`
        Eq, In, NotIn, Gt, Gte, Lt, Lte,            // leaves
        Exists, NotExists, ContainsAny, ContainsAll, IsUnknown
    };
    Op op = Op::All;
    std::uint16_t path = 0;                         // index into policyPaths()
    std::uint8_t role = 0, field = 0;               // copies of the path's, read in the hot loop
    std::vector<std::uint32_t> children;            // node indexes
    FactValue arg;                                  // Eq, Gt…: a scalar (no sets)
    std::vector<std::int64_t> list;                 // In, NotIn, Contains*: symbols or ordinals
    std::uint32_t mask = 0;                         // the same list as enum-set bits
    bool unknownMatches = false;                    // In/NotIn lists that name `unknown`
};

// The operators a condition may name (policy-rules.md, "Rule language"): the compiler parses with
// this table and its error messages list it. `exists: false` compiles to NotExists.
std::span<const VocabularyEntry<RuleExpr::Op>> conditionOperators();

struct MessagePart
{
    QString text;
    int path = -1;                                  // a {placeholder}
};

// A reference a finding cites: text with placeholders (`{origin.transfer_law}`), dropped when a
// placeholder has no value for the subject (an origin the catalog has no law for), and cited only
// where the finding involves the jurisdictions it names (policy-rules.md, revision 2: no finding
// cites a law of a jurisdiction it does not involve).
struct RuleReference
{
    std::vector<MessagePart> text;
    // Jurisdictions as symbols of the rule set's table (compared as integers per finding).
    std::vector<Symbol> origins;  // non-empty: only when a dataset of the finding has one of these origins
    std::vector<Symbol> involves; // non-empty: only when the finding involves one of these jurisdictions
    std::uint32_t classifications = 0; // non-zero: only when the finding's dataset has one of these (bits)
};

struct RuleClause
{
    SubjectKind kind = SubjectKind::Flow;
    std::uint32_t root = 0;
    bool perDataset = true;                         // flows: per (flow, dataset) or per flow
    std::vector<std::uint16_t> readPaths;           // every path the clause reads (evidence)
    std::vector<MessagePart> message;               // the clause's own, or the rule's
    std::vector<std::vector<MessagePart>> actions;  // remediation actions: the clause's own, or the rule's
    std::vector<RuleReference> references;          // compiled for this clause's subject kind
};

struct CompiledRule
{
    QString id;
    QString title;
    RuleSeverity severity = RuleSeverity::Info;
    std::vector<RuleClause> clauses;
    std::vector<RuleExpr> nodes;
    QStringList patterns;                           // A-D that address the rule, best first
    QStringList actionTexts;                        // the rule's actions and references as written
    QStringList referenceTexts;                     // (placeholders unfilled), for rule descriptions
    QString pack;
    QString file;
    std::uint32_t line = 0;
};

struct RuleSet
{
    SymbolTable symbols;                            // shared with the facts evaluated against it
    std::vector<CompiledRule> rules;
    QStringList packs;
};

} // namespace atlas
