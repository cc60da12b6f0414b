#include "workspaceimport.h"

#include "inventoryvalidation.h"
#include "workspaceload.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace atlas::workspace {

QString fileSha256(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return QString::fromLatin1(hash.result().toHex());
}

std::expected<CommitResult, Error> createWorkspace(const QString &path, const Inventory &inventory, const CommitInfo &info)
{
    const QFileInfo target(path);
    if (target.exists())
        return std::unexpected(Error{ErrorKind::Io, QDir::toNativeSeparators(path) + QStringLiteral(": already exists")});
    const QString temporary = target.absoluteDir().filePath(QStringLiteral(".%1.%2.partial").arg(target.fileName()).arg(QCoreApplication::applicationPid()));
    auto cleanUp = [&] { removeDatabaseFiles(temporary); };
    cleanUp();
    std::expected<CommitResult, Error> result;
    {
        auto ws = Workspace::open(temporary, OpenMode::Create);
        if (!ws) {
            cleanUp();
            Error e = ws.error();
            e.message.replace(QDir::toNativeSeparators(temporary), QDir::toNativeSeparators(path));
            return std::unexpected(e);
        }
        // Filled without journal or indexes, indexed once, then switched to WAL: it becomes
        // the target only by the rename below.
        Database &db = (*ws)->database();
        auto bulk = db.startBulkLoad();
        result = bulk ? (*ws)->commit(inventory, info) : std::unexpected(bulk.error());
        if (result)
            if (auto finished = db.finishBulkLoad(); !finished)
                result = std::unexpected(finished.error());
    }
    if (!result || !QFile::rename(temporary, path)) {
        cleanUp();
        if (result)
            return std::unexpected(Error{ErrorKind::Io, QDir::toNativeSeparators(path) + QStringLiteral(": cannot be written (the folder refused the new file)")});
        Error e = result.error();
        e.message.replace(QDir::toNativeSeparators(temporary), QDir::toNativeSeparators(path));
        return std::unexpected(e);
    }
    return result;
}

namespace {

QJsonArray notesJson(const QList<ImportNote> &notes, const QString &file)
{
    QJsonArray out;
    for (const ImportNote &n : notes)
        if (n.file == file)
            out.append(QJsonObject{{QStringLiteral("file"), n.file}, {QStringLiteral("line"), int(n.line)},
                                   {QStringLiteral("column"), int(n.column)}, {QStringLiteral("subject"), n.subject},
                                   {QStringLiteral("type"), n.type}, {QStringLiteral("group"), n.group},
                                   {QStringLiteral("message"), n.message}});
    return out;
}

QList<ImportRecord> importRecords(const LoadedInventory &loaded, const QStringList &files)
{
    QList<ImportRecord> records;
    for (const ImportFileSummary &f : loaded.report.files) {
        ImportRecord r;
        r.fileName = QFileInfo(f.file).fileName();
        r.bytes = f.bytes ? f.bytes : QFileInfo(f.file).size();
        r.sha256 = fileSha256(f.file);
        r.importer = f.format;
        r.importerVersion = QStringLiteral(ATLAS_VERSION);
        r.resources = f.resources;
        r.workloads = f.imported;
        r.skipped = f.skipped;
        const QJsonArray skipped = notesJson(loaded.report.skipped, f.file);
        const QJsonArray assumptions = notesJson(loaded.report.assumptions, f.file);
        r.assumed = int(assumptions.size());
        r.notes = QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("skipped"), skipped},
                                                              {QStringLiteral("assumptions"), assumptions},
                                                              {QStringLiteral("mapping"), loaded.report.mapping}})
                                        .toJson(QJsonDocument::Compact));
        records.append(r);
    }
    if (!records.isEmpty()) { // the totals of the merged inventory on the first record
        records.front().datasets = loaded.report.datasets;
        records.front().flows = loaded.report.flows;
    }
    (void)files;
    return records;
}

template <typename T> void keepEdited(const Inventory &head, const std::vector<T> &before, std::vector<T> &after,
                                      int &kept)
{
    QHash<QString, std::size_t> index;
    for (std::size_t i = 0; i < after.size(); ++i)
        index.insert(after[i].id, i);
    for (const T &x : before) {
        if (!head.isEdited(x.source))
            continue;
        ++kept;
        if (auto it = index.constFind(x.id); it != index.constEnd())
            after[*it] = x;
        else
            after.push_back(x);
    }
}

