// The follower's log tailing, end to end over scripted CloudWatch Logs: every line exactly once, in
// per-stream order, interleaved by timestamp, across pages, late streams, a late log group, spot
// restarts, idle back-off and failed calls.
#include <map>
#include <regex>

#include <gtest/gtest.h>

#include "training/follow_harness.h"

namespace sagetrain::testing {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

// Adds `instances` streams of `lines` lines each, the first event at `first` and one every `step`.
void AddStreams(FakeLogs& logs, int instances, int lines, Duration first, Duration step,
                Duration stagger = Duration(0), const std::string& epoch = "1700000100") {
  for (int s = 1; s <= instances; ++s) {
    FakeLogs::Stream stream;
    stream.name = "job/algo-" + std::to_string(s) + "-" + epoch;
    stream.visible_from = first + stagger * (s - 1);
    for (int i = 0; i < lines; ++i) {
      const std::int64_t ts = EpochMillis(kStart + stream.visible_from + step * i) + s;
      stream.events.emplace_back(ts, "line " + std::to_string(s) + "/" + std::to_string(i) +
                                         " ts=" + std::to_string(ts));
    }
    logs.streams.push_back(std::move(stream));
  }
}

struct PrintedEvent {
  int instance;
  int index;
  std::int64_t ts;
};

// The "[algo-N] line s/i ts=..." lines in printed order; fails the test on a mislabelled line.
std::vector<PrintedEvent> PrintedEvents(const FollowHarness& harness) {
  static const std::regex kLine(R"(^\S+Z \[algo-(\d+)\] line (\d+)/(\d+) ts=(\d+)$)");
  std::vector<PrintedEvent> events;
  for (const auto& line : harness.Lines()) {
    std::smatch match;
    if (!std::regex_match(line, match, kLine)) continue;
    EXPECT_EQ(match[1], match[2]) << "prefix of another instance: " << line;
    events.push_back({std::stoi(match[2]), std::stoi(match[3]), std::stoll(match[4])});
  }
  return events;
}

// Every line of every stream exactly once, each stream in order, all interleaved by timestamp.
void ExpectEveryLineOnceInOrder(const FollowHarness& harness, int instances, int lines,
                                bool globally_sorted = true) {
  const auto events = PrintedEvents(harness);
  ASSERT_EQ(events.size(), static_cast<std::size_t>(instances * lines));
  std::map<int, int> next_index;
  for (std::size_t k = 0; k < events.size(); ++k) {
    EXPECT_EQ(events[k].index, next_index[events[k].instance]++) << "instance " << events[k].instance;
    if (globally_sorted && k > 0) {
      EXPECT_LE(events[k - 1].ts, events[k].ts) << "at printed event " << k;
    }
  }
  for (int s = 1; s <= instances; ++s) EXPECT_EQ(next_index[s], lines);
}

class InstancesTest : public ::testing::TestWithParam<int> {};

TEST_P(InstancesTest, EveryLineOfEveryInstanceOnceInterleavedByTimestamp) {
  const int instances = GetParam();
  FollowHarness harness;
  harness.options.instance_count = instances;
  harness.logs.events_page_size = 37;  // many pages per stream per poll
  harness.logs.streams_page_size = 3;  // DescribeLogStreams pagination for 8 instances
  ScriptSimpleJob(harness.sagemaker, minutes(25), "Completed", "Completed", instances);
  AddStreams(harness.logs, instances, 3000, minutes(1), Duration(400));

  EXPECT_EQ(harness.Run(), 0);
  ExpectEveryLineOnceInOrder(harness, instances, 3000);
  EXPECT_EQ(harness.CountContaining("warning"), 0);
}

INSTANTIATE_TEST_SUITE_P(OneTwoEight, InstancesTest, ::testing::Values(1, 2, 8));

TEST(FollowLogsTest, LogGroupAbsentAtFirstIsWaitedForQuietly) {
  FollowHarness harness;
  harness.logs.group_created = minutes(3);
  ScriptSimpleJob(harness.sagemaker, minutes(10));
  AddStreams(harness.logs, 1, 100, minutes(3), seconds(2));

  EXPECT_EQ(harness.Run(), 0);
  ExpectEveryLineOnceInOrder(harness, 1, 100);
  EXPECT_EQ(harness.CountContaining("warning"), 0);
  EXPECT_FALSE(harness.Printed("ResourceNotFound"));
}

TEST(FollowLogsTest, StreamsAppearingLateAreFoundThenDiscoveryStops) {
  FollowHarness harness;
  harness.options.instance_count = 4;
  harness.logs.streams_page_size = 1;
  ScriptSimpleJob(harness.sagemaker, minutes(30), "Completed", "Completed", 4);
  AddStreams(harness.logs, 4, 200, minutes(1), seconds(3), minutes(2));  // algo-4 appears at 7 min

  EXPECT_EQ(harness.Run(), 0);
  // A stream found late prints its first lines after newer lines of the others.
  ExpectEveryLineOnceInOrder(harness, 4, 200, /*globally_sorted=*/false);
  ASSERT_FALSE(harness.logs.describe_call_times.empty());
  // The last stream is visible from 7 min; the first poll after that finds it, then no more calls.
  EXPECT_LE(harness.logs.describe_call_times.back(), minutes(7) + seconds(30));
  // Each discovery walks every page: with one stream per page, 4 streams take 4 calls.
  EXPECT_GE(harness.logs.describe_calls, 4);
}

TEST(FollowLogsTest, NoDescribeLogStreamsOnceEveryInstanceHasItsStream) {
  FollowHarness harness;
  harness.options.instance_count = 2;
  ScriptSimpleJob(harness.sagemaker, minutes(60), "Completed", "Completed", 2);
  AddStreams(harness.logs, 2, 50, seconds(10), seconds(5));

  EXPECT_EQ(harness.Run(), 0);
  // Discovery finds nothing at 0, 3 and 9 s (backing off 3, 6, then at most 7 s), both streams at
  // 16 s, and stops.
  EXPECT_EQ(harness.logs.describe_call_times,
            (std::vector<Duration>{Duration(0), Duration(3'000), Duration(9'000), Duration(16'000)}));
  ExpectEveryLineOnceInOrder(harness, 2, 50);
}

TEST(FollowLogsTest, SpotRestartDiscoversNewStreamsAndDrainsOldOnes) {
  FollowHarness harness;
  harness.options.instance_count = 2;
  auto transitions = std::vector<std::tuple<std::string, Duration, std::string>>{
      {"Starting", Duration(0), "Starting"}, {"Training", minutes(1), "Training"}};
  auto running = JobJson("job", "InProgress", "Training", transitions);
  harness.sagemaker.At(Duration(0), running);
  transitions.emplace_back("Interrupted", minutes(10), "Spot capacity reclaimed");
  transitions.emplace_back("Restarting", minutes(11), "Restarting the job");
  transitions.emplace_back("Training", minutes(14), "Training");
  harness.sagemaker.At(minutes(11), JobJson("job", "InProgress", "Training", transitions));
  transitions.emplace_back("Completed", minutes(30), "Done");
  harness.sagemaker.At(minutes(30), JobJson("job", "Completed", "Completed", transitions));
  // First attempt: 1..9 min; second attempt's streams appear at 14 min, one per instance.
  AddStreams(harness.logs, 2, 270, minutes(1), seconds(2));
  FollowHarness second;
  AddStreams(second.logs, 2, 300, minutes(14), seconds(2), Duration(0), "1700000900");
  for (auto& stream : second.logs.streams) {
    for (auto& [ts, message] : stream.events) message = "second " + message;
    harness.logs.streams.push_back(stream);
  }

  EXPECT_EQ(harness.Run(), 0);
  for (int s = 1; s <= 2; ++s) {
    EXPECT_EQ(harness.CountContaining("[algo-" + std::to_string(s) + "] line"), 270);
    EXPECT_EQ(harness.CountContaining("[algo-" + std::to_string(s) + "] second line"), 300);
  }
  EXPECT_EQ(harness.CountContaining("status Interrupted"), 1);
  EXPECT_EQ(harness.CountContaining("status Restarting"), 1);
  EXPECT_EQ(harness.CountContaining("attempt 2 of the job starts"), 1);
  // Discovery resumed after the restart and stopped again once the new streams were known.
  EXPECT_GT(harness.logs.describe_call_times.back(), minutes(11));
  EXPECT_LE(harness.logs.describe_call_times.back(), minutes(14) + seconds(30));
}

TEST(FollowLogsTest, IdleStreamIsReadLessOftenAndCatchesUpWhenBusyAgain) {
  FollowHarness harness;
  harness.options.instance_count = 2;
  ScriptSimpleJob(harness.sagemaker, minutes(40), "Completed", "Completed", 2);
  AddStreams(harness.logs, 1, 2000, minutes(1), Duration(1000));  // algo-1 busy 1..34 min
  FakeLogs::Stream quiet{"job/algo-2-1700000100", minutes(1), {}};
  for (int i = 0; i < 10; ++i) {  // algo-2: a burst at 1 min, silence, a burst at 30 min
    const Duration at = (i < 5 ? minutes(1) : minutes(30)) + seconds(i);
    const std::int64_t ts = EpochMillis(kStart + at);
    quiet.events.emplace_back(ts, "line 2/" + std::to_string(i) + " ts=" + std::to_string(ts));
  }
  harness.logs.streams.push_back(quiet);

  EXPECT_EQ(harness.Run(), 0);
  const auto& busy = harness.logs.get_call_times["job/algo-1-1700000100"];
  const auto& idle = harness.logs.get_call_times["job/algo-2-1700000100"];
  auto calls_between = [](const std::vector<Duration>& times, Duration from, Duration to) {
    return std::count_if(times.begin(), times.end(), [&](Duration t) { return t >= from && t < to; });
  };
  // 10..28 min is 1,080 s: the busy stream is read every 3 s, the idle one at most every 15 s.
  EXPECT_GE(calls_between(busy, minutes(10), minutes(28)), 1080 / 3);
  EXPECT_LE(calls_between(idle, minutes(10), minutes(28)), 1080 / 15 + 1);
  // Once it yields events again it is read every 3 s.
  std::vector<Duration> late;
  for (Duration t : idle) {
    if (t >= minutes(32) && t < minutes(36)) late.push_back(t);
  }
  ASSERT_GE(late.size(), 2u);
  EXPECT_EQ(harness.CountContaining("[algo-2] line"), 10);
  EXPECT_EQ(harness.CountContaining("[algo-1] line"), 2000);
}

TEST(FollowLogsTest, FailedCallsMidLoopLoseAndRepeatNothing) {
  FollowHarness harness;
  harness.options.instance_count = 2;
  harness.logs.events_page_size = 25;
  ScriptSimpleJob(harness.sagemaker, minutes(20), "Completed", "Completed", 2);
  AddStreams(harness.logs, 2, 1000, minutes(1), Duration(900));
  const Status unavailable = AwsError("ServiceUnavailableException", "try later", 503);
  for (int call : {3, 4, 17, 40, 41, 42, 120, 333}) harness.logs.get_failures[call] = unavailable;
  harness.logs.describe_failures[0] = AwsError("ThrottlingException", "Rate exceeded");
  harness.sagemaker.describe_failures[2] = Status(StatusCode::kUnavailable, "connection reset");
  harness.sagemaker.describe_failures[7] = AwsError("InternalFailure", "oops", 500);

  EXPECT_EQ(harness.Run(), 0);
  ExpectEveryLineOnceInOrder(harness, 2, 1000, /*globally_sorted=*/false);
  // Each failure episode is one warning, and the loop said when the call worked again.
  EXPECT_GE(harness.CountContaining("warning: GetLogEvents failed"), 1);
  EXPECT_LE(harness.CountContaining("warning: GetLogEvents failed"), 6);
  EXPECT_EQ(harness.CountContaining("warning: DescribeLogStreams failed"), 1);
  EXPECT_EQ(harness.CountContaining("warning: DescribeTrainingJob failed"), 2);
  EXPECT_TRUE(harness.Printed("DescribeTrainingJob recovered"));
}

TEST(FollowLogsTest, JobAlreadyFinishedIsDrainedAtOnce) {
  FollowHarness harness;
  harness.clock.Advance(minutes(90));
  ScriptSimpleJob(harness.sagemaker, minutes(20));
  AddStreams(harness.logs, 1, 5000, minutes(1), Duration(100));
  harness.logs.events_page_size = 1000;

  EXPECT_EQ(harness.Run(), 0);
  ExpectEveryLineOnceInOrder(harness, 1, 5000);
  EXPECT_TRUE(harness.clock.sleeps.empty());
}

}  // namespace
}  // namespace sagetrain::testing

namespace sagetrain::testing {
namespace {

// One line a second for 10 minutes, the job polled every 30 s: each line is read within the log
// cadence (3 s), not the poll interval, for at most 20 GetLogEvents a minute; an idle stream costs
// fewer than 10 a minute, and the job's status keeps its own 30 s.
TEST(FollowLogsTest, LinesArriveWithinSecondsOnTheLogsOwnCadence) {
  FollowHarness harness;
  ScriptSimpleJob(harness.sagemaker, minutes(20));
  FakeLogs::Stream stream{"job/algo-1-1700000100", minutes(1), {}};
  for (int i = 0; i < 600; ++i) {
    stream.events.emplace_back(EpochMillis(kStart + minutes(1) + seconds(i)) + 300, "tick " + std::to_string(i));
  }
  harness.logs.streams.push_back(stream);

  EXPECT_EQ(harness.Run(), 0);
  EXPECT_EQ(harness.CountContaining("[algo-1] tick"), 600);
  const auto& reads = harness.logs.get_call_times["job/algo-1-1700000100"];
  // Each line's delay: from its timestamp to the first read at or after it.
  std::vector<std::int64_t> delays;
  for (const auto& [ts, message] : stream.events) {
    const auto first = std::find_if(reads.begin(), reads.end(), [&](Duration t) {
      return EpochMillis(kStart + t) >= ts;
    });
    ASSERT_NE(first, reads.end());
    delays.push_back(EpochMillis(kStart + *first) - ts);
  }
  // The stream's first lines wait for discovery, which backs off (at most 7 s) until the stream
  // appears; from then on, no line waits more than the 3 s cadence.
  for (std::size_t i = 0; i < 7; ++i) EXPECT_LE(delays[i], 10'000) << "line " << i;
  for (std::size_t i = 7; i < delays.size(); ++i) EXPECT_LE(delays[i], 3'000) << "line " << i;
  const auto reads_between = [&](Duration from, Duration to) {
    return std::count_if(reads.begin(), reads.end(), [&](Duration t) { return t >= from && t < to; });
  };
  EXPECT_LE(reads_between(minutes(2), minutes(10)), 8 * 20);  // <= 20 a minute while lines flow
  EXPECT_LT(reads_between(minutes(12), minutes(20)), 8 * 10);  // < 10 a minute while idle
  // The status is described every 30 s (40 times in 20 min, plus the end), whatever the logs do.
  EXPECT_LE(harness.sagemaker.describe_calls, 20 * 2 + 2);
}

}  // namespace
}  // namespace sagetrain::testing
