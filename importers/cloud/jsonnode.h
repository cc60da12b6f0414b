// One item of a JSON export as the readers see it: a tree of small nodes whose texts and child
// lists are views into storage the tree owns. A scanner reuses one tree for every item of a file,
// so reading an item allocates nothing once the first few are read; a reader that keeps an item
// beyond the next one copies it (JsonTree::copyOf), sized exactly.
#pragma once

#include "sourcenode.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace atlas {

struct JsonNode
{
    using Kind = SourceNode::Kind;

    Kind kind = Kind::Null;
    std::string_view key;                // members of a map: their name
    std::string_view text;               // scalars: "eu-west-1", "42", "true"; empty for null
    std::span<const JsonNode> children;  // list items, or map members (key set)
    std::uint64_t offset = 0;            // where the value starts in its file (JsonScanner::ref)

    bool isScalar() const { return kind != Kind::Sequence && kind != Kind::Map; }
    const JsonNode *member(std::string_view name) const
    {
        for (const JsonNode &c : children) // length and first letter first: readers ask a lot
            if (c.key.size() == name.size() && (name.empty() || c.key[0] == name[0]) && c.key == name)
                return &c;
        return nullptr;
    }
};

class JsonTree
{
public:
    JsonTree() = default;
    JsonTree(JsonTree &&) noexcept = default; // storage moves with its views intact
    JsonTree &operator=(JsonTree &&) noexcept = default;
    JsonTree(const JsonTree &) = delete;
    JsonTree &operator=(const JsonTree &) = delete;

    // The first node allocated since reset(): the root. Only valid on a built tree.
    const JsonNode &root() const { return *m_root; }
    bool empty() const { return m_root == nullptr; }

    // Building. reset() keeps the storage for the next item; nothing built before stays valid.
    void reset();
    // `count` consecutive nodes (a container's children), default-initialised.
    std::span<JsonNode> allocate(std::size_t count);
    // A copy of `text` in the tree's storage.
    std::string_view store(std::string_view text);

    // A tree of its own holding `node` and everything below it, its storage sized exactly.
    static JsonTree copyOf(const JsonNode &node);

private:
    template<typename T>
    struct Arena
    {
        std::vector<std::pair<std::unique_ptr<T[]>, std::size_t>> chunks;
        std::size_t chunk = 0; // the chunk being filled
        std::size_t used = 0;  // of it
        T *take(std::size_t count, std::size_t minimum);
        void reset() { chunk = used = 0; }
    };
    Arena<JsonNode> m_nodes;
    Arena<char> m_text;
    JsonNode *m_root = nullptr;
};

// Small readers over JsonNodes (missing or null → empty).
std::string_view nodeText(const JsonNode *node);
const JsonNode *nodePath(const JsonNode &root, std::initializer_list<std::string_view> path);
// A member looked up ignoring ASCII case (Azure ids, Terraform tags keep the export's case).
const JsonNode *memberNoCase(const JsonNode &node, std::string_view name);
// The comparison it uses: equal but for the case of ASCII letters.
bool equalsNoCase(std::string_view a, std::string_view b);
// A tag map ({"k":"v"}) or tag list ([{"key":…,"value":…}], any capitalisation) as pairs.
std::vector<std::pair<std::string, std::string>> nodeTags(const JsonNode *node);

} // namespace atlas
