#pragma once
// The JSON-valued arguments (metric_definitions, hyperparameters, channels, checkpoint_config,
// debug_hook_config, debug_rule_config, tags, environment): parsing, the seed's conversions and the
// service model's constraints. Each function reads its argument's text, fills the spec field and
// records violations under the argument's name. Pure; thread-safe.
#include <string>

#include "spec/violations.h"
#include "spec/training_job_spec.h"

namespace sagetrain {

void ParseMetricDefinitions(const std::string& text, TrainingJobSpec& spec, Violations& violations);
void ParseHyperparameters(const std::string& text, TrainingJobSpec& spec, Violations& violations);
void ParseChannels(const std::string& text, TrainingJobSpec& spec, Violations& violations);
void ParseCheckpointConfig(const std::string& text, TrainingJobSpec& spec, Violations& violations);
void ParseDebugHookConfig(const std::string& text, TrainingJobSpec& spec, Violations& violations);
void ParseDebugRuleConfig(const std::string& text, TrainingJobSpec& spec, Violations& violations);
void ParseTags(const std::string& text, TrainingJobSpec& spec, Violations& violations);
void ParseEnvironment(const std::string& text, TrainingJobSpec& spec, Violations& violations);

}  // namespace sagetrain
