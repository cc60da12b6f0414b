#include "jsonscan.h"

#include "jsonblocks.h"
#include "jsonsyntax.h"

#include <charconv>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <bit>
#include <cstring>

namespace atlas {

namespace {

QString simdjsonMessage(simdjson::error_code code)
{
    if (code == simdjson::DEPTH_ERROR)
        return QStringLiteral("nested too deep (JSON parser limit)");
    return QStringLiteral("JSON syntax error: ") + QString::fromUtf8(simdjson::error_message(code));
}

// Converts parsed values to SourceNodes. simdjson's DOM parser is used per item because it
// dispatches at run time to the fastest kernel this CPU has (the on-demand API is fixed at
// compile time, to the portable fallback on a baseline x86-64 build). The DOM keeps no source
// offsets, but the parser's first stage leaves the offset of every token of the item (each
// bracket, each string, each other scalar, each ':' and ',') in document order, the order the
// DOM is walked in here: every node takes its offset from the next token, and a member the
// filter drops is skipped over its tokens. Positions are exact at every depth, for free.
class Converter
{
public:
    // `tokens`: the parser's structural indexes of the item, relative to `origin` in the file.
    Converter(std::uint32_t line, std::uint32_t column, const char *text, std::uint64_t origin,
              const std::uint32_t *tokens, std::uint32_t count)
        : m_line(line), m_column(column), m_text(text), m_origin(origin), m_tokens(tokens), m_count(count)
    {
    }

    SourceNode convert(simdjson::dom::element e, const FieldFilter *filter)
    {
        SourceNode n;
        fill(n, e, filter);
        return n;
    }

    // Fills `n` in place: children are built where they live, not moved in.
    void fill(SourceNode &n, simdjson::dom::element e, const FieldFilter *filter)
    {
        n.line = m_line;
        n.column = m_column;
        n.offset = token();
        switch (e.type()) {
        case simdjson::dom::element_type::ARRAY: {
            n.kind = SourceNode::Kind::Sequence;
            const simdjson::dom::array array(e);
            n.children.reserve(array.size());
            for (simdjson::dom::element item : array)
                fill(n.children.emplace_back(), item, filter);
            token(); // ']'
            break;
        }
        case simdjson::dom::element_type::OBJECT: {
            n.kind = SourceNode::Kind::Map;
            const simdjson::dom::object object(e);
            n.children.reserve(filter ? std::min(object.size(), filter->children.size()) : object.size());
            for (simdjson::dom::key_value_pair field : object) {
                token(); // the member's name
                const FieldFilter *sub = nullptr;
                if (filter) {
                    sub = filter->find(field.key);
                    if (!sub) {
                        skip();
                        continue;
                    }
                    if (sub->children.empty())
                        sub = nullptr;
                }
                SourceNode &child = n.children.emplace_back();
                child.key.assign(field.key);
                child.keyLine = m_line;
                child.keyColumn = m_column;
                fill(child, field.value, sub);
            }
            token(); // '}'
            break;
        }
        case simdjson::dom::element_type::STRING:
            n.kind = SourceNode::Kind::String;
            n.text.assign(std::string_view(e));
            break;
        case simdjson::dom::element_type::INT64:
            n.kind = SourceNode::Kind::Integer;
            n.text = std::to_string(std::int64_t(e));
            break;
        case simdjson::dom::element_type::UINT64:
            n.kind = SourceNode::Kind::Integer;
            n.text = std::to_string(std::uint64_t(e));
            break;
        case simdjson::dom::element_type::DOUBLE: {
            n.kind = SourceNode::Kind::Float;
            char buffer[64];
            const auto r = std::to_chars(buffer, buffer + sizeof buffer, double(e));
            n.text.assign(buffer, r.ptr);
            break;
        }
        case simdjson::dom::element_type::BOOL:
            n.kind = SourceNode::Kind::Bool;
            n.text = bool(e) ? "true" : "false";
            break;
        case simdjson::dom::element_type::NULL_VALUE:
            n.kind = SourceNode::Kind::Null;
            break;
        }
    }

private:
    // The file offset of the next token that is not ':' or ','.
    std::uint64_t token()
    {
        while (m_next < m_count) {
            const std::uint32_t at = m_tokens[m_next++];
            const char c = m_text[at];
            if (c != ':' && c != ',')
                return m_origin + at;
        }
        return m_origin; // not reached for a parsed item; the item's start is never wrong
    }

