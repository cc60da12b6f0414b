#include "resourcekinds.h"

#include <QFile>

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace atlas {

QString skipReasonText(SkipReason reason)
{
    switch (reason) {
    case SkipReason::Network: return QStringLiteral("network");
    case SkipReason::Identity: return QStringLiteral("identity");
    case SkipReason::Configuration: return QStringLiteral("configuration");
    case SkipReason::Organisation: return QStringLiteral("organisation");
    case SkipReason::Security: return QStringLiteral("security");
    }
    return {};
}

std::optional<KindRule> parseKindRule(std::string_view word)
{
    if (word.starts_with("skip-")) {
        const std::string_view reason = word.substr(5);
        for (SkipReason r : {SkipReason::Network, SkipReason::Identity, SkipReason::Configuration,
                             SkipReason::Organisation, SkipReason::Security})
            if (skipReasonText(r).toStdString() == reason)
                return KindRule{std::nullopt, r, false};
        return std::nullopt;
    }
    if (auto kind = parseEnum<WorkloadKind>(word))
        return KindRule{*kind, SkipReason::Configuration, false};
    return std::nullopt;
}

namespace {

bool plainKey(std::string_view key)
{
    if (key.empty())
        return false;
    for (char c : key)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == '.' || c == '/'
              || c == '_' || c == '-'))
            return false;
    return key.front() != '-' && key.back() != ':';
}

} // namespace

// The table as the built-in file writes it — comments, `kinds: 1`, `types:` and one
// `  TYPE: WORD` per line — read without a YAML parser (yaml-cpp takes ~30 ms for its 1,335
// types, paid by every import). Anything else returns false and the YAML parser reads it.
bool KindTable::parsePlain(const QString &name, std::string_view text, KindTable &table, Diagnostics &diagnostics)
{
    bool types = false;
    std::uint32_t lineNumber = 0;
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(at, end - at);
        at = end + 1;
        ++lineNumber;
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        const std::size_t first = line.find_first_not_of(' ');
        if (first == std::string_view::npos || line[first] == '#')
            continue;
        if (line == "kinds: 1")
            continue;
        if (line == "types:" && !types) {
            types = true;
            continue;
        }
        if (!types || !line.starts_with("  ") || line[2] == ' ')
            return false;
        const std::size_t colon = line.find(": ", 2);
        if (colon == std::string_view::npos)
            return false;
        const std::string_view key = line.substr(2, colon - 2);
        const std::string_view word = line.substr(colon + 2);
        if (!plainKey(key) || word.empty() || word.find_first_of(" #'\"") != std::string_view::npos)
            return false;
        const auto rule = parseKindRule(word);
        const QString type = QString::fromUtf8(key.data(), qsizetype(key.size()));
        if (!rule) {
            diagnostics.append(Diagnostic{Severity::Error, name, lineNumber, std::uint32_t(colon + 3),
                                          QStringLiteral("'%1' is not a workload kind nor skip-REASON (network, identity, configuration, organisation, security)")
                                              .arg(QString::fromUtf8(word.data(), qsizetype(word.size())))});
            continue;
        }
        if (table.m_rules.contains(type.toLower()))
            diagnostics.append(Diagnostic{Severity::Error, name, lineNumber, 3,
                                          QStringLiteral("type '%1' is listed twice (types compare ignoring case)").arg(type)});
        table.set(type, *rule);
    }
    return types;
}

std::expected<KindTable, Diagnostics> KindTable::parse(const QString &name, const std::string &text)
{
    Diagnostics diagnostics;
    {
        KindTable plain;
        Diagnostics plainDiagnostics;
        if (parsePlain(name, text, plain, plainDiagnostics)) {
            if (hasErrors(plainDiagnostics))
                return std::unexpected(plainDiagnostics);
            return plain;
        }
    }
    auto error = [&](const YAML::Mark &m, const QString &message) {
        diagnostics.append(Diagnostic{Severity::Error, name, std::uint32_t(m.line + 1),
                                      std::uint32_t(m.column + 1), message});
    };
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception &e) {
        error(e.mark, QStringLiteral("YAML syntax error: ") + QString::fromStdString(e.msg));
        return std::unexpected(diagnostics);
    }
    if (!root.IsMap() || !root["types"] || !root["types"].IsMap()) {
        error(root.Mark(), QStringLiteral("a kinds table is a mapping with 'kinds: 1' and 'types: {TYPE: KIND}'"));
        return std::unexpected(diagnostics);
    }
    KindTable table;
    for (auto it = root["types"].begin(); it != root["types"].end(); ++it) {
        const QString type = QString::fromStdString(it->first.Scalar());
        const auto rule = it->second.IsScalar() ? parseKindRule(it->second.Scalar()) : std::nullopt;
        if (!rule) {
            error(it->second.Mark(), QStringLiteral("'%1' is not a workload kind nor skip-REASON (network, identity, configuration, organisation, security)")
                                         .arg(QString::fromStdString(it->second.IsScalar() ? it->second.Scalar() : std::string("?"))));
            continue;
        }
        if (table.m_rules.contains(type.toLower()))
            error(it->first.Mark(), QStringLiteral("type '%1' is listed twice (types compare ignoring case)").arg(type));
        table.set(type, *rule);
    }
    if (hasErrors(diagnostics))
        return std::unexpected(diagnostics);
    return table;
}

const KindTable &KindTable::builtin()
{
    static const KindTable table = [] {
        QFile file(QStringLiteral(":/import/resource-kinds.yaml"));
        if (!file.open(QIODevice::ReadOnly))
            qFatal("embedded resource-kinds.yaml missing");
        auto parsed = parse(file.fileName(), file.readAll().toStdString());
        if (!parsed)
            qFatal("embedded resource-kinds.yaml is invalid: %s", qPrintable(parsed.error().front().toString()));
        return *parsed;
    }();
    return table;
}

std::optional<KindRule> KindTable::lookup(std::string_view type) const
{
    // Most types are ASCII; lower-case without a detour through QString for the hot path.
    std::string lower(type);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; });
    const auto it = m_rules.constFind(QString::fromUtf8(lower.data(), qsizetype(lower.size())));
    if (it == m_rules.cend())
        return std::nullopt;
    return *it;
}

QList<std::pair<QString, KindRule>> KindTable::entries() const
{
    QList<std::pair<QString, KindRule>> out;
    for (auto it = m_rules.cbegin(); it != m_rules.cend(); ++it)
        out.append({m_names.value(it.key(), it.key()), it.value()});
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    return out;
}

} // namespace atlas
