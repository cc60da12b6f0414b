#include "importmapping.h"

#include "textinput.h"

#include <yaml-cpp/yaml.h>

#include <future>

namespace atlas {

namespace {

QHash<QString, Classification> defaultValues()
{
    // Common labels in enterprise tagging schemes; the four class names always map to themselves.
    return {{QStringLiteral("confidential"), Classification::Sensitive},
            {QStringLiteral("highly-confidential"), Classification::Restricted},
            {QStringLiteral("internal"), Classification::Operational}};
}

class MappingParser
{
public:
    MappingParser(const QString &name, const Catalog &catalog, ImportMapping &mapping, Diagnostics &diagnostics)
        : m_name(name), m_catalog(catalog), m_mapping(mapping), m_diagnostics(diagnostics)
    {
    }

    void error(const YAML::Node &node, const QString &message)
    {
        const YAML::Mark m = node.Mark();
        m_diagnostics.append(Diagnostic{Severity::Error, m_name, std::uint32_t(m.line + 1),
                                        std::uint32_t(m.column + 1), message});
    }
    static QString text(const YAML::Node &n) { return QString::fromStdString(n.Scalar()); }

    bool scalar(const YAML::Node &n, const char *what)
    {
        if (n.IsScalar())
            return true;
        error(n, QStringLiteral("'%1' must be a single value").arg(QLatin1String(what)));
        return false;
    }

    // A tag key, or a list of them; lower-cased (tags compare ignoring case).
    std::optional<QStringList> tagList(const YAML::Node &n, const char *what)
    {
        QStringList out;
        if (n.IsScalar()) {
            out.append(text(n).toLower());
            return out;
        }
        if (!n.IsSequence()) {
            error(n, QStringLiteral("'%1' must be a tag key or a list of tag keys").arg(QLatin1String(what)));
            return std::nullopt;
        }
        for (const YAML::Node &item : n) {
            if (!scalar(item, what))
                return std::nullopt;
            out.append(text(item).toLower());
        }
        return out;
    }

    std::optional<Classification> classification(const YAML::Node &n)
    {
        if (!scalar(n, "classification"))
            return std::nullopt;
        if (auto c = parseEnum<Classification>(n.Scalar()))
            return c;
        error(n, QStringLiteral("invalid classification '%1'; expected %2").arg(text(n), allowedValues<Classification>()));
        return std::nullopt;
    }

    bool origin(const YAML::Node &n, QString &into, bool holderAllowed)
    {
        if (!scalar(n, "origin"))
            return false;
        const QString value = text(n);
        if ((holderAllowed && value == u"holder") || !m_catalog.jurisdictionOf(value).isEmpty()) {
            into = value;
            return true;
        }
        error(n, QStringLiteral("invalid origin '%1'; expected %2a jurisdiction id (EU, UK, US, …) or an ISO country code")
                     .arg(value, holderAllowed ? QStringLiteral("'holder' or ") : QString()));
        return false;
    }

    void unknownFields(const YAML::Node &map, const QStringList &known, const QString &where)
    {
        for (auto it = map.begin(); it != map.end(); ++it)
            if (!known.contains(text(it->first)))
                error(it->first, QStringLiteral("unknown field '%1' in %2; allowed: %3").arg(text(it->first), where, known.join(u", ")));
    }

    void readClassification(const YAML::Node &n)
    {
        if (!n.IsMap()) {
            error(n, QStringLiteral("'classification' must be a mapping with 'tags', 'values' and 'default'"));
            return;
        }
        unknownFields(n, {QStringLiteral("tags"), QStringLiteral("values"), QStringLiteral("default")}, QStringLiteral("classification"));
        if (n["tags"])
            if (auto tags = tagList(n["tags"], "tags"))
                m_mapping.classificationTags = *tags;
        if (const YAML::Node values = n["values"]) {
            if (!values.IsMap())
                error(values, QStringLiteral("'values' must map tag values to classifications"));
            else
                for (auto it = values.begin(); it != values.end(); ++it)
                    if (auto c = classification(it->second))
                        m_mapping.classificationValues.insert(text(it->first).toLower(), *c);
        }
        if (const YAML::Node def = n["default"]) {
            if (def.IsScalar() && def.Scalar() == "none")
                m_mapping.defaultClassification.reset();
            else if (auto c = classification(def))
                m_mapping.defaultClassification = c;
        }
    }

