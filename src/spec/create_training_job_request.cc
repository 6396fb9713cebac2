#include "spec/create_training_job_request.h"

#include "spec/extra_request_fields.h"

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
  if (!spec.container_entry_point.empty()) algorithm["ContainerEntrypoint"] = spec.container_entry_point;
  if (!spec.container_arguments.empty()) algorithm["ContainerArguments"] = spec.container_arguments;
  if (!spec.training_repository_access_mode.empty()) {
    json image_config = {{"TrainingRepositoryAccessMode", spec.training_repository_access_mode}};
    if (!spec.training_repository_credentials_provider_arn.empty()) {
      image_config["TrainingRepositoryAuthConfig"] = {
          {"TrainingRepositoryCredentialsProviderArn", spec.training_repository_credentials_provider_arn}};
    }
    algorithm["TrainingImageConfig"] = std::move(image_config);
  }
  if (spec.enable_sagemaker_metrics) algorithm["EnableSageMakerMetricsTimeSeries"] = true;
  return algorithm;
}

json OutputDataConfig(const TrainingJobSpec& spec) {
  json output = {{"S3OutputPath", spec.model_artifact_path}};
  if (!spec.output_encryption_key.empty()) output["KmsKeyId"] = spec.output_encryption_key;
  if (spec.disable_output_compression) output["CompressionType"] = "NONE";
  return output;
}

json ResourceConfig(const TrainingJobSpec& spec) {
  json resources = {{"VolumeSizeInGB", spec.volume_size}};
  // Instance groups replace the single group of instance_type x instance_count.
  if (spec.instance_groups.empty()) {
    resources["InstanceType"] = spec.instance_type;
    resources["InstanceCount"] = spec.instance_count;
  } else {
    resources["InstanceGroups"] = spec.instance_groups;
  }
  if (!spec.resource_encryption_key.empty()) resources["VolumeKmsKeyId"] = spec.resource_encryption_key;
  if (spec.keep_alive_period_in_seconds) resources["KeepAlivePeriodInSeconds"] = *spec.keep_alive_period_in_seconds;
  if (!spec.training_plan.empty()) resources["TrainingPlanArn"] = spec.training_plan;
  return resources;
}

json StoppingCondition(const TrainingJobSpec& spec) {
  json stopping = {{"MaxRuntimeInSeconds", spec.max_run_time}};
  if (spec.spot_instance) stopping["MaxWaitTimeInSeconds"] = spec.max_wait_time;
  if (spec.max_pending_time) stopping["MaxPendingTimeInSeconds"] = *spec.max_pending_time;
  return stopping;
}

// The members of the rest of the API that are a configuration given whole, or a flag.
void AddApiMembers(const TrainingJobSpec& spec, json& request) {
  if (spec.max_retry_attempts) request["RetryStrategy"] = {{"MaximumRetryAttempts", *spec.max_retry_attempts}};
  if (!spec.tensorboard_output_config.empty()) request["TensorBoardOutputConfig"] = spec.tensorboard_output_config;
  if (!spec.profiler_config.empty()) request["ProfilerConfig"] = spec.profiler_config;
  if (!spec.profiler_rule_config.empty()) request["ProfilerRuleConfigurations"] = spec.profiler_rule_config;
  if (!spec.experiment_config.empty()) request["ExperimentConfig"] = spec.experiment_config;
  if (spec.enable_infra_check) request["InfraCheckConfig"] = {{"EnableInfraCheck", true}};
  if (spec.enable_remote_debug) request["RemoteDebugConfig"] = {{"EnableRemoteDebug", true}};
  if (spec.enable_session_tag_chaining) request["SessionChainingConfig"] = {{"EnableSessionTagChaining", true}};
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
  AddApiMembers(spec, request);
  // The parser has refused any member both set, so nothing is lost here.
  MergeExtraRequestFields(request, spec.extra_request_fields);
  return request;
}

}  // namespace sagetrain
