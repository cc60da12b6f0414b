// `residency-atlas workspace info|export|add-pack|add-catalog W` and `audit verify|log W`: what a
// workspace holds, its inventory back as a file, the packs and catalog overrides it keeps, and
// its audit chain.
#include "commands.h"
#include "commandsupport.h"
#include "inventorywriter.h"
#include "jsonwriter.h"
#include "policyimporter.h"
#include "catalogimporter.h"
#include "workspaceload.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace atlas {

using namespace cli;

namespace {

std::unique_ptr<workspace::Workspace> openOrReport(const QString &command, const QString &path, workspace::OpenMode mode)
{
    const auto ref = workspace::workspaceRef(path);
    auto ws = workspace::Workspace::open(ref ? ref->path : path, mode);
    if (!ws) {
        err(QStringLiteral("residency-atlas %1: %2\n").arg(command, ws.error().message));
        return nullptr;
    }
    return std::move(*ws);
}

QString snapshotLine(const workspace::SnapshotInfo &s)
{
    return QStringLiteral("  %1  %2  %3  %4  %5\n").arg(s.id, 4).arg(s.created.toString(Qt::ISODate), s.user, s.action, s.label);
}

// Everything `workspace info` shows, read once.
struct Contents
{
    QList<workspace::SnapshotInfo> snapshots;
    QList<workspace::ImportRecord> imports;
    QList<workspace::StoredText> packs, overrides;
    QList<workspace::Workspace::KeptScenario> scenarios;
    QString head;
    workspace::AuditVerdict verdict;
};

std::optional<Contents> readContents(workspace::Workspace &ws)
{
    auto snapshots = ws.snapshots();
    auto imports = ws.imports();
    auto packs = ws.packs();
    auto overrides = ws.catalogOverrides();
    auto log = ws.auditLog();
    auto head = ws.auditHead();
    auto scenarios = ws.scenarios();
    if (!snapshots || !imports || !packs || !overrides || !log || !head || !scenarios)
        return std::nullopt;
    return Contents{*snapshots, *imports, *packs, *overrides, *scenarios, *head, workspace::verifyAudit(*log, *head)};
}

QJsonObject contentsJson(workspace::Workspace &ws, const Contents &c)
{
    QJsonArray s, i, k, kept;
    for (const auto &x : c.snapshots)
        s.append(QJsonObject{{QStringLiteral("id"), x.id}, {QStringLiteral("created"), x.created.toString(Qt::ISODateWithMs)},
                             {QStringLiteral("user"), x.user}, {QStringLiteral("action"), x.action}, {QStringLiteral("label"), x.label}});
    for (const auto &x : c.imports)
        i.append(QJsonObject{{QStringLiteral("snapshot"), x.snapshot}, {QStringLiteral("file"), x.fileName},
                             {QStringLiteral("bytes"), double(x.bytes)}, {QStringLiteral("sha256"), x.sha256},
                             {QStringLiteral("format"), x.importer}, {QStringLiteral("version"), x.importerVersion},
                             {QStringLiteral("at"), x.at.toString(Qt::ISODateWithMs)}, {QStringLiteral("user"), x.user},
                             {QStringLiteral("resources"), x.resources}, {QStringLiteral("skipped"), x.skipped},
                             {QStringLiteral("assumed"), x.assumed}});
    for (const auto &x : c.scenarios)
        kept.append(QJsonObject{{QStringLiteral("name"), x.name}, {QStringLiteral("snapshot"), x.snapshot},
                                {QStringLiteral("patterns"), x.patterns}, {QStringLiteral("kept_at"), x.keptAt.toString(Qt::ISODateWithMs)},
                                {QStringLiteral("user"), x.user},
                                {QStringLiteral("summary"), QJsonDocument::fromJson(x.summary.toUtf8()).object()}});
    for (const auto *list : {&c.packs, &c.overrides})
        for (const auto &x : *list)
            k.append(QJsonObject{{QStringLiteral("kind"), list == &c.packs ? QStringLiteral("pack") : QStringLiteral("catalog")},
                                 {QStringLiteral("name"), x.name}, {QStringLiteral("sha256"), x.sha256}, {QStringLiteral("active"), x.active}});
    return QJsonObject{{QStringLiteral("workspace"), ws.path()}, {QStringLiteral("schema_version"), ws.database().version()},
                       {QStringLiteral("snapshots"), s}, {QStringLiteral("imports"), i}, {QStringLiteral("kept"), k},
                       {QStringLiteral("scenarios"), kept}, {QStringLiteral("audit_head"), c.head},
                       {QStringLiteral("audit_records"), double(c.verdict.records)}, {QStringLiteral("audit_intact"), c.verdict.intact}};
}

QString contentsText(workspace::Workspace &ws, const Contents &c)
{
    QString text = QStringLiteral("%1: workspace, schema version %2\n").arg(ws.path()).arg(ws.database().version());
    text += QStringLiteral("Snapshots (%1):\n").arg(c.snapshots.size());
    for (const auto &x : c.snapshots)
        text += snapshotLine(x);
    text += QStringLiteral("Imports (%1):\n").arg(c.imports.size());
    for (const auto &x : c.imports)
        text += QStringLiteral("  snapshot %1  %2  %3 bytes  sha256 %4  %5  %6 resources, %7 skipped, %8 assumed\n")
                    .arg(x.snapshot).arg(x.fileName).arg(x.bytes).arg(x.sha256, x.importer).arg(x.resources).arg(x.skipped).arg(x.assumed);
    for (const auto &x : c.packs)
        text += QStringLiteral("Policy pack: %1  sha256 %2%3\n").arg(x.name, x.sha256, x.active ? QString() : QStringLiteral(" (inactive)"));
    for (const auto &x : c.overrides)
        text += QStringLiteral("Catalog override: %1  sha256 %2%3\n").arg(x.name, x.sha256, x.active ? QString() : QStringLiteral(" (inactive)"));
    for (const auto &x : c.scenarios) {
        const QJsonObject summary = QJsonDocument::fromJson(x.summary.toUtf8()).object();
        text += QStringLiteral("Scenario kept: %1  (%2, %3; %4 resolved, %5 introduced)\n")
                    .arg(x.name, x.keptAt.toString(Qt::ISODate), x.user)
                    .arg(summary[u"resolved"].toArray().size()).arg(summary[u"introduced"].toArray().size());
    }
    const workspace::AuditVerdict &v = c.verdict;
    text += v.intact ? QStringLiteral("Audit log: %1 records, chain intact\n").arg(v.records)
                     : QStringLiteral("Audit log: %1 records, BROKEN at record %2: %3\n").arg(v.records).arg(v.firstBroken).arg(v.reason);
    return text;
}

int info(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(formatOption());
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("A .ratlas file."));
    const Parsed p = parse(parser, args, QStringLiteral("What a workspace holds: its snapshots, the files imported (with size and SHA-256), "
                                                        "the policy packs and catalog overrides it keeps, and whether its audit log verifies."));
    if (!p.ok)
        return p.exit;
    if (auto bad = checkFormat(parser))
        return *bad;
    if (parser.positionalArguments().size() != 1) {
        err(QStringLiteral("residency-atlas workspace info: name one workspace\n"));
        return ExitBadInput;
    }
    auto ws = openOrReport(QStringLiteral("workspace info"), parser.positionalArguments().front(), workspace::OpenMode::ReadOnly);
    if (!ws)
        return ExitBadInput;
    const std::optional<Contents> contents = readContents(*ws);
    if (!contents) {
        err(QStringLiteral("residency-atlas workspace info: cannot read the workspace\n"));
        return ExitBadInput;
    }
    if (parser.value(QStringLiteral("format")) == u"json")
        out(QString::fromUtf8(toJsonBytes(contentsJson(*ws, *contents))));
    else
        out(contentsText(*ws, *contents));
    return ExitClean;
}

