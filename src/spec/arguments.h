#pragma once
// The program's arguments: one table that drives parsing (CLI11), --help, --list_arguments and, through
// the component spec test, component.yaml. Names, defaults and meanings are the seed component's;
// every value arrives as a string (KFP passes strings) and "" means "not set". Immutable; thread-safe.
#include <map>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace sagetrain {

struct ArgumentInfo {
  std::string_view name;           // without the leading "--"
  std::string_view kfp_type;       // String, Integer, Boolean, Float, JsonObject, JsonArray; "" for output paths
  std::string_view default_value;  // the value used when the argument is absent, as KFP would pass it
  bool required;                   // must be given and non-empty
  std::string_view description;
  std::string_view accepted;       // human description of accepted values; "" = any text
  std::string_view output;         // for output-path arguments, the component output it writes; else ""
};

// Every argument, in the seed table's order, then the extras, then the output paths.
std::span<const ArgumentInfo> ProgramArguments();

// The given arguments with every absent one set to its default: name (no "--") -> value.
using ArgumentValues = std::map<std::string, std::string>;

// The table as JSON for tooling (--list_arguments): [{"name","type","default","required",
// "description","accepted","output"}].
nlohmann::json ArgumentsAsJson();

}  // namespace sagetrain
