// The follower's job lifecycle end to end over scripted fakes: transitions, heartbeats, exit codes and
// printed reasons, stop on signal, debugger rules, persistent AWS errors.
#include <csignal>

#include <gtest/gtest.h>

#include "training/follow_harness.h"

namespace sagetrain::testing {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(FollowJobTest, CompletedExitsZeroAndPrintsEachTransitionOnceWithElapsedTime) {
  FollowHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(20));

  EXPECT_EQ(harness.Run(), 0);
  EXPECT_EQ(harness.CountContaining("status Starting (after 0s): Preparing the instances for training"), 1);
  EXPECT_EQ(harness.CountContaining("status Training (after 1m00s): Training image download completed."), 1);
  EXPECT_EQ(harness.CountContaining("status Completed (after 20m00s)"), 1);
  EXPECT_TRUE(harness.Printed("training job job: Completed\n"));
  EXPECT_TRUE(harness.Printed("exit code 0: success"));
  // Every line starts with a UTC timestamp.
  for (const auto& line : harness.Lines()) EXPECT_EQ(line.substr(0, 3), "202") << line;
  EXPECT_TRUE(harness.Printed("2023-11-14T22:13:20Z created training job job"));
}

TEST(FollowJobTest, FailedExitsOneWithItsReason) {
  FollowHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(5), "Failed", "Failed");
  auto failed = JobJson("job", "Failed", "Failed");
  failed["FailureReason"] = "AlgorithmError: ExecuteUserScriptError: exit code 1";
  harness.sagemaker.At(minutes(5), failed);

  EXPECT_EQ(harness.Run(), 1);
  EXPECT_TRUE(harness.Printed("failure reason: AlgorithmError: ExecuteUserScriptError: exit code 1"));
  EXPECT_TRUE(harness.Printed("exit code 1: the job did not complete successfully"));
}

TEST(FollowJobTest, WarmPoolStatusIsReportedOnceWhenItChanges) {
  FollowHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(5), "Completed", "Completed");
  auto done = JobJson("job", "Completed", "Completed");
  done["WarmPoolStatus"] = {{"Status", "Available"}, {"ResourceRetainedBillableTimeInSeconds", 0}};
  harness.sagemaker.At(minutes(5), done);

  EXPECT_EQ(harness.Run(), 0);
  EXPECT_EQ(harness.CountContaining("warm pool: Available"), 2);  // the live line, then the summary's
}

TEST(FollowJobTest, MaxRuntimeExceededExitsOneAndSaysWhy) {
  FollowHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(60), "Stopped", "MaxRuntimeExceeded");

  EXPECT_EQ(harness.Run(), 1);
  EXPECT_TRUE(harness.Printed("training job job: Stopped (MaxRuntimeExceeded)"));
  EXPECT_TRUE(harness.Printed("failure reason: the job ran longer than its max_run_time (MaxRuntimeExceeded)"));
}

TEST(FollowJobTest, HeartbeatWhenNothingHappensForTheInterval) {
  FollowHarness harness;
  harness.options.heartbeat_interval = minutes(5);
  ScriptSimpleJob(harness.sagemaker, minutes(31));  // no log lines at all

  EXPECT_EQ(harness.Run(), 0);
  // Everything up to the Training transition is printed at the first poll (0 s); then only
  // heartbeats, at 5, 10, ... 30 min; 31 min is the end.
  EXPECT_EQ(harness.CountContaining("still following job: InProgress/Training"), 6);
  EXPECT_TRUE(harness.Printed("2023-11-14T22:18:20Z still following job: InProgress/Training, 5m00s since creation"));
  EXPECT_TRUE(harness.Printed("2023-11-14T22:43:20Z still following job: InProgress/Training, 30m00s since creation"));
}

// A log stream that has gone quiet is still read every poll (or every few); reads that print nothing
// must not count as output, or the heartbeat would never come.
TEST(FollowJobTest, HeartbeatWhenTheLogStreamsAreQuiet) {
  FollowHarness harness;
  harness.options.heartbeat_interval = minutes(5);
  ScriptSimpleJob(harness.sagemaker, minutes(31));
  FakeLogs::Stream stream{"job/algo-1-1700000100", seconds(10), {}};
  stream.events.emplace_back(EpochMillis(kStart + seconds(10)), "the only line");
  harness.logs.streams.push_back(stream);

  EXPECT_EQ(harness.Run(), 0);
  EXPECT_TRUE(harness.Printed("[algo-1] the only line"));
  EXPECT_GE(harness.CountContaining("still following job: InProgress/Training"), 5);
}

class StopSignalTest : public ::testing::TestWithParam<int> {};

