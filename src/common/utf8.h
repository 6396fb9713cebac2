#pragma once
// UTF-8 well-formedness, as JSON parsers and AWS judge it (Unicode's table 3-7: no overlong forms,
// no surrogates, nothing past U+10FFFF). Pure functions; thread-safe.
#include <cstddef>
#include <optional>
#include <string_view>

namespace sagetrain {

// Decodes the character at text[pos] and moves `pos` past it; nullopt (pos unspecified) for a
// malformed, truncated, overlong, surrogate or out-of-range sequence. REQUIRES: pos < text.size().
std::optional<char32_t> NextCodePoint(std::string_view text, std::size_t& pos);

// True when all of `text` is well-formed UTF-8. ASCII is skipped eight bytes at a time: a 1.4 MB
// log page, nearly all ASCII, is checked in a fraction of a millisecond.
bool IsValidUtf8(std::string_view text);

// The length of `text` before its first NUL byte (all of it when there is none) when those bytes are
// well-formed UTF-8, else nullopt: what a JSON parser that takes a NUL as the end reads, found and
// checked in one pass (the bytes after the NUL are not looked at).
std::optional<std::size_t> ValidUtf8LengthBeforeNul(std::string_view text);

}  // namespace sagetrain
