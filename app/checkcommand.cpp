// `residency-atlas check`: analyses inventories with the policy packs, prints findings and exits 1
// when an open finding is at or above --fail-on. Wiring only; the work is in analysis/
// (analyse) and views/render/ (reports).
#include "commandsupport.h"

#include "analysis.h"
#include "findingsreport.h"
#include "jsonwriter.h"
#include "policyengine.h"
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
    for (const VocabularyEntry<SubjectKind> &k : subjectKinds()) {
        const SubjectKind kind = k.value;
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

} // namespace

int checkCommand(const QStringList &args)
{
    QCommandLineParser parser;
    QCommandLineOption format(QStringLiteral("format"), QStringLiteral("Output format: text (default), json or sarif."),
                              QStringLiteral("format"), QStringLiteral("text"));
    QCommandLineOption failOn(QStringLiteral("fail-on"), QStringLiteral("Exit 1 when an open finding is at or above this severity: ") + vocabularyNames(ruleSeverities())
                                  + QStringLiteral(" (default high)."),
                              QStringLiteral("severity"), QStringLiteral("high"));
    QCommandLineOption output(QStringLiteral("output"), QStringLiteral("Write the report to FILE (atomically) instead of stdout."), QStringLiteral("FILE"));
    QCommandLineOption listPaths(QStringLiteral("list-paths"), QStringLiteral("Print every path a rule may read, per subject kind, and exit."));
    for (const QCommandLineOption &o : {format, failOn, output, listPaths})
        parser.addOption(o);
    addAnalysisOptions(parser);
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
            + QStringLiteral("' for --fail-on; allowed: ") + vocabularyNames(ruleSeverities()) + u'\n');
        return ExitBadInput;
    }
    AnalysisRequest request;
    if (auto bad = applyPolicyOptions(parser, QStringLiteral("check"), request))
        return *bad;
    const auto analysis = analyseOrReport(parser, QStringLiteral("check"), std::move(request), QStringLiteral("inventory not loaded; nothing checked."),
                                          QStringLiteral("nothing checked."));
    if (!analysis)
        return analysis.error();
    const AnalysisSnapshot &a = **analysis;
    const FindingsReportInput report{*a.inventory, *a.rules(), a.findings, *threshold, a.asOf,
                                     a.catalog->newestAsOf(), a.disabled, a.warnings, a.coverage};
    const QString fmt = parser.value(format);
    FindingsFormat kind = FindingsFormat::Text;
    if (fmt == u"json")
        kind = FindingsFormat::Json;
    else if (fmt == u"sarif")
        kind = FindingsFormat::Sarif;
    else
        printDiagnostics(a.warnings);
    if (!writeOutput(parser.value(output), [&](QIODevice &device) { return writeFindings(report, kind, device); }))
        return ExitBadInput;
    return failingCount(a.findings, *threshold) > 0 ? ExitFindings : ExitClean;
}

} // namespace atlas