    void readRules(const YAML::Node &n)
    {
        if (!n.IsSequence()) {
            error(n, QStringLiteral("'rules' must be a list of {tag, value, classification, dataset, categories, origin}"));
            return;
        }
        for (const YAML::Node &r : n) {
            if (!r.IsMap() || !r["tag"] || !r["tag"].IsScalar()) {
                error(r, QStringLiteral("a rule needs 'tag' (and optionally 'value') and what it sets"));
                continue;
            }
            unknownFields(r, {QStringLiteral("tag"), QStringLiteral("value"), QStringLiteral("classification"), QStringLiteral("dataset"),
                              QStringLiteral("categories"), QStringLiteral("origin")},
                          QStringLiteral("rule"));
            TagRule rule;
            const YAML::Mark m = r.Mark();
            rule.source = {0, std::uint32_t(m.line + 1), std::uint32_t(m.column + 1)};
            rule.tag = text(r["tag"]).toLower();
            if (r["value"] && scalar(r["value"], "value"))
                rule.value = text(r["value"]).toLower();
            if (r["classification"])
                rule.classification = classification(r["classification"]);
            if (r["dataset"] && scalar(r["dataset"], "dataset"))
                rule.dataset = text(r["dataset"]);
            if (r["categories"]) {
                for (const YAML::Node &c : r["categories"].IsSequence() ? r["categories"] : YAML::Node(YAML::NodeType::Sequence)) {
                    if (!parseEnum<Category>(c.Scalar()))
                        error(c, QStringLiteral("unknown category '%1'; expected %2").arg(text(c), allowedValues<Category>()));
                    rule.categories.append(text(c));
                }
                if (!r["categories"].IsSequence())
                    error(r["categories"], QStringLiteral("'categories' must be a list"));
            }
            if (r["origin"])
                origin(r["origin"], rule.origin, false);
            if (!rule.classification && rule.dataset.isEmpty() && rule.categories.isEmpty() && rule.origin.isEmpty())
                error(r, QStringLiteral("this rule sets nothing: give classification, dataset, categories or origin"));
            m_mapping.rules.push_back(std::move(rule));
        }
    }

    void readKinds(const YAML::Node &n)
    {
        if (!n.IsMap()) {
            error(n, QStringLiteral("'kinds' must map resource types to workload kinds or skip-REASON"));
            return;
        }
        for (auto it = n.begin(); it != n.end(); ++it) {
            auto rule = it->second.IsScalar() ? parseKindRule(it->second.Scalar()) : std::nullopt;
            if (!rule) {
                error(it->second, QStringLiteral("expected a workload kind (%1) or skip-network, skip-identity, skip-configuration, skip-organisation, skip-security")
                                      .arg(allowedValues<WorkloadKind>()));
                continue;
            }
            rule->fromMapping = true;
            m_mapping.kinds.set(text(it->first), *rule);
        }
    }

    void readRegions(const YAML::Node &n)
    {
        if (!n.IsMap()) {
            error(n, QStringLiteral("'regions' must map a provider (aws, aws.ALIAS, azurerm, google) to a region"));
            return;
        }
        for (auto it = n.begin(); it != n.end(); ++it)
            if (scalar(it->second, "regions"))
                m_mapping.regions.insert(text(it->first), text(it->second));
    }

