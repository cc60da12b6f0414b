// Findings grouped by the subject they stem from (revision 2b, "one problem, one line"): the
// reports give each finding's root and count the subjects ("114 findings on 80 subjects"), and
// the GUI's findings dock shows a root with several findings as one line that expands. QtCore only.
#pragma once

#include "policytypes.h"

#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace atlas {

// Distinct roots of the findings that count as open (open or waiver expired): the subjects a
// reader still has to act on.
qsizetype countOpenRoots(std::span<const Finding> findings);
// "flow cn-chat-to-us-finetune", "holding de-ehr-db / eu-patient-records": a root as a reader
// says it, in the words the findings use for their subjects.
QString rootLabel(const QString &root);

// "114 findings on 80 subjects", "1 finding on 1 subject", "0 findings": the one phrase for the
// count wherever findings are totalled (check's text, the report, the findings dock).
QString findingsOnSubjects(qsizetype findings, qsizetype subjects);

struct RootGroup
{
    QString root;
    std::vector<std::uint32_t> members; // indexes into the findings, in their order
    RuleSeverity worst = RuleSeverity::Info;
};
// One group per distinct root, in the order of each root's first finding (findings sorted most
// severe first give groups in that order too); as many groups as countRoots() counts.
std::vector<RootGroup> groupByRoot(std::span<const Finding> findings);

} // namespace atlas
