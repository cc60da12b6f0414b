// `residency-atlas diff A B`: what changed between two workspaces, two snapshots of one (W@N) or
// two inventory files — entities added, removed and changed field by field, and findings opened
// and closed by identity. Both sides are analysed with the same packs, catalog and date.
#include "commandsupport.h"

#include "analysis.h"
#include "diffreport.h"
#include "snapshotdiff.h"
#include "workspace.h"

#include <QFile>
#include <QFileInfo>

namespace atlas {

using namespace cli;

namespace {

// "estate.ratlas@3 (2026-12-01 10:00 UTC, import aws.json)" or the file name.
QString labelOf(const QString &input)
{
    const auto ref = workspace::workspaceRef(input);
    if (!ref)
        return input;
    auto ws = workspace::Workspace::open(ref->path, workspace::OpenMode::ReadOnly);
    if (!ws)
        return input;
    auto snapshots = (*ws)->snapshots();
    if (!snapshots || snapshots->isEmpty())
        return input;
    const int id = ref->snapshot ? ref->snapshot : snapshots->last().id;
    for (const workspace::SnapshotInfo &s : *snapshots)
        if (s.id == id)
            return QStringLiteral("%1@%2 (%3, %4)").arg(ref->path).arg(id).arg(s.created.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")), s.label);
    return input;
}

} // namespace

int diffCommand(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption exitCode(QStringLiteral("exit-code"), QStringLiteral("Exit 1 when A and B differ (in the inventory or the findings)."));
    parser.addOption(exitCode);
    parser.addOption(formatOption());
    for (const QCommandLineOption &o : policyOptions())
        parser.addOption(o);
    for (const QCommandLineOption &o : inputOptions())
        parser.addOption(o);
    parser.addPositionalArgument(QStringLiteral("A"), QStringLiteral("Before: a workspace (its head), W.ratlas@N (snapshot N) or an inventory file."));
    parser.addPositionalArgument(QStringLiteral("B"), QStringLiteral("After: the same kinds."));
    const Parsed p = parse(parser, args,
                           QStringLiteral("Lists what changed from A to B: datasets, workloads, flows, access entries and waivers added, removed "
                                          "and changed (field by field), and the findings opened and closed, by finding identity. Both sides are "
                                          "checked with the same packs, catalog and --as-of date.\n"
                                          "Exit codes: 0 done (with --exit-code: 0 no difference, 1 a difference), 2 bad input, 3 internal error."));
    if (!p.ok)
        return p.exit;
    if (auto bad = checkFormat(parser))
        return *bad;
    const QStringList sides = parser.positionalArguments();
    if (sides.size() != 2) {
        err(QStringLiteral("residency-atlas diff: name two inputs, A and B\nTry 'residency-atlas diff --help'.\n"));
        return ExitBadInput;
    }
    AnalysisRequest request;
    if (auto bad = applyPolicyOptions(parser, QStringLiteral("diff"), request))
        return *bad;
    if (auto bad = applyMaxInputSize(parser, request.load))
        return *bad;
    request.catalog = catalogOrReport();
    if (!request.catalog)
        return ExitInternal;
    std::shared_ptr<const AnalysisSnapshot> snapshots[2];
    for (int i = 0; i < 2; ++i) {
        AnalysisRequest side = request;
        side.inputs = {sides[i]};
        if (!workspace::workspaceRef(sides[i]) && !QFileInfo::exists(sides[i])) {
            err(QStringLiteral("residency-atlas diff: %1: no such file or workspace snapshot\n").arg(sides[i]));
            return ExitBadInput;
        }
        AnalysisResult result = analyse(side);
        if (!result)
            return reportAnalysisError(QStringLiteral("diff"), result.error(), QStringLiteral("nothing compared."), QStringLiteral("nothing compared."));
        snapshots[i] = std::move(*result);
        if (i == 0)
            request.policies = snapshots[0]->policies; // B judged by exactly the rules A was
    }
    const SnapshotDiff diff = diffSnapshots(*snapshots[0], *snapshots[1]);
    const DiffLabels labels{labelOf(sides[0]), labelOf(sides[1])};
    if (parser.value(QStringLiteral("format")) == u"json") {
        QFile stdOut;
        if (stdOut.open(stdout, QIODevice::WriteOnly))
            writeDiffJson(diff, labels, stdOut);
    } else {
        out(diffText(diff, labels));
    }
    return parser.isSet(exitCode) && !diff.isEmpty() ? ExitFindings : ExitClean;
}

} // namespace atlas
