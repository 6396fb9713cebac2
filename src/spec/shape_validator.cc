#include "spec/shape_validator.h"

#include <algorithm>
#include <cassert>
#include <memory>
#include <mutex>

#include "common/ascii_regex.h"
#include "spec/closest_values.h"
#include "spec/service_model.h"

namespace sagetrain {
namespace {

using nlohmann::json;

std::string Describe(const json& value) {
  std::string text = value.dump();
  constexpr std::size_t kMaxShown = 80;
  if (text.size() > kMaxShown) text = text.substr(0, kMaxShown) + "...";
  return text;
}

std::vector<std::string> Strings(const json& values) {
  std::vector<std::string> out;
  for (const auto& v : values) out.push_back(v.get<std::string>());
  return out;
}

std::string Prefix(const std::string& path) { return path.empty() ? "" : path + ": "; }

void CheckCount(std::size_t count, const json& shape, const std::string& what, const std::string& path,
                std::vector<std::string>& errors) {
  if (shape.contains("min") && count < shape["min"].get<std::size_t>()) {
    errors.push_back(Prefix(path) + "must have at least " + shape["min"].dump() + " " + what + ", got " +
                     std::to_string(count));
  }
  if (shape.contains("max") && count > shape["max"].get<std::size_t>()) {
    errors.push_back(Prefix(path) + "must have at most " + shape["max"].dump() + " " + what + ", got " +
                     std::to_string(count));
  }
}

void CheckString(const json& value, const json& shape, const std::string& path, std::vector<std::string>& errors) {
  if (!value.is_string()) {
    errors.push_back(Prefix(path) + "must be a string, got " + Describe(value));
    return;
  }
  const auto& text = value.get_ref<const std::string&>();
  if (shape.contains("enum")) {
    bool found = false;
    for (const auto& v : shape["enum"]) found = found || v == value;
    if (!found) {
      errors.push_back(Prefix(path) + "must be " + AcceptedValuesText(text, Strings(shape["enum"])) + ", got " +
                                Describe(value));
    }
    return;
  }
  const std::size_t before = errors.size();
  CheckCount(CharacterCount(text), shape, "characters", path, errors);
  if (errors.size() == before && shape.contains("pattern") &&
      !MatchesWholePattern(text, shape["pattern"].get<std::string>())) {
    errors.push_back(Prefix(path) + "must match " + shape["pattern"].get<std::string>() + ", got " + Describe(value));
  }
}

void CheckNumber(const json& value, const json& shape, const std::string& path, std::vector<std::string>& errors) {
  if (!value.is_number_integer()) {
    errors.push_back(Prefix(path) + "must be an integer, got " + Describe(value));
    return;
  }
  const auto number = value.get<long long>();
  if (shape.contains("min") && number < shape["min"].get<long long>()) {
    errors.push_back(Prefix(path) + "must be >= " + shape["min"].dump() + ", got " + value.dump());
  }
  if (shape.contains("max") && number > shape["max"].get<long long>()) {
    errors.push_back(Prefix(path) + "must be <= " + shape["max"].dump() + ", got " + value.dump());
  }
}

void CheckStructure(const json& value, const json& shape, const std::string& path, std::vector<std::string>& errors) {
  if (!value.is_object()) {
    errors.push_back(Prefix(path) + "must be a JSON object, got " + Describe(value));
    return;
  }
  const json& members = shape["members"];
  for (const auto& required : shape.value("required_members", json::array())) {
    if (!value.contains(required.get<std::string>())) {
      errors.push_back(Prefix(path) + "missing required member " + required.get<std::string>());
    }
  }
  for (const auto& [name, member_value] : value.items()) {
    const std::string member_path = path.empty() ? name : path + "." + name;
    if (!members.contains(name)) {
      std::string known;
      for (const auto& [known_name, unused] : members.items()) known += (known.empty() ? "" : ", ") + known_name;
      errors.push_back(member_path + ": unknown member; accepted: " + known);
      continue;
    }
    auto nested = ValidateAgainstShape(member_value, members[name], member_path);
    errors.insert(errors.end(), nested.begin(), nested.end());
  }
}

void CheckList(const json& value, const json& shape, const std::string& path, std::vector<std::string>& errors) {
  if (!value.is_array()) {
    errors.push_back(Prefix(path) + "must be a JSON list, got " + Describe(value));
    return;
  }
  CheckCount(value.size(), shape, "items", path, errors);
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto nested = ValidateAgainstShape(value[i], shape["member"], path + "[" + std::to_string(i) + "]");
    errors.insert(errors.end(), nested.begin(), nested.end());
  }
}

void CheckMap(const json& value, const json& shape, const std::string& path, std::vector<std::string>& errors) {
  if (!value.is_object()) {
    errors.push_back(Prefix(path) + "must be a JSON object, got " + Describe(value));
    return;
  }
  CheckCount(value.size(), shape, "entries", path, errors);
  for (const auto& [key, entry] : value.items()) {
    const std::string entry_path = path + "[" + json(key).dump() + "]";
    auto key_errors = ValidateAgainstShape(json(key), shape["key"], entry_path + " key");
    auto value_errors = ValidateAgainstShape(entry, shape["value"], entry_path);
    errors.insert(errors.end(), key_errors.begin(), key_errors.end());
    errors.insert(errors.end(), value_errors.begin(), value_errors.end());
  }
}

}  // namespace

