// The report's formats behind one interface and one registry (as the importers' formats): PDF,
// self-contained HTML, JSON, the three CSV tables (findings, record of processing, transfer
// register) and SARIF. `report --out FILE` picks the format by extension (`--table` chooses the
// CSV); `--out DIR/` writes every format under its default file name and the manifest.
#pragma once

#include "report.h"
#include "reportdocument.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <expected>
#include <functional>
#include <memory>
#include <vector>

class QIODevice;

namespace atlas {

struct AnalysisSnapshot;

// Everything a renderer may read: the model, its reading document (PDF, HTML) and the analysis
// it came from (SARIF shares `check`'s writer, which reads the inventory and rules).
struct ReportRenderInput
{
    const Report &report;
    const ReportDocument &document;
    const AnalysisSnapshot &snapshot;
    std::function<void(int done, int total)> progress; // pages or rows; any thread
    const std::atomic_bool *cancel = nullptr;
};

class ReportFormat
{
public:
    virtual ~ReportFormat() = default;
    virtual QString id() const = 0;          // "pdf", "html", "json", "findings-csv", …
    virtual QString name() const = 0;        // "PDF document"
    virtual QString extension() const = 0;   // "pdf"
    virtual QString fileName() const = 0;    // under --out DIR/: "report.pdf", "findings.csv"
    // Writes the whole rendering to `device`; an error (a failed write, cancellation) in words.
    // The caller writes atomically (QSaveFile) and discards the file on error.
    virtual std::expected<void, QString> write(const ReportRenderInput &in, QIODevice &device) const = 0;
};

// Every format, in the order `--out DIR/` writes them.
const std::vector<std::unique_ptr<ReportFormat>> &reportFormats();
const ReportFormat *reportFormat(const QString &id);
// By the path's extension; `.csv` is `csvTable` ("findings", "processing", "transfers").
const ReportFormat *reportFormatForPath(const QString &path, const QString &csvTable = QStringLiteral("findings"));

// The formats' factories (one file each).
std::unique_ptr<ReportFormat> makePdfReportFormat();
std::unique_ptr<ReportFormat> makeHtmlReportFormat();
std::unique_ptr<ReportFormat> makeJsonReportFormat();
std::unique_ptr<ReportFormat> makeFindingsCsvFormat();
std::unique_ptr<ReportFormat> makeProcessingCsvFormat();
std::unique_ptr<ReportFormat> makeTransfersCsvFormat();
std::unique_ptr<ReportFormat> makeSarifReportFormat();

} // namespace atlas
