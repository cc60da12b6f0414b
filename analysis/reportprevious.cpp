// "Changes since the previous report": a previous report's JSON (or `check --format json`) is
// read back by finding identity (rule, subject kind, subject id, dataset), and compared with this
// analysis: opened, closed, severity changed, waived or unwaived.
#include "reportbuilder.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>

namespace atlas {

namespace {

Diagnostic errorAt(const QString &file, const QByteArray &bytes, qsizetype offset, const QString &message)
{
    std::uint32_t line = 1, column = 1;
    for (qsizetype i = 0; i < std::min(offset, bytes.size()); ++i) {
        if (bytes[i] == '\n') {
            ++line;
            column = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
            ++column;
        }
    }
    Diagnostic d;
    d.severity = Severity::Error;
    d.file = file;
    d.line = line;
    d.column = column;
    d.message = message;
    return d;
}

std::optional<FindingStatus> parseStatus(const QString &s)
{
    for (FindingStatus st : {FindingStatus::Open, FindingStatus::Waived, FindingStatus::WaiverExpired})
        if (findingStatusName(st) == s)
            return st;
    return std::nullopt;
}

} // namespace

std::expected<PreviousReport, Diagnostic> readPreviousReport(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(errorAt(path, {}, 0, QStringLiteral("cannot read the previous report: %1").arg(file.errorString())));
    const QByteArray bytes = file.readAll();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return std::unexpected(errorAt(path, bytes, error.offset, QStringLiteral("not valid JSON: %1").arg(error.errorString())));
    const QJsonValue findings = doc.object().value(QStringLiteral("findings"));
    if (!doc.isObject() || !findings.isArray())
        return std::unexpected(errorAt(path, bytes, 0, QStringLiteral("not a report: expected an object with a \"findings\" array (the JSON of `report` or `check --format json`)")));
    PreviousReport p;
    p.file = QFileInfo(path).fileName();
    p.sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    p.asOf = QDate::fromString(doc.object().value(QStringLiteral("as_of")).toString(), Qt::ISODate);
    const QJsonArray list = findings.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list[i].toObject();
        const auto kind = parseSubjectKind(o.value(QStringLiteral("subject_kind")).toString());
        const auto severity = parseRuleSeverity(o.value(QStringLiteral("severity")).toString());
        const auto status = parseStatus(o.value(QStringLiteral("status")).toString());
        const QString rule = o.value(QStringLiteral("rule")).toString();
        if (!kind || !severity || !status || rule.isEmpty())
            return std::unexpected(errorAt(path, bytes, 0, QStringLiteral("finding %1 of \"findings\" lacks rule, subject_kind, severity or status").arg(i + 1)));
        p.findings.push_back({FindingKey{rule, *kind, o.value(QStringLiteral("subject_id")).toString(), o.value(QStringLiteral("dataset")).toString()},
                              o.value(QStringLiteral("title")).toString(), *severity, *status});
    }
    std::sort(p.findings.begin(), p.findings.end(), [](const auto &a, const auto &b) { return a.key < b.key; });
    return p;
}

ReportChanges compareWithPrevious(const PreviousReport &previous, const std::vector<Finding> &findings)
{
    ReportChanges c;
    c.previous = previous.file;
    c.previousSha256 = previous.sha256;
    c.previousAsOf = previous.asOf;
    std::map<FindingKey, const PreviousReport::Entry *> before;
    for (const PreviousReport::Entry &e : previous.findings)
        before[e.key] = &e;
    std::map<FindingKey, const Finding *> after;
    for (const Finding &f : findings)
        after[findingKey(f)] = &f;
    const auto add = [&](const FindingKey &k, const QString &title, RuleSeverity sev, const QString &change) {
        c.changes.push_back({k.toString(), k.rule, title, sev, change});
    };
    for (const auto &[k, f] : after) {
        const auto it = before.find(k);
        const bool open = f->countsAsOpen();
        if (it == before.end()) {
            add(k, f->title, f->severity, open ? QStringLiteral("opened") : QStringLiteral("new, waived"));
            c.opened += open;
            continue;
        }
        const PreviousReport::Entry &e = *it->second;
        QStringList what;
        if (e.severity != f->severity)
            what << QStringLiteral("severity %1 → %2").arg(ruleSeverityName(e.severity), ruleSeverityName(f->severity));
        if (e.status != f->status)
            what << QStringLiteral("status %1 → %2").arg(findingStatusName(e.status), findingStatusName(f->status));
        if (!what.isEmpty()) {
            add(k, f->title, f->severity, what.join(QStringLiteral("; ")));
            ++c.changed;
        }
    }
    for (const auto &[k, e] : before)
        if (!after.contains(k)) {
            add(k, e->title, e->severity, QStringLiteral("closed"));
            c.closed += e->status != FindingStatus::Waived;
        }
    std::sort(c.changes.begin(), c.changes.end(), [](const ReportFindingChange &a, const ReportFindingChange &b) {
        return std::tie(a.change, a.key) < std::tie(b.change, b.key);
    });
    return c;
}

} // namespace atlas
