// A workspace (docs/workspace.md): one SQLite file holding an estate's inventory through time —
// every import or save is a snapshot, kept as rows valid from one snapshot until the one that
// changed or removed them, so a save writes only what changed — with the import history and
// file hashes, the policy packs and catalog overrides in use, settings, kept scenarios, pinned
// map positions and a hash-chained audit log of every change. Every write is one transaction:
// a crash or kill leaves the last committed state.
#pragma once

#include "inventory.h"
#include "workspacedb.h"

#include <QDateTime>
#include <QHash>
#include <QPointF>
#include <QList>
#include <QString>

#include <expected>
#include <memory>
#include <optional>

namespace atlas::workspace {

struct SnapshotInfo
{
    int id = 0;
    QDateTime created;
    QString user;
    QString action; // "import", "save", "create"
    QString label;  // "import aws-config.json", "3 edits"
};

// One imported file, kept with the snapshot it made.
struct ImportRecord
{
    int snapshot = 0;
    QString fileName;
    qint64 bytes = 0;
    QString sha256;
    QString importer;        // the format read ("aws-config", "inventory", …)
    QString importerVersion; // the tool's version
    QDateTime at;
    QString user;
    int resources = 0, workloads = 0, datasets = 0, flows = 0, skipped = 0, assumed = 0;
    QString notes; // JSON: the skipped resources and assumptions, as the import report has them
};

// A policy pack or catalog override document stored in the workspace.
struct StoredText
{
    QString name;
    QString sha256;
    QString content;
    QDateTime added;
    bool active = true;
};

struct AuditRecord
{
    qint64 seq = 0;
    QDateTime at;
    QString user;
    QString action;     // "import", "add", "change", "remove", "pack", "override", "scenario", "setting"
    QString entityKind; // "flow", "snapshot", "pack", …
    QString entityId;
    int snapshot = 0;   // the snapshot it belongs to (0: none)
    QString before;     // JSON (empty object when nothing)
    QString after;
    QString prevHash;
    QString hash;
};

// Where the map's cards and clusters were placed, per view ("regions/region", …): node key →
// its place in its parent's content area (views/render's MapPositions). View state, not
// evidence: written with a save, not audited.
using MapPlaces = QHash<QString, QHash<QString, QPointF>>;

struct CommitInfo
{
    QString action = QStringLiteral("save");
    QString label;
    QString user;
    QDateTime at; // invalid: now
    QList<ImportRecord> imports;
    // A save records one audit entry per entity added, changed or removed; an import records
    // one entry for the import (the snapshot diff has its entities).
    bool auditEntities = true;
    QList<AuditRecord> audit; // more entries (the import's), chained after those
    // When set, the map's places replace those stored, in the same transaction as the snapshot.
    std::optional<MapPlaces> mapPlaces;
};

struct CommitResult
{
    int snapshot = 0;
    int added = 0, removed = 0, changed = 0;
};

// The OS account, or ATLAS_USER when set.
QString currentUser();

class Workspace
{
public:
    static std::expected<std::unique_ptr<Workspace>, Error> open(const QString &path, OpenMode mode);
    ~Workspace();

    const QString &path() const { return m_db->path(); }
    Database &database() { return *m_db; }

    std::expected<QList<SnapshotInfo>, Error> snapshots();
    std::expected<int, Error> head(); // 0 when nothing was committed yet
    // The inventory of `snapshot` (0: the head), read as written — not yet validated or linked.
    std::expected<Inventory, Error> read(int snapshot = 0);
    // A new snapshot holding `inventory`; unchanged entities are not written again.
    std::expected<CommitResult, Error> commit(const Inventory &inventory, const CommitInfo &info);

    std::expected<QList<ImportRecord>, Error> imports();
    std::expected<QList<StoredText>, Error> packs();
    std::expected<QList<StoredText>, Error> catalogOverrides();
    // Stores a pack or override (audited); one with the same name is replaced.
    std::expected<void, Error> storePack(const StoredText &pack, const QString &user);
    std::expected<void, Error> storeCatalogOverride(const StoredText &text, const QString &user);
    std::expected<QString, Error> setting(const QString &key);
    std::expected<void, Error> setSetting(const QString &key, const QString &value, const QString &user);

    // A scenario kept (audited): its name, the snapshot it was simulated on (0: unsaved edits),
    // the pattern letters, and what keptScenarioJson() says of it.
    struct KeptScenario
    {
        QString name;
        int snapshot = 0;
        QString patterns;
        QString options; // JSON
        QString summary; // JSON
        QDateTime keptAt;
        QString user;
    };
    std::expected<void, Error> keepScenario(const KeptScenario &scenario);
    std::expected<QList<KeptScenario>, Error> scenarios();

    // The map's places as last saved (empty when none were).
    std::expected<MapPlaces, Error> mapPlaces();
    // Replaces every stored place in the current transaction (begin() first).
    std::expected<void, Error> writeMapPlaces(const MapPlaces &places);

    // Entity rows whose content no longer matches the digest written with them (changed outside
    // Residency Atlas): "flows row 12 (flow 'eu-to-us', snapshot 3)", at most `limit`.
    std::expected<QStringList, Error> verifyRows(int limit = 20);

    std::expected<QList<AuditRecord>, Error> auditLog();
    // Appends `records` to the chain in the current transaction (begin() first).
    std::expected<void, Error> appendAudit(QList<AuditRecord> records);
    std::expected<QString, Error> auditHead(); // "seq:hash" as last written

private:
    explicit Workspace(std::unique_ptr<Database> db);
    std::expected<void, Error> storeText(const QString &table, const QString &kind, const StoredText &text, const QString &user);
    std::expected<QList<StoredText>, Error> texts(const QString &table);

    std::unique_ptr<Database> m_db;
};

// The audit chain ---------------------------------------------------------------------------

QString auditHash(const AuditRecord &record);
struct AuditVerdict
{
    bool intact = true;
    qint64 records = 0;
    qint64 firstBroken = 0; // seq of the first record that does not verify
    QString reason;
};
// Checks every record's hash, that each names its predecessor's, that the numbering has no gap
// and that the log ends where the workspace's head says.
AuditVerdict verifyAudit(const QList<AuditRecord> &log, const QString &head);

// Inputs ------------------------------------------------------------------------------------

// "estate.ratlas" or "estate.ratlas@3": a workspace and a snapshot (0: the head).
struct WorkspaceRef
{
    QString path;
    int snapshot = 0;
};
// A workspace reference when `input` names one (by the SQLite header, after an optional @N);
// nullopt for any other file.
std::optional<WorkspaceRef> workspaceRef(const QString &input);

// The map's places saved in the workspace `inputs` names when it is the one input (what the
// GUI and `graph` draw a workspace with); empty for other inputs, or when they cannot be read
// (the map is then packed afresh, which loses nothing of the estate).
MapPlaces savedMapPlaces(const QStringList &inputs);

} // namespace atlas::workspace
