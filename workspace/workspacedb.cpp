#include "workspacedb.h"

#include "workspaceschema.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryFile>

namespace atlas::workspace {

namespace {

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("atlas-workspace-%1").arg(counter.fetchAndAddRelaxed(1));
}

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

void removeDatabaseFiles(const QString &file)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(file + suffix);
}

Database::Database(QString path) : m_path(std::move(path)), m_file(m_path) {}

Database::~Database()
{
    disconnect();
    if (!m_temporary.isEmpty())
        removeDatabaseFiles(m_temporary);
}

void Database::disconnect()
{
    if (m_connection.isEmpty())
        return;
    m_native = nullptr;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

Error Database::failure(const QString &what, const QString &driverText) const
{
    const QString text = driverText.toLower();
    ErrorKind kind = ErrorKind::Io;
    QString why = driverText;
    if (text.contains(u"disk is full") || text.contains(u"database or disk is full"))
        why = QStringLiteral("the disk is full");
    else if (text.contains(u"readonly") || text.contains(u"read-only"))
        why = QStringLiteral("the file or its folder is read-only");
    else if (text.contains(u"malformed") || text.contains(u"not a database")) {
        kind = ErrorKind::Damaged;
        why = QStringLiteral("the workspace is damaged (") + driverText
              + QStringLiteral("); it was not changed. Restore it from a backup, or open the autosave beside it if there is one.");
    }
    return {kind, shown(m_path) + QStringLiteral(": ") + what + QStringLiteral(": ") + why};
}

std::expected<void, Error> Database::connect(bool readOnly)
{
    m_connection = nextConnectionName();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(m_file);
    m_db.setConnectOptions(readOnly ? QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000")
                                    : QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    m_readOnly = readOnly;
    if (!m_db.open())
        return std::unexpected(failure(QStringLiteral("cannot open"), m_db.lastError().text()));
    if (auto configured = configureConnection(m_db, readOnly, &m_native); !configured)
        return std::unexpected(failure(QStringLiteral("cannot configure"), configured.error()));
    return {};
}

std::expected<void, Error> Database::exec(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(m_db);
    if (!q.prepare(sql))
        return std::unexpected(failure(QStringLiteral("cannot prepare"), q.lastError().text()));
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values[i]);
    if (!q.exec())
        return std::unexpected(failure(QStringLiteral("cannot write"), q.lastError().text()));
    return {};
}

std::expected<QVariant, Error> Database::scalar(const QString &sql, const QVariantList &values)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return std::unexpected(failure(QStringLiteral("cannot read"), q.lastError().text()));
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values[i]);
    if (!q.exec())
        return std::unexpected(failure(QStringLiteral("cannot read"), q.lastError().text()));
    return q.next() ? q.value(0) : QVariant();
}

std::expected<void, Error> Database::startBulkLoad()
{
    if (auto r = enableBulkLoad(m_db); !r)
        return std::unexpected(failure(QStringLiteral("cannot write"), r.error()));
    for (const auto &[name, statement] : indexStatements())
        if (auto r = exec(QStringLiteral("DROP INDEX ") + name); !r)
            return r;
    return {};
}

std::expected<void, Error> Database::finishBulkLoad()
{
    for (const auto &[name, statement] : indexStatements())
        if (auto r = exec(statement); !r)
            return r;
    if (auto r = enableWriteAheadLog(m_db); !r)
        return std::unexpected(failure(QStringLiteral("cannot write"), r.error()));
    return {};
}

std::expected<void, Error> Database::transaction(const std::function<std::expected<void, Error>()> &work)
{
    if (auto b = begin(); !b)
        return b;
    if (auto done = work(); !done) {
        rollback();
        return done;
    }
    return commit();
}

std::expected<void, Error> Database::begin()
{
    if (!m_db.transaction())
        return std::unexpected(failure(QStringLiteral("cannot start a transaction"), m_db.lastError().text()));
    return {};
}

std::expected<void, Error> Database::commit()
{
    if (!m_db.commit()) {
        const QString why = m_db.lastError().text();
        m_db.rollback();
        return std::unexpected(failure(QStringLiteral("not saved"), why));
    }
    return {};
}

void Database::rollback()
{
    m_db.rollback();
}

