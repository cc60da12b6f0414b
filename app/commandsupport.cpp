#include "commandsupport.h"

#include "workspaceload.h"

#include <QSaveFile>

#include "exportformat.h"
#include "importmapping.h"

#include "catalogimporter.h"
#include "inputfolder.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>

namespace atlas::cli {

void out(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
}

void err(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stderr);
}

void printDiagnostics(const Diagnostics &diagnostics)
{
    for (const Diagnostic &d : diagnostics)
        err(d.toString() + u'\n');
}


// Shared parsing: --help prints the command's help and exits 0; a usage error exits 2.
Parsed parse(QCommandLineParser &parser, const QStringList &args, const QString &description)
{
    parser.setApplicationDescription(description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    if (!parser.parse(args)) {
        err(QStringLiteral("residency-atlas: ") + parser.errorText()
            + QStringLiteral("\nTry '") + args.value(0) + QStringLiteral(" --help'.\n"));
        return {false, ExitBadInput};
    }
    if (parser.isSet(help)) {
        // Qt names the program in the usage line; the command word belongs there too
        // ("Usage: residency-atlas check [options] INPUT...").
        QString text = parser.helpText();
        const QString argv0 = QCoreApplication::arguments().value(0);
        const QString usage = QStringLiteral("Usage: ");
        if (text.startsWith(usage) && !argv0.isEmpty() && text.mid(usage.size(), argv0.size()) == argv0)
            text.replace(usage.size(), argv0.size(), args.value(0));
        else if (!argv0.isEmpty())
            text.replace(argv0, QStringLiteral("residency-atlas"));
        out(text);
        return {false, ExitClean};
    }
    return {true, ExitClean};
}

std::optional<int> checkOutExtension(const QString &command, const QString &path, const QStringList &extensions)
{
    for (const QString &e : extensions)
        if (path.endsWith(e, Qt::CaseInsensitive))
            return std::nullopt;
    const QString suffix = QFileInfo(path).suffix();
    QStringList names = extensions;
    const QString last = names.takeLast();
    err(QStringLiteral("residency-atlas %1: unsupported extension '%2' in --out %3; use %4 or %5\n")
            .arg(command, suffix.isEmpty() ? QStringLiteral("(none)") : u'.' + suffix, path, names.join(u", "), last));
    return ExitBadInput;
}

QString inputHelp()
{
    return QStringLiteral("Inventory files (YAML or JSON) or cloud exports (AWS Config, GCP Cloud Asset Inventory, Azure, "
                          "Terraform, CSV; gzipped or UTF-16 too), detected by content and merged in this order; later "
                          "inventories may be overlays.");
}

QCommandLineOption formatOption()
{
    return QCommandLineOption(QStringLiteral("format"),
                              QStringLiteral("Output format: text (default) or json."),
                              QStringLiteral("format"), QStringLiteral("text"));
}

std::optional<int> checkFormat(const QCommandLineParser &parser, const QStringList &allowed)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (!allowed.contains(format)) {
        err(QStringLiteral("residency-atlas: invalid value '") + format
            + QStringLiteral("' for --format; allowed: ") + allowed.join(QStringLiteral(", ")) + u'\n');
        return ExitBadInput;
    }
    return std::nullopt;
}

const Catalog *catalogOrReport()
{
    ImportMapping::preloadDefaults(); // on another core while the catalog loads: imports need it
    auto catalog = embeddedCatalog();
    if (!catalog) {
        err(QStringLiteral("residency-atlas: internal error: the embedded catalog does not load:\n"));
        printDiagnostics(catalog.error());
        return nullptr;
    }
    return *catalog;
}

QCommandLineOption maxInputSizeOption()
{
    return QCommandLineOption(QStringLiteral("max-input-size"),
                              QStringLiteral("Refuse input files larger than this many MiB (default 1024, or ATLAS_MAX_INPUT_MB)."),
                              QStringLiteral("MiB"));
}

std::optional<int> applyMaxInputSize(const QCommandLineParser &parser, LoadOptions &options)
{
    if (!parser.isSet(QStringLiteral("max-input-size")))
        return std::nullopt;
    bool ok = false;
    const qint64 mb = parser.value(QStringLiteral("max-input-size")).toLongLong(&ok);
    if (!ok || mb <= 0) {
        err(QStringLiteral("residency-atlas: --max-input-size needs a positive number of MiB\n"));
        return ExitBadInput;
    }
    options.limits.maxFileBytes = mb * 1024 * 1024;
    return std::nullopt;
}