int exportInventory(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption outFile(QStringLiteral("out"), QStringLiteral("The inventory file to write: JSON for .json, YAML otherwise; '-' for YAML on stdout."),
                                     QStringLiteral("file"));
    parser.addOption(outFile);
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("A .ratlas file, or W.ratlas@N for snapshot N."));
    const Parsed p = parse(parser, args, QStringLiteral("Writes a workspace snapshot's inventory as a YAML or JSON inventory file, losslessly: "
                                                        "importing that file into a new workspace gives the same inventory."));
    if (!p.ok)
        return p.exit;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(outFile)) {
        err(QStringLiteral("residency-atlas workspace export: name one workspace and --out FILE\n"));
        return ExitBadInput;
    }
    const QString input = parser.positionalArguments().front();
    const auto ref = workspace::workspaceRef(input);
    if (!ref) {
        err(QStringLiteral("residency-atlas workspace export: %1: not a workspace\n").arg(input));
        return ExitBadInput;
    }
    const Catalog *catalog = catalogOrReport();
    if (!catalog)
        return ExitInternal;
    auto loaded = loadOrReport({input}, *catalog, {}, QStringLiteral("nothing written."));
    if (!loaded)
        return ExitBadInput;
    const QString target = parser.value(outFile);
    const QByteArray bytes = target.endsWith(u".json", Qt::CaseInsensitive) ? inventoryToJson(loaded->inventory) : inventoryToYaml(loaded->inventory);
    if (target == u"-") {
        out(QString::fromUtf8(bytes));
        return ExitClean;
    }
    return writeAtomically(QStringLiteral("workspace export"), target, bytes) ? ExitClean : ExitBadInput;
}

