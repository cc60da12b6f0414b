#include "terraformformat.h"

#include "formatsupport.h"

#include <map>
#include <set>

namespace atlas {

using namespace exportsupport;

QString TerraformFormat::title() const
{
    return QStringLiteral("Terraform state (v4) and terraform show -json (state or plan)");
}

int TerraformFormat::sniff(std::string_view head) const
{
    if (contains(head, "\"format_version\"")
        && (contains(head, "\"planned_values\"") || contains(head, "\"values\"") || contains(head, "\"resource_changes\"")
            || contains(head, "\"terraform_version\"")))
        return 95;
    if (contains(head, "\"terraform_version\"") && (contains(head, "\"resources\"") || contains(head, "\"lineage\"")))
        return 95;
    if (contains(head, "\"lineage\"") && contains(head, "\"serial\""))
        return 85;
    return 0;
}

namespace {

const std::vector<FieldFilter> &attributeFields()
{
    static const std::vector<FieldFilter> fields{
        {"region", {}}, {"location", {}}, {"zone", {}}, {"availability_zone", {}}, {"arn", {}}, {"id", {}},
        {"name", {}}, {"bucket", {}}, {"tags", {}}, {"tags_all", {}}, {"labels", {}}, {"effective_labels", {}},
        {"account_replication_type", {}},
        {"secondary_location", {}}, {"replication_configuration", {}}, {"rule", {}}, {"custom_placement_config", {}},
        {"replica", {}}, {"function_name", {}}, {"identifier", {}}, {"cluster_identifier", {}},
        {"replicate_source_db", {}}, {"replication_source_identifier", {}}};
    return fields;
}

const FieldFilter &stateResourceFilter()
{
    static const FieldFilter filter{
        "", {{"mode", {}}, {"type", {}}, {"name", {}}, {"provider", {}}, {"module", {}},
             {"instances", {{"index_key", {}}, {"status", {}}, {"deposed", {}}, {"attributes", attributeFields()},
                            {"attributes_flat", {}}}}}};
    return filter;
}

const FieldFilter &showResourceFilter()
{
    // One resource of values / planned_values (terraform show -json), read item by item so that
    // each keeps its own position.
    static const FieldFilter filter{"", {{"address", {}}, {"mode", {}}, {"type", {}}, {"name", {}}, {"index", {}},
                                         {"provider_name", {}}, {"values", attributeFields()}}};
    return filter;
}

bool isUtilityProvider(std::string_view provider)
{
    for (std::string_view p : {"random", "null", "tls", "local", "time", "template", "archive", "external", "http", "terraform"})
        if (provider == p)
            return true;
    return false;
}

// provider["registry.terraform.io/hashicorp/aws"].west, provider.aws, module.x.provider.aws.west,
// registry.terraform.io/hashicorp/aws → {"aws", "aws.west"}.
std::pair<std::string, std::string> providerOf(std::string_view text)
{
    std::string name;
    std::string alias;
    if (const auto open = text.find("[\""); open != std::string_view::npos) {
        const auto close = text.find("\"]", open);
        name = lastSegment(text.substr(open + 2, close - open - 2));
        if (close != std::string_view::npos && close + 2 < text.size() && text[close + 2] == '.')
            alias = std::string(text.substr(close + 3));
    } else if (const auto at = text.find("provider."); at != std::string_view::npos) {
        const std::string_view rest = text.substr(at + 9);
        const auto dot = rest.find('.');
        name = std::string(rest.substr(0, dot));
        if (dot != std::string_view::npos)
            alias = std::string(rest.substr(dot + 1));
    } else {
        name = lastSegment(text);
    }
    return {name, alias.empty() ? name : name + '.' + alias};
}

std::string cloudOf(std::string_view terraformProvider)
{
    if (terraformProvider == "aws")
        return "aws";
    if (terraformProvider == "azurerm" || terraformProvider == "azapi")
        return "azure";
    if (terraformProvider == "google" || terraformProvider == "google-beta")
        return "gcp";
    if (terraformProvider == "oci")
        return "oci";
    return {};
}

class Reader : JsonReaderBase
{
public:
    using JsonReaderBase::JsonReaderBase;

