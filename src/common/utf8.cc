#include "common/utf8.h"

#include <cstdint>
#include <cstring>

namespace sagetrain {

std::optional<char32_t> NextCodePoint(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  std::size_t extra = 0;
  char32_t code = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1, code = lead & 0x1Fu;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, code = lead & 0x0Fu;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, code = lead & 0x07u;
  } else {
    return std::nullopt;  // a continuation byte or 0xF8..0xFF where a character should start
  }
  if (text.size() - pos <= extra) return std::nullopt;  // truncated
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto next = static_cast<unsigned char>(text[pos + k]);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    code = (code << 6) | (next & 0x3Fu);
  }
  constexpr char32_t kSmallest[] = {0, 0x80, 0x800, 0x10000};  // by number of continuation bytes
  if (code < kSmallest[extra]) return std::nullopt;              // overlong
  if (code >= 0xD800 && code <= 0xDFFF) return std::nullopt;     // a UTF-16 surrogate
  if (code > 0x10FFFF) return std::nullopt;
  pos += extra + 1;
  return code;
}

namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080u;
constexpr std::uint64_t kLowBits = 0x0101010101010101u;

// Eight bytes of `text` from `pos`. REQUIRES: at least eight left.
std::uint64_t WordAt(std::string_view text, std::size_t pos) {
  std::uint64_t word = 0;
  std::memcpy(&word, text.data() + pos, 8);  // unaligned load without undefined behaviour
  return word;
}

// For a word of ASCII bytes (no high bit set): whether one of them is NUL. Subtracting one from
// each byte sets the high bit of a byte that was zero (and possibly of bytes above it, which only
// matters when there is a zero).
bool AsciiWordHasNul(std::uint64_t word) { return ((word - kLowBits) & kHighBits) != 0; }

}  // namespace

namespace {

// The one scan behind both checks: the length of `text` up to where it ends (or, with
// `stop_at_nul`, its first NUL), or nullopt at the first malformed character before that.
std::optional<std::size_t> ValidUtf8Length(std::string_view text, bool stop_at_nul) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text.size() - pos >= 8) {
      const std::uint64_t word = WordAt(text, pos);
      if ((word & kHighBits) == 0 && !(stop_at_nul && AsciiWordHasNul(word))) {
        pos += 8;
        continue;
      }
    }
    if (stop_at_nul && text[pos] == '\0') return pos;
    if (!NextCodePoint(text, pos)) return std::nullopt;
  }
  return pos;
}

}  // namespace

bool IsValidUtf8(std::string_view text) { return ValidUtf8Length(text, /*stop_at_nul=*/false).has_value(); }

std::optional<std::size_t> ValidUtf8LengthBeforeNul(std::string_view text) {
  return ValidUtf8Length(text, /*stop_at_nul=*/true);
}

}  // namespace sagetrain
