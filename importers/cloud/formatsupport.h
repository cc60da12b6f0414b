// Small pieces the export readers share: typed field access on JsonNodes that turns a wrong
// type into an error with its position, sniffing helpers, self-link and ARN parsing.
#pragma once

#include "cloudresource.h"
#include "exportformat.h"
#include "jsonscan.h"

#include <QString>

#include <expected>
#include <string>
#include <string_view>

namespace atlas::exportsupport {

// The scalar text of `node[key]`; empty when absent or null; an error when it is not a scalar
// (an object where a region belongs means the file is not what it claims to be).
std::expected<std::string_view, Error> text(JsonScanner &scanner, const JsonNode &node, std::string_view key);
// Same, trying several spellings of one field (API variants: "ARN" / "arn").
std::expected<std::string_view, Error> textAny(JsonScanner &scanner, const JsonNode &node,
                                               std::initializer_list<std::string_view> keys);
// The first non-blank characters from `from` (after `//` comment lines).
std::size_t skipLineComments(std::string_view text, std::size_t from = 0);
bool contains(std::string_view head, std::string_view needle);
// The segment after `/<collection>/` in a path or self-link (".../zones/us-central1-a/..." → "us-central1-a").
std::string segmentAfter(std::string_view path, std::string_view collection);
std::string lastSegment(std::string_view path);
// The region field of an ARN (arn:partition:service:region:account:resource), may be empty.
std::string arnRegion(std::string_view arn);
// An RDS replication source as an ARN: as given when it is one, else built from the replica's
// own ARN (a same-region source is named by its identifier: same partition, region, account).
std::string rdsSourceArn(std::string_view source, std::string_view replicaArn, bool cluster);
std::string lower(std::string_view s);
// The parts one after another.
std::string joined(std::initializer_list<std::string_view> parts);

// What every JSON export reader holds while it reads one file: the scanner over the text, the
// progress/cancel context and where the resources go.
class JsonReaderBase
{
public:
    JsonReaderBase(const TextInput &input, const ReadContextInfo &context, ResourceSink &sink)
        : m_scanner(input, context.fileIndex), m_context(context), m_sink(sink)
    {
    }

protected:
    JsonScanner m_scanner;
    const ReadContextInfo &m_context;
    ResourceSink &m_sink;
};

// One resource of an export list, what every reader does first: honour a cancel, parse the
// item (a JSON document inside a string too, parsed into `jsonInString`), require an object —
// "`what` must be an object" otherwise —, and count it for the progress display. The node lives
// in the scanner's (or `jsonInString`'s) tree until the next item.
std::expected<const JsonNode *, Error> readItem(JsonScanner &scanner, std::size_t begin, std::size_t end,
                                                const FieldFilter *filter, const ReadContextInfo &context,
                                                const char *what, JsonTree *jsonInString = nullptr);

} // namespace atlas::exportsupport
