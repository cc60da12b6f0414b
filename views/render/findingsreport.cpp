#include "findingsreport.h"

#include "findingroots.h"
#include "jsonwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>

namespace atlas {

using namespace Qt::StringLiterals;

namespace {

QJsonArray strings(const QStringList &list)
{
    QJsonArray out;
    for (const QString &s : list)
        out.append(s);
    return out;
}

QString sarifLevel(RuleSeverity s)
{
    switch (s) {
    case RuleSeverity::Critical:
    case RuleSeverity::High: return QStringLiteral("error");
    case RuleSeverity::Medium: return QStringLiteral("warning");
    case RuleSeverity::Low:
    case RuleSeverity::Info: return QStringLiteral("note");
    }
    return QStringLiteral("note");
}

// GitHub code scanning reads this number (0.1–10) to rank security results.
QString securitySeverity(RuleSeverity s)
{
    switch (s) {
    case RuleSeverity::Critical: return QStringLiteral("9.5");
    case RuleSeverity::High: return QStringLiteral("8.0");
    case RuleSeverity::Medium: return QStringLiteral("5.5");
    case RuleSeverity::Low: return QStringLiteral("3.0");
    case RuleSeverity::Info: return QStringLiteral("1.0");
    }
    return QStringLiteral("1.0");
}

QString artifactUri(const QString &file)
{
    if (file.startsWith(u":/")) // embedded sample
        return QStringLiteral("resources/") + file.mid(2);
    if (QFileInfo(file).isAbsolute())
        return QUrl::fromLocalFile(file).toString(QUrl::FullyEncoded);
    return QString::fromUtf8(QUrl::toPercentEncoding(QDir::fromNativeSeparators(file), "/"));
}

// Up to 100 ids of a coverage gap (sorted), with the full count beside them.
QJsonObject gapJson(const QStringList &ids, const char *key)
{
    return QJsonObject{{QStringLiteral("count"), ids.size()}, {QString::fromLatin1(key), strings(ids.mid(0, 100))}};
}

// The finding's actions, one per line, then its patterns by letter (the legend follows once).
void appendRemediation(QString &out, const Finding &f)
{
    for (qsizetype i = 0; i < f.actions.size(); ++i)
        out += (i == 0 ? QStringLiteral("\n      fix: ") : QStringLiteral("\n           ")) + f.actions[i];
    if (f.actions.isEmpty())
        out += QStringLiteral("\n      fix: -");
    if (!f.patterns.isEmpty())
        out += QStringLiteral("\n      patterns: ") + f.patterns.join(u", ");
}

// Placeholders of a rule's texts as <path>: a rule's description is about no subject in particular.
QString generic(const QString &text)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([a-z_.]+)\\}"));
    return QString(text).replace(placeholder, QStringLiteral("<\\1>"));
}

QString ruleDescription(const CompiledRule &r)
{
    QStringList refs;
    for (const QString &ref : r.referenceTexts)
        refs << generic(ref);
    return r.title + (refs.isEmpty() ? QStringLiteral(".") : QStringLiteral(". References (where they apply): ") + refs.join(QStringLiteral("; ")));
}

QString ruleHelp(const CompiledRule &r)
{
    QStringList parts;
    for (const QString &a : r.actionTexts)
        parts << generic(a);
    QString out = parts.isEmpty() ? QStringLiteral("See the finding's actions.") : QStringLiteral("What to do: ") + parts.join(QStringLiteral("; ")) + u'.';
    QStringList patterns;
    for (const QString &p : r.patterns)
        patterns << patternLabel(p);
    if (!patterns.isEmpty())
        out += QStringLiteral(" Patterns that address it: ") + patterns.join(QStringLiteral("; ")) + u'.';
    return out;
}

