// Finds where a JSON text stops being valid JSON. simdjson's on-demand API reports structural
// errors where it noticed them (often the enclosing object); this small scanner, run only after
// a failure, points at the offending character instead, with a short reason.
#pragma once

#include <string>
#include <string_view>

namespace atlas {

struct JsonSyntaxProblem
{
    std::size_t offset = std::string_view::npos; // npos: the text is valid JSON
    std::string reason;
};

JsonSyntaxProblem findJsonSyntaxError(std::string_view text);

} // namespace atlas
