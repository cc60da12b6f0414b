// Loads inventory files (YAML or JSON, several merged) into one validated Inventory. A file
// with any error loads nothing: the result is either a complete inventory with its warnings or
// every error of every input, each with file:line:column.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "importreport.h"
#include "inventory.h"
#include "textinput.h"
#include "yamlreader.h"

#include <QStringList>

#include <expected>
#include <memory>

namespace atlas {

struct ImportMapping;
struct ImportProgress;

struct LoadedInventory
{
    Inventory inventory;
    Diagnostics warnings;
    ImportReport report; // what each input gave, skipped resources, assumptions
};

// Inputs are inventory files (YAML/JSON) or cloud exports (AWS Config, GCP assets, Azure,
// Terraform, CSV), detected by content; several are merged in the order given. Exports may be
// gzipped or UTF-16 with a BOM.
struct LoadOptions
{
    InputLimits limits = InputLimits::fromEnvironment();
    StreamLimits stream;
    QString format;                        // forced format (--from); empty: detect each file
    std::shared_ptr<const ImportMapping> mapping; // null: the built-in mapping defaults
    ImportProgress *progress = nullptr;     // polled by a GUI; may be null
    bool strict = false;                    // --strict: every warning is an error (CI)
};

// The format name of an input ("inventory", "aws-config", …) from its decoded text, or an
// error naming what was tried when a JSON document matches no format.
std::expected<QString, Error> detectInputFormat(const QString &name, std::string_view text);

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
