// `residency-atlas simulate`: applies patterns A–D to the checked inputs and prints the
// scenarios — the comparison table, change lists, pairs not addressed, residual risks — as text
// or JSON; --out writes each scenario's inventory, which `check` accepts. Wiring only; the work
// is in analysis/simulation and views/render/scenarioreport.
#include "commandsupport.h"
#include "workspace.h"

#include "scenarioreport.h"
#include "simulate.h"

#include <QBuffer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>
#include <QSaveFile>

namespace atlas {

using namespace cli;

namespace {

const QString command = QStringLiteral("simulate");

QString prefix()
{
    return QStringLiteral("residency-atlas simulate: ");
}

std::expected<std::vector<Pattern>, int> patternsOf(const QString &value)
{
    if (value.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0)
        return std::vector<Pattern>(allPatterns.begin(), allPatterns.end());
    std::vector<Pattern> out;
    for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
        const std::optional<Pattern> p = parsePattern(part);
        if (!p) {
            err(prefix() + QStringLiteral("invalid value '%1' for --pattern; allowed: A, B, C, D or all (%2)\n").arg(value, patternLegend()));
            return std::unexpected(ExitBadInput);
        }
        if (std::find(out.begin(), out.end(), *p) == out.end())
            out.push_back(*p);
    }
    if (out.empty()) {
        err(prefix() + QStringLiteral("--pattern is required: A, B, C, D or all (%1)\n").arg(patternLegend()));
        return std::unexpected(ExitBadInput);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// `scenario.yaml` for one pattern; `scenario-A.yaml`, `scenario-B.yaml`, … beside it for several.
QString outPath(const QString &given, Pattern p, bool several)
{
    if (!several)
        return given;
    const QFileInfo info(given);
    const QString dir = info.path() == u"." && !given.startsWith(u"./") ? QString() : info.path() + u'/';
    return dir + info.completeBaseName() + u'-' + patternLetter(p) + u'.' + info.suffix();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path); // atomic: a failed run leaves no half-written scenario
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        err(prefix() + QStringLiteral("cannot write ") + path + QStringLiteral(": ") + file.errorString() + u'\n');
        return false;
    }
    return true;
}

// The command's own options.
struct SimulateOptions
{
    QCommandLineOption pattern{QStringLiteral("pattern"),
                               QStringLiteral("The pattern to simulate: A, B, C, D, a comma-separated list, or all (") + patternLegend() + u')',
                               QStringLiteral("pattern")};
    QCommandLineOption scopeDataset{QStringLiteral("scope-dataset"), QStringLiteral("Treat only findings on this dataset (repeatable)."),
                                    QStringLiteral("ID")};
    QCommandLineOption scopeOrigin{QStringLiteral("scope-origin"),
                                   QStringLiteral("Treat only data of this origin jurisdiction or country (repeatable)."), QStringLiteral("J")};
    QCommandLineOption scopeWorkload{QStringLiteral("scope-workload"),
                                     QStringLiteral("Treat only findings whose subject names this workload (repeatable)."), QStringLiteral("ID")};
    QCommandLineOption scopeFinding{QStringLiteral("scope-finding"),
                                    QStringLiteral("Treat only the subject of this finding, RULE/KIND/SUBJECT/DATASET as check --format json and "
                                                   "SARIF fingerprints write it (repeatable)."),
                                    QStringLiteral("KEY")};
    QCommandLineOption option{QStringLiteral("option"),
                              QStringLiteral("A pattern option (repeatable): B secure_aggregation=true|false (default true), "
                                             "differential_privacy=true|false (default false), rounds_per_day=N (default 24), "
                                             "update_mb=N (default 50); D method=tokenise|anonymise (default: anonymise for training "
                                             "and analytics, tokenise otherwise)."),
                              QStringLiteral("KEY=VALUE")};
    QCommandLineOption format{QStringLiteral("format"), QStringLiteral("Output format: text (default) or json."), QStringLiteral("format"),
                              QStringLiteral("text")};
    QCommandLineOption out{QStringLiteral("out"),
                           QStringLiteral("Write the scenario inventory to FILE (.yaml, .yml or .json); with several patterns, one file "
                                          "per pattern beside it (FILE-A.yaml, …)."),
                           QStringLiteral("FILE")};

    QCommandLineOption keep{QStringLiteral("keep"),
                            QStringLiteral("Keep each scenario (pattern, options, scope, findings resolved and introduced, metrics) in the "
                                           "workspace the input is (W.ratlas or W.ratlas@N), with an audit record.")};