// add-pack and add-catalog: the file is checked as it will be used before it is kept.
int addText(const QStringList &args, bool pack)
{
    const QString command = pack ? QStringLiteral("workspace add-pack") : QStringLiteral("workspace add-catalog");
    QCommandLineParser parser;
    const QCommandLineOption user(QStringLiteral("user"), QStringLiteral("Who changes it, for the audit log."), QStringLiteral("name"));
    parser.addOption(user);
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("A .ratlas file."));
    parser.addPositionalArgument(QStringLiteral("FILE"), pack ? QStringLiteral("A policy pack (YAML).") : QStringLiteral("Catalog entries (YAML, docs/catalog-format.md)."));
    const Parsed p = parse(parser, args, pack ? QStringLiteral("Keeps a policy pack in the workspace: every command reading the workspace evaluates it after the built-in pack. One with the same file name is replaced.")
                                              : QStringLiteral("Keeps catalog overrides (extra regions, private sites, changed mandates) in the workspace: every command reading it uses the embedded catalog with these after it. One with the same file name is replaced."));
    if (!p.ok)
        return p.exit;
    if (parser.positionalArguments().size() != 2) {
        err(QStringLiteral("residency-atlas %1: name the workspace and one file\n").arg(command));
        return ExitBadInput;
    }
    const QString path = parser.positionalArguments().at(0);
    const QString file = parser.positionalArguments().at(1);
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        err(QStringLiteral("residency-atlas %1: %2: %3\n").arg(command, file, f.errorString()));
        return ExitBadInput;
    }
    const QByteArray content = f.readAll();
    const Catalog *catalog = catalogOrReport();
    if (!catalog)
        return ExitInternal;
    Diagnostics problems;
    if (pack) {
        auto loaded = loadPolicies({file}, *catalog, true);
        if (!loaded)
            problems = loaded.error();
    } else {
        if (auto loaded = loadCatalogWithOverrides({{file, content.toStdString()}}); !loaded)
            problems = loaded.error();
    }
    if (hasErrors(problems)) {
        printDiagnostics(problems);
        err(QStringLiteral("residency-atlas %1: %2 not kept; the workspace was not changed.\n").arg(command, file));
        return ExitBadInput;
    }
    auto ws = openOrReport(command, path, workspace::OpenMode::ReadWrite);
    if (!ws)
        return ExitBadInput;
    const workspace::StoredText text{QFileInfo(file).fileName(), {}, QString::fromUtf8(content), {}, true};
    auto stored = pack ? ws->storePack(text, parser.value(user)) : ws->storeCatalogOverride(text, parser.value(user));
    if (!stored) {
        err(QStringLiteral("residency-atlas %1: %2\n").arg(command, stored.error().message));
        return ExitBadInput;
    }
    err(QStringLiteral("residency-atlas %1: %2 kept in %3\n").arg(command, text.name, path));
    return ExitClean;
}

