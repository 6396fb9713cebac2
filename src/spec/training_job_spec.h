#pragma once
// TrainingJobSpec: one training job as the user asked for it, after validation (DESIGN §2 step 1).
// Every field holds a checked, typed value; "not set" is an empty string / empty container. Defaults
// are not written here: the argument table (arguments.h) holds each one, and the parser fills every
// field from it. The
// CreateTrainingJob request is a pure function of it (create_training_job_request.h); the runner
// reads the connection, polling and output fields. A plain value; not synchronised.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace sagetrain {

struct TrainingJobSpec {
  // --- Connection.
  std::string region;        // required, e.g. "us-east-1"
  std::string endpoint_url;  // SageMaker endpoint override; "" = the regional endpoint
  std::string assume_role;   // IAM role ARN to assume on top of the credential chain; "" = none

  // --- The job (CreateTrainingJob).
  std::string job_name;  // given, or the default TrainingJob-YYYYMMDDHHMMSS-XXXX
  std::string role;      // RoleArn
  std::string image;     // --image as given; "" when algorithm_name was given
  std::string algorithm_name;  // --algorithm_name as given (trimmed); "" when image was given
  // The TrainingImage sent: the image given, or the ECR image of a built-in algorithm_name; "" when
  // algorithm_name is sent as AlgorithmName (the runner then asks DescribeAlgorithm).
  std::string training_image_resolved;
  std::vector<std::pair<std::string, std::string>> metric_definitions;  // (Name, Regex), in the order given
  std::string training_input_mode;                                       // Pipe, File or FastFile
  std::map<std::string, std::string> hyperparameters;                     // all values as strings
  nlohmann::json channels = nlohmann::json::array();  // InputDataConfig, validated against the model
  std::string instance_type;  // "" with instance_groups
  int instance_count = 0;  // with instance_groups, their sum
  int volume_size = 0;                  // GB
  std::string resource_encryption_key;  // VolumeKmsKeyId; "" = omitted
  int max_run_time = 0;                 // seconds, 1..2419200
  std::string model_artifact_path;      // OutputDataConfig.S3OutputPath
  std::string output_encryption_key;    // OutputDataConfig.KmsKeyId; "" = omitted
  std::vector<std::string> vpc_security_group_ids;  // both empty or both non-empty
  std::vector<std::string> vpc_subnets;
  bool network_isolation = false;
  bool traffic_encryption = false;
  bool spot_instance = false;
  int max_wait_time = 0;  // seconds; sent only with spot_instance
  nlohmann::json checkpoint_config = nlohmann::json::object();   // {} = not set
  nlohmann::json debug_hook_config = nlohmann::json::object();   // {} = not set
  nlohmann::json debug_rule_config = nlohmann::json::array();    // [] = not set
  std::vector<std::pair<std::string, std::string>> tags;        // (Key, Value), in the order given
  std::map<std::string, std::string> environment;                // Environment; {} = omitted
  // The rest of the API (api_arguments.h); nullopt / "" / empty / false = the member is omitted.
  std::optional<int> max_retry_attempts;            // RetryStrategy.MaximumRetryAttempts
  std::optional<int> keep_alive_period_in_seconds;  // ResourceConfig.KeepAlivePeriodInSeconds
  nlohmann::json instance_groups = nlohmann::json::array();  // ResourceConfig.InstanceGroups
  std::string training_plan;                        // ResourceConfig.TrainingPlanArn
  std::optional<int> max_pending_time;              // StoppingCondition.MaxPendingTimeInSeconds
  nlohmann::json container_entry_point = nlohmann::json::array();  // AlgorithmSpecification.ContainerEntrypoint
  nlohmann::json container_arguments = nlohmann::json::array();    // AlgorithmSpecification.ContainerArguments
  std::string training_repository_access_mode;                // TrainingImageConfig
  std::string training_repository_credentials_provider_arn;   // TrainingImageConfig.TrainingRepositoryAuthConfig
  bool disable_output_compression = false;  // OutputDataConfig.CompressionType NONE
  bool enable_sagemaker_metrics = false;    // AlgorithmSpecification.EnableSageMakerMetricsTimeSeries
  nlohmann::json tensorboard_output_config = nlohmann::json::object();  // TensorBoardOutputConfig
  nlohmann::json profiler_config = nlohmann::json::object();            // ProfilerConfig
  nlohmann::json profiler_rule_config = nlohmann::json::array();        // ProfilerRuleConfigurations
  nlohmann::json experiment_config = nlohmann::json::object();          // ExperimentConfig
  bool enable_infra_check = false;           // InfraCheckConfig
  bool enable_remote_debug = false;          // RemoteDebugConfig
  bool enable_session_tag_chaining = false;  // SessionChainingConfig
  // Any other members, merged in last (extra_request_fields.h); {} = none.
  nlohmann::json extra_request_fields = nlohmann::json::object();

  // --- How the program runs.
  double poll_interval_seconds = 0;  // DescribeTrainingJob period; > 0, fractional allowed
  // How long to keep following a job after StopTrainingJob on SIGTERM/SIGINT before exiting anyway.
  // The default fits inside Kubernetes' default 30 s termination grace period, so the step exits on
  // its own (143/130) before the kubelet's SIGKILL; StopTrainingJob has been sent by then and
  // SageMaker finishes stopping the job whether or not anyone follows. Raise it together with the
  // pod's terminationGracePeriodSeconds to see the final Stopped status in the log.
  double stop_timeout_seconds = 0;
  bool dry_run = false;  // print the request and exit; no credentials, no network
  bool verbose = false;  // log each AWS call (never secrets)
  bool fail_on_rule_issues = false;  // a debugger or profiler rule ending IssuesFound fails the step
  bool attach_only = false;          // no CreateTrainingJob: follow the existing job_name
  // Things worth saying that do not stop the run (e.g. an instance type newer than this build).
  std::vector<std::string> warnings;

  // --- Output files; "" = not written.
  std::string model_artifact_url_output_path;
  std::string job_name_output_path;
  std::string training_image_output_path;
  std::string ui_metadata_output_path;  // mlpipeline-ui-metadata JSON
  std::string metrics_output_path;      // mlpipeline-metrics JSON
  std::string curves_output_path;       // training curves HTML page
  std::string job_arn_output_path;
  std::string training_seconds_output_path;
  std::string billable_seconds_output_path;
  std::string final_metrics_output_path;    // {name: value} JSON
  std::string job_description_output_path;  // DescribeTrainingJob's answer, JSON
  nlohmann::json executor_input;            // KFP 2's {{$}}; null when not given
};

}  // namespace sagetrain
