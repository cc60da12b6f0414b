// `residency-atlas check`: loads inventories and policy packs, evaluates, prints findings and
// exits 1 when an open finding is at or above --fail-on. Wiring only; the work is in
// importers/ (packs), models/ (facts, engine) and views/render/ (reports).
#include "commandsupport.h"

#include "findingsreport.h"
#include "inventoryimporter.h"
#include "jsonwriter.h"
#include "policyengine.h"
#include "policyimporter.h"
#include "policypaths.h"
#include "texttable.h"

#include <QFile>
#include <QSaveFile>

#include <functional>

namespace atlas {

using namespace cli;

namespace {

QString pathsTable()
{
    QString out;
    for (SubjectKind kind : {SubjectKind::Flow, SubjectKind::Holding, SubjectKind::Access, SubjectKind::Dataset, SubjectKind::Workload}) {
        out += QStringLiteral("on: ") + subjectKindName(kind) + u'\n';
        TextTable table({QStringLiteral("PATH"), QStringLiteral("TYPE"), QStringLiteral("MEANING")});
        for (const PathInfo &p : policyPaths())
            if (pathAvailable(p, kind))
                table.addRow({p.name, pathTypeName(p), p.description});
        out += table.render() + u'\n';
    }
    return out;
}

// `write` streams the report into the device it is given (stdout's failures ignored, as out()'s).
bool writeOutput(const QString &path, const std::function<bool(QIODevice &)> &write)
{
    if (path.isEmpty()) {
        QFile stdOut;
        if (stdOut.open(stdout, QIODevice::WriteOnly))
            write(stdOut);
        return true;
    }
    QSaveFile file(path); // atomic: a failed run leaves no half-written report
    if (!file.open(QIODevice::WriteOnly) || !write(file) || !file.commit()) {
        err(QStringLiteral("residency-atlas check: cannot write ") + path + QStringLiteral(": ") + file.errorString() + u'\n');
        return false;
    }
    return true;
}

// --as-of into `date` (default: today); an exit code (reported) when it is not YYYY-MM-DD.
std::optional<int> readAsOf(const QCommandLineParser &parser, const QCommandLineOption &asOf, QDate &date)
{
    if (!parser.isSet(asOf))
        return std::nullopt;
    date = QDate::fromString(parser.value(asOf), Qt::ISODate);
    if (!date.isValid() || parser.value(asOf).size() != 10) {
        err(QStringLiteral("residency-atlas check: --as-of '") + parser.value(asOf) + QStringLiteral("' is not an ISO 8601 date (YYYY-MM-DD)\n"));
        return ExitBadInput;
    }
    return std::nullopt;
}

// Every --disable id names a loaded rule; an exit code (reported) otherwise.
std::optional<int> checkDisabled(const QStringList &ids, const RuleSet &rules)
{
    for (const QString &id : ids) {
        const bool known = std::any_of(rules.rules.begin(), rules.rules.end(), [&](const CompiledRule &r) { return r.id == id; });
        if (!known) {
            err(QStringLiteral("residency-atlas check: --disable names unknown rule '") + id + QStringLiteral("'\n"));
            return ExitBadInput;
        }
    }
    return std::nullopt;
}

} // namespace

int checkCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption format(QStringLiteral("format"), QStringLiteral("Output format: text (default), json or sarif."),
                              QStringLiteral("format"), QStringLiteral("text"));
    QCommandLineOption policy(QStringLiteral("policy"), QStringLiteral("An extra policy pack (repeatable); loaded after the built-in pack."),
                              QStringLiteral("FILE"));
    QCommandLineOption noBuiltin(QStringLiteral("no-builtin"), QStringLiteral("Do not load the built-in local-first pack."));
    QCommandLineOption disable(QStringLiteral("disable"), QStringLiteral("Turn a rule off by id (repeatable)."), QStringLiteral("ID"));
    QCommandLineOption failOn(QStringLiteral("fail-on"), QStringLiteral("Exit 1 when an open finding is at or above this severity: info, low, medium, high (default), critical."),
                              QStringLiteral("severity"), QStringLiteral("high"));
    QCommandLineOption asOf(QStringLiteral("as-of"), QStringLiteral("Date waivers are evaluated on (YYYY-MM-DD; default today)."), QStringLiteral("date"));
    QCommandLineOption output(QStringLiteral("output"), QStringLiteral("Write the report to FILE (atomically) instead of stdout."), QStringLiteral("FILE"));
    QCommandLineOption listPaths(QStringLiteral("list-paths"), QStringLiteral("Print every path a rule may read, per subject kind, and exit."));
    for (const QCommandLineOption &o : {format, policy, noBuiltin, disable, failOn, asOf, output, listPaths})
        parser.addOption(o);
    for (const QCommandLineOption &o : inputOptions())
        parser.addOption(o);
    parser.addPositionalArgument(QStringLiteral("INPUT"), inputHelp(), QStringLiteral("INPUT..."));
    const Parsed p = parse(parser, args,
                           QStringLiteral("Evaluates the policy packs on inventories and reports findings with evidence.\n"
                                          "Exit codes: 0 no open finding at or above --fail-on, 1 there is one,\n"
                                          "2 bad input (inventory or pack, with file:line:column), 3 internal error."));
    if (!p.ok)
        return p.exit;
    if (parser.isSet(listPaths)) {
        out(pathsTable());
        return ExitClean;
    }
    if (auto bad = checkFormat(parser, {QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("sarif")}))
        return *bad;
    const auto threshold = parseRuleSeverity(parser.value(failOn));
    if (!threshold) {
        err(QStringLiteral("residency-atlas check: invalid value '") + parser.value(failOn)
            + QStringLiteral("' for --fail-on; allowed: info, low, medium, high, critical\n"));
        return ExitBadInput;
    }
    EvaluationOptions options;
    if (auto bad = readAsOf(parser, asOf, options.asOf))
        return *bad;
    LoadOptions loadOptions;
    const auto inputs = inputFiles(parser, QStringLiteral("check"), loadOptions);
    if (!inputs)
        return inputs.error();
    const Catalog *catalog = catalogOrReport();
    if (!catalog)
        return ExitInternal;
    auto packs = loadPolicies(parser.values(policy), *catalog, !parser.isSet(noBuiltin));
    if (!packs) {
        printDiagnostics(packs.error());
        err(QStringLiteral("policy packs not loaded; nothing checked.\n"));
        return ExitBadInput;
    }
    auto loaded = loadOrReport(*inputs, *catalog, loadOptions, QStringLiteral("inventory not loaded; nothing checked."));
    if (!loaded)
        return ExitBadInput;
    options.disabled = packs->disabled + parser.values(disable);
    if (auto bad = checkDisabled(parser.values(disable), *packs->rules))
        return *bad;
    const PolicyFacts facts = derivePolicyFacts(*catalog, loaded->inventory, packs->rules->symbols);
    const std::vector<Finding> findings = evaluatePolicies(*packs->rules, facts, options);
    Coverage coverage = computeCoverage(facts);
    addImportCoverage(coverage, loaded->report);
    const FindingsReportInput report{loaded->inventory, *packs->rules, findings, *threshold, options.asOf,
                                     catalog->newestAsOf(), options.disabled, loaded->warnings, coverage};
    const QString fmt = parser.value(format);
    FindingsFormat kind = FindingsFormat::Text;
    if (fmt == u"json")
        kind = FindingsFormat::Json;
    else if (fmt == u"sarif")
        kind = FindingsFormat::Sarif;
    else
        printDiagnostics(loaded->warnings);
    if (!writeOutput(parser.value(output), [&](QIODevice &device) { return writeFindings(report, kind, device); }))
        return ExitBadInput;
    return failingCount(findings, *threshold) > 0 ? ExitFindings : ExitClean;
}

} // namespace atlas