// The file is sound, says it is ours, and holds exactly what its version has.
std::expected<void, Error> Database::check()
{
    const QString name = shown(m_path);
    if (const QStringList problems = integrityProblems(m_db); !problems.isEmpty())
        return std::unexpected(Error{ErrorKind::Damaged, name + QStringLiteral(": the workspace is damaged (") + problems.join(QStringLiteral("; "))
                                                             + QStringLiteral("); it was not changed. Restore it from a backup, or open the autosave beside it if there is one.")});
    const auto objects = schemaObjects(m_db);
    if (std::none_of(objects.begin(), objects.end(), [](const auto &o) { return o.second == u"meta"; }))
        return std::unexpected(Error{ErrorKind::NotWorkspace, name + QStringLiteral(": not a Residency Atlas workspace (a SQLite database without its meta table)")});
    auto application = scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'application'"));
    auto version = scalar(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'"));
    if (!application || !version || application->toString() != QLatin1StringView(ApplicationId))
        return std::unexpected(Error{ErrorKind::NotWorkspace, name + QStringLiteral(": not a Residency Atlas workspace (its meta table does not name the application)")});
    bool ok = false;
    m_version = version->toString().toInt(&ok);
    if (!ok || m_version < 1)
        return std::unexpected(Error{ErrorKind::ForeignSchema, name + QStringLiteral(": the workspace's schema version '") + version->toString() + QStringLiteral("' is not a number")});
    if (m_version > SchemaVersion)
        return std::unexpected(Error{ErrorKind::TooNew, name + QStringLiteral(": written by a newer Residency Atlas (schema version %1; this one reads up to %2)").arg(m_version).arg(SchemaVersion)});
    QStringList foreign;
    const auto expected = expectedObjects(m_version);
    for (const auto &[type, objectName] : objects) {
        auto it = std::find_if(expected.begin(), expected.end(), [&](const SchemaObject &o) { return o.name == objectName; });
        if (it == expected.end() || it->type != type)
            foreign << type + u' ' + objectName;
        else if (type == u"table" && tableColumns(m_db, objectName) != it->columns)
            foreign << QStringLiteral("columns of table ") + objectName;
    }
    for (const SchemaObject &o : expected)
        if (std::none_of(objects.begin(), objects.end(), [&](const auto &x) { return x.second == o.name; }))
            foreign << QStringLiteral("missing ") + o.type + u' ' + o.name;
    if (!foreign.isEmpty())
        return std::unexpected(Error{ErrorKind::ForeignSchema, name + QStringLiteral(": the workspace holds what schema version %1 does not (").arg(m_version)
                                                                   + foreign.join(QStringLiteral(", ")) + QStringLiteral("); it was not opened and not changed")});
    return {};
}

// Each step in its own transaction: a failed step leaves the version before it.
std::expected<void, Error> Database::migrate(int from)
{
    for (int to = from + 1; to <= SchemaVersion; ++to) {
        auto migrated = transaction([&]() -> std::expected<void, Error> {
            for (const QString &statement : migrationStatements(to))
                if (auto r = exec(statement); !r)
                    return r;
            return exec(QStringLiteral("UPDATE meta SET value = ? WHERE key = 'schema_version'"), {QString::number(to)});
        });
        if (!migrated)
            return migrated;
        m_version = to;
    }
    return {};
}

std::expected<void, Error> Database::create()
{
    if (auto b = begin(); !b)
        return b;
    for (const QString &statement : migrationStatements(1))
        if (auto r = exec(statement); !r) {
            rollback();
            return r;
        }
    const QString insert = QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)");
    for (const auto &[key, value] : {std::pair{QStringLiteral("application"), QString::fromLatin1(ApplicationId)},
                                     std::pair{QStringLiteral("schema_version"), QStringLiteral("1")},
                                     std::pair{QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}})
        if (auto r = exec(insert, {key, value}); !r) {
            rollback();
            return r;
        }
    if (auto c = commit(); !c)
        return c;
    m_version = 1;
    return migrate(1);
}

std::expected<std::unique_ptr<Database>, Error> Database::open(const QString &path, OpenMode mode)
{
    std::unique_ptr<Database> db(new Database(path));
    const QFileInfo info(path);
    if (mode == OpenMode::Create) {
        if (info.exists())
            return std::unexpected(Error{ErrorKind::Io, shown(path) + QStringLiteral(": already exists")});
        if (auto c = db->connect(false); !c)
            return std::unexpected(c.error());
        if (auto w = enableWriteAheadLog(db->m_db); !w)
            return std::unexpected(db->failure(QStringLiteral("cannot create"), w.error()));
        if (auto c = db->create(); !c)
            return std::unexpected(c.error());
        return db;
    }
    if (!info.exists())
        return std::unexpected(Error{ErrorKind::NotFound, shown(path) + QStringLiteral(": no such workspace")});
    if (!hasSqliteHeader(path))
        return std::unexpected(Error{ErrorKind::NotWorkspace, shown(path) + QStringLiteral(": not a Residency Atlas workspace (not a SQLite database)")});
    // Checked read-only first: a damaged or foreign file is never written, not even a checkpoint.
    if (auto c = db->connect(true); !c)
        return std::unexpected(c.error());
    if (auto checked = db->check(); !checked)
        return std::unexpected(checked.error());
    const int version = db->m_version;
    if (mode == OpenMode::ReadOnly && version == SchemaVersion)
        return db;
    db->disconnect();
    if (version < SchemaVersion) {
        // Read-only: migrate a copy; writing: keep a copy of the old version beside the file.
        const QString copy = mode == OpenMode::ReadOnly
                                 ? QDir::temp().filePath(QStringLiteral("atlas-migrate-%1-%2.ratlas").arg(QCoreApplication::applicationPid()).arg(nextConnectionName()))
                                 : path + QStringLiteral(".schema%1.bak").arg(version);
        QFile::remove(copy);
        // A file without a pending log is copied byte for byte; otherwise SQLite writes a
        // consistent copy of what is committed.
        if (QFileInfo(path + QStringLiteral("-wal")).size() > 0) {
            if (auto c = db->connect(true); !c)
                return std::unexpected(c.error());
            if (auto copied = copyDatabase(db->m_db, copy); !copied)
                return std::unexpected(db->failure(QStringLiteral("cannot copy before migrating"), copied.error()));
            db->disconnect();
        } else if (!QFile::copy(path, copy)) {
            return std::unexpected(Error{ErrorKind::Io, shown(path) + QStringLiteral(": cannot copy before migrating to ") + shown(copy)});
        }
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        if (mode == OpenMode::ReadOnly) {
            db->m_file = copy;
            db->m_temporary = copy;
        }
    }
    if (auto c = db->connect(false); !c)
        return std::unexpected(c.error());
    if (auto w = enableWriteAheadLog(db->m_db); !w)
        return std::unexpected(db->failure(QStringLiteral("cannot open for writing"), w.error()));
    if (version < SchemaVersion)
        if (auto m = db->migrate(version); !m)
            return std::unexpected(m.error());
    if (mode == OpenMode::ReadOnly) {
        db->disconnect();
        if (auto c = db->connect(true); !c)
            return std::unexpected(c.error());
    }
    return db;
}

} // namespace atlas::workspace
