#include "training/step_outputs.h"

#include "aws/core/partition.h"
#include "kfp/atomic_file.h"
#include "kfp/executor_output.h"
#include "kfp/pipeline_metrics.h"
#include "kfp/ui_metadata.h"

#include <tuple>

namespace sagetrain {
namespace {

Status WriteIfRequested(const std::string& path, const std::string& content, const char* what) {
  if (path.empty()) return OkStatus();
  Status written = WriteFileAtomically(path, content);
  return written.ok() ? written : written.WithContext(std::string("output ") + what);
}

std::vector<NamedMetric> NamedMetrics(const TrainingJobDescription& description) {
  std::vector<NamedMetric> metrics;
  for (const auto& metric : description.final_metrics) metrics.push_back({metric.name, metric.value});
  return metrics;
}

// A completed job always reports its times; 0 stands for one the service left out.
std::string SecondsText(const std::optional<long long>& seconds) { return std::to_string(seconds.value_or(0)); }

Status WriteExecutorOutput(const nlohmann::json& executor_input, const TrainingJobDescription& description,
                           const std::string& training_image, const std::string& region) {
  auto file = ExecutorOutputFile(executor_input);
  if (!file.ok()) return file.status().WithContext("output executor_input");
  CompletedTrainingJob job{description.model_artifact, PartitionForRegion(region).dns_suffix,
                           region,  description.job_name, description.job_arn, training_image,
                           NamedMetrics(description)};
  return WriteIfRequested(*file, ExecutorOutputJson(executor_input, job).dump(2), "executor_output");
}

}  // namespace

std::string StatusText(const TrainingJobDescription& description) {
  if (description.secondary_status.empty() || description.secondary_status == description.status) {
    return description.status;
  }
  return description.status + " (" + description.secondary_status + ")";
}

StatusOr<std::string> ResolveTrainingImage(SageMakerConnection& sagemaker,
                                           const TrainingJobDescription& description,
                                           const std::string& algorithm_name) {
  if (!description.training_image.empty()) return description.training_image;
  const std::string algorithm = !algorithm_name.empty() ? algorithm_name : description.algorithm_name;
  if (algorithm.empty()) {
    return Status(StatusCode::kInternal, "the job names neither a training image nor an algorithm");
  }
  auto answer = sagemaker.DescribeAlgorithm(algorithm);
  if (!answer.ok()) return answer.status().WithContext("DescribeAlgorithm " + algorithm);
  const auto spec = answer->find("TrainingSpecification");
  if (spec == answer->end() || !spec->is_object() || !spec->contains("TrainingImage") ||
      !(*spec)["TrainingImage"].is_string()) {
    return Status(StatusCode::kInternal,
                  "DescribeAlgorithm " + algorithm + " has no TrainingSpecification.TrainingImage");
  }
  return (*spec)["TrainingImage"].get<std::string>();
}

Status WriteSuccessOutputs(const OutputPaths& paths, const TrainingJobDescription& description,
                           const std::string& training_image, const std::string& region) {
  const std::string final_metrics =
      paths.final_metrics.empty() ? "" : FinalMetricsObject(NamedMetrics(description)).dump();
  const std::string answer = paths.job_description.empty() ? "" : description.answer.dump(2);
  for (const auto& [path, content, what] :
       {std::tuple{paths.model_artifact_url, description.model_artifact, "model_artifact_url"},
        std::tuple{paths.job_name, description.job_name, "job_name"},
        std::tuple{paths.training_image, training_image, "training_image"},
        std::tuple{paths.job_arn, description.job_arn, "job_arn"},
        std::tuple{paths.training_seconds, SecondsText(description.training_seconds), "training_seconds"},
        std::tuple{paths.billable_seconds, SecondsText(description.billable_seconds), "billable_seconds"},
        std::tuple{paths.final_metrics, final_metrics, "final_metrics"},
        std::tuple{paths.job_description, answer, "job_description"}}) {
    if (Status written = WriteIfRequested(path, content, what); !written.ok()) return written;
  }
  if (paths.executor_input.is_null()) return OkStatus();
  return WriteExecutorOutput(paths.executor_input, description, training_image, region);
}

Status WriteKfpUiOutputs(const OutputPaths& paths, const TrainingJobDescription& description,
                         const std::string& region, const std::vector<std::string>& log_streams,
                         const std::string& curves_html) {
  if (!paths.ui_metadata.empty()) {
    TrainingJobReport report;
    report.job_name = description.job_name;
    report.region = region;
    report.console_host = PartitionForRegion(region).console_host;
    report.status = StatusText(description);
    report.failure_reason = description.failure_reason;
    report.training_seconds = description.training_seconds;
    report.billable_seconds = description.billable_seconds;
    if (description.status == "Completed") report.model_artifact = description.model_artifact;
    report.log_streams = log_streams;
    report.curves_html = curves_html;
    report.tensorboard_output = description.tensorboard_output;
    Status written = WriteIfRequested(paths.ui_metadata, UiMetadataJson(report).dump(2), "ui_metadata");
    if (!written.ok()) return written;
  }
  if (!paths.metrics.empty()) {
    return WriteIfRequested(paths.metrics, PipelineMetricsJson(NamedMetrics(description)).dump(2), "metrics");
  }
  return OkStatus();
}

Status WriteCurvesOutput(const OutputPaths& paths, const std::string& curves_html) {
  return WriteIfRequested(paths.curves, curves_html, "curves");
}

}  // namespace sagetrain
