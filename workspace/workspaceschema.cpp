#include "workspaceschema.h"

namespace atlas::workspace {

namespace {

// A column a later version added to an existing table (ALTER TABLE … ADD COLUMN: at the end,
// nullable, so the rows written before it read as "not set").
struct AddedColumn
{
    int since;
    const char *definition; // "name TYPE"
};

struct TableDef
{
    const char *name;
    std::vector<const char *> columns; // "name TYPE constraints"
    int since = 1;                     // the schema version that created it
    std::vector<AddedColumn> added = {}; // in the order they were added
};

struct IndexDef
{
    const char *name;
    const char *table;
    const char *columns;
    int since = 1;
};

// Every entity table starts with the same columns: which snapshots the row belongs to
// (added_in <= s and (removed_in is null or removed_in > s)), its place in the list, the
// fields present, where it was written, and a digest of its content that tells a changed row
// from an unchanged one without reading it.
std::vector<const char *> entityColumns(std::initializer_list<const char *> own)
{
    std::vector<const char *> columns{
        "row_id INTEGER PRIMARY KEY", "added_in INTEGER NOT NULL REFERENCES snapshots(id)",
        "removed_in INTEGER REFERENCES snapshots(id)", "seq DOUBLE PRECISION NOT NULL",
        "present INTEGER NOT NULL", "source INTEGER REFERENCES sources(id)", "line INTEGER NOT NULL",
        "col INTEGER NOT NULL", "digest TEXT NOT NULL"};
    columns.insert(columns.end(), own);
    return columns;
}

const std::vector<TableDef> &tables()
{
    static const std::vector<TableDef> defs{
        {"meta", {"key TEXT PRIMARY KEY", "value TEXT NOT NULL"}},
        {"snapshots",
         {"id INTEGER PRIMARY KEY", "created TEXT NOT NULL", "user_name TEXT NOT NULL", "action TEXT NOT NULL",
          "label TEXT NOT NULL", "format_version INTEGER NOT NULL", "organisation TEXT", "as_of TEXT",
          "overlay INTEGER NOT NULL"}},
        {"sources",
         {"id INTEGER PRIMARY KEY", "name TEXT NOT NULL", "kind TEXT NOT NULL", "command TEXT", "at TEXT",
          "user_name TEXT"}},
        {"sites", entityColumns({"id TEXT NOT NULL", "name TEXT", "country TEXT", "operator TEXT"})},
        {"datasets",
         entityColumns({"id TEXT NOT NULL", "name TEXT", "classification TEXT", "categories TEXT", "origin TEXT",
                        "consent_training INTEGER", "consent_analytics INTEGER", "retention_days INTEGER",
                        "redacted INTEGER", "key_custody TEXT", "key_location TEXT", "localisation TEXT"}),
         1,
         {{3, "training_basis TEXT"}}},
        {"workloads",
         entityColumns({"id TEXT NOT NULL", "name TEXT", "kind TEXT", "location TEXT", "operator TEXT",
                        "operator_hq TEXT", "holds TEXT", "external INTEGER", "certifications TEXT",
                        "tags TEXT"}),
         1,
         {{3, "geo_redundant INTEGER"}}},
        {"flows",
         entityColumns({"id TEXT NOT NULL", "from_workload TEXT", "to_workload TEXT", "carries TEXT", "form TEXT",
                        "purpose TEXT", "basis TEXT", "encrypted INTEGER", "protections TEXT",
                        "volume_gb_per_day DOUBLE PRECISION"}),
         1,
         {{3, "notified INTEGER"}, {3, "assessed TEXT"}}},
        {"access",
         entityColumns({"id TEXT NOT NULL", "role TEXT", "from_location TEXT", "to_workload TEXT",
                        "datasets TEXT", "purpose TEXT", "basis TEXT"}),
         1,
         {{3, "notified INTEGER"}, {3, "assessed TEXT"}}},
        {"waivers",
         entityColumns({"id TEXT NOT NULL", "rule TEXT", "subject TEXT", "reason TEXT", "approved_by TEXT",
                        "expires TEXT"})},
        {"imports",
         {"id INTEGER PRIMARY KEY", "snapshot INTEGER NOT NULL REFERENCES snapshots(id)", "file_name TEXT NOT NULL",
          "bytes BIGINT NOT NULL", "sha256 TEXT NOT NULL", "importer TEXT NOT NULL", "importer_version TEXT NOT NULL",
          "imported_at TEXT NOT NULL", "user_name TEXT NOT NULL", "resources INTEGER NOT NULL",
          "workloads INTEGER NOT NULL", "datasets INTEGER NOT NULL", "flows INTEGER NOT NULL",
          "skipped INTEGER NOT NULL", "assumed INTEGER NOT NULL", "notes TEXT NOT NULL"}},
        {"packs",
         {"id INTEGER PRIMARY KEY", "name TEXT NOT NULL", "sha256 TEXT NOT NULL", "content TEXT NOT NULL",
          "added_at TEXT NOT NULL", "active INTEGER NOT NULL"}},
        {"catalog_overrides",
         {"id INTEGER PRIMARY KEY", "name TEXT NOT NULL", "sha256 TEXT NOT NULL", "content TEXT NOT NULL",
          "added_at TEXT NOT NULL", "active INTEGER NOT NULL"}},
        {"settings", {"key TEXT PRIMARY KEY", "value TEXT NOT NULL"}},
        {"audit_log",
         {"seq INTEGER PRIMARY KEY", "at TEXT NOT NULL", "user_name TEXT NOT NULL", "action TEXT NOT NULL",
          "entity_kind TEXT NOT NULL", "entity_id TEXT NOT NULL", "snapshot INTEGER", "before_value TEXT NOT NULL",
          "after_value TEXT NOT NULL", "prev_hash TEXT NOT NULL", "hash TEXT NOT NULL"}},
        {"scenarios",
         {"id INTEGER PRIMARY KEY", "name TEXT NOT NULL", "snapshot INTEGER REFERENCES snapshots(id)",
          "patterns TEXT NOT NULL", "options TEXT NOT NULL", "summary TEXT NOT NULL", "kept_at TEXT NOT NULL",
          "user_name TEXT NOT NULL"},
         2},
        {"map_positions",
         {"view TEXT NOT NULL", "node TEXT NOT NULL", "x DOUBLE PRECISION NOT NULL", "y DOUBLE PRECISION NOT NULL",
          "PRIMARY KEY (view, node)"},
         2},
    };
    return defs;
}

const std::vector<IndexDef> &indexes()
{
    static const std::vector<IndexDef> defs{
        {"sites_head", "sites", "removed_in, seq"},       {"datasets_head", "datasets", "removed_in, seq"},
        {"workloads_head", "workloads", "removed_in, seq"}, {"flows_head", "flows", "removed_in, seq"},
        {"access_head", "access", "removed_in, seq"},     {"waivers_head", "waivers", "removed_in, seq"},
        {"imports_snapshot", "imports", "snapshot"},
    };
    return defs;
}

QString columnName(const char *definition)
{
    const QString d = QString::fromLatin1(definition);
    return d.section(u' ', 0, 0);
}

} // namespace

const QStringList &entityTables()
{
    static const QStringList names{QStringLiteral("sites"), QStringLiteral("datasets"), QStringLiteral("workloads"),
                                   QStringLiteral("flows"), QStringLiteral("access"), QStringLiteral("waivers")};
    return names;
}

QStringList migrationStatements(int to)
{
    QStringList statements;
    for (const TableDef &t : tables()) {
        if (t.since != to)
            continue;
        QStringList columns;
        for (const char *c : t.columns)
            columns << QString::fromLatin1(c);
        statements << QStringLiteral("CREATE TABLE %1 (%2)").arg(QString::fromLatin1(t.name), columns.join(QStringLiteral(", ")));
    }
    for (const TableDef &t : tables())
        for (const AddedColumn &c : t.added)
            if (c.since == to)
                statements << QStringLiteral("ALTER TABLE %1 ADD COLUMN %2").arg(QString::fromLatin1(t.name), QString::fromLatin1(c.definition));
    for (const IndexDef &i : indexes())
        if (i.since == to)
            statements << QStringLiteral("CREATE INDEX %1 ON %2 (%3)")
                              .arg(QString::fromLatin1(i.name), QString::fromLatin1(i.table), QString::fromLatin1(i.columns));
    return statements;
}

QList<std::pair<QString, QString>> indexStatements()
{
    QList<std::pair<QString, QString>> out;
    for (const IndexDef &i : indexes())
        out.append({QString::fromLatin1(i.name), QStringLiteral("CREATE INDEX %1 ON %2 (%3)")
                                                     .arg(QString::fromLatin1(i.name), QString::fromLatin1(i.table), QString::fromLatin1(i.columns))});
    return out;
}

std::vector<SchemaObject> expectedObjects(int version)
{
    std::vector<SchemaObject> objects;
    for (const TableDef &t : tables()) {
        if (t.since > version)
            continue;
        SchemaObject o{QStringLiteral("table"), QString::fromLatin1(t.name), {}};
        for (const char *c : t.columns)
            if (!QByteArrayView(c).startsWith("PRIMARY KEY"))
                o.columns << columnName(c);
        for (const AddedColumn &c : t.added)
            if (c.since <= version)
                o.columns << columnName(c.definition);
        objects.push_back(std::move(o));
    }
    for (const IndexDef &i : indexes())
        if (i.since <= version)
            objects.push_back({QStringLiteral("index"), QString::fromLatin1(i.name), {}});
    return objects;
}

} // namespace atlas::workspace
