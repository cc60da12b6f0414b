// The documented table from a resource type to a workload kind, or to "holds no data" with a
// reason (resources/import/resource-kinds.yaml, overridable by the mapping file's `kinds:`).
// Types are compared case-insensitively: Azure Resource Graph lower-cases them.
#pragma once

#include "diagnostic.h"
#include "enums.h"

#include <QHash>
#include <QString>

#include <expected>
#include <optional>
#include <string_view>

namespace atlas {

enum class SkipReason : std::uint8_t { Network, Identity, Configuration, Organisation, Security };
QString skipReasonText(SkipReason reason);

struct KindRule
{
    std::optional<WorkloadKind> kind; // empty: holds no data (skipped)
    SkipReason skip = SkipReason::Configuration;
    bool fromMapping = false;         // set by the user's mapping file
};

class KindTable
{
public:
    // The built-in table (embedded resource).
    static const KindTable &builtin();
    // Parses the table format (`types: {TYPE: KIND | skip-REASON}`); errors with positions.
    static std::expected<KindTable, Diagnostics> parse(const QString &name, const std::string &text);

    std::optional<KindRule> lookup(std::string_view type) const;
    void set(const QString &type, const KindRule &rule)
    {
        m_rules.insert(type.toLower(), rule);
        m_names.insert(type.toLower(), type);
    }
    qsizetype size() const { return m_rules.size(); }
    // Sorted (type, rule) pairs, for `import --list-kinds`.
    QList<std::pair<QString, KindRule>> entries() const;

private:
    static bool parsePlain(const QString &name, std::string_view text, KindTable &table, Diagnostics &diagnostics);

    QHash<QString, KindRule> m_rules; // lower-cased type
    QHash<QString, QString> m_names;  // lower-cased type → as written
};

// Parses "storage", "skip-network", …; empty when the word is neither.
std::optional<KindRule> parseKindRule(std::string_view word);

} // namespace atlas