std::vector<std::string> ValidateAgainstShape(const json& value, const json& shape, const std::string& path) {
  std::vector<std::string> errors;
  const std::string type = shape.value("type", "");
  if (type == "structure") {
    CheckStructure(value, shape, path, errors);
  } else if (type == "list") {
    CheckList(value, shape, path, errors);
  } else if (type == "map") {
    CheckMap(value, shape, path, errors);
  } else if (type == "string") {
    CheckString(value, shape, path, errors);
  } else if (type == "integer" || type == "long") {
    CheckNumber(value, shape, path, errors);
  } else if (type == "boolean") {
    if (!value.is_boolean()) errors.push_back(Prefix(path) + "must be true or false, got " + Describe(value));
  } else if (type == "float" || type == "double") {
    if (!value.is_number()) errors.push_back(Prefix(path) + "must be a number, got " + Describe(value));
  } else {
    errors.push_back(Prefix(path) + "cannot be given here (model type " + type + ")");
  }
  return errors;
}

const json& CreateTrainingJobMemberShape(std::string_view member) {
  const auto members = CreateTrainingJobMemberShapesJson();
  const auto it = std::lower_bound(members.begin(), members.end(), member,
                                   [](const ShapeMemberJson& m, std::string_view name) { return m.name < name; });
  assert(it != members.end() && it->name == member);
  if (it == members.end() || it->name != member) {
    static const json kNoShape = json::object();  // without assert: reported as "cannot be given here"
    return kNoShape;
  }
  // Each member is parsed at its first use only: a run checks a few of the request's members, and
  // parsing the whole model took a third of the validation's start-up cost.
  struct ParsedMember {
    std::once_flag once;
    json shape;
  };
  static const std::unique_ptr<ParsedMember[]> parsed = std::make_unique<ParsedMember[]>(members.size());
  ParsedMember& slot = parsed[static_cast<std::size_t>(it - members.begin())];
  std::call_once(slot.once, [&] { slot.shape = json::parse(it->shape_json); });
  return slot.shape;
}

bool MatchesWholePattern(const std::string& value, const std::string& pattern) {
  // The most common patterns are answered directly: std::regex recurses per character.
  const bool single_line = value.find_first_of("\r\n") == std::string::npos;
  if (pattern == "[\\S\\s]*") return true;
  if (pattern == ".*") return single_line;
  if (pattern == ".+") return single_line && !value.empty();
  if (pattern.find("\\p{") != std::string::npos || pattern.find("(?<") != std::string::npos) return true;
  return MatchesWholeAsciiRegex(value, pattern);
}

std::size_t CharacterCount(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;  // every byte that does not continue a UTF-8 sequence
  }
  return count;
}

}  // namespace sagetrain
