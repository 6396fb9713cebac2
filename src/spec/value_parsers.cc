#include "spec/value_parsers.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "common/json_nesting.h"

namespace sagetrain {
namespace {

bool IsBlank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return out;
}

}  // namespace

std::string Trim(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return std::string(text);
}

std::string Quote(std::string_view text) {
  constexpr std::size_t kMaxShown = 100;
  std::string shown(text.substr(0, kMaxShown));
  if (text.size() > kMaxShown) shown += "...";
  return nlohmann::json(shown).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Parsed<bool> ParseBool(std::string_view text) {
  const std::string value = Lower(Trim(text));
  if (value == "true" || value == "1" || value == "yes") return true;
  if (value == "false" || value == "0" || value == "no") return false;
  return "must be a boolean (True/False, true/false, 1/0, yes/no), got " + Quote(text);
}

Parsed<long long> ParseInteger(std::string_view text, long long min, long long max, const std::string& range) {
  const std::string value = Trim(text);
  const std::string error = "must be an integer " + range + ", got " + Quote(text);
  const std::size_t digits_from = !value.empty() && value[0] == '-' ? 1 : 0;
  if (value.size() == digits_from ||
      !std::all_of(value.begin() + static_cast<long>(digits_from), value.end(),
                   [](char c) { return c >= '0' && c <= '9'; })) {
    return error;
  }
  long long number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec != std::errc() || end != value.data() + value.size() || number < min || number > max) return error;
  return number;
}

Parsed<double> ParseSeconds(std::string_view text, double min, bool min_exclusive, double max,
                            const std::string& range) {
  const std::string value = Trim(text);
  const std::string error = "must be a number of seconds " + range + ", got " + Quote(text);
  const bool well_formed = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
  });
  if (!well_formed) return error;
  char* end = nullptr;
  const double number = std::strtod(value.c_str(), &end);
  if (end != value.c_str() + value.size() || !std::isfinite(number)) return error;
  if (number < min || (min_exclusive && number == min) || number > max) return error;
  return number;
}

Parsed<nlohmann::ordered_json> ParseJsonContainer(std::string_view text, bool want_array) {
  const std::string kind = want_array ? "a JSON list" : "a JSON object";
  if (Trim(text).empty()) return want_array ? nlohmann::ordered_json::array() : nlohmann::ordered_json::object();
  if (!JsonNestingWithin(text)) {
    return "must be " + kind + " nested at most " + std::to_string(kMaxJsonNesting) + " levels deep";
  }
  auto value = nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return "must be " + kind + ", got invalid JSON " + Quote(text);
  if (want_array ? !value.is_array() : !value.is_object()) return "must be " + kind + ", got " + Quote(text);
  return value;
}

Parsed<std::vector<std::string>> ParseCommaList(std::string_view text) {
  std::vector<std::string> items;
  if (Trim(text).empty()) return items;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string item = Trim(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start));
    if (item.empty()) return "must be a comma-separated list without empty items, got " + Quote(text);
    items.push_back(item);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return items;
}

}  // namespace sagetrain
