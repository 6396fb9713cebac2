// Draining a long backlog prints as it reads: a stream far behind (a job's end can leave hundreds of
// thousands of lines) is read one page per stream at a time and each round is printed before the next
// page is fetched, so memory holds about one page per stream and a person sees lines at once.
#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "training/call_warnings.h"
#include "training/follow_fakes.h"
#include "training/job_log.h"
#include "training/log_tailer.h"

namespace sagetrain {
namespace {

using namespace sagetrain::testing;

// Counts printed lines each time a page is asked for.
class RecordingLogs final : public CloudWatchLogsConnection {
 public:
  RecordingLogs(CloudWatchLogsConnection& inner, const std::ostringstream& out) : inner_(inner), out_(out) {}
  StatusOr<nlohmann::json> DescribeLogStreams(const nlohmann::json& request) override {
    return inner_.DescribeLogStreams(request);
  }
  void GetLogEventsPages(const std::vector<nlohmann::json>& requests, std::size_t max_in_flight,
                         const PageCallback& on_page) override {
    const std::string text = out_.str();
    for (std::size_t i = 0; i < requests.size(); ++i) {
      lines_printed_before_call.push_back(std::count(text.begin(), text.end(), '\n'));
    }
    inner_.GetLogEventsPages(requests, max_in_flight, on_page);
  }
  std::vector<long> lines_printed_before_call;

 private:
  CloudWatchLogsConnection& inner_;
  const std::ostringstream& out_;
};

TEST(LogTailerPagingTest, DrainPrintsEachPageRoundBeforeFetchingTheNext) {
  FakeClock clock(kStart);
  FakeLogs fake(clock);
  fake.events_page_size = 10;
  for (int instance = 1; instance <= 2; ++instance) {
    FakeLogs::Stream stream{"job/algo-" + std::to_string(instance) + "-1700000000", Duration(0), {}};
    for (int line = 0; line < 50; ++line) {
      stream.events.push_back({EpochMillis(kStart) + line, "line " + std::to_string(line)});
    }
    fake.streams.push_back(stream);
  }
  clock.Advance(Duration(1'000));  // every event visible: the job has ended

  std::ostringstream out;
  RecordingLogs logs(fake, out);
  JobLog log(out, clock);
  CallWarnings warnings(log);
  LogTailer tailer(logs, log, warnings, LogTailerOptions{"job", 2});
  tailer.Drain(clock.Now());

  const std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 100);  // every line once
  // 2 streams x (5 pages + the page that answers the same token): 12 reads in 6 rounds of 2.
  ASSERT_EQ(logs.lines_printed_before_call.size(), 12u);
  for (std::size_t call = 0; call < 12; ++call) {
    const long round = static_cast<long>(call / 2);
    EXPECT_EQ(logs.lines_printed_before_call[call], std::min(round, 5L) * 20) << "read " << call;
  }
}

}  // namespace
}  // namespace sagetrain

namespace sagetrain {
namespace {

using namespace sagetrain::testing;

struct DrainSetup {
  FakeClock clock{kStart};
  FakeLogs fake{clock};
  std::ostringstream out;
  JobLog log{out, clock};
  CallWarnings warnings{log};

