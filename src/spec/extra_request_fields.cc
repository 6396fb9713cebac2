#include "spec/extra_request_fields.h"

#include <string_view>
#include <utility>

#include "spec/service_model.h"
#include "spec/shape_validator.h"

namespace sagetrain {
namespace {

using nlohmann::json;

// Request paths (a member, or a member's member) and the argument that fills each.
constexpr std::pair<std::string_view, std::string_view> kMemberArguments[] = {
    {"TrainingJobName", "job_name"},
    {"RoleArn", "role"},
    {"AlgorithmSpecification.TrainingImage", "image"},
    {"AlgorithmSpecification.AlgorithmName", "algorithm_name"},
    {"AlgorithmSpecification.TrainingInputMode", "training_input_mode"},
    {"AlgorithmSpecification.MetricDefinitions", "metric_definitions"},
    {"AlgorithmSpecification.ContainerEntrypoint", "container_entry_point"},
    {"AlgorithmSpecification.ContainerArguments", "container_arguments"},
    {"AlgorithmSpecification.TrainingImageConfig", "training_repository_access_mode"},
    {"AlgorithmSpecification.EnableSageMakerMetricsTimeSeries", "enable_sagemaker_metrics"},
    {"HyperParameters", "hyperparameters"},
    {"InputDataConfig", "channels"},
    {"OutputDataConfig.S3OutputPath", "model_artifact_path"},
    {"OutputDataConfig.KmsKeyId", "output_encryption_key"},
    {"OutputDataConfig.CompressionType", "disable_output_compression"},
    {"ResourceConfig.InstanceType", "instance_type"},
    {"ResourceConfig.InstanceCount", "instance_count"},
    {"ResourceConfig.VolumeSizeInGB", "volume_size"},
    {"ResourceConfig.VolumeKmsKeyId", "resource_encryption_key"},
    {"ResourceConfig.KeepAlivePeriodInSeconds", "keep_alive_period_in_seconds"},
    {"ResourceConfig.InstanceGroups", "instance_groups"},
    {"ResourceConfig.TrainingPlanArn", "training_plan"},
    {"StoppingCondition.MaxRuntimeInSeconds", "max_run_time"},
    {"StoppingCondition.MaxWaitTimeInSeconds", "max_wait_time"},
    {"StoppingCondition.MaxPendingTimeInSeconds", "max_pending_time"},
    {"VpcConfig.SecurityGroupIds", "vpc_security_group_ids"},
    {"VpcConfig.Subnets", "vpc_subnets"},
    {"EnableNetworkIsolation", "network_isolation"},
    {"EnableInterContainerTrafficEncryption", "traffic_encryption"},
    {"EnableManagedSpotTraining", "spot_instance"},
    {"CheckpointConfig", "checkpoint_config"},
    {"DebugHookConfig", "debug_hook_config"},
    {"DebugRuleConfigurations", "debug_rule_config"},
    {"Tags", "tags"},
    {"Environment", "environment"},
    {"RetryStrategy", "max_retry_attempts"},
    {"TensorBoardOutputConfig", "tensorboard_output_config"},
    {"ProfilerConfig", "profiler_config"},
    {"ProfilerRuleConfigurations", "profiler_rule_config"},
    {"ExperimentConfig", "experiment_config"},
    {"InfraCheckConfig", "enable_infra_check"},
    {"RemoteDebugConfig", "enable_remote_debug"},
    {"SessionChainingConfig", "enable_session_tag_chaining"},
};

void Merge(json& into, const json& extra, const std::string& path, std::vector<std::string>& conflicts) {
  for (const auto& [key, value] : extra.items()) {
    const std::string at = path.empty() ? key : path + "." + key;
    auto existing = into.find(key);
    if (existing == into.end()) {
      into[key] = value;
    } else if (existing->is_object() && value.is_object()) {
      Merge(*existing, value, at, conflicts);
    } else {
      conflicts.push_back(at);
    }
  }
}

}  // namespace

std::vector<std::string> MergeExtraRequestFields(json& request, const json& extra) {
  std::vector<std::string> conflicts;
  Merge(request, extra, "", conflicts);
  return conflicts;
}

std::string ArgumentSettingMember(const std::string& path) {
  for (const auto& [prefix, argument] : kMemberArguments) {
    if (path == prefix || (path.starts_with(prefix) && path[prefix.size()] == '.')) return std::string(argument);
  }
  return "";
}

void CheckExtraRequestFields(const json& request, const json& extra, Violations& violations) {
  constexpr const char* kArg = "extra_request_fields";
  json merged = request;
  for (const auto& conflict : MergeExtraRequestFields(merged, extra)) {
    const std::string argument = ArgumentSettingMember(conflict);
    violations.Add(kArg, conflict + ": already set by " + (argument.empty() ? "an argument" : "--" + argument) +
                             "; set it there, not in both");
  }
  const auto members = CreateTrainingJobMemberShapesJson();
  for (const auto& [key, value] : extra.items()) {
    bool known = false;
    for (const auto& member : members) known = known || member.name == key;
    if (!known) {
      violations.Add(kArg, key + ": not a CreateTrainingJobRequest member");
      continue;
    }
    violations.AddAll(kArg, ValidateAgainstShape(merged[key], CreateTrainingJobMemberShape(key), key));
  }
}

}  // namespace sagetrain
