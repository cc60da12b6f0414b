#include "jsonwriter.h"

#include <QIODevice>
#include <QJsonDocument>

#include <charconv>

namespace atlas {

QJsonObject sourceJson(const Inventory &inventory, const SourceRef &ref)
{
    return QJsonObject{{QStringLiteral("file"), displayFileName(inventory.fileOf(ref))},
                       {QStringLiteral("line"), qint64(ref.line)},
                       {QStringLiteral("column"), qint64(ref.column)}};
}

QJsonObject diagnosticJson(const Diagnostic &d)
{
    return QJsonObject{
        {QStringLiteral("severity"),
         d.severity == Severity::Error ? QStringLiteral("error") : QStringLiteral("warning")},
        {QStringLiteral("file"), d.file},
        {QStringLiteral("line"), qint64(d.line)},
        {QStringLiteral("column"), qint64(d.column)},
        {QStringLiteral("message"), d.message}};
}

QJsonArray diagnosticsJson(const Diagnostics &diagnostics)
{
    QJsonArray out;
    for (const Diagnostic &d : diagnostics)
        out.append(diagnosticJson(d));
    return out;
}

QByteArray toJsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

JsonStream::JsonStream(QIODevice &device) : m_device(device)
{
    m_buf.reserve(BlockSize + 4096);
}

JsonStream::~JsonStream()
{
    flush();
}

bool JsonStream::flush()
{
    if (m_ok && !m_buf.empty())
        m_ok = m_device.write(m_buf.data(), qint64(m_buf.size())) == qint64(m_buf.size());
    m_buf.clear();
    return m_ok;
}

#ifndef NDEBUG
void JsonStream::checkKeyOrder(QStringView name)
{
    Level &level = m_levels.back();
    Q_ASSERT_X(level.empty || QStringView(level.lastKey).compare(name) < 0, "JsonStream::key",
               "keys must be given in ascending order, each once");
    level.lastKey = name.toString();
}
#endif

void JsonStream::key(QLatin1StringView name)
{
    Q_ASSERT(!m_levels.empty() && m_levels.back().object);
#ifndef NDEBUG
    checkKeyOrder(QString(name));
    for (char c : name)
        Q_ASSERT_X(c >= 0x20 && c != '"' && c != '\\', "JsonStream::key", "literal keys need no escaping");
#endif
    Level &level = m_levels.back();
    m_buf.append(level.empty ? "" : ",\n");
    level.empty = false;
    indent(m_levels.size());
    m_buf += '"';
    m_buf.append(name.data(), std::size_t(name.size()));
    m_buf.append("\": ");
}

void JsonStream::key(QStringView name)
{
    Q_ASSERT(!m_levels.empty() && m_levels.back().object);
#ifndef NDEBUG
    checkKeyOrder(name);
#endif
    Level &level = m_levels.back();
    m_buf.append(level.empty ? "" : ",\n");
    level.empty = false;
    indent(m_levels.size());
    m_buf += '"';
    escaped(name);
    m_buf.append("\": ");
}

// Inside an array a value starts its own line; inside an object key() has placed it.
void JsonStream::beforeValue()
{
    if (m_levels.empty() || m_levels.back().object)
        return;
    Level &level = m_levels.back();
    m_buf.append(level.empty ? "" : ",\n");
    level.empty = false;
    indent(m_levels.size());
}

void JsonStream::open(char bracket, bool object)
{
    beforeValue();
    m_buf += bracket;
    m_buf += '\n';
    m_levels.push_back(Level{object});
}

// Qt writes an empty container as "[\n<indent>]", a full one with a newline after its last item.
void JsonStream::close(char bracket)
{
    Q_ASSERT(!m_levels.empty());
    const bool empty = m_levels.back().empty;
    m_levels.pop_back();
    if (!empty)
        m_buf += '\n';
    indent(m_levels.size());
    m_buf += bracket;
    if (m_levels.empty())
        m_buf += '\n';
    maybeFlush();
}

void JsonStream::beginObject() { open('{', true); }
void JsonStream::endObject() { close('}'); }
void JsonStream::beginArray() { open('[', false); }
void JsonStream::endArray() { close(']'); }

void JsonStream::string(QStringView s)
{
    beforeValue();
    m_buf += '"';
    escaped(s);
    m_buf += '"';
    maybeFlush();
}

void JsonStream::string(QLatin1StringView s)
{
    string(QString(s)); // literals only: short, and Latin-1 above 0x7f must become UTF-8
}

void JsonStream::stringOrNull(QStringView s)
{
    if (s.isEmpty())
        null();
    else
        string(s);
}

void JsonStream::integer(qint64 n)
{
    beforeValue();
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
    m_buf.append(digits, std::size_t(end - digits));
}

void JsonStream::boolean(bool b)
{
    beforeValue();
    m_buf.append(b ? "true" : "false");
}

void JsonStream::null()
{
    beforeValue();
    m_buf.append("null");
}

void JsonStream::memberStrings(QLatin1StringView name, const QStringList &list)
{
    key(name);
    beginArray();
    for (const QString &s : list)
        string(s);
    endArray();
}

void JsonStream::value(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined: null(); return;
    case QJsonValue::Bool: boolean(v.toBool()); return;
    case QJsonValue::String: string(v.toString()); return;
    case QJsonValue::Double: {
        // Integers and doubles print differently; let Qt decide (reports hold integers only).
        const QByteArray one = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
        beforeValue();
        m_buf.append(one.constData() + 1, std::size_t(one.size() - 2)); // without [ ]
        return;
    }
    case QJsonValue::Array: {
        beginArray();
        for (const QJsonValue &item : v.toArray())
            value(item);
        endArray();
        return;
    }
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        beginObject();
        for (auto it = o.begin(); it != o.end(); ++it) { // QJsonObject iterates its keys sorted
            key(it.key());
            value(it.value());
        }
        endObject();
        return;
    }
    }
}

