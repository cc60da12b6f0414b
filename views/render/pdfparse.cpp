// Parsing what QPdfWriter writes (pdfparse.h): a tokenizer that reads one value at a time from
// an offset of the file, and the cross-reference tables that say where each object is.
#include "pdfparse.h"

#include <cstring>

namespace atlas::pdf {

namespace {

bool isSpace(char c) { return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }
bool isDelimiter(char c) { return c != 0 && std::strchr("()<>[]{}/%", c) != nullptr; }

// Reads tokens and values from an offset of the file.
class Parser
{
public:
    Parser(const QByteArray &data, qsizetype pos) : m_data(data), m_pos(pos) {}

    qsizetype pos() const { return m_pos; }
    void seek(qsizetype pos) { m_pos = pos; }

    void skipSpace()
    {
        while (m_pos < m_data.size()) {
            if (m_data[m_pos] == '%') {
                while (m_pos < m_data.size() && m_data[m_pos] != '\n' && m_data[m_pos] != '\r')
                    ++m_pos;
            } else if (isSpace(m_data[m_pos])) {
                ++m_pos;
            } else {
                break;
            }
        }
    }

    // A run of regular characters: a number or a keyword ("obj", "R", "true").
    QByteArray word()
    {
        skipSpace();
        const qsizetype start = m_pos;
        while (m_pos < m_data.size() && !isSpace(m_data[m_pos]) && !isDelimiter(m_data[m_pos]))
            ++m_pos;
        return m_data.mid(start, m_pos - start);
    }

    std::optional<PdfValue> value(int depth = 0)
    {
        skipSpace();
        if (m_pos >= m_data.size() || depth > 64) // deeper than any writer nests: a broken file
            return std::nullopt;
        const char c = m_data[m_pos];
        if (c == '<' && m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '<')
            return dictionary(depth);
        if (c == '[')
            return arrayValue(depth);
        if (c == '(')
            return literal();
        if (c == '<')
            return delimited('>', PdfValue::Type::String);
        if (c == '/') {
            ++m_pos;
            const QByteArray n = word();
            return PdfValue{PdfValue::Type::Name, '/' + n, {}, {}};
        }
        if (isDelimiter(c))
            return std::nullopt;
        return wordOrRef();
    }

private:
    std::optional<PdfValue> dictionary(int depth)
    {
        m_pos += 2;
        PdfValue d = dict();
        for (;;) {
            skipSpace();
            if (m_data.mid(m_pos, 2) == ">>") {
                m_pos += 2;
                return d;
            }
            if (m_pos >= m_data.size() || m_data[m_pos] != '/')
                return std::nullopt;
            ++m_pos;
            const QByteArray key = word();
            std::optional<PdfValue> v = value(depth + 1);
            if (!v)
                return std::nullopt;
            d.keys.append(key);
            d.items.push_back(std::move(*v));
        }
    }

    std::optional<PdfValue> arrayValue(int depth)
    {
        ++m_pos;
        PdfValue a = array({});
        for (;;) {
            skipSpace();
            if (m_pos < m_data.size() && m_data[m_pos] == ']') {
                ++m_pos;
                return a;
            }
            std::optional<PdfValue> v = value(depth + 1);
            if (!v)
                return std::nullopt;
            a.items.push_back(std::move(*v));
        }
    }

    // A literal string: balanced parentheses, backslash escapes.
    std::optional<PdfValue> literal()
    {
        const qsizetype start = m_pos;
        int open = 0;
        for (; m_pos < m_data.size(); ++m_pos) {
            const char c = m_data[m_pos];
            if (c == '\\')
                ++m_pos;
            else if (c == '(')
                ++open;
            else if (c == ')' && --open == 0)
                break;
        }
        if (m_pos >= m_data.size())
            return std::nullopt;
        ++m_pos;
        return PdfValue{PdfValue::Type::String, m_data.mid(start, m_pos - start), {}, {}};
    }

    std::optional<PdfValue> delimited(char close, PdfValue::Type type)
    {
        const qsizetype end = m_data.indexOf(close, m_pos);
        if (end < 0)
            return std::nullopt;
        PdfValue v{type, m_data.mid(m_pos, end + 1 - m_pos), {}, {}};
        m_pos = end + 1;
        return v;
    }

    // "12" alone is a number; "12 0 R" is a reference.
    std::optional<PdfValue> wordOrRef()
    {
        const QByteArray w = word();
        if (w.isEmpty())
            return std::nullopt;
        if (w == "null")
            return PdfValue{};
        bool isInt = false;
        const int num = w.toInt(&isInt);
        if (isInt) {
            const qsizetype back = m_pos;
            bool genOk = false;
            const int gen = word().toInt(&genOk);
            if (genOk && word() == "R")
                return ref(num, gen);
            m_pos = back;
        }
        return token(w);
    }

