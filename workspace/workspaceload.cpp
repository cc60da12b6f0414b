#include "workspaceload.h"

#include "inventoryvalidation.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace atlas::workspace {

Diagnostic toDiagnostic(const Error &error, const QString &file)
{
    QString message = error.message;
    const QString prefix = QDir::toNativeSeparators(file) + QStringLiteral(": ");
    if (message.startsWith(prefix))
        message = message.mid(prefix.size());
    return {Severity::Error, file, 0, 0, message};
}

QString refName(const WorkspaceRef &ref)
{
    return ref.snapshot ? ref.path + u'@' + QString::number(ref.snapshot) : ref.path;
}

std::expected<WorkspaceInput, Diagnostics> openWorkspaceInput(const WorkspaceRef &ref)
{
    auto ws = Workspace::open(ref.path, OpenMode::ReadOnly);
    if (!ws)
        return std::unexpected(Diagnostics{toDiagnostic(ws.error(), ref.path)});
    WorkspaceInput input{ref, std::move(*ws), {}, {}};
    auto packs = input.workspace->packs();
    auto overrides = input.workspace->catalogOverrides();
    if (!packs || !overrides)
        return std::unexpected(Diagnostics{toDiagnostic(!packs ? packs.error() : overrides.error(), ref.path)});
    for (const StoredText &t : *packs)
        if (t.active)
            input.packs << t;
    for (const StoredText &t : *overrides)
        if (t.active)
            input.overrides << t;
    return input;
}

namespace {

QList<ImportNote> notesOf(const QJsonArray &array)
{
    QList<ImportNote> out;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        out.append({o[u"file"].toString(), std::uint32_t(o[u"line"].toInt()), std::uint32_t(o[u"column"].toInt()),
                    o[u"subject"].toString(), o[u"type"].toString(), o[u"group"].toString(), o[u"message"].toString()});
    }
    return out;
}

// What the imports behind the snapshot left out or assumed: those of the newest import at or
// before it (an import replaces what the one before brought).
void addImportHistory(Workspace &ws, int snapshot, ImportReport &report)
{
    auto imports = ws.imports();
    if (!imports)
        return;
    int latest = 0;
    for (const ImportRecord &r : *imports)
        if (r.snapshot <= snapshot)
            latest = std::max(latest, r.snapshot);
    for (const ImportRecord &r : *imports) {
        if (r.snapshot != latest || latest == 0)
            continue;
        const QJsonObject notes = QJsonDocument::fromJson(r.notes.toUtf8()).object();
        report.skipped += notesOf(notes[u"skipped"].toArray());
        report.assumptions += notesOf(notes[u"assumptions"].toArray());
        if (report.mapping.isEmpty())
            report.mapping = notes[u"mapping"].toString();
    }
}

} // namespace

std::expected<LoadedInventory, Diagnostics> loadWorkspaceInventory(WorkspaceInput &input, const Catalog &catalog,
                                                                   const LoadOptions &options)
{
    Workspace &ws = *input.workspace;
    auto head = ws.head();
    if (!head)
        return std::unexpected(Diagnostics{toDiagnostic(head.error(), input.ref.path)});
    const int snapshot = input.ref.snapshot ? input.ref.snapshot : *head;
    if (input.ref.snapshot && (input.ref.snapshot < 1 || input.ref.snapshot > *head))
        return std::unexpected(Diagnostics{{Severity::Error, input.ref.path, 0, 0,
                                            *head ? QStringLiteral("has no snapshot %1 (its snapshots are 1 to %2)").arg(input.ref.snapshot).arg(*head)
                                                  : QStringLiteral("has no snapshot %1 (it holds none yet)").arg(input.ref.snapshot)}});
    auto read = ws.read(snapshot);
    if (!read)
        return std::unexpected(Diagnostics{toDiagnostic(read.error(), input.ref.path)});
    LoadedInventory loaded;
    loaded.inventory = std::move(*read);
    Inventory &inventory = loaded.inventory;
    inventory.buildIndex();
    Diagnostics diagnostics;
    validateInventory(inventory, catalog, diagnostics);
    if (options.strict)
        for (Diagnostic &d : diagnostics)
            d.severity = Severity::Error;
    if (hasErrors(diagnostics)) {
        sortDiagnostics(diagnostics);
        return std::unexpected(diagnostics);
    }
    loaded.warnings = diagnostics;
    ImportFileSummary summary;
    summary.file = snapshot ? input.ref.path + u'@' + QString::number(snapshot) : input.ref.path;
    summary.format = QStringLiteral("workspace");
    summary.bytes = QFileInfo(input.ref.path).size();
    summary.resources = int(inventory.workloads.size());
    summary.imported = summary.resources;
    loaded.report.files.append(summary);
    loaded.report.workloads = int(inventory.workloads.size());
    loaded.report.datasets = int(inventory.datasets.size());
    loaded.report.flows = int(inventory.flows.size());
    addImportHistory(ws, snapshot, loaded.report);
    return loaded;
}

std::expected<LoadedInventory, Diagnostics> loadWorkspace(const WorkspaceRef &ref, const Catalog &catalog, const LoadOptions &options)
{
    auto input = openWorkspaceInput(ref);
    if (!input)
        return std::unexpected(input.error());
    return loadWorkspaceInventory(*input, catalog, options);
}

} // namespace atlas::workspace
