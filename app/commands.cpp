#include "commands.h"

#include "catalogimporter.h"
#include "catalogreport.h"
#include "inventoryimporter.h"
#include "inventorywriter.h"
#include "jsonwriter.h"
#include "residency.h"
#include "residencyreport.h"

#include "commandsupport.h"
#include "suggest.h"

#include <QCoreApplication>

namespace atlas {

using namespace cli;

namespace {

int inventoryCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(QCommandLineOption(QStringLiteral("format"),
                                       QStringLiteral("Output format: text (default), json, or yaml (the merged inventory itself, "
                                                      "in the contract's format: overlays applied, defaults left out)."),
                                       QStringLiteral("format"), QStringLiteral("text")));
    for (const QCommandLineOption &o : inputOptions())
        parser.addOption(o);
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 inputHelp(),
                                 QStringLiteral("FILE..."));
    const Parsed p = parse(parser, args,
                           QStringLiteral("Validates inventories and prints the residency of every workload:\n"
                                          "provider/region -> country -> jurisdiction, with a summary by classification.\n"
                                          "Exit codes: 0 valid, 2 bad input (every error with file:line:column), 3 internal error."));
    if (!p.ok)
        return p.exit;
    if (auto bad = checkFormat(parser, {QStringLiteral("text"), QStringLiteral("json"), QStringLiteral("yaml")}))
        return *bad;
    AnalysisRequest request;
    request.depth = AnalysisDepth::Residency;
    const auto analysis = analyseOrReport(parser, QStringLiteral("inventory"), std::move(request), QStringLiteral("nothing loaded."), QString());
    if (!analysis)
        return analysis.error();
    const AnalysisSnapshot &a = **analysis;
    const ResidencyReportInput report{*a.catalog, *a.inventory, a.facts.residency, a.warnings};
    if (parser.value(QStringLiteral("format")) == u"yaml") {
        printDiagnostics(a.warnings);
        out(QString::fromUtf8(inventoryToYaml(*a.inventory)));
    } else if (parser.value(QStringLiteral("format")) == u"json") {
        out(QString::fromUtf8(toJsonBytes(residencyJson(report))));
    } else {
        printDiagnostics(a.warnings);
        out(residencyText(report));
    }
    return ExitClean;
}

int catalogCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(formatOption());
    const QCommandLineOption list(QStringLiteral("list"),
                                  QStringLiteral("List a catalog table: ") + catalogListKinds().join(u", ") + u'.',
                                  QStringLiteral("KIND"));
    parser.addOption(list);
    parser.addPositionalArgument(QStringLiteral("LOCATION"),
                                 QStringLiteral("Location references: aws:eu-central-1, gcp:europe-west3-a, gcp:eu, "
                                                "azure:westeurope, aws:global, DE, unknown."),
                                 QStringLiteral("[LOCATION...]"));
    const Parsed p = parse(parser, args,
                           QStringLiteral("Shows how locations resolve to provider, region, country and jurisdiction,\n"
                                          "with the source and as-of date of every fact; or lists the catalog.\n"
                                          "Exit codes: 0 ok, 2 a malformed location or bad option, 3 internal error."));
    if (!p.ok)
        return p.exit;
    if (auto bad = checkFormat(parser))
        return *bad;
    const Catalog *catalog = catalogOrReport();
    if (!catalog)
        return ExitInternal;
    const bool json = parser.value(QStringLiteral("format")) == u"json";
    if (parser.isSet(list)) {
        const QString kind = parser.value(list);
        if (!catalogListKinds().contains(kind)) {
            err(QStringLiteral("residency-atlas: invalid value '") + kind + QStringLiteral("' for --list; allowed: ")
                + catalogListKinds().join(u", ") + u'\n');
            return ExitBadInput;
        }
        out(json ? QString::fromUtf8(toJsonBytes(catalogListJson(*catalog, kind))) : catalogListText(*catalog, kind));
        return ExitClean;
    }
    const QStringList locations = parser.positionalArguments();
    if (locations.isEmpty()) {
        out(json ? QString::fromUtf8(toJsonBytes(catalogSummaryJson(*catalog))) : catalogSummaryText(*catalog));
        return ExitClean;
    }
    int exit = ExitClean;
    QJsonArray results;
    QString text;
    for (const QString &ref : locations) {
        if (auto problem = locationSyntaxError(ref)) {
            err(QStringLiteral("residency-atlas catalog: ") + *problem + u'\n');
            exit = ExitBadInput;
            continue;
        }
        const ResolvedLocation loc = resolveLocation(*catalog, ref);
        results.append(locationJson(*catalog, loc));
        text += locationText(*catalog, loc) + u'\n';
    }
    if (json)
        out(QString::fromUtf8(toJsonBytes(QJsonObject{
            {QStringLiteral("catalog_as_of"), catalog->newestAsOf().toString(Qt::ISODate)},
            {QStringLiteral("locations"), results}})));
    else
        out(text);
    return exit;
}

} // namespace

