// What every headless command shares: writing to stdout/stderr, option parsing with --help and
// exit code 2 on usage errors, the --format option, the embedded catalog.
#pragma once

#include "analysis.h"
#include "catalog.h"
#include "commands.h"
#include "diagnostic.h"
#include "inventoryimporter.h"

#include <QCommandLineParser>

#include <expected>
#include <optional>

namespace atlas::cli {

void out(const QString &text);
void err(const QString &text);
void printDiagnostics(const Diagnostics &diagnostics);

struct Parsed
{
    bool ok = false;
    int exit = ExitClean;
};
Parsed parse(QCommandLineParser &parser, const QStringList &args, const QString &description);

QCommandLineOption formatOption();
// Exit code (reported) when --out's `path` ends in none of `extensions` (".svg", …).
std::optional<int> checkOutExtension(const QString &command, const QString &path, const QStringList &extensions);
// The help text of INPUT arguments: inventories and cloud exports alike.
QString inputHelp();
// Exit code when --format is not one of `allowed`.
std::optional<int> checkFormat(const QCommandLineParser &parser, const QStringList &allowed = {QStringLiteral("text"), QStringLiteral("json")});
const Catalog *catalogOrReport();
// Writes `bytes` to `path` through a QSaveFile; false (reported) when it cannot.
bool writeAtomically(const QString &command, const QString &path, const QByteArray &bytes);

// --max-input-size MiB, shared by every command that reads inventories.
QCommandLineOption maxInputSizeOption();
// What every command reading inputs accepts: --max-input-size, --from FORMAT, --mapping FILE.
QList<QCommandLineOption> inputOptions();
// Applies it to `options`; an exit code when its value is bad.
std::optional<int> applyMaxInputSize(const QCommandLineParser &parser, LoadOptions &options);
// The positional input files with --max-input-size, --from and --mapping applied; an exit code
// (reported) when there are none, the limit or format is bad, or the mapping file has errors. `command` names the command in messages.
std::expected<QStringList, int> inputFiles(const QCommandLineParser &parser, const QString &command, LoadOptions &options);

// --policy, --no-builtin, --disable and --as-of: what every command that evaluates the rules
// accepts, so that `check`, `graph` (and what follows) judge the same way.
QList<QCommandLineOption> policyOptions();
// policyOptions(), inputOptions() and the INPUT... arguments: what every command that analyses
// inputs (`check`, `graph`, `simulate`) takes after its own options.
void addAnalysisOptions(QCommandLineParser &parser);
// Applies them to `request`; an exit code (reported) when --as-of is not a date.
std::optional<int> applyPolicyOptions(const QCommandLineParser &parser, const QString &command, AnalysisRequest &request);
// Prints why an analysis failed (every diagnostic, then "N error(s); <inputConsequence>" for
// inputs or "policy packs not loaded; <packConsequence>" for packs); returns the exit code.
int reportAnalysisError(const QString &command, const AnalysisError &error, const QString &inputConsequence,
                        const QString &packConsequence);

// The inputs of `parser` (inputFiles) analysed with `request`'s options; on failure everything is
// reported (reportAnalysisError) and the exit code returned.
std::expected<std::shared_ptr<const AnalysisSnapshot>, int>
analyseOrReport(const QCommandLineParser &parser, const QString &command, AnalysisRequest request,
                const QString &inputConsequence, const QString &packConsequence);

// Loads `files`; on failure prints every diagnostic and "N error(s); <consequence>" to stderr.
std::optional<LoadedInventory> loadOrReport(const QStringList &files, const Catalog &catalog, const LoadOptions &options,
                                            const QString &consequence);

} // namespace atlas::cli

namespace atlas {
int checkCommand(const QStringList &args);
int graphCommand(const QStringList &args);
int importCommand(const QStringList &args);
int simulateCommand(const QStringList &args);
int reportCommand(const QStringList &args);
int workspaceCommand(const QStringList &args);
int auditCommand(const QStringList &args);
int diffCommand(const QStringList &args);
}
