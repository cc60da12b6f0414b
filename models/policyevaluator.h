// Evaluating one compiled rule on one subject (internal to the policy engine): reading a path's
// fact for the subject, the expression tree, and the texts a finding carries — its message,
// evidence values, remediation actions and the references that apply to the jurisdictions the
// subject involves. policyengine.cpp walks the subjects and builds findings with it.
#pragma once

#include "policyfacts.h"
#include "policypaths.h"
#include "policyrule.h"

#include <QVarLengthArray>

#include <span>
#include <vector>

namespace atlas {

// One subject under evaluation: indexes into the facts.
struct Subject
{
    SubjectKind kind = SubjectKind::Workload;
    std::uint32_t workload = 0;  // the workload, or the holder
    std::uint32_t flow = 0;
    std::uint32_t pair = 0;      // flow pair / access pair
    std::uint32_t dataset = 0;
    std::uint32_t access = 0;
    std::uint32_t holding = 0;
    bool hasDataset = false;
};

class PolicyEvaluator
{
public:
    // Binds the rules' constants (symbols of the rule set's table) to the facts' table once, so
    // neither is written and any number of evaluators share one rule set across threads.
    // `tainted` (per flow pair, flow.derived_tainted) exists only in the second phase of an
    // evaluation; without it the fact is unknown.
    PolicyEvaluator(const PolicyFacts &facts, const RuleSet &rules, const std::vector<bool> *tainted = nullptr);

    FactValue get(std::uint16_t pathIndex, const Subject &s) const;
    FactValue get(PathRole role, PathField field, const Subject &s) const;
    bool eval(const CompiledRule &rule, std::uint32_t node, const Subject &s) const;
    // A fact's value in words, as evidence and messages show it.
    QString describe(std::uint16_t pathIndex, const Subject &s) const;
    // Text with placeholders; *complete turns false when one of them has no value.
    QString render(const std::vector<MessagePart> &parts, const Subject &s, bool *complete = nullptr) const;
    // The clause's references that apply to this subject, placeholders filled; a reference
    // whose placeholder has no value (an origin the catalog has no law for) is left out.
    QStringList references(const RuleClause &clause, const Subject &s) const;

private:
    std::uint32_t workloadOf(PathRole role, const Subject &s) const;
    FactValue workloadFact(PathField field, const WorkloadFacts &wf) const;
    FactValue datasetFact(PathField field, const DatasetFacts &df) const;
    FactValue flowFact(PathField field, const Subject &s) const;
    FactValue holdingFact(PathField field, const HoldingFacts &h) const;
    FactValue accessFact(PathField field, const Subject &s) const;
    static bool member(const FactValue &v, std::int64_t x);
    static bool scalarEquals(const FactValue &v, const FactValue &arg);
    static double numeric(const FactValue &v) { return v.kind == FactValue::Kind::Number ? v.d : double(v.i); }
    // The origins of the data a finding is about: its dataset's, or for a per-flow or workload
    // subject those of every dataset the flow carries or the workload holds.
    using Symbols = QVarLengthArray<Symbol, 16>;
    void originsOf(const Subject &s, Symbols &out) const;
    // Every jurisdiction a finding involves: the data's origins, where the subject's workloads
    // (and an accessor) are, the home of an extraterritorial law that reaches their operator,
    // and for a dataset where it is held and where its keys are.
    void involved(const Subject &s, Symbols &out) const;
    bool anyOf(const Symbols &symbols, const std::vector<Symbol> &wanted) const;
    // A rule constant as a symbol of the facts (NoMatch when the inventory never names it).
    std::int64_t bound(std::int64_t ruleSymbol) const { return m_bind[std::size_t(ruleSymbol)]; }

    static constexpr std::uint32_t NoMatch = 0xFFFFFFFF;
    const PolicyFacts &m_f;
    const SymbolTable &m_ruleSymbols;
    std::vector<std::uint32_t> m_bind; // rule symbol -> facts symbol
    std::span<const PathInfo> m_paths;
    const std::vector<bool> *m_tainted = nullptr;
};

} // namespace atlas
