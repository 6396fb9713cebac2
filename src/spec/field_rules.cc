#include "spec/field_rules.h"

#include <algorithm>
#include <optional>
#include <string>

#include "common/ascii_regex.h"
#include "common/utf8.h"
#include "spec/service_model.h"

namespace sagetrain {
namespace {

constexpr std::size_t kMaxAlgorithmNameLength = 170;
constexpr std::string_view kTagPunctuation = "_.:/=+-@";

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
