// Builds the audit report's model (models/report.h) from an analysis snapshot, the scenarios
// chosen and a previous report: the transfers computed from flows and access, the assessments of
// those without adequacy, the record of processing, the registers, lineage, the action plan and
// the changes since the previous report. Pure and deterministic: no clock, no environment.
#pragma once

#include "analysis.h"
#include "report.h"
#include "simulate.h"

#include <expected>
#include <memory>

namespace atlas {

// A previous report (its JSON, or `check --format json`), for "changes since".
struct PreviousReport
{
    QString file;                  // file name
    QString sha256;
    QDate asOf;
    struct Entry
    {
        FindingKey key;
        QString title;
        RuleSeverity severity = RuleSeverity::Info;
        FindingStatus status = FindingStatus::Open;
    };
    std::vector<Entry> findings;   // sorted by key
};
// Reads a previous report; errors name file:line:column.
std::expected<PreviousReport, Diagnostic> readPreviousReport(const QString &path);

struct ReportRequest
{
    std::shared_ptr<const AnalysisSnapshot> snapshot;      // at depth Findings
    std::shared_ptr<const SimulationResult> scenarios;     // null: no scenario section
    std::optional<PreviousReport> previous;
    QString title;                                         // empty: the default title
    QString organisation;                                  // empty: the inventory's
    ReportSectionSet sections = allReportSections;
    QStringList packFiles;                                 // extra packs (for their hashes)
    QString catalogFile;                                   // empty: the embedded catalog
    QStringList parameters;                                // the options, for provenance
    QStringList outputFiles;                               // the files written together
};

std::expected<Report, QString> buildReport(const ReportRequest &request);

// Findings opened, closed and changed (severity, status) since `previous`, by finding identity.
ReportChanges compareWithPrevious(const PreviousReport &previous, const std::vector<Finding> &findings);

} // namespace atlas
