#pragma once
// The KFP 2 side of a container component's contract with the launcher. KFP 2 passes the whole
// ExecutorInput as JSON where the component's arguments say `{{$}}`; the component may write an
// ExecutorOutput as JSON to ExecutorInput.outputs.outputFile, and the launcher then takes each output
// artifact's `uri` and `metadata` from it (kubeflow/pipelines backend/src/v2/component/launcher_v2.go,
// mergeRuntimeArtifacts) before recording the artifact in ML Metadata, where the run's metrics, the
// artifact lineage and the next step's `Input[Model]` read them. The launcher parses the file with
// protojson, which rejects unknown fields, so only ExecutorOutput's own members are written.
// Pure; thread-safe.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "kfp/pipeline_metrics.h"

namespace sagetrain {

// The artifact outputs the KFP 2 component definition (component-kfp2.yaml) declares.
inline constexpr char kModelArtifactOutput[] = "model";      // system.Model
inline constexpr char kMetricsArtifactOutput[] = "metrics";  // system.Metrics

// ExecutorInput.outputs.outputFile of `executor_input` (the `{{$}}` JSON text); an error naming what
// is missing when the text is not an ExecutorInput with one.
StatusOr<std::string> ExecutorOutputFile(const nlohmann::json& executor_input);

// What a completed training job hands to KFP 2.
struct CompletedTrainingJob {
  std::string model_s3_uri;    // ModelArtifacts.S3ModelArtifacts, "s3://bucket/key"
  std::string s3_dns_suffix;   // the region's partition, e.g. "amazonaws.com"
  std::string region;
  std::string job_name;
  std::string job_arn;
  std::string training_image;
  std::vector<NamedMetric> final_metrics;  // FinalMetricDataList, as SageMaker names them
};

// "s3://bucket/key" as its HTTPS URL in `region`: virtual-hosted style
// (https://bucket.s3.<region>.<suffix>/key), path style when the bucket name has a dot (TLS
// certificates do not cover it); key characters other than unreserved ones and '/' are
// percent-encoded. Any other text is returned unchanged.
std::string S3HttpsUrl(const std::string& s3_uri, const std::string& region, const std::string& dns_suffix);

// {"metric name": value, ...}: the final metrics under SageMaker's names; non-finite values are left
// out (JSON cannot carry them), a repeated name keeps its last value.
nlohmann::json FinalMetricsObject(const std::vector<NamedMetric>& metrics);

// The ExecutorOutput for a completed job: the `model` artifact's URI is the S3 model's HTTPS URL (an
// s3:// URI outside the pipeline root's bucket makes the launcher fail the step trying to upload to
// it; an https:// URI is recorded as is) and its metadata carries the s3:// URI, the job's name, ARN,
// region and image; the `metrics` artifact's metadata is FinalMetricsObject. Only the artifacts
// `executor_input` declares are written.
nlohmann::json ExecutorOutputJson(const nlohmann::json& executor_input, const CompletedTrainingJob& job);

}  // namespace sagetrain
