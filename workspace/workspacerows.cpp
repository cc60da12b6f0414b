#include "workspacerows.h"

#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace atlas::workspace {

void RowStatement::bind(int index, const QVariant &value)
{
    if (value.isNull())
        bindNull(index);
    else if (value.typeId() == QMetaType::Double)
        bindReal(index, value.toDouble());
    else if (value.typeId() == QMetaType::QString)
        bindText(index, *static_cast<const QString *>(value.constData()));
    else
        bindInteger(index, value.toLongLong());
}

QVariant RowCursor::value(int column) const
{
    switch (kindOf(column)) {
    case 1: return integer(column);
    case 2: return real(column);
    case 3: return text(column);
    default: return {};
    }
}

namespace {

class NativeStatement final : public RowStatement
{
public:
    explicit NativeStatement(sqlite3_stmt *statement) : m_statement(statement) {}
    ~NativeStatement() override { sqlite3_finalize(m_statement); }
    void bindNull(int index) override { sqlite3_bind_null(m_statement, index + 1); }
    void bindInteger(int index, qint64 value) override { sqlite3_bind_int64(m_statement, index + 1, value); }
    void bindReal(int index, double value) override { sqlite3_bind_double(m_statement, index + 1, value); }
    void bindText(int index, const QString &value) override
    {
        sqlite3_bind_text16(m_statement, index + 1, value.utf16(), int(value.size() * 2), SQLITE_TRANSIENT);
    }
    std::expected<void, QString> exec() override
    {
        const int rc = sqlite3_step(m_statement);
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW)
            return std::unexpected(QString::fromUtf8(sqlite3_errstr(rc)) + QStringLiteral(" (") + QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_statement))) + u')');
        return {};
    }

private:
    sqlite3_stmt *m_statement;
};

class NativeCursor final : public RowCursor
{
public:
    explicit NativeCursor(sqlite3_stmt *statement) : m_statement(statement) {}
    ~NativeCursor() override { sqlite3_finalize(m_statement); }
    bool next() override
    {
        const int rc = sqlite3_step(m_statement);
        if (rc == SQLITE_ROW)
            return true;
        if (rc != SQLITE_DONE)
            m_error = QString::fromUtf8(sqlite3_errmsg(sqlite3_db_handle(m_statement)));
        return false;
    }
    bool isNull(int column) const override { return sqlite3_column_type(m_statement, column) == SQLITE_NULL; }
    qint64 integer(int column) const override { return sqlite3_column_int64(m_statement, column); }
    double real(int column) const override { return sqlite3_column_double(m_statement, column); }
    QString text(int column) const override
    {
        const auto *data = static_cast<const char16_t *>(sqlite3_column_text16(m_statement, column));
        const int bytes = sqlite3_column_bytes16(m_statement, column);
        return data ? QString(reinterpret_cast<const QChar *>(data), bytes / 2) : QString();
    }
    QString error() const override { return m_error; }
    int kindOf(int column) const override
    {
        switch (sqlite3_column_type(m_statement, column)) {
        case SQLITE_INTEGER: return 1;
        case SQLITE_FLOAT: return 2;
        case SQLITE_NULL: return 0;
        default: return 3;
        }
    }

private:
    sqlite3_stmt *m_statement;
    QString m_error;
};

// Any other driver: the same statements through Qt SQL.
class QtStatement final : public RowStatement
{
public:
    explicit QtStatement(QSqlQuery query) : m_query(std::move(query)) {}
    void bindNull(int index) override { m_query.bindValue(index, QVariant()); }
    void bindInteger(int index, qint64 value) override { m_query.bindValue(index, value); }
    void bindReal(int index, double value) override { m_query.bindValue(index, value); }
    void bindText(int index, const QString &value) override { m_query.bindValue(index, value); }
    std::expected<void, QString> exec() override
    {
        if (!m_query.exec())
            return std::unexpected(m_query.lastError().text());
        return {};
    }

private:
    QSqlQuery m_query;
};

class QtCursor final : public RowCursor
{
public:
    explicit QtCursor(QSqlQuery query) : m_query(std::move(query)) {}
    bool next() override { return m_query.next(); }
    bool isNull(int column) const override { return m_query.isNull(column); }
    qint64 integer(int column) const override { return m_query.value(column).toLongLong(); }
    double real(int column) const override { return m_query.value(column).toDouble(); }
    QString text(int column) const override { return m_query.value(column).toString(); }
    QString error() const override { return m_query.lastError().isValid() ? m_query.lastError().text() : QString(); }
    int kindOf(int column) const override
    {
        const QVariant v = m_query.value(column);
        if (v.isNull())
            return 0;
        if (v.typeId() == QMetaType::Double)
            return 2;
        return v.typeId() == QMetaType::QString ? 3 : 1;
    }

private:
    QSqlQuery m_query;
};

sqlite3_stmt *prepareNative(sqlite3 *handle, const QString &sql, QString &error)
{
    sqlite3_stmt *statement = nullptr;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v2(handle, text.constData(), int(text.size()), &statement, nullptr) != SQLITE_OK) {
        error = QString::fromUtf8(sqlite3_errmsg(handle));
        sqlite3_finalize(statement);
        return nullptr;
    }
    return statement;
}

} // namespace

std::expected<std::unique_ptr<RowStatement>, Error> prepareRows(Database &db, const QString &sql)
{
    if (sqlite3 *handle = db.native()) {
        QString error;
        if (sqlite3_stmt *statement = prepareNative(handle, sql, error))
            return std::make_unique<NativeStatement>(statement);
        return std::unexpected(db.failure(QStringLiteral("cannot prepare"), error));
    }
    QSqlQuery q(db.sql());
    if (!q.prepare(sql))
        return std::unexpected(db.failure(QStringLiteral("cannot prepare"), q.lastError().text()));
    return std::make_unique<QtStatement>(std::move(q));
}

std::expected<std::unique_ptr<RowCursor>, Error> queryRows(Database &db, const QString &sql, const QVariantList &values)
{
    if (sqlite3 *handle = db.native()) {
        QString error;
        sqlite3_stmt *statement = prepareNative(handle, sql, error);
        if (!statement)
            return std::unexpected(db.failure(QStringLiteral("cannot read"), error));
        for (int i = 0; i < values.size(); ++i) {
            const QVariant &v = values[i];
            if (v.isNull())
                sqlite3_bind_null(statement, i + 1);
            else if (v.typeId() == QMetaType::QString)
                sqlite3_bind_text16(statement, i + 1, v.toString().utf16(), int(v.toString().size() * 2), SQLITE_TRANSIENT);
            else if (v.typeId() == QMetaType::Double)
                sqlite3_bind_double(statement, i + 1, v.toDouble());
            else
                sqlite3_bind_int64(statement, i + 1, v.toLongLong());
        }
        return std::make_unique<NativeCursor>(statement);
    }
    QSqlQuery q(db.sql());
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return std::unexpected(db.failure(QStringLiteral("cannot read"), q.lastError().text()));
    for (int i = 0; i < values.size(); ++i)
        q.bindValue(i, values[i]);
    if (!q.exec())
        return std::unexpected(db.failure(QStringLiteral("cannot read"), q.lastError().text()));
    return std::make_unique<QtCursor>(std::move(q));
}

} // namespace atlas::workspace
