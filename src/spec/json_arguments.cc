#include "spec/json_arguments.h"

#include <set>

#include "spec/value_parsers.h"
#include "spec/field_rules.h"
#include "spec/shape_validator.h"

namespace sagetrain {
namespace {

using ordered_json = nlohmann::ordered_json;
using json = nlohmann::json;

constexpr std::size_t kMaxMetricDefinitions = 40;
constexpr std::size_t kMaxTags = 50;
constexpr std::size_t kMaxTagKey = 128;
constexpr std::size_t kMaxTagValue = 256;

// Parses `text` as a JSON object or list; records the violation and returns nullopt on failure.
std::optional<ordered_json> ParseContainer(const char* argument, const std::string& text, bool want_array,
                                           Violations& violations) {
  auto parsed = ParseJsonContainer(text, want_array);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    violations.Add(argument, *error);
    return std::nullopt;
  }
  return std::get<ordered_json>(std::move(parsed));
}

// A JSON object whose values must all be strings: records each non-string and returns the pairs.
std::vector<std::pair<std::string, std::string>> StringPairs(const char* argument, const ordered_json& object,
                                                             Violations& violations) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& [key, value] : object.items()) {
    if (!value.is_string()) {
      violations.Add(argument, "value of " + Quote(key) + " must be a string, got " + value.dump());
      continue;
    }
    pairs.emplace_back(key, value.get<std::string>());
  }
  return pairs;
}

// Validates a pass-through configuration against the model member it is sent as.
void CheckAgainstMember(const char* argument, const json& value, const char* member, Violations& violations) {
  violations.AddAll(argument, ValidateAgainstShape(value, CreateTrainingJobMemberShape(member)));
}

}  // namespace

void ParseMetricDefinitions(const std::string& text, TrainingJobSpec& spec, Violations& violations) {
  constexpr const char* kArg = "metric_definitions";
  auto object = ParseContainer(kArg, text, false, violations);
  if (!object) return;
  if (object->size() > kMaxMetricDefinitions) {
    violations.Add(kArg, "must have at most 40 metrics, got " + std::to_string(object->size()));
  }
  for (const auto& [name, regex] : StringPairs(kArg, *object, violations)) {
    if (!MatchesWholePattern(name, ".+") || CharacterCount(name) > 255) {
      violations.Add(kArg, "metric name " + Quote(name) + " must be 1 to 255 characters on one line");
    }
    if (!MatchesWholePattern(regex, ".+") || CharacterCount(regex) > 500) {
      violations.Add(kArg, "regex of " + Quote(name) + " must be 1 to 500 characters on one line");
    }
    spec.metric_definitions.emplace_back(name, regex);
  }
}

void ParseHyperparameters(const std::string& text, TrainingJobSpec& spec, Violations& violations) {
  constexpr const char* kArg = "hyperparameters";
  auto object = ParseContainer(kArg, text, false, violations);
  if (!object) return;
  json as_strings = json::object();
  for (const auto& [key, value] : object->items()) {
    if (value.is_string()) {
      as_strings[key] = value.get<std::string>();
    } else if (value.is_number() || value.is_boolean()) {
      as_strings[key] = value.dump();  // SageMaker takes strings only: 10 -> "10", true -> "true"
    } else {
      violations.Add(kArg, "value of " + Quote(key) +
                               " must be a string, number or boolean (nested values are not accepted), got " +
                               value.dump());
    }
  }
  violations.AddAll(kArg, ValidateAgainstShape(as_strings, CreateTrainingJobMemberShape("HyperParameters")));
  for (const auto& [key, value] : as_strings.items()) spec.hyperparameters[key] = value.get<std::string>();
}

void ParseChannels(const std::string& text, TrainingJobSpec& spec, Violations& violations) {
  constexpr const char* kArg = "channels";
  auto list = ParseContainer(kArg, text, true, violations);
  if (!list) return;
  const json channels = json::parse(list->dump());
  if (channels.empty()) {
    violations.Add(kArg, "must list at least one channel (a JSON list of 1 to 20 Channel objects)");
    return;
  }
  CheckAgainstMember(kArg, channels, "InputDataConfig", violations);
  std::set<std::string> names;
  for (std::size_t i = 0; i < channels.size(); ++i) {
    const json& channel = channels[i];
    if (!channel.is_object()) continue;  // already reported
    const std::string at = "[" + std::to_string(i) + "]";
    auto name = channel.find("ChannelName");
    if (name != channel.end() && name->is_string() && !names.insert(name->get<std::string>()).second) {
      violations.Add(kArg, at + ".ChannelName: duplicate channel name " + name->dump());
    }
    auto source = channel.find("DataSource");
    if (source != channel.end() && source->is_object() && source->size() != 1) {
      violations.Add(kArg, at + ".DataSource: must have exactly one of S3DataSource, FileSystemDataSource, "
                                "DatasetSource");
    }
  }
  spec.channels = channels;
}

void ParseCheckpointConfig(const std::string& text, TrainingJobSpec& spec, Violations& violations) {
  auto object = ParseContainer("checkpoint_config", text, false, violations);
  if (!object || object->empty()) return;
  spec.checkpoint_config = json::parse(object->dump());
  CheckAgainstMember("checkpoint_config", spec.checkpoint_config, "CheckpointConfig", violations);
}

void ParseDebugHookConfig(const std::string& text, TrainingJobSpec& spec, Violations& violations) {
  auto object = ParseContainer("debug_hook_config", text, false, violations);
  if (!object || object->empty()) return;
  spec.debug_hook_config = json::parse(object->dump());
  CheckAgainstMember("debug_hook_config", spec.debug_hook_config, "DebugHookConfig", violations);
}

void ParseDebugRuleConfig(const std::string& text, TrainingJobSpec& spec, Violations& violations) {
  auto list = ParseContainer("debug_rule_config", text, true, violations);
  if (!list || list->empty()) return;
  spec.debug_rule_config = json::parse(list->dump());
  CheckAgainstMember("debug_rule_config", spec.debug_rule_config, "DebugRuleConfigurations", violations);
}

void ParseTags(const std::string& text, TrainingJobSpec& spec, Violations& violations) {
  constexpr const char* kArg = "tags";
  auto object = ParseContainer(kArg, text, false, violations);
  if (!object) return;
  if (object->size() > kMaxTags) violations.Add(kArg, "must have at most 50 tags, got " + std::to_string(object->size()));
  const std::string allowed = "letters, digits, spaces and _ . : / = + - @";
  for (const auto& [key, value] : StringPairs(kArg, *object, violations)) {
    if (key.empty() || CharacterCount(key) > kMaxTagKey || !IsValidTagText(key)) {
      violations.Add(kArg, "key " + Quote(key) + " must be 1 to 128 characters of " + allowed);
    }
    if (CharacterCount(value) > kMaxTagValue || !IsValidTagText(value)) {
      violations.Add(kArg, "value of " + Quote(key) + " must be 0 to 256 characters of " + allowed + ", got " +
                               Quote(value));
    }
    spec.tags.emplace_back(key, value);
  }
}

void ParseEnvironment(const std::string& text, TrainingJobSpec& spec, Violations& violations) {
  constexpr const char* kArg = "environment";
  auto object = ParseContainer(kArg, text, false, violations);
  if (!object) return;
  const json environment = json::parse(object->dump());
  CheckAgainstMember(kArg, environment, "Environment", violations);
  for (const auto& [key, value] : environment.items()) {
    if (value.is_string()) spec.environment[key] = value.get<std::string>();
  }
}

}  // namespace sagetrain
