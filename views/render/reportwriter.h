// From an analysis to report files: the model, its reading document with the map figure, and
// the files written all-or-nothing — every file rendered into a QSaveFile first and committed
// only when all succeeded, so a failed or cancelled run leaves what was there before. Shared by
// the `report` command and the GUI's File → Export Report.
#pragma once

#include "reportbuilder.h"
#include "reportformat.h"

#include <atomic>
#include <expected>
#include <functional>

namespace atlas {

struct PreparedReport
{
    std::shared_ptr<const AnalysisSnapshot> snapshot;
    Report report;
    ReportDocument document;
};

// The map figure of the report: workloads by jurisdiction, cross-border flows only. Null when
// the inventory has no workload or the layout fails (the document then says so).
std::shared_ptr<const MapScene> reportMap(const AnalysisSnapshot &snapshot);

// The executive summary's jurisdiction overview, compact and shaped for the A4 text area (the
// matrix under it has every pair in words). Null when nothing crosses a border or the layout
// fails (the document then says so in words).
std::shared_ptr<const OverviewScene> reportOverview(const Report &report);

// The model and the document; `withMap` lays the map out (PDF and HTML need it).
std::expected<PreparedReport, QString> prepareReport(const ReportRequest &request, bool withMap);

struct ReportTarget
{
    const ReportFormat *format = nullptr;
    QString path;
};

// The files of `--out DIR/`: every format under its file name in `dir`.
std::vector<ReportTarget> reportTargetsIn(const QString &dir);
// Their names, with manifest.sha256 (the report's provenance lists them).
QStringList reportSetFileNames();

// Writes every target, then (when `manifestDir` is set) manifest.sha256 there — the SHA-256 of
// each file in sha256sum's format — committing all files only when every one was written.
std::expected<void, QString> writeReportFiles(const PreparedReport &prepared, const std::vector<ReportTarget> &targets,
                                              const QString &manifestDir = {},
                                              const std::function<void(int done, int total)> &progress = {},
                                              const std::atomic_bool *cancel = nullptr);

} // namespace atlas
