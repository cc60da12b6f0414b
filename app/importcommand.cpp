// `residency-atlas import`: cloud exports (and inventories) in, one inventory in the contract's
// format out, with the import report. Parsing arguments and exit codes only; the work is in
// importers/ (readers, mapper) and views/render/ (report).
#include "commandsupport.h"
#include "workspaceimport.h"
#include "exportformat.h"
#include "importmapping.h"
#include "importreportwriter.h"
#include "inventorywriter.h"

#include <QSaveFile>

namespace atlas {

namespace cli {
namespace {

// --out FILE: the extension says the format (never YAML in a .json file); '-' is stdout.
bool writeInventory(const QString &target, const Inventory &inventory)
{
    const QByteArray bytes = target.endsWith(u".json", Qt::CaseInsensitive) ? inventoryToJson(inventory) : inventoryToYaml(inventory);
    if (target != u"-")
        return writeAtomically(QStringLiteral("import"), target, bytes);
    out(QString::fromUtf8(bytes));
    return true;
}

// --out W.ratlas: a new workspace, or a new snapshot of one; false (reported) when refused.
bool importToWorkspace(const QString &target, const LoadedInventory &loaded, const QStringList &files, const Catalog &catalog,
                       const QString &user)
{
    auto imported = workspace::importIntoWorkspace(target, loaded, files, catalog, user);
    if (!imported) {
        printDiagnostics(imported.error());
        err(QStringLiteral("residency-atlas import: %1 was not changed.\n").arg(target));
        return false;
    }
    const workspace::CommitResult &c = imported->commit;
    err(QStringLiteral("residency-atlas import: %1 %2, snapshot %3: %4 added, %5 changed, %6 removed%7\n")
            .arg(target, imported->created ? QStringLiteral("created") : QStringLiteral("updated"))
            .arg(c.snapshot).arg(c.added).arg(c.changed).arg(c.removed)
            .arg(imported->keptEdits ? QStringLiteral("; %1 entities kept as edited in the workspace").arg(imported->keptEdits) : QString()));
    return true;
}

QString kindsTable(const KindTable &table)
{
    QString text;
    for (const auto &[type, rule] : table.entries())
        text += type + u'\t'
            + (rule.kind ? enumQName(*rule.kind) : QStringLiteral("skip-") + skipReasonText(rule.skip))
            + (rule.fromMapping ? QStringLiteral("\t(mapping file)") : QString()) + u'\n';
    return text;
}

// --list-kinds: the built-in table, or with --mapping the table with its overrides.
int printKinds(const QCommandLineParser &parser)
{
    if (!parser.isSet(QStringLiteral("mapping"))) {
        out(kindsTable(KindTable::builtin()));
        return ExitClean;
    }
    const Catalog *catalog = catalogOrReport();
    if (!catalog)
        return ExitInternal;
    auto mapping = loadImportMapping(parser.value(QStringLiteral("mapping")), *catalog);
    if (!mapping) {
        printDiagnostics(mapping.error());
        return ExitBadInput;
    }
    out(kindsTable(mapping->kinds));
    return ExitClean;
}

} // namespace
} // namespace cli

int importCommand(const QStringList &args)
{
    using namespace cli;
    QCommandLineParser parser;
    const QCommandLineOption outFile(QStringLiteral("out"),
                                     QStringLiteral("Write the imported inventory here in the contract's format: JSON for .json, YAML otherwise "
                                                    "(.yaml, .yml; '-' for YAML on stdout), or into a workspace (.ratlas): created when "
                                                    "it does not exist, else a new snapshot, keeping what was edited in it. Without it, "
                                                    "only the report is printed."),
                                     QStringLiteral("file"));
    const QCommandLineOption report(QStringLiteral("report"),
                                    QStringLiteral("Write the whole import report here (.json for JSON, text otherwise)."),
                                    QStringLiteral("file"));
    const QCommandLineOption listKinds(QStringLiteral("list-kinds"),
                                       QStringLiteral("Print the resource type → workload kind table (with --mapping: including its overrides) and exit."));
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("Who imports, for the workspace's audit log (default: ATLAS_USER or the OS account)."),
                                  QStringLiteral("name"));
    for (const QCommandLineOption &o : {outFile, report, listKinds, user, formatOption()})
        parser.addOption(o);
    for (const QCommandLineOption &o : inputOptions())
        parser.addOption(o);
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("Cloud exports (AWS Config, GCP Cloud Asset Inventory, Azure, Terraform, CSV; gzipped or "
                                                "UTF-16 too) and inventory files or overlays, merged in this order."),
                                 QStringLiteral("FILE..."));
    QString formats;
    for (const ExportFormat *f : exportFormats())
        formats += QStringLiteral("  %1  %2\n").arg(f->name(), -11).arg(f->title());
    const Parsed p = parse(parser, args,
                           QStringLiteral("Imports cloud exports into one inventory: each resource a workload (kind from the kinds "
                                          "table), location normalised to the catalog, classification and datasets from tags through "
                                          "the mapping file, replication as flows. Prints what was skipped and assumed, never silently.\n"
                                          "Formats (detected from the content; --from forces one):\n")
                               + formats
                               + QStringLiteral("Exit codes: 0 imported, 2 bad input (nothing written), 3 internal error."));
    if (!p.ok)
        return p.exit;
    if (auto bad = checkFormat(parser))
        return *bad;
    if (parser.isSet(listKinds))
        return printKinds(parser);
    const QString target = parser.value(outFile);
    if (parser.isSet(outFile) && target != u"-")
        if (auto bad = checkOutExtension(QStringLiteral("import"), target, {QStringLiteral(".yaml"), QStringLiteral(".yml"), QStringLiteral(".json"), QStringLiteral(".ratlas")}))
            return *bad;
    LoadOptions options;
    const auto files = inputFiles(parser, QStringLiteral("import"), options);
    if (!files)
        return files.error();
    const Catalog *catalog = catalogOrReport();
    if (!catalog)
        return ExitInternal;
    auto loaded = loadOrReport(*files, *catalog, options, QStringLiteral("nothing imported, nothing written."));
    if (!loaded)
        return ExitBadInput;
    if (target.endsWith(u".ratlas", Qt::CaseInsensitive)) {
        if (!importToWorkspace(target, *loaded, *files, *catalog, parser.value(user)))
            return ExitBadInput;
    } else if (parser.isSet(outFile) && !writeInventory(target, loaded->inventory)) {
        return ExitBadInput;
    }
    if (parser.isSet(report)) {
        const QString path = parser.value(report);
        const QByteArray bytes = path.endsWith(u".json", Qt::CaseInsensitive)
            ? importReportJson(loaded->report, loaded->warnings)
            : importReportText(loaded->report, loaded->warnings).toUtf8();
        if (!writeAtomically(QStringLiteral("import"), path, bytes))
            return ExitBadInput;
    }
    // With the inventory on stdout, the report goes to stderr so the two never mix.
    const bool json = parser.value(QStringLiteral("format")) == u"json";
    const QString text = json ? QString::fromUtf8(importReportJson(loaded->report, loaded->warnings))
                              : importReportText(loaded->report, loaded->warnings, 10);
    if (parser.value(outFile) == u"-")
        err(text);
    else
        out(text);
    return ExitClean;
}

} // namespace atlas
