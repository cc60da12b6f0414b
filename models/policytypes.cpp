#include "policytypes.h"

#include <QSet>

namespace atlas {

std::span<const VocabularyEntry<SubjectKind>> subjectKinds()
{
    static constexpr VocabularyEntry<SubjectKind> table[] = {
        {SubjectKind::Flow, "flow", "a flow, or one (flow, dataset) pair per dataset it carries"},
        {SubjectKind::Holding, "holding", "a (workload, dataset) pair from the workload's holds"},
        {SubjectKind::Access, "access", "an (access entry, dataset) pair"},
        {SubjectKind::Dataset, "dataset", "a dataset"},
        {SubjectKind::Workload, "workload", "a workload"},
    };
    return table;
}

QString subjectKindName(SubjectKind kind)
{
    return QString::fromLatin1(subjectKinds()[std::size_t(kind)].name);
}

std::optional<SubjectKind> parseSubjectKind(const QString &text)
{
    return parseVocabulary(subjectKinds(), text);
}

std::span<const VocabularyEntry<RuleSeverity>> ruleSeverities()
{
    // Ascending, so that the table index is the rank --fail-on compares.
    static constexpr VocabularyEntry<RuleSeverity> table[] = {
        {RuleSeverity::Info, "info", "lowest; fails a check only with --fail-on info"},
        {RuleSeverity::Low, "low", "fails a check with --fail-on low or info"},
        {RuleSeverity::Medium, "medium", "fails a check with --fail-on medium or lower"},
        {RuleSeverity::High, "high", "fails a check by default (--fail-on high)"},
        {RuleSeverity::Critical, "critical", "highest; fails a check at every --fail-on"},
    };
    return table;
}

QString ruleSeverityName(RuleSeverity s)
{
    return QString::fromLatin1(ruleSeverities()[std::size_t(s)].name);
}

std::optional<RuleSeverity> parseRuleSeverity(const QString &text)
{
    return parseVocabulary(ruleSeverities(), text);
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

std::optional<FindingKey> FindingKey::parse(const QString &text)
{
    const QStringList parts = text.split(u'/');
    if (parts.size() != 4 || parts[0].isEmpty() || parts[2].isEmpty())
        return std::nullopt;
    const std::optional<SubjectKind> kind = parseSubjectKind(parts[1]);
    if (!kind)
        return std::nullopt;
    return FindingKey{parts[0], *kind, parts[2], parts[3]};
}

FindingKey findingKey(const Finding &f)
{
    return FindingKey{f.rule, f.subjectKind, f.subjectId, f.dataset};
}

QString subjectRoot(SubjectKind kind, const QString &subjectId, const QString &dataset)
{
    QString root = subjectKindName(kind) + u':' + subjectId;
    if (kind == SubjectKind::Holding && !dataset.isEmpty())
        root += u'/' + dataset;
    return root;
}

QString findingRoot(const Finding &f)
{
    return f.root.isEmpty() ? subjectRoot(f.subjectKind, f.subjectId, f.dataset) : f.root;
}

qsizetype countRoots(std::span<const Finding> findings)
{
    QSet<QString> roots;
    for (const Finding &f : findings)
        roots.insert(findingRoot(f));
    return roots.size();
}

size_t qHash(const FindingKey &key, size_t seed) noexcept
{
    return qHashMulti(seed, key.rule, std::uint8_t(key.subjectKind), key.subjectId, key.dataset);
}

} // namespace atlas