// Qt's escapedString(): ", \ and control characters escaped (\b \f \n \r \t, else \u00xx),
// everything else as UTF-8; a surrogate that is not half of a pair as \uxxxx, lower-case hex.
void JsonStream::escaped(QStringView s)
{
    static constexpr char hex[] = "0123456789abcdef";
    const char16_t *p = s.utf16();
    const char16_t *const end = p + s.size();
    while (p != end) {
        const char16_t *run = p; // plain ASCII copies through in one go
        while (p != end && *p < 0x80 && *p >= 0x20 && *p != u'"' && *p != u'\\')
            ++p;
        if (p != run) {
            const std::size_t at = m_buf.size();
            m_buf.resize(at + std::size_t(p - run));
            char *out = m_buf.data() + at;
            for (const char16_t *q = run; q != p; ++q)
                *out++ = char(*q);
        }
        if (p == end)
            break;
        const char16_t u = *p++;
        if (u < 0x80) {
            m_buf += '\\';
            switch (u) {
            case u'"': m_buf += '"'; break;
            case u'\\': m_buf += '\\'; break;
            case 0x8: m_buf += 'b'; break;
            case 0xc: m_buf += 'f'; break;
            case 0xa: m_buf += 'n'; break;
            case 0xd: m_buf += 'r'; break;
            case 0x9: m_buf += 't'; break;
            default:
                m_buf.append("u00");
                m_buf += hex[u >> 4];
                m_buf += hex[u & 0xf];
            }
        } else if (u < 0x800) {
            m_buf += char(0xc0 | (u >> 6));
            m_buf += char(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            m_buf += char(0xe0 | (u >> 12));
            m_buf += char(0x80 | ((u >> 6) & 0x3f));
            m_buf += char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && p != end && QChar::isLowSurrogate(*p)) {
            const char32_t c = QChar::surrogateToUcs4(u, *p++);
            m_buf += char(0xf0 | (c >> 18));
            m_buf += char(0x80 | ((c >> 12) & 0x3f));
            m_buf += char(0x80 | ((c >> 6) & 0x3f));
            m_buf += char(0x80 | (c & 0x3f));
        } else {
            m_buf.append("\\u");
            m_buf += hex[u >> 12];
            m_buf += hex[(u >> 8) & 0xf];
            m_buf += hex[(u >> 4) & 0xf];
            m_buf += hex[u & 0xf];
        }
    }
}

} // namespace atlas
