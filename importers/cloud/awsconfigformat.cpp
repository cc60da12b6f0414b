#include "awsconfigformat.h"

#include "formatsupport.h"

#include <unordered_map>

namespace atlas {

using namespace exportsupport;

QString AwsConfigFormat::title() const
{
    return QStringLiteral("AWS Config snapshot/history files (.json, .json.gz), batch-get- and select-resource-config output");
}

int AwsConfigFormat::sniff(std::string_view head) const
{
    if (contains(head, "\"configurationItems\"") || contains(head, "\"configSnapshotId\"")
        || contains(head, "\"baseConfigurationItems\""))
        return 95;
    if (contains(head, "\"Results\"") && (contains(head, "\"QueryInfo\"") || contains(head, "resourceType")))
        return 90;
    if (contains(head, "\"resourceType\"") && contains(head, "\"AWS::") && contains(head, "\"awsRegion\""))
        return 70;
    return 0;
}

namespace {

const FieldFilter &itemFilter()
{
    static const FieldFilter filter{
        "", {{"resourceType", {}}, {"resourceId", {}}, {"resourceName", {}}, {"ARN", {}}, {"arn", {}},
             {"awsRegion", {}}, {"availabilityZone", {}}, {"configurationItemStatus", {}}, {"tags", {}},
             {"configurationItemCaptureTime", {}}, {"awsAccountId", {}}, {"accountId", {}},
             {"supplementaryConfiguration", {{"BucketReplicationConfiguration", {}}}},
             {"configuration", {{"readReplicaSourceDBInstanceIdentifier", {}}, {"replicationSourceIdentifier", {}}}}}};
    return filter;
}

bool isRealZone(std::string_view az)
{
    return !az.empty() && az != "Regional" && az != "Not Applicable" && az != "Multiple Availability Zones"
        && az.find(' ') == std::string_view::npos;
}

class Reader : JsonReaderBase
{
public:
    using JsonReaderBase::JsonReaderBase;

    std::optional<Error> run()
    {
        const std::size_t start = m_scanner.skipSpace(0);
        if (m_scanner.at(start) == '[')
            return finish(m_scanner.items(start, [this](std::size_t b, std::size_t e) { return item(b, e, false); }));
        bool found = false;
        auto end = m_scanner.members(start, [&](std::string_view key, std::size_t value) -> std::expected<std::size_t, Error> {
            if (key == "configSnapshotId")
                m_snapshot = true;
            if (key == "configurationItems" || key == "baseConfigurationItems" || key == "Results") {
                found = true;
                const bool nested = key == "Results";
                if (m_scanner.at(value) != '[') {
                    const auto valueEnd = m_scanner.valueEnd(value);
                    if (!valueEnd)
                        return std::unexpected(valueEnd.error());
                    auto node = m_scanner.node(value, *valueEnd, &m_emptyFilter);
                    return std::unexpected(m_scanner.errorAt(value, QStringLiteral("'%1' must be a list of configuration items, got %2")
                                                                        .arg(QString::fromUtf8(key.data(), qsizetype(key.size())),
                                                                             node ? QString::fromLatin1(SourceNode::kindName((*node)->kind)) : QStringLiteral("something else"))));
                }
                return m_scanner.items(value, [this, nested](std::size_t b, std::size_t e) { return item(b, e, nested); });
            }
            return std::string_view::npos;
        });
        if (!end)
            return end.error();
        if (!found)
            return m_scanner.errorAt(start, QStringLiteral("not an AWS Config file: no 'configurationItems' (or 'Results') list"));
        return finish(end);
    }

private:
    std::optional<Error> finish(const std::expected<std::size_t, Error> &end)
    {
        if (!end)
            return end.error();
        // History files and API output can hold several items per resource: the latest wins.
        for (Latest &entry : m_entries)
            m_sink.resource(std::move(entry.resource));
        return std::nullopt;
    }

    std::optional<Error> item(std::size_t begin, std::size_t end, bool nested)
    {
        auto node = readItem(m_scanner, begin, end, &itemFilter(), m_context,
                             nested ? "select-resource-config result" : "a configuration item", nested ? &m_nested : nullptr);
        if (!node)
            return node.error();
        return convert(**node);
    }

