// Loads the catalog (docs/catalog-format.md) from YAML files: the embedded one under
// `:/catalog/` and, optionally, a workspace's overrides. Entries without a source or an as-of
// date are errors: the catalog is facts, and a fact without provenance is not one.
#pragma once

#include "catalog.h"
#include "diagnostic.h"

#include <QStringList>

#include <expected>
#include <string>

namespace atlas {

// The catalog files shipped in the binary's resources, in load order.
QStringList embeddedCatalogFiles();

// Loads and finalizes. `documents`: (name, YAML text) pairs.
std::expected<Catalog, Diagnostics>
loadCatalogTexts(const QList<std::pair<QString, std::string>> &documents);

// The embedded catalog with `overrides` (name, YAML text: a workspace's) loaded after it.
std::expected<Catalog, Diagnostics>
loadCatalogWithOverrides(const QList<std::pair<QString, std::string>> &overrides);

// The embedded catalog, loaded once per process (thread-safe).
std::expected<const Catalog *, Diagnostics> embeddedCatalog();

} // namespace atlas