    std::optional<Error> run()
    {
        const std::size_t start = m_scanner.skipSpace(0);
        if (m_scanner.at(start) != '{')
            return m_scanner.errorAt(start, QStringLiteral("not a Terraform state or show -json document: the top level must be an object"));
        TopLevel top;
        auto end = m_scanner.members(start, [&](std::string_view key, std::size_t value) { return topMember(key, value, top); });
        if (!end)
            return end.error();
        return emitTopLevel(start, top);
    }

private:
    // What the top level holds besides a state's resources (emitted as they are read): the
    // parts of a show -json document, kept until all of it is read.
    struct TopLevel
    {
        std::optional<JsonTree> configuration, variables, changes;
        std::vector<JsonTree> resources; // of values (state) or planned_values (plan)
        bool planned = false, values = false;
    };

    std::expected<std::size_t, Error> topMember(std::string_view key, std::size_t value, TopLevel &top)
    {
        if (key == "version")
            return readStateVersion(value);
        if (key == "format_version")
            return readFormatVersion(value);
        if (key == "resources" && m_scanner.at(value) == '[')
            return m_scanner.items(value, [this](std::size_t b, std::size_t e) { return stateResource(b, e); });
        if (key == "values" || key == "planned_values")
            return readValues(key == "planned_values", value, top);
        if (key == "configuration")
            return copyValue(value, top.configuration);
        if (key == "variables")
            return copyValue(value, top.variables);
        if (key == "resource_changes")
            return copyValue(value, top.changes);
        if (key == "modules")
            return std::unexpected(m_scanner.errorAt(value, QStringLiteral("Terraform state version 3 layout ('modules') is not supported; "
                                                                           "run `terraform show -json` with a newer Terraform")));
        return std::string_view::npos;
    }

    // A member's value; `node` is valid until the next one is read.
    std::expected<std::size_t, Error> readNode(std::size_t value, const JsonNode *&node)
    {
        auto valueEnd = m_scanner.valueEnd(value);
        if (!valueEnd)
            return valueEnd;
        auto parsed = m_scanner.node(value, *valueEnd, nullptr);
        if (!parsed)
            return std::unexpected(parsed.error());
        node = *parsed;
        return *valueEnd;
    }

    std::expected<std::size_t, Error> copyValue(std::size_t value, std::optional<JsonTree> &into)
    {
        const JsonNode *node = nullptr;
        auto e = readNode(value, node);
        if (e)
            into = JsonTree::copyOf(*node);
        return e;
    }

    static QString textOf(const JsonNode &node) { return QString::fromUtf8(node.text.data(), qsizetype(node.text.size())); }

    std::expected<std::size_t, Error> readStateVersion(std::size_t value)
    {
        const JsonNode *node = nullptr;
        auto e = readNode(value, node);
        if (e && node->text != "4")
            return std::unexpected(m_scanner.errorAt(*node, node->text == "3"
                                                                ? QStringLiteral("Terraform state version 3 (Terraform 0.11 or older) is not supported; "
                                                                                 "run `terraform show -json` with any newer Terraform, or upgrade the state")
                                                                : QStringLiteral("Terraform state version %1 is not supported (this build reads version 4)")
                                                                      .arg(textOf(*node))));
        m_state = true;
        return e;
    }

    std::expected<std::size_t, Error> readFormatVersion(std::size_t value)
    {
        const JsonNode *node = nullptr;
        auto e = readNode(value, node);
        if (e && !(node->text.starts_with("0.") || node->text.starts_with("1.")))
            return std::unexpected(m_scanner.errorAt(*node, QStringLiteral("terraform show -json format_version %1 is not supported (this build reads 0.x and 1.x)")
                                                                .arg(textOf(*node))));
        return e;
    }

    // values or planned_values: a plan's values are the planned ones, whichever comes first.
    std::expected<std::size_t, Error> readValues(bool planValues, std::size_t value, TopLevel &top)
    {
        (planValues ? top.planned : top.values) = true;
        if (planValues)
            top.resources.clear();
        else if (top.planned)
            return std::string_view::npos;
        return m_scanner.members(value, [&](std::string_view k, std::size_t v) -> std::expected<std::size_t, Error> {
            if (k == "root_module")
                return collectModule(v, top.resources);
            return std::string_view::npos;
        });
    }