    void addTo(QCommandLineParser &parser) const
    {
        for (const QCommandLineOption &o : {pattern, scopeDataset, scopeOrigin, scopeWorkload, scopeFinding, option, format, out, keep})
            parser.addOption(o);
        addAnalysisOptions(parser);
    }
};

// Patterns, options and scope from the command line (all but the baseline); an exit code
// (reported) when one is bad.
std::expected<SimulationRequest, int> simulationRequest(const QCommandLineParser &parser, const SimulateOptions &o)
{
    const std::expected<std::vector<Pattern>, int> patterns = patternsOf(parser.value(o.pattern));
    if (!patterns)
        return std::unexpected(patterns.error());
    const std::expected<PatternOptions, QString> options = parsePatternOptions(parser.values(o.option), *patterns);
    if (!options) {
        err(prefix() + options.error() + u'\n');
        return std::unexpected(ExitBadInput);
    }
    SimulationRequest simulation;
    simulation.patterns = *patterns;
    simulation.options = *options;
    simulation.scope.datasets = parser.values(o.scopeDataset);
    simulation.scope.origins = parser.values(o.scopeOrigin);
    simulation.scope.workloads = parser.values(o.scopeWorkload);
    for (const QString &k : parser.values(o.scopeFinding)) {
        const std::optional<FindingKey> key = FindingKey::parse(k);
        if (!key) {
            err(prefix() + QStringLiteral("--scope-finding '%1': expected RULE/KIND/SUBJECT/DATASET, e.g. "
                                          "RES-001/flow/ehr-to-us-training/eu-patient-records\n").arg(k));
            return std::unexpected(ExitBadInput);
        }
        simulation.scope.findings.push_back(*key);
    }
    return simulation;
}

// The report on stdout, then the scenario inventories (--out); an exit code.
int writeResults(const SimulationResult &result, bool json, const QString &outFile)
{
    if (json) {
        QFile stdOut;
        if (stdOut.open(stdout, QIODevice::WriteOnly))
            writeSimulationJson(result, stdOut);
    } else {
        printDiagnostics(result.baseline->warnings);
        cli::out(simulationText(result));
    }
    if (outFile.isEmpty())
        return ExitClean;
    const bool asJson = outFile.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    for (const Scenario &s : result.scenarios) {
        const QString path = outPath(outFile, s.plan.pattern, result.scenarios.size() > 1);
        if (!writeFile(path, asJson ? scenarioInventoryJson(s) : scenarioInventoryYaml(result, s)))
            return ExitBadInput;
    }
    return ExitClean;
}

// --keep: every scenario into the workspace the baseline was read from.
int keepScenarios(const SimulationResult &result, const QStringList &inputs)
{
    const auto ref = inputs.size() == 1 ? workspace::workspaceRef(inputs.front()) : std::nullopt;
    if (!ref) {
        err(prefix() + QStringLiteral("--keep needs a workspace as the input (W.ratlas or W.ratlas@N); nothing kept\n"));
        return ExitBadInput;
    }
    auto ws = workspace::Workspace::open(ref->path, workspace::OpenMode::ReadWrite);
    if (!ws) {
        err(prefix() + ws.error().message + u'\n');
        return ExitBadInput;
    }
    const int snapshot = ref->snapshot ? ref->snapshot : (*ws)->head().value_or(0);
    for (const Scenario &s : result.scenarios) {
        const QJsonObject summary = keptScenarioJson(result, s);
        const QString name = s.name() + QStringLiteral(" on snapshot %1").arg(snapshot);
        auto kept = (*ws)->keepScenario({name, snapshot, patternLetter(s.plan.pattern),
                                         QString::fromUtf8(QJsonDocument(summary[u"options"].toObject()).toJson(QJsonDocument::Compact)),
                                         QString::fromUtf8(QJsonDocument(summary).toJson(QJsonDocument::Compact)), {}, {}});
        if (!kept) {
            err(prefix() + kept.error().message + u'\n');
            return ExitBadInput;
        }
        err(prefix() + QStringLiteral("kept '%1' in %2\n").arg(name, ref->path));
    }
    return ExitClean;
}

} // namespace

int simulateCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const SimulateOptions o;
    o.addTo(parser);
    const Parsed p = parse(parser, args,
                           QStringLiteral("Simulates sovereignty patterns A-D on the inputs (docs/simulate.md): each scenario's change\n"
                                          "list, findings after (checked exactly as the baseline), metrics, residual risks and trade-off.\n"
                                          "Exit codes: 0 simulated (also when nothing is in scope), 2 bad input or option, 3 internal error."));
    if (!p.ok)
        return p.exit;
    if (auto bad = checkFormat(parser))
        return *bad;
    const QString outFile = parser.value(o.out);
    if (!outFile.isEmpty())
        if (auto bad = checkOutExtension(command, outFile, {QStringLiteral(".yaml"), QStringLiteral(".yml"), QStringLiteral(".json")}))
            return *bad;
    std::expected<SimulationRequest, int> simulation = simulationRequest(parser, o);
    if (!simulation)
        return simulation.error();
    AnalysisRequest request;
    if (auto bad = applyPolicyOptions(parser, command, request))
        return *bad;
    const auto baseline = analyseOrReport(parser, command, std::move(request), QStringLiteral("inventory not loaded; nothing simulated."),
                                          QStringLiteral("nothing simulated."));
    if (!baseline)
        return baseline.error();
    simulation->baseline = *baseline;
    const std::expected<SimulationResult, AnalysisError> result = simulate(*simulation);
    if (!result)
        return reportAnalysisError(command, result.error(), QStringLiteral("nothing simulated."), QStringLiteral("nothing simulated."));
    const int written = writeResults(*result, parser.value(o.format) == u"json", outFile);
    if (written != ExitClean || !parser.isSet(o.keep))
        return written;
    return keepScenarios(*result, (*baseline)->inputs);
}

} // namespace atlas
