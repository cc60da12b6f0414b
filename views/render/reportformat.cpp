// The registry of report formats: one list, in the order `--out DIR/` writes them, and the
// look-ups `report --out FILE` uses (by id, by extension).
#include "reportformat.h"

namespace atlas {

const std::vector<std::unique_ptr<ReportFormat>> &reportFormats()
{
    // Built on first use (thread-safe static): the factories need nothing but the code.
    static const std::vector<std::unique_ptr<ReportFormat>> formats = [] {
        std::vector<std::unique_ptr<ReportFormat>> list;
        list.push_back(makePdfReportFormat());
        list.push_back(makeHtmlReportFormat());
        list.push_back(makeJsonReportFormat());
        list.push_back(makeFindingsCsvFormat());
        list.push_back(makeProcessingCsvFormat());
        list.push_back(makeTransfersCsvFormat());
        list.push_back(makeSarifReportFormat());
        return list;
    }();
    return formats;
}

const ReportFormat *reportFormat(const QString &id)
{
    for (const std::unique_ptr<ReportFormat> &f : reportFormats())
        if (f && f->id() == id)
            return f.get();
    return nullptr;
}

const ReportFormat *reportFormatForPath(const QString &path, const QString &csvTable)
{
    const QString lower = path.toLower();
    // ".sarif.json" before ".json": a SARIF log is JSON too, but the longer suffix says which.
    if (lower.endsWith(u".sarif") || lower.endsWith(u".sarif.json"))
        return reportFormat(QStringLiteral("sarif"));
    if (lower.endsWith(u".pdf"))
        return reportFormat(QStringLiteral("pdf"));
    if (lower.endsWith(u".html") || lower.endsWith(u".htm"))
        return reportFormat(QStringLiteral("html"));
    if (lower.endsWith(u".json"))
        return reportFormat(QStringLiteral("json"));
    if (lower.endsWith(u".csv")) {
        if (csvTable == u"findings" || csvTable == u"processing" || csvTable == u"transfers")
            return reportFormat(csvTable + QStringLiteral("-csv"));
        return nullptr;
    }
    return nullptr;
}

} // namespace atlas
