#include "spec/spec_parser.h"

#include <limits>

#include "spec/json_arguments.h"
#include "common/ascii_regex.h"
#include "common/utf8.h"
#include "spec/value_parsers.h"
#include "spec/api_arguments.h"
#include "spec/builtin_algorithms.h"
#include "spec/create_training_job_request.h"
#include "spec/extra_request_fields.h"
#include "spec/field_rules.h"
#include "spec/job_name.h"
#include "spec/service_model.h"
#include "spec/shape_validator.h"
#include "kfp/executor_output.h"

namespace sagetrain {
namespace {

using nlohmann::json;

constexpr long long kMaxRunTime = 2419200;  // the service's 28 days (the seed's 5 days predates it)
constexpr long long kIntMax = std::numeric_limits<int>::max();

// Reads the arguments of one spec, recording violations as it goes.
class SpecReader {
 public:
  SpecReader(const ArgumentValues& values, Violations& violations) : values_(values), violations_(violations) {}

  std::string Text(const std::string& name) const {
    auto it = values_.find(name);
    return it != values_.end() ? it->second : Default(name);
  }

  std::string Default(const std::string& name) const {
    for (const auto& argument : ProgramArguments()) {
      if (argument.name == name) return std::string(argument.default_value);
    }
    return "";
  }

  // The trimmed text of a required argument; records "is required" when empty.
  std::string Required(const std::string& name) {
    std::string value = Trim(Text(name));
    if (value.empty()) violations_.Add(name, "is required");
    return value;
  }

  template <typename T>
  T Take(const std::string& name, Parsed<T> parsed, T fallback) {
    if (auto* error = std::get_if<std::string>(&parsed)) {
      violations_.Add(name, *error);
      return fallback;
    }
    return std::get<T>(parsed);
  }

  bool Bool(const std::string& name) { return Take(name, ParseBool(Text(name)), false); }

  int Integer(const std::string& name, long long min, long long max, const std::string& range) {
    return static_cast<int>(Take(name, ParseInteger(Text(name), min, max, range), min));
  }

  // Checks a string against the model's shape for `member` (length, pattern).
  void CheckMember(const std::string& name, const std::string& value, const json& shape) {
    violations_.AddAll(name, ValidateAgainstShape(json(value), shape));
  }

