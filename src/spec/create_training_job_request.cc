#include "spec/create_training_job_request.h"

namespace sagetrain {
namespace {

using nlohmann::json;

json AlgorithmSpecification(const TrainingJobSpec& spec) {
  json algorithm = {{"TrainingInputMode", spec.training_input_mode}};
  if (!spec.training_image_resolved.empty()) {
    algorithm["TrainingImage"] = spec.training_image_resolved;
  } else {
    algorithm["AlgorithmName"] = spec.algorithm_name;
  }
  if (!spec.metric_definitions.empty()) {
    json metrics = json::array();
    for (const auto& [name, regex] : spec.metric_definitions) metrics.push_back({{"Name", name}, {"Regex", regex}});
    algorithm["MetricDefinitions"] = std::move(metrics);
  }
  return algorithm;
}

json OutputDataConfig(const TrainingJobSpec& spec) {
  json output = {{"S3OutputPath", spec.model_artifact_path}};
  if (!spec.output_encryption_key.empty()) output["KmsKeyId"] = spec.output_encryption_key;
  return output;
}

json ResourceConfig(const TrainingJobSpec& spec) {
  json resources = {
      {"InstanceType", spec.instance_type},
      {"InstanceCount", spec.instance_count},
      {"VolumeSizeInGB", spec.volume_size},
  };
  if (!spec.resource_encryption_key.empty()) resources["VolumeKmsKeyId"] = spec.resource_encryption_key;
  return resources;
}

json StoppingCondition(const TrainingJobSpec& spec) {
  json stopping = {{"MaxRuntimeInSeconds", spec.max_run_time}};
  if (spec.spot_instance) stopping["MaxWaitTimeInSeconds"] = spec.max_wait_time;
  return stopping;
}

}  // namespace

json BuildCreateTrainingJobRequest(const TrainingJobSpec& spec) {
  json request = {
      {"TrainingJobName", spec.job_name},
      {"RoleArn", spec.role},
      {"AlgorithmSpecification", AlgorithmSpecification(spec)},
      {"InputDataConfig", spec.channels},
      {"OutputDataConfig", OutputDataConfig(spec)},
      {"ResourceConfig", ResourceConfig(spec)},
      {"StoppingCondition", StoppingCondition(spec)},
      {"EnableNetworkIsolation", spec.network_isolation},
      {"EnableInterContainerTrafficEncryption", spec.traffic_encryption},
      {"EnableManagedSpotTraining", spec.spot_instance},
  };
  if (!spec.hyperparameters.empty()) request["HyperParameters"] = spec.hyperparameters;
  if (!spec.vpc_subnets.empty()) {
    request["VpcConfig"] = {{"SecurityGroupIds", spec.vpc_security_group_ids}, {"Subnets", spec.vpc_subnets}};
  }
  // Checkpoints are useful without spot too (resuming a restarted job), so they are sent when given.
  if (!spec.checkpoint_config.empty()) request["CheckpointConfig"] = spec.checkpoint_config;
  if (!spec.debug_hook_config.empty()) request["DebugHookConfig"] = spec.debug_hook_config;
  if (!spec.debug_rule_config.empty()) request["DebugRuleConfigurations"] = spec.debug_rule_config;
  if (!spec.tags.empty()) {
    json tags = json::array();
    for (const auto& [key, value] : spec.tags) tags.push_back({{"Key", key}, {"Value", value}});
    request["Tags"] = std::move(tags);
  }
  if (!spec.environment.empty()) request["Environment"] = spec.environment;
  return request;
}

}  // namespace sagetrain
