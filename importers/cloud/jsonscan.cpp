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

// Builds a JsonTree from a parsed item. simdjson's DOM parser is used per item because it
// dispatches at run time to the fastest kernel this CPU has (the on-demand API is fixed at
// compile time, to the portable fallback on a baseline x86-64 build). The DOM keeps no source
// offsets, but the parser's first stage leaves the offset of every token of the item (each
// bracket, string, other scalar, ':' and ','), in the order the DOM is walked here; the parse
// has validated the item, so which token comes next is known from the structure alone: every
// node takes its offset from its first token, and a member the filter drops is skipped over its
// tokens. Positions are exact at every depth, for free. Numbers keep their text as written.
// An item of the file borrows its texts from the parser (names and strings, until its next
// parse) and from the file (numbers); a JSON document held in a string is parsed while the item
// it sits in is still read, so its tree copies them.
class Converter
{
public:
    // `tokens`: the parser's structural indexes of the item in `text` (which starts at `origin`
    // in the file); none for a JSON document held in a string, whose nodes all take `origin`.
    Converter(JsonTree &tree, std::string_view text, std::uint64_t origin, const std::uint32_t *tokens)
        : m_tree(tree), m_text(text), m_origin(origin), m_tokens(tokens)
    {
    }

    const JsonNode *convert(simdjson::dom::element e, const FieldFilter *filter)
    {
        m_tree.reset();
        JsonNode &root = m_tree.allocate(1).front();
        fill(root, e, filter);
        return &root;
    }

private:
    // Fills `n` in place: children are built where they live.
    void fill(JsonNode &n, simdjson::dom::element e, const FieldFilter *filter)
    {
        const std::uint32_t at = take();
        n.offset = m_tokens ? m_origin + at : m_origin;
        switch (e.type()) {
        case simdjson::dom::element_type::ARRAY: {
            n.kind = JsonNode::Kind::Sequence;
            const simdjson::dom::array array(e);
            std::size_t size = array.size();
            if (size >= 0xFFFFFF) // simdjson saturates the count of very long lists
                size = std::size_t(std::distance(array.begin(), array.end()));
            const std::span<JsonNode> items = m_tree.allocate(size);
            std::size_t i = 0;
            for (simdjson::dom::element item : array) {
                if (i > 0)
                    take(); // ','
                fill(items[i++], item, filter);
            }
            n.children = items.first(i);
            take(); // ']'
            break;
        }
        case simdjson::dom::element_type::OBJECT: {
            n.kind = JsonNode::Kind::Map;
            const simdjson::dom::object object(e);
            std::size_t size = object.size();
            if (size >= 0xFFFFFF)
                size = std::size_t(std::distance(object.begin(), object.end()));
            const std::span<JsonNode> members = m_tree.allocate(filter ? std::min(size, filter->children.size()) : size);
            std::size_t kept = 0;
            bool first = true;
            for (simdjson::dom::key_value_pair field : object) {
                if (!first)
                    take(); // ','
                first = false;
                take(); // the member's name
                take(); // ':'
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
                JsonNode &child = members[kept++];
                child.key = keep(field.key);
                fill(child, field.value, sub);
            }
            n.children = members.first(kept);
            take(); // '}'
            break;
        }
        case simdjson::dom::element_type::STRING:
            n.kind = JsonNode::Kind::String;
            n.text = keep(std::string_view(e));
            break;
        case simdjson::dom::element_type::INT64:
        case simdjson::dom::element_type::UINT64:
        case simdjson::dom::element_type::DOUBLE:
            n.kind = e.type() == simdjson::dom::element_type::DOUBLE ? JsonNode::Kind::Float : JsonNode::Kind::Integer;
            n.text = number(e, at);
            break;
        case simdjson::dom::element_type::BOOL:
            n.kind = JsonNode::Kind::Bool;
            n.text = bool(e) ? std::string_view("true") : std::string_view("false");
            break;
        case simdjson::dom::element_type::NULL_VALUE:
            n.kind = JsonNode::Kind::Null;
            break;
        }
    }

    std::string_view keep(std::string_view text) { return m_tokens ? text : m_tree.store(text); }

    // The next token's offset within the item (0 without tokens).
    std::uint32_t take() { return m_tokens ? m_tokens[m_next++] : 0; }

    // Passes over the value whose first token is next (a dropped member).
    void skip()
    {
        if (!m_tokens)
            return;
        const char first = m_text[take()];
        if (first != '{' && first != '[')
            return;
        for (int depth = 1; depth > 0;) {
            const char c = m_text[m_tokens[m_next++]];
            depth += (c == '{' || c == '[') ? 1 : (c == '}' || c == ']') ? -1 : 0;
        }
    }

    // A number as written in the file; formatted from its value in a nested document.
    std::string_view number(simdjson::dom::element e, std::uint32_t at)
    {
        if (m_tokens) {
            std::size_t end = at;
            while (end < m_text.size() && std::strchr("+-.0123456789eE", m_text[end]) && m_text[end] != '\0')
                ++end;
            return m_text.substr(at, end - at);
        }
        char buffer[64];
        std::to_chars_result r{};
        if (e.type() == simdjson::dom::element_type::INT64)
            r = std::to_chars(buffer, buffer + sizeof buffer, std::int64_t(e));
        else if (e.type() == simdjson::dom::element_type::UINT64)
            r = std::to_chars(buffer, buffer + sizeof buffer, std::uint64_t(e));
        else
            r = std::to_chars(buffer, buffer + sizeof buffer, double(e));
        return m_tree.store(std::string_view(buffer, std::size_t(r.ptr - buffer)));
    }

    JsonTree &m_tree;
    std::string_view m_text; // the item
    std::uint64_t m_origin;
    const std::uint32_t *m_tokens;
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

std::expected<const JsonNode *, Error> JsonScanner::node(std::size_t begin, std::size_t end,
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
    m_positions.at(begin);
    m_positions.mark(); // members' positions are resolved later, in any order, from here
    return Converter(m_item, m_text.substr(begin, end - begin), begin, m_dom.implementation->structural_indexes.get())
        .convert(root, filter);
}

std::expected<const JsonNode *, Error> JsonScanner::nestedNode(std::string_view json, const JsonNode &origin, JsonTree &into,
                                                               const FieldFilter *filter)
{
    simdjson::dom::element root;
    if (auto err = m_nestedDom.parse(json.data(), json.size()).get(root))
        return std::unexpected(errorAt(origin, QStringLiteral("this string should hold JSON: ") + simdjsonMessage(err)));
    // No token offsets: the string's own offsets are not the file's.
    return Converter(into, json, origin.offset, nullptr).convert(root, filter);
}

} // namespace atlas
