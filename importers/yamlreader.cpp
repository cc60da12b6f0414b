#include "yamlreader.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <sstream>
#include <string_view>
#include <unordered_map>

namespace atlas {

namespace {

struct StopReading
{
    std::size_t offset;
    QString message;
    std::uint32_t line = 0; // set when the position is known already
    std::uint32_t column = 0;
};

bool isOneOf(const std::string &v, std::initializer_list<const char *> options)
{
    for (const char *o : options)
        if (v == o)
            return true;
    return false;
}

// YAML 1.2 core schema for plain scalars.
SourceNode::Kind plainScalarKind(const std::string &v)
{
    using K = SourceNode::Kind;
    if (v.empty() || isOneOf(v, {"~", "null", "Null", "NULL"}))
        return K::Null;
    if (isOneOf(v, {"true", "True", "TRUE", "false", "False", "FALSE"}))
        return K::Bool;
    std::size_t i = (v[0] == '-' || v[0] == '+') ? 1 : 0;
    if (i < v.size() && v.find_first_not_of("0123456789", i) == std::string::npos)
        return K::Integer;
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    std::size_t digits = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) { ++i; ++digits; }
    if (i < v.size() && v[i] == '.') {
        ++i;
        while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) { ++i; ++digits; }
    }
    if (digits > 0 && i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        ++i;
        if (i < v.size() && (v[i] == '-' || v[i] == '+'))
            ++i;
        std::size_t exp = 0;
        while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) { ++i; ++exp; }
        if (exp == 0)
            return K::String;
    }
    if (digits > 0 && i == v.size())
        return K::Float;
    return K::String;
}

class Handler final : public YAML::EventHandler
{
public:
    Handler(const TextInput &input, DocumentSink &sink, const StreamLimits &limits)
        : m_positions(input.text()), m_sink(sink), m_limits(limits)
    {
    }

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        if (++m_documents > 1)
            throw StopReading{offset(mark), QStringLiteral(
                "a second YAML document ('---'); put one inventory in each file")};
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        SourceNode n = scalarNode(mark, SourceNode::Kind::Null, {});
        remember(anchor, n);
        attach(std::move(n));
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        const auto it = m_anchors.find(anchor);
        if (it == m_anchors.end())
            throw StopReading{offset(mark), QStringLiteral(
                "alias to an anchor that cannot be expanded here (anchors on whole sections are not supported)")};
        m_aliasNodes += countNodes(it->second);
        if (m_aliasNodes > m_limits.maxAliasNodes)
            throw StopReading{offset(mark), QStringLiteral(
                "YAML aliases expand to more than %1 nodes (an alias bomb?); refusing to expand")
                                                .arg(m_limits.maxAliasNodes)};
        SourceNode copy = it->second;
        const auto pos = position(mark);
        copy.line = pos.line;
        copy.column = pos.column;
        attach(std::move(copy));
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor,
                  const std::string &value) override
    {
        // yaml-cpp tags plain scalars "?" and quoted or block scalars "!": only plain scalars
        // can be numbers, booleans or null (a quoted "30" is a string).
        const bool plain = tag == "?" || tag.empty();
        SourceNode n = scalarNode(mark, plain ? plainScalarKind(value) : SourceNode::Kind::String,
                                  value);
        remember(anchor, n);
        attach(std::move(n));
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(mark, SourceNode::Kind::Sequence, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(mark, SourceNode::Kind::Map, anchor);
    }
    void OnMapEnd() override { close(); }

    std::size_t offset(const YAML::Mark &mark) const { return std::size_t(std::max(mark.pos, 0)); }
    PositionMap::Position position(const YAML::Mark &mark) { return m_positions.at(offset(mark)); }

private:
    enum class FrameKind { Root, Section, Build };
    struct Frame
    {
        FrameKind kind;
        SourceNode node;
        YAML::anchor_t anchor = 0;
        bool expectKey = true; // maps: the next completed node is a key
        SourceNode pendingKey;
    };

    SourceNode scalarNode(const YAML::Mark &mark, SourceNode::Kind kind, const std::string &value)
    {
        SourceNode n;
        n.kind = kind;
        const auto pos = position(mark);
        n.line = pos.line;
        n.column = pos.column;
        n.text = value;
        return n;
    }

    void open(const YAML::Mark &mark, SourceNode::Kind kind, YAML::anchor_t anchor)
    {
        if (m_stack.size() >= m_limits.maxDepth)
            throw StopReading{offset(mark), QStringLiteral("nested too deep (more than %1 levels)")
                                                .arg(m_limits.maxDepth)};
        SourceNode n = scalarNode(mark, kind, {});
        FrameKind frameKind = FrameKind::Build;
        if (m_stack.empty() && kind == SourceNode::Kind::Map)
            frameKind = FrameKind::Root;
        else if (m_stack.size() == 1 && m_stack.back().kind == FrameKind::Root
                 && kind == SourceNode::Kind::Sequence && !m_stack.back().expectKey) {
            frameKind = FrameKind::Section;
            SourceNode section = std::move(n);
            section.key = m_stack.back().pendingKey.text;
            section.keyLine = m_stack.back().pendingKey.line;
            section.keyColumn = m_stack.back().pendingKey.column;
            m_sink.sequenceStart(section);
            n = std::move(section);
        }
        m_stack.push_back(Frame{frameKind, std::move(n), anchor, true, {}});
    }

    void close()
    {
        Frame frame = std::move(m_stack.back());
        m_stack.pop_back();
        if (frame.kind == FrameKind::Root)
            return;
        if (frame.kind == FrameKind::Section) {
            // The section is complete; the root map expects its next key.
            m_stack.back().expectKey = true;
            return;
        }
        remember(frame.anchor, frame.node);
        attach(std::move(frame.node));
    }

    void remember(YAML::anchor_t anchor, const SourceNode &node)
    {
        if (anchor != 0)
            m_anchors[anchor] = node;
    }

    static std::size_t countNodes(const SourceNode &n)
    {
        std::size_t count = 1;
        for (const SourceNode &c : n.children)
            count += countNodes(c);
        return count;
    }

    void attach(SourceNode &&node)
    {
        if (m_stack.empty()) { // the document root is a scalar or a sequence
            m_sink.rootNotMapping(node);
            return;
        }
        Frame &top = m_stack.back();
        if (top.kind == FrameKind::Section) {
            m_sink.item(top.node.key, std::move(node));
            return;
        }
        if (top.node.kind == SourceNode::Kind::Sequence) {
            top.node.children.push_back(std::move(node));
            return;
        }
        // A mapping: alternate keys and values.
        if (top.expectKey) {
            if (!node.isScalar())
                throw StopReading{0, QStringLiteral("mapping keys must be plain strings"), node.line,
                                  node.column};
            top.pendingKey = std::move(node);
            top.expectKey = false;
            return;
        }
        node.key = std::move(top.pendingKey.text);
        node.keyLine = top.pendingKey.line;
        node.keyColumn = top.pendingKey.column;
        top.expectKey = true;
        if (top.kind == FrameKind::Root)
            m_sink.member(std::move(node));
        else
            top.node.children.push_back(std::move(node));
    }

    PositionMap m_positions;
    DocumentSink &m_sink;
    StreamLimits m_limits;
    std::vector<Frame> m_stack;
    std::unordered_map<YAML::anchor_t, SourceNode> m_anchors;
    std::size_t m_aliasNodes = 0;
    int m_documents = 0;
};