    void read(const YAML::Node &root)
    {
        if (!root.IsMap()) {
            error(root, QStringLiteral("a mapping file is a YAML mapping starting with 'mapping: 1'"));
            return;
        }
        if (!root["mapping"] || !root["mapping"].IsScalar() || root["mapping"].Scalar() != "1")
            error(root["mapping"] ? root["mapping"] : root, QStringLiteral("'mapping: 1' is required (the format version this build reads)"));
        unknownFields(root, {QStringLiteral("mapping"), QStringLiteral("classification"), QStringLiteral("dataset_tags"),
                             QStringLiteral("category_tags"), QStringLiteral("origin_tags"), QStringLiteral("default_origin"),
                             QStringLiteral("rules"), QStringLiteral("kinds"), QStringLiteral("regions")},
                      QStringLiteral("mapping file"));
        if (root["classification"])
            readClassification(root["classification"]);
        if (root["dataset_tags"])
            if (auto t = tagList(root["dataset_tags"], "dataset_tags"))
                m_mapping.datasetTags = *t;
        if (root["category_tags"])
            if (auto t = tagList(root["category_tags"], "category_tags"))
                m_mapping.categoryTags = *t;
        if (root["origin_tags"])
            if (auto t = tagList(root["origin_tags"], "origin_tags"))
                m_mapping.originTags = *t;
        if (root["default_origin"])
            origin(root["default_origin"], m_mapping.defaultOrigin, true);
        if (root["rules"])
            readRules(root["rules"]);
        if (root["kinds"])
            readKinds(root["kinds"]);
        if (root["regions"])
            readRegions(root["regions"]);
    }

private:
    QString m_name;
    const Catalog &m_catalog;
    ImportMapping &m_mapping;
    Diagnostics &m_diagnostics;
};

} // namespace

std::optional<Classification> ImportMapping::classificationOf(const QString &value) const
{
    const QString lower = value.trimmed().toLower();
    if (auto c = parseEnum<Classification>(lower.toStdString()))
        return c;
    const auto it = classificationValues.constFind(lower);
    if (it != classificationValues.cend())
        return *it;
    return std::nullopt;
}

ImportMapping ImportMapping::defaults()
{
    ImportMapping mapping;
    mapping.classificationValues = defaultValues();
    return mapping;
}

namespace {
std::shared_future<const ImportMapping *> &defaultsLoading()
{
    static std::shared_future<const ImportMapping *> loading = std::async(std::launch::async, [] {
                                                                 static const ImportMapping defaults = ImportMapping::defaults();
                                                                 return &defaults;
                                                             }).share();
    return loading;
}
} // namespace

void ImportMapping::preloadDefaults()
{
    defaultsLoading();
}

const ImportMapping &ImportMapping::sharedDefaults()
{
    return *defaultsLoading().get();
}

std::expected<ImportMapping, Diagnostics> parseImportMapping(const QString &name, const std::string &text,
                                                             const Catalog &catalog)
{
    ImportMapping mapping = ImportMapping::defaults();
    mapping.file = name;
    Diagnostics diagnostics;
    MappingParser parser(name, catalog, mapping, diagnostics);
    try {
        parser.read(YAML::Load(text));
    } catch (const YAML::Exception &e) {
        diagnostics.append(Diagnostic{Severity::Error, name, std::uint32_t(e.mark.line + 1), std::uint32_t(e.mark.column + 1),
                                      QStringLiteral("YAML syntax error: ") + QString::fromStdString(e.msg)});
    }
    if (hasErrors(diagnostics)) {
        sortDiagnostics(diagnostics);
        return std::unexpected(diagnostics);
    }
    return mapping;
}

std::expected<ImportMapping, Diagnostics> loadImportMapping(const QString &path, const Catalog &catalog)
{
    auto input = TextInput::read(path, InputLimits{std::int64_t(16) << 20});
    if (!input) {
        const Error &e = input.error();
        return std::unexpected(Diagnostics{Diagnostic{Severity::Error, e.file, e.line, e.column, e.message}});
    }
    return parseImportMapping(path, std::string(input->text()), catalog);
}

} // namespace atlas
