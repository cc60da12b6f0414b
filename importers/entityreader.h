// Reads the fields of one mapping node (one dataset, one workload, …) with type and enumeration
// checks, collecting every problem as a diagnostic with its position instead of stopping at the
// first. Unknown fields become warnings; unknown names and values carry a "did you mean …?"
// when a known one is close. Used by the inventory reader for every entity kind.
#pragma once

#include "diagnostic.h"
#include "enums.h"
#include "inventory.h"
#include "inventoryvalidation.h" // isValidId(), the messages shared with edits
#include "sourcenode.h"

#include <QDate>
#include <QSet>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <optional>
#include <vector>

namespace atlas {

// Per-file context: where diagnostics go and how positions are named.
struct ReadContext
{
    QString fileName;
    std::uint32_t fileIndex = 0;
    Diagnostics *diagnostics = nullptr;
    QSet<QString> *interned = nullptr; // shares repeated strings (references, locations)

    void error(std::uint32_t line, std::uint32_t column, const QString &message) const;
    void warning(std::uint32_t line, std::uint32_t column, const QString &message) const;
    void error(const SourceNode &node, const QString &message) const
    {
        error(node.line, node.column, message);
    }
    SourceRef ref(const SourceNode &node) const { return {fileIndex, node.line, node.column}; }
    QString intern(const std::string &text) const;
};

QString toQString(const std::string &s);
std::optional<QDate> parseIsoDate(const std::string &text);

class EntityReader
{
public:
    // `what` names the entity in messages ("dataset", "workload"); `node` must be a mapping
    // (check with expectMapping first).
    EntityReader(const ReadContext &context, const SourceNode &node, std::initializer_list<const char *> knownFields);
    ~EntityReader(); // reports unknown fields

    static bool expectMapping(const ReadContext &context, const SourceNode &node, const QString &what);

    const SourceNode *field(const char *name) const { return m_node.member(name); }
    // Bit i set when the i-th known field is present and not null (invalid values included,
    // so that a bad value is not also reported as missing).
    FieldMask presentMask() const;
    std::optional<QString> string(const char *name, bool interned = false) const;
    std::optional<QString> id(const char *name) const;
    std::optional<bool> boolean(const char *name) const;
    std::optional<long long> integer(const char *name, long long minimum) const;
    std::optional<double> number(const char *name, double minimum) const;
    std::optional<QDate> date(const char *name) const;
    // A list of dataset ids (holds, carries, datasets), each with its position.
    std::optional<DatasetRefs> idList(const char *name) const;

    template <typename E> std::optional<E> enumValue(const char *name) const
    {
        const SourceNode *n = field(name);
        if (!n || n->kind == SourceNode::Kind::Null)
            return std::nullopt;
        return enumOf<E>(*n, name);
    }

    template <typename E> std::optional<EnumSet<E>> enumList(const char *name) const
    {
        const SourceNode *n = field(name);
        if (!n || n->kind == SourceNode::Kind::Null)
            return std::nullopt;
        if (n->kind != SourceNode::Kind::Sequence) {
            typeError(*n, name, "a list");
            return EnumSet<E>{};
        }
        EnumSet<E> set;
        for (const SourceNode &item : n->children)
            if (auto v = enumOf<E>(item, name))
                set.insert(*v);
        return set;
    }

    template <typename E> std::optional<E> enumOf(const SourceNode &n, const char *name) const
    {
        if (n.kind != SourceNode::Kind::String) {
            typeError(n, name, "a string");
            return std::nullopt;
        }
        if (auto v = parseEnum<E>(n.text))
            return v;
        QStringList allowed;
        for (std::string_view v : EnumNames<E>::names)
            allowed.append(QString::fromLatin1(v.data(), qsizetype(v.size())));
        enumError(n, name, allowed);
        return std::nullopt;
    }

    void typeError(const SourceNode &n, const char *name, const char *expected) const;

private:
    // "invalid value 'x' for 'name' (did you mean 'y'?); allowed: …" — out of the template.
    void enumError(const SourceNode &n, const char *name, const QStringList &allowed) const;

    const ReadContext &m_context;
    const SourceNode &m_node;
    std::vector<const char *> m_known; // an initializer_list would dangle
};

} // namespace atlas
