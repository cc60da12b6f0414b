// Evaluates compiled rules on the derived facts of an inventory and produces findings: one per
// matching subject (per (flow, dataset) pair where the clause reads the dataset), with the
// message, the evidence (every fact the clause read, with its value), the subject's source
// position, the remediation patterns and the waiver status as of a date. Deterministic order.
#pragma once

#include "policyfacts.h"
#include "policyrule.h"

#include <QDate>

#include <vector>

namespace atlas {

struct EvaluationOptions
{
    QDate asOf = QDate::currentDate(); // waivers apply through `expires` inclusive
    QStringList disabled;              // rule ids turned off
    // Benchmarks only: count matching subjects into *countOnly and build no findings, to tell
    // the cost of matching from the cost of writing messages and evidence.
    std::size_t *countOnly = nullptr;
    // From this many flows on, the second half of the flows is evaluated on another core. The
    // findings are the same either way (tests compare both on the sample).
    std::uint32_t parallelFromFlows = 20000;
};

std::vector<Finding> evaluatePolicies(const RuleSet &rules, const PolicyFacts &facts,
                                      const EvaluationOptions &options = {});

// The rules whose open findings on a flow into training taint the models trained on it
// (flow.derived_tainted, RES-018; EDPB Opinion 28/2024).
const QStringList &taintingRules();
// Per flow pair: whether a flow into training that brought its dataset to the model has an open
// finding of a tainting rule. evaluatePolicies() runs the clauses reading it in a second phase.
std::vector<bool> taintedPairs(const PolicyFacts &facts, const std::vector<Finding> &findings);

// Orders findings: severity (critical first), rule, subject kind, subject id, dataset.
void sortFindings(std::vector<Finding> &findings);
// Whether `a` comes before `b` in that order (what sortFindings() sorts by, one pair at a time).
bool findingBefore(const Finding &a, const Finding &b);

} // namespace atlas