bool isCommand(const QString &word)
{
    return word == u"inventory" || word == u"catalog" || word == u"check" || word == u"graph" || word == u"import" || word == u"simulate" || word == u"report" || word == u"help"
        || word == u"workspace" || word == u"audit" || word == u"diff";
}

QString generalHelp()
{
    return QStringLiteral(
        "Usage: residency-atlas [FILE...]          open the GUI (on the bundled sample without files)\n"
        "       residency-atlas COMMAND [OPTIONS]  run headless\n"
        "\n"
        "Commands:\n"
        "  inventory FILE...       validate inventories; residency of every workload\n"
        "  catalog [LOCATION...]   how locations resolve, with sources; --list a catalog table\n"
        "  check INPUT...          evaluate the policy packs; findings as text, JSON or SARIF\n"
        "  graph INPUT... --out F  draw the residency map as SVG, PNG, PDF or DOT; --view jurisdictions\n"
        "                          the jurisdiction overview, --view matrix its origin × destination table\n"
        "  import EXPORT... --out F  cloud exports (AWS Config, GCP, Azure, Terraform, CSV) to an inventory\n"
        "  simulate INPUT... --pattern A|B|C|D|all  try a sovereignty pattern: changes, findings and metrics\n"
        "  report INPUT... --out F|DIR/  the audit report: PDF, HTML, JSON, CSV (record of processing,\n"
        "                          transfer register, findings) or SARIF; DIR/ writes every format\n"
        "  import EXPORT... --out W.ratlas  into a workspace: created, or a new snapshot\n"
        "  workspace info|export|add-pack|add-catalog W  what a workspace holds; its inventory as a file\n"
        "  diff A B                what changed between workspaces, snapshots (W@N) or inventories\n"
        "  audit verify|log W      check or print a workspace's hash-chained audit log\n"
        "Every INPUT may be a workspace (W.ratlas, or W.ratlas@N for snapshot N).\n"
        "\n"
        "Run 'residency-atlas COMMAND --help' for a command's options.\n"
        "Exit codes: 0 clean, 1 findings at or above --fail-on (check), 2 bad input, 3 internal error.\n"
        "Documentation: docs/ (user guide, inventory format, catalog format).\n");
}

int runCommand(const QStringList &args)
{
    const QString command = args.value(0);
    if (command == u"help") {
        out(generalHelp());
        return ExitClean;
    }
    QStringList commandArgs = args;
    commandArgs[0] = QStringLiteral("residency-atlas ") + command;
    if (command == u"inventory")
        return inventoryCommand(commandArgs);
    if (command == u"catalog")
        return catalogCommand(commandArgs);
    if (command == u"check")
        return checkCommand(commandArgs);
    if (command == u"graph")
        return graphCommand(commandArgs);
    if (command == u"import")
        return importCommand(commandArgs);
    if (command == u"simulate")
        return simulateCommand(commandArgs);
    if (command == u"report")
        return reportCommand(commandArgs);
    if (command == u"workspace")
        return workspaceCommand(commandArgs);
    if (command == u"audit")
        return auditCommand(commandArgs);
    if (command == u"diff")
        return diffCommand(commandArgs);
    const QString match = closestMatch(command, {QStringLiteral("inventory"), QStringLiteral("catalog"), QStringLiteral("check"),
                                                 QStringLiteral("graph"), QStringLiteral("import"), QStringLiteral("simulate"),
                                                 QStringLiteral("report"), QStringLiteral("workspace"), QStringLiteral("audit"),
                                                 QStringLiteral("diff"), QStringLiteral("help")});
    err(QStringLiteral("residency-atlas: unknown command '") + command + u'\'' + didYouMean(match) + u'\n' + generalHelp());
    return ExitBadInput;
}

} // namespace atlas