QString auditLine(const workspace::AuditRecord &r)
{
    QString line = QStringLiteral("%1  %2  %3  %4 %5 %6").arg(r.seq, 5).arg(r.at.toString(Qt::ISODateWithMs), r.user, r.action, r.entityKind, r.entityId);
    if (r.snapshot)
        line += QStringLiteral("  (snapshot %1)").arg(r.snapshot);
    if (r.before != u"{}")
        line += QStringLiteral("\n       before: ") + r.before;
    if (r.after != u"{}")
        line += QStringLiteral("\n       after:  ") + r.after;
    return line + u'\n';
}

// `audit verify`: the chain and the entity rows' digests.
int verifyCommand(workspace::Workspace &ws, const workspace::AuditVerdict &v, bool json)
{
    // The entity rows too: each must still match the digest written with it.
    auto rows = ws.verifyRows();
    if (!rows) {
        err(QStringLiteral("residency-atlas audit verify: %1\n").arg(rows.error().message));
        return ExitBadInput;
    }
    const bool intact = v.intact && rows->isEmpty();
    if (json) {
        out(QString::fromUtf8(toJsonBytes(QJsonObject{{QStringLiteral("workspace"), ws.path()}, {QStringLiteral("intact"), intact},
                                                      {QStringLiteral("records"), double(v.records)},
                                                      {QStringLiteral("first_broken"), double(v.firstBroken)},
                                                      {QStringLiteral("reason"), v.reason},
                                                      {QStringLiteral("changed_rows"), QJsonArray::fromStringList(*rows)}})));
    } else {
        out(v.intact ? QStringLiteral("%1: audit log intact, %2 records\n").arg(ws.path()).arg(v.records)
                     : QStringLiteral("%1: audit log BROKEN at record %2: %3\n").arg(ws.path()).arg(v.firstBroken).arg(v.reason));
        if (!rows->isEmpty())
            out(QStringLiteral("%1: %2 entity row(s) changed outside Residency Atlas (content no longer matches its digest):\n  %3\n")
                    .arg(ws.path()).arg(rows->size()).arg(rows->join(QStringLiteral("\n  "))));
    }
    return intact ? ExitClean : ExitFindings;
}

// `audit log`: every record.
int logCommand(workspace::Workspace &ws, const QList<workspace::AuditRecord> &log, const workspace::AuditVerdict &v, bool json)
{
    if (json) {
        QJsonArray records;
        for (const auto &r : log)
            records.append(QJsonObject{{QStringLiteral("seq"), double(r.seq)}, {QStringLiteral("at"), r.at.toString(Qt::ISODateWithMs)},
                                       {QStringLiteral("user"), r.user}, {QStringLiteral("action"), r.action},
                                       {QStringLiteral("entity_kind"), r.entityKind}, {QStringLiteral("entity_id"), r.entityId},
                                       {QStringLiteral("snapshot"), r.snapshot},
                                       {QStringLiteral("before"), QJsonDocument::fromJson(r.before.toUtf8()).object()},
                                       {QStringLiteral("after"), QJsonDocument::fromJson(r.after.toUtf8()).object()},
                                       {QStringLiteral("prev_hash"), r.prevHash}, {QStringLiteral("hash"), r.hash}});
        out(QString::fromUtf8(toJsonBytes(QJsonObject{{QStringLiteral("workspace"), ws.path()}, {QStringLiteral("intact"), v.intact},
                                                      {QStringLiteral("records"), records}})));
    } else {
        QString text;
        for (const auto &r : log)
            text += auditLine(r);
        text += v.intact ? QStringLiteral("chain intact (%1 records)\n").arg(v.records)
                         : QStringLiteral("chain BROKEN at record %1: %2\n").arg(v.firstBroken).arg(v.reason);
        out(text);
    }
    return v.intact ? ExitClean : ExitFindings;
}

} // namespace

