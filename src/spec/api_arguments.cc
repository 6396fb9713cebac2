#include "spec/api_arguments.h"

#include <limits>
#include <optional>

#include "common/ascii_regex.h"
#include "spec/closest_values.h"
#include "spec/service_model.h"
#include "spec/shape_validator.h"
#include "spec/value_parsers.h"

namespace sagetrain {
namespace {

using nlohmann::json;

// The model of `member`.`nested` (one level down), e.g. ("RetryStrategy", "MaximumRetryAttempts").
const json& NestedShape(const char* member, const char* nested) {
  return CreateTrainingJobMemberShape(member)["members"][nested];
}

// Reads the arguments of this file, recording violations under each argument's name.
class ApiReader {
 public:
  ApiReader(const ArgumentText& text, Violations& violations) : text_(text), violations_(violations) {}

  std::string Text(const char* name) const { return Trim(text_(name)); }

  bool Bool(const char* name) {
    auto parsed = ParseBool(text_(name));
    if (auto* error = std::get_if<std::string>(&parsed)) {
      violations_.Add(name, *error);
      return false;
    }
    return std::get<bool>(parsed);
  }

  // "" or 0 = not set (0 is the table's default: KFP cannot load a blank Integer default); otherwise an
  // integer within the model's range for `shape`.
  std::optional<int> Integer(const char* name, const json& shape) {
    const std::string text = Text(name);
    if (text.empty() || text == "0") return std::nullopt;
    constexpr long long kMax = std::numeric_limits<int>::max();
    auto parsed = ParseInteger(text, -kMax, kMax, RangeText(shape));
    if (auto* error = std::get_if<std::string>(&parsed)) {
      violations_.Add(name, *error);
      return std::nullopt;
    }
    const auto number = std::get<long long>(parsed);
    if (!Check(name, json(number), shape)) return std::nullopt;
    return static_cast<int>(number);
  }

  // "" = not set; otherwise a string the model's `shape` accepts.
  std::string String(const char* name, const json& shape) {
    std::string text = Text(name);
    if (!text.empty()) Check(name, json(text), shape);
    return text;
  }

  // A JSON object or list (by `want_array`) checked against `shape` (unless it has no "type"); the
  // empty container = not set.
  json Container(const char* name, bool want_array, const json& shape) {
    auto parsed = ParseJsonContainer(text_(name), want_array);
    if (auto* error = std::get_if<std::string>(&parsed)) {
      violations_.Add(name, *error);
      return want_array ? json::array() : json::object();
    }
    json value = json::parse(std::get<nlohmann::ordered_json>(parsed).dump());
    if (!value.empty() && shape.contains("type")) Check(name, value, shape);
    return value;
  }

  bool Check(const char* name, const json& value, const json& shape) {
    auto errors = ValidateAgainstShape(value, shape);
    violations_.AddAll(name, errors);
    return errors.empty();
  }

 private:
  static std::string RangeText(const json& shape) {
    std::string range;
    if (shape.contains("min")) range += ">= " + shape["min"].dump();
    if (shape.contains("max")) range += (range.empty() ? "<= " : " and <= ") + shape["max"].dump();
    return range;
  }

