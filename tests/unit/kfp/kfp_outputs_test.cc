// The KFP artifacts: metric names KFP accepts, the metrics and UI metadata JSON (golden), console
// links per partition, and atomic writes.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>

#include <gtest/gtest.h>

#include "kfp/atomic_file.h"
#include "kfp/pipeline_metrics.h"
#include "kfp/ui_metadata.h"

namespace sagetrain {
namespace {

namespace fs = std::filesystem;

TEST(PipelineMetricsTest, NamesAreSanitisedToWhatKfpAccepts) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"validation:rmse", "validation-rmse"},
      {"train:Loss", "train-loss"},
      {"accuracy", "accuracy"},
      {"0.5-quantile", "m-0-5-quantile"},
      {"::weird__name::", "weird-name"},
      {"", "metric"},
      {"::", "metric"},
      {std::string(100, 'a'), std::string(64, 'a')},
      {std::string(63, 'a') + ":b", std::string(63, 'a')},
  };
  // The older (stricter) of KFP's patterns; the newer one accepts every name it accepts.
  const std::regex kfp_v1("^[a-z]([-a-z0-9]{0,62}[a-z0-9])?$");
  for (const auto& [input, expected] : cases) {
    const std::string name = SanitizeKfpMetricName(input);
    EXPECT_EQ(name, expected) << input;
    EXPECT_TRUE(std::regex_match(name, kfp_v1)) << name;
  }
}

TEST(PipelineMetricsTest, MetricsJsonGolden) {
  const auto json = PipelineMetricsJson({{"train:loss", 0.125},
                                         {"validation:rmse", 1.5},
                                         {"train-loss", 2},
                                         {"nan:metric", std::nan("")},
                                         {"epochs", 10}});
  EXPECT_EQ(json.dump(), R"({"metrics":[{"format":"RAW","name":"train-loss","numberValue":0.125},)"
                         R"({"format":"RAW","name":"validation-rmse","numberValue":1.5},)"
                         R"({"format":"RAW","name":"train-loss-2","numberValue":2.0},)"
                         R"({"format":"RAW","name":"epochs","numberValue":10.0}]})");
}

TrainingJobReport Report() {
  TrainingJobReport report;
  report.job_name = "my-job";
  report.region = "us-west-2";
  report.console_host = "console.aws.amazon.com";
  report.status = "Completed";
  report.training_seconds = 1000;
  report.billable_seconds = 300;
  report.model_artifact = "s3://b/out/my-job/output/model.tar.gz";
  report.log_streams = {"my-job/algo-1-1700000100", "my-job/algo-2-1700000100"};
  return report;
}

TEST(UiMetadataTest, MarkdownGolden) {
  EXPECT_EQ(TrainingJobMarkdown(Report()),
            "## SageMaker training job `my-job`\n\n"
            "| | |\n|---|---|\n"
            "| Status | Completed |\n"
            "| Region | us-west-2 |\n"
            "| Training time | 1000 s |\n"
            "| Billable time | 300 s |\n"
            "| Model artifact | s3://b/out/my-job/output/model.tar.gz |\n"
            "\n- [Training job in the SageMaker console](https://us-west-2.console.aws.amazon.com/sagemaker/home?region=us-west-2#/jobs/my-job)\n"
            "- [CloudWatch logs of all instances](https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#logStream:group=/aws/sagemaker/TrainingJobs;prefix=my-job;streamFilter=typeLogStreamPrefix)\n"
            "  - [my-job/algo-1-1700000100](https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#logEventViewer:group=/aws/sagemaker/TrainingJobs;stream=my-job/algo-1-1700000100)\n"
            "  - [my-job/algo-2-1700000100](https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#logEventViewer:group=/aws/sagemaker/TrainingJobs;stream=my-job/algo-2-1700000100)\n");
}