// The import, with what was edited in the workspace kept as edited. Edited entities keep their
// edit's provenance: the file table gets the workspace's edit entries after the import's files.
Inventory mergeEdits(const Inventory &head, Inventory imported, int &kept)
{
    if (head.edits.empty())
        return imported;
    const std::uint32_t offset = std::uint32_t(imported.files.size());
    const std::uint32_t firstEdit = head.edits.front().file;
    for (qsizetype i = firstEdit; i < head.files.size(); ++i)
        imported.files << head.files[i];
    for (const auto &e : head.edits)
        imported.edits.push_back({e.file - firstEdit + offset, e.provenance});
    Inventory moved = head; // the head's edited entities with their file index moved
    auto shift = [&](SourceRef &ref) {
        if (ref.file >= firstEdit)
            ref.file = ref.file - firstEdit + offset;
    };
    for (auto &x : moved.sites) shift(x.source);
    for (auto &x : moved.datasets) shift(x.source);
    for (auto &x : moved.workloads) shift(x.source);
    for (auto &x : moved.flows) shift(x.source);
    for (auto &x : moved.access) shift(x.source);
    for (auto &x : moved.waivers) shift(x.source);
    Inventory edited = imported; // isEdited() is asked of the head, whose sources are unshifted
    keepEdited(head, moved.sites, edited.sites, kept);
    keepEdited(head, moved.datasets, edited.datasets, kept);
    keepEdited(head, moved.workloads, edited.workloads, kept);
    keepEdited(head, moved.flows, edited.flows, kept);
    keepEdited(head, moved.access, edited.access, kept);
    for (const Waiver &w : moved.waivers)
        if (head.isEdited(head.waivers[std::size_t(&w - moved.waivers.data())].source)) {
            edited.waivers.push_back(w);
            ++kept;
        }
    return edited;
}

} // namespace

std::expected<ImportOutcome, Diagnostics> importIntoWorkspace(const QString &path, const LoadedInventory &loaded,
                                                              const QStringList &files, const Catalog &catalog,
                                                              const QString &user)
{
    ImportOutcome outcome;
    CommitInfo info;
    info.action = QStringLiteral("import");
    QStringList names;
    for (const QString &f : files)
        names << QFileInfo(f).fileName();
    info.label = QStringLiteral("import ") + names.join(QStringLiteral(", "));
    info.user = user.isEmpty() ? currentUser() : user;
    info.imports = importRecords(loaded, files);
    info.auditEntities = false;
    QJsonArray fileList;
    for (const ImportRecord &r : info.imports)
        fileList.append(QJsonObject{{QStringLiteral("file"), r.fileName}, {QStringLiteral("sha256"), r.sha256},
                                    {QStringLiteral("bytes"), double(r.bytes)}, {QStringLiteral("format"), r.importer}});
    auto record = [&](int kept) {
        return AuditRecord{0, {}, {}, QStringLiteral("import"), QStringLiteral("snapshot"), info.label, 0, QStringLiteral("{}"),
                           QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("files"), fileList},
                                                                       {QStringLiteral("workloads"), int(loaded.inventory.workloads.size())},
                                                                       {QStringLiteral("datasets"), int(loaded.inventory.datasets.size())},
                                                                       {QStringLiteral("flows"), int(loaded.inventory.flows.size())},
                                                                       {QStringLiteral("kept_edits"), kept}})
                                                 .toJson(QJsonDocument::Compact)),
                           {}, {}};
    };
    if (!QFileInfo::exists(path)) {
        info.audit = {record(0)};
        auto created = createWorkspace(path, loaded.inventory, info);
        if (!created)
            return std::unexpected(Diagnostics{toDiagnostic(created.error(), path)});
        outcome.commit = *created;
        outcome.created = true;
        return outcome;
    }
    auto ws = Workspace::open(path, OpenMode::ReadWrite);
    if (!ws)
        return std::unexpected(Diagnostics{toDiagnostic(ws.error(), path)});
    auto head = (*ws)->read();
    if (!head)
        return std::unexpected(Diagnostics{toDiagnostic(head.error(), path)});
    Inventory merged = mergeEdits(*head, loaded.inventory, outcome.keptEdits);
    if (outcome.keptEdits) { // edits kept must still fit the import (a flow to a workload now gone)
        merged.buildIndex();
        Diagnostics problems;
        validateInventory(merged, catalog, problems);
        if (hasErrors(problems)) {
            Diagnostics errors{{Severity::Error, path, 0, 0,
                                QStringLiteral("the import conflicts with what was edited in the workspace; nothing was written:")}};
            for (const Diagnostic &d : problems)
                if (d.severity == Severity::Error)
                    errors << d;
            return std::unexpected(errors);
        }
    }
    info.audit = {record(outcome.keptEdits)};
    auto committed = (*ws)->commit(merged, info);
    if (!committed)
        return std::unexpected(Diagnostics{toDiagnostic(committed.error(), path)});
    outcome.commit = *committed;
    return outcome;
}

} // namespace atlas::workspace
