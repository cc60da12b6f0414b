#include "gcpassetsformat.h"

#include "formatsupport.h"

namespace atlas {

using namespace exportsupport;

QString GcpAssetsFormat::title() const
{
    return QStringLiteral("GCP Cloud Asset Inventory: gcloud asset export (NDJSON), asset list / search-all-resources (JSON)");
}

int GcpAssetsFormat::sniff(std::string_view head) const
{
    const bool assetType = contains(head, "\"asset_type\"") || contains(head, "\"assetType\"");
    if (assetType && contains(head, "\"name\""))
        return 90;
    if (contains(head, "googleapis.com/") && contains(head, "\"//"))
        return 60;
    return 0;
}

namespace {

const FieldFilter &assetFilter()
{
    static const FieldFilter filter{
        "", {{"name", {}}, {"asset_type", {}}, {"assetType", {}}, {"location", {}}, {"labels", {}},
             {"displayName", {}}, {"deleted", {}}, {"state", {}},
             {"resource", {{"location", {}}, {"data", {{"location", {}}, {"zone", {}}, {"region", {}}, {"labels", {}},
                                                        {"name", {}}, {"displayName", {}}, {"customPlacementConfig", {}},
                                                        {"locationType", {}}, {"storageLocations", {}}}}}}}};
    return filter;
}

class Reader : JsonReaderBase
{
public:
    using JsonReaderBase::JsonReaderBase;

    std::optional<Error> run()
    {
        const std::size_t start = m_scanner.skipSpace(0);
        auto each = [this](std::size_t b, std::size_t e) { return asset(b, e); };
        if (m_scanner.at(start) == '[') {
            auto end = m_scanner.items(start, each);
            return end ? std::nullopt : std::optional<Error>(end.error());
        }
        // NDJSON when the first object ends on its own line; a single object with a list of
        // assets (REST and `gcloud` JSON) otherwise.
        auto firstEnd = m_scanner.valueEnd(start);
        if (!firstEnd) {
            // Maybe line 1 is fine and a later line is broken: NDJSON reports per line.
            const std::size_t nl = m_scanner.text().find('\n', start);
            if (nl != std::string_view::npos && m_scanner.text().substr(start, nl - start).find('{') == 0)
                return m_scanner.lines(start, each);
            return firstEnd.error();
        }
        // NDJSON when the first object is one line and not a {"assets": […]} envelope written
        // on one line (REST responses are minified).
        const std::string_view firstPart = m_scanner.text().substr(start, *firstEnd - start);
        bool envelope = false;
        if (firstPart.find('\n') == std::string_view::npos) {
            auto keys = m_scanner.members(start, [&](std::string_view key, std::size_t value) -> std::expected<std::size_t, Error> {
                envelope |= (key == "assets" || key == "results") && m_scanner.at(value) == '[';
                return std::string_view::npos;
            });
            if (!keys)
                return keys.error();
            if (!envelope)
                return m_scanner.lines(start, each);
        }
        bool found = false;
        auto end = m_scanner.members(start, [&](std::string_view key, std::size_t value) -> std::expected<std::size_t, Error> {
            if ((key == "assets" || key == "results") && m_scanner.at(value) == '[') {
                found = true;
                return m_scanner.items(value, each);
            }
            if (key == "nextPageToken" && m_scanner.at(value) == '"' && m_scanner.at(value + 1) != '"')
                m_sink.warning(m_scanner.ref(value), QStringLiteral("this file is one page of a larger result ('nextPageToken' is set): "
                                                                    "only its assets are imported — export every page and give them all"));
            return std::string_view::npos;
        });
        if (!end)
            return end.error();
        if (!found) // one pretty-printed asset
            return asset(start, *firstEnd);
        return std::nullopt;
    }

private:
    std::optional<Error> asset(std::size_t begin, std::size_t end)
    {
        auto node = readItem(m_scanner, begin, end, &assetFilter(), m_context, "an asset");
        if (!node)
            return node.error();
        return convert(**node);
    }

