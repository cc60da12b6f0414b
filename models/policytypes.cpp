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

const QList<PatternInfo> &architecturePatterns()
{
    static const QList<PatternInfo> table{
        {u'A', QStringLiteral("local data, global model")},
        {u'B', QStringLiteral("federated learning")},
        {u'C', QStringLiteral("sovereign cloud zones")},
        {u'D', QStringLiteral("tokenise or anonymise, then scale")},
    };
    return table;
}

bool isPatternLetter(const QString &text)
{
    return !patternName(text).isEmpty();
}

QString patternName(const QString &letter)
{
    for (const PatternInfo &p : architecturePatterns())
        if (letter.size() == 1 && p.letter == letter[0])
            return p.name;
    return {};
}

QString patternLabel(const QString &letter)
{
    const QString name = patternName(letter);
    return name.isEmpty() ? letter : letter + QStringLiteral(" — ") + name;
}

QString patternLegend()
{
    QStringList parts;
    for (const PatternInfo &p : architecturePatterns())
        parts << patternLabel(QString(p.letter));
    return parts.join(QStringLiteral("; "));
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

QString FindingKey::toString() const
{
    return rule + u'/' + subjectKindName(subjectKind) + u'/' + subjectId + u'/' + dataset;
}

FindingKey findingKey(const Finding &f)
{
    return FindingKey{f.rule, f.subjectKind, f.subjectId, f.dataset};
}

size_t qHash(const FindingKey &key, size_t seed) noexcept
{
    return qHashMulti(seed, key.rule, std::uint8_t(key.subjectKind), key.subjectId, key.dataset);
}

} // namespace atlas
