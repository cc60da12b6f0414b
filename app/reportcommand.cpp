// `residency-atlas report`: the audit report of the checked inputs — PDF, HTML, JSON, a CSV
// table or SARIF by --out's extension, or every format and a manifest with --out DIR/. Wiring
// only: the model is analysis/reportbuilder's, the renderings views/render's report formats.
#include "commandsupport.h"

#include "findingsreport.h"
#include "reportwriter.h"
#include "simulate.h"
#include "suggest.h"

#include <QDir>
#include <QFileInfo>

namespace atlas {

using namespace cli;

namespace {

const QString command = QStringLiteral("report");

QString prefix()
{
    return QStringLiteral("residency-atlas report: ");
}

struct ReportOptions
{
    QCommandLineOption out{QStringLiteral("out"),
                           QStringLiteral("Write the report to FILE: .pdf, .html, .json, .csv (see --table) or .sarif; or to DIR/ "
                                          "(ending in /, or an existing folder): every format, and manifest.sha256."),
                           QStringLiteral("FILE|DIR/")};
    QCommandLineOption table{QStringLiteral("table"),
                             QStringLiteral("Which table a .csv holds: findings (default), processing (the record of processing in the ICO "
                                            "template's columns) or transfers (the transfer register)."),
                             QStringLiteral("TABLE"), QStringLiteral("findings")};
    QCommandLineOption sections{QStringLiteral("sections"),
                                QStringLiteral("The sections to include, comma-separated (default all): ") + sectionIds().join(QStringLiteral(", ")),
                                QStringLiteral("LIST")};
    QCommandLineOption scenario{QStringLiteral("scenario"),
                                QStringLiteral("Simulate this pattern and include the comparison (repeatable): A, B, C, D or all (") + patternLegend() + u')',
                                QStringLiteral("PATTERN")};
    QCommandLineOption baseline{QStringLiteral("baseline"),
                                QStringLiteral("A previous report's JSON (or check --format json): list the findings opened, closed and changed since."),
                                QStringLiteral("PREVIOUS.json")};
    QCommandLineOption title{QStringLiteral("title"), QStringLiteral("The report's title."), QStringLiteral("T")};
    QCommandLineOption organisation{QStringLiteral("organisation"), QStringLiteral("The organisation (default: the inventory's)."), QStringLiteral("O")};
    QCommandLineOption failOn{QStringLiteral("fail-on"),
                              QStringLiteral("Exit 1 (after writing) when an open finding is at or above this severity: ") + vocabularyNames(ruleSeverities()),
                              QStringLiteral("severity")};

    static QStringList sectionIds()
    {
        QStringList ids;
        for (const ReportSectionInfo &s : reportSections())
            ids << QString::fromLatin1(s.id);
        return ids;
    }

    void addTo(QCommandLineParser &parser) const
    {
        for (const QCommandLineOption &o : {out, table, sections, scenario, baseline, title, organisation, failOn})
            parser.addOption(o);
        addAnalysisOptions(parser);
    }
};

bool isDirectoryTarget(const QString &out)
{
    return out.endsWith(u'/') || QFileInfo(out).isDir();
}

std::expected<ReportSectionSet, int> sectionsOf(const QString &value)
{
    if (value.isEmpty())
        return allReportSections;
    ReportSectionSet set = 0;
    for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
        const std::optional<ReportSection> s = parseReportSection(part.trimmed());
        if (!s) {
            const QString match = closestMatch(part.trimmed(), ReportOptions::sectionIds());
            err(prefix() + QStringLiteral("unknown section '%1' for --sections%2; allowed: %3\n")
                               .arg(part, didYouMean(match), ReportOptions::sectionIds().join(QStringLiteral(", "))));
            return std::unexpected(ExitBadInput);
        }
        set |= 1u << int(*s);
    }
    return set | (1u << int(ReportSection::Title)); // the title page always says what is attested
}

std::expected<std::vector<Pattern>, int> scenariosOf(const QStringList &values)
{
    std::vector<Pattern> out;
    for (const QString &value : values)
        for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
            if (part.compare(QLatin1String("all"), Qt::CaseInsensitive) == 0) {
                out.assign(allPatterns.begin(), allPatterns.end());
                continue;
            }
            const std::optional<Pattern> p = parsePattern(part);
            if (!p) {
                err(prefix() + QStringLiteral("invalid value '%1' for --scenario; allowed: A, B, C, D or all (%2)\n").arg(part, patternLegend()));
                return std::unexpected(ExitBadInput);
            }
            if (std::find(out.begin(), out.end(), *p) == out.end())
                out.push_back(*p);
        }
    std::sort(out.begin(), out.end());
    return out;
}

