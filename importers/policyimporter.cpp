#include "policyimporter.h"

#include "policycompiler.h"
#include "textinput.h"

namespace atlas {

QString builtinPackPath()
{
    return QStringLiteral(":/policies/local-first.yaml");
}

namespace {

struct PackSource
{
    QString file;
    YAML::Node root;
};

} // namespace

std::expected<LoadedPolicies, Diagnostics>
loadPolicyTexts(const QList<std::pair<QString, std::string>> &packs, const Catalog &catalog)
{
    LoadedPolicies out;
    out.rules = std::make_unique<RuleSet>();
    Diagnostics diagnostics;
    PolicyCompiler compiler(catalog, *out.rules, diagnostics);
    std::vector<PackSource> sources;
    std::vector<std::pair<QString, YAML::Node>> disabledAt; // checked once every rule is known
    // First pass: parse every pack and merge params (later packs override earlier ones).
    for (const auto &[file, text] : packs) {
        compiler.setFile(file);
        YAML::Node root;
        try {
            root = YAML::Load(text);
        } catch (const YAML::Exception &e) {
            diagnostics.append(Diagnostic{Severity::Error, file, std::uint32_t(e.mark.line + 1), std::uint32_t(e.mark.column + 1),
                                          QStringLiteral("YAML syntax error: ") + QString::fromStdString(e.msg)});
            continue;
        }
        if (!root.IsMap() || !root["pack"] || !root["rules"]) {
            compiler.error(root, QStringLiteral("a policy pack is a mapping with 'pack', 'version' and 'rules'"));
            continue;
        }
        static const QStringList known{QStringLiteral("pack"), QStringLiteral("version"), QStringLiteral("params"),
                                       QStringLiteral("rules"), QStringLiteral("disable"), QStringLiteral("description")};
        for (auto it = root.begin(); it != root.end(); ++it)
            if (!known.contains(PolicyCompiler::text(it->first)))
                compiler.error(it->first, QStringLiteral("unknown field '") + PolicyCompiler::text(it->first)
                                              + QStringLiteral("' in pack; allowed: ") + known.join(u", "));
        if (root["version"] && (!root["version"].IsScalar() || root["version"].Scalar() != "1"))
            compiler.error(root["version"], QStringLiteral("unsupported pack version; this build reads version 1"));
        if (const YAML::Node params = root["params"]) {
            if (!params.IsMap())
                compiler.error(params, QStringLiteral("'params' must be a mapping of name: value"));
            else
                for (auto it = params.begin(); it != params.end(); ++it)
                    compiler.params[PolicyCompiler::text(it->first)] = it->second;
        }
        if (const YAML::Node disable = root["disable"]) {
            if (!disable.IsSequence())
                compiler.error(disable, QStringLiteral("'disable' must be a list of rule ids"));
            else
                for (const YAML::Node &id : disable) {
                    out.disabled << PolicyCompiler::text(id);
                    disabledAt.push_back({file, id});
                }
        }
        out.rules->packs << PolicyCompiler::text(root["pack"]);
        sources.push_back({file, root});
    }
    // Second pass: compile every rule with the final params.
    QHash<QString, QString> seenIds;
    for (const PackSource &source : sources) {
        compiler.setFile(source.file);
        const YAML::Node rules = source.root["rules"];
        if (!rules.IsSequence()) {
            compiler.error(rules, QStringLiteral("'rules' must be a list"));
            continue;
        }
        for (const YAML::Node &r : rules)
            compiler.compileRule(r, PolicyCompiler::text(source.root["pack"]), seenIds);
    }
    for (const auto &[file, id] : disabledAt) {
        if (seenIds.contains(PolicyCompiler::text(id)))
            continue;
        compiler.setFile(file);
        compiler.error(id, QStringLiteral("'disable' names unknown rule '") + PolicyCompiler::text(id) + u'\'');
    }
    sortDiagnostics(diagnostics);
    if (hasErrors(diagnostics))
        return std::unexpected(diagnostics);
    return out;
}

std::expected<LoadedPolicies, Diagnostics> loadPolicies(const QStringList &extraPacks, const Catalog &catalog,
                                                        bool withBuiltin,
                                                        const QList<std::pair<QString, std::string>> &extraTexts)
{
    QList<std::pair<QString, std::string>> packs;
    Diagnostics diagnostics;
    QStringList files = extraPacks;
    if (withBuiltin)
        files.prepend(builtinPackPath());
    for (const QString &path : files) {
        auto input = TextInput::read(path, InputLimits::fromEnvironment());
        if (!input) {
            const Error &e = input.error();
            diagnostics.append(Diagnostic{Severity::Error, e.file, e.line, e.column, e.message});
            continue;
        }
        packs.append({path, std::string(input->text())});
    }
    if (!diagnostics.isEmpty())
        return std::unexpected(diagnostics);
    packs += extraTexts;
    return loadPolicyTexts(packs, catalog);
}

} // namespace atlas
