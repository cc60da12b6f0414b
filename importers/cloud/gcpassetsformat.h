// GCP Cloud Asset Inventory: `gcloud asset export` NDJSON (snake_case, one asset per line, any
// file name) and the camelCase JSON of `gcloud asset list` / `search-all-resources` (a list, or
// {"assets": […]} / {"results": […]}). Location from `resource.location`, else the `data`
// location / zone / region self-links, else the asset name's /zones/, /regions/, /locations/
// path. Custom dual-region buckets replicate to their second data location.
#pragma once

#include "exportformat.h"

namespace atlas {

class GcpAssetsFormat final : public ExportFormat
{
public:
    QString name() const override { return QStringLiteral("gcp-assets"); }
    QString title() const override;
    int sniff(std::string_view head) const override;
    std::optional<Error> read(const TextInput &input, const ReadContextInfo &context,
                              ResourceSink &sink) const override;
};

} // namespace atlas
