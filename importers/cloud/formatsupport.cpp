#include "formatsupport.h"

namespace atlas::exportsupport {

std::expected<std::string_view, Error> text(JsonScanner &scanner, const JsonNode &node, std::string_view key)
{
    const JsonNode *n = node.member(key);
    if (!n || n->kind == JsonNode::Kind::Null)
        return std::string_view();
    if (!n->isScalar())
        return std::unexpected(scanner.errorAt(*n, QStringLiteral("'%1' must be a string, got %2")
                                                       .arg(QString::fromUtf8(key.data(), qsizetype(key.size())),
                                                            QString::fromLatin1(SourceNode::kindName(n->kind)))));
    if (n->kind != JsonNode::Kind::String)
        return std::unexpected(scanner.errorAt(*n, QStringLiteral("'%1' must be a string, got %2 (%3)")
                                                       .arg(QString::fromUtf8(key.data(), qsizetype(key.size())),
                                                            QString::fromLatin1(SourceNode::kindName(n->kind)),
                                                            QString::fromUtf8(n->text.data(), qsizetype(n->text.size())))));
    return n->text;
}

std::expected<std::string_view, Error> textAny(JsonScanner &scanner, const JsonNode &node,
                                               std::initializer_list<std::string_view> keys)
{
    for (std::string_view key : keys)
        if (node.member(key))
            return text(scanner, node, key);
    return std::string_view();
}

std::size_t skipLineComments(std::string_view text, std::size_t from)
{
    std::size_t i = from;
    for (;;) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
            ++i;
        if (text.substr(i, 2) != "//")
            return i;
        const std::size_t nl = text.find('\n', i);
        if (nl == std::string_view::npos)
            return text.size();
        i = nl + 1;
    }
}

bool contains(std::string_view head, std::string_view needle)
{
    return head.find(needle) != std::string_view::npos;
}

std::string segmentAfter(std::string_view path, std::string_view collection)
{
    std::string marker(1, '/'); // built step by step: GCC 12 warns falsely (-Wrestrict) on "/" + s
    marker.append(collection);
    marker.push_back('/');
    const std::size_t at = path.find(marker);
    if (at == std::string_view::npos)
        return {};
    const std::size_t begin = at + marker.size();
    const std::size_t end = path.find('/', begin);
    return std::string(path.substr(begin, end == std::string_view::npos ? std::string_view::npos : end - begin));
}

std::string lastSegment(std::string_view path)
{
    const std::size_t at = path.find_last_of('/');
    return std::string(at == std::string_view::npos ? path : path.substr(at + 1));
}

std::string rdsSourceArn(std::string_view source, std::string_view replicaArn, bool cluster)
{
    if (source.starts_with("arn:") || !replicaArn.starts_with("arn:"))
        return std::string(source);
    // arn:PARTITION:rds:REGION:ACCOUNT:…
    std::size_t end = 0;
    for (int field = 0; field < 5; ++field) {
        end = replicaArn.find(':', end);
        if (end == std::string_view::npos)
            return std::string(source);
        ++end;
    }
    std::string arn(replicaArn.substr(0, end)); // "arn:aws:rds:eu-west-1:123456789012:"
    arn.append(cluster ? "cluster:" : "db:");
    arn.append(source);
    return arn;
}

std::string arnRegion(std::string_view arn)
{
    if (!arn.starts_with("arn:"))
        return {};
    std::size_t pos = 0;
    for (int field = 0; field < 3; ++field) {
        pos = arn.find(':', pos);
        if (pos == std::string_view::npos)
            return {};
        ++pos;
    }
    const std::size_t end = arn.find(':', pos);
    if (end == std::string_view::npos)
        return {};
    return std::string(arn.substr(pos, end - pos));
}

std::expected<const JsonNode *, Error> readItem(JsonScanner &scanner, std::size_t begin, std::size_t end,
                                                const FieldFilter *filter, const ReadContextInfo &context,
                                                const char *what, JsonTree *jsonInString)
{
    if (context.cancelled())
        return std::unexpected(Error{scanner.fileName(), 0, 0, QStringLiteral("cancelled")});
    auto node = scanner.node(begin, end, jsonInString ? nullptr : filter);
    if (!node)
        return node;
    if (jsonInString) {
        if ((*node)->kind != JsonNode::Kind::String)
            return std::unexpected(scanner.errorAt(begin, QStringLiteral("each %1 must be a JSON string").arg(QLatin1String(what))));
        node = scanner.nestedNode((*node)->text, **node, *jsonInString, filter);
        if (!node)
            return node;
    }
    if ((*node)->kind != JsonNode::Kind::Map)
        return std::unexpected(scanner.errorAt(begin, QStringLiteral("%1 must be an object, got %2")
                                                          .arg(QLatin1String(what), QString::fromLatin1(SourceNode::kindName((*node)->kind)))));
    if (context.progress) {
        context.progress->bytesRead.store(std::int64_t(end), std::memory_order_relaxed);
        context.progress->resources.fetch_add(1, std::memory_order_relaxed);
    }
    return node;
}

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

std::string joined(std::initializer_list<std::string_view> parts)
{
    std::size_t size = 0;
    for (std::string_view p : parts)
        size += p.size();
    std::string out;
    out.reserve(size);
    for (std::string_view p : parts)
        out.append(p);
    return out;
}

} // namespace atlas::exportsupport