 private:
  const ArgumentValues& values_;
  Violations& violations_;
};

const json& AlgorithmMember(const char* member) {
  return CreateTrainingJobMemberShape("AlgorithmSpecification")["members"][member];
}

std::string EnumList(std::string_view shape) {
  std::string out;
  for (auto value : ServiceEnum(shape)) out += (out.empty() ? "" : ", ") + std::string(value);
  return out;
}

bool InEnum(std::string_view shape, const std::string& value) {
  for (auto accepted : ServiceEnum(shape)) {
    if (accepted == value) return true;
  }
  return false;
}

void ReadConnection(SpecReader& in, TrainingJobSpec& spec, Violations& violations) {
  spec.region = in.Required("region");
  if (!spec.region.empty() && !MatchesWholeAsciiRegex(spec.region, "[a-z]{2}(-[a-z]+)+-[0-9]+")) {
    violations.Add("region", "must be an AWS region name such as us-east-1, got " + Quote(spec.region));
  }
  spec.endpoint_url = Trim(in.Text("endpoint_url"));
  // Compiled only when an endpoint is given: most runs have none.
  if (!spec.endpoint_url.empty() && !MatchesWholeAsciiRegex(spec.endpoint_url, "https?://[^\\s/?#]+[^\\s]*")) {
    violations.Add("endpoint_url", "must be an http:// or https:// URL, got " + Quote(spec.endpoint_url));
  }
  spec.assume_role = Trim(in.Text("assume_role"));
  if (!spec.assume_role.empty()) in.CheckMember("assume_role", spec.assume_role, CreateTrainingJobMemberShape("RoleArn"));
}

void ReadAlgorithm(SpecReader& in, TrainingJobSpec& spec, Violations& violations) {
  spec.image = Trim(in.Text("image"));
  spec.algorithm_name = Trim(in.Text("algorithm_name"));
  if (spec.image.empty() == spec.algorithm_name.empty()) {
    const char* message = spec.image.empty() ? "exactly one of --image and --algorithm_name must be set; neither is"
                                             : "exactly one of --image and --algorithm_name must be set; both are";
    violations.Add("image", message);
    return;
  }
  if (!spec.image.empty()) {
    in.CheckMember("image", spec.image, AlgorithmMember("TrainingImage"));
    spec.training_image_resolved = spec.image;
    return;
  }
  if (auto builtin = ParseBuiltinAlgorithmName(spec.algorithm_name)) {
    if (violations.Has("region")) return;  // the image depends on the region
    auto uri = BuiltinAlgorithmImageUri(*builtin, spec.region);
    if (!uri.ok()) {
      violations.Add("algorithm_name", uri.status().message());
      return;
    }
    spec.training_image_resolved = *uri;
    return;
  }
  if (!IsValidAlgorithmName(spec.algorithm_name)) {
    std::string builtins;
    for (const auto& name : BuiltinAlgorithmNames()) builtins += (builtins.empty() ? "" : ", ") + name;
    violations.Add("algorithm_name", "must be a built-in algorithm (" + builtins +
                                         ", xgboost:<version>) or an algorithm name/ARN (letters, digits and "
                                         "hyphens, up to 63, not ending in a hyphen), got " +
                                         Quote(spec.algorithm_name));
  }
}

void ReadEnum(SpecReader& in, const char* argument, std::string_view shape, std::string& field, Violations& violations) {
  field = Trim(in.Text(argument));
  if (!InEnum(shape, field)) {
    violations.Add(argument, "must be one of " + EnumList(shape) + ", got " + Quote(field));
  }
}

// Instance groups carry their own types and counts: instance_type and instance_count may then only be
// blank or at their defaults (which KFP passes whether or not the user set them).
void ReadInstances(SpecReader& in, TrainingJobSpec& spec, Violations& violations) {
  spec.instance_type = Trim(in.Text("instance_type"));
  if (spec.instance_groups.empty()) {
    CheckInstanceType("instance_type", "", spec.instance_type, spec, violations);
    spec.instance_count = in.Integer("instance_count", 1, kIntMax, ">= 1");
    return;
  }
  for (const char* name : {"instance_type", "instance_count"}) {
    const std::string value = Trim(in.Text(name));
    if (!value.empty() && value != in.Default(name)) {
      violations.Add("instance_groups", std::string("cannot be combined with --") + name + " " + Quote(value) +
                                            " (each group names its own type and count); leave --" + name +
                                            " blank or at its default");
    }
  }
  spec.instance_count = 0;
  for (const auto& group : spec.instance_groups) {
    if (group.is_object() && group.contains("InstanceCount") && group["InstanceCount"].is_number_integer()) {
      spec.instance_count += group["InstanceCount"].get<int>();
    }
  }
}

void ReadResources(SpecReader& in, TrainingJobSpec& spec, Violations& violations) {
  ReadInstances(in, spec, violations);
  spec.volume_size = in.Integer("volume_size", 1, kIntMax, ">= 1");
  const json& kms = CreateTrainingJobMemberShape("OutputDataConfig")["members"]["KmsKeyId"];
  spec.resource_encryption_key = Trim(in.Text("resource_encryption_key"));
  in.CheckMember("resource_encryption_key", spec.resource_encryption_key, kms);
  spec.output_encryption_key = Trim(in.Text("output_encryption_key"));
  in.CheckMember("output_encryption_key", spec.output_encryption_key, kms);
  spec.max_run_time = in.Integer("max_run_time", 1, kMaxRunTime, "from 1 to 2419200 (28 days)");
  spec.model_artifact_path = in.Required("model_artifact_path");
  if (!spec.model_artifact_path.empty()) {
    in.CheckMember("model_artifact_path", spec.model_artifact_path,
                   CreateTrainingJobMemberShape("OutputDataConfig")["members"]["S3OutputPath"]);
  }
}

void ReadVpc(SpecReader& in, TrainingJobSpec& spec, Violations& violations) {
  spec.vpc_security_group_ids = in.Take("vpc_security_group_ids", ParseCommaList(in.Text("vpc_security_group_ids")), {});
  spec.vpc_subnets = in.Take("vpc_subnets", ParseCommaList(in.Text("vpc_subnets")), {});
  if (violations.Has("vpc_security_group_ids") || violations.Has("vpc_subnets")) return;
  if (spec.vpc_security_group_ids.empty() != spec.vpc_subnets.empty()) {
    const char* missing = spec.vpc_subnets.empty() ? "vpc_subnets" : "vpc_security_group_ids";
    violations.Add(missing, "must be set together with --vpc_security_group_ids and --vpc_subnets (both or neither)");
    return;
  }
  if (spec.vpc_subnets.empty()) return;
  const json& vpc = CreateTrainingJobMemberShape("VpcConfig")["members"];
  violations.AddAll("vpc_security_group_ids", ValidateAgainstShape(json(spec.vpc_security_group_ids), vpc["SecurityGroupIds"]));
  violations.AddAll("vpc_subnets", ValidateAgainstShape(json(spec.vpc_subnets), vpc["Subnets"]));
}

void ReadSpot(SpecReader& in, TrainingJobSpec& spec, Violations& violations) {
  spec.network_isolation = in.Bool("network_isolation");
  spec.traffic_encryption = in.Bool("traffic_encryption");
  spec.spot_instance = in.Bool("spot_instance");
  spec.max_wait_time = in.Integer("max_wait_time", 1, kIntMax, ">= 1");
  ParseCheckpointConfig(in.Text("checkpoint_config"), spec, violations);
  if (!spec.spot_instance) return;
  if (!violations.Has("max_wait_time") && !violations.Has("max_run_time") && spec.max_wait_time < spec.max_run_time) {
    violations.Add("max_wait_time", "must be >= --max_run_time (" + std::to_string(spec.max_run_time) +
                                        ") with --spot_instance, got " + std::to_string(spec.max_wait_time));
  }
  if (!violations.Has("checkpoint_config") && !spec.checkpoint_config.contains("S3Uri")) {
    violations.Add("checkpoint_config", "must give S3Uri with --spot_instance, e.g. {\"S3Uri\": \"s3://bucket/checkpoints\"}");
  }
}

void ReadProgramSettings(SpecReader& in, TrainingJobSpec& spec) {
  spec.poll_interval_seconds = in.Take("poll_interval", ParseSeconds(in.Text("poll_interval"), 0, true, 3600, "> 0 and <= 3600"), 0.0);
  spec.stop_timeout_seconds = in.Take("stop_timeout", ParseSeconds(in.Text("stop_timeout"), 0, false, 86400, ">= 0 and <= 86400"), 0.0);
  spec.dry_run = in.Bool("dry_run");
  spec.verbose = in.Bool("verbose");
  spec.model_artifact_url_output_path = in.Text("model_artifact_url_output_path");
  spec.job_name_output_path = in.Text("job_name_output_path");
  spec.training_image_output_path = in.Text("training_image_output_path");
  spec.ui_metadata_output_path = in.Text("ui_metadata_output_path");
  spec.metrics_output_path = in.Text("metrics_output_path");
  spec.curves_output_path = in.Text("curves_output_path");
  spec.job_arn_output_path = in.Text("job_arn_output_path");
  spec.training_seconds_output_path = in.Text("training_seconds_output_path");
  spec.billable_seconds_output_path = in.Text("billable_seconds_output_path");
  spec.final_metrics_output_path = in.Text("final_metrics_output_path");
  spec.job_description_output_path = in.Text("job_description_output_path");
}

// --executor_input: KFP 2's ExecutorInput ({{$}}), whose outputs.outputFile receives the artifacts.
void ReadExecutorInput(SpecReader& in, TrainingJobSpec& spec, Violations& violations) {
  const std::string text = Trim(in.Text("executor_input"));
  if (text.empty()) return;
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) {
    violations.Add("executor_input", "must be the JSON KFP 2 passes as {{$}}, got text that is not JSON");
    return;
  }
  if (auto file = ExecutorOutputFile(parsed); !file.ok()) {
    violations.Add("executor_input", file.status().message());
    return;
  }
  spec.executor_input = std::move(parsed);
}

// Read last, once every argument is known: a member set both here and by an argument is refused.
void ReadExtraRequestFields(SpecReader& in, TrainingJobSpec& spec, Violations& violations) {
  auto parsed = ParseJsonContainer(in.Text("extra_request_fields"), false);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    violations.Add("extra_request_fields", *error);
    return;
  }
  const json extra = json::parse(std::get<nlohmann::ordered_json>(parsed).dump());
  if (extra.empty() || !violations.empty()) return;  // the request is only known for valid arguments
  CheckExtraRequestFields(BuildCreateTrainingJobRequest(spec), extra, violations);
  spec.extra_request_fields = extra;
}

