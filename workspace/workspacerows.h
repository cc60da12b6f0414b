// Row-at-a-time statements for the entity tables, where a 10^6-flow estate makes the binding
// cost matter: on SQLite they go straight to the connection's native handle (the same
// connection and transaction as Qt SQL's), elsewhere through QSqlQuery. The SQL is the same.
#pragma once

#include "workspacedb.h"

#include <QString>
#include <QVariant>

#include <memory>

namespace atlas::workspace {

// A prepared statement run many times: bind every parameter (0-based), then exec().
class RowStatement
{
public:
    virtual ~RowStatement() = default;
    virtual void bindNull(int index) = 0;
    virtual void bindInteger(int index, qint64 value) = 0;
    virtual void bindReal(int index, double value) = 0;
    virtual void bindText(int index, const QString &value) = 0;
    void bind(int index, const QVariant &value);
    // Runs it and resets it for the next bindings; the driver's message on failure.
    virtual std::expected<void, QString> exec() = 0;
};

// A forward-only result.
class RowCursor
{
public:
    virtual ~RowCursor() = default;
    virtual bool next() = 0;
    virtual bool isNull(int column) const = 0;
    virtual qint64 integer(int column) const = 0;
    virtual double real(int column) const = 0;
    virtual QString text(int column) const = 0;
    QVariant value(int column) const; // null, integer, real or text as stored
    virtual int kindOf(int column) const = 0; // 0 null, 1 integer, 2 real, 3 text
    // Empty while no error happened (next() returning false at the end is not one).
    virtual QString error() const = 0;
};

std::expected<std::unique_ptr<RowStatement>, Error> prepareRows(Database &db, const QString &sql);
std::expected<std::unique_ptr<RowCursor>, Error> queryRows(Database &db, const QString &sql, const QVariantList &values = {});

} // namespace atlas::workspace
