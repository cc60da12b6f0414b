// Streams a YAML document through yaml-cpp's event parser into a DocumentSink, one top-level
// entry at a time: memory stays near one entity, not yaml-cpp's ~60× document tree. Applies
// the YAML 1.2 core schema to plain scalars (quoted "30" stays a string), expands aliases under
// a budget (alias bombs fail fast) and refuses nesting deeper than any inventory needs.
#pragma once

#include "diagnostic.h"
#include "sourcenode.h"
#include "textinput.h"

#include <optional>

namespace atlas {

struct StreamLimits
{
    std::uint32_t maxDepth = 64;
    std::size_t maxAliasNodes = 100000; // nodes created by expanding aliases, in all
};

// Returns the syntax (or limit) error that stopped reading, if any.
std::optional<Error> readYaml(const TextInput &input, DocumentSink &sink,
                              const StreamLimits &limits = {});

} // namespace atlas
