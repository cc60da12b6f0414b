// Streams a JSON document through simdjson's on-demand API into a DocumentSink, one top-level
// entry at a time (the same contract as readYaml), turning simdjson's byte offsets into
// line:column.
#pragma once

#include "diagnostic.h"
#include "sourcenode.h"
#include "textinput.h"
#include "yamlreader.h" // StreamLimits

#include <optional>

namespace atlas {

std::optional<Error> readJson(const TextInput &input, DocumentSink &sink,
                              const StreamLimits &limits = {});

} // namespace atlas
