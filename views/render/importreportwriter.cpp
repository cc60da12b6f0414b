#include "importreportwriter.h"

#include "jsonwriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

namespace atlas {

namespace {

QString position(const ImportNote &n)
{
    QString at = n.file;
    if (n.line > 0)
        at += u':' + QString::number(n.line) + u':' + QString::number(n.column);
    return at;
}

// Groups in first-seen order, so the report reads like the input.
QList<std::pair<QString, QList<const ImportNote *>>> grouped(const QList<ImportNote> &notes)
{
    QList<std::pair<QString, QList<const ImportNote *>>> groups;
    QHash<QString, qsizetype> index;
    for (const ImportNote &n : notes) {
        auto it = index.constFind(n.group);
        if (it == index.cend()) {
            it = index.insert(n.group, groups.size());
            groups.append({n.group, {}});
        }
        groups[*it].second.append(&n);
    }
    return groups;
}

void section(QString &out, const QString &title, const QList<ImportNote> &notes, int perGroup)
{
    if (notes.isEmpty())
        return;
    out += QStringLiteral("\n%1 (%2):\n").arg(title).arg(notes.size());
    for (const auto &[group, list] : grouped(notes)) {
        out += QStringLiteral("  %1: %2\n").arg(group).arg(list.size());
        const qsizetype shown = perGroup < 0 ? list.size() : std::min<qsizetype>(perGroup, list.size());
        for (qsizetype i = 0; i < shown; ++i) {
            const ImportNote &n = *list[i];
            out += QStringLiteral("    %1: %2%3 — %4\n")
                       .arg(position(n), n.subject, n.type.isEmpty() ? QString() : QStringLiteral(" (") + n.type + u')', n.message);
        }
        if (shown < list.size())
            out += QStringLiteral("    … %1 more (write the whole report with --report FILE)\n").arg(list.size() - shown);
    }
}

QJsonArray notesJson(const QList<ImportNote> &notes)
{
    QJsonArray array;
    for (const ImportNote &n : notes) {
        QJsonObject o;
        o[QStringLiteral("file")] = n.file;
        o[QStringLiteral("line")] = int(n.line);
        o[QStringLiteral("column")] = int(n.column);
        o[QStringLiteral("subject")] = n.subject;
        o[QStringLiteral("type")] = stringOrNull(n.type);
        o[QStringLiteral("reason")] = n.group;
        o[QStringLiteral("message")] = n.message;
        array.append(o);
    }
    return array;
}

} // namespace

QString importReportText(const ImportReport &report, const Diagnostics &warnings, int perGroup)
{
    QString out = QStringLiteral("Import report\n");
    out += QStringLiteral("mapping: %1\n").arg(report.mapping.isEmpty() ? QStringLiteral("built-in defaults (docs/import.md)") : report.mapping);
    for (const ImportFileSummary &f : report.files) {
        out += QStringLiteral("  %1 [%2]: %3 read, %4 imported, %5 skipped")
                   .arg(f.file, f.format)
                   .arg(f.resources)
                   .arg(f.imported)
                   .arg(f.skipped);
        if (f.regionPairs > 0)
            out += QStringLiteral("; %1 region pairs").arg(f.regionPairs);
        out += u'\n';
    }
    out += QStringLiteral("result: %1 workloads, %2 datasets, %3 flows\n").arg(report.workloads).arg(report.datasets).arg(report.flows);
    section(out, QStringLiteral("Skipped"), report.skipped, perGroup);
    section(out, QStringLiteral("Assumptions"), report.assumptions, perGroup);
    if (!warnings.isEmpty()) {
        out += QStringLiteral("\nWarnings (%1):\n").arg(warnings.size());
        const qsizetype shown = perGroup < 0 ? warnings.size() : std::min<qsizetype>(qsizetype(perGroup) * 4, warnings.size());
        for (qsizetype i = 0; i < shown; ++i)
            out += QStringLiteral("  ") + warnings[i].toString() + u'\n';
        if (shown < warnings.size())
            out += QStringLiteral("  … %1 more (write the whole report with --report FILE)\n").arg(warnings.size() - shown);
    }
    return out;
}

QByteArray importReportJson(const ImportReport &report, const Diagnostics &warnings)
{
    QJsonObject root;
    root[QStringLiteral("mapping")] = stringOrNull(report.mapping);
    QJsonArray files;
    for (const ImportFileSummary &f : report.files) {
        QJsonObject o;
        o[QStringLiteral("file")] = f.file;
        o[QStringLiteral("format")] = f.format;
        o[QStringLiteral("bytes")] = double(f.bytes);
        o[QStringLiteral("read")] = f.resources;
        o[QStringLiteral("imported")] = f.imported;
        o[QStringLiteral("skipped")] = f.skipped;
        o[QStringLiteral("region_pairs")] = f.regionPairs;
        files.append(o);
    }
    root[QStringLiteral("files")] = files;
    root[QStringLiteral("workloads")] = report.workloads;
    root[QStringLiteral("datasets")] = report.datasets;
    root[QStringLiteral("flows")] = report.flows;
    root[QStringLiteral("skipped")] = notesJson(report.skipped);
    root[QStringLiteral("assumptions")] = notesJson(report.assumptions);
    root[QStringLiteral("warnings")] = diagnosticsJson(warnings);
    return toJsonBytes(root);
}

} // namespace atlas
