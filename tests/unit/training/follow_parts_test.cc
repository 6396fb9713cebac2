// The follower's pure parts: answer parsing, stream labels, the timestamp merge, the job log format.
#include <sstream>

#include <gtest/gtest.h>

#include "common/fake_clock.h"
#include "training/job_description.h"
#include "training/job_log.h"
#include "training/log_merge.h"
#include "training/log_pages.h"
#include "training/utc_time.h"

namespace sagetrain {
namespace {

TEST(FollowPartsTest, DescriptionParsesFractionalTimestampsAndOptionalMembers) {
  const auto json = nlohmann::json::parse(R"({
    "TrainingJobName": "j", "TrainingJobStatus": "InProgress", "SecondaryStatus": "Downloading",
    "CreationTime": 1700000000.5, "EnableManagedSpotTraining": true,
    "ResourceConfig": {"InstanceCount": 3},
    "SecondaryStatusTransitions": [
      {"Status": "Starting", "StartTime": 1700000000.5, "EndTime": 1700000061.25, "StatusMessage": "m"},
      {"Status": "Downloading", "StartTime": 1700000061.25}],
    "FinalMetricDataList": [{"MetricName": "loss", "Value": 0.5}, {"MetricName": "no-value"}],
    "DebugRuleEvaluationStatuses": [{"RuleConfigurationName": "r", "RuleEvaluationStatus": "InProgress"}]})");
  auto parsed = ParseTrainingJobDescription(json);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(EpochMillis(*parsed->creation_time), 1'700'000'000'500);
  ASSERT_EQ(parsed->transitions.size(), 2u);
  EXPECT_EQ(EpochMillis(*parsed->transitions[0].end_time), 1'700'000'061'250);
  EXPECT_FALSE(parsed->transitions[1].end_time.has_value());
  EXPECT_EQ(parsed->instance_count, 3);
  EXPECT_TRUE(parsed->managed_spot);
  EXPECT_EQ(parsed->final_metrics.size(), 1u);
  EXPECT_FALSE(parsed->training_seconds.has_value());
  EXPECT_FALSE(AllRulesFinal(*parsed));
  EXPECT_FALSE(ParseTrainingJobDescription(nlohmann::json::object()).ok());
  EXPECT_FALSE(ParseTrainingJobDescription(nlohmann::json::array()).ok());
}

TEST(FollowPartsTest, LogPagesParse) {
  auto streams = ParseLogStreamsPage(nlohmann::json::parse(
      R"({"logStreams": [{"logStreamName": "j/algo-1-1"}, {"arn": "no name"}], "nextToken": "t"})"));
  ASSERT_TRUE(streams.ok());
  EXPECT_EQ(streams->stream_names, std::vector<std::string>{"j/algo-1-1"});
  EXPECT_EQ(streams->next_token, "t");
  auto events = ParseLogEventsPage(nlohmann::json::parse(
      R"({"events": [{"timestamp": 1700000000123, "message": "hi"}], "nextForwardToken": "f/1"})"));
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->events[0].timestamp_ms, 1'700'000'000'123);
  EXPECT_EQ(events->next_forward_token, "f/1");
}

TEST(FollowPartsTest, InstanceLabelOfStream) {
  EXPECT_EQ(InstanceLabelOfStream("job/algo-1-1700000000"), "algo-1");
  EXPECT_EQ(InstanceLabelOfStream("job/algo-12-1700000000"), "algo-12");
  EXPECT_EQ(InstanceLabelOfStream("job/something-else"), "something-else");
  EXPECT_EQ(InstanceLabelOfStream("job/algo-2-abc"), "algo-2-abc");
}

TEST(FollowPartsTest, MergeKeepsEachStreamsOrderAndBreaksTiesByStream) {
  std::vector<LogEventsPage> pages(3);
  pages[0].Add(10, "a1");
  pages[0].Add(30, "a2");
  pages[0].Add(20, "a3");
  pages[1].Add(10, "b1");
  pages[1].Add(25, "b2");
  std::vector<std::string> order;
  TimestampMerge merge(pages);
  std::size_t page = 0;
  const LogEventsPage::Event* event = nullptr;
  while (merge.Next(page, event)) order.push_back(std::string(pages[page].Message(*event)));
  // a3 (ts 20) stays after a2 (ts 30): CloudWatch order within a stream is kept.
  EXPECT_EQ(order, (std::vector<std::string>{"a1", "b1", "b2", "a2", "a3"}));
}

