#pragma once
// Parsing of argument text as KFP passes it (DESIGN §1 "Value rules"). Each parser returns the value
// or an error message that quotes what was given (the caller prefixes the argument name). Pure;
// thread-safe.
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace sagetrain {

// A parsed value or the message saying why the text was refused.
template <typename T>
using Parsed = std::variant<T, std::string>;

// True/False in any case, 1/0, yes/no (any case); surrounding blanks ignored.
Parsed<bool> ParseBool(std::string_view text);

// Decimal digits only (an optional leading '-' is read so that the range error is the one shown),
// within [min, max].
Parsed<long long> ParseInteger(std::string_view text, long long min, long long max, const std::string& range);

// A decimal number (fractions allowed) within [min, max]; `min_exclusive` excludes min itself.
Parsed<double> ParseSeconds(std::string_view text, double min, bool min_exclusive, double max,
                            const std::string& range);

// JSON text that must be an object (or, with `want_array`, a list). "" means the empty value.
// Keys keep their given order.
Parsed<nlohmann::ordered_json> ParseJsonContainer(std::string_view text, bool want_array);

// "a, b,c" -> {"a","b","c"}; blanks around items trimmed; "" -> {}. An empty item is an error.
Parsed<std::vector<std::string>> ParseCommaList(std::string_view text);

// `text` without leading and trailing blanks.
std::string Trim(std::string_view text);

// The text, quoted for a message and shortened when long: "abc".
std::string Quote(std::string_view text);

}  // namespace sagetrain
