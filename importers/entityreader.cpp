#include "entityreader.h"

#include "suggest.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace atlas {

void ReadContext::error(std::uint32_t line, std::uint32_t column, const QString &message) const
{
    diagnostics->append(Diagnostic{Severity::Error, fileName, line, column, message});
}

void ReadContext::warning(std::uint32_t line, std::uint32_t column, const QString &message) const
{
    diagnostics->append(Diagnostic{Severity::Warning, fileName, line, column, message});
}

QString ReadContext::intern(const std::string &text) const
{
    QString s = toQString(text);
    if (!interned)
        return s;
    const auto it = interned->constFind(s);
    if (it != interned->cend())
        return *it;
    interned->insert(s);
    return s;
}

QString toQString(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

std::optional<QDate> parseIsoDate(const std::string &text)
{
    // Exactly YYYY-MM-DD: ISO 8601 calendar date, the only form the format accepts.
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
    const QDate d(std::atoi(text.substr(0, 4).c_str()), std::atoi(text.substr(5, 2).c_str()),
                  std::atoi(text.substr(8, 2).c_str()));
    if (!d.isValid())
        return std::nullopt;
    return d;
}

EntityReader::EntityReader(const ReadContext &context, const SourceNode &node,
                           std::initializer_list<const char *> knownFields)
    : m_context(context), m_node(node), m_known(knownFields)
{
    // YAML and JSON both forbid a repeated key; silently taking one would hide a mistake.
    for (std::size_t i = 1; i < node.children.size(); ++i)
        for (std::size_t k = 0; k < i; ++k)
            if (node.children[i].key == node.children[k].key) {
                m_context.error(node.children[i].keyLine, node.children[i].keyColumn,
                                QStringLiteral("duplicate key '") + toQString(node.children[i].key)
                                    + QStringLiteral("'"));
                break;
            }
}

EntityReader::~EntityReader()
{
    QStringList known; // for suggestions: built on the first unknown field only
    for (const SourceNode &child : m_node.children) {
        if (std::any_of(m_known.begin(), m_known.end(), [&](const char *k) { return child.key == k; }))
            continue;
        if (known.isEmpty())
            for (const char *k : m_known)
                known.append(QString::fromLatin1(k));
        const QString key = toQString(child.key);
        const QString match = closestMatch(key, known);
        m_context.warning(child.keyLine, child.keyColumn,
                          QStringLiteral("unknown field '") + key
                              + (match.isEmpty() ? QStringLiteral("' (ignored)")
                                                 : QString(QStringLiteral("' (ignored; did you mean '")
                                                           + match + QStringLiteral("'?)"))));
    }
}

void EntityReader::enumError(const SourceNode &n, const char *name, const QStringList &allowed) const
{
    const QString value = toQString(n.text);
    m_context.error(n, QStringLiteral("invalid value '") + value + QStringLiteral("' for '")
                           + QString::fromLatin1(name) + u'\''
                           + didYouMean(closestMatch(value, allowed))
                           + QStringLiteral("; allowed: ") + allowed.join(u", "));
}

FieldMask EntityReader::presentMask() const
{
    FieldMask mask = 0;
    FieldMask bit = 1;
    for (const char *name : m_known) {
        const SourceNode *n = m_node.member(name);
        if (n && n->kind != SourceNode::Kind::Null)
            mask |= bit;
        bit <<= 1;
    }
    return mask;
}

bool EntityReader::expectMapping(const ReadContext &context, const SourceNode &node,
                                 const QString &what)
{
    if (node.kind == SourceNode::Kind::Map)
        return true;
    context.error(node, QStringLiteral("each ") + what + QStringLiteral(" must be a mapping, got ")
                            + QString::fromLatin1(SourceNode::kindName(node.kind)));
    return false;
}

void EntityReader::typeError(const SourceNode &n, const char *name, const char *expected) const
{
    m_context.error(n, u'\'' + QString::fromLatin1(name) + QStringLiteral("' must be ")
                           + QString::fromLatin1(expected) + QStringLiteral(", got ")
                           + QString::fromLatin1(SourceNode::kindName(n.kind)));
}

std::optional<QString> EntityReader::string(const char *name, bool interned) const
{
    const SourceNode *n = field(name);
    if (!n || n->kind == SourceNode::Kind::Null)
        return std::nullopt;
    if (!n->isScalar() || n->kind == SourceNode::Kind::Bool) {
        typeError(*n, name, "a string");
        return std::nullopt;
    }
    // Numbers where text is expected are accepted as written (a name "2024").
    return interned ? m_context.intern(n->text) : toQString(n->text);
}

std::optional<QString> EntityReader::id(const char *name) const
{
    const SourceNode *n = field(name);
    if (!n || n->kind == SourceNode::Kind::Null)
        return std::nullopt;
    if (!n->isScalar() || n->kind == SourceNode::Kind::Bool) {
        typeError(*n, name, "a string");
        return std::nullopt;
    }
    const QString value = m_context.intern(n->text);
    if (!isValidId(value)) {
        m_context.error(*n, invalidIdMessage(value));
        return std::nullopt;
    }
    return value;
}

std::optional<bool> EntityReader::boolean(const char *name) const
{
    const SourceNode *n = field(name);
    if (!n || n->kind == SourceNode::Kind::Null)
        return std::nullopt;
    if (n->kind != SourceNode::Kind::Bool) {
        m_context.error(*n, u'\'' + QString::fromLatin1(name)
                                + QStringLiteral("' must be true or false, got ")
                                + (n->isScalar() ? u'\'' + toQString(n->text) + u'\''
                                                 : QString::fromLatin1(SourceNode::kindName(n->kind))));
        return std::nullopt;
    }
    return n->text == "true" || n->text == "True" || n->text == "TRUE";
}

std::optional<long long> EntityReader::integer(const char *name, long long minimum) const
{
    const SourceNode *n = field(name);
    if (!n || n->kind == SourceNode::Kind::Null)
        return std::nullopt;
    if (n->kind != SourceNode::Kind::Integer) {
        typeError(*n, name, "an integer");
        return std::nullopt;
    }
    errno = 0;
    const long long v = std::strtoll(n->text.c_str(), nullptr, 10);
    if (errno == ERANGE || v > 2147483647LL) {
        m_context.error(*n, u'\'' + QString::fromLatin1(name) + QStringLiteral("' is out of range"));
        return std::nullopt;
    }
    if (v < minimum) {
        m_context.error(*n, u'\'' + QString::fromLatin1(name) + QStringLiteral("' must be >= ")
                                + QString::number(minimum));
        return std::nullopt;
    }
    return v;
}

std::optional<double> EntityReader::number(const char *name, double minimum) const
{
    const SourceNode *n = field(name);
    if (!n || n->kind == SourceNode::Kind::Null)
        return std::nullopt;
    if (n->kind != SourceNode::Kind::Integer && n->kind != SourceNode::Kind::Float) {
        typeError(*n, name, "a number");
        return std::nullopt;
    }
    const double v = std::strtod(n->text.c_str(), nullptr);
    if (!std::isfinite(v)) {
        m_context.error(*n, u'\'' + QString::fromLatin1(name) + QStringLiteral("' must be finite"));
        return std::nullopt;
    }
    if (v < minimum) {
        m_context.error(*n, u'\'' + QString::fromLatin1(name) + QStringLiteral("' must be >= ")
                                + QString::number(minimum));
        return std::nullopt;
    }
    return v;
}

std::optional<QDate> EntityReader::date(const char *name) const
{
    const SourceNode *n = field(name);
    if (!n || n->kind == SourceNode::Kind::Null)
        return std::nullopt;
    if (n->isScalar()) {
        if (auto d = parseIsoDate(n->text))
            return d;
    }
    m_context.error(*n, u'\'' + QString::fromLatin1(name) + QStringLiteral("' value '")
                            + (n->isScalar() ? toQString(n->text) : QString::fromLatin1(SourceNode::kindName(n->kind)))
                            + QStringLiteral("' is not an ISO 8601 date (YYYY-MM-DD)"));
    return std::nullopt;
}

std::optional<DatasetRefs> EntityReader::idList(const char *name) const
{
    const SourceNode *n = field(name);
    if (!n || n->kind == SourceNode::Kind::Null)
        return std::nullopt;
    if (n->kind != SourceNode::Kind::Sequence) {
        typeError(*n, name, "a list");
        return DatasetRefs{};
    }
    DatasetRefs out;
    out.reserve(n->children.size());
    for (const SourceNode &item : n->children) {
        if (!item.isScalar() || item.kind == SourceNode::Kind::Null
            || item.kind == SourceNode::Kind::Bool) {
            typeError(item, name, "a list of ids");
            continue;
        }
        QString value = m_context.intern(item.text);
        if (!isValidId(value)) {
            m_context.error(item, invalidIdMessage(value));
            continue;
        }
        out.push_back(DatasetRef{std::move(value), m_context.ref(item)});
    }
    return out;
}

} // namespace atlas
