// Terraform: state files (version 4; version 3 of Terraform ≤ 0.11 is refused with a clear
// message) and `terraform show -json` of a state or a plan (format_version 0.x and 1.x). One
// resource per instance. The region comes from the attributes (region, location, zone,
// availability_zone), else the ARN, else — in a plan — the provider configuration and its
// variables, else the mapping file's `regions:`; never from a name. Data sources are kept and
// flagged, a plan's resources are marked as intent, its destroys listed as skipped.
#pragma once

#include "exportformat.h"

namespace atlas {

class TerraformFormat final : public ExportFormat
{
public:
    QString name() const override { return QStringLiteral("terraform"); }
    QString title() const override;
    int sniff(std::string_view head) const override;
    std::optional<Error> read(const TextInput &input, const ReadContextInfo &context,
                              ResourceSink &sink) const override;
};

} // namespace atlas