    // Passes over the value that starts at the next token (a dropped member).
    void skip()
    {
        const char first = m_text[token() - m_origin];
        if (first != '{' && first != '[')
            return;
        for (int depth = 1; depth > 0 && m_next < m_count;) {
            const char c = m_text[m_tokens[m_next++]];
            depth += (c == '{' || c == '[') ? 1 : (c == '}' || c == ']') ? -1 : 0;
        }
    }

    std::uint32_t m_line;
    std::uint32_t m_column;
    const char *m_text; // the item's first byte
    std::uint64_t m_origin;
    const std::uint32_t *m_tokens;
    std::uint32_t m_count;
    std::uint32_t m_next = 0;
};

} // namespace

JsonScanner::JsonScanner(const TextInput &input, std::uint32_t fileIndex)
    : m_input(input),
      m_name(input.name()),
      m_fileIndex(fileIndex),
      m_text(input.text()),
      m_capacity(input.paddedSize()),
      m_positions(input.text())
{
}

std::size_t JsonScanner::skipSpace(std::size_t at) const
{
    while (at < m_text.size()) {
        const char c = m_text[at];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            break;
        ++at;
    }
    return at;
}

Error JsonScanner::errorAt(std::size_t offset, const QString &message)
{
    const auto pos = m_positions.at(offset);
    return Error{m_name, pos.line, pos.column, message};
}

SourceRef JsonScanner::ref(std::size_t offset)
{
    const auto pos = m_positions.at(offset);
    return {m_fileIndex, pos.line, pos.column};
}

SourceRef JsonScanner::ref(const SourceNode &node)
{
    if (node.offset == SourceNode::noOffset)
        return {m_fileIndex, node.line, node.column};
    return ref(std::size_t(node.offset));
}

Error JsonScanner::errorAt(const SourceNode &node, const QString &message)
{
    const SourceRef at = ref(node);
    return Error{m_name, at.line, at.column, message};
}

namespace {

// The next quote or backslash (in a string), or the next quote or bracket (outside strings),
// at or after `pos`; 16 bytes at a time with SSE2 (every x86-64 has it). Reading up to 15 bytes
// past the text is safe: inputs keep simdjson's 64 bytes of padding.
std::size_t nextSpecial(const char *text, std::size_t size, std::size_t pos, bool inString)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i openBrace = _mm_set1_epi8('{');
    const __m128i closeBrace = _mm_set1_epi8('}');
    const __m128i openBracket = _mm_set1_epi8('[');
    const __m128i closeBracket = _mm_set1_epi8(']');
    while (pos < size) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(text + pos));
        __m128i hits = _mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash));
        if (!inString)
            hits = _mm_or_si128(hits, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, openBrace), _mm_cmpeq_epi8(block, closeBrace)),
                                                   _mm_or_si128(_mm_cmpeq_epi8(block, openBracket), _mm_cmpeq_epi8(block, closeBracket))));
        unsigned bits = unsigned(_mm_movemask_epi8(hits));
        if (size - pos < 16)
            bits &= (1u << (size - pos)) - 1u;
        if (bits)
            return pos + std::size_t(__builtin_ctz(bits));
        pos += 16;
    }
    return size;
#else
    for (; pos < size; ++pos) {
        const char c = text[pos];
        if (c == '"' || c == '\\' || (!inString && (c == '{' || c == '}' || c == '[' || c == ']')))
            return pos;
    }
    return size;
#endif
}

} // namespace

std::expected<std::size_t, Error> JsonScanner::stringEnd(std::size_t at)
{
    // `at` is the opening quote; an escaped character never ends the string.
    std::size_t i = at + 1;
    for (;;) {
        i = nextSpecial(m_text.data(), m_text.size(), i, true);
        if (i >= m_text.size())
            return std::unexpected(errorAt(at, QStringLiteral("unexpected end of file: this string is not closed")));
        if (m_text[i] == '"')
            return i + 1;
        i += 2; // a backslash and the character it escapes
    }
}