    const QByteArray &m_data;
    qsizetype m_pos;
};

} // namespace

std::expected<PdfFile, QString> PdfFile::open(const QByteArray &data)
{
    if (!data.startsWith("%PDF-"))
        return std::unexpected(QStringLiteral("not a PDF file"));
    const qsizetype at = data.lastIndexOf("startxref");
    if (at < 0)
        return std::unexpected(QStringLiteral("the PDF has no startxref"));
    Parser p(data, at + 9);
    bool ok = false;
    PdfFile file(data);
    file.m_startXref = p.word().toLongLong(&ok);
    if (!ok || file.m_startXref <= 0 || file.m_startXref >= data.size())
        return std::unexpected(QStringLiteral("the PDF's startxref is not an offset in the file"));
    qsizetype next = file.m_startXref;
    for (int sections = 0; next > 0; ++sections) {
        if (sections > 64)
            return std::unexpected(QStringLiteral("the PDF's cross-reference tables form a loop"));
        auto prev = file.readXrefSection(next);
        if (!prev)
            return std::unexpected(prev.error());
        next = *prev;
    }
    if (file.m_trailer.get("Encrypt"))
        return std::unexpected(QStringLiteral("the PDF is encrypted"));
    return file;
}

// Reads one table and its trailer; returns the /Prev offset (0: none). Entries already known
// come from a newer section and win.
std::expected<qsizetype, QString> PdfFile::readXrefSection(qsizetype offset)
{
    Parser p(m_data, offset);
    if (p.word() != "xref")
        return std::unexpected(QStringLiteral("the PDF uses a cross-reference stream, which is not supported"));
    for (;;) {
        const QByteArray first = p.word();
        if (first == "trailer")
            break;
        bool ok1 = false, ok2 = false;
        const int start = first.toInt(&ok1);
        const int count = p.word().toInt(&ok2);
        if (!ok1 || !ok2 || start < 0 || count < 0 || count > 8'000'000)
            return std::unexpected(QStringLiteral("the PDF's cross-reference table is malformed"));
        for (int i = 0; i < count; ++i) {
            bool ok = false;
            const qsizetype at = p.word().toLongLong(&ok);
            p.word(); // generation
            const QByteArray kind = p.word();
            if (!ok || (kind != "n" && kind != "f"))
                return std::unexpected(QStringLiteral("the PDF's cross-reference table is malformed"));
            if (kind == "n")
                m_offsets.try_emplace(start + i, at);
        }
    }
    std::optional<PdfValue> trailer = p.value();
    if (!trailer || trailer->type != PdfValue::Type::Dict)
        return std::unexpected(QStringLiteral("the PDF's trailer is not a dictionary"));
    if (m_trailer.type == PdfValue::Type::Null)
        m_trailer = *trailer;
    const PdfValue *prev = trailer->get("Prev");
    const auto prevOffset = prev ? prev->integer() : std::optional<qint64>(0);
    if (!prevOffset || *prevOffset < 0 || *prevOffset >= m_data.size())
        return std::unexpected(QStringLiteral("the PDF's /Prev is not an offset in the file"));
    return qsizetype(*prevOffset);
}

std::expected<PdfObject, QString> PdfFile::object(int num, bool allowStream) const
{
    const auto at = m_offsets.find(num);
    const QString where = QStringLiteral("PDF object %1").arg(num);
    if (at == m_offsets.end() || at->second <= 0 || at->second >= m_data.size())
        return std::unexpected(where + QStringLiteral(" is missing"));
    Parser p(m_data, at->second);
    if (p.word().toInt() != num || p.word().isEmpty() || p.word() != "obj")
        return std::unexpected(where + QStringLiteral(" is not where the cross-reference table says"));
    std::optional<PdfValue> value = p.value();
    if (!value)
        return std::unexpected(where + QStringLiteral(" cannot be read"));
    PdfObject object{std::move(*value), std::nullopt};
    QByteArray keyword = p.word();
    if (keyword == "stream" && allowStream && object.value.type == PdfValue::Type::Dict) {
        qsizetype start = p.pos();
        if (m_data.mid(start, 2) == "\r\n")
            start += 2;
        else if (start < m_data.size() && m_data[start] == '\n')
            start += 1;
        const PdfValue *length = object.value.get("Length");
        std::optional<qint64> bytes = length ? length->integer() : std::nullopt;
        if (length && length->type == PdfValue::Type::Ref) {
            auto resolved = this->object(length->num, false);
            bytes = resolved ? resolved->value.integer() : std::nullopt;
        }
        if (!bytes || *bytes < 0 || start + *bytes > m_data.size())
            return std::unexpected(where + QStringLiteral(": stream length is wrong"));
        object.stream = m_data.mid(start, *bytes);
        p.seek(start + *bytes);
        if (p.word() != "endstream")
            return std::unexpected(where + QStringLiteral(": stream does not end at its length"));
        keyword = p.word();
    }
    if (keyword != "endobj")
        return std::unexpected(where + QStringLiteral(" does not end with endobj"));
    return object;
}

} // namespace atlas::pdf
