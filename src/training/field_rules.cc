#include "training/field_rules.h"

#include <algorithm>
#include <optional>
#include <string>

#include "common/ascii_regex.h"
#include "training/service_model.h"

namespace sagetrain {
namespace {

constexpr std::size_t kMaxAlgorithmNameLength = 170;
constexpr std::string_view kTagPunctuation = "_.:/=+-@";

// Decodes one UTF-8 code point at text[pos], advancing pos; nullopt on malformed input.
std::optional<char32_t> NextCodePoint(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  int extra = 0;
  char32_t code = 0;
  if (lead < 0x80) {
    code = lead;
  } else if ((lead & 0xE0) == 0xC0) {
    code = lead & 0x1F;
    extra = 1;
  } else if ((lead & 0xF0) == 0xE0) {
    code = lead & 0x0F;
    extra = 2;
  } else if ((lead & 0xF8) == 0xF0) {
    code = lead & 0x07;
    extra = 3;
  } else {
    return std::nullopt;
  }
  if (pos + static_cast<std::size_t>(extra) >= text.size()) return std::nullopt;  // truncated sequence
  ++pos;
  for (int i = 0; i < extra; ++i, ++pos) {
    const auto next = static_cast<unsigned char>(text[pos]);
    if ((next & 0xC0) != 0x80) return std::nullopt;
    code = (code << 6) | (next & 0x3F);
  }
  return code;
}

bool IsLetterSeparatorOrNumber(char32_t code) {
  const auto ranges = LetterSeparatorNumberRanges();
  auto it = std::upper_bound(ranges.begin(), ranges.end(), code,
                             [](char32_t c, const CodePointRange& range) { return c < range.low; });
  return it != ranges.begin() && code <= std::prev(it)->high;
}

}  // namespace

bool IsValidAlgorithmName(std::string_view name) {
  if (name.empty() || name.size() > kMaxAlgorithmNameLength || name.back() == '-') return false;
  static const AsciiRegex& kPattern = CachedAsciiRegex(
      R"((arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62}))");
  return std::regex_match(name.begin(), name.end(), kPattern);
}

bool IsValidTagText(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto code = NextCodePoint(text, pos);
    if (!code) return false;
    const bool allowed = (*code < 0x80 && kTagPunctuation.find(static_cast<char>(*code)) != std::string_view::npos) ||
                         IsLetterSeparatorOrNumber(*code);
    if (!allowed) return false;
  }
  return true;
}

}  // namespace sagetrain
