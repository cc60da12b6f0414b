#include "diffreport.h"

#include "entityfields.h"
#include "jsonwriter.h"

#include <QBuffer>

namespace atlas {

using namespace Qt::StringLiterals;

namespace {

QString sideText(const std::optional<QString> &value)
{
    return value ? *value : u"(absent)"_s;
}

QString fieldLine(const FieldChange &c)
{
    return u"    "_s + c.name + u": "_s + sideText(c.before) + u" → "_s + sideText(c.after) + u'\n';
}

QChar operationSign(DiffOperation operation)
{
    switch (operation) {
    case DiffOperation::Added: return u'+';
    case DiffOperation::Removed: return u'-';
    case DiffOperation::Changed: return u'~';
    }
    return u'?';
}

QString summaryLine(const DiffCounts &c)
{
    return u"%1 added, %2 removed, %3 changed; %4 %5 opened, %6 closed\n"_s.arg(c.added)
        .arg(c.removed)
        .arg(c.changed)
        .arg(c.opened)
        .arg(c.opened == 1 ? u"finding"_s : u"findings"_s)
        .arg(c.closed);
}

// "+ RES-001 (high) flow eu-to-us, dataset patient-records: message [waived]"
QString findingLine(QChar sign, const DiffFinding &f)
{
    QString line = sign + u' ' + f.key.rule + u" ("_s + ruleSeverityName(f.severity) + u") "_s
        + subjectKindName(f.key.subjectKind) + u' ' + f.key.subjectId;
    if (!f.key.dataset.isEmpty() && !(f.key.subjectKind == SubjectKind::Dataset && f.key.dataset == f.key.subjectId))
        line += u", dataset "_s + f.key.dataset;
    line += u": "_s + f.message;
    if (f.status != FindingStatus::Open)
        line += u" ["_s + findingStatusName(f.status) + u']';
    return line + u'\n';
}

void appendEntities(QString &out, const InventoryDiff &diff)
{
    std::optional<EntityKind> kind;
    for (const EntityChange &c : diff.entities) {
        if (kind != c.kind)
            out += u'\n'; // a blank line before each kind
        kind = c.kind;
        out += operationSign(c.operation) + u' ' + entityKindName(c.kind) + u' ' + c.key + u'\n';
        for (const FieldChange &f : c.fields)
            out += fieldLine(f);
    }
}

void appendFindings(QString &out, const char *heading, QChar sign, const std::vector<DiffFinding> &findings)
{
    if (findings.empty())
        return;
    out += u'\n' + QString::fromLatin1(heading) + u":\n"_s;
    for (const DiffFinding &f : findings)
        out += findingLine(sign, f);
}

void writeFieldChange(JsonStream &json, const FieldChange &c)
{
    json.beginObject();
    json.key("after"_L1);
    c.after ? json.string(*c.after) : json.null();
    json.key("before"_L1);
    c.before ? json.string(*c.before) : json.null();
    json.member("name"_L1, c.name);
    json.endObject();
}

void writeEntityChange(JsonStream &json, const EntityChange &c)
{
    json.beginObject();
    if (c.operation != DiffOperation::Changed)
        json.memberValue("entity"_L1, entityJson(c.entity));
    if (c.operation == DiffOperation::Changed) {
        json.key("fields"_L1);
        json.beginArray();
        for (const FieldChange &f : c.fields)
            writeFieldChange(json, f);
        json.endArray();
    }
    json.member("key"_L1, c.key);
    json.member("kind"_L1, entityKindName(c.kind));
    json.member("operation"_L1, diffOperationName(c.operation));
    json.endObject();
}

void writeFinding(JsonStream &json, const DiffFinding &f)
{
    json.beginObject();
    json.key("dataset"_L1);
    json.stringOrNull(f.key.dataset);
    json.member("key"_L1, f.key.toString());
    json.member("message"_L1, f.message);
    json.member("rule"_L1, f.key.rule);
    json.member("severity"_L1, ruleSeverityName(f.severity));
    json.member("status"_L1, findingStatusName(f.status));
    json.member("subject_id"_L1, f.key.subjectId);
    json.member("subject_kind"_L1, subjectKindName(f.key.subjectKind));
    json.member("title"_L1, f.title);
    json.endObject();
}

void writeFindings(JsonStream &json, QLatin1StringView name, const std::vector<DiffFinding> &findings)
{
    json.key(name);
    json.beginArray();
    for (const DiffFinding &f : findings)
        writeFinding(json, f);
    json.endArray();
}

} // namespace

QString diffText(const SnapshotDiff &diff, const DiffLabels &labels)
{
    QString out = u"A: "_s + labels.a + u"\nB: "_s + labels.b + u'\n' + summaryLine(diff.counts);
    if (diff.isEmpty())
        return out + u"No differences.\n"_s;
    if (!diff.inventory.topLevel.isEmpty()) {
        out += u"\n~ inventory\n"_s;
        for (const FieldChange &f : diff.inventory.topLevel)
            out += fieldLine(f);
    }
    appendEntities(out, diff.inventory);
    appendFindings(out, "Findings opened", u'+', diff.opened);
    appendFindings(out, "Findings closed", u'-', diff.closed);
    return out;
}

bool writeDiffJson(const SnapshotDiff &diff, const DiffLabels &labels, QIODevice &device)
{
    JsonStream json(device);
    json.beginObject();
    json.member("a"_L1, labels.a);
    json.member("b"_L1, labels.b);
    json.key("entities"_L1);
    json.beginArray();
    for (const EntityChange &c : diff.inventory.entities)
        writeEntityChange(json, c);
    json.endArray();
    json.key("findings"_L1);
    json.beginObject();
    writeFindings(json, "closed"_L1, diff.closed);
    writeFindings(json, "opened"_L1, diff.opened);
    json.endObject();
    json.key("summary"_L1);
    json.beginObject();
    json.member("added"_L1, qint64(diff.counts.added));
    json.member("changed"_L1, qint64(diff.counts.changed));
    json.member("findings_closed"_L1, qint64(diff.counts.closed));
    json.member("findings_opened"_L1, qint64(diff.counts.opened));
    json.member("removed"_L1, qint64(diff.counts.removed));
    json.endObject();
    json.key("top_level"_L1);
    json.beginArray();
    for (const FieldChange &f : diff.inventory.topLevel)
        writeFieldChange(json, f);
    json.endArray();
    json.member("version"_L1, qint64(1));
    json.endObject();
    return json.flush();
}

QByteArray diffJson(const SnapshotDiff &diff, const DiffLabels &labels)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    writeDiffJson(diff, labels, buffer);
    buffer.close();
    return bytes;
}

} // namespace atlas
