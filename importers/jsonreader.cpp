#include "jsonreader.h"

#include "jsonsyntax.h"

#include <simdjson.h>

namespace atlas {

namespace od = simdjson::ondemand;

namespace {

struct Failure
{
    std::size_t offset;
    QString message;
};

class Walker
{
public:
    Walker(const TextInput &input, const StreamLimits &limits)
        : m_text(input.text()), m_positions(input.text()), m_limits(limits)
    {
    }

    std::size_t offsetOf(const char *p) const
    {
        if (!p || p < m_text.data())
            return 0;
        return std::min(std::size_t(p - m_text.data()), m_text.size());
    }

    [[noreturn]] void fail(const char *where, simdjson::error_code code)
    {
        QString message;
        if (code == simdjson::DEPTH_ERROR)
            message = QStringLiteral("nested too deep (JSON parser limit)");
        else
            message = QStringLiteral("JSON syntax error: ")
                + QString::fromUtf8(simdjson::error_message(code));
        throw Failure{offsetOf(where), message};
    }

    SourceNode::Kind kindAt(od::value &v, const char *where)
    {
        od::json_type type;
        if (auto err = v.type().get(type))
            fail(where, err);
        switch (type) {
        case od::json_type::array: return SourceNode::Kind::Sequence;
        case od::json_type::object: return SourceNode::Kind::Map;
        case od::json_type::number: return SourceNode::Kind::Float;
        case od::json_type::string: return SourceNode::Kind::String;
        case od::json_type::boolean: return SourceNode::Kind::Bool;
        case od::json_type::null: return SourceNode::Kind::Null;
        }
        return SourceNode::Kind::Null;
    }

    const char *locate(od::value &v) { return v.raw_json_token().data(); }

    SourceNode convert(od::value v, std::uint32_t depth)
    {
        SourceNode n;
        convertInto(v, depth, n);
        return n;
    }

    // Fills `n` as convert() would build it, reusing what `n` already holds: the items of a
    // big list go through one node tree, so its vectors and strings keep their capacity and an
    // item costs no allocation once the tree has grown to its shape (10^6 flows each allocated
    // ~10 vectors and strings, then freed them).
    void convertInto(od::value v, std::uint32_t depth, SourceNode &n)
    {
        const char *where = locate(v);
        const auto pos = m_positions.at(offsetOf(where));
        n.line = pos.line;
        n.column = pos.column;
        n.text.clear();
        n.key.clear();
        n.keyLine = n.keyColumn = 0;
        if (depth > m_limits.maxDepth)
            throw Failure{offsetOf(where),
                          QStringLiteral("nested too deep (more than %1 levels)").arg(m_limits.maxDepth)};
        n.kind = kindAt(v, where);
        std::size_t count = 0; // children filled so far
        switch (n.kind) {
        case SourceNode::Kind::Sequence: {
            od::array array;
            if (auto err = v.get_array().get(array))
                fail(where, err);
            for (auto element : array) {
                od::value item;
                if (auto err = element.get(item))
                    fail(where, err);
                convertInto(item, depth + 1, child(n, count++));
            }
            break;
        }
        case SourceNode::Kind::Map: {
            od::object object;
            if (auto err = v.get_object().get(object))
                fail(where, err);
            for (auto fieldResult : object) {
                od::field field;
                if (auto err = std::move(fieldResult).get(field))
                    fail(where, err);
                const char *keyWhere = field.key().raw() - 1; // the opening quote
                std::string_view key;
                if (auto err = field.unescaped_key().get(key))
                    fail(where, err);
                const auto keyPos = m_positions.at(offsetOf(keyWhere));
                SourceNode &c = child(n, count++);
                convertInto(field.value(), depth + 1, c);
                c.key.assign(key);
                c.keyLine = keyPos.line;
                c.keyColumn = keyPos.column;
            }
            break;
        }
        default:
            scalar(v, where, n);
        }
        n.children.resize(count); // fewer than the last time: the rest go
    }

    static SourceNode &child(SourceNode &n, std::size_t index)
    {
        if (index == n.children.size())
            n.children.emplace_back();
        return n.children[index];
    }

    void scalar(od::value &v, const char *where, SourceNode &n)
    {
        switch (n.kind) {
        case SourceNode::Kind::Float: {
            od::number_type type;
            if (auto err = v.get_number_type().get(type))
                fail(where, err);
            std::string_view raw = v.raw_json_token();
            while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r'
                                    || raw.back() == '\t'))
                raw.remove_suffix(1);
            n.text.assign(raw);
            if (type != od::number_type::floating_point_number)
                n.kind = SourceNode::Kind::Integer;
            double check;
            if (auto err = v.get_double().get(check))
                fail(where, err);
            break;
        }
        case SourceNode::Kind::String: {
            std::string_view s;
            if (auto err = v.get_string().get(s))
                fail(where, err);
            n.text.assign(s);
            break;
        }
        case SourceNode::Kind::Bool: {
            bool b = false;
            if (auto err = v.get_bool().get(b))
                fail(where, err);
            n.text = b ? "true" : "false";
            break;
        }
        case SourceNode::Kind::Null:
            if (!v.is_null())
                fail(where, simdjson::INCORRECT_TYPE);
            break;
        default:
            break;
        }
    }

