// The user-editable mapping file of the cloud importers (docs/import.md): which tags or labels
// give a resource's classification, dataset, categories and origin, the origin assumed when none
// is mapped (`default_origin: holder` or a fixed jurisdiction), overrides of the kinds table, and
// regions for exports that do not carry one (Terraform provider configuration). Without a file,
// the defaults apply and the import report says so.
#pragma once

#include "catalog.h"
#include "diagnostic.h"
#include "enums.h"
#include "resourcekinds.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <expected>
#include <optional>
#include <vector>

namespace atlas {

// `tag` (and `value`, when given) match a resource tag; the rule then sets what it names.
struct TagRule
{
    QString tag;   // lower-cased
    QString value; // lower-cased; empty matches any value
    std::optional<Classification> classification;
    QString dataset;
    QStringList categories;
    QString origin;
    SourceRef source;
};

struct ImportMapping
{
    QString file; // empty: the built-in defaults
    QStringList classificationTags{QStringLiteral("data-classification"), QStringLiteral("classification"),
                                   QStringLiteral("dataclass")};
    QHash<QString, Classification> classificationValues; // lower-cased tag value → class
    std::optional<Classification> defaultClassification; // for data-holding, untagged resources
    QStringList datasetTags{QStringLiteral("dataset")};
    QStringList categoryTags{QStringLiteral("data-categories")};
    QStringList originTags{QStringLiteral("data-origin")};
    QString defaultOrigin{QStringLiteral("holder")}; // "holder" or a jurisdiction / country
    std::vector<TagRule> rules;
    KindTable kinds = KindTable::builtin();
    QHash<QString, QString> regions; // provider config key ("aws", "aws.west") → region

    bool originFromHolder() const { return defaultOrigin == u"holder"; }
    // The class a tag value names (the four class names, then `classification.values`).
    std::optional<Classification> classificationOf(const QString &value) const;

    static ImportMapping defaults();
    // The built-in mapping, parsed once per process (its kinds table is 1,335 types).
    // preloadDefaults() starts that on another core — the commands and the GUI call it before
    // they load the catalog, so that neither waits for the other —; sharedDefaults() waits for
    // it, and starts it first when nobody did.
    static void preloadDefaults();
    static const ImportMapping &sharedDefaults();
};

std::expected<ImportMapping, Diagnostics> loadImportMapping(const QString &path, const Catalog &catalog);
std::expected<ImportMapping, Diagnostics> parseImportMapping(const QString &name, const std::string &text,
                                                             const Catalog &catalog);

} // namespace atlas
