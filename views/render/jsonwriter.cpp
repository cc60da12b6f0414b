#include "jsonwriter.h"

#include <QIODevice>
#include <QJsonDocument>

#include <charconv>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

JsonStream::JsonStream(QIODevice &device)
    : m_device(device), m_data(new char[BlockSize + 64 * 1024]), m_end(m_data.get()), m_limit(m_data.get() + BlockSize + 64 * 1024)
{
}

JsonStream::~JsonStream()
{
    flush();
}

bool JsonStream::flush()
{
    const qint64 n = m_end - m_data.get();
    if (m_ok && n > 0)
        m_ok = m_device.write(m_data.get(), n) == n;
    m_end = m_data.get();
    return m_ok;
}

void JsonStream::makeRoom(std::size_t bytes)
{
    flush();
    const std::size_t capacity = std::size_t(m_limit - m_data.get());
    if (bytes > capacity) { // one value bigger than the buffer: grow it for good
        m_data.reset(new char[bytes]);
        m_end = m_data.get();
        m_limit = m_data.get() + bytes;
    }
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

void JsonStream::separator()
{
    Level &level = m_levels.back();
    const std::size_t indent = 4 * m_levels.size();
    char *out = reserve(indent + 2);
    if (!level.empty) {
        *out++ = ',';
        *out++ = '\n';
    }
    level.empty = false;
    std::memset(out, ' ', indent);
    m_end = out + indent;
}

void JsonStream::key(QLatin1StringView name)
{
    Q_ASSERT(!m_levels.empty() && m_levels.back().object);
#ifndef NDEBUG
    checkKeyOrder(QString(name));
    for (char c : name)
        Q_ASSERT_X(c >= 0x20 && c != '"' && c != '\\', "JsonStream::key", "literal keys need no escaping");
#endif
    separator();
    char *out = reserve(std::size_t(name.size()) + 4);
    *out++ = '"';
    std::memcpy(out, name.data(), std::size_t(name.size()));
    out += name.size();
    std::memcpy(out, "\": ", 3);
    m_end = out + 3;
}

void JsonStream::key(QStringView name)
{
    Q_ASSERT(!m_levels.empty() && m_levels.back().object);
#ifndef NDEBUG
    checkKeyOrder(name);
#endif
    separator();
    put('"');
    escaped(name);
    put("\": ", 3);
}

// Inside an array a value starts its own line; inside an object key() has placed it.
void JsonStream::beforeValue()
{
    if (!m_levels.empty() && !m_levels.back().object)
        separator();
}

void JsonStream::open(char bracket, bool object)
{
    beforeValue();
    char *out = reserve(2);
    out[0] = bracket;
    out[1] = '\n';
    m_end = out + 2;
    m_levels.push_back(Level{object});
}

// Qt writes an empty container as "[\n<indent>]", a full one with a newline after its last item.
void JsonStream::close(char bracket)
{
    Q_ASSERT(!m_levels.empty());
    const bool empty = m_levels.back().empty;
    m_levels.pop_back();
    const std::size_t indent = 4 * m_levels.size();
    char *out = reserve(indent + 3);
    if (!empty)
        *out++ = '\n';
    std::memset(out, ' ', indent);
    out += indent;
    *out++ = bracket;
    if (m_levels.empty())
        *out++ = '\n';
    m_end = out;
    maybeFlush();
}

void JsonStream::beginObject() { open('{', true); }
void JsonStream::endObject() { close('}'); }
void JsonStream::beginArray() { open('[', false); }
void JsonStream::endArray() { close(']'); }

void JsonStream::string(QStringView s)
{
    beforeValue();
    put('"');
    escaped(s);
    put('"');
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
    char *out = reserve(24);
    m_end = std::to_chars(out, out + 24, n).ptr;
}

void JsonStream::boolean(bool b)
{
    beforeValue();
    if (b)
        put("true", 4);
    else
        put("false", 5);
}

void JsonStream::null()
{
    beforeValue();
    put("null", 4);
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
        put(one.constData() + 1, std::size_t(one.size() - 2)); // without [ ]
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

namespace {

// Printable ASCII other than " and \: copied as is. 8 code units at a time with SSE2.
const char16_t *plainRun(const char16_t *p, const char16_t *end, char *&out)
{
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi16(0x20), below = _mm_set1_epi16(0x60), minusOne = _mm_set1_epi16(-1);
    const __m128i quote = _mm_set1_epi16('"'), backslash = _mm_set1_epi16('\\');
    while (end - p >= 8) {
        const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        // 0x20 <= u < 0x80 as signed 16-bit: u - 0x20 in [0, 0x60) (0x8000 and up wrap negative).
        const __m128i shifted = _mm_sub_epi16(units, space);
        __m128i plain = _mm_and_si128(_mm_cmpgt_epi16(shifted, minusOne), _mm_cmplt_epi16(shifted, below));
        plain = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi16(units, quote), _mm_cmpeq_epi16(units, backslash)), plain);
        const unsigned mask = unsigned(_mm_movemask_epi8(plain));
        if (mask != 0xffff)
            break;
        _mm_storel_epi64(reinterpret_cast<__m128i *>(out), _mm_packus_epi16(units, units));
        out += 8;
        p += 8;
    }
#endif
    while (p != end && *p < 0x80 && *p >= 0x20 && *p != u'"' && *p != u'\\')
        *out++ = char(*p++);
    return p;
}

} // namespace

// Qt's escapedString(): ", \ and control characters escaped (\b \f \n \r \t, else \u00xx),
// everything else as UTF-8; a surrogate that is not half of a pair as \uxxxx, lower-case hex.
void JsonStream::escaped(QStringView s)
{
    static constexpr char hex[] = "0123456789abcdef";
    const char16_t *p = s.utf16();
    const char16_t *const end = p + s.size();
    char *out = reserve(6 * std::size_t(s.size())); // the most one code unit can take
    while (p != end) {
        p = plainRun(p, end, out);
        if (p == end)
            break;
        const char16_t u = *p++;
        if (u < 0x80) {
            *out++ = '\\';
            switch (u) {
            case u'"': *out++ = '"'; break;
            case u'\\': *out++ = '\\'; break;
            case 0x8: *out++ = 'b'; break;
            case 0xc: *out++ = 'f'; break;
            case 0xa: *out++ = 'n'; break;
            case 0xd: *out++ = 'r'; break;
            case 0x9: *out++ = 't'; break;
            default:
                *out++ = 'u';
                *out++ = '0';
                *out++ = '0';
                *out++ = hex[u >> 4];
                *out++ = hex[u & 0xf];
            }
        } else if (u < 0x800) {
            *out++ = char(0xc0 | (u >> 6));
            *out++ = char(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            *out++ = char(0xe0 | (u >> 12));
            *out++ = char(0x80 | ((u >> 6) & 0x3f));
            *out++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && p != end && QChar::isLowSurrogate(*p)) {
            const char32_t c = QChar::surrogateToUcs4(u, *p++);
            *out++ = char(0xf0 | (c >> 18));
            *out++ = char(0x80 | ((c >> 12) & 0x3f));
            *out++ = char(0x80 | ((c >> 6) & 0x3f));
            *out++ = char(0x80 | (c & 0x3f));
        } else {
            *out++ = '\\';
            *out++ = 'u';
            *out++ = hex[u >> 12];
            *out++ = hex[(u >> 8) & 0xf];
            *out++ = hex[(u >> 4) & 0xf];
            *out++ = hex[u & 0xf];
        }
    }
    m_end = out;
}

} // namespace atlas
