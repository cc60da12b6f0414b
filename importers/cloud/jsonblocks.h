// The byte scanner's inner step: 64 bytes of JSON text at a time, the way simdjson's first
// stage works — bit masks of quotes, backslashes, and brackets, escapes resolved across
// blocks, and string interiors by a prefix XOR of the quotes, so that brackets inside
// strings never count. SSE2 (every x86-64), a plain loop elsewhere.
#pragma once

#include <cstdint>
#include <string_view>

namespace atlas::jsonblocks {

struct BlockScanState
{
    std::uint64_t escapedCarry = 0; // the next block's first byte is escaped
    bool inString = false;          // the next block starts inside a string
};

struct BlockMasks
{
    std::uint64_t structural = 0; // {}[] outside strings, and backslashes outside strings
    std::uint64_t openQuotes = 0; // quotes that open a string
};

// The masks of the 64 bytes of `text` from `at` (fewer at the end: nothing past it is read).
BlockMasks scanBlock(std::string_view text, std::size_t at, BlockScanState &state);

} // namespace atlas::jsonblocks
