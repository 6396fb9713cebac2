#pragma once
// The KFP v1 `mlpipeline-ui-metadata` artifact for a training step: one inline markdown output with
// the job's final status, times, artifact, and links to the job in the SageMaker console and to its
// CloudWatch logs, for the job's region and partition. Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sagetrain {

struct TrainingJobReport {
  std::string job_name;
  std::string region;
  std::string console_host;  // the partition's, e.g. "console.aws.amazon.com"; "" means no links
  std::string status;        // e.g. "Completed", "Failed (MaxRuntimeExceeded)"
  std::string failure_reason;
  std::optional<long long> training_seconds;
  std::optional<long long> billable_seconds;
  std::string model_artifact;
  std::vector<std::string> log_streams;  // "<job>/algo-1-1700000000"
  std::string curves_html;  // the training curves page; "" = no web-app output
  std::string tensorboard_output;        // TensorBoardOutputConfig.S3OutputPath; "" = no TensorBoard entry
};

// https://<region>.console.aws.amazon.com/sagemaker/home?region=<region>#/jobs/<job> for the commercial
// partition; https://<console_host>/... elsewhere. "" when console_host is "".
std::string TrainingJobConsoleUrl(const std::string& console_host, const std::string& region,
                                  const std::string& job_name);
// The CloudWatch console filtered to the job's streams (all instances).
std::string TrainingJobLogsUrl(const std::string& console_host, const std::string& region,
                               const std::string& job_name);
// The CloudWatch console on one stream.
std::string LogStreamUrl(const std::string& console_host, const std::string& region,
                         const std::string& stream_name);

std::string TrainingJobMarkdown(const TrainingJobReport& report);

// {"outputs":[{"type":"markdown","storage":"inline","source":<markdown>}]}, followed by
// {"type":"web-app","storage":"inline","source":<curves_html>} when the report has curves, and
// {"type":"tensorboard","source":<S3 path>} when the job writes TensorBoard data.
nlohmann::json UiMetadataJson(const TrainingJobReport& report);

}  // namespace sagetrain