    std::optional<Error> convert(const JsonNode &ci)
    {
        CloudResource r;
        r.format = "aws-config";
        r.provider = "aws";
        r.source = m_scanner.ref(ci);
        auto type = text(m_scanner, ci, "resourceType");
        auto id = text(m_scanner, ci, "resourceId");
        auto name = text(m_scanner, ci, "resourceName");
        auto arn = textAny(m_scanner, ci, {"ARN", "arn"});
        auto region = text(m_scanner, ci, "awsRegion");
        auto zone = text(m_scanner, ci, "availabilityZone");
        auto status = text(m_scanner, ci, "configurationItemStatus");
        auto captured = text(m_scanner, ci, "configurationItemCaptureTime");
        auto account = textAny(m_scanner, ci, {"awsAccountId", "accountId"});
        for (const auto *field : {&type, &id, &name, &arn, &region, &zone, &status, &captured, &account})
            if (!*field)
                return field->error();
        if (type->empty())
            return m_scanner.errorAt(ci, QStringLiteral("configuration item without 'resourceType'"));
        r.type = *type;
        r.name = !name->empty() ? *name : *id;
        // Without an ARN (associations, some API output): account and region make it unique.
        r.nativeId = !arn->empty() ? std::string(*arn) : joined({*account, ":", *region, ":", *type, "/", *id});
        r.statusText = *status;
        if (*status == "ResourceDeleted" || *status == "ResourceDeletedNotRecorded" || *status == "ResourceNotRecorded")
            r.status = ResourceStatus::Deleted;
        if (isRealZone(*zone)) {
            // A zone, not just its region: Local and Wavelength Zones are in other countries.
            r.location = *zone;
            r.locationField = "availabilityZone";
            r.locationSource = m_scanner.ref(*ci.member("availabilityZone"));
        } else if (!region->empty()) {
            r.location = *region;
            r.locationField = "awsRegion";
            r.locationSource = m_scanner.ref(*ci.member("awsRegion"));
        } else if (const std::string fromArn = arnRegion(*arn); !fromArn.empty()) {
            r.location = fromArn;
            r.locationField = "ARN";
        }
        r.tags = nodeTags(ci.member("tags"));
        if (name->empty()) // EC2 instances have no resourceName: their Name tag is what people call them
            for (const auto &[k, v] : r.tags)
                if (k == "Name" && !v.empty())
                    r.name = v;
        if (auto failed = replication(ci, r))
            return failed;
        if (auto failed = readReplica(ci, r))
            return failed;
        if (m_snapshot) {
            m_sink.resource(std::move(r));
            return std::nullopt;
        }
        // One resource: its ARN, else account, region, type and id (the zone may change between
        // items: a failover is the same database).
        const std::string key = !arn->empty() ? std::string(*arn) : joined({*account, "\n", *region, "\n", r.type, "\n", *id});
        const auto [it, inserted] = m_index.try_emplace(key, m_entries.size());
        if (inserted) {
            m_entries.push_back(Latest{std::string(*captured), std::move(r)});
        } else if (Latest &seen = m_entries[it->second]; *captured >= seen.captured) {
            m_sink.skipped(SkippedResource{seen.resource.source, seen.resource.type, seen.resource.nativeId,
                                           QStringLiteral("superseded: a later configuration item of the same resource follows")});
            seen = Latest{std::string(*captured), std::move(r)};
        } else {
            m_sink.skipped(SkippedResource{r.source, r.type, r.nativeId,
                                           QStringLiteral("superseded: a later configuration item of the same resource exists")});
        }
        return std::nullopt;
    }

    // Some AWS Config values are JSON documents inside strings (the API variants write the
    // configuration so): `node` then points at the parsed document, kept in `storage`.
    std::optional<Error> unwrapJsonString(const JsonNode *&node, JsonTree &storage, const FieldFilter *filter)
    {
        if (node->kind != JsonNode::Kind::String)
            return std::nullopt;
        auto inner = m_scanner.nestedNode(node->text, *node, storage, filter);
        if (!inner)
            return inner.error();
        node = *inner;
        return std::nullopt;
    }

