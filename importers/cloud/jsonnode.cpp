#include "jsonnode.h"

#include <algorithm>
#include <cstring>

namespace atlas {

template<typename T>
T *JsonTree::Arena<T>::take(std::size_t count, std::size_t minimum)
{
    // Chunks are never reallocated, so what was handed out stays where it is.
    while (chunk < chunks.size() && used + count > chunks[chunk].second) {
        ++chunk;
        used = 0;
    }
    if (chunk == chunks.size()) {
        const std::size_t size = std::max(count, minimum);
        chunks.emplace_back(std::make_unique<T[]>(size), size);
        used = 0;
    }
    T *out = chunks[chunk].first.get() + used;
    used += count;
    return out;
}

void JsonTree::reset()
{
    m_nodes.reset();
    m_text.reset();
    m_root = nullptr;
}

std::span<JsonNode> JsonTree::allocate(std::size_t count)
{
    JsonNode *nodes = m_nodes.take(count, 1024);
    std::fill_n(nodes, count, JsonNode{});
    if (!m_root)
        m_root = nodes;
    return {nodes, count};
}

std::string_view JsonTree::store(std::string_view text)
{
    if (text.empty())
        return {};
    char *out = m_text.take(text.size(), 16384);
    std::memcpy(out, text.data(), text.size());
    return {out, text.size()};
}

namespace {

void measure(const JsonNode &node, std::size_t &nodes, std::size_t &bytes)
{
    bytes += node.key.size() + node.text.size();
    nodes += node.children.size();
    for (const JsonNode &c : node.children)
        measure(c, nodes, bytes);
}

void copyInto(JsonTree &tree, JsonNode &to, const JsonNode &from)
{
    to.kind = from.kind;
    to.offset = from.offset;
    to.key = tree.store(from.key);
    to.text = tree.store(from.text);
    if (from.children.empty())
        return;
    const std::span<JsonNode> children = tree.allocate(from.children.size());
    for (std::size_t i = 0; i < children.size(); ++i)
        copyInto(tree, children[i], from.children[i]);
    to.children = children;
}

} // namespace

JsonTree JsonTree::copyOf(const JsonNode &node)
{
    std::size_t nodes = 1, bytes = 0;
    measure(node, nodes, bytes);
    JsonTree tree;
    // Exactly sized: a reader may keep a million of these (terraform show -json resources).
    tree.m_nodes.chunks.emplace_back(std::make_unique<JsonNode[]>(nodes), nodes);
    if (bytes)
        tree.m_text.chunks.emplace_back(std::make_unique<char[]>(bytes), bytes);
    copyInto(tree, tree.allocate(1).front(), node);
    return tree;
}

std::string_view nodeText(const JsonNode *node)
{
    if (!node || !node->isScalar())
        return {};
    return node->text;
}

const JsonNode *nodePath(const JsonNode &root, std::initializer_list<std::string_view> path)
{
    const JsonNode *n = &root;
    for (std::string_view key : path) {
        if (n->kind != JsonNode::Kind::Map)
            return nullptr;
        n = n->member(key);
        if (!n)
            return nullptr;
    }
    return n;
}

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

const JsonNode *memberNoCase(const JsonNode &node, std::string_view name)
{
    if (node.kind != JsonNode::Kind::Map)
        return nullptr;
    for (const JsonNode &c : node.children)
        if (equalsNoCase(c.key, name))
            return &c;
    return nullptr;
}

std::vector<std::pair<std::string, std::string>> nodeTags(const JsonNode *node)
{
    std::vector<std::pair<std::string, std::string>> tags;
    if (!node)
        return tags;
    if (node->kind == JsonNode::Kind::Map) {
        tags.reserve(node->children.size());
        for (const JsonNode &c : node->children)
            if (c.isScalar())
                tags.emplace_back(c.key, c.text);
    } else if (node->kind == JsonNode::Kind::Sequence) {
        for (const JsonNode &item : node->children) {
            const std::string_view key = nodeText(memberNoCase(item, "key"));
            if (!key.empty())
                tags.emplace_back(std::string(key), std::string(nodeText(memberNoCase(item, "value"))));
        }
    }
    return tags;
}

} // namespace atlas