TEST(FollowPartsTest, JobLogStampsEveryLineAndSplitsMultiLineMessages) {
  testing::FakeClock clock(WallTime(std::chrono::seconds(1'795'953'600)));  // 2026-11-29T12:00:00Z
  std::ostringstream out;
  JobLog log(out, clock);
  EXPECT_FALSE(log.last_write().has_value());
  log.Line("hello");
  log.AppendEventAt(WallTimeFromEpochMillis(1'795'953'601'999), "[algo-1] ", "Traceback:\r\n  frame\n");
  log.Flush();
  EXPECT_EQ(out.str(),
            "2026-11-29T12:00:00Z hello\n"
            "2026-11-29T12:00:01Z [algo-1] Traceback:\n"
            "2026-11-29T12:00:01Z [algo-1]   frame\n");
  EXPECT_EQ(log.last_write(), clock.Now());
}

// A job's message cannot pass for another instance's line or the program's own, nor drive a terminal.
TEST(FollowPartsTest, JobLogPrintsWhatTheJobWroteAndNothingElse) {
  testing::FakeClock clock(WallTime(std::chrono::seconds(1'795'953'600)));  // 2026-11-29T12:00:00Z
  std::ostringstream out;
  JobLog log(out, clock);
  log.AppendEventAt(clock.Now(), "[algo-1] ",
                    "done\n[algo-2] exit code 0: success\nmodel artifact: s3://attacker/x\x1b[2K\rreal\x07\n");
  log.Line("status Failed: reason\x1b]0;title\x07\nsecond\xc2\x9b line");
  EXPECT_EQ(out.str(),
            "2026-11-29T12:00:00Z [algo-1] done\n"
            "2026-11-29T12:00:00Z [algo-1] [algo-2] exit code 0: success\n"
            "2026-11-29T12:00:00Z [algo-1] model artifact: s3://attacker/x\\x1b[2K\\x0dreal\\x07\n"
            "2026-11-29T12:00:00Z status Failed: reason\\x1b]0;title\\x07\n"
            "2026-11-29T12:00:00Z   | second\\u009b line\n");
}

TEST(FollowPartsTest, JobLogRedactsSecrets) {
  testing::FakeClock clock(WallTime(std::chrono::seconds(1'795'953'600)));  // 2026-11-29T12:00:00Z
  std::ostringstream out;
  SecretRedactor redactor;
  redactor.Remember("SESSIONTOKEN/secret+value");
  JobLog log(out, clock, &redactor);
  log.Line("warning: InvalidSignatureException: canonical request\nx-amz-security-token:OTHERTOKEN\nhost");
  log.AppendEventAt(clock.Now(), "[algo-1] ", "echo SESSIONTOKEN/secret+value; x-amz-security-token:shown");
  log.Flush();
  EXPECT_EQ(out.str(),
            "2026-11-29T12:00:00Z warning: InvalidSignatureException: canonical request\n"
            "2026-11-29T12:00:00Z   | x-amz-security-token:[redacted]\n"
            "2026-11-29T12:00:00Z   | host\n"
            "2026-11-29T12:00:00Z [algo-1] echo [redacted]; x-amz-security-token:shown\n");
}

// Counts flushes: what a reader tailing the pod log sees arrives at each one.
class FlushCountingBuffer : public std::stringbuf {
 public:
  int flushes = 0;

 protected:
  int sync() override {
    ++flushes;
    return std::stringbuf::sync();
  }
};

TEST(FollowPartsTest, JobLogFlushesEachStatusLineAndEachBatchOnce) {
  testing::FakeClock clock(WallTime(std::chrono::seconds(1'795'953'600)));  // 2026-11-29T12:00:00Z
  FlushCountingBuffer buffer;
  std::ostream out(&buffer);
  JobLog log(out, clock);
  log.Line("status Training");
  EXPECT_EQ(buffer.flushes, 1);
  // A batch of events, with seconds going back and forth (streams merged by time): each line keeps
  // its own second even though stamps are reused between lines of the same second.
  log.AppendEventAt(WallTimeFromEpochMillis(1'795'953'601'000), "[algo-1] ", "a");
  log.AppendEventAt(WallTimeFromEpochMillis(1'795'953'601'999), "[algo-2] ", "b");
  log.AppendEventAt(WallTimeFromEpochMillis(1'795'953'599'500), "[algo-1] ", "c");
  log.AppendEventAt(WallTimeFromEpochMillis(1'795'953'601'001), "[algo-2] ", "d");
  EXPECT_EQ(buffer.flushes, 1);
  log.Flush();
  EXPECT_EQ(buffer.flushes, 2);
  EXPECT_EQ(buffer.str(),
            "2026-11-29T12:00:00Z status Training\n"
            "2026-11-29T12:00:01Z [algo-1] a\n"
            "2026-11-29T12:00:01Z [algo-2] b\n"
            "2026-11-29T11:59:59Z [algo-1] c\n"
            "2026-11-29T12:00:01Z [algo-2] d\n");
}

TEST(FollowPartsTest, ElapsedFormat) {
  EXPECT_EQ(FormatElapsed(Duration(45'000)), "45s");
  EXPECT_EQ(FormatElapsed(Duration(185'000)), "3m05s");
  EXPECT_EQ(FormatElapsed(Duration(7'387'000)), "2h03m07s");
  EXPECT_EQ(FormatElapsed(Duration(-5'000)), "0s");
}

}  // namespace
}  // namespace sagetrain