TEST(UiMetadataTest, JsonShapeIsOneInlineMarkdownOutput) {
  const auto json = UiMetadataJson(Report());
  ASSERT_EQ(json["outputs"].size(), 1u);
  EXPECT_EQ(json["outputs"][0]["type"], "markdown");
  EXPECT_EQ(json["outputs"][0]["storage"], "inline");
  EXPECT_EQ(json["outputs"][0]["source"], TrainingJobMarkdown(Report()));
}

TEST(UiMetadataTest, TensorBoardOutputAddsATensorBoardEntry) {
  TrainingJobReport report = Report();
  report.tensorboard_output = "s3://bucket/tensorboard";
  const auto json = UiMetadataJson(report);
  ASSERT_EQ(json["outputs"].size(), 2u);
  EXPECT_EQ(json["outputs"][1], (nlohmann::json{{"type", "tensorboard"}, {"source", "s3://bucket/tensorboard"}}));
}

TEST(UiMetadataTest, FailureReasonCannotBreakTheTable) {
  auto report = Report();
  report.status = "Failed";
  report.failure_reason = "AlgorithmError: a | b\nline two";
  EXPECT_NE(TrainingJobMarkdown(report).find("| Failure reason | AlgorithmError: a \\| b line two |\n"),
            std::string::npos);
}

TEST(UiMetadataTest, LinksFollowThePartitionsConsole) {
  EXPECT_EQ(TrainingJobConsoleUrl("console.amazonaws.cn", "cn-north-1", "j"),
            "https://console.amazonaws.cn/sagemaker/home?region=cn-north-1#/jobs/j");
  EXPECT_EQ(TrainingJobLogsUrl("console.amazonaws-us-gov.com", "us-gov-west-1", "j"),
            "https://console.amazonaws-us-gov.com/cloudwatch/home?region=us-gov-west-1"
            "#logStream:group=/aws/sagemaker/TrainingJobs;prefix=j;streamFilter=typeLogStreamPrefix");
  auto isolated = Report();
  isolated.console_host = "";
  EXPECT_EQ(TrainingJobMarkdown(isolated).find("https://"), std::string::npos);
}

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "atomic-file-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string Read(const fs::path& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  fs::path dir_;
};

TEST_F(AtomicFileTest, CreatesParentsAndReplacesWholeContentLeavingNoTemporaryFile) {
  const fs::path target = dir_ / "a/b/c/data";
  ASSERT_TRUE(WriteFileAtomically(target.string(), "first, longer content").ok());
  ASSERT_TRUE(WriteFileAtomically(target.string(), "second").ok());
  EXPECT_EQ(Read(target), "second");
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(target.parent_path())) names.push_back(entry.path().filename());
  EXPECT_EQ(names, std::vector<std::string>{"data"});
}

TEST_F(AtomicFileTest, FailureLeavesTheOldFileAndNoTemporaryFile) {
  const fs::path target = dir_ / "data";
  ASSERT_TRUE(WriteFileAtomically(target.string(), "old").ok());
  fs::create_directory(dir_ / "taken");
  std::ofstream(dir_ / "taken" / "x") << "not empty";
  // Renaming a file onto a non-empty folder fails: the write must report it and clean up.
  const Status status = WriteFileAtomically((dir_ / "taken").string(), "new");
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("cannot rename onto"), std::string::npos) << status.message();
  EXPECT_EQ(Read(target), "old");
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_)) ++entries;
  EXPECT_EQ(entries, 2);  // "data" and "taken"
  EXPECT_FALSE(WriteFileAtomically("", "x").ok());
}

TEST_F(AtomicFileTest, NamesUpToTheFileSystemLimitAreWritten) {
  for (std::size_t length : {243u, 244u, 250u, 255u}) {
    const fs::path target = dir_ / std::string(length, 'n');
    ASSERT_TRUE(WriteFileAtomically(target.string(), "content").ok()) << length;
    EXPECT_EQ(Read(target), "content");
    fs::remove(target);
  }
  EXPECT_TRUE(fs::is_empty(dir_));
}

}  // namespace
}  // namespace sagetrain
