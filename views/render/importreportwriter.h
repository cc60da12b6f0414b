// The import report for people (text) and machines (JSON): per file the format and counts,
// every skipped resource and every assumption grouped by reason, each with file:line:column.
// The text form can cap each group for a terminal and say how many more the full report has.
#pragma once

#include "diagnostic.h"
#include "importreport.h"

#include <QByteArray>
#include <QString>

namespace atlas {

// `perGroup` < 0: list every note.
QString importReportText(const ImportReport &report, const Diagnostics &warnings, int perGroup = -1);
QByteArray importReportJson(const ImportReport &report, const Diagnostics &warnings);

} // namespace atlas
