// Vocabulary of the policy engine (policy-rules.md): subject kinds, rule severities, fact
// values and findings. Plain value types shared by the rule compiler, the evaluator, the
// reports and the GUI.
#pragma once

#include "diagnostic.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace atlas {

// One table per closed vocabulary (revision 2): the pack compiler parses with it, error messages
// list its names ("allowed: …"), `--help` and the documentation's completeness test derive from
// it. Nothing else spells the names.
template <typename E> struct VocabularyEntry
{
    E value;
    const char *name;
    const char *meaning;
};
// "info, low, medium, high, critical"
template <typename E> QString vocabularyNames(std::span<const VocabularyEntry<E>> table)
{
    QStringList names;
    for (const VocabularyEntry<E> &e : table)
        names << QString::fromLatin1(e.name);
    return names.join(QStringLiteral(", "));
}
template <typename E> std::optional<E> parseVocabulary(std::span<const VocabularyEntry<E>> table, const QString &text)
{
    for (const VocabularyEntry<E> &e : table)
        if (text == QLatin1StringView(e.name))
            return e.value;
    return std::nullopt;
}

enum class SubjectKind : std::uint8_t { Flow, Holding, Access, Dataset, Workload };
std::span<const VocabularyEntry<SubjectKind>> subjectKinds();
QString subjectKindName(SubjectKind kind);
std::optional<SubjectKind> parseSubjectKind(const QString &text);

enum class RuleSeverity : std::uint8_t { Info, Low, Medium, High, Critical };
std::span<const VocabularyEntry<RuleSeverity>> ruleSeverities();
QString ruleSeverityName(RuleSeverity s);
std::optional<RuleSeverity> parseRuleSeverity(const QString &text);

// A fact's value. Unknown is a value of its own: a leaf on it is false (except exists: false).
struct FactValue
{
    enum class Kind : std::uint8_t { Unknown, Bool, Int, Number, Enum, Sym, EnumSet, SymSet };
    Kind kind = Kind::Unknown;
    std::int64_t i = 0;                         // bool, int, enum ordinal, symbol, enum-set bits
    double d = 0;                               // number
    const std::vector<std::uint32_t> *set = nullptr; // symbol sets (sorted)

    static FactValue unknown() { return {}; }
    static FactValue boolean(bool b) { return {Kind::Bool, b ? 1 : 0, 0, nullptr}; }
    static FactValue integer(std::int64_t v) { return {Kind::Int, v, 0, nullptr}; }
    static FactValue number(double v) { return {Kind::Number, 0, v, nullptr}; }
    static FactValue enumValue(int ordinal) { return {Kind::Enum, ordinal, 0, nullptr}; }
    static FactValue symbol(std::uint32_t s) { return s ? FactValue{Kind::Sym, s, 0, nullptr} : FactValue{}; }
    static FactValue enumSet(std::uint32_t bits) { return {Kind::EnumSet, bits, 0, nullptr}; }
    static FactValue symbolSet(const std::vector<std::uint32_t> *s) { return {Kind::SymSet, 0, 0, s}; }
    // Tri-state facts: -1 unknown, 0 false, 1 true.
    static FactValue tri(std::int8_t t) { return t < 0 ? FactValue{} : boolean(t > 0); }
    bool isUnknown() const { return kind == Kind::Unknown; }
};

// The architecture patterns of patterns.md, one table: the pack compiler checks letters against
// it, and every surface that shows a pattern writes it with its name from here, never a bare letter.
struct PatternInfo
{
    QChar letter;
    QString name;   // "local data, global model"
};
const QList<PatternInfo> &architecturePatterns();
bool isPatternLetter(const QString &text);
// "local data, global model"; empty when `letter` is not a pattern.
QString patternName(const QString &letter);
// "A — local data, global model"; the letter itself when it is not a pattern.
QString patternLabel(const QString &letter);
// "A — local data, global model; B — federated learning; …" (the CLI legend).
QString patternLegend();

enum class FindingStatus : std::uint8_t { Open, Waived, WaiverExpired };
QString findingStatusName(FindingStatus s);

struct Evidence
{
    QString path;
    QString value;
};

struct Finding
{
    QString rule;
    QString title;
    RuleSeverity severity = RuleSeverity::Info;
    FindingStatus status = FindingStatus::Open;
    SubjectKind subjectKind = SubjectKind::Workload;
    QString subjectId;
    QString dataset;                 // empty = none (null in JSON)
    // The subject this finding stems from (revision 2b, "one problem, one line"): findings with
    // one root are one problem. "flow:ID", "holding:WORKLOAD/DATASET", "dataset:ID",
    // "access:ID", "workload:ID"; a finding about a model derived from tainted data has the
    // training flow it stems from as its root. See subjectRoot().
    QString root;
    QString message;
    QList<Evidence> evidence;
    SourceRef source;
    QStringList actions;             // what to do, concrete, best first (placeholders filled)
    QStringList patterns;            // letters of the patterns A-D that address the rule, best first
    QStringList references;          // the law and guidance behind it, for this subject's jurisdictions
    QDate waiverExpires;             // set when a waiver matched
    QString waiverReason;

    // Open and waiver-expired count for --fail-on.
    bool countsAsOpen() const { return status != FindingStatus::Waived; }
};

// A finding's identity across runs, edits, scenarios and reports: the rule, the subject and the
// dataset (revision 2). The GUI keeps selections by it, SARIF fingerprints are its text, and a
// diff of two analyses opens and closes findings by it. Message and evidence are not part of
// it: a rewritten message is the same finding.
struct FindingKey
{
    QString rule;
    SubjectKind subjectKind = SubjectKind::Workload;
    QString subjectId;
    QString dataset;

    // "RES-001/flow/eu-to-us/eu-patient-records" (the dataset part empty when there is none).
    QString toString() const;
    // The inverse of toString(); nullopt when `text` is not of that shape.
    static std::optional<FindingKey> parse(const QString &text);
    friend bool operator==(const FindingKey &, const FindingKey &) = default;
    friend auto operator<=>(const FindingKey &a, const FindingKey &b)
    {
        if (const int c = a.rule.compare(b.rule))
            return c <=> 0;
        if (a.subjectKind != b.subjectKind)
            return a.subjectKind <=> b.subjectKind;
        if (const int c = a.subjectId.compare(b.subjectId))
            return c <=> 0;
        return a.dataset.compare(b.dataset) <=> 0;
    }
};
FindingKey findingKey(const Finding &f);
// A subject's own root: "flow:ID", "holding:WORKLOAD/DATASET", "dataset:ID", "access:ID",
// "workload:ID" (the flow and access roots leave out the dataset: a flow is one subject).
QString subjectRoot(SubjectKind kind, const QString &subjectId, const QString &dataset);
// The finding's root as the engine set it; its own subject's root when none was set (a finding
// built by hand).
QString findingRoot(const Finding &f);
// How many distinct roots the findings have ("100 findings on 67 subjects").
qsizetype countRoots(std::span<const Finding> findings);
size_t qHash(const FindingKey &key, size_t seed = 0) noexcept;

} // namespace atlas