    std::optional<Error> emitTopLevel(std::size_t start, const TopLevel &top)
    {
        if (top.planned) {
            m_plan = true;
            prepareProviders(top.configuration ? &top.configuration->root() : nullptr, top.variables ? &top.variables->root() : nullptr);
            if (top.changes)
                readChanges(top.changes->root());
            return emitModuleResources(top.resources);
        }
        if (top.values)
            return emitModuleResources(top.resources);
        if (!m_state)
            return m_scanner.errorAt(start, QStringLiteral("not a Terraform state or show -json document: no 'resources', 'values' or 'planned_values'"));
        return std::nullopt;
    }

    std::optional<Error> stateResource(std::size_t begin, std::size_t end)
    {
        auto node = readItem(m_scanner, begin, end, &stateResourceFilter(), m_context, "each state resource");
        if (!node)
            return node.error();
        const JsonNode &res = **node;
        auto mode = text(m_scanner, res, "mode");
        auto type = text(m_scanner, res, "type");
        auto name = text(m_scanner, res, "name");
        auto provider = text(m_scanner, res, "provider");
        auto moduleName = text(m_scanner, res, "module");
        for (const auto *field : {&mode, &type, &name, &provider, &moduleName})
            if (!*field)
                return field->error();
        const JsonNode *instances = res.member("instances");
        if (!instances || instances->kind != JsonNode::Kind::Sequence)
            return m_scanner.errorAt(res, QStringLiteral("state resource without an 'instances' list"));
        const auto [tfProvider, configKey] = providerOf(*provider);
        const std::string address = joined({*moduleName, moduleName->empty() ? "" : ".", *mode == "data" ? "data." : "", *type, ".", *name});
        for (const JsonNode &instance : instances->children) {
            std::string instanceAddress = address;
            if (const JsonNode *key = instance.member("index_key"))
                instanceAddress += key->kind == JsonNode::Kind::String ? joined({"[\"", key->text, "\"]"}) : joined({"[", key->text, "]"});
            const JsonNode *attributes = instance.member("attributes");
            JsonTree unflattened;
            if ((!attributes || attributes->kind != JsonNode::Kind::Map) && instance.member("attributes_flat")) {
                unflatten(*instance.member("attributes_flat"), unflattened);
                attributes = &unflattened.root();
            }
            if (!attributes || attributes->kind != JsonNode::Kind::Map) {
                m_sink.skipped(SkippedResource{m_scanner.ref(instance), std::string(*type), instanceAddress,
                                               QStringLiteral("no attributes: the state holds no values for this instance")});
                continue;
            }
            if (instance.member("deposed")) {
                m_sink.skipped(SkippedResource{m_scanner.ref(instance), std::string(*type), instanceAddress,
                                               QStringLiteral("deposed: an old object awaiting destruction")});
                continue;
            }
            if (auto failed = emit(std::string(*type), instanceAddress, tfProvider, configKey, *mode == "data", *attributes, m_scanner.ref(instance)))
                return failed;
        }
        return std::nullopt;
    }

    // The resources of a module and its child modules, each read on its own (exact positions).
    std::expected<std::size_t, Error> collectModule(std::size_t at, std::vector<JsonTree> &out)
    {
        return m_scanner.members(at, [&](std::string_view key, std::size_t value) -> std::expected<std::size_t, Error> {
            if (key == "resources" && m_scanner.at(value) == '[')
                return m_scanner.items(value, [&](std::size_t b, std::size_t e) -> std::optional<Error> {
                    auto node = readItem(m_scanner, b, e, &showResourceFilter(), m_context, "each resource");
                    if (!node)
                        return node.error();
                    out.push_back(JsonTree::copyOf(**node));
                    return std::nullopt;
                });
            if (key == "child_modules" && m_scanner.at(value) == '[')
                return m_scanner.items(value, [&](std::size_t b, std::size_t) -> std::optional<Error> {
                    auto end = collectModule(b, out);
                    return end ? std::nullopt : std::optional<Error>(end.error());
                });
            return std::string_view::npos;
        });
    }