std::expected<std::size_t, Error> JsonScanner::valueEnd(std::size_t at)
{
    at = skipSpace(at);
    if (at >= m_text.size())
        return std::unexpected(errorAt(at, QStringLiteral("unexpected end of file: a value is missing")));
    const char first = m_text[at];
    if (first == '"')
        return stringEnd(at);
    if (first != '{' && first != '[') {
        std::size_t i = at;
        while (i < m_text.size() && !std::strchr(",]} \t\r\n", m_text[i]))
            ++i;
        if (i == at)
            return std::unexpected(errorAt(at, QStringLiteral("JSON syntax error: a value was expected")));
        return i;
    }
    // Brackets matched with a stack of openers, so a truncated or mangled export is an error
    // here and not a silently shorter list.
    m_open.clear();
    jsonblocks::BlockScanState state;
    std::size_t lastOpenQuote = at; // the last string opened before the current block
    for (std::size_t block = at; block < m_text.size(); block += 64) {
        const jsonblocks::BlockMasks m = jsonblocks::scanBlock(m_text, block, state);
        for (std::uint64_t bits = m.structural; bits; bits &= bits - 1) {
            const int bit = std::countr_zero(bits);
            const std::size_t i = block + std::size_t(bit);
            const char c = m_text[i];
            if (c == '{' || c == '[') {
                m_open.push_back(i);
            } else if (c == '}' || c == ']') {
                if (m_open.empty() || (c == '}') != (m_text[m_open.back()] == '{'))
                    return std::unexpected(errorAt(i, QStringLiteral("JSON syntax error: '%1' does not close the %2 opened before it")
                                                          .arg(QLatin1Char(c))
                                                          .arg(!m_open.empty() && m_text[m_open.back()] == '[' ? QStringLiteral("list")
                                                                                                                : QStringLiteral("object"))));
                m_open.pop_back();
                if (m_open.empty())
                    return i + 1;
            } else { // a backslash outside a string
                return std::unexpected(errorAt(i, QStringLiteral("JSON syntax error: a backslash outside a string")));
            }
        }
        if (m.openQuotes)
            lastOpenQuote = block + 63 - std::size_t(std::countl_zero(m.openQuotes));
    }
    if (state.inString)
        return std::unexpected(errorAt(lastOpenQuote, QStringLiteral("unexpected end of file: this string is not closed")));
    const auto pos = m_positions.at(m_open.back());
    const bool list = m_text[m_open.back()] == '[';
    return std::unexpected(errorAt(m_text.size(), QStringLiteral("unexpected end of file: the %1 opened at line %2, column %3 is not closed")
                                                      .arg(list ? QStringLiteral("list") : QStringLiteral("object"))
                                                      .arg(pos.line)
                                                      .arg(pos.column)));
}

std::expected<std::size_t, Error> JsonScanner::members(std::size_t at, const MemberFn &member)
{
    at = skipSpace(at);
    if (at >= m_text.size() || m_text[at] != '{')
        return std::unexpected(errorAt(at, QStringLiteral("expected a JSON object")));
    std::size_t i = skipSpace(at + 1);
    if (i < m_text.size() && m_text[i] == '}')
        return i + 1;
    for (;;) {
        if (i >= m_text.size() || m_text[i] != '"')
            return std::unexpected(errorAt(i, i >= m_text.size() ? QStringLiteral("unexpected end of file inside an object")
                                                                 : QStringLiteral("JSON syntax error: a member name was expected")));
        auto keyEnd = stringEnd(i);
        if (!keyEnd)
            return keyEnd;
        const std::string_view key = m_text.substr(i + 1, *keyEnd - i - 2);
        i = skipSpace(*keyEnd);
        if (i >= m_text.size() || m_text[i] != ':')
            return std::unexpected(errorAt(i, QStringLiteral("JSON syntax error: ':' expected after a member name")));
        const std::size_t value = skipSpace(i + 1);
        auto consumed = member(key, value);
        if (!consumed)
            return consumed;
        std::size_t end = *consumed;
        if (end == std::string_view::npos) {
            auto skipped = valueEnd(value);
            if (!skipped)
                return skipped;
            end = *skipped;
        }
        i = skipSpace(end);
        if (i < m_text.size() && m_text[i] == ',') {
            i = skipSpace(i + 1);
            continue;
        }
        if (i < m_text.size() && m_text[i] == '}')
            return i + 1;
        return std::unexpected(errorAt(i, i >= m_text.size() ? QStringLiteral("unexpected end of file: an object is not closed")
                                                             : QStringLiteral("JSON syntax error: ',' or '}' expected")));
    }
}

std::expected<std::size_t, Error> JsonScanner::items(std::size_t at, const ItemFn &item)
{
    at = skipSpace(at);
    if (at >= m_text.size() || m_text[at] != '[')
        return std::unexpected(errorAt(at, QStringLiteral("expected a JSON list")));
    std::size_t i = skipSpace(at + 1);
    if (i < m_text.size() && m_text[i] == ']')
        return i + 1;
    for (;;) {
        auto end = valueEnd(i);
        if (!end)
            return end;
        if (auto failed = item(i, *end))
            return std::unexpected(*failed);
        if (*end - m_released > (std::size_t(16) << 20)) { // hand consumed pages back
            m_input.release(*end);
            m_released = *end;
        }
        i = skipSpace(*end);
        if (i < m_text.size() && m_text[i] == ',') {
            i = skipSpace(i + 1);
            continue;
        }
        if (i < m_text.size() && m_text[i] == ']')
            return i + 1;
        return std::unexpected(errorAt(i, i >= m_text.size() ? QStringLiteral("unexpected end of file: a list is not closed")
                                                             : QStringLiteral("JSON syntax error: ',' or ']' expected")));
    }
}

