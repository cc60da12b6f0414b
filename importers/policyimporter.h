// Loads policy packs (policy-rules.md, "Rule language") from YAML and compiles their rules:
// paths checked against the subject kind, operators and `$params` resolved, enumeration values
// checked, message placeholders checked — every problem with file:line:column. Several packs
// load in order: a rule id defined twice is an error, later `params` override earlier ones,
// `disable:` lists turn rules off.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "policyrule.h"

#include <QStringList>

#include <expected>
#include <memory>
#include <string>

namespace atlas {

struct LoadedPolicies
{
    std::unique_ptr<RuleSet> rules;  // owns the symbol table the facts must use
    QStringList disabled;            // from the packs' `disable:` lists
};

QString builtinPackPath();           // ":/policies/local-first.yaml"

std::expected<LoadedPolicies, Diagnostics>
loadPolicyTexts(const QList<std::pair<QString, std::string>> &packs, const Catalog &catalog);

// The built-in pack first, then `extraPacks` (files), unless `withBuiltin` is false, then
// `extraTexts` (name, text) — the packs a workspace keeps.
std::expected<LoadedPolicies, Diagnostics> loadPolicies(const QStringList &extraPacks, const Catalog &catalog,
                                                        bool withBuiltin = true,
                                                        const QList<std::pair<QString, std::string>> &extraTexts = {});

} // namespace atlas