// Where to write: the targets, and the folder of the manifest for DIR/; an exit code when bad.
std::expected<std::pair<std::vector<ReportTarget>, QString>, int> targetsOf(const QCommandLineParser &parser, const ReportOptions &o)
{
    const QString out = parser.value(o.out);
    if (out.isEmpty()) {
        err(prefix() + QStringLiteral("--out is required: a .pdf, .html, .json, .csv or .sarif file, or a folder ending in /\n"));
        return std::unexpected(ExitBadInput);
    }
    const QString table = parser.value(o.table);
    if (table != u"findings" && table != u"processing" && table != u"transfers") {
        err(prefix() + QStringLiteral("invalid value '%1' for --table; allowed: findings, processing, transfers\n").arg(table));
        return std::unexpected(ExitBadInput);
    }
    if (isDirectoryTarget(out)) // created only when everything is ready to be written
        return std::pair{reportTargetsIn(out), out};
    const ReportFormat *format = reportFormatForPath(out, table);
    if (!format) {
        err(prefix() + QStringLiteral("--out %1: unknown extension; use .pdf, .html, .json, .csv or .sarif, or a folder ending in /\n").arg(out));
        return std::unexpected(ExitBadInput);
    }
    return std::pair{std::vector<ReportTarget>{{format, out}}, QString()};
}

// The options as the report's provenance lists them: values, never this machine's paths.
QStringList parametersOf(const QCommandLineParser &parser, const ReportOptions &o, const AnalysisRequest &request)
{
    QStringList p;
    p << QStringLiteral("--as-of ") + request.asOf.toString(Qt::ISODate);
    if (parser.isSet(o.sections))
        p << QStringLiteral("--sections ") + parser.value(o.sections);
    for (const QString &s : parser.values(o.scenario))
        p << QStringLiteral("--scenario ") + s;
    if (parser.isSet(o.baseline))
        p << QStringLiteral("--baseline ") + QFileInfo(parser.value(o.baseline)).fileName();
    for (const QString &d : request.disabled)
        p << QStringLiteral("--disable ") + d;
    for (const QString &pack : request.packs)
        p << QStringLiteral("--policy ") + QFileInfo(pack).fileName();
    if (!request.builtinPack)
        p << QStringLiteral("--no-builtin");
    return p;
}

// Every option checked, and the previous report read, before anything is analysed.
struct ReportChoices
{
    std::optional<RuleSeverity> failOn;
    ReportSectionSet sections = allReportSections;
    std::vector<Pattern> patterns;
    std::optional<PreviousReport> previous;
    std::vector<ReportTarget> targets;
    QString folder;                    // --out DIR/: where the set and its manifest go
};

