#include "training/job_summary.h"

#include <cstdio>

namespace sagetrain {
namespace {

std::string FormatNumber(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.10g", value);
  return buffer;
}

std::string FailureReasonLine(const TrainingJobDescription& description) {
  if (!description.failure_reason.empty()) return "failure reason: " + description.failure_reason;
  if (description.secondary_status == "MaxRuntimeExceeded") {
    return "failure reason: the job ran longer than its max_run_time (MaxRuntimeExceeded)";
  }
  if (description.secondary_status == "MaxWaitTimeExceeded") {
    return "failure reason: the spot job waited longer than its max_wait_time (MaxWaitTimeExceeded)";
  }
  return "";
}

std::string RuleLine(const RuleEvaluation& rule, bool fail_on_rule_issues) {
  std::string line = rule.kind + " rule " + rule.rule_name + ": " + rule.status;
  if (!rule.details.empty()) line += " - " + rule.details;
  if (rule.status == "Error") line += " (fails the step)";
  if (rule.status == "IssuesFound") {
    line += fail_on_rule_issues ? " (fails the step: fail_on_rule_issues)" : " (reported only; the step still succeeds)";
  }
  return line;
}

std::string ExitLine(int exit_code) {
  std::string meaning;
  switch (exit_code) {
    case step_exit::kCompleted: meaning = "success"; break;
    case step_exit::kJobFailed: meaning = "the job did not complete successfully"; break;
    case step_exit::kAwsError: meaning = "an AWS error ended the step"; break;
    case step_exit::kOutputError: meaning = "the job completed, but its outputs could not be written"; break;
    default: meaning = "interrupted by signal " + std::to_string(exit_code - 128); break;
  }
  return "exit code " + std::to_string(exit_code) + ": " + meaning;
}

}  // namespace

bool HasRuleError(const TrainingJobDescription& description) {
  for (const auto& rule : description.rule_evaluations) {
    if (rule.status == "Error") return true;
  }
  return false;
}

int ExitCodeForFinishedJob(const TrainingJobDescription& description, bool fail_on_rule_issues) {
  bool rule_fails = HasRuleError(description);
  for (const auto& rule : description.rule_evaluations) {
    rule_fails = rule_fails || (fail_on_rule_issues && rule.status == "IssuesFound");
  }
  return description.status == "Completed" && !rule_fails ? step_exit::kCompleted : step_exit::kJobFailed;
}

double SpotSavingsPercent(const TrainingJobDescription& description) {
  if (!description.managed_spot || !description.training_seconds || !description.billable_seconds ||
      *description.training_seconds <= 0) {
    return -1;
  }
  return 100.0 * (1.0 - static_cast<double>(*description.billable_seconds) /
                            static_cast<double>(*description.training_seconds));
}

std::vector<std::string> SummaryLines(const TrainingJobDescription& description, int exit_code,
                                      bool fail_on_rule_issues) {
  std::vector<std::string> lines;
  std::string status = "training job " + description.job_name + ": " + description.status;
  if (!description.secondary_status.empty() && description.secondary_status != description.status) {
    status += " (" + description.secondary_status + ")";
  }
  lines.push_back(status);
  if (auto reason = FailureReasonLine(description); !reason.empty()) lines.push_back(reason);
  auto seconds = [](const std::optional<long long>& value) {
    return value ? std::to_string(*value) + " s" : std::string("unknown");
  };
  lines.push_back("training time: " + seconds(description.training_seconds) +
                  ", billable time: " + seconds(description.billable_seconds));
  if (const double savings = SpotSavingsPercent(description); savings >= 0) {
    char buffer[96];
    std::snprintf(buffer, sizeof(buffer), "managed spot savings: %.1f%%", savings);
    lines.emplace_back(buffer);
  }
  if (description.status == "Completed" && !description.model_artifact.empty()) {
    lines.push_back("model artifact: " + description.model_artifact);
  }
  if (!description.warm_pool_status.empty()) {
    std::string line = "warm pool: " + description.warm_pool_status;
    if (description.warm_pool_retained_seconds) {
      line += ", retained billable time " + std::to_string(*description.warm_pool_retained_seconds) + " s";
    }
    lines.push_back(line);
  }
  if (const int restarts = RestartsIn(description.transitions); restarts > 0) {
    lines.push_back("restarts: " + std::to_string(restarts) + " (attempt " + std::to_string(restarts + 1) +
                    " ran last; spot interruptions or RetryStrategy)");
  }
  for (const auto& metric : description.final_metrics) {
    lines.push_back("final metric " + metric.name + " = " + FormatNumber(metric.value));
  }
  for (const auto& rule : description.rule_evaluations) lines.push_back(RuleLine(rule, fail_on_rule_issues));
  lines.push_back(ExitLine(exit_code));
  return lines;
}

}  // namespace sagetrain
