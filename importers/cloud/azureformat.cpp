#include "azureformat.h"

#include "formatsupport.h"

#include <algorithm>
#include <vector>

namespace atlas {

using namespace exportsupport;

QString AzureFormat::title() const
{
    return QStringLiteral("Azure: az resource list, Resource Graph results (CLI or REST), az account list-locations");
}

int AzureFormat::sniff(std::string_view head) const
{
    if (contains(head, "\"regionalDisplayName\"") || contains(head, "\"pairedRegion\""))
        return 90;
    if (contains(head, "\"/subscriptions/")) {
        if (contains(head, "\"totalRecords\"") || contains(head, "\"total_records\"") || contains(head, "\"skip_token\""))
            return 90;
        if (contains(head, "\"type\""))
            return 80;
    }
    return 0;
}

namespace {

const FieldFilter &rowFilter()
{
    static const FieldFilter filter{
        "", {{"id", {}}, {"name", {}}, {"type", {}}, {"location", {}}, {"extendedLocation", {}}, {"tags", {}},
             {"sku", {}}, {"kind", {}}, {"metadata", {{"pairedRegion", {}}, {"regionType", {}}}},
             {"properties", {{"secondaryLocation", {}}, {"provisioningState", {}}, {"locations", {{"locationName", {}}}}}}}};
    return filter;
}

bool geoRedundant(std::string_view sku)
{
    const std::string s = lower(sku);
    return s.ends_with("_grs") || s.ends_with("_ragrs") || s.ends_with("_gzrs") || s.ends_with("_ragzrs");
}

std::string normaliseLocation(std::string_view location)
{
    std::string out;
    for (char c : location)
        if (c != ' ')
            out += c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
    return out;
}

class Reader : JsonReaderBase
{
public:
    using JsonReaderBase::JsonReaderBase;

    std::optional<Error> run()
    {
        const std::size_t start = skipLineComments(m_scanner.text());
        auto each = [this](std::size_t b, std::size_t e) { return row(b, e); };
        if (m_scanner.at(start) == '[') {
            auto end = m_scanner.items(start, each);
            return end ? std::nullopt : std::optional<Error>(end.error());
        }
        bool found = false;
        auto end = envelope(start, found);
        if (!end)
            return end.error();
        if (!found)
            return m_scanner.errorAt(start, QStringLiteral("not an Azure export: no list of resources (expected a list, or 'data' / 'value')"));
        return std::nullopt;
    }

private:
    // {"data": […]}, {"value": […]}, and the REST example's {"responses": {"200": {"body": {…}}}}.
    std::expected<std::size_t, Error> envelope(std::size_t at, bool &found)
    {
        return m_scanner.members(at, [&](std::string_view key, std::size_t value) -> std::expected<std::size_t, Error> {
            if ((key == "data" || key == "value") && m_scanner.at(value) == '[') {
                found = true;
                return m_scanner.items(value, [this](std::size_t b, std::size_t e) { return row(b, e); });
            }
            if ((key == "responses" || key == "200" || key == "body") && m_scanner.at(value) == '{')
                return envelope(value, found);
            pagingWarning(key, value);
            return std::string_view::npos;
        });
    }

    // A page of a larger result (Resource Graph pages at 1,000 rows): say so, the rest is not here.
    void pagingWarning(std::string_view key, std::size_t value)
    {
        const char c = m_scanner.at(value);
        const bool token = (key == "skip_token" || key == "$skipToken" || key == "nextLink") && c != 'n';
        const bool truncated = key == "resultTruncated" && (c == 't' || m_scanner.text().substr(value, 6) == "\"true\"");
        if (token || truncated)
            m_sink.warning(m_scanner.ref(value),
                           QStringLiteral("this file is one page of a larger result ('%1' is set): only its rows are imported — "
                                          "export every page (az graph query --first 1000 --skip-token …) and give them all")
                               .arg(QString::fromUtf8(key.data(), qsizetype(key.size()))));
    }

    std::optional<Error> row(std::size_t begin, std::size_t end)
    {
        auto node = readItem(m_scanner, begin, end, &rowFilter(), m_context, "each Azure row");
        if (!node)
            return node.error();
        return convert(**node);
    }