// --attach_only: no request is built, so only the job's name and how to follow it are read.
std::variant<TrainingJobSpec, Violations> ReadAttachOnly(SpecReader& in, TrainingJobSpec& spec,
                                                         Violations& violations) {
  if (Trim(in.Text("job_name")).empty()) {
    violations.Add("job_name", "is required with --attach_only (the name of the job to follow)");
  }
  spec.instance_count = 1;  // the follower learns the real count from DescribeTrainingJob
  ReadProgramSettings(in, spec);
  ReadExecutorInput(in, spec, violations);
  if (!violations.empty()) return violations;
  return spec;
}

}  // namespace

std::variant<TrainingJobSpec, Violations> ParseTrainingJobSpec(const ArgumentValues& values, WallTime now,
                                                               RandomSource& random) {
  Violations violations;
  // Text that is not UTF-8 cannot be sent (the request is UTF-8 JSON) nor quoted back: report it alone.
  for (const auto& [name, value] : values) {
    if (!IsValidUtf8(value)) violations.Add(name, "must be UTF-8 text; the value has bytes that are not");
  }
  if (!violations.empty()) return violations;
  SpecReader in(values, violations);
  TrainingJobSpec spec;
  ReadConnection(in, spec, violations);
  spec.job_name = Trim(in.Text("job_name"));
  if (spec.job_name.empty()) {
    spec.job_name = DefaultTrainingJobName(now, random);
  } else {
    in.CheckMember("job_name", spec.job_name, CreateTrainingJobMemberShape("TrainingJobName"));
  }
  ParseApiArguments([&in](const std::string& name) { return in.Text(name); }, spec, violations);
  if (spec.attach_only) return ReadAttachOnly(in, spec, violations);
  spec.role = in.Required("role");
  if (!spec.role.empty()) in.CheckMember("role", spec.role, CreateTrainingJobMemberShape("RoleArn"));
  ReadAlgorithm(in, spec, violations);
  ParseMetricDefinitions(in.Text("metric_definitions"), spec, violations);
  ReadEnum(in, "training_input_mode", "TrainingInputMode", spec.training_input_mode, violations);
  ParseHyperparameters(in.Text("hyperparameters"), spec, violations);
  if (in.Required("channels").empty()) {
    // reported as required
  } else {
    ParseChannels(in.Text("channels"), spec, violations);
  }
  ReadResources(in, spec, violations);
  ReadVpc(in, spec, violations);
  ReadSpot(in, spec, violations);
  ParseDebugHookConfig(in.Text("debug_hook_config"), spec, violations);
  ParseDebugRuleConfig(in.Text("debug_rule_config"), spec, violations);
  ParseTags(in.Text("tags"), spec, violations);
  ParseEnvironment(in.Text("environment"), spec, violations);
  ReadProgramSettings(in, spec);
  ReadExtraRequestFields(in, spec, violations);
  ReadExecutorInput(in, spec, violations);
  if (!violations.empty()) return violations;
  return spec;
}

}  // namespace sagetrain
