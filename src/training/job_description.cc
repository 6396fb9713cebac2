#include "training/job_description.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "common/saturating_cast.h"
#include "training/utc_time.h"

namespace sagetrain {
namespace {

using nlohmann::json;

std::string StringAt(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return (it != object.end() && it->is_string()) ? it->get<std::string>() : "";
}

std::optional<WallTime> TimeAt(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return WallTimeFromEpochSeconds(it->get<double>());
}

std::optional<long long> IntegerAt(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  if (it->is_number_integer()) return it->get<long long>();
  const double value = it->get<double>();
  if (std::isnan(value)) return std::nullopt;
  return SaturatingInt64(value);
}

const json& ArrayAt(const json& object, const char* key) {
  static const json kEmpty = json::array();
  auto it = object.find(key);
  return (it != object.end() && it->is_array()) ? *it : kEmpty;
}

std::vector<StatusTransition> ParseTransitions(const json& answer) {
  std::vector<StatusTransition> transitions;
  for (const auto& item : ArrayAt(answer, "SecondaryStatusTransitions")) {
    if (!item.is_object()) continue;
    StatusTransition transition;
    transition.status = StringAt(item, "Status");
    transition.start_time = TimeAt(item, "StartTime").value_or(WallTime{});
    transition.end_time = TimeAt(item, "EndTime");
    transition.message = StringAt(item, "StatusMessage");
    transitions.push_back(std::move(transition));
  }
  return transitions;
}

std::vector<FinalMetric> ParseMetrics(const json& answer) {
  std::vector<FinalMetric> metrics;
  for (const auto& item : ArrayAt(answer, "FinalMetricDataList")) {
    if (!item.is_object() || !item.contains("MetricName")) continue;
    const auto value = item.find("Value");
    if (value == item.end() || !value->is_number()) continue;
    metrics.push_back({StringAt(item, "MetricName"), value->get<double>()});
  }
  return metrics;
}

std::vector<RuleEvaluation> ParseRules(const json& answer) {
  std::vector<RuleEvaluation> rules;
  for (const char* kind : {"debugger", "profiler"}) {
    const char* member = kind[0] == 'd' ? "DebugRuleEvaluationStatuses" : "ProfilerRuleEvaluationStatuses";
    for (const auto& item : ArrayAt(answer, member)) {
      if (!item.is_object()) continue;
      rules.push_back({StringAt(item, "RuleConfigurationName"), StringAt(item, "RuleEvaluationStatus"),
                       StringAt(item, "StatusDetails"), kind});
    }
  }
  return rules;
}

}  // namespace

StatusOr<TrainingJobDescription> ParseTrainingJobDescription(const json& answer) {
  if (!answer.is_object()) {
    return Status(StatusCode::kInternal, "DescribeTrainingJob answer is not a JSON object");
  }
  TrainingJobDescription description;
  description.job_name = StringAt(answer, "TrainingJobName");
  description.status = StringAt(answer, "TrainingJobStatus");
  if (description.job_name.empty() || description.status.empty()) {
    return Status(StatusCode::kInternal,
                  "DescribeTrainingJob answer lacks TrainingJobName or TrainingJobStatus");
  }
  description.job_arn = StringAt(answer, "TrainingJobArn");
  description.secondary_status = StringAt(answer, "SecondaryStatus");
  description.failure_reason = StringAt(answer, "FailureReason");
  description.model_artifact = StringAt(answer.value("ModelArtifacts", json::object()), "S3ModelArtifacts");
  const json algorithm = answer.value("AlgorithmSpecification", json::object());
  description.training_image = StringAt(algorithm, "TrainingImage");
  description.algorithm_name = StringAt(algorithm, "AlgorithmName");
  const json resources = answer.value("ResourceConfig", json::object());
  long long instances = IntegerAt(resources, "InstanceCount").value_or(0);
  for (const auto& group : ArrayAt(resources, "InstanceGroups")) {
    if (group.is_object()) instances += IntegerAt(group, "InstanceCount").value_or(0);
  }
  description.instance_count =
      static_cast<int>(std::clamp<long long>(instances, 0, std::numeric_limits<int>::max()));
  const auto spot = answer.find("EnableManagedSpotTraining");
  description.managed_spot = spot != answer.end() && spot->is_boolean() && spot->get<bool>();
  description.creation_time = TimeAt(answer, "CreationTime");
  description.training_seconds = IntegerAt(answer, "TrainingTimeInSeconds");
  description.billable_seconds = IntegerAt(answer, "BillableTimeInSeconds");
  description.transitions = ParseTransitions(answer);
  description.final_metrics = ParseMetrics(answer);
  description.rule_evaluations = ParseRules(answer);
  description.tensorboard_output =
      StringAt(answer.value("TensorBoardOutputConfig", json::object()), "S3OutputPath");
  const json warm_pool = answer.value("WarmPoolStatus", json::object());
  description.warm_pool_status = StringAt(warm_pool, "Status");
  description.warm_pool_retained_seconds = IntegerAt(warm_pool, "ResourceRetainedBillableTimeInSeconds");
  description.answer = answer;
  return description;
}

int RestartsIn(const std::vector<StatusTransition>& transitions) {
  int restarts = 0;
  bool in_restart = false;
  for (const auto& transition : transitions) {
    const bool restarting = transition.status == "Restarting" || transition.status == "Interrupted";
    if (restarting && !in_restart) ++restarts;
    in_restart = restarting;
  }
  return restarts;
}

bool IsTerminalJobStatus(const std::string& status) {
  return status == "Completed" || status == "Failed" || status == "Stopped";
}

bool IsFinalRuleStatus(const std::string& status) {
  return status != "InProgress" && status != "Stopping";
}

bool AllRulesFinal(const TrainingJobDescription& description) {
  for (const auto& rule : description.rule_evaluations) {
    if (!IsFinalRuleStatus(rule.status)) return false;
  }
  return true;
}

}  // namespace sagetrain
