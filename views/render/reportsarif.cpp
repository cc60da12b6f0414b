// The report's SARIF: exactly the log `check --format sarif` writes for the same analysis, so a
// code-scanning upload, its fingerprints and its baseline do not depend on which command made it.
#include "reportformat.h"

#include "analysis.h"
#include "findingsreport.h"

#include <QIODevice>

namespace atlas {

namespace {

class SarifReportFormat final : public ReportFormat
{
public:
    QString id() const override { return QStringLiteral("sarif"); }
    QString name() const override { return QStringLiteral("SARIF 2.1.0 log"); }
    QString extension() const override { return QStringLiteral("sarif"); }
    QString fileName() const override { return QStringLiteral("report.sarif"); }

    std::expected<void, QString> write(const ReportRenderInput &in, QIODevice &device) const override
    {
        const AnalysisSnapshot &a = in.snapshot;
        if (!a.inventory || !a.rules() || !a.catalog)
            return std::unexpected(QStringLiteral("SARIF needs an analysis with findings (rules, inventory and catalog)"));
        if (in.cancel && in.cancel->load())
            return std::unexpected(QStringLiteral("cancelled"));
        // As checkcommand.cpp fills it, with check's default --fail-on (high): the log's
        // `failing` and `passed` then mean what they mean in a CI run of `check`.
        const FindingsReportInput report{*a.inventory, *a.rules(), a.findings, RuleSeverity::High, a.asOf,
                                         a.catalog->newestAsOf(), a.disabled, a.warnings, a.coverage};
        if (!writeFindings(report, FindingsFormat::Sarif, device))
            return std::unexpected(QStringLiteral("cannot write the SARIF log: ") + device.errorString());
        if (in.progress)
            in.progress(1, 1);
        return {};
    }
};

} // namespace

std::unique_ptr<ReportFormat> makeSarifReportFormat() { return std::make_unique<SarifReportFormat>(); }

} // namespace atlas