    std::optional<Error> emitModuleResources(const std::vector<JsonTree> &resources)
    {
        static const JsonNode empty{JsonNode::Kind::Map};
        for (const JsonTree &tree : resources) {
            const JsonNode &res = tree.root();
            if (m_context.cancelled())
                return Error{m_scanner.fileName(), 0, 0, QStringLiteral("cancelled")};
            const std::string address(nodeText(res.member("address")));
            const std::string type(nodeText(res.member("type")));
            const auto [tfProvider, configKey] = providerOf(nodeText(res.member("provider_name")));
            const JsonNode *attributes = res.member("values");
            std::string key = configKey;
            if (const auto it = m_resourceConfigKey.find(stripIndex(address)); it != m_resourceConfigKey.end())
                key = it->second;
            if (auto failed = emit(type, address, tfProvider, key, nodeText(res.member("mode")) == "data",
                                   attributes && attributes->kind == JsonNode::Kind::Map ? *attributes : empty, m_scanner.ref(res)))
                return failed;
        }
        return std::nullopt;
    }

    // States upgraded from version 3 keep some instances as flat strings ("tags.Name": "x",
    // "tags.%": "1"): the plain keys as they are, `tags.*` as a tags map.
    static void unflatten(const JsonNode &flat, JsonTree &out)
    {
        std::size_t plain = 0, tagCount = 0;
        for (const JsonNode &c : flat.children) {
            if (c.key.starts_with("tags."))
                tagCount += c.key != "tags.%";
            else
                plain += c.key.find('.') == std::string_view::npos;
        }
        // Texts stay views into `flat`'s tree, which outlives this one.
        JsonNode &root = out.allocate(1).front();
        root.kind = JsonNode::Kind::Map;
        root.offset = flat.offset;
        const std::span<JsonNode> members = out.allocate(plain + (tagCount ? 1 : 0));
        const std::span<JsonNode> tags = out.allocate(tagCount);
        std::size_t m = 0, t = 0;
        for (const JsonNode &c : flat.children) {
            if (c.key.starts_with("tags.")) {
                if (c.key != "tags.%") {
                    tags[t] = c;
                    tags[t++].key = c.key.substr(5);
                }
            } else if (c.key.find('.') == std::string_view::npos) {
                members[m++] = c;
            }
        }
        if (tagCount) {
            JsonNode &map = members[m];
            map.kind = JsonNode::Kind::Map;
            map.key = "tags";
            map.offset = flat.offset;
            map.children = tags;
        }
        root.children = members;
    }

    static std::string stripIndex(const std::string &address)
    {
        // module.x["a"].aws_s3_bucket.b[0] → module.x.aws_s3_bucket.b (configuration addresses)
        std::string out;
        int depth = 0;
        for (char c : address) {
            if (c == '[')
                ++depth;
            else if (c == ']')
                --depth;
            else if (depth == 0)
                out += c;
        }
        return out;
    }

    // A plan's configuration: which provider configuration each resource uses and the region
    // each configuration sets (a constant, or a variable's value).
    void prepareProviders(const JsonNode *configuration, const JsonNode *variables)
    {
        if (!configuration)
            return;
        if (const JsonNode *providers = configuration->member("provider_config"))
            for (const JsonNode &p : providers->children) {
                const JsonNode *region = nodePath(p, {"expressions", "region"});
                if (!region)
                    continue;
                std::string value(nodeText(region->member("constant_value")));
                if (value.empty())
                    if (const JsonNode *refs = region->member("references"); refs && !refs->children.empty()) {
                        const std::string ref(nodeText(&refs->children.front()));
                        if (ref.starts_with("var.") && variables)
                            if (const JsonNode *v = variables->member(ref.substr(4)))
                                value = std::string(nodeText(v->member("value")));
                    }
                if (!value.empty())
                    m_providerRegion[std::string(p.key)] = value;
            }
        collectConfigKeys(configuration->member("root_module"), "");
    }

