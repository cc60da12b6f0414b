// A small, format-neutral tree of one parsed value with positions: what the YAML and JSON
// readers hand to the converters, one top-level entry (e.g. one workload) at a time, so memory
// stays near the size of one entity rather than the whole document.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace atlas {

struct SourceNode
{
    enum class Kind : std::uint8_t { Null, Bool, Integer, Float, String, Sequence, Map };

    Kind kind = Kind::Null;
    std::uint32_t line = 0;    // 1-based
    std::uint32_t column = 0;  // 1-based
    std::string text;          // scalars: the text ("true", "42", "eu-central-1")
    std::string key;           // members of a map: their key
    std::uint32_t keyLine = 0;
    std::uint32_t keyColumn = 0;
    std::vector<SourceNode> children; // sequence items, or map members (key set)

    bool isScalar() const { return kind != Kind::Sequence && kind != Kind::Map; }
    const SourceNode *member(std::string_view name) const
    {
        for (const SourceNode &c : children) // length and first letter first: readers ask a lot
            if (c.key.size() == name.size() && (name.empty() || c.key[0] == name[0]) && c.key == name)
                return &c;
        return nullptr;
    }
    // "a string", "a list", … for "must be X, got Y" messages.
    static const char *kindName(Kind kind);
};

inline const char *SourceNode::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Null: return "null";
    case Kind::Bool: return "a boolean";
    case Kind::Integer: return "an integer";
    case Kind::Float: return "a number";
    case Kind::String: return "a string";
    case Kind::Sequence: return "a list";
    case Kind::Map: return "a mapping";
    }
    return "";
}

// Receives a document one top-level member at a time. Members whose value is a sequence are
// delivered item by item (`item`), everything else whole (`member`).
class DocumentSink
{
public:
    virtual ~DocumentSink() = default;
    virtual void member(SourceNode &&node) = 0;
    // `section` is the key of the enclosing top-level list; `sectionNode` carries its key position.
    virtual void sequenceStart(const SourceNode &sectionNode) = 0;
    virtual void item(const std::string &section, SourceNode &&node) = 0;
    // The document's root is not a mapping.
    virtual void rootNotMapping(const SourceNode &root) = 0;
};

} // namespace atlas