QList<QCommandLineOption> inputOptions()
{
    return {maxInputSizeOption(),
            QCommandLineOption(QStringLiteral("from"),
                               QStringLiteral("Read every input as this format instead of detecting it from the content: ")
                                   + formatNames().join(u", ") + u'.',
                               QStringLiteral("format")),
            QCommandLineOption(QStringLiteral("strict"),
                               QStringLiteral("Treat every input warning (unknown field, unknown region, …) as an error: exit 2, nothing done.")),
            QCommandLineOption(QStringLiteral("mapping"),
                               QStringLiteral("Mapping file for cloud exports: tags to classification, dataset, categories, origin; "
                                              "kinds and regions (docs/import.md). Default: the built-in mapping."),
                               QStringLiteral("file"))};
}

std::expected<QStringList, int> inputFiles(const QCommandLineParser &parser, const QString &command, LoadOptions &options)
{
    QStringList files;
    for (const QString &arg : parser.positionalArguments()) {
        if (!QFileInfo(arg).isDir()) {
            files << arg;
            continue;
        }
        // A folder tree of exports: what it holds that is recognised, and a list of the rest.
        const FolderScan scan = scanInputFolder(arg);
        for (const QString &s : scan.skipped)
            err(QStringLiteral("residency-atlas %1: skipped %2\n").arg(command, s));
        if (scan.inputs.isEmpty()) {
            err(QStringLiteral("residency-atlas %1: %2 holds no cloud export or inventory (%3 file(s) skipped)\n")
                    .arg(command, arg).arg(scan.skipped.size()));
            return std::unexpected(int(ExitBadInput));
        }
        err(QStringLiteral("residency-atlas %1: %2: reading %3 file(s), %4 skipped\n")
                .arg(command, arg).arg(scan.inputs.size()).arg(scan.skipped.size()));
        files << scan.inputs;
    }
    if (files.isEmpty()) {
        err(QStringLiteral("residency-atlas ") + command + QStringLiteral(": no input files\nTry 'residency-atlas ")
            + command + QStringLiteral(" --help'.\n"));
        return std::unexpected(int(ExitBadInput));
    }
    if (auto bad = applyMaxInputSize(parser, options))
        return std::unexpected(*bad);
    options.strict = parser.isSet(QStringLiteral("strict"));
    if (parser.isSet(QStringLiteral("from"))) {
        options.format = parser.value(QStringLiteral("from"));
        if (!formatNames().contains(options.format)) {
            err(QStringLiteral("residency-atlas %1: unknown format '%2' for --from; allowed: %3\n")
                    .arg(command, options.format, formatNames().join(u", ")));
            return std::unexpected(int(ExitBadInput));
        }
    }
    if (parser.isSet(QStringLiteral("mapping"))) {
        const Catalog *catalog = catalogOrReport();
        if (!catalog)
            return std::unexpected(int(ExitInternal));
        auto mapping = loadImportMapping(parser.value(QStringLiteral("mapping")), *catalog);
        if (!mapping) {
            printDiagnostics(mapping.error());
            err(QStringLiteral("the mapping file has errors; nothing imported.\n"));
            return std::unexpected(int(ExitBadInput));
        }
        options.mapping = std::make_shared<const ImportMapping>(std::move(*mapping));
    }
    return files;
}

bool writeAtomically(const QString &command, const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        err(QStringLiteral("residency-atlas %1: cannot write %2: %3\n").arg(command, path, file.errorString()));
        return false;
    }
    return true;
}

std::optional<LoadedInventory> loadOrReport(const QStringList &files, const Catalog &catalog, const LoadOptions &options,
                                            const QString &consequence)
{
    std::expected<LoadedInventory, Diagnostics> loaded;
    const auto ref = files.size() == 1 ? workspace::workspaceRef(files.front()) : std::nullopt;
    if (ref)
        loaded = workspace::loadWorkspace(*ref, catalog, options);
    else if (std::any_of(files.begin(), files.end(), [](const QString &f) { return workspace::workspaceRef(f).has_value(); }))
        loaded = std::unexpected(Diagnostics{{Severity::Error, QString(), 0, 0,
                                              QStringLiteral("a workspace is read alone; add files to it with `residency-atlas import FILE... --out WORKSPACE`")}});
    else
        loaded = loadInventory(files, catalog, options);
    if (loaded)
        return std::move(*loaded);
    printDiagnostics(loaded.error());
    const auto errors = std::count_if(loaded.error().begin(), loaded.error().end(),
                                      [](const Diagnostic &d) { return d.severity == Severity::Error; });
    err(QStringLiteral("%1 error(s); %2\n").arg(errors).arg(consequence));
    return std::nullopt;
}