    void collectConfigKeys(const JsonNode *module, const std::string &prefix)
    {
        if (!module)
            return;
        if (const JsonNode *resources = module->member("resources"))
            for (const JsonNode &r : resources->children) {
                const std::string address(nodeText(r.member("address")));
                const std::string key(nodeText(r.member("provider_config_key")));
                if (!address.empty() && !key.empty())
                    m_resourceConfigKey[prefix + address] = key;
            }
        if (const JsonNode *calls = module->member("module_calls"))
            for (const JsonNode &call : calls->children)
                collectConfigKeys(call.member("module"), joined({prefix, "module.", call.key, "."}));
    }

    void readChanges(const JsonNode &changes)
    {
        for (const JsonNode &c : changes.children) {
            const JsonNode *actions = nodePath(c, {"change", "actions"});
            if (!actions)
                continue;
            bool create = false, update = false, destroy = false;
            for (const JsonNode &a : actions->children) {
                create |= a.text == "create";
                update |= a.text == "update";
                destroy |= a.text == "delete";
            }
            const std::string address(nodeText(c.member("address")));
            if (destroy && !create)
                m_sink.skipped(SkippedResource{m_scanner.ref(c), std::string(nodeText(c.member("type"))), address,
                                               QStringLiteral("the plan destroys it")});
            else if (create || update)
                m_planned.insert(address);
        }
    }

    std::optional<Error> emit(const std::string &type, const std::string &address, const std::string &tfProvider,
                              const std::string &configKey, bool dataSource, const JsonNode &attributes, const SourceRef &at)
    {
        if (isUtilityProvider(tfProvider)) {
            m_sink.skipped(SkippedResource{at, type, address, QStringLiteral("holds no data (a Terraform utility resource, not a cloud resource)")});
            return std::nullopt;
        }
        CloudResource r;
        r.format = "terraform";
        r.provider = cloudOf(tfProvider);
        r.type = type;
        r.source = at;
        r.providerConfig = configKey;
        if (dataSource)
            r.status = ResourceStatus::DataSource;
        else if (m_plan && m_planned.contains(address))
            r.status = ResourceStatus::Planned;
        const std::string arn(nodeText(attributes.member("arn")));
        const std::string id(nodeText(attributes.member("id")));
        r.nativeId = !arn.empty() ? arn : !id.empty() && r.provider == "azure" ? id : address;
        if (type == "aws_s3_bucket" && arn.empty()) {
            const std::string bucket(nodeText(attributes.member("bucket")));
            if (!bucket.empty())
                r.nativeId = "arn:aws:s3:::" + bucket;
        }
        std::string name;
        for (const char *field : {"name", "bucket", "function_name", "identifier", "cluster_identifier"})
            if (name = std::string(nodeText(attributes.member(field))); !name.empty())
                break;
        r.name = !name.empty() ? name : address;
        // An AWS availability zone first: a Local Zone (us-east-1-qro-1a) is in another country
        // than the `region` attribute provider 6 adds. Azure zones are numbers, never locations.
        static const std::initializer_list<const char *> awsOrder{"availability_zone", "region", "location", "zone"};
        static const std::initializer_list<const char *> otherOrder{"region", "location", "zone", "availability_zone"};
        for (const char *field : r.provider == "aws" ? awsOrder : otherOrder) {
            const JsonNode *n = attributes.member(field);
            if (!nodeText(n).empty()) {
                r.location = lower(nodeText(n));
                r.locationField = field;
                r.locationSource = m_scanner.ref(*n);
                break;
            }
        }
        if (r.location.empty() && !arnRegion(arn).empty()) {
            r.location = arnRegion(arn);
            r.locationField = "arn";
        }
        if (r.location.empty())
            if (const auto it = m_providerRegion.find(configKey); it != m_providerRegion.end()) {
                r.location = it->second;
                r.locationField = "provider configuration";
            }
        // tags_all / effective_labels include the provider's default tags, where a classification
        // set for a whole account lives.
        for (const char *field : {"tags_all", "tags", "effective_labels", "labels"})
            if (r.tags = nodeTags(attributes.member(field)); !r.tags.empty())
                break;
        replicas(type, attributes, r);
        m_sink.resource(std::move(r));
        return std::nullopt;
    }

