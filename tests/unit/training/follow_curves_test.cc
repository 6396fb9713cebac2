// The training curves through the whole step: every instance's log lines reach the metric regexes as
// they are printed, the page is written whatever the outcome (failure, a stop that timed out), the UI
// metadata carries it as a web-app, and the summary gives first, best and last values.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "training/follow_harness.h"

namespace sagetrain::testing {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
namespace fs = std::filesystem;

constexpr char kKMeansMsd[] = R"(#quality_metric: host=\S+, epoch=\S+, train msd <loss>=(\S+))";

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct CurvesHarness : FollowHarness {
  fs::path dir;
  CurvesHarness() {
    std::string pattern = (fs::temp_directory_path() / "follow-curves-XXXXXX").string();
    dir = ::mkdtemp(pattern.data());
    options.instance_count = 2;
    options.metric_definitions = {{"train:msd", kKMeansMsd}, {"late", R"((?<=x)(\d))"}};
    options.outputs.curves = (dir / "curves/page.html").string();
    options.outputs.ui_metadata = (dir / "ui.json").string();
    for (int instance = 1; instance <= 2; ++instance) {
      FakeLogs::Stream stream{"job/algo-" + std::to_string(instance) + "-1700000100", seconds(10), {}};
      for (int epoch = 0; epoch < 20; ++epoch) {
        const double msd = 2.0 / (epoch + instance);
        stream.events.emplace_back(EpochMillis(kStart + seconds(70) + seconds(epoch)),
                                   "#quality_metric: host=algo-" + std::to_string(instance) + ", epoch=" +
                                       std::to_string(epoch) + ", train msd <loss>=" + std::to_string(msd));
        stream.events.emplace_back(EpochMillis(kStart + seconds(70) + seconds(epoch)), "[INFO] not a metric");
      }
      logs.streams.push_back(stream);
    }
  }
  ~CurvesHarness() { fs::remove_all(dir); }
};

TEST(FollowCurvesTest, FailedJobStillWritesItsCurvesAndSummary) {
  CurvesHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(10), "Failed", "Failed", 2);

  ASSERT_EQ(harness.Run(), 1);
  // The regex this program cannot evaluate is named before anything is sent, and the step goes on.
  EXPECT_TRUE(harness.Printed("warning: metric late (regex (?<=x)(\\d)) will have no curve: it uses a lookbehind"));
  const std::string page = Read(harness.dir / "curves/page.html");
  EXPECT_NE(page.find("Status Failed."), std::string::npos);
  EXPECT_NE(page.find("<path class=\"line\" data-instance=\"algo-1\""), std::string::npos);
  EXPECT_NE(page.find("<path class=\"line\" data-instance=\"algo-2\""), std::string::npos);
  const auto ui = nlohmann::json::parse(Read(harness.dir / "ui.json"));
  ASSERT_EQ(ui["outputs"].size(), 2u);
  EXPECT_EQ(ui["outputs"][1], (nlohmann::json{{"type", "web-app"}, {"storage", "inline"}, {"source", page}}));
  // Summary: before the exit code line, first/best/last over both instances.
  const auto lines = harness.Lines();
  ASSERT_GE(lines.size(), 3u);
  EXPECT_NE(lines[lines.size() - 3].find("metric train:msd: first 2 (algo-1), best 0.095238 (lowest, algo-2), "
                                         "last 0.095238 (algo-2); 40 points from 2 instances"),
            std::string::npos)
      << lines[lines.size() - 3];
  EXPECT_NE(lines[lines.size() - 2].find("metric late: no curve"), std::string::npos);
  EXPECT_NE(lines.back().find("exit code 1"), std::string::npos);
}

TEST(FollowCurvesTest, StopThatTimesOutStillWritesTheCurves) {
  CurvesHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(120), "Completed", "Completed", 2);  // never Stopped
  harness.options.stop_timeout = minutes(2);
  SignallingSleeper sleeper(harness.clock, harness.stop, SIGTERM, minutes(2));

  EXPECT_EQ(harness.Run(&sleeper), 143);
  const std::string page = Read(harness.dir / "curves/page.html");
  EXPECT_NE(page.find("<path class=\"line\" data-instance=\"algo-2\""), std::string::npos);
  EXPECT_TRUE(harness.Printed("metric train:msd: first 2 (algo-1)"));
}

TEST(FollowCurvesTest, WithoutDefinitionsTheRequestedPageSaysSo) {
  CurvesHarness harness;
  harness.options.metric_definitions.clear();
  ScriptSimpleJob(harness.sagemaker, minutes(10), "Completed", "Completed", 2);

  ASSERT_EQ(harness.Run(), 0);
  EXPECT_NE(Read(harness.dir / "curves/page.html").find("The job has no metric definitions."), std::string::npos);
  // KFP 1's UI gets no empty web-app.
  EXPECT_EQ(nlohmann::json::parse(Read(harness.dir / "ui.json"))["outputs"].size(), 1u);
}

}  // namespace
}  // namespace sagetrain::testing
