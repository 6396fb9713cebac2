#include "cli/arguments.h"

#include <array>

namespace sagetrain {
namespace {

constexpr std::string_view kBool = "True/False (any case), true/false, 1/0, yes/no";

constexpr std::array<ArgumentInfo, 44> kArguments{{
    {"region", "String", "", true, "The region where the training job launches", "an AWS region, e.g. us-east-1", ""},
    {"endpoint_url", "String", "", false, "The endpoint URL for the private link VPC endpoint (SageMaker API)",
     "http(s):// URL", ""},
    {"assume_role", "String", "", false, "The ARN of an IAM role to assume when connecting to SageMaker",
     "IAM role ARN", ""},
    {"job_name", "String", "", false,
     "The name of the training job, unique within the account and region; when not set, "
     "TrainingJob-YYYYMMDDHHMMSS-XXXX (UTC, 4 random characters)",
     "1-63 letters, digits and hyphens; starts and ends with a letter or digit", ""},
    {"role", "String", "", true,
     "The ARN of the IAM role that SageMaker assumes to perform tasks on your behalf", "IAM role ARN", ""},
    {"image", "String", "", false,
     "The registry path of the Docker image that contains the training algorithm (exclusive with "
     "algorithm_name)",
     "up to 255 characters", ""},
    {"algorithm_name", "String", "", false,
     "A built-in algorithm name (resolved to its regional ECR image), or the name/ARN of an algorithm "
     "resource (exclusive with image)",
     "a built-in name (see below), xgboost:<version>, or an algorithm name/ARN", ""},
    {"metric_definitions", "JsonObject", "{}", false,
     "The dictionary of name-regex pairs specifying the metrics that the algorithm emits",
     "JSON object {name: regex}, up to 40", ""},
    {"training_input_mode", "String", "File", false, "The input mode that the algorithm supports",
     "File, Pipe, FastFile", ""},
    {"hyperparameters", "JsonObject", "{}", false,
     "Hyperparameters for the selected algorithm (numbers and booleans are sent as their JSON text)",
     "JSON object of strings, numbers or booleans, up to 100", ""},
    {"channels", "JsonArray", "", true, "A list of dicts specifying the input channels (at least one)",
     "JSON list of SageMaker Channel objects, 1 to 20", ""},
    {"instance_type", "String", "ml.m4.xlarge", false, "The ML compute instance type",
     "a SageMaker training instance type", ""},
    {"instance_count", "Integer", "1", false, "The number of ML compute instances to use", ">= 1", ""},
    {"volume_size", "Integer", "30", false, "The size of the ML storage volume, in GB", ">= 1", ""},
    {"resource_encryption_key", "String", "", false,
     "The AWS KMS key that SageMaker uses to encrypt data on the storage volume", "KMS key id, ARN or alias", ""},
    {"max_run_time", "Integer", "86400", false, "The maximum run time in seconds of the training job",
     "1 to 2419200 (28 days)", ""},
    {"model_artifact_path", "String", "", true, "The S3 path where SageMaker stores the model artifacts",
     "s3:// or https:// URI", ""},
    {"output_encryption_key", "String", "", false,
     "The AWS KMS key that SageMaker uses to encrypt the model artifacts", "KMS key id, ARN or alias", ""},
    {"vpc_security_group_ids", "String", "", false,
     "A comma-delimited list of security group IDs, in the form sg-xxxxxxxx (with vpc_subnets)",
     "1 to 5 ids", ""},
    {"vpc_subnets", "String", "", false,
     "A comma-delimited list of subnet IDs in the VPC (with vpc_security_group_ids)", "1 to 16 ids", ""},
    {"network_isolation", "Boolean", "True", false, "Isolates the training container if true", kBool, ""},
    {"traffic_encryption", "Boolean", "False", false,
     "Encrypts all communications between ML compute instances in distributed training if true", kBool, ""},
    {"spot_instance", "Boolean", "False", false,
     "Use managed spot training if true (needs checkpoint_config.S3Uri)", kBool, ""},
    {"max_wait_time", "Integer", "86400", false,
     "The maximum time in seconds to wait for a managed spot training job to complete (with spot only)",
     ">= max_run_time", ""},
    {"checkpoint_config", "JsonObject", "{}", false,
     "Where training checkpoints are stored: {\"S3Uri\": ..., \"LocalPath\": ...}", "JSON object", ""},
    {"debug_hook_config", "JsonObject", "{}", false, "The SageMaker Debugger hook configuration (DebugHookConfig)",
     "JSON object", ""},
    {"debug_rule_config", "JsonArray", "[]", false,
     "The SageMaker Debugger rules (list of DebugRuleConfiguration)", "JSON list, up to 20", ""},
    {"tags", "JsonObject", "{}", false, "Key-value pairs to categorize AWS resources",
     "JSON object {key: value} of strings, up to 50", ""},
    {"environment", "JsonObject", "{}", false, "Environment variables set in the training container",
     "JSON object {NAME: value} of strings, up to 100", ""},
    {"poll_interval", "Float", "30", false, "Seconds between two DescribeTrainingJob calls",
     "a number > 0 and <= 3600", ""},
    {"stop_timeout", "Float", "25", false,
     "Seconds to keep following a job after stopping it on SIGTERM/SIGINT before exiting",
     "a number >= 0 and <= 86400", ""},
    {"dry_run", "Boolean", "False", false,
     "Print the CreateTrainingJob request as JSON and exit (no credentials, no network)", kBool, ""},
    {"verbose", "Boolean", "False", false, "Log every AWS call (never credentials)", kBool, ""},
    {"model_artifact_url_output_path", "", "", false, "File to write the model artifact S3 URL to", "", "model_artifact_url"},
    {"job_name_output_path", "", "", false, "File to write the training job name to", "", "job_name"},
    {"training_image_output_path", "", "", false, "File to write the training image to", "", "training_image"},
    {"ui_metadata_output_path", "", "", false, "File to write the KFP UI metadata (console and log links) to", "",
     "MLPipeline UI metadata"},
    {"metrics_output_path", "", "", false, "File to write the KFP metrics (final metric values) to", "",
     "MLPipeline Metrics"},
    {"job_arn_output_path", "", "", false, "File to write the training job ARN to", "", "job_arn"},
    {"training_seconds_output_path", "", "", false, "File to write the job's TrainingTimeInSeconds to", "",
     "training_seconds"},
    {"billable_seconds_output_path", "", "", false, "File to write the job's BillableTimeInSeconds to", "",
     "billable_seconds"},
    {"final_metrics_output_path", "", "", false, "File to write the final metrics to, as a JSON object {name: value}",
     "", "final_metrics"},
    {"job_description_output_path", "", "", false, "File to write the DescribeTrainingJob answer to, as JSON", "",
     "job_description"},
    {"executor_input", "", "", false,
     "KFP 2 only: the executor input ({{$}}); the model and metrics artifacts are reported to its "
     "outputs.outputFile",
     "the JSON KFP 2 passes as {{$}}", ""},
}};

}  // namespace

std::span<const ArgumentInfo> ProgramArguments() { return kArguments; }

nlohmann::json ArgumentsAsJson() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& argument : kArguments) {
    out.push_back({{"name", argument.name},
                   {"type", argument.kfp_type},
                   {"default", argument.default_value},
                   {"required", argument.required},
                   {"description", argument.description},
                   {"accepted", argument.accepted},
                   {"output", argument.output}});
  }
  return out;
}

}  // namespace sagetrain
