#include "kfp/executor_output.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace sagetrain {
namespace {

using nlohmann::json;

constexpr std::string_view kS3Scheme = "s3://";

bool Unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string EncodeKey(const std::string& key) {
  std::string out;
  for (const char raw : key) {
    const auto c = static_cast<unsigned char>(raw);
    if (Unreserved(c) || c == '/') {
      out += raw;
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

bool Declares(const json& executor_input, const char* artifact) {
  const json& outputs = executor_input.value("outputs", json::object());
  return outputs.is_object() && outputs.contains("artifacts") && outputs["artifacts"].is_object() &&
         outputs["artifacts"].contains(artifact);
}

json OneArtifact(json artifact) { return {{"artifacts", json::array({std::move(artifact)})}}; }

}  // namespace

StatusOr<std::string> ExecutorOutputFile(const json& executor_input) {
  if (!executor_input.is_object()) return Status(StatusCode::kInvalidArgument, "is not a JSON object");
  auto outputs = executor_input.find("outputs");
  if (outputs == executor_input.end() || !outputs->is_object()) {
    return Status(StatusCode::kInvalidArgument, "has no \"outputs\" object (KFP 2 passes it as {{$}})");
  }
  auto file = outputs->find("outputFile");
  if (file == outputs->end() || !file->is_string() || file->get<std::string>().empty()) {
    return Status(StatusCode::kInvalidArgument, "has no \"outputs.outputFile\" (KFP 2 passes it as {{$}})");
  }
  return file->get<std::string>();
}

std::string S3HttpsUrl(const std::string& s3_uri, const std::string& region, const std::string& dns_suffix) {
  if (s3_uri.rfind(kS3Scheme, 0) != 0) return s3_uri;
  const std::string rest = s3_uri.substr(kS3Scheme.size());
  const std::size_t slash = rest.find('/');
  const std::string bucket = rest.substr(0, slash);
  const std::string key = slash == std::string::npos ? "" : rest.substr(slash + 1);
  const std::string host = "s3." + region + "." + dns_suffix;
  if (bucket.find('.') != std::string::npos) return "https://" + host + "/" + bucket + "/" + EncodeKey(key);
  return "https://" + bucket + "." + host + "/" + EncodeKey(key);
}

json FinalMetricsObject(const std::vector<NamedMetric>& metrics) {
  json object = json::object();
  for (const auto& metric : metrics) {
    if (std::isfinite(metric.value)) object[metric.name] = metric.value;
  }
  return object;
}

json ExecutorOutputJson(const json& executor_input, const CompletedTrainingJob& job) {
  json artifacts = json::object();
  if (Declares(executor_input, kModelArtifactOutput)) {
    artifacts[kModelArtifactOutput] = OneArtifact(
        {{"uri", S3HttpsUrl(job.model_s3_uri, job.region, job.s3_dns_suffix)},
         {"metadata",
          {{"s3_uri", job.model_s3_uri},
           {"training_job_name", job.job_name},
           {"training_job_arn", job.job_arn},
           {"region", job.region},
           {"training_image", job.training_image}}}});
  }
  if (Declares(executor_input, kMetricsArtifactOutput)) {
    artifacts[kMetricsArtifactOutput] = OneArtifact({{"metadata", FinalMetricsObject(job.final_metrics)}});
  }
  return {{"artifacts", artifacts}};
}

}  // namespace sagetrain