QJsonObject summaryJson(const FindingsReportInput &in)
{
    int open = 0, waived = 0, expired = 0;
    std::map<RuleSeverity, int> bySeverity;
    QMap<QString, int> byRule;
    for (const Finding &f : in.findings) {
        open += f.status == FindingStatus::Open;
        waived += f.status == FindingStatus::Waived;
        expired += f.status == FindingStatus::WaiverExpired;
        if (f.countsAsOpen())
            ++bySeverity[f.severity];
        ++byRule[f.rule];
    }
    QJsonObject severities;
    for (RuleSeverity s : {RuleSeverity::Critical, RuleSeverity::High, RuleSeverity::Medium, RuleSeverity::Low, RuleSeverity::Info})
        severities.insert(ruleSeverityName(s), bySeverity[s]);
    QJsonObject rules;
    for (auto it = byRule.cbegin(); it != byRule.cend(); ++it)
        rules.insert(it.key(), it.value());
    const int failing = failingCount(in.findings, in.failOn);
    return QJsonObject{{QStringLiteral("total"), qint64(in.findings.size())},
                       {QStringLiteral("open"), open},
                       {QStringLiteral("waived"), waived},
                       {QStringLiteral("waiver_expired"), expired},
                       {QStringLiteral("open_by_severity"), severities},
                       {QStringLiteral("by_rule"), rules},
                       {QStringLiteral("subjects"), qint64(countRoots(in.findings))},
                       {QStringLiteral("fail_on"), ruleSeverityName(in.failOn)},
                       {QStringLiteral("failing"), failing},
                       {QStringLiteral("passed"), failing == 0},
                       {QStringLiteral("complete"), in.coverage.isComplete()},
                       {QStringLiteral("as_of"), in.asOf.toString(Qt::ISODate)},
                       {QStringLiteral("catalog_as_of"), in.catalogAsOf.toString(Qt::ISODate)},
                       {QStringLiteral("packs"), strings(in.rules.packs)},
                       {QStringLiteral("rules"), qint64(in.rules.rules.size())},
                       {QStringLiteral("disabled"), strings(in.disabled)}};
}


// Per input file, its name as a report shows it: worked out once per file, not per finding.
class FileNames
{
public:
    FileNames(const Inventory &inventory, QString (*name)(const QString &)) : m_inventory(inventory), m_name(name) {}
    const QString &operator()(const SourceRef &ref)
    {
        if (ref.file >= m_names.size())
            m_names.resize(ref.file + 1);
        std::optional<QString> &name = m_names[ref.file];
        if (!name)
            name = m_name(m_inventory.fileOf(ref));
        return *name;
    }

private:
    const Inventory &m_inventory;
    QString (*m_name)(const QString &);
    std::vector<std::optional<QString>> m_names;
};

// An object of path → value, as QJsonObject made it: keys sorted, a repeated path's last value.
void writeEvidence(JsonStream &json, const QList<Evidence> &evidence)
{
    std::vector<qsizetype> order(std::size_t(evidence.size()));
    std::iota(order.begin(), order.end(), qsizetype(0));
    std::stable_sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) { return evidence[a].path < evidence[b].path; });
    json.beginObject();
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (i + 1 < order.size() && evidence[order[i + 1]].path == evidence[order[i]].path)
            continue;
        json.key(evidence[order[i]].path);
        json.string(evidence[order[i]].value);
    }
    json.endObject();
}