// The offset of a tab in the indentation of the line at `offset`, or of the lines just above it
// back to the nearest one with content; npos when there is none. yaml-cpp reports a tab-indented
// line as "illegal tab when looking for indentation" or "end of sequence not found", at the
// line's start or past the tab: the user needs to hear "tab", at the tab. Lines further up are
// not blamed: a tab there was accepted (a flow collection) and is not what failed.
std::size_t tabInIndentation(std::string_view text, std::size_t offset)
{
    auto lineStartOf = [text](std::size_t pos) {
        while (pos > 0 && text[pos - 1] != '\n')
            --pos;
        return pos;
    };
    std::size_t start = lineStartOf(std::min(offset, text.size()));
    for (bool errorLine = true;; errorLine = false) {
        bool content = false;
        for (std::size_t i = start; i < text.size() && text[i] != '\n'; ++i) {
            if (text[i] == '\t')
                return i;
            if (text[i] != ' ') {
                content = text[i] != '\r';
                break;
            }
        }
        if ((content && !errorLine) || start == 0)
            return std::string_view::npos;
        start = lineStartOf(start - 1);
    }
}

// yaml-cpp reads from an istream; this one reads our buffer in place, without a copy.
class ViewBuf : public std::streambuf
{
public:
    explicit ViewBuf(std::string_view text)
    {
        char *p = const_cast<char *>(text.data());
        setg(p, p, p + text.size());
    }
};

} // namespace

std::optional<Error> readYaml(const TextInput &input, DocumentSink &sink, const StreamLimits &limits)
{
    ViewBuf buf(input.text());
    std::istream stream(&buf);
    Handler handler(input, sink, limits);
    PositionMap positions(input.text());
    auto errorAt = [&](std::size_t offset, const QString &message) {
        const auto pos = positions.at(offset);
        return Error{input.name(), pos.line, pos.column, message};
    };
    try {
        YAML::Parser parser(stream);
        while (parser.HandleNextDocument(handler)) {
        }
    } catch (const StopReading &stop) {
        if (stop.line > 0)
            return Error{input.name(), stop.line, stop.column, stop.message};
        return errorAt(stop.offset, stop.message);
    } catch (const YAML::DeepRecursion &e) {
        return errorAt(std::size_t(std::max(e.mark.pos, 0)),
                       QStringLiteral("nested too deep (YAML parser limit)"));
    } catch (const YAML::Exception &e) {
        const std::size_t at = std::size_t(std::max(e.mark.pos, 0));
        if (const std::size_t tab = tabInIndentation(input.text(), at); tab != std::string_view::npos) {
            const auto pos = positions.at(tab);
            return Error{input.name(), pos.line, pos.column,
                         QStringLiteral("tab character in indentation at %1:%2 (YAML indents with spaces)")
                             .arg(pos.line)
                             .arg(pos.column)};
        }
        return errorAt(at, QStringLiteral("YAML syntax error: ") + QString::fromStdString(e.msg));
    }
    return std::nullopt;
}

} // namespace atlas
