// Small helpers for the JSON the commands print: positions and diagnostics in one shape, and
// JsonStream, which writes the same bytes as QJsonDocument straight to a device for reports too
// big to hold as a DOM (a check of 10^6 flows prints ~700 MB of SARIF).
#pragma once

#include "diagnostic.h"
#include "inventory.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstring>
#include <memory>
#include <vector>

class QIODevice;

namespace atlas {

QJsonObject sourceJson(const Inventory &inventory, const SourceRef &ref);
QJsonObject diagnosticJson(const Diagnostic &d);
QJsonArray diagnosticsJson(const Diagnostics &diagnostics);
// Deterministic, four-space indented (QJsonDocument::Indented), trailing newline.
QByteArray toJsonBytes(const QJsonObject &object);
QJsonValue stringOrNull(const QString &s);

// Writes a document byte for byte as QJsonDocument::toJson(Indented) would: 4-space indents,
// "key": value, Qt's string escaping (UTF-8; a lone surrogate as \udxxx), a newline after the
// root. QJsonObject keeps its keys sorted, so callers must give an object's keys in ascending
// order (debug builds check it) and no key twice. Output is buffered and written in ~1 MiB
// blocks; after a failed write everything else is dropped and ok() is false.
class JsonStream
{
public:
    explicit JsonStream(QIODevice &device);
    ~JsonStream();
    JsonStream(const JsonStream &) = delete;
    JsonStream &operator=(const JsonStream &) = delete;

    // A member's key; the value written next belongs to it. Literal keys are plain ASCII.
    void key(QLatin1StringView name);
    void key(QStringView name);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void string(QStringView s);
    void string(QLatin1StringView s);
    void stringOrNull(QStringView s); // empty → null, as the stringOrNull() above
    void integer(qint64 n);
    void boolean(bool b);
    void null();
    // Any value, e.g. a small part of a report built as a QJsonObject (same bytes either way).
    void value(const QJsonValue &v);

    // Shorthands for one member.
    void member(QLatin1StringView name, QStringView s) { key(name); string(s); }
    void member(QLatin1StringView name, QLatin1StringView s) { key(name); string(s); }
    void member(QLatin1StringView name, qint64 n) { key(name); integer(n); }
    void memberValue(QLatin1StringView name, const QJsonValue &v) { key(name); value(v); }
    void memberStrings(QLatin1StringView name, const QStringList &list);

    // Writes what is buffered; false once any write failed.
    bool flush();
    bool ok() const { return m_ok; }

private:
    struct Level
    {
        bool object = false;
        bool empty = true;
#ifndef NDEBUG
        QString lastKey; // keys must ascend, as QJsonObject orders them
#endif
    };
    void beforeValue();
    void separator(); // ",\n" unless first, then the indent of the current level
    void open(char bracket, bool object);
    void close(char bracket);
    void escaped(QStringView s);
    // Room for `bytes` more at m_end (the buffer is written out first, or grown for one huge
    // value), so that appending needs no checks.
    char *reserve(std::size_t bytes)
    {
        if (std::size_t(m_limit - m_end) < bytes)
            makeRoom(bytes);
        return m_end;
    }
    void makeRoom(std::size_t bytes);
    void put(const char *text, std::size_t n)
    {
        std::memcpy(reserve(n), text, n);
        m_end += n;
    }
    void put(char c) { *reserve(1) = c; ++m_end; }
    void maybeFlush()
    {
        if (std::size_t(m_end - m_data.get()) >= BlockSize)
            flush();
    }
#ifndef NDEBUG
    void checkKeyOrder(QStringView name);
#endif

    static constexpr std::size_t BlockSize = std::size_t(1) << 20;
    QIODevice &m_device;
    std::unique_ptr<char[]> m_data;
    char *m_end = nullptr;   // what is written so far ends here
    char *m_limit = nullptr; // the buffer ends here
    std::vector<Level> m_levels;
    bool m_ok = true;
};

} // namespace atlas
