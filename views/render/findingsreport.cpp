#include "findingsreport.h"

#include "jsonwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

#include <map>

namespace atlas {

namespace {

QJsonArray strings(const QStringList &list)
{
    QJsonArray out;
    for (const QString &s : list)
        out.append(s);
    return out;
}

QJsonObject evidenceJson(const Finding &f)
{
    QJsonObject out;
    for (const Evidence &e : f.evidence)
        out.insert(e.path, e.value);
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

QJsonObject remediationJson(const Finding &f)
{
    QJsonArray patterns;
    for (const QString &p : f.patterns)
        patterns.append(QJsonObject{{QStringLiteral("id"), p}, {QStringLiteral("name"), patternName(p)}});
    return QJsonObject{{QStringLiteral("actions"), strings(f.actions)}, {QStringLiteral("patterns"), patterns}};
}

// Up to 100 ids of a coverage gap (sorted), with the full count beside them.
QJsonObject gapJson(const QStringList &ids, const char *key)
{
    return QJsonObject{{QStringLiteral("count"), ids.size()}, {QString::fromLatin1(key), strings(ids.mid(0, 100))}};
}

// The finding's actions, one per line, then its patterns by letter (the legend follows once).
QString remediationText(const Finding &f)
{
    QString out;
    for (qsizetype i = 0; i < f.actions.size(); ++i)
        out += (i == 0 ? QStringLiteral("\n      fix: ") : QStringLiteral("\n           ")) + f.actions[i];
    if (f.actions.isEmpty())
        out += QStringLiteral("\n      fix: -");
    if (!f.patterns.isEmpty())
        out += QStringLiteral("\n      patterns: ") + f.patterns.join(u", ");
    return out;
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

} // namespace

int failingCount(const std::vector<Finding> &findings, RuleSeverity failOn)
{
    int n = 0;
    for (const Finding &f : findings)
        n += f.countsAsOpen() && f.severity >= failOn;
    return n;
}

QJsonObject findingsJson(const FindingsReportInput &in)
{
    QJsonArray findings;
    for (const Finding &f : in.findings) {
        QJsonObject o{{QStringLiteral("rule"), f.rule},
                      {QStringLiteral("title"), f.title},
                      {QStringLiteral("severity"), ruleSeverityName(f.severity)},
                      {QStringLiteral("status"), findingStatusName(f.status)},
                      {QStringLiteral("subject_kind"), subjectKindName(f.subjectKind)},
                      {QStringLiteral("subject_id"), f.subjectId},
                      {QStringLiteral("dataset"), stringOrNull(f.dataset)},
                      {QStringLiteral("message"), f.message},
                      {QStringLiteral("evidence"), evidenceJson(f)},
                      {QStringLiteral("source"), sourceJson(in.inventory, f.source)},
                      {QStringLiteral("remediation"), remediationJson(f)},
                      {QStringLiteral("references"), strings(f.references)}};
        if (f.waiverExpires.isValid())
            o.insert(QStringLiteral("waiver"), QJsonObject{{QStringLiteral("expires"), f.waiverExpires.toString(Qt::ISODate)},
                                                           {QStringLiteral("reason"), f.waiverReason}});
        findings.append(o);
    }
    return QJsonObject{{QStringLiteral("findings"), findings}, {QStringLiteral("summary"), summaryJson(in)},
                       {QStringLiteral("coverage"), coverageJson(in.coverage)},
                       {QStringLiteral("warnings"), diagnosticsJson(in.warnings)},
                       {QStringLiteral("disclaimer"), QStringLiteral("The catalog's legal facts and the built-in pack are a starting point, not legal advice.")}};
}

QJsonObject findingsSarif(const FindingsReportInput &in)
{
    QJsonArray rules;
    QHash<QString, int> ruleIndex;
    for (const CompiledRule &r : in.rules.rules) {
        if (ruleIndex.contains(r.id))
            continue;
        ruleIndex.insert(r.id, int(rules.size()));
        rules.append(QJsonObject{
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
        });
    }
    QJsonArray results;
    for (const Finding &f : in.findings) {
        QJsonObject region{{QStringLiteral("startLine"), qint64(std::max<std::uint32_t>(f.source.line, 1))}};
        if (f.source.column > 0)
            region.insert(QStringLiteral("startColumn"), qint64(f.source.column));
        QJsonObject result{
            {QStringLiteral("ruleId"), f.rule},
            {QStringLiteral("ruleIndex"), ruleIndex.value(f.rule)},
            {QStringLiteral("level"), sarifLevel(f.severity)},
            {QStringLiteral("message"), QJsonObject{{QStringLiteral("text"), f.message}}},
            {QStringLiteral("locations"), QJsonArray{QJsonObject{{QStringLiteral("physicalLocation"), QJsonObject{
                {QStringLiteral("artifactLocation"), QJsonObject{{QStringLiteral("uri"), artifactUri(in.inventory.fileOf(f.source))}}},
                {QStringLiteral("region"), region}}}}}},
            {QStringLiteral("partialFingerprints"), QJsonObject{{QStringLiteral("residencyAtlasSubject/v1"),
                QString(f.rule + u'/' + subjectKindName(f.subjectKind) + u'/' + f.subjectId + u'/' + f.dataset)}}},
            {QStringLiteral("properties"), QJsonObject{{QStringLiteral("subject_kind"), subjectKindName(f.subjectKind)},
                                                       {QStringLiteral("subject_id"), f.subjectId},
                                                       {QStringLiteral("dataset"), stringOrNull(f.dataset)},
                                                       {QStringLiteral("status"), findingStatusName(f.status)},
                                                       {QStringLiteral("evidence"), evidenceJson(f)},
                                                       {QStringLiteral("remediation"), remediationJson(f)},
                                                       {QStringLiteral("references"), strings(f.references)}}},
        };
        if (f.status != FindingStatus::Open) {
            // A waiver is an accepted risk; an expired one no longer suppresses.
            result.insert(QStringLiteral("suppressions"), QJsonArray{QJsonObject{
                {QStringLiteral("kind"), QStringLiteral("external")},
                {QStringLiteral("status"), f.status == FindingStatus::Waived ? QStringLiteral("accepted") : QStringLiteral("rejected")},
                {QStringLiteral("justification"), QString(f.waiverReason + QStringLiteral(" (expires ") + f.waiverExpires.toString(Qt::ISODate) + u')')}}});
        }
        results.append(result);
    }
    // Input warnings (unknown regions, unknown fields) travel with the log.
    QJsonArray notifications;
    for (const Diagnostic &d : in.warnings) {
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
    QJsonObject run{
        {QStringLiteral("invocations"), QJsonArray{QJsonObject{{QStringLiteral("executionSuccessful"), true},
                                                               {QStringLiteral("toolExecutionNotifications"), notifications}}}},
        {QStringLiteral("tool"), QJsonObject{{QStringLiteral("driver"), QJsonObject{
            {QStringLiteral("name"), QStringLiteral("Residency Atlas")},
            {QStringLiteral("semanticVersion"), QStringLiteral(ATLAS_VERSION)},
            {QStringLiteral("informationUri"), QStringLiteral("https://github.com/residencyatlas/residency-atlas")},
            {QStringLiteral("rules"), rules}}}}},
        {QStringLiteral("columnKind"), QStringLiteral("unicodeCodePoints")},
        {QStringLiteral("results"), results},
        {QStringLiteral("properties"), [&] {
             QJsonObject p = summaryJson(in);
             p.insert(QStringLiteral("coverage"), coverageJson(in.coverage));
             p.insert(QStringLiteral("disclaimer"), QStringLiteral("The catalog's legal facts and the built-in pack are a starting point, not legal advice."));
             return p;
         }()},
    };
    return QJsonObject{{QStringLiteral("$schema"), QStringLiteral("https://json.schemastore.org/sarif-2.1.0.json")},
                       {QStringLiteral("version"), QStringLiteral("2.1.0")},
                       {QStringLiteral("runs"), QJsonArray{run}}};
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

QString findingsText(const FindingsReportInput &in)
{
    QString out;
    for (RuleSeverity s : {RuleSeverity::Critical, RuleSeverity::High, RuleSeverity::Medium, RuleSeverity::Low, RuleSeverity::Info}) {
        QStringList lines;
        for (const Finding &f : in.findings) {
            if (f.severity != s)
                continue;
            QString subject = subjectKindName(f.subjectKind) + u' ' + f.subjectId;
            if (!f.dataset.isEmpty())
                subject += QStringLiteral(" [") + f.dataset + u']';
            QString status;
            if (f.status == FindingStatus::Waived)
                status = QStringLiteral(" (waived until ") + f.waiverExpires.toString(Qt::ISODate) + u')';
            else if (f.status == FindingStatus::WaiverExpired)
                status = QStringLiteral(" (WAIVER EXPIRED ") + f.waiverExpires.toString(Qt::ISODate) + u')';
            lines << QStringLiteral("  ") + f.rule + u' ' + subject + status + QStringLiteral("  ")
                         + displayFileName(in.inventory.fileOf(f.source)) + u':' + QString::number(f.source.line) + u':'
                         + QString::number(f.source.column) + QStringLiteral("\n      ") + f.message
                         + remediationText(f);
        }
        if (lines.isEmpty())
            continue;
        out += ruleSeverityName(s).toUpper() + QStringLiteral(" (") + QString::number(lines.size()) + QStringLiteral(")\n");
        out += lines.join(u'\n') + QStringLiteral("\n\n");
    }
    const QJsonObject summary = summaryJson(in);
    out += QStringLiteral("%1 %2: %3 open, %4 waived, %5 waiver expired. ")
               .arg(in.findings.size()).arg(in.findings.size() == 1 ? QStringLiteral("finding") : QStringLiteral("findings")).arg(summary.value(QStringLiteral("open")).toInt())
               .arg(summary.value(QStringLiteral("waived")).toInt()).arg(summary.value(QStringLiteral("waiver_expired")).toInt())
               .trimmed();
    out += u'\n';
    const QStringList gaps = in.coverage.gaps();
    if (!gaps.isEmpty())
        out += QStringLiteral("Not checked: ") + gaps.join(QStringLiteral("; ")) + QStringLiteral(".\n");
    out += verdictLine(in) + u'\n';
    if (std::any_of(in.findings.begin(), in.findings.end(), [](const Finding &f) { return !f.patterns.isEmpty(); }))
        out += QStringLiteral("Patterns: ") + patternLegend() + QStringLiteral(".\n");
    out += QStringLiteral("Waivers evaluated as of %1; catalog facts as of %2. Not legal advice.\n")
               .arg(in.asOf.toString(Qt::ISODate), in.catalogAsOf.toString(Qt::ISODate));
    return out;
}

} // namespace atlas
