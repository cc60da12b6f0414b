// Reading any input file the way users hand them over: gzipped (AWS Config delivers .json.gz),
// UTF-16 with a byte-order mark (PowerShell redirection writes it), UTF-8 with or without a BOM.
// The result is one UTF-8 TextInput whose line:column positions are those of the decoded text.
#pragma once

#include "diagnostic.h"
#include "textinput.h"

#include <expected>

namespace atlas {

// Reads `path` (size limit checked before reading), gunzips it when it is gzip (a `.gz` name on
// something that is not gzip is an error), decodes UTF-16 with a BOM. The decompressed size is
// held to the same limit, so a gzip bomb stops early.
// With CheckMode::Later a mapped file's NUL and UTF-8 checks are left to TextInput::check().
std::expected<TextInput, Error> readInputFile(const QString &path, const InputLimits &limits,
                                              TextInput::CheckMode mode = TextInput::CheckMode::Now);
// The same over bytes already in memory (tests, the GUI).
std::expected<TextInput, Error> decodeInput(const QString &name, std::string bytes, const InputLimits &limits);

} // namespace atlas