    // SDK v1 shape: {roleARN, rules: {id: {destinationConfig: {bucketARN}, status}}}; rules may
    // also be a list, the whole value a JSON string, and the v2 shape uses Destination.Bucket.
    std::optional<Error> replication(const JsonNode &ci, CloudResource &r)
    {
        const JsonNode *config = nodePath(ci, {"supplementaryConfiguration", "BucketReplicationConfiguration"});
        if (!config || config->kind == JsonNode::Kind::Null)
            return std::nullopt;
        JsonTree parsed;
        if (auto failed = unwrapJsonString(config, parsed, nullptr))
            return failed;
        const JsonNode *rules = memberNoCase(*config, "rules");
        if (!rules)
            return std::nullopt;
        for (const JsonNode &rule : rules->children) {
            if (rule.kind != JsonNode::Kind::Map)
                continue;
            const std::string_view status = nodeText(memberNoCase(rule, "status"));
            const JsonNode *dest = memberNoCase(rule, "destinationConfig");
            if (!dest)
                dest = memberNoCase(rule, "destination");
            std::string target;
            if (dest) {
                target = std::string(nodeText(memberNoCase(*dest, "bucketARN")));
                if (target.empty())
                    target = std::string(nodeText(memberNoCase(*dest, "bucket")));
            }
            const std::string ruleId(!rule.key.empty() ? rule.key : nodeText(memberNoCase(rule, "id")));
            if (target.empty())
                continue;
            if (!status.empty() && lower(status) != "enabled") {
                m_sink.warning(m_scanner.ref(rule), QStringLiteral("S3 replication rule '%1' is %2: no flow recorded")
                                                        .arg(QString::fromStdString(ruleId), QString::fromUtf8(status.data(), qsizetype(status.size()))));
                continue;
            }
            r.replicas.push_back(Replica{target, {}, {}, "S3 replication rule '" + ruleId + "'", false, m_scanner.ref(rule)});
        }
        return std::nullopt;
    }

    // An RDS read replica names its source in the configuration (the RDS API's DBInstance and
    // DBCluster fields): the source's data is copied here.
    std::optional<Error> readReplica(const JsonNode &ci, CloudResource &r)
    {
        const bool instance = r.type == "AWS::RDS::DBInstance";
        if (!instance && r.type != "AWS::RDS::DBCluster")
            return std::nullopt;
        const JsonNode *config = ci.member("configuration");
        if (!config || config->kind == JsonNode::Kind::Null)
            return std::nullopt;
        static const FieldFilter fields{"", {{"readReplicaSourceDBInstanceIdentifier", {}}, {"replicationSourceIdentifier", {}}}};
        JsonTree parsed;
        if (auto failed = unwrapJsonString(config, parsed, &fields))
            return failed;
        const char *field = instance ? "readReplicaSourceDBInstanceIdentifier" : "replicationSourceIdentifier";
        const JsonNode *source = config->kind == JsonNode::Kind::Map ? config->member(field) : nullptr;
        if (!nodeText(source).empty())
            r.copyOf = CloudResource::CopyOf{rdsSourceArn(nodeText(source), r.nativeId, !instance),
                                             std::string("RDS read replica (") + field + ")", m_scanner.ref(*source)};
        return std::nullopt;
    }

    struct Latest
    {
        std::string captured;
        CloudResource resource;
    };

    bool m_snapshot = false;
    FieldFilter m_emptyFilter{"", {}};
    JsonTree m_nested; // a select-resource-config result, parsed from its string
    std::vector<Latest> m_entries; // in reading order, so ids do not depend on hashing
    std::unordered_map<std::string, std::size_t> m_index;
};

} // namespace

std::optional<Error> AwsConfigFormat::read(const TextInput &input, const ReadContextInfo &context,
                                           ResourceSink &sink) const
{
    Reader reader(input, context, sink);
    return reader.run();
}

} // namespace atlas