    std::optional<Error> convert(const JsonNode &n)
    {
        auto id = text(m_scanner, n, "id");
        auto name = text(m_scanner, n, "name");
        auto type = text(m_scanner, n, "type");
        auto location = text(m_scanner, n, "location");
        for (const auto *field : {&id, &name, &type, &location})
            if (!*field)
                return field->error();
        if (const JsonNode *metadata = n.member("metadata"); metadata && id->find("/locations/") != std::string::npos) {
            // A row of `az account list-locations`: region facts, not a resource.
            if (const JsonNode *pairs = metadata->member("pairedRegion"); pairs && pairs->kind == JsonNode::Kind::Sequence)
                for (const JsonNode &p : pairs->children) {
                    const std::string paired(nodeText(p.member("name")));
                    if (!paired.empty() && paired != *name) {
                        m_sink.regionPair("azure", std::string(*name), paired, m_scanner.ref(p));
                        break;
                    }
                }
            return std::nullopt;
        }
        if (type->empty() && id->empty())
            return m_scanner.errorAt(n, QStringLiteral("Azure row without 'id' and 'type' (project them in the query)"));
        CloudResource r;
        r.format = "azure";
        r.provider = "azure";
        r.source = m_scanner.ref(n);
        r.type = *type;
        r.nativeId = *id;
        r.name = !name->empty() ? *name : lastSegment(*id);
        r.tags = nodeTags(n.member("tags"));
        if (!location->empty()) {
            r.location = normaliseLocation(*location);
            r.locationField = "location";
            r.locationSource = m_scanner.ref(*n.member("location"));
        }
        if (const JsonNode *ext = n.member("extendedLocation"); ext && ext->kind == JsonNode::Kind::Map) {
            const std::string edge(nodeText(ext->member("name")));
            if (!edge.empty()) {
                // An edge zone is a site of its own; its country is not its parent region's by
                // definition, so it resolves through the catalog or stays unknown.
                r.location = normaliseLocation(edge);
                r.locationField = "extendedLocation";
                r.locationSource = m_scanner.ref(*ext);
            }
        }
        const JsonNode *sku = n.member("sku");
        const std::string skuName(sku && sku->kind == JsonNode::Kind::Map ? nodeText(sku->member("name")) : nodeText(sku));
        if (lower(*type) == "microsoft.storage/storageaccounts" && geoRedundant(skuName)) {
            const JsonNode *secondary = nodePath(n, {"properties", "secondaryLocation"});
            Replica replica{{}, "azure", normaliseLocation(nodeText(secondary)), "geo-redundant storage (" + skuName + ")",
                            nodeText(secondary).empty(), m_scanner.ref(*sku)};
            r.replicas.push_back(std::move(replica));
        }
        if (lower(*type) == "microsoft.documentdb/databaseaccounts")
            if (auto bad = cosmosReplicas(n, normaliseLocation(*location), r))
                return bad;
        m_sink.resource(std::move(r));
        return std::nullopt;
    }

    // A Cosmos DB account keeps a full copy of its data in every region of `properties.locations`
    // ({locationName, failoverPriority}, its own region among them): one copy per other region.
    std::optional<Error> cosmosReplicas(const JsonNode &n, const std::string &own, CloudResource &r)
    {
        const JsonNode *locations = nodePath(n, {"properties", "locations"});
        if (!locations || locations->kind == JsonNode::Kind::Null)
            return std::nullopt;
        if (locations->kind != JsonNode::Kind::Sequence)
            return m_scanner.errorAt(*locations, QStringLiteral("'properties.locations' of a Cosmos DB account must be a list of "
                                                                "{locationName, failoverPriority}"));
        std::vector<std::string> seen{own};
        for (const JsonNode &l : locations->children) {
            if (l.kind != JsonNode::Kind::Map)
                return m_scanner.errorAt(l, QStringLiteral("each item of a Cosmos DB account's 'properties.locations' must be an object "
                                                           "{locationName, failoverPriority}"));
            auto name = text(m_scanner, l, "locationName");
            if (!name)
                return name.error();
            if (name->empty()) {
                m_sink.warning(m_scanner.ref(l), QStringLiteral("Cosmos DB location without 'locationName': the region it copies "
                                                                "the data to is not named, no replica recorded"));
                continue;
            }
            std::string region = normaliseLocation(*name);
            if (std::find(seen.begin(), seen.end(), region) != seen.end())
                continue;
            seen.push_back(region);
            r.replicas.push_back(Replica{{}, "azure", std::move(region), "Cosmos DB multi-region (" + std::string(*name) + ")", false,
                                         m_scanner.ref(l)});
        }
        return std::nullopt;
    }

};

} // namespace

std::optional<Error> AzureFormat::read(const TextInput &input, const ReadContextInfo &context,
                                       ResourceSink &sink) const
{
    Reader reader(input, context, sink);
    return reader.run();
}

} // namespace atlas