void writeRemediation(JsonStream &json, const Finding &f)
{
    json.beginObject();
    json.memberStrings("actions"_L1, f.actions);
    json.key("patterns"_L1);
    json.beginArray();
    for (const QString &p : f.patterns) {
        json.beginObject();
        json.member("id"_L1, p);
        json.member("name"_L1, patternName(p));
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

// One finding of the JSON report; members in QJsonObject's (sorted) order.
void writeFindingJson(JsonStream &json, const Finding &f, const QString &file)
{
    json.beginObject();
    json.key("dataset"_L1);
    json.stringOrNull(f.dataset);
    json.key("evidence"_L1);
    writeEvidence(json, f.evidence);
    json.member("message"_L1, f.message);
    json.memberStrings("references"_L1, f.references);
    json.key("remediation"_L1);
    writeRemediation(json, f);
    json.member("root"_L1, findingRoot(f));
    json.member("rule"_L1, f.rule);
    json.member("severity"_L1, ruleSeverityName(f.severity));
    json.key("source"_L1);
    json.beginObject();
    json.member("column"_L1, qint64(f.source.column));
    json.member("file"_L1, file);
    json.member("line"_L1, qint64(f.source.line));
    json.endObject();
    json.member("status"_L1, findingStatusName(f.status));
    json.member("subject_id"_L1, f.subjectId);
    json.member("subject_kind"_L1, subjectKindName(f.subjectKind));
    json.member("title"_L1, f.title);
    if (f.waiverExpires.isValid()) {
        json.key("waiver"_L1);
        json.beginObject();
        json.member("expires"_L1, f.waiverExpires.toString(Qt::ISODate));
        json.member("reason"_L1, f.waiverReason);
        json.endObject();
    }
    json.endObject();
}

const QString &disclaimer()
{
    static const QString text = QStringLiteral("The catalog's legal facts and the built-in pack are a starting point, not legal advice.");
    return text;
}

bool writeJsonReport(const FindingsReportInput &in, QIODevice &device)
{
    JsonStream json(device);
    json.beginObject();
    json.memberValue("coverage"_L1, QJsonValue(coverageJson(in.coverage)));
    json.member("disclaimer"_L1, disclaimer());
    json.key("findings"_L1);
    writeFindingsJsonArray(json, in.inventory, in.findings);
    json.memberValue("summary"_L1, QJsonValue(summaryJson(in)));
    json.memberValue("warnings"_L1, QJsonValue(diagnosticsJson(in.warnings)));
    json.endObject();
    return json.flush();
}

QJsonObject sarifRule(const CompiledRule &r)
{
    return QJsonObject{
        {QStringLiteral("id"), r.id},
        {QStringLiteral("name"), QString(r.id).remove(u'-')},
        {QStringLiteral("shortDescription"), QJsonObject{{QStringLiteral("text"), r.title}}},
        {QStringLiteral("fullDescription"), QJsonObject{{QStringLiteral("text"), ruleDescription(r)}}},
        {QStringLiteral("help"), QJsonObject{{QStringLiteral("text"), ruleHelp(r)}}},
        {QStringLiteral("defaultConfiguration"), QJsonObject{{QStringLiteral("level"), sarifLevel(r.severity)}}},
        {QStringLiteral("properties"), QJsonObject{{QStringLiteral("severity"), ruleSeverityName(r.severity)},
                                                   {QStringLiteral("security-severity"), securitySeverity(r.severity)},
                                                   {QStringLiteral("pack"), r.pack},
                                                   {QStringLiteral("tags"), QJsonArray{QStringLiteral("security"), QStringLiteral("data-residency")}}}},
    };
}

void writeSarifLocation(JsonStream &json, const QString &uri, const SourceRef &source)
{
    json.key("locations"_L1);
    json.beginArray();
    json.beginObject();
    json.key("physicalLocation"_L1);
    json.beginObject();
    json.key("artifactLocation"_L1);
    json.beginObject();
    json.member("uri"_L1, uri);
    json.endObject();
    json.key("region"_L1);
    json.beginObject();
    if (source.column > 0)
        json.member("startColumn"_L1, qint64(source.column));
    json.member("startLine"_L1, qint64(std::max<std::uint32_t>(source.line, 1)));
    json.endObject();
    json.endObject();
    json.endObject();
    json.endArray();
}

// One SARIF result; members in QJsonObject's (sorted) order.
void writeSarifResult(JsonStream &json, const Finding &f, int ruleIndex, const QString &uri)
{
    json.beginObject();
    json.member("level"_L1, sarifLevel(f.severity));
    writeSarifLocation(json, uri, f.source);
    json.key("message"_L1);
    json.beginObject();
    json.member("text"_L1, f.message);
    json.endObject();
    json.key("partialFingerprints"_L1);
    json.beginObject();
    json.member("residencyAtlasSubject/v1"_L1, findingKey(f).toString()); // the one identity (models)
    json.endObject();
    json.key("properties"_L1);
    json.beginObject();
    json.key("dataset"_L1);
    json.stringOrNull(f.dataset);
    json.key("evidence"_L1);
    writeEvidence(json, f.evidence);
    json.memberStrings("references"_L1, f.references);
    json.key("remediation"_L1);
    writeRemediation(json, f);
    json.member("root"_L1, findingRoot(f));
    json.member("status"_L1, findingStatusName(f.status));
    json.member("subject_id"_L1, f.subjectId);
    json.member("subject_kind"_L1, subjectKindName(f.subjectKind));
    json.endObject();
    json.member("ruleId"_L1, f.rule);
    json.member("ruleIndex"_L1, qint64(ruleIndex));
    if (f.status != FindingStatus::Open) {
        // A waiver is an accepted risk; an expired one no longer suppresses.
        json.key("suppressions"_L1);
        json.beginArray();
        json.beginObject();
        json.member("justification"_L1, QString(f.waiverReason + QStringLiteral(" (expires ") + f.waiverExpires.toString(Qt::ISODate) + u')'));
        json.member("kind"_L1, "external"_L1);
        json.member("status"_L1, f.status == FindingStatus::Waived ? "accepted"_L1 : "rejected"_L1);
        json.endObject();
        json.endArray();
    }
    json.endObject();
}

// Input warnings (unknown regions, unknown fields) travel with the log.
QJsonArray sarifNotifications(const Diagnostics &warnings)
{
    QJsonArray notifications;
    for (const Diagnostic &d : warnings) {
        QJsonObject region{{QStringLiteral("startLine"), qint64(std::max<std::uint32_t>(d.line, 1))}};
        if (d.column > 0)
            region.insert(QStringLiteral("startColumn"), qint64(d.column));
        notifications.append(QJsonObject{
            {QStringLiteral("level"), QStringLiteral("warning")},
            {QStringLiteral("message"), QJsonObject{{QStringLiteral("text"), d.message}}},
            {QStringLiteral("locations"), QJsonArray{QJsonObject{{QStringLiteral("physicalLocation"), QJsonObject{
                {QStringLiteral("artifactLocation"), QJsonObject{{QStringLiteral("uri"), artifactUri(d.file)}}},
                {QStringLiteral("region"), region}}}}}}});
    }
    return notifications;
}

// The run's small parts as QJsonObjects (written by JsonStream::value, same bytes); the results
// streamed between them.
bool writeSarifReport(const FindingsReportInput &in, QIODevice &device)
{
    QJsonArray rules;
    QHash<QString, int> ruleIndex;
    for (const CompiledRule &r : in.rules.rules) {
        if (ruleIndex.contains(r.id))
            continue;
        ruleIndex.insert(r.id, int(rules.size()));
        rules.append(sarifRule(r));
    }
    QJsonObject properties = summaryJson(in);
    properties.insert(QStringLiteral("coverage"), coverageJson(in.coverage));
    properties.insert(QStringLiteral("disclaimer"), disclaimer());

    JsonStream json(device);
    json.beginObject();
    json.member("$schema"_L1, "https://json.schemastore.org/sarif-2.1.0.json"_L1);
    json.key("runs"_L1);
    json.beginArray();
    json.beginObject();
    json.member("columnKind"_L1, "unicodeCodePoints"_L1);
    json.memberValue("invocations"_L1, QJsonValue(QJsonArray{QJsonObject{{QStringLiteral("executionSuccessful"), true},
                                                                    {QStringLiteral("toolExecutionNotifications"), sarifNotifications(in.warnings)}}}));
    json.memberValue("properties"_L1, QJsonValue(properties));
    json.key("results"_L1);
    json.beginArray();
    FileNames uris(in.inventory, artifactUri);
    for (const Finding &f : in.findings)
        writeSarifResult(json, f, ruleIndex.value(f.rule), uris(f.source));
    json.endArray();
    json.memberValue("tool"_L1, QJsonValue(QJsonObject{{QStringLiteral("driver"), QJsonObject{
        {QStringLiteral("name"), QStringLiteral("Residency Atlas")},
        {QStringLiteral("semanticVersion"), QStringLiteral(ATLAS_VERSION)},
        {QStringLiteral("informationUri"), QStringLiteral("https://github.com/residencyatlas/residency-atlas")},
        {QStringLiteral("rules"), rules}}}}));
    json.endObject();
    json.endArray();
    json.member("version"_L1, "2.1.0"_L1);
    json.endObject();
    return json.flush();
}

// Text in QString pieces, converted to UTF-8 a block at a time — never between the halves of a
// surrogate pair, so the bytes are those of one toUtf8() of the whole text.
class TextStream
{
public:
    explicit TextStream(QIODevice &device) : m_device(device) { m_text.reserve(BlockSize + 4096); }
    QString &text() { return m_text; }
    void maybeFlush()
    {
        if (m_text.size() >= BlockSize)
            write(false);
    }
    bool finish() { return write(true); }

private:
    bool write(bool all)
    {
        qsizetype n = m_text.size();
        if (!all && n > 0 && m_text.at(n - 1).isHighSurrogate())
            --n;
        const QByteArray bytes = QStringView(m_text).first(n).toUtf8();
        m_ok = m_ok && m_device.write(bytes) == bytes.size();
        m_text.remove(0, n);
        return m_ok;
    }

    static constexpr qsizetype BlockSize = qsizetype(1) << 19;
    QIODevice &m_device;
    QString m_text;
    bool m_ok = true;
};

// "  RES-004 flow f-1 [ds-1] (waived until …)  inv.yaml:12:5\n      message\n      fix: …"
void appendFindingText(QString &out, const Finding &f, const QString &file)
{
    out += u"  "_s + f.rule + u' ' + subjectKindName(f.subjectKind) + u' ' + f.subjectId;
    if (!f.dataset.isEmpty())
        out += u" ["_s + f.dataset + u']';
    if (f.status == FindingStatus::Waived)
        out += u" (waived until "_s + f.waiverExpires.toString(Qt::ISODate) + u')';
    else if (f.status == FindingStatus::WaiverExpired)
        out += u" (WAIVER EXPIRED "_s + f.waiverExpires.toString(Qt::ISODate) + u')';
    out += u"  "_s + file + u':' + QString::number(f.source.line) + u':' + QString::number(f.source.column)
        + u"\n      "_s + f.message;
    appendRemediation(out, f);
}

// Counts, coverage, verdict, the pattern legend and the as-of dates after the findings.
void appendTextFooter(QString &out, const FindingsReportInput &in)
{
    const QJsonObject summary = summaryJson(in);
    out += findingsOnSubjects(qsizetype(in.findings.size()), summary.value(QStringLiteral("subjects")).toInteger())
        + QStringLiteral(": %1 open, %2 waived, %3 waiver expired.\n")
              .arg(summary.value(QStringLiteral("open")).toInt())
              .arg(summary.value(QStringLiteral("waived")).toInt())
              .arg(summary.value(QStringLiteral("waiver_expired")).toInt());
    const QStringList gaps = in.coverage.gaps();
    if (!gaps.isEmpty())
        out += QStringLiteral("Not checked: ") + gaps.join(QStringLiteral("; ")) + QStringLiteral(".\n");
    out += verdictLine(in) + u'\n';
    if (std::any_of(in.findings.begin(), in.findings.end(), [](const Finding &f) { return !f.patterns.isEmpty(); }))
        out += QStringLiteral("Patterns: ") + patternLegend() + QStringLiteral(".\n");
    out += QStringLiteral("Waivers evaluated as of %1; catalog facts as of %2. Not legal advice.\n")
               .arg(in.asOf.toString(Qt::ISODate), in.catalogAsOf.toString(Qt::ISODate));
}

// Findings grouped by severity, most severe first, each group headed by its count.
bool writeTextReport(const FindingsReportInput &in, QIODevice &device)
{
    std::map<RuleSeverity, qsizetype> counts;
    for (const Finding &f : in.findings)
        ++counts[f.severity];
    TextStream stream(device);
    QString &out = stream.text();
    FileNames files(in.inventory, displayFileName);
    for (RuleSeverity s : {RuleSeverity::Critical, RuleSeverity::High, RuleSeverity::Medium, RuleSeverity::Low, RuleSeverity::Info}) {
        if (counts[s] == 0)
            continue;
        out += ruleSeverityName(s).toUpper() + QStringLiteral(" (") + QString::number(counts[s]) + QStringLiteral(")\n");
        for (const Finding &f : in.findings) {
            if (f.severity != s)
                continue;
            appendFindingText(out, f, files(f.source));
            out += u'\n';
            stream.maybeFlush();
        }
        out += u'\n';
    }
    appendTextFooter(out, in);
    return stream.finish();
}

} // namespace

void writeFindingsJsonArray(JsonStream &json, const Inventory &inventory, const std::vector<Finding> &findings)
{
    json.beginArray();
    FileNames files(inventory, displayFileName);
    for (const Finding &f : findings)
        writeFindingJson(json, f, files(f.source));
    json.endArray();
}

int failingCount(const std::vector<Finding> &findings, RuleSeverity failOn)
{
    int n = 0;
    for (const Finding &f : findings)
        n += f.countsAsOpen() && f.severity >= failOn;
    return n;
}

bool writeFindings(const FindingsReportInput &in, FindingsFormat format, QIODevice &device)
{
    switch (format) {
    case FindingsFormat::Json: return writeJsonReport(in, device);
    case FindingsFormat::Sarif: return writeSarifReport(in, device);
    case FindingsFormat::Text: return writeTextReport(in, device);
    }
    return false;
}

QJsonObject coverageJson(const Coverage &c)
{
    QJsonObject o{{QStringLiteral("complete"), c.isComplete()},
                  {QStringLiteral("gaps"), strings(c.gaps())},
                  {QStringLiteral("workloads"), c.workloads},
                  {QStringLiteral("unknown_residency"), gapJson(c.unknownResidency, "workloads")},
                  {QStringLiteral("unclassified_data_stores"), gapJson(c.unclassifiedStores, "workloads")},
                  {QStringLiteral("datasets_without_origin"), gapJson(c.datasetsWithoutOrigin, "datasets")},
                  {QStringLiteral("uncatalogued_origins"), gapJson(c.uncataloguedOrigins, "jurisdictions")}};
    o.insert(QStringLiteral("import"), QJsonObject{{QStringLiteral("exports"), c.exports},
                                                   {QStringLiteral("skipped_resources"), c.importSkipped},
                                                   {QStringLiteral("assumptions"), c.importAssumptions}});
    return o;
}

QString verdictLine(const FindingsReportInput &in)
{
    const int failing = failingCount(in.findings, in.failOn);
    if (failing > 0)
        return QStringLiteral("FAIL: %1 open at or above %2.").arg(failing).arg(ruleSeverityName(in.failOn));
    const QStringList gaps = in.coverage.gaps();
    if (!gaps.isEmpty())
        return QStringLiteral("PASS (incomplete: %1): none open at or above %2, but the check could not see everything.")
            .arg(gaps.join(QStringLiteral("; ")), ruleSeverityName(in.failOn));
    return QStringLiteral("PASS: none open at or above %1.").arg(ruleSeverityName(in.failOn));
}

} // namespace atlas
