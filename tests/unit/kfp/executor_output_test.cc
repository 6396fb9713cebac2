// The KFP 2 executor contract: where the ExecutorOutput goes, the model's HTTPS URL, and the
// ExecutorOutput itself (golden), with only the artifacts the executor input declares.
#include <cmath>
#include <limits>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kfp/executor_output.h"

namespace sagetrain {
namespace {

using nlohmann::json;

// The shape KFP 2's launcher passes as {{$}} for component-kfp2.yaml (trimmed to what matters).
json ExecutorInput(json artifacts) {
  return {{"inputs", {{"parameterValues", {{"region", "us-east-1"}}}}},
          {"outputs",
           {{"artifacts", std::move(artifacts)},
            {"parameters", {{"job_arn", {{"outputFile", "/tmp/kfp/outputs/job_arn/data"}}}}},
            {"outputFile", "/tmp/kfp_outputs/output_metadata.json"}}}};
}

json DeclaredArtifact(const char* schema, const char* uri) {
  return {{"artifacts", json::array({{{"name", "a"}, {"type", {{"schemaTitle", schema}}}, {"uri", uri}}})}};
}

CompletedTrainingJob Job() {
  return {"s3://my-bucket/out/job-1/output/model.tar.gz",
          "amazonaws.com",
          "eu-west-1",
          "job-1",
          "arn:aws:sagemaker:eu-west-1:123456789012:training-job/job-1",
          "438346466558.dkr.ecr.eu-west-1.amazonaws.com/kmeans:1",
          {{"train:msd", 1.5}, {"test:ssd", 0.25}}};
}

TEST(ExecutorOutputTest, OutputFileIsTheExecutorInputsOutputFile) {
  EXPECT_EQ(*ExecutorOutputFile(ExecutorInput(json::object())), "/tmp/kfp_outputs/output_metadata.json");
  for (const json& bad : {json::array(), json::object(), json{{"outputs", json::object()}},
                          json{{"outputs", {{"outputFile", ""}}}}, json{{"outputs", {{"outputFile", 3}}}}}) {
    auto file = ExecutorOutputFile(bad);
    ASSERT_FALSE(file.ok()) << bad;
    EXPECT_EQ(file.status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(ExecutorOutputTest, S3UrisBecomeTheirRegionalHttpsUrls) {
  const std::vector<std::tuple<std::string, std::string, std::string, std::string>> cases = {
      {"s3://b/k/model.tar.gz", "us-east-1", "amazonaws.com", "https://b.s3.us-east-1.amazonaws.com/k/model.tar.gz"},
      {"s3://b/a key/ü+x", "us-east-1", "amazonaws.com", "https://b.s3.us-east-1.amazonaws.com/a%20key/%C3%BC%2Bx"},
      {"s3://my.bucket/k", "eu-west-1", "amazonaws.com", "https://s3.eu-west-1.amazonaws.com/my.bucket/k"},
      {"s3://b/k", "cn-north-1", "amazonaws.com.cn", "https://b.s3.cn-north-1.amazonaws.com.cn/k"},
      {"s3://b", "us-east-1", "amazonaws.com", "https://b.s3.us-east-1.amazonaws.com/"},
      {"https://b.s3.amazonaws.com/k", "us-east-1", "amazonaws.com", "https://b.s3.amazonaws.com/k"},
  };
  for (const auto& [uri, region, suffix, expected] : cases) EXPECT_EQ(S3HttpsUrl(uri, region, suffix), expected) << uri;
}

TEST(ExecutorOutputTest, FinalMetricsObjectKeepsSageMakersNamesAndFiniteValues) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(FinalMetricsObject({{"validation:rmse", 0.5}, {"train:loss", nan}, {"n", 2}, {"n", 3}}),
            json::parse(R"({"validation:rmse": 0.5, "n": 3})"));
  EXPECT_EQ(FinalMetricsObject({}), json::object());
}

TEST(ExecutorOutputTest, ExecutorOutputGolden) {
  const json input = ExecutorInput({{"model", DeclaredArtifact("system.Model", "s3://root/run/model")},
                                    {"metrics", DeclaredArtifact("system.Metrics", "s3://root/run/metrics")}});
  EXPECT_EQ(ExecutorOutputJson(input, Job()), json::parse(R"({"artifacts": {
    "model": {"artifacts": [{
      "uri": "https://my-bucket.s3.eu-west-1.amazonaws.com/out/job-1/output/model.tar.gz",
      "metadata": {"s3_uri": "s3://my-bucket/out/job-1/output/model.tar.gz",
                   "training_job_name": "job-1",
                   "training_job_arn": "arn:aws:sagemaker:eu-west-1:123456789012:training-job/job-1",
                   "region": "eu-west-1",
                   "training_image": "438346466558.dkr.ecr.eu-west-1.amazonaws.com/kmeans:1"}}]},
    "metrics": {"artifacts": [{"metadata": {"train:msd": 1.5, "test:ssd": 0.25}}]}}})"));
}

TEST(ExecutorOutputTest, OnlyDeclaredArtifactsAreWritten) {
  const json only_metrics = ExecutorInput({{"metrics", DeclaredArtifact("system.Metrics", "s3://r/m")}});
  EXPECT_EQ(ExecutorOutputJson(only_metrics, Job())["artifacts"].size(), 1u);
  EXPECT_TRUE(ExecutorOutputJson(only_metrics, Job())["artifacts"].contains("metrics"));
  EXPECT_EQ(ExecutorOutputJson(ExecutorInput(json::object()), Job()), json::parse(R"({"artifacts": {}})"));
}

}  // namespace
}  // namespace sagetrain
