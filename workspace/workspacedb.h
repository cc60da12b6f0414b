// One open workspace database: a Qt SQL connection of its own (named, removed on destruction)
// checked before anything in it is trusted — the file is a SQLite database, it is not damaged
// (integrity_check), it says it is a workspace, its version is one we can read, and it holds
// exactly the tables and indexes that version has (no triggers or views: a file from someone
// else runs none of its own code). Older versions are migrated step by step, each step in a
// transaction. What is SQLite-specific is in workspacesqlite.cpp.
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <expected>
#include <functional>
#include <memory>

struct sqlite3;

namespace atlas::workspace {

enum class OpenMode : std::uint8_t {
    ReadOnly,  // reading commands: nothing is written, an older version is migrated in a copy
    ReadWrite, // saving: an older version is migrated in place, after a backup beside it
    Create,    // a new file (refused when one exists)
};

enum class ErrorKind : std::uint8_t {
    NotFound,      // no such file
    NotWorkspace,  // not a SQLite database, or not one of ours
    Damaged,       // integrity_check failed, or the file is truncated
    ForeignSchema, // objects we did not create (triggers, views, tables, columns)
    TooNew,        // written by a newer version of the tool
    Io,            // read-only target, disk full, locked, anything else the OS refused
    BadRequest,    // a snapshot that does not exist, a bad W@N
};

struct Error
{
    ErrorKind kind = ErrorKind::Io;
    QString message; // a whole sentence naming the file
};

class Database
{
public:
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    static std::expected<std::unique_ptr<Database>, Error> open(const QString &path, OpenMode mode);

    QSqlDatabase &sql() { return m_db; }
    const QString &path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    int version() const { return m_version; }
    // The native handle for the bulk entity paths (workspacerows.h); null for other drivers.
    sqlite3 *native() const { return m_native; }

    // Runs `sql` (no result) with positional `values`; an Error naming the file on failure.
    std::expected<void, Error> exec(const QString &sql, const QVariantList &values = {});
    std::expected<QVariant, Error> scalar(const QString &sql, const QVariantList &values = {});
    Error failure(const QString &what, const QString &driverText) const;

    // Bulk: no journal and no sync until finishBulkLoad() (WAL and full sync again).
    std::expected<void, Error> startBulkLoad();
    std::expected<void, Error> finishBulkLoad();
    // Runs `work` in one transaction: committed when it succeeds, rolled back otherwise.
    std::expected<void, Error> transaction(const std::function<std::expected<void, Error>()> &work);
    std::expected<void, Error> begin();
    std::expected<void, Error> commit();
    void rollback();

private:
    explicit Database(QString path);
    std::expected<void, Error> connect(bool readOnly);
    void disconnect();
    std::expected<void, Error> check();
    std::expected<void, Error> migrate(int from);
    std::expected<void, Error> create();

    QString m_path;
    QString m_file;      // the file opened: m_path, or the migrated copy of an older one
    QString m_temporary; // that copy, removed on destruction
    QString m_connection;
    QSqlDatabase m_db;
    sqlite3 *m_native = nullptr;
    bool m_readOnly = false;
    int m_version = 0;
};

// Removes a database file with its -wal and -shm (a temporary copy, a failed new file).
void removeDatabaseFiles(const QString &file);

// SQLite-specific (workspacesqlite.cpp) ---------------------------------------------------------

// Whether `path` starts with the SQLite header (read without letting SQLite open it).
bool hasSqliteHeader(const QString &path);
// Connection options and pragmas: read-only or not, defensive, no triggers or views, trusted
// schema off, foreign keys on; WAL and full sync when writing.
std::expected<void, QString> configureConnection(QSqlDatabase &db, bool readOnly, sqlite3 **native);
// A new file that is renamed into place only when complete needs no journal while it is filled:
// no rollback journal, no WAL, no sync (a crash leaves a temporary file, never the target).
std::expected<void, QString> enableBulkLoad(QSqlDatabase &db);
// Write-ahead log and full sync: a commit is durable, a crash leaves the last commit.
std::expected<void, QString> enableWriteAheadLog(QSqlDatabase &db);
// integrity_check; an empty list when the file is sound, else the first problems it names.
QStringList integrityProblems(QSqlDatabase &db);
// The tables, indexes, views and triggers in the file, as (type, name) pairs, excluding
// SQLite's own (sqlite_*).
QList<std::pair<QString, QString>> schemaObjects(QSqlDatabase &db);
// A table's column names in order.
QStringList tableColumns(QSqlDatabase &db, const QString &table);
// Copies the database into `target` (a consistent copy even while others read it).
std::expected<void, QString> copyDatabase(QSqlDatabase &db, const QString &target);
// Test hook: the file may grow by at most `pages` more pages (a disk that fills up).
void limitGrowth(QSqlDatabase &db, int pages);

} // namespace atlas::workspace