std::expected<ReportChoices, int> choicesOf(const QCommandLineParser &parser, const ReportOptions &o)
{
    ReportChoices c;
    if (parser.isSet(o.failOn)) {
        c.failOn = parseRuleSeverity(parser.value(o.failOn));
        if (!c.failOn) {
            err(prefix() + QStringLiteral("invalid value '%1' for --fail-on; allowed: %2\n").arg(parser.value(o.failOn), vocabularyNames(ruleSeverities())));
            return std::unexpected(ExitBadInput);
        }
    }
    const std::expected<ReportSectionSet, int> sections = sectionsOf(parser.value(o.sections));
    if (!sections)
        return std::unexpected(sections.error());
    c.sections = *sections;
    std::expected<std::vector<Pattern>, int> patterns = scenariosOf(parser.values(o.scenario));
    if (!patterns)
        return std::unexpected(patterns.error());
    c.patterns = std::move(*patterns);
    if (parser.isSet(o.baseline)) {
        std::expected<PreviousReport, Diagnostic> read = readPreviousReport(parser.value(o.baseline));
        if (!read) {
            printDiagnostics({read.error()});
            err(prefix() + QStringLiteral("previous report not read; nothing written.\n"));
            return std::unexpected(ExitBadInput);
        }
        c.previous = std::move(*read);
    }
    auto targets = targetsOf(parser, o);
    if (!targets)
        return std::unexpected(targets.error());
    c.targets = std::move(targets->first);
    c.folder = targets->second;
    return c;
}

// The folder (only now), then every file all-or-nothing; an exit code.
int writeAll(const PreparedReport &prepared, const ReportChoices &c)
{
    if (!c.folder.isEmpty() && !QDir().mkpath(c.folder)) {
        err(prefix() + QStringLiteral("cannot create the folder %1; nothing written\n").arg(c.folder));
        return ExitBadInput;
    }
    if (const auto written = writeReportFiles(prepared, c.targets, c.folder); !written) {
        err(prefix() + written.error() + u'\n');
        return ExitBadInput;
    }
    return ExitClean;
}

} // namespace

int reportCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const ReportOptions o;
    o.addTo(parser);
    const Parsed p = parse(parser, args,
                           QStringLiteral("Writes the audit report of the inputs (docs/report.md): provenance, coverage, summary, map,\n"
                                          "record of processing, registers, transfer register and impact assessments, findings, waivers,\n"
                                          "lineage, retention and keys, scenarios, action plan, changes, sign-off and appendices.\n"
                                          "Exit codes: 0 written, 1 written and an open finding is at or above --fail-on, 2 bad input or\n"
                                          "option (nothing written), 3 internal error."));
    if (!p.ok)
        return p.exit;
    std::expected<ReportChoices, int> choices = choicesOf(parser, o);
    if (!choices)
        return choices.error();

    AnalysisRequest request;
    if (auto bad = applyPolicyOptions(parser, command, request))
        return *bad;
    ReportRequest rq;
    rq.parameters = parametersOf(parser, o, request);
    rq.packFiles = request.packs;
    const auto snapshot = analyseOrReport(parser, command, std::move(request), QStringLiteral("inventory not loaded; nothing written."),
                                          QStringLiteral("nothing written."));
    if (!snapshot)
        return snapshot.error();
    rq.snapshot = *snapshot;
    if (!choices->patterns.empty()) {
        SimulationRequest sim;
        sim.baseline = *snapshot;
        sim.patterns = choices->patterns;
        std::expected<SimulationResult, AnalysisError> result = simulate(sim);
        if (!result)
            return reportAnalysisError(command, result.error(), QStringLiteral("nothing written."), QStringLiteral("nothing written."));
        rq.scenarios = std::make_shared<const SimulationResult>(std::move(*result));
    }
    rq.previous = std::move(choices->previous);
    rq.title = parser.value(o.title);
    rq.organisation = parser.value(o.organisation);
    rq.sections = choices->sections;
    if (!choices->folder.isEmpty())
        rq.outputFiles = reportSetFileNames();
    const bool needsMap = std::any_of(choices->targets.begin(), choices->targets.end(),
                                      [](const ReportTarget &t) { return t.format->id() == u"pdf" || t.format->id() == u"html"; });
    const std::expected<PreparedReport, QString> prepared = prepareReport(rq, needsMap);
    if (!prepared) {
        err(prefix() + prepared.error() + u'\n');
        return ExitBadInput;
    }
    if (const int exit = writeAll(*prepared, *choices); exit != ExitClean)
        return exit;
    printDiagnostics((*snapshot)->warnings);
    return choices->failOn && failingCount((*snapshot)->findings, *choices->failOn) > 0 ? ExitFindings : ExitClean;
}

} // namespace atlas
