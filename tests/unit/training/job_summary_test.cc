#include "training/job_summary.h"

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TrainingJobDescription CompletedWithRules() {
  TrainingJobDescription description;
  description.job_name = "job";
  description.status = "Completed";
  description.rule_evaluations = {{"LossNotDecreasing", "NoIssuesFound", "", "debugger"},
                                  {"ProfilerReport", "IssuesFound", "GPU idle", "profiler"}};
  return description;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) out += line + "\n";
  return out;
}

TEST(JobSummaryTest, IssuesFoundFailsTheStepOnlyWhenAsked) {
  const TrainingJobDescription description = CompletedWithRules();
  EXPECT_EQ(ExitCodeForFinishedJob(description), step_exit::kCompleted);
  EXPECT_EQ(ExitCodeForFinishedJob(description, true), step_exit::kJobFailed);
  EXPECT_NE(Joined(SummaryLines(description, 0)).find("profiler rule ProfilerReport: IssuesFound - GPU idle "
                                                      "(reported only"),
            std::string::npos);
  EXPECT_NE(Joined(SummaryLines(description, 1, true)).find("IssuesFound - GPU idle (fails the step"),
            std::string::npos);
}

TEST(JobSummaryTest, WarmPoolAndRestartsAreSummarised) {
  TrainingJobDescription description = CompletedWithRules();
  description.warm_pool_status = "Available";
  description.warm_pool_retained_seconds = 42;
  const WallTime t{};
  description.transitions = {{"Training", t, {}, ""}, {"Restarting", t, {}, ""}, {"Training", t, {}, ""},
                             {"Interrupted", t, {}, ""}, {"Restarting", t, {}, ""}, {"Training", t, {}, ""}};
  const std::string summary = Joined(SummaryLines(description, 0));
  EXPECT_NE(summary.find("warm pool: Available, retained billable time 42 s"), std::string::npos) << summary;
  EXPECT_NE(summary.find("restarts: 2 (attempt 3 ran last"), std::string::npos) << summary;
}

}  // namespace
}  // namespace sagetrain
