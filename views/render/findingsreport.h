// Reports of the `check` command: findings as JSON (the documented schema), SARIF 2.1.0 (one
// rule per RES id, results located at the subject's line) and text grouped by severity, each
// with the check's coverage: what it could not see is said, never shown as a pass. Reports are
// streamed to a device as they are written: a check of 10^6 flows has ~300 000 findings, and
// their report as a JSON DOM (or one string) took more memory than the inventory.
#pragma once

#include "catalog.h"
#include "coverage.h"
#include "diagnostic.h"
#include "inventory.h"
#include "policyrule.h"
#include "policytypes.h"

#include <QDate>
#include <QJsonObject>

class QIODevice;

#include <vector>

namespace atlas {

struct FindingsReportInput
{
    const Inventory &inventory;
    const RuleSet &rules;
    const std::vector<Finding> &findings;
    RuleSeverity failOn;
    QDate asOf;
    QDate catalogAsOf;
    QStringList disabled;
    Diagnostics warnings;          // the inventory's input warnings
    Coverage coverage;             // what could not be checked
};

// Open (or waiver-expired) findings at or above failOn.
int failingCount(const std::vector<Finding> &findings, RuleSeverity failOn);

enum class FindingsFormat : std::uint8_t { Text, Json, Sarif };

// Writes the report in `format` to `device` (UTF-8); false when a write failed (the device's
// errorString() says why). The bytes are those of the documented formats: JSON and SARIF as
// QJsonDocument writes them (indented, keys sorted).
bool writeFindings(const FindingsReportInput &in, FindingsFormat format, QIODevice &device);
class JsonStream;
// `findings` as the JSON report's "findings" array (the same objects, for other reports).
void writeFindingsJsonArray(JsonStream &json, const Inventory &inventory, const std::vector<Finding> &findings);

// The `coverage` object of the JSON report (also the SARIF run's properties.coverage).
QJsonObject coverageJson(const Coverage &coverage);
// "PASS: none open at or above high." or "PASS (incomplete: …): …" or "FAIL: …".
QString verdictLine(const FindingsReportInput &in);

} // namespace atlas
