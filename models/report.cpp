#include "report.h"

#include <algorithm>
#include <array>
#include <numeric>

namespace atlas {

namespace {

constexpr std::array sectionTable{
    ReportSectionInfo{ReportSection::Title, "title", "Title and scope"},
    ReportSectionInfo{ReportSection::Provenance, "provenance", "Provenance"},
    ReportSectionInfo{ReportSection::Coverage, "coverage", "Coverage and limitations"},
    ReportSectionInfo{ReportSection::Summary, "summary", "Executive summary"},
    ReportSectionInfo{ReportSection::Map, "map", "Residency map"},
    ReportSectionInfo{ReportSection::Processing, "processing", "Record of processing"},
    ReportSectionInfo{ReportSection::Register, "register", "Workload and jurisdiction register"},
    ReportSectionInfo{ReportSection::Transfers, "transfers", "Transfer register"},
    ReportSectionInfo{ReportSection::Assessments, "assessments", "Transfer impact assessments"},
    ReportSectionInfo{ReportSection::Findings, "findings", "Findings"},
    ReportSectionInfo{ReportSection::Waivers, "waivers", "Waivers"},
    ReportSectionInfo{ReportSection::Lineage, "lineage", "Lineage of restricted datasets"},
    ReportSectionInfo{ReportSection::Retention, "retention", "Retention and key custody"},
    ReportSectionInfo{ReportSection::Scenarios, "scenarios", "Scenario comparison"},
    ReportSectionInfo{ReportSection::Actions, "actions", "Action plan"},
    ReportSectionInfo{ReportSection::Changes, "changes", "Changes since the previous report"},
    ReportSectionInfo{ReportSection::SignOff, "signoff", "Sign-off"},
    ReportSectionInfo{ReportSection::Appendices, "appendices", "Appendices"},
};

constexpr std::array toolTable{
    TransferToolInfo{TransferTool::None, "none", "none recorded", "", false, true},
    TransferToolInfo{TransferTool::Adequacy, "adequacy", "adequacy decision", "Art. 45", false, false},
    TransferToolInfo{TransferTool::Scc, "scc", "standard contractual clauses", "Art. 46(2)(c)", false, true},
    TransferToolInfo{TransferTool::Bcr, "bcr", "binding corporate rules", "Art. 46(2)(b) and 47", false, true},
    TransferToolInfo{TransferTool::Consent, "consent", "explicit consent (derogation)", "Art. 49(1)(a)", true, false},
    TransferToolInfo{TransferTool::Contract, "contract", "performance of a contract (derogation)", "Art. 49(1)(b)-(c)", true, false},
    TransferToolInfo{TransferTool::Derogation, "derogation", "derogation for a specific situation", "Art. 49(1)", true, false},
};

} // namespace

std::span<const ReportSectionInfo> reportSections() { return sectionTable; }

QString reportSectionId(ReportSection s) { return QString::fromLatin1(sectionTable[std::size_t(s)].id); }
QString reportSectionTitle(ReportSection s) { return QString::fromLatin1(sectionTable[std::size_t(s)].title); }

std::optional<ReportSection> parseReportSection(const QString &id)
{
    for (const ReportSectionInfo &i : sectionTable)
        if (id == QLatin1StringView(i.id))
            return i.section;
    return std::nullopt;
}

QString riskLevelName(RiskLevel r)
{
    switch (r) {
    case RiskLevel::Low: return QStringLiteral("low");
    case RiskLevel::Medium: return QStringLiteral("medium");
    case RiskLevel::High: return QStringLiteral("high");
    case RiskLevel::VeryHigh: return QStringLiteral("very high");
    }
    return {};
}

const TransferToolInfo &transferToolInfo(TransferTool t) { return toolTable[std::size_t(t)]; }

int SeverityCounts::total() const
{
    return std::accumulate(open.begin(), open.end(), 0) + std::accumulate(waived.begin(), waived.end(), 0);
}

int SeverityCounts::openTotal() const { return std::accumulate(open.begin(), open.end(), 0); }

const ReportTransfer *Report::transfer(const QString &id) const
{
    const auto it = std::lower_bound(transfers.begin(), transfers.end(), id,
                                     [](const ReportTransfer &t, const QString &v) { return t.id < v; });
    return it != transfers.end() && it->id == id ? &*it : nullptr;
}

} // namespace atlas
