#include "jsonblocks.h"

#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace atlas::jsonblocks {

namespace {

std::uint64_t prefixXor(std::uint64_t x)
{
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

} // namespace

BlockMasks scanBlock(std::string_view text, std::size_t at, BlockScanState &state)
{
    alignas(16) char tail[64];
    const char *p = text.data() + at;
    const std::size_t available = text.size() - at;
    if (available < 64) { // the end of the text: no bytes past it are read
        std::memset(tail, ' ', sizeof tail);
        std::memcpy(tail, p, available);
        p = tail;
    }
    std::uint64_t quote = 0, backslash = 0, open = 0, close = 0;
#if defined(__SSE2__)
    const __m128i q = _mm_set1_epi8('"'), b = _mm_set1_epi8('\\'), lowerCase = _mm_set1_epi8(0x20);
    const __m128i opening = _mm_set1_epi8('{'), closing = _mm_set1_epi8('}');
    for (int i = 0; i < 4; ++i) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + 16 * i));
        const __m128i folded = _mm_or_si128(v, lowerCase); // '[' → '{', ']' → '}'
        const int shift = 16 * i;
        quote |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, q)))) << shift;
        backslash |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(v, b)))) << shift;
        open |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(folded, opening)))) << shift;
        close |= std::uint64_t(unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(folded, closing)))) << shift;
    }
#else
    for (int i = 0; i < 64; ++i) {
        const char c = p[i];
        const std::uint64_t bit = std::uint64_t(1) << i;
        quote |= c == '"' ? bit : 0;
        backslash |= c == '\\' ? bit : 0;
        open |= (c == '{' || c == '[') ? bit : 0;
        close |= (c == '}' || c == ']') ? bit : 0;
    }
#endif
    if (available < 64) {
        const std::uint64_t valid = (std::uint64_t(1) << available) - 1;
        quote &= valid;
        backslash &= valid;
        open &= valid;
        close &= valid;
    }
    // Escaped characters: the byte after an odd run of backslashes (simdjson's method).
    std::uint64_t escaped;
    if (backslash == 0) {
        escaped = state.escapedCarry;
        state.escapedCarry = 0;
    } else {
        const std::uint64_t evenBits = 0x5555555555555555ull;
        backslash &= ~state.escapedCarry;
        const std::uint64_t followsEscape = (backslash << 1) | state.escapedCarry;
        const std::uint64_t oddStarts = backslash & ~evenBits & ~followsEscape;
        std::uint64_t evenStarts;
        state.escapedCarry = __builtin_add_overflow(oddStarts, backslash, &evenStarts) ? 1 : 0;
        escaped = (evenBits ^ (evenStarts << 1)) & followsEscape;
    }
    const std::uint64_t quotes = quote & ~escaped;
    std::uint64_t inString = prefixXor(quotes); // opening quote in, closing quote out
    if (state.inString)
        inString = ~inString;
    state.inString = (inString >> 63) != 0;
    BlockMasks m;
    m.openQuotes = quotes & inString;
    // A backslash outside strings is an error; one inside is part of an escape.
    m.structural = ((open | close) & ~inString) | (backslash & ~inString & ~escaped & ~quotes);
    return m;
}

} // namespace atlas::jsonblocks
