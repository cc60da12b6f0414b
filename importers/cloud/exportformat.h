// The interface every cloud export reader implements, and the registry of the built-in ones
// (detectInputFormat() in inventoryimporter.h picks one by content; `--from NAME` forces it). A
// reader turns one decoded export file into CloudResources pushed to a ResourceSink; it never
// builds the inventory itself (the ResourceMapper does), so every format gets the same kinds
// table, mapping file, location rules and import report.
#pragma once

#include "cloudresource.h"
#include "diagnostic.h"
#include "textinput.h"

#include <QString>

#include <atomic>
#include <optional>
#include <string_view>
#include <vector>

namespace atlas {

// Shared with a GUI thread: progress counters it polls and a cancel flag it sets.
struct ImportProgress
{
    std::atomic<std::int64_t> bytesTotal{0};
    std::atomic<std::int64_t> bytesRead{0};
    std::atomic<std::int64_t> resources{0};
    std::atomic<int> filesDone{0};
    std::atomic<bool> cancel{false};
};

// Why a resource did not become a workload (the import report lists each one).
struct SkippedResource
{
    SourceRef source;
    std::string type;
    std::string nativeId;
    QString reason;
};

class ResourceSink
{
public:
    virtual ~ResourceSink() = default;
    virtual void resource(CloudResource &&resource) = 0;
    // Optional work on a resource before resource() receives it, which may run on another
    // thread while resource() runs for earlier ones: it may touch only `resource` and state of
    // its own (see PipelineSink).
    virtual void prepare(CloudResource &resource) { Q_UNUSED(resource); }
    // A resource the reader itself drops (deleted, a plan's destroy, not a resource at all).
    virtual void skipped(SkippedResource &&skipped) = 0;
    virtual void warning(const SourceRef &at, const QString &message) = 0;
    // A copy of `sourceId`'s data described apart from the resource itself (Terraform's
    // aws_s3_bucket_replication_configuration names its bucket).
    virtual void replication(const std::string &sourceId, Replica &&replica) = 0;
    // Region facts an export carries (`az account list-locations`): a region and its pair.
    virtual void regionPair(const std::string &provider, const std::string &region,
                            const std::string &paired, const SourceRef &at) = 0;
};

struct ReadContextInfo
{
    std::uint32_t fileIndex = 0;
    ImportProgress *progress = nullptr; // may be null
    bool cancelled() const { return progress && progress->cancel.load(std::memory_order_relaxed); }
};

class ExportFormat
{
public:
    virtual ~ExportFormat() = default;
    virtual QString name() const = 0;        // "aws-config": the --from value
    virtual QString title() const = 0;       // one line for --help and the GUI
    // How sure the reader is that `head` (the decoded text's first 64 KiB at most) is its
    // format: 0 = not at all, 100 = certain. The highest score wins; ties go to registration
    // order. Only CSV is asked about text that does not start like JSON, only the others about
    // text that does.
    virtual int sniff(std::string_view head) const = 0;
    // Reads the whole file. An error means nothing of this file is imported.
    virtual std::optional<Error> read(const TextInput &input, const ReadContextInfo &context,
                                      ResourceSink &sink) const = 0;
};

// The built-in readers, in registration order (the inventory format is not among them: it needs
// no mapping and is read by the inventory importer).
const std::vector<const ExportFormat *> &exportFormats();
const ExportFormat *exportFormat(const QString &name);
// Every --from value, "inventory" first.
QStringList formatNames();

} // namespace atlas