  const ArgumentText& text_;
  Violations& violations_;
};

void ReadResourceMembers(ApiReader& in, TrainingJobSpec& spec, Violations& violations) {
  spec.max_retry_attempts = in.Integer("max_retry_attempts", NestedShape("RetryStrategy", "MaximumRetryAttempts"));
  spec.keep_alive_period_in_seconds =
      in.Integer("keep_alive_period_in_seconds", NestedShape("ResourceConfig", "KeepAlivePeriodInSeconds"));
  spec.training_plan = in.String("training_plan", NestedShape("ResourceConfig", "TrainingPlanArn"));
  spec.max_pending_time =
      in.Integer("max_pending_time", NestedShape("StoppingCondition", "MaxPendingTimeInSeconds"));
  // Instance types the bundled list lacks are a warning, as for --instance_type: the model is checked
  // with them set aside.
  json groups = in.Container("instance_groups", true, json::array());
  json checked = groups;
  for (std::size_t i = 0; i < checked.size(); ++i) {
    json& group = checked[i];
    if (!group.is_object() || !group.contains("InstanceType") || !group["InstanceType"].is_string()) continue;
    const std::string type = group["InstanceType"].get<std::string>();
    const auto listed = ServiceEnum("TrainingInstanceType");
    CheckInstanceType("instance_groups", "[" + std::to_string(i) + "].InstanceType: ", type, spec, violations);
    group["InstanceType"] = std::string(listed.front());
  }
  if (!groups.empty()) in.Check("instance_groups", checked, NestedShape("ResourceConfig", "InstanceGroups"));
  spec.instance_groups = groups;
}

void ReadAlgorithmMembers(ApiReader& in, TrainingJobSpec& spec, Violations& violations) {
  spec.container_entry_point =
      in.Container("container_entry_point", true, NestedShape("AlgorithmSpecification", "ContainerEntrypoint"));
  spec.container_arguments =
      in.Container("container_arguments", true, NestedShape("AlgorithmSpecification", "ContainerArguments"));
  const json& image_config = NestedShape("AlgorithmSpecification", "TrainingImageConfig")["members"];
  spec.training_repository_access_mode =
      in.String("training_repository_access_mode", image_config["TrainingRepositoryAccessMode"]);
  spec.training_repository_credentials_provider_arn =
      in.String("training_repository_credentials_provider_arn",
                image_config["TrainingRepositoryAuthConfig"]["members"]["TrainingRepositoryCredentialsProviderArn"]);
  if (!spec.training_repository_credentials_provider_arn.empty() && spec.training_repository_access_mode.empty()) {
    violations.Add("training_repository_credentials_provider_arn",
                   "needs --training_repository_access_mode (Vpc for a private registry)");
  }
  spec.enable_sagemaker_metrics = in.Bool("enable_sagemaker_metrics");
}

}  // namespace

bool IsWellFormedInstanceType(const std::string& type) {
  return MatchesWholeAsciiRegex(type, "ml\\.[a-z][a-z0-9-]*\\.[0-9]*(x?large|medium|small|micro|nano|metal)");
}

void CheckInstanceType(const std::string& argument, const std::string& where, const std::string& type,
                       TrainingJobSpec& spec, Violations& violations) {
  std::vector<std::string> listed;
  for (auto value : ServiceEnum("TrainingInstanceType")) {
    if (value == type) return;
    listed.emplace_back(value);
  }
  if (IsWellFormedInstanceType(type)) {
    spec.warnings.push_back("--" + argument + ": " + where + Quote(type) +
                            " is not in this build's list of training instance types; it is sent as given "
                            "(the service adds types after a build)");
    return;
  }
  violations.Add(argument, where + "must be " + AcceptedValuesText(type, listed) + ", got " + Quote(type));
}

void ParseApiArguments(const ArgumentText& text, TrainingJobSpec& spec, Violations& violations) {
  ApiReader in(text, violations);
  ReadResourceMembers(in, spec, violations);
  ReadAlgorithmMembers(in, spec, violations);
  spec.disable_output_compression = in.Bool("disable_output_compression");
  spec.tensorboard_output_config =
      in.Container("tensorboard_output_config", false, CreateTrainingJobMemberShape("TensorBoardOutputConfig"));
  spec.profiler_config = in.Container("profiler_config", false, CreateTrainingJobMemberShape("ProfilerConfig"));
  spec.profiler_rule_config =
      in.Container("profiler_rule_config", true, CreateTrainingJobMemberShape("ProfilerRuleConfigurations"));
  spec.experiment_config = in.Container("experiment_config", false, CreateTrainingJobMemberShape("ExperimentConfig"));
  spec.enable_infra_check = in.Bool("enable_infra_check");
  spec.enable_remote_debug = in.Bool("enable_remote_debug");
  spec.enable_session_tag_chaining = in.Bool("enable_session_tag_chaining");
  spec.fail_on_rule_issues = in.Bool("fail_on_rule_issues");
  spec.attach_only = in.Bool("attach_only");
}

}  // namespace sagetrain