    PositionMap::Position position(std::size_t offset) { return m_positions.at(offset); }

    std::string_view m_text;
    PositionMap m_positions;
    StreamLimits m_limits;
};

// One member of the root object: an array streams into the sink item by item (one node tree
// reused for every item), anything else is one node.
void readMember(Walker &walker, od::document &doc, std::string_view key, od::value value, const char *where,
                const PositionMap::Position &pos, od::json_type type, DocumentSink &sink)
{
    if (type == od::json_type::array) {
        SourceNode section;
        section.kind = SourceNode::Kind::Sequence;
        section.key = std::string(key);
        section.line = section.keyLine = pos.line;
        section.column = section.keyColumn = pos.column;
        sink.sequenceStart(section);
        od::array array;
        if (auto err = value.get_array().get(array))
            walker.fail(where, err);
        SourceNode node; // one tree for every item (Walker::convertInto)
        for (auto element : array) {
            od::value item;
            if (auto err = element.get(item)) {
                const char *at = nullptr;
                if (doc.current_location().get(at))
                    at = nullptr;
                walker.fail(at ? at : where, err);
            }
            walker.convertInto(item, 1, node);
            sink.item(section.key, std::move(node));
        }
    } else {
        SourceNode node = walker.convert(value, 0);
        node.key = std::string(key);
        node.keyLine = node.line;
        node.keyColumn = node.column;
        sink.member(std::move(node));
    }
}

// The document: a root that is not an object, or the root object's members in order, then
// nothing after it.
void readDocument(Walker &walker, od::parser &parser, const simdjson::padded_string_view &padded,
                  std::string_view text, DocumentSink &sink)
{
    od::document doc;
    if (auto err = parser.iterate(padded).get(doc))
        walker.fail(text.data(), err);
    od::json_type rootType;
    if (auto err = doc.type().get(rootType)) {
        const char *where = nullptr;
        if (doc.current_location().get(where))
            where = nullptr;
        walker.fail(where ? where : text.data(), err);
    }
    if (rootType != od::json_type::object) {
        od::value root;
        if (auto err = doc.get_value().get(root))
            walker.fail(text.data(), err);
        SourceNode node = walker.convert(root, 0);
        sink.rootNotMapping(node);
        return;
    }
    od::object object;
    if (auto err = doc.get_object().get(object))
        walker.fail(text.data(), err);
    for (auto field : object) {
        std::string_view key;
        if (auto err = field.unescaped_key().get(key))
            walker.fail(text.data(), err);
        od::value value;
        if (auto err = field.value().get(value))
            walker.fail(text.data(), err);
        const char *where = walker.locate(value);
        const auto pos = walker.position(walker.offsetOf(where));
        od::json_type type;
        if (auto err = value.type().get(type))
            walker.fail(where, err);
        readMember(walker, doc, key, value, where, pos, type, sink);
    }
    // After the root object, current_location() fails only when nothing is left.
    const char *trailing = nullptr;
    if (doc.current_location().get(trailing) == simdjson::SUCCESS && trailing)
        walker.fail(trailing, simdjson::TRAILING_CONTENT);
}

} // namespace

std::optional<Error> readJson(const TextInput &input, DocumentSink &sink, const StreamLimits &limits)
{
    Walker walker(input, limits);
    od::parser parser(std::max<std::size_t>(input.text().size(), 64));
    const std::string_view text = input.text();
    const simdjson::padded_string_view padded(text.data(), text.size(),
                                              input.paddedSize());
    auto errorAt = [&](std::size_t offset, const QString &message) {
        const auto pos = walker.position(offset);
        return Error{input.name(), pos.line, pos.column, message};
    };
    try {
        readDocument(walker, parser, padded, text, sink);
    } catch (const simdjson::simdjson_error &e) {
        const JsonSyntaxProblem p = findJsonSyntaxError(text);
        return errorAt(p.offset == std::string_view::npos ? 0 : p.offset,
                       QStringLiteral("JSON syntax error: ")
                           + (p.offset == std::string_view::npos ? QString::fromUtf8(e.what())
                                                                 : QString::fromStdString(p.reason)));
    } catch (const Failure &f) {
        if (f.message.startsWith(u"JSON syntax error")) {
            // Point at the offending character, not where simdjson noticed it.
            const JsonSyntaxProblem p = findJsonSyntaxError(text);
            if (p.offset != std::string_view::npos)
                return errorAt(p.offset, QStringLiteral("JSON syntax error: ") + QString::fromStdString(p.reason));
        }
        return errorAt(f.offset, f.message);
    }
    return std::nullopt;
}

} // namespace atlas
