#include "policytypes.h"

namespace atlas {

QString subjectKindName(SubjectKind kind)
{
    switch (kind) {
    case SubjectKind::Flow: return QStringLiteral("flow");
    case SubjectKind::Holding: return QStringLiteral("holding");
    case SubjectKind::Access: return QStringLiteral("access");
    case SubjectKind::Dataset: return QStringLiteral("dataset");
    case SubjectKind::Workload: return QStringLiteral("workload");
    }
    return {};
}

std::optional<SubjectKind> parseSubjectKind(const QString &text)
{
    for (SubjectKind k : {SubjectKind::Flow, SubjectKind::Holding, SubjectKind::Access,
                          SubjectKind::Dataset, SubjectKind::Workload})
        if (subjectKindName(k) == text)
            return k;
    return std::nullopt;
}

QString ruleSeverityName(RuleSeverity s)
{
    switch (s) {
    case RuleSeverity::Info: return QStringLiteral("info");
    case RuleSeverity::Low: return QStringLiteral("low");
    case RuleSeverity::Medium: return QStringLiteral("medium");
    case RuleSeverity::High: return QStringLiteral("high");
    case RuleSeverity::Critical: return QStringLiteral("critical");
    }
    return {};
}

std::optional<RuleSeverity> parseRuleSeverity(const QString &text)
{
    for (RuleSeverity s : {RuleSeverity::Info, RuleSeverity::Low, RuleSeverity::Medium,
                           RuleSeverity::High, RuleSeverity::Critical})
        if (ruleSeverityName(s) == text)
            return s;
    return std::nullopt;
}

QString findingStatusName(FindingStatus s)
{
    switch (s) {
    case FindingStatus::Open: return QStringLiteral("open");
    case FindingStatus::Waived: return QStringLiteral("waived");
    case FindingStatus::WaiverExpired: return QStringLiteral("waiver-expired");
    }
    return {};
}

} // namespace atlas
