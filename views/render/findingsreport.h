// Reports of the `check` command: findings as JSON (the documented schema), SARIF 2.1.0 (one
// rule per RES id, results located at the subject's line) and text grouped by severity.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "inventory.h"
#include "policyrule.h"
#include "policytypes.h"

#include <QDate>
#include <QJsonObject>

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
};

// Open (or waiver-expired) findings at or above failOn.
int failingCount(const std::vector<Finding> &findings, RuleSeverity failOn);

QJsonObject findingsJson(const FindingsReportInput &in);
QJsonObject findingsSarif(const FindingsReportInput &in);
QString findingsText(const FindingsReportInput &in);

} // namespace atlas