std::optional<Error> JsonScanner::lines(std::size_t from, const ItemFn &line)
{
    std::size_t i = from;
    while (i < m_text.size()) {
        const void *nl = std::memchr(m_text.data() + i, '\n', m_text.size() - i);
        const std::size_t end = nl ? std::size_t(static_cast<const char *>(nl) - m_text.data()) : m_text.size();
        std::size_t b = skipSpace(i);
        if (b < end) {
            std::size_t e = end;
            while (e > b && (m_text[e - 1] == '\r' || m_text[e - 1] == ' ' || m_text[e - 1] == '\t'))
                --e;
            if (auto failed = line(b, e))
                return failed;
            if (e - m_released > (std::size_t(16) << 20)) {
                m_input.release(e);
                m_released = e;
            }
        }
        i = end + 1;
    }
    return std::nullopt;
}

std::expected<SourceNode, Error> JsonScanner::node(std::size_t begin, std::size_t end,
                                                   const FieldFilter *filter)
{
    simdjson::dom::element root;
    if (auto err = m_dom.parse(reinterpret_cast<const std::uint8_t *>(m_text.data() + begin), end - begin, false).get(root)) {
        // Point at the offending character when the scanner can find it.
        const JsonSyntaxProblem problem = findJsonSyntaxError(m_text.substr(begin, end - begin));
        if (problem.offset != std::string_view::npos)
            return std::unexpected(errorAt(begin + problem.offset, QStringLiteral("JSON syntax error: ")
                                                                      + QString::fromStdString(problem.reason)));
        return std::unexpected(errorAt(begin, simdjsonMessage(err)));
    }
    const auto start = m_positions.at(begin);
    m_positions.mark(); // members' positions are resolved later, in any order, from here
    const auto &stage1 = *m_dom.implementation;
    return Converter(start.line, start.column, m_text.data() + begin, begin, stage1.structural_indexes.get(),
                     stage1.n_structural_indexes)
        .convert(root, filter);
}

std::expected<SourceNode, Error> JsonScanner::nestedNode(const std::string &json,
                                                         const SourceNode &origin,
                                                         const FieldFilter *filter)
{
    const SourceRef at = ref(origin);
    simdjson::dom::element root;
    if (auto err = m_dom.parse(json).get(root))
        return std::unexpected(Error{m_name, at.line, at.column, QStringLiteral("this string should hold JSON: ") + simdjsonMessage(err)});
    // No token offsets: the string's own offsets are not the file's, so every node takes the
    // string's position.
    return Converter(at.line, at.column, json.data(), origin.offset, nullptr, 0).convert(root, filter);
}

std::string_view nodeText(const SourceNode *node)
{
    if (!node || !node->isScalar() || node->kind == SourceNode::Kind::Null)
        return {};
    return node->text;
}

const SourceNode *nodePath(const SourceNode &root, std::initializer_list<std::string_view> path)
{
    const SourceNode *n = &root;
    for (std::string_view key : path) {
        if (n->kind != SourceNode::Kind::Map)
            return nullptr;
        n = n->member(key);
        if (!n)
            return nullptr;
    }
    return n;
}

namespace {
bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}
} // namespace

const SourceNode *memberNoCase(const SourceNode &node, std::string_view name)
{
    if (node.kind != SourceNode::Kind::Map)
        return nullptr;
    for (const SourceNode &c : node.children)
        if (equalsNoCase(c.key, name))
            return &c;
    return nullptr;
}

std::vector<std::pair<std::string, std::string>> nodeTags(const SourceNode *node)
{
    std::vector<std::pair<std::string, std::string>> tags;
    if (!node)
        return tags;
    if (node->kind == SourceNode::Kind::Map) {
        for (const SourceNode &c : node->children)
            if (c.isScalar())
                tags.emplace_back(c.key, c.kind == SourceNode::Kind::Null ? std::string() : c.text);
    } else if (node->kind == SourceNode::Kind::Sequence) {
        for (const SourceNode &item : node->children) {
            const std::string_view key = nodeText(memberNoCase(item, "key"));
            if (!key.empty())
                tags.emplace_back(std::string(key), std::string(nodeText(memberNoCase(item, "value"))));
        }
    }
    return tags;
}

} // namespace atlas