  explicit DrainSetup(int lines) {
    fake.events_page_size = 10;
    FakeLogs::Stream stream{"job/algo-1-1700000000", Duration(0), {}};
    for (int line = 0; line < lines; ++line) stream.events.push_back({EpochMillis(kStart) + line, "line " + std::to_string(line)});
    fake.streams.push_back(stream);
    clock.Advance(Duration(1'000));
  }
  long Printed(const std::string& needle) const {
    long count = 0;
    std::istringstream in(out.str());
    for (std::string line; std::getline(in, line);) count += line.find(needle) != std::string::npos ? 1 : 0;
    return count;
  }
};

// Failures scattered over a long drain (each followed by a good read) never give a stream up.
TEST(LogTailerPagingTest, ScatteredFailuresDuringTheDrainLoseNoLine) {
  DrainSetup setup(200);  // 20 pages
  for (int call = 1; call < 40; call += 3) setup.fake.get_failures[call] = AwsError("InternalFailure", "boom", 500);
  LogTailer tailer(setup.fake, setup.log, setup.warnings, LogTailerOptions{"job", 1});
  tailer.Drain(setup.clock.Now());
  EXPECT_EQ(setup.Printed("] line "), 200);
  EXPECT_EQ(setup.Printed("gave up reading"), 0);
}

// A stream that keeps failing is left, and the log says its lines were not printed and where they are.
TEST(LogTailerPagingTest, PersistentFailureIsReportedWhenTheDrainGivesUp) {
  DrainSetup setup(30);
  for (int call = 1; call < 100; ++call) setup.fake.get_failures[call] = AwsError("InternalFailure", "boom", 500);
  LogTailer tailer(setup.fake, setup.log, setup.warnings, LogTailerOptions{"job", 1});
  tailer.Drain(setup.clock.Now());
  EXPECT_EQ(setup.Printed("] line "), 10);  // the first page, before the failures began
  EXPECT_EQ(setup.Printed("gave up reading log stream job/algo-1-1700000000 after 5 failed reads in a row"), 1);
  EXPECT_EQ(setup.Printed("remaining lines are in CloudWatch Logs group /aws/sagemaker/TrainingJobs"), 1);
}

}  // namespace
}  // namespace sagetrain

namespace sagetrain {
namespace {

using namespace sagetrain::testing;

// Two spot restarts known at once (seen in one poll, before the second attempt's streams were found):
// discovery goes on until every attempt's streams are known, so the third attempt's lines are printed.
TEST(LogTailerPagingTest, DiscoveryWaitsForTheStreamsOfEveryAttempt) {
  FakeClock clock{kStart};
  FakeLogs fake{clock};
  for (int attempt = 1; attempt <= 3; ++attempt) {
    for (int instance = 1; instance <= 2; ++instance) {
      const Duration visible(attempt == 3 ? 60'000 : 0);
      FakeLogs::Stream stream{"job/algo-" + std::to_string(instance) + "-" + std::to_string(1700000000 + attempt),
                              visible, {}};
      stream.events.push_back({EpochMillis(kStart + visible), "attempt " + std::to_string(attempt)});
      fake.streams.push_back(stream);
    }
  }
  std::ostringstream out;
  JobLog log(out, clock);
  CallWarnings warnings(log);
  LogTailer tailer(fake, log, warnings, LogTailerOptions{"job", 2});
  tailer.ExpectAttempts(3);
  tailer.Poll(clock.Now());
  EXPECT_EQ(tailer.stream_names().size(), 4u);
  clock.Advance(Duration(60'000));
  tailer.Poll(clock.Now());
  EXPECT_EQ(tailer.stream_names().size(), 6u);
  const int describes = fake.describe_calls;
  clock.Advance(Duration(30'000));
  tailer.Poll(clock.Now());
  EXPECT_EQ(fake.describe_calls, describes);  // every stream known: no more DescribeLogStreams
  const std::string text = out.str();
  size_t third = 0;
  for (size_t at = text.find("attempt 3"); at != std::string::npos; at = text.find("attempt 3", at + 1)) ++third;
  EXPECT_EQ(third, 2u);
}

}  // namespace
}  // namespace sagetrain

namespace sagetrain {
namespace {

using namespace sagetrain::testing;

// Each read takes 100 ms during which the stream gains two lines (a chatty job): it is never caught
// up, so only the round's cut-off bounds a Poll.
class SlowReads final : public CloudWatchLogsConnection {
 public:
  SlowReads(FakeLogs& inner, FakeClock& clock) : inner_(inner), clock_(clock) {}
  StatusOr<nlohmann::json> DescribeLogStreams(const nlohmann::json& request) override {
    return inner_.DescribeLogStreams(request);
  }
  void GetLogEventsPages(const std::vector<nlohmann::json>& requests, std::size_t max_in_flight,
                         const PageCallback& on_page) override {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      clock_.Advance(Duration(100));
      inner_.GetLogEventsPages({requests[i]}, max_in_flight,
                               [&](std::size_t, StatusOr<LogEventsPage> page) { on_page(i, std::move(page)); });
    }
  }

 private:
  FakeLogs& inner_;
  FakeClock& clock_;
};

TEST(LogTailerPagingTest, APollStopsAtLinesWrittenAfterItBeganAndTheDrainGetsTheRest) {
  FakeClock clock{kStart};
  FakeLogs fake{clock};
  fake.events_page_size = 10;
  FakeLogs::Stream stream{"job/algo-1-1700000000", Duration(0), {}};
  for (int line = 0; line < 2000; ++line) {  // one line every 50 ms for 100 s
    stream.events.push_back({EpochMillis(kStart) + 50 * line, "line " + std::to_string(line)});
  }
  fake.streams.push_back(stream);
  SlowReads logs(fake, clock);
  std::ostringstream out;
  JobLog log(out, clock);
  CallWarnings warnings(log);
  LogTailerOptions options{"job", 1};
  options.backlog_events = 10;  // every full page of 10 is a backlog page: read on at once
  LogTailer tailer(logs, log, warnings, options);

  clock.Advance(Duration(2'000));  // 41 lines written (0 .. 2.0 s)
  tailer.Poll(clock.Now());
  // Pages of 10 up to the first event at or after the Poll's start (2.0 s): 5 reads, not the 50-page
  // cap that chasing a stream that never catches up would take.
  EXPECT_EQ(fake.get_calls, 5);
  const std::string polled = out.str();
  EXPECT_NE(polled.find("] line 40\n"), std::string::npos);
  EXPECT_EQ(polled.find("] line 50\n"), std::string::npos);

  clock.Advance(Duration(200'000));  // the job has ended: every line written
  tailer.Drain(clock.Now());
  const std::string text = out.str();
  long printed = 0;
  for (std::size_t at = text.find("] line "); at != std::string::npos; at = text.find("] line ", at + 1)) ++printed;
  EXPECT_EQ(printed, 2000);  // every line, once
}

}  // namespace
}  // namespace sagetrain

namespace sagetrain {
namespace {

using namespace sagetrain::testing;

// What a reader of the pod log sees is what was flushed: records the text at each flush.
class FlushRecordingBuffer : public std::stringbuf {
 public:
  std::vector<std::string> seen_at_flush;

 protected:
  int sync() override {
    seen_at_flush.push_back(str());
    return std::stringbuf::sync();
  }
};

// Lines are written in pieces and flushed per round, not per line: still, everything a Poll printed
// has been flushed when it returns (the follower then sleeps a poll interval), and a round of many
// pages is flushed page by page, not at the end.
TEST(LogTailerPagingTest, EveryLineAPollPrintsIsFlushedBeforeItReturns) {
  FakeClock clock{kStart};
  FakeLogs fake{clock};
  fake.events_page_size = 1000;
  for (int instance = 1; instance <= 2; ++instance) {
    FakeLogs::Stream stream{"job/algo-" + std::to_string(instance) + "-1700000000", Duration(0), {}};
    for (int line = 0; line < 5000; ++line) {
      stream.events.push_back({EpochMillis(kStart) + line / 10, "instance " + std::to_string(instance) +
                                                                    " line " + std::to_string(line)});
    }
    fake.streams.push_back(stream);
  }
  clock.Advance(Duration(10'000));
  FlushRecordingBuffer buffer;
  std::ostream out(&buffer);
  JobLog log(out, clock);
  CallWarnings warnings(log);
  LogTailer tailer(fake, log, warnings, LogTailerOptions{"job", 2});
  tailer.Poll(clock.Now());

  ASSERT_FALSE(buffer.seen_at_flush.empty());
  EXPECT_EQ(buffer.seen_at_flush.back(), buffer.str());  // nothing printed is held back
  const std::string& all = buffer.str();
  EXPECT_EQ(std::count(all.begin(), all.end(), '\n'), 10'000);
  EXPECT_GE(buffer.seen_at_flush.size(), 5u);  // 5 rounds of one 1,000-event page per stream
}

}  // namespace
}  // namespace sagetrain

namespace sagetrain {
namespace {

using namespace sagetrain::testing;

// Pages arrive in whatever order the network delivers them: this one hands each round's pages over
// last first, and records how many reads the tailer allowed on the wire at once.
class ReversedArrivals final : public CloudWatchLogsConnection {
 public:
  explicit ReversedArrivals(CloudWatchLogsConnection& inner) : inner_(inner) {}
  StatusOr<nlohmann::json> DescribeLogStreams(const nlohmann::json& request) override {
    return inner_.DescribeLogStreams(request);
  }
  void GetLogEventsPages(const std::vector<nlohmann::json>& requests, std::size_t max_in_flight,
                         const PageCallback& on_page) override {
    limits.push_back(max_in_flight);
    round_sizes.push_back(requests.size());
    std::vector<StatusOr<LogEventsPage>> pages(requests.size(), Status(StatusCode::kInternal, "unanswered"));
    inner_.GetLogEventsPages(requests, max_in_flight,
                             [&](std::size_t i, StatusOr<LogEventsPage> page) { pages[i] = std::move(page); });
    for (std::size_t i = pages.size(); i-- > 0;) on_page(i, std::move(pages[i]));
  }
  std::vector<std::size_t> limits;
  std::vector<std::size_t> round_sizes;

 private:
  CloudWatchLogsConnection& inner_;
};

struct Drained {
  std::string text;
  std::vector<std::size_t> limits;       // empty when read without ReversedArrivals
  std::vector<std::size_t> round_sizes;
};

// Three instances whose lines interleave in time, 25 lines each, read in pages of 10.
Drained DrainThreeInstances(bool reversed) {
  FakeClock clock(kStart);
  FakeLogs fake(clock);
  fake.events_page_size = 10;
  for (int instance = 1; instance <= 3; ++instance) {
    FakeLogs::Stream stream{"job/algo-" + std::to_string(instance) + "-1700000000", Duration(0), {}};
    for (int line = 0; line < 25; ++line) {
      stream.events.push_back({EpochMillis(kStart) + 3 * line + instance, "line " + std::to_string(line)});
    }
    fake.streams.push_back(stream);
  }
  clock.Advance(Duration(1'000));
  std::ostringstream out;
  JobLog log(out, clock);
  CallWarnings warnings(log);
  ReversedArrivals arrivals(fake);
  CloudWatchLogsConnection& logs = reversed ? static_cast<CloudWatchLogsConnection&>(arrivals) : fake;
  LogTailer tailer(logs, log, warnings, LogTailerOptions{"job", 3});
  tailer.Drain(clock.Now());
  return {out.str(), arrivals.limits, arrivals.round_sizes};
}

TEST(LogTailerRoundsTest, TheOrderPagesArriveInChangesNothingPrinted) {
  const Drained in_order = DrainThreeInstances(false);
  const Drained reversed = DrainThreeInstances(true);
  EXPECT_EQ(std::count(in_order.text.begin(), in_order.text.end(), '\n'), 75);
  EXPECT_EQ(reversed.text, in_order.text);
  // Every round asks for one page of each stream still being read, at most four on the wire at once.
  EXPECT_EQ(reversed.round_sizes, (std::vector<std::size_t>{3, 3, 3, 3}));
  EXPECT_EQ(reversed.limits, (std::vector<std::size_t>{4, 4, 4, 4}));
}

}  // namespace
}  // namespace sagetrain
