// Everything in the workspace store that only SQLite knows: the file header, connection
// options, pragmas, the defensive configuration, integrity_check, the catalog of objects,
// VACUUM INTO and the page limit. A PostgreSQL backend replaces this file and workspacerows'
// native path; the rest of the store is portable SQL through Qt SQL.
#include "workspacedb.h"

#include <QFile>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace atlas::workspace {

bool hasSqliteHeader(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.read(16) == QByteArrayView("SQLite format 3\0", 16);
}

namespace {

std::expected<void, QString> run(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return std::unexpected(q.lastError().text());
    return {};
}

} // namespace

std::expected<void, QString> configureConnection(QSqlDatabase &db, bool readOnly, sqlite3 **native)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return std::unexpected(QStringLiteral("the SQLite driver gave no native handle"));
    sqlite3 *h = *static_cast<sqlite3 *const *>(handle.constData());
    if (!h)
        return std::unexpected(QStringLiteral("the SQLite connection is not open"));
    // A file from someone else runs none of its own code and cannot be corrupted through SQL.
    int ok = 0;
    sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, &ok);
    sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &ok);
    sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &ok);
    sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_VIEW, 0, &ok);
    sqlite3_db_config(h, SQLITE_DBCONFIG_DQS_DML, 0, &ok);
    sqlite3_db_config(h, SQLITE_DBCONFIG_DQS_DDL, 0, &ok);
    for (const char *pragma : {"PRAGMA foreign_keys = ON", "PRAGMA trusted_schema = OFF", "PRAGMA cell_size_check = ON",
                               "PRAGMA temp_store = MEMORY", "PRAGMA cache_size = -131072"})
        if (auto r = run(db, QString::fromLatin1(pragma)); !r)
            return r;
    if (readOnly)
        if (auto r = run(db, QStringLiteral("PRAGMA query_only = ON")); !r)
            return r;
    *native = h;
    return {};
}

std::expected<void, QString> enableWriteAheadLog(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")) || !q.next())
        return std::unexpected(q.lastError().text());
    if (q.value(0).toString() != u"wal")
        return std::unexpected(QStringLiteral("the journal cannot be switched to WAL (") + q.value(0).toString() + u')');
    return run(db, QStringLiteral("PRAGMA synchronous = FULL"));
}

std::expected<void, QString> enableBulkLoad(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = OFF")))
        return std::unexpected(q.lastError().text());
    return run(db, QStringLiteral("PRAGMA synchronous = OFF"));
}

QStringList integrityProblems(QSqlDatabase &db)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check(5)")))
        return {q.lastError().text()};
    QStringList problems;
    while (q.next())
        if (const QString line = q.value(0).toString(); line != u"ok")
            problems << line;
    if (q.lastError().isValid())
        problems << q.lastError().text();
    return problems;
}

QList<std::pair<QString, QString>> schemaObjects(QSqlDatabase &db)
{
    QList<std::pair<QString, QString>> objects;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")))
        return {{QStringLiteral("error"), q.lastError().text()}};
    while (q.next())
        objects.append({q.value(0).toString(), q.value(1).toString()});
    return objects;
}

QStringList tableColumns(QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    QStringList columns;
    if (!q.exec(QStringLiteral("SELECT name FROM pragma_table_info('") + table + QStringLiteral("') ORDER BY cid")))
        return columns;
    while (q.next())
        columns << q.value(0).toString();
    return columns;
}

std::expected<void, QString> copyDatabase(QSqlDatabase &db, const QString &target)
{
    QString quoted = target;
    quoted.replace(u'\'', QStringLiteral("''"));
    // The connection may be query-only; it writes only the new file (a read-only open still
    // protects the source).
    if (auto r = run(db, QStringLiteral("PRAGMA query_only = OFF")); !r)
        return r;
    auto copied = run(db, QStringLiteral("VACUUM INTO '") + quoted + u'\'');
    (void)run(db, QStringLiteral("PRAGMA query_only = ON"));
    return copied;
}

void limitGrowth(QSqlDatabase &db, int pages)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("PRAGMA page_count")) && q.next()) {
        const qint64 limit = q.value(0).toLongLong() + pages;
        (void)run(db, QStringLiteral("PRAGMA max_page_count = ") + QString::number(limit));
    }
}

} // namespace atlas::workspace
