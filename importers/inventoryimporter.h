// Loads inventory files (YAML or JSON, several merged) into one validated Inventory. A file
// with any error loads nothing: the result is either a complete inventory with its warnings or
// every error of every input, each with file:line:column.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "inventory.h"
#include "textinput.h"
#include "yamlreader.h"

#include <QStringList>

#include <expected>

namespace atlas {

struct LoadedInventory
{
    Inventory inventory;
    Diagnostics warnings;
};

struct LoadOptions
{
    InputLimits limits = InputLimits::fromEnvironment();
    StreamLimits stream;
};

enum class TextFormat { Yaml, Json };
// By extension (.json / .yaml / .yml), else by content (a leading '{' or '[' is JSON).
TextFormat detectTextFormat(const QString &path, std::string_view text);

std::expected<LoadedInventory, Diagnostics> loadInventory(const QStringList &paths,
                                                          const Catalog &catalog,
                                                          const LoadOptions &options = {});

// The same, from in-memory documents (name → text); used by tests and embedded samples.
std::expected<LoadedInventory, Diagnostics>
loadInventoryTexts(const QList<std::pair<QString, std::string>> &documents, const Catalog &catalog,
                   const LoadOptions &options = {});

} // namespace atlas
