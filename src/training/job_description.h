#pragma once
// A typed view of a DescribeTrainingJob answer: the fields the follower, the summary and the outputs
// use. Parsing is pure and lenient about optional members (absent -> empty/nullopt); only a missing
// TrainingJobName or TrainingJobStatus is an error. Values; not synchronised.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/status.h"

namespace sagetrain {

struct StatusTransition {
  std::string status;   // a SecondaryStatus, e.g. "Downloading"
  WallTime start_time;
  std::optional<WallTime> end_time;
  std::string message;  // StatusMessage; may be ""
};

struct FinalMetric {
  std::string name;
  double value = 0;
};

struct RuleEvaluation {
  std::string rule_name;  // RuleConfigurationName
  std::string status;     // InProgress, NoIssuesFound, IssuesFound, Error, Stopping, Stopped
  std::string details;    // StatusDetails; may be ""
  std::string kind = "debugger";  // "debugger" (DebugRuleEvaluationStatuses) or "profiler"
};

struct TrainingJobDescription {
  std::string job_name;
  std::string job_arn;
  std::string status;            // TrainingJobStatus: InProgress, Completed, Failed, Stopping, Stopped
  std::string secondary_status;  // e.g. "Training", "MaxRuntimeExceeded"
  std::string failure_reason;
  std::string model_artifact;    // ModelArtifacts.S3ModelArtifacts; "" until known
  std::string training_image;    // AlgorithmSpecification.TrainingImage; "" when an algorithm is used
  std::string algorithm_name;    // AlgorithmSpecification.AlgorithmName; "" when an image is used
  int instance_count = 0;        // ResourceConfig.InstanceCount, or its InstanceGroups' sum; 0 when absent
  bool managed_spot = false;     // EnableManagedSpotTraining
  std::optional<WallTime> creation_time;
  std::optional<long long> training_seconds;  // TrainingTimeInSeconds
  std::optional<long long> billable_seconds;  // BillableTimeInSeconds
  std::vector<StatusTransition> transitions;
  std::vector<FinalMetric> final_metrics;
  std::string tensorboard_output;  // TensorBoardOutputConfig.S3OutputPath; "" when not configured
  std::string warm_pool_status;    // WarmPoolStatus.Status (Available, Terminated, Reused, InUse); "" = none
  std::optional<long long> warm_pool_retained_seconds;  // WarmPoolStatus.ResourceRetainedBillableTimeInSeconds
  std::vector<RuleEvaluation> rule_evaluations;  // Debug- then ProfilerRuleEvaluationStatuses
  nlohmann::json answer;  // the whole DescribeTrainingJob answer this was parsed from
};

StatusOr<TrainingJobDescription> ParseTrainingJobDescription(const nlohmann::json& answer);

// Completed, Failed or Stopped: the job will not change any more (rules may still be evaluated).
bool IsTerminalJobStatus(const std::string& status);

// Restarts in the job's whole history (spot interruptions, RetryStrategy restarts): each
// Interrupted/Restarting episode (one or both statuses in a row) starts one more attempt, whose
// instances write new log streams.
int RestartsIn(const std::vector<StatusTransition>& transitions);

// InProgress and Stopping are the only rule statuses that may still change.
bool IsFinalRuleStatus(const std::string& status);

// True when every debugger and profiler rule evaluation has reached a final status (vacuously true when none).
bool AllRulesFinal(const TrainingJobDescription& description);

}  // namespace sagetrain