void addAnalysisOptions(QCommandLineParser &parser)
{
    for (const QCommandLineOption &o : policyOptions())
        parser.addOption(o);
    for (const QCommandLineOption &o : inputOptions())
        parser.addOption(o);
    parser.addPositionalArgument(QStringLiteral("INPUT"), inputHelp(), QStringLiteral("INPUT..."));
}

QList<QCommandLineOption> policyOptions()
{
    return {QCommandLineOption(QStringLiteral("policy"), QStringLiteral("An extra policy pack (repeatable); loaded after the built-in pack."),
                               QStringLiteral("FILE")),
            QCommandLineOption(QStringLiteral("no-builtin"), QStringLiteral("Do not load the built-in local-first pack.")),
            QCommandLineOption(QStringLiteral("disable"), QStringLiteral("Turn a rule off by id (repeatable)."), QStringLiteral("ID")),
            QCommandLineOption(QStringLiteral("as-of"), QStringLiteral("Date waivers are evaluated on (YYYY-MM-DD; default today)."),
                               QStringLiteral("date"))};
}

std::optional<int> applyPolicyOptions(const QCommandLineParser &parser, const QString &command, AnalysisRequest &request)
{
    request.packs = parser.values(QStringLiteral("policy"));
    request.builtinPack = !parser.isSet(QStringLiteral("no-builtin"));
    request.disabled = parser.values(QStringLiteral("disable"));
    if (!parser.isSet(QStringLiteral("as-of")))
        return std::nullopt;
    const QString text = parser.value(QStringLiteral("as-of"));
    request.asOf = QDate::fromString(text, Qt::ISODate);
    if (!request.asOf.isValid() || text.size() != 10) {
        err(QStringLiteral("residency-atlas ") + command + QStringLiteral(": --as-of '") + text
            + QStringLiteral("' is not an ISO 8601 date (YYYY-MM-DD)\n"));
        return ExitBadInput;
    }
    return std::nullopt;
}

std::expected<std::shared_ptr<const AnalysisSnapshot>, int>
analyseOrReport(const QCommandLineParser &parser, const QString &command, AnalysisRequest request,
                const QString &inputConsequence, const QString &packConsequence)
{
    const auto inputs = inputFiles(parser, command, request.load);
    if (!inputs)
        return std::unexpected(inputs.error());
    request.inputs = *inputs;
    request.catalog = catalogOrReport();
    if (!request.catalog)
        return std::unexpected(int(ExitInternal));
    AnalysisResult analysis = analyse(request);
    if (!analysis)
        return std::unexpected(reportAnalysisError(command, analysis.error(), inputConsequence, packConsequence));
    return std::move(*analysis);
}

int reportAnalysisError(const QString &command, const AnalysisError &error, const QString &inputConsequence,
                        const QString &packConsequence)
{
    switch (error.kind) {
    case AnalysisErrorKind::BadPack:
        printDiagnostics(error.diagnostics);
        err(QStringLiteral("policy packs not loaded; ") + packConsequence + u'\n');
        return ExitBadInput;
    case AnalysisErrorKind::BadInput: {
        printDiagnostics(error.diagnostics);
        const auto errors = std::count_if(error.diagnostics.begin(), error.diagnostics.end(),
                                          [](const Diagnostic &d) { return d.severity == Severity::Error; });
        err(QStringLiteral("%1 error(s); %2\n").arg(errors).arg(inputConsequence));
        return ExitBadInput;
    }
    case AnalysisErrorKind::BadRequest:
        for (const Diagnostic &d : error.diagnostics)
            err(QStringLiteral("residency-atlas ") + command + QStringLiteral(": ") + d.message + u'\n');
        return ExitBadInput;
    case AnalysisErrorKind::Cancelled:
    case AnalysisErrorKind::Superseded: // neither happens without a GUI; said plainly if it ever does
        err(QStringLiteral("residency-atlas ") + command + QStringLiteral(": cancelled\n"));
        return ExitInternal;
    case AnalysisErrorKind::Internal:
        err(QStringLiteral("residency-atlas: internal error:\n"));
        printDiagnostics(error.diagnostics);
        return ExitInternal;
    }
    return ExitInternal;
}

} // namespace atlas::cli
