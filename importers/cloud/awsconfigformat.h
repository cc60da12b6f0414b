// AWS Config: snapshot and history files as delivered to S3 (one per region, often gzipped,
// `configurationItems`), the API variants' field names (`arn`, `accountId`, `configuration` as a
// string), `batch-get-resource-config` (`baseConfigurationItems`) and `select-resource-config`
// (`Results`: each a JSON document inside a string). Location from `awsRegion`, a real
// availability zone (Local Zones sit in other countries), else the ARN. S3 replication rules in
// `supplementaryConfiguration.BucketReplicationConfiguration` become flows.
#pragma once

#include "exportformat.h"

namespace atlas {

class AwsConfigFormat final : public ExportFormat
{
public:
    QString name() const override { return QStringLiteral("aws-config"); }
    QString title() const override;
    int sniff(std::string_view head) const override;
    std::optional<Error> read(const TextInput &input, const ReadContextInfo &context,
                              ResourceSink &sink) const override;
};

} // namespace atlas