    std::optional<Error> convert(const JsonNode &a)
    {
        CloudResource r;
        r.format = "gcp-assets";
        r.provider = "gcp";
        r.source = m_scanner.ref(a);
        auto name = text(m_scanner, a, "name");
        auto type = textAny(m_scanner, a, {"asset_type", "assetType"});
        if (!name)
            return name.error();
        if (!type)
            return type.error();
        if (name->empty() || type->empty())
            return m_scanner.errorAt(a, QStringLiteral("asset without 'name' or asset type"));
        r.type = *type;
        r.nativeId = *name;
        const JsonNode *resource = a.member("resource");
        const JsonNode *data = resource ? resource->member("data") : nullptr;
        std::string display(nodeText(a.member("displayName")));
        if (display.empty() && data)
            display = std::string(nodeText(data->member("displayName")));
        if (display.empty())
            display = lastSegment(*name);
        r.name = display;
        if (nodeText(a.member("deleted")) == "true" || nodeText(a.member("state")) == "DELETED") {
            r.status = ResourceStatus::Deleted;
            r.statusText = "deleted";
        }
        location(a, resource, data, r);
        r.tags = nodeTags(a.member("labels"));
        if (r.tags.empty() && data)
            r.tags = nodeTags(data->member("labels"));
        m_sink.resource(std::move(r));
        return std::nullopt;
    }

    void setLocation(CloudResource &r, std::string token, const char *field, const JsonNode *at)
    {
        // Some data.location values are paths ("projects/p/locations/us-west1-a").
        if (token.find('/') != std::string::npos) {
            std::string inner;
            for (const char *collection : {"locations", "zones", "regions"})
                if (inner = segmentAfter("/" + token, collection); !inner.empty())
                    break;
            token = inner.empty() ? lastSegment(token) : inner;
        }
        r.location = std::move(token);
        r.locationField = field;
        if (at)
            r.locationSource = m_scanner.ref(*at);
    }

    void location(const JsonNode &a, const JsonNode *resource, const JsonNode *data, CloudResource &r)
    {
        if (const JsonNode *n = resource ? resource->member("location") : nullptr; !nodeText(n).empty())
            setLocation(r, lower(nodeText(n)), "resource.location", n);
        else if (const JsonNode *top = a.member("location"); !nodeText(top).empty())
            setLocation(r, lower(nodeText(top)), "location", top);
        else if (const JsonNode *dl = data ? data->member("location") : nullptr; !nodeText(dl).empty())
            setLocation(r, lower(nodeText(dl)), "data.location", dl);
        else if (const JsonNode *sl = data ? data->member("storageLocations") : nullptr;
                 sl && sl->kind == JsonNode::Kind::Sequence && sl->children.size() == 1 && !nodeText(&sl->children[0]).empty())
            setLocation(r, lower(nodeText(&sl->children[0])), "data.storageLocations", &sl->children[0]);
        else if (const JsonNode *z = data ? data->member("zone") : nullptr; !nodeText(z).empty())
            setLocation(r, lastSegment(nodeText(z)), "data.zone", z);
        else if (const JsonNode *rg = data ? data->member("region") : nullptr; !nodeText(rg).empty())
            setLocation(r, lastSegment(nodeText(rg)), "data.region", rg);
        else {
            for (const char *collection : {"zones", "regions", "locations"}) {
                std::string seg = segmentAfter(r.nativeId, collection);
                if (!seg.empty()) {
                    setLocation(r, lower(seg), "name", nullptr);
                    break;
                }
            }
        }
        // Custom dual-region: the bucket's data sits in the listed regions, which may be two
        // countries; the first is where it is held, the second a replica.
        const JsonNode *placement = data ? data->member("customPlacementConfig") : nullptr;
        const JsonNode *locations = placement ? placement->member("dataLocations") : nullptr;
        if (locations && locations->kind == JsonNode::Kind::Sequence && !locations->children.empty()) {
            setLocation(r, lower(nodeText(&locations->children.front())), "customPlacementConfig.dataLocations", &locations->children.front());
            for (std::size_t i = 1; i < locations->children.size(); ++i)
                r.replicas.push_back(Replica{{}, "gcp", lower(nodeText(&locations->children[i])), "GCS dual-region placement", false,
                                             m_scanner.ref(locations->children[i])});
        }
    }

};

} // namespace

std::optional<Error> GcpAssetsFormat::read(const TextInput &input, const ReadContextInfo &context,
                                           ResourceSink &sink) const
{
    Reader reader(input, context, sink);
    return reader.run();
}

} // namespace atlas
