// One resource as a cloud export describes it, before it is mapped to the inventory: what every
// export format reader produces (AWS Config, GCP Cloud Asset Inventory, Azure, Terraform, CSV)
// and the resource mapper consumes. Plain UTF-8 strings: a million of these pass through.
#pragma once

#include "diagnostic.h"
#include "inventory.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace atlas {

enum class ResourceStatus : std::uint8_t {
    Active,
    Deleted,      // deleted or not recorded: skipped, listed in the report
    DataSource,   // Terraform `mode: data`: exists, not managed by this configuration
    Planned,      // Terraform plan: to be created or changed (intent, not fact)
    PlannedDelete // Terraform plan: to be destroyed: skipped
};

// A copy of the resource's data elsewhere that the export shows (S3 replication, Azure
// geo-redundant storage, a GCS dual-region, a DynamoDB replica, a CSV `replicates_to`).
struct Replica
{
    std::string target;   // the destination's native id (an ARN, a workload id), or empty
    std::string provider; // with `region`: the destination region when there is no target
    std::string region;
    std::string via;      // what the export calls it, for evidence ("S3 replication rule r1")
    bool toPairedRegion = false; // Azure geo-redundancy: the region's pair (catalog or locations file)
    SourceRef source;
};

struct CloudResource
{
    std::string format;     // the reader ("aws-config", …)
    std::string provider;   // aws | gcp | azure | oci, empty when the export does not say
    std::string type;       // the export's own type name ("AWS::S3::Bucket", "aws_s3_bucket")
    std::string nativeId;   // ARN, full resource name, Azure id, Terraform address
    std::string name;       // display name; the workload id is derived from it
    // The location token as the export gives it ("eu-west-1", "EU", "westeurope", "global",
    // "us-central1-a"), empty when there is none; `locationField` says where it was found.
    std::string location;
    std::string locationField;
    SourceRef locationSource;
    // Terraform: the provider configuration ("aws", "aws.west") whose region applies when the
    // resource has none; the mapping file's `regions:` supplies it.
    std::string providerConfig;
    std::vector<std::pair<std::string, std::string>> tags;
    std::vector<Replica> replicas;
    // This resource holds a copy of another one's data (an RDS read replica): the source's
    // native id, what the export calls the copy, where it says so.
    struct CopyOf
    {
        std::string sourceId;
        std::string via;
        SourceRef source;
    };
    std::optional<CopyOf> copyOf;
    ResourceStatus status = ResourceStatus::Active;
    std::string statusText; // the export's own status word, for the report
    SourceRef source;       // the resource's first character in the export

    // CSV rows state these directly instead of through tags; they win over the mapping.
    struct Explicit
    {
        std::string id, kind, location, classification, dataset, categories, origin, operatorId,
            operatorHq;
        std::optional<bool> external;
    };
    std::optional<Explicit> stated;

    // The text conversions mapping needs whatever it decides (the id candidate, the name, the
    // tags as the workload will carry them), done by ResourceSink::prepare() on the reader's
    // thread when the mapper's thread is behind (see PipelineSink); empty until then.
    struct Prepared
    {
        std::string idCandidate; // a valid id before any suffix
        QString id;              // the same, converted
        QString name;
        QList<Tag> tags;
    };
    std::optional<Prepared> prepared;
};

} // namespace atlas