    static const JsonNode *first(const JsonNode *list)
    {
        return list && list->kind == JsonNode::Kind::Sequence && !list->children.empty() ? &list->children.front() : nullptr;
    }

    void replicas(const std::string &type, const JsonNode &attributes, CloudResource &r)
    {
        auto s3Rules = [&](const JsonNode *rules, const std::string &sourceArn, bool separate) {
            if (!rules)
                return;
            for (const JsonNode &rule : rules->children) {
                const std::string status(nodeText(rule.member("status")));
                if (!status.empty() && lower(status) != "enabled")
                    continue;
                const JsonNode *dest = first(rule.member("destination"));
                const std::string bucket(dest ? nodeText(dest->member("bucket")) : std::string_view());
                if (bucket.empty())
                    continue;
                const std::string ruleId(nodeText(rule.member("id")));
                Replica replica{bucket, {}, {}, "S3 replication rule '" + ruleId + "'", false, m_scanner.ref(rule)};
                if (separate)
                    m_sink.replication(sourceArn, std::move(replica));
                else
                    r.replicas.push_back(std::move(replica));
            }
        };
        if (type == "aws_s3_bucket_replication_configuration") {
            const std::string bucket(nodeText(attributes.member("bucket")));
            s3Rules(attributes.member("rule"), bucket.starts_with("arn:") ? bucket : "arn:aws:s3:::" + bucket, true);
        } else if (type == "aws_s3_bucket") {
            if (const JsonNode *config = first(attributes.member("replication_configuration")))
                s3Rules(config->member("rules"), r.nativeId, false);
        } else if (type == "azurerm_storage_account") {
            const std::string replication(nodeText(attributes.member("account_replication_type")));
            const std::string l = lower(replication);
            if (l == "grs" || l == "ragrs" || l == "gzrs" || l == "ragzrs") {
                const std::string secondary(nodeText(attributes.member("secondary_location")));
                r.replicas.push_back(Replica{{}, "azure", lower(secondary), "geo-redundant storage (" + replication + ")",
                                             secondary.empty(), m_scanner.ref(*attributes.member("account_replication_type"))});
            }
        } else if (type == "google_storage_bucket") {
            if (const JsonNode *placement = first(attributes.member("custom_placement_config")))
                if (const JsonNode *locations = placement->member("data_locations"); locations && !locations->children.empty()) {
                    r.location = lower(nodeText(&locations->children.front()));
                    r.locationField = "custom_placement_config.data_locations";
                    for (std::size_t i = 1; i < locations->children.size(); ++i)
                        r.replicas.push_back(Replica{{}, "gcp", lower(nodeText(&locations->children[i])), "GCS dual-region placement",
                                                     false, m_scanner.ref(locations->children[i])});
                }
        } else if (type == "aws_db_instance" || type == "aws_rds_cluster") {
            // A read replica: the source's data is copied here (across regions when the source
            // is named by an ARN in another region).
            const bool cluster = type == "aws_rds_cluster";
            const char *field = cluster ? "replication_source_identifier" : "replicate_source_db";
            const JsonNode *source = attributes.member(field);
            if (!nodeText(source).empty())
                r.copyOf = CloudResource::CopyOf{rdsSourceArn(nodeText(source), r.nativeId, cluster),
                                                 std::string("RDS read replica (") + field + ")", m_scanner.ref(*source)};
        } else if (type == "aws_dynamodb_table") {
            if (const JsonNode *list = attributes.member("replica"))
                for (const JsonNode &replica : list->children) {
                    const std::string region(nodeText(replica.member("region_name")));
                    if (!region.empty())
                        r.replicas.push_back(Replica{{}, "aws", region, "DynamoDB global table replica", false, m_scanner.ref(replica)});
                }
        }
    }

    bool m_state = false;
    bool m_plan = false;
    std::map<std::string, std::string> m_providerRegion;    // provider config key → region
    std::map<std::string, std::string> m_resourceConfigKey; // configuration address → key
    std::set<std::string> m_planned;
};

} // namespace

std::optional<Error> TerraformFormat::read(const TextInput &input, const ReadContextInfo &context,
                                           ResourceSink &sink) const
{
    Reader reader(input, context, sink);
    return reader.run();
}

} // namespace atlas