int workspaceCommand(const QStringList &args)
{
    const QString sub = args.value(1);
    QStringList rest = args.mid(1);
    if (!rest.isEmpty())
        rest[0] = args.value(0) + u' ' + sub;
    if (sub == u"info")
        return info(rest);
    if (sub == u"export")
        return exportInventory(rest);
    if (sub == u"add-pack")
        return addText(rest, true);
    if (sub == u"add-catalog")
        return addText(rest, false);
    const QString help = QStringLiteral(
        "Usage: residency-atlas workspace info W            snapshots, imports (with SHA-256), packs, overrides, audit status\n"
        "       residency-atlas workspace export W[@N] --out FILE   the inventory as YAML or JSON, losslessly\n"
        "       residency-atlas workspace add-pack W FILE    keep a policy pack in the workspace\n"
        "       residency-atlas workspace add-catalog W FILE keep catalog overrides in the workspace\n"
        "A workspace is created by `residency-atlas import FILE... --out W.ratlas` or by saving in the GUI.\n");
    if (sub == u"--help" || sub == u"-h" || sub.isEmpty()) {
        out(help);
        return sub.isEmpty() ? ExitBadInput : ExitClean;
    }
    err(QStringLiteral("residency-atlas workspace: unknown subcommand '%1'\n").arg(sub) + help);
    return ExitBadInput;
}

int auditCommand(const QStringList &args)
{
    const QString sub = args.value(1);
    QStringList rest = args.mid(1);
    if (!rest.isEmpty())
        rest[0] = args.value(0) + u' ' + sub;
    if (sub != u"verify" && sub != u"log") {
        const QString help = QStringLiteral("Usage: residency-atlas audit verify W   check the hash chain; exit 1 naming the first broken record\n"
                                            "       residency-atlas audit log W      print every record (--format json)\n");
        if (sub == u"--help" || sub == u"-h") {
            out(help);
            return ExitClean;
        }
        err((sub.isEmpty() ? QString() : QStringLiteral("residency-atlas audit: unknown subcommand '%1'\n").arg(sub)) + help);
        return ExitBadInput;
    }
    QCommandLineParser parser;
    parser.addOption(formatOption());
    parser.addPositionalArgument(QStringLiteral("WORKSPACE"), QStringLiteral("A .ratlas file."));
    const Parsed p = parse(parser, rest, sub == u"verify" ? QStringLiteral("Checks the audit log's hash chain (every record's hash, each naming the one before, no gap, the end the workspace names) and that every entity row still matches the digest written with it. Exit 0 intact, 1 broken (the first broken record and the changed rows named), 2 not a workspace.")
                                                          : QStringLiteral("Prints the audit log: time, user, action, entity, before and after."));
    if (!p.ok)
        return p.exit;
    if (auto bad = checkFormat(parser))
        return *bad;
    if (parser.positionalArguments().size() != 1) {
        err(QStringLiteral("residency-atlas audit %1: name one workspace\n").arg(sub));
        return ExitBadInput;
    }
    auto ws = openOrReport(QStringLiteral("audit ") + sub, parser.positionalArguments().front(), workspace::OpenMode::ReadOnly);
    if (!ws)
        return ExitBadInput;
    auto log = ws->auditLog();
    auto head = ws->auditHead();
    if (!log || !head) {
        err(QStringLiteral("residency-atlas audit: %1\n").arg(!log ? log.error().message : head.error().message));
        return ExitBadInput;
    }
    const bool json = parser.value(QStringLiteral("format")) == u"json";
    const workspace::AuditVerdict v = workspace::verifyAudit(*log, *head);
    return sub == u"verify" ? verifyCommand(*ws, v, json) : logCommand(*ws, *log, v, json);
}

} // namespace atlas
