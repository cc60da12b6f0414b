// Azure: `az resource list -o json` (a list), Azure Resource Graph results (the CLI's
// {"count","data","skip_token","total_records"}, the REST envelope {"totalRecords","data",…},
// the REST example wrapper), and `az account list-locations` (region pairs; UTF-16 with a `//`
// line when PowerShell wrote it). Types compare ignoring case (Resource Graph lower-cases them);
// display-name locations ("West Europe") are normalised; an edge zone is its own location;
// geo-redundant storage replicates to the region's pair.
#pragma once

#include "exportformat.h"

namespace atlas {

class AzureFormat final : public ExportFormat
{
public:
    QString name() const override { return QStringLiteral("azure"); }
    QString title() const override;
    int sniff(std::string_view head) const override;
    std::optional<Error> read(const TextInput &input, const ReadContextInfo &context,
                              ResourceSink &sink) const override;
};

} // namespace atlas