TEST_P(StopSignalTest, StopsTheJobExactlyOnceAndExitsWith128PlusSignal) {
  const int signal_number = GetParam();
  FollowHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(120));
  harness.sagemaker.stops_after = seconds(50);
  FakeLogs::Stream stream{"job/algo-1-1700000100", seconds(10), {}};
  for (int i = 0; i < 300; ++i) {
    stream.events.emplace_back(EpochMillis(kStart + seconds(10) + seconds(i)), "tick " + std::to_string(i));
  }
  harness.logs.streams.push_back(stream);
  harness.options.stop_timeout = minutes(5);
  SignallingSleeper sleeper(harness.clock, harness.stop, signal_number, minutes(2));

  EXPECT_EQ(harness.Run(&sleeper), 128 + signal_number);
  EXPECT_EQ(harness.sagemaker.stop_calls, 1);  // the flag stays raised at every later sleep
  EXPECT_TRUE(harness.Printed("received signal " + std::to_string(signal_number) + ": stopping training job job"));
  EXPECT_TRUE(harness.Printed("status Stopped"));
  // Logs kept flowing while stopping: the lines up to the Stopped status (2 min + 50 s) are printed.
  EXPECT_TRUE(harness.Printed("[algo-1] tick 150"));
  EXPECT_EQ(harness.CountContaining("[algo-1] tick 150"), 1);
  EXPECT_TRUE(harness.Printed("exit code " + std::to_string(128 + signal_number) + ": interrupted by signal"));
}

INSTANTIATE_TEST_SUITE_P(SigtermAndSigint, StopSignalTest, ::testing::Values(SIGTERM, SIGINT));

TEST(FollowJobTest, StopTimeoutEndsTheStepWhenTheJobDoesNotStop) {
  FollowHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(120));  // stops_after unset: never Stopped
  harness.options.stop_timeout = minutes(2);
  SignallingSleeper sleeper(harness.clock, harness.stop, SIGTERM, minutes(1));

  EXPECT_EQ(harness.Run(&sleeper), 143);
  EXPECT_EQ(harness.sagemaker.stop_calls, 1);
  EXPECT_TRUE(harness.Printed("did not reach Stopped within 2m00s"));
  // Signal at 1 min; give up 2 min later.
  EXPECT_EQ(harness.clock.Now() - kStart, minutes(3));
}

TEST(FollowJobTest, SignalBeforeSubmittingCreatesNothing) {
  FollowHarness harness;
  harness.stop = SIGTERM;
  EXPECT_EQ(harness.Run(), 143);
  EXPECT_EQ(harness.sagemaker.create_calls, 0);
}

nlohmann::json WithRules(nlohmann::json job, const std::vector<std::pair<std::string, std::string>>& rules) {
  job["DebugRuleEvaluationStatuses"] = nlohmann::json::array();
  for (const auto& [name, status] : rules) {
    job["DebugRuleEvaluationStatuses"].push_back(
        {{"RuleConfigurationName", name}, {"RuleEvaluationStatus", status}, {"StatusDetails", name + " details"}});
  }
  return job;
}

TEST(FollowJobTest, WaitsForRulesAndARuleErrorFailsTheStep) {
  FollowHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(10));
  auto done = JobJson("job", "Completed", "Completed");
  harness.sagemaker.At(minutes(10), WithRules(done, {{"LossNotDecreasing", "InProgress"}, {"Overfit", "InProgress"}}));
  harness.sagemaker.At(minutes(12), WithRules(done, {{"LossNotDecreasing", "NoIssuesFound"}, {"Overfit", "InProgress"}}));
  harness.sagemaker.At(minutes(14), WithRules(done, {{"LossNotDecreasing", "NoIssuesFound"}, {"Overfit", "Error"}}));

  EXPECT_EQ(harness.Run(), 1);
  EXPECT_EQ(harness.clock.Now() - kStart, minutes(14));
  EXPECT_EQ(harness.CountContaining("debugger rule Overfit: InProgress"), 1);
  EXPECT_TRUE(harness.Printed("debugger rule Overfit: Error - Overfit details (fails the step)"));
  EXPECT_TRUE(harness.Printed("debugger rule LossNotDecreasing: NoIssuesFound"));
}

TEST(FollowJobTest, IssuesFoundIsReportedAndTheStepSucceeds) {
  FollowHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(10));
  auto done = JobJson("job", "Completed", "Completed");
  harness.sagemaker.At(minutes(10), WithRules(done, {{"VanishingGradient", "InProgress"}}));
  harness.sagemaker.At(minutes(11), WithRules(done, {{"VanishingGradient", "IssuesFound"}}));

  EXPECT_EQ(harness.Run(), 0);
  EXPECT_TRUE(harness.Printed(
      "debugger rule VanishingGradient: IssuesFound - VanishingGradient details (reported only; the step still succeeds)"));
}

TEST(FollowJobTest, AccessDeniedThreePollsInARowEndsWithExitThree) {
  FollowHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(10));
  harness.sagemaker.describe_failure_always = AwsError("AccessDeniedException", "not authorized");

  EXPECT_EQ(harness.Run(), 3);
  EXPECT_EQ(harness.sagemaker.describe_calls, 3);
  EXPECT_EQ(harness.CountContaining("warning: DescribeTrainingJob failed"), 1);
  EXPECT_TRUE(harness.Printed("DescribeTrainingJob failed 3 polls in a row"));
}

TEST(FollowJobTest, TransientDescribeFailuresNeverEndTheStep) {
  FollowHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(10));
  for (int call = 0; call < 15; ++call) {
    harness.sagemaker.describe_failures[call] = AwsError("ThrottlingException", "Rate exceeded");
  }

  EXPECT_EQ(harness.Run(), 0);
  EXPECT_EQ(harness.CountContaining("warning: DescribeTrainingJob failed"), 1);
}

}  // namespace
}  // namespace sagetrain::testing
