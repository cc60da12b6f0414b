// Walking large JSON exports without indexing the whole file: a byte scanner finds the
// top-level members and the items of the big arrays (a few hundred MB of configuration items),
// and simdjson's parser reads one item at a time into a JsonNode tree that keeps only the
// fields a reader asks for. Memory stays near one item, not a structural index of the file;
// every node keeps its offset (from the parser's token offsets), turned into line:column when
// something points at it.
#pragma once

#include "diagnostic.h"
#include "jsonnode.h"
#include "textinput.h"

#include <simdjson.h>

#include <expected>
#include <functional>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace atlas {

// Which members of an object to keep: a key with no children keeps its whole value, a key with
// children keeps only those below it (arrays pass the filter on to their items).
struct FieldFilter
{
    FieldFilter(std::string_view name, std::vector<FieldFilter> kept = {}) : key(name), children(std::move(kept))
    {
        for (const FieldFilter &c : children)
            if (c.key.size() < 64)
                lengths |= std::uint64_t(1) << c.key.size();
    }
    std::string_view key;
    std::vector<FieldFilter> children;
    std::uint64_t lengths = 0; // bit n: a child's name has n characters
    const FieldFilter *find(std::string_view name) const
    {
        // Most members of an item are not kept: a name whose length no kept name has is out
        // in one test. This runs for every member of every item.
        if (name.size() < 64 && !((lengths >> name.size()) & 1))
            return nullptr;
        for (const FieldFilter &c : children)
            if (c.key.size() == name.size() && !name.empty() && c.key[0] == name[0] && c.key == name)
                return &c;
        return nullptr;
    }
};

class JsonScanner
{
public:
    JsonScanner(const TextInput &input, std::uint32_t fileIndex);

    std::string_view text() const { return m_text; }
    std::size_t skipSpace(std::size_t at) const;
    char at(std::size_t offset) const { return offset < m_text.size() ? m_text[offset] : '\0'; }

    // The offset just past the value starting at `at` (brackets matched, strings skipped).
    std::expected<std::size_t, Error> valueEnd(std::size_t at);
    // Calls `member(key, valueOffset)` for each member of the object at `at`; the callback
    // returns the end of the value it consumed, or npos to let the scanner skip it. Returns the
    // offset past the object.
    using MemberFn = std::function<std::expected<std::size_t, Error>(std::string_view key, std::size_t value)>;
    std::expected<std::size_t, Error> members(std::size_t at, const MemberFn &member);
    // Calls `item(begin, end)` for each item of the array at `at`; returns the offset past it.
    using ItemFn = std::function<std::optional<Error>(std::size_t begin, std::size_t end)>;
    std::expected<std::size_t, Error> items(std::size_t at, const ItemFn &item);
    // Calls `line(begin, end)` for every non-blank line (NDJSON).
    std::optional<Error> lines(std::size_t from, const ItemFn &line);

    // Parses the value in [begin, end) into a tree; `filter` null keeps everything. The tree is
    // the scanner's own and borrows from its parser: valid until the next call of node() or
    // nestedNode() (JsonTree::copyOf keeps one longer).
    std::expected<const JsonNode *, Error> node(std::size_t begin, std::size_t end,
                                                const FieldFilter *filter = nullptr);
    // Parses a JSON text held in a string (a JSON-encoded string inside the export) into `into`,
    // which keeps its own copies of the texts; positions all point at `origin`, where the
    // string sits in the file. It has a parser of its own: the item `origin` is in stays valid.
    std::expected<const JsonNode *, Error> nestedNode(std::string_view json, const JsonNode &origin, JsonTree &into,
                                                      const FieldFilter *filter = nullptr);

    Error errorAt(std::size_t offset, const QString &message);
    SourceRef ref(std::size_t offset);
    // Where `node` is.
    SourceRef ref(const JsonNode &node) { return ref(std::size_t(node.offset)); }
    Error errorAt(const JsonNode &node, const QString &message) { return errorAt(std::size_t(node.offset), message); }
    std::uint32_t fileIndex() const { return m_fileIndex; }
    const QString &fileName() const { return m_name; }

private:
    std::expected<std::size_t, Error> stringEnd(std::size_t at);

    const TextInput &m_input;
    std::size_t m_released = 0;
    std::vector<std::size_t> m_open; // valueEnd's bracket stack, kept to avoid reallocating
    QString m_name;
    std::uint32_t m_fileIndex;
    std::string_view m_text;
    std::size_t m_capacity; // readable bytes from m_text.data() (padding included)
    PositionMap m_positions;
    simdjson::dom::parser m_dom;
    simdjson::dom::parser m_nestedDom;
    JsonTree m_item; // what node() returns, reused item after item
};

} // namespace atlas
