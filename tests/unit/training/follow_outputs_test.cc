// What a finished step leaves behind: the outputs (only on success, atomically), the KFP UI files,
// the training image read back for algorithm resources, and the summary a person reads last.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "training/follow_harness.h"
#include "training/job_summary.h"

namespace sagetrain::testing {
namespace {

using std::chrono::minutes;
namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "follow-outputs-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  std::vector<std::string> Files() const {
    std::vector<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(path_)) {
      if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), path_).string());
    }
    std::sort(files.begin(), files.end());
    return files;
  }

 private:
  fs::path path_;
};

std::string Read(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void RequestAllOutputs(FollowHarness& harness, const TempDir& dir) {
  harness.options.outputs.model_artifact_url = dir / "out/model_artifact_url/data";
  harness.options.outputs.job_name = dir / "out/job_name/data";
  harness.options.outputs.training_image = dir / "out/training_image/data";
  harness.options.outputs.ui_metadata = dir / "ui/mlpipeline-ui-metadata.json";
  harness.options.outputs.metrics = dir / "metrics/mlpipeline-metrics.json";
}

TEST(FollowOutputsTest, SuccessWritesEveryOutputInNewFolders) {
  TempDir dir;
  FollowHarness harness;
  RequestAllOutputs(harness, dir);
  ScriptSimpleJob(harness.sagemaker, minutes(10));
  auto done = JobJson("job", "Completed", "Completed");
  done["FinalMetricDataList"] = {{{"MetricName", "validation:rmse"}, {"Value", 0.25}, {"Timestamp", 1.7e9}}};
  harness.sagemaker.At(minutes(10), done);

  ASSERT_EQ(harness.Run(), 0);
  EXPECT_EQ(Read(dir / "out/model_artifact_url/data"), "s3://bucket/out/job/output/model.tar.gz");
  EXPECT_EQ(Read(dir / "out/job_name/data"), "job");
  EXPECT_EQ(Read(dir / "out/training_image/data"), "123.dkr.ecr.us-east-1.amazonaws.com/img:1");
  EXPECT_EQ(nlohmann::json::parse(Read(dir / "metrics/mlpipeline-metrics.json")),
            nlohmann::json::parse(R"({"metrics":[{"name":"validation-rmse","numberValue":0.25,"format":"RAW"}]})"));
  const auto ui = nlohmann::json::parse(Read(dir / "ui/mlpipeline-ui-metadata.json"));
  EXPECT_EQ(ui["outputs"][0]["type"], "markdown");
  // No temporary file is left beside the outputs.
  EXPECT_EQ(dir.Files(), (std::vector<std::string>{"metrics/mlpipeline-metrics.json", "out/job_name/data",
                                                   "out/model_artifact_url/data", "out/training_image/data",
                                                   "ui/mlpipeline-ui-metadata.json"}));
}

TEST(FollowOutputsTest, FailureWritesNoOutputsButTheUiFiles) {
  TempDir dir;
  FollowHarness harness;
  RequestAllOutputs(harness, dir);
  ScriptSimpleJob(harness.sagemaker, minutes(10), "Failed", "Failed");

  ASSERT_EQ(harness.Run(), 1);
  EXPECT_EQ(dir.Files(), (std::vector<std::string>{"metrics/mlpipeline-metrics.json", "ui/mlpipeline-ui-metadata.json"}));
}

TEST(FollowOutputsTest, RuleErrorWritesNoOutputs) {
  TempDir dir;
  FollowHarness harness;
  harness.options.outputs.model_artifact_url = dir / "model_artifact_url";
  auto done = JobJson("job", "Completed", "Completed");
  done["DebugRuleEvaluationStatuses"] = {{{"RuleConfigurationName", "Overfit"}, {"RuleEvaluationStatus", "Error"}}};
  harness.sagemaker.At(Duration(0), done);

  ASSERT_EQ(harness.Run(), 1);
  EXPECT_TRUE(dir.Files().empty());
}

TEST(FollowOutputsTest, RerunOfACompletedStepWritesTheOutputsAgain) {
  TempDir dir;
  for (int run = 0; run < 2; ++run) {
    FollowHarness harness;
    harness.options.outputs.job_name = dir / "job_name";
    const auto described = JobJson("job", "Completed", "Completed");
    for (const char* field : {"AlgorithmSpecification", "ResourceConfig", "StoppingCondition"}) {
      harness.request[field] = described[field];
    }
    harness.sagemaker.create_answers.push_back(run == 0 ? StatusOr<nlohmann::json>(nlohmann::json::object())
                                                        : StatusOr<nlohmann::json>(AwsError("ResourceInUse")));
    harness.sagemaker.At(Duration(0), JobJson("job", "Completed", "Completed"));
    ASSERT_EQ(harness.Run(), 0) << "run " << run;
    EXPECT_EQ(Read(dir / "job_name"), "job");
  }
}

TEST(FollowOutputsTest, AlgorithmResourceImageComesFromDescribeAlgorithm) {
  TempDir dir;
  FollowHarness harness;
  harness.options.algorithm_name = "my-algo";
  harness.options.outputs.training_image = dir / "training_image";
  auto done = JobJson("job", "Completed", "Completed");
  done["AlgorithmSpecification"] = {{"AlgorithmName", "my-algo"}, {"TrainingInputMode", "File"}};
  harness.sagemaker.At(Duration(0), done);
  harness.sagemaker.algorithms["my-algo"] = {
      {"TrainingSpecification", {{"TrainingImage", "999.dkr.ecr.us-west-2.amazonaws.com/algo:2"}}}};

  ASSERT_EQ(harness.Run(), 0);
  EXPECT_EQ(harness.sagemaker.describe_algorithm_calls, 1);
  EXPECT_EQ(Read(dir / "training_image"), "999.dkr.ecr.us-west-2.amazonaws.com/algo:2");
}

// The job did complete: the step fails with its own exit code, saying what could not be written.
TEST(FollowOutputsTest, UnwritableOutputFailsTheStepWithItsOwnExitCode) {
  TempDir dir;
  std::ofstream(dir / "blocker") << "a file where a folder is needed";
  FollowHarness harness;
  harness.options.outputs.job_name = dir / "blocker/job_name";
  harness.sagemaker.At(Duration(0), JobJson("job", "Completed", "Completed"));

  EXPECT_EQ(harness.Run(), 4);
  EXPECT_TRUE(harness.Printed("error: the job completed, but an output file could not be written: "
                              "Internal: output job_name: cannot create folder"));
  EXPECT_TRUE(harness.Printed("exit code 4: the job completed, but its outputs could not be written"));
  EXPECT_FALSE(harness.Printed("did not complete successfully"));
}

TEST(JobSummaryTest, SpotJobSummaryGolden) {
  auto json = JobJson("spot-job", "Completed", "Completed");
  json["EnableManagedSpotTraining"] = true;
  json["TrainingTimeInSeconds"] = 1000;
  json["BillableTimeInSeconds"] = 300;
  json["FinalMetricDataList"] = {{{"MetricName", "train:loss"}, {"Value", 0.125}},
                                 {{"MetricName", "validation:accuracy"}, {"Value", 0.9375}}};
  json["DebugRuleEvaluationStatuses"] = {
      {{"RuleConfigurationName", "LossNotDecreasing"}, {"RuleEvaluationStatus", "NoIssuesFound"}},
      {{"RuleConfigurationName", "Overfit"}, {"RuleEvaluationStatus", "IssuesFound"}, {"StatusDetails", "overfitting at step 300"}}};
  auto description = ParseTrainingJobDescription(json);
  ASSERT_TRUE(description.ok());

  EXPECT_EQ(SummaryLines(*description, 0),
            (std::vector<std::string>{
                "training job spot-job: Completed",
                "training time: 1000 s, billable time: 300 s",
                "managed spot savings: 70.0%",
                "model artifact: s3://bucket/out/spot-job/output/model.tar.gz",
                "final metric train:loss = 0.125",
                "final metric validation:accuracy = 0.9375",
                "debugger rule LossNotDecreasing: NoIssuesFound",
                "debugger rule Overfit: IssuesFound - overfitting at step 300 (reported only; the step still succeeds)",
                "exit code 0: success"}));
}

TEST(JobSummaryTest, FailedJobSummaryGoldenHasNoArtifactNorSavings) {
  auto json = JobJson("job", "Failed", "Failed");
  json["FailureReason"] = "ClientError: Data download failed";
  auto description = ParseTrainingJobDescription(json);
  ASSERT_TRUE(description.ok());
  EXPECT_EQ(SummaryLines(*description, ExitCodeForFinishedJob(*description)),
            (std::vector<std::string>{"training job job: Failed", "failure reason: ClientError: Data download failed",
                                      "training time: unknown, billable time: unknown",
                                      "exit code 1: the job did not complete successfully"}));
}

}  // namespace
}  // namespace sagetrain::testing
