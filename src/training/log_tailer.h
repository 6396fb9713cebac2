#pragma once
// LogTailer: follows the CloudWatch log streams of one training job (group /aws/sagemaker/TrainingJobs,
// streams "<job>/algo-N-<epoch>") and prints every event exactly once, the lines of all instances
// interleaved by timestamp and prefixed "[algo-N]".
//
// Contract:
// - Streams are discovered (DescribeLogStreams, prefix "<job>/", every page) only while fewer streams
//   are known than expected: `instance_count` per attempt (ExpectAttempts: 1 + spot restarts).
//   A missing log group (ResourceNotFoundException) is not an error: the job has not logged yet.
//   Discovery that finds nothing new backs off from `read_interval` to `max_discovery_interval`.
// - Each stream is read forward from its head (GetLogEvents, startFromHead, nextForwardToken); a page
//   whose token equals the one sent means the stream is caught up. A stream's position only moves
//   once its events are held for printing, so a failed call loses and repeats nothing. A round reads
//   one page of every stream due, up to `max_concurrent_reads` requests on the wire at once; what is
//   printed does not depend on the order the pages arrive in.
// - Cadence (the logs' own, apart from the job's status polls): a stream is due every
//   `read_interval` while it yields lines; one that yielded nothing twice in a row, or whose read
//   failed, waits twice as long each time, up to `max_idle_interval`, and is back to `read_interval`
//   as soon as it yields. A Poll reads one page of each due stream; it reads on at once only while the
//   pages are backlog pages (`backlog_events` events or more), and until the page cap, so a stream that
//   gains a line between every two reads costs one request a round. NextDue() says when to Poll next.
//   Drain reads everything.
// Not thread-safe; one per followed job.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "training/call_warnings.h"
#include "training/job_log.h"
#include "training/log_merge.h"
#include "training/log_pages.h"
#include "training/sagemaker_connection.h"

namespace sagetrain {

inline constexpr char kTrainingJobLogGroup[] = "/aws/sagemaker/TrainingJobs";

// Sees every log event as it is printed: its instance label ("algo-1"), its timestamp (epoch ms) and
// its raw message (as CloudWatch holds it, before any display escaping).
using LogEventCallback =
    std::function<void(std::string_view instance, std::int64_t timestamp_ms, std::string_view message)>;

struct LogTailerOptions {
  std::string job_name;
  int instance_count = 1;           // default 1
  Duration read_interval{3'000};      // default 3 s: a stream with lines flowing is read this often
  Duration max_idle_interval{15'000}; // default 15 s: the longest wait of an idle stream
  // default 7 s: the longest wait between discoveries (a job's first lines wait for its stream to be
  // found; under 10 DescribeLogStreams a minute while a job starts)
  Duration max_discovery_interval{7'000};
  int backlog_events = 1'000;         // default 1,000: a page this full is read on at once
  int max_pages_per_round = 50;       // default 50 pages per stream per Poll, to keep rounds short
  int max_describe_pages = 100;     // default 100 DescribeLogStreams pages per discovery
  // default 4: GetLogEvents calls of different streams on the wire at once. Overlaps the service's
  // latency per page (tens of ms) across instances, while a round of four stays well inside
  // CloudWatch Logs' GetLogEvents quota (25 per second per account and Region); the client sends
  // fewer at once after throttling.
  int max_concurrent_reads = 4;
  LogEventCallback on_event = nullptr;  // default none
};

class LogTailer {
 public:
  // REQUIRES: every reference outlives the tailer; options.instance_count >= 1.
  LogTailer(CloudWatchLogsConnection& logs, JobLog& log, CallWarnings& warnings,
            LogTailerOptions options);

  // One round at `now`: discovery if needed and due, then a page of every stream that is due (more
  // while they are backlog pages), its events printed merged by timestamp.
  void Poll(WallTime now);
  // When the next Poll has something to do: the earliest due stream or discovery.
  WallTime NextDue() const;

  // After the job ended: discovery if needed, then every stream read to its end regardless of
  // back-off. A stream whose reads fail `attempts` times in a row (each already retried by the
  // client) is left, with a warning saying its remaining lines were not printed.
  void Drain(WallTime now, int attempts = 5);

  // The job is on its `attempts`-th attempt (1 + spot restarts): every instance writes one stream per
  // attempt, so discovery goes on until instance_count x attempts streams are known. Idempotent.
  void ExpectAttempts(int attempts);

  std::vector<std::string> stream_names() const;

 private:
  struct Cursor {
    std::string stream_name;
    std::string instance;
    std::string token;  // "" before the first page
    int idle_rounds = 0;
    Duration interval{0};  // the wait before the next read
    WallTime next_due{};
    bool caught_up = false;  // the last read ended at the stream's end
  };

  bool Discovering() const { return cursors_.size() < expected_streams_; }
  // Returns whether a stream was found.
  bool DiscoverIfNeeded();
  struct StreamOutcome {
    bool had_events = false;
    Status status;  // the last read's
  };
  // Reads the `active` streams forward in rounds of one page each, printing every round, until each
  // is caught up, has failed `attempts` times, or `max_pages` rounds have passed; with `cut_off`
  // also once it returned a page that is not a backlog page or holds an event at or after `cut_off`.
  std::vector<StreamOutcome> ReadInPageRounds(std::vector<bool> active, int max_pages, int attempts,
                                              std::optional<WallTime> cut_off);
  // The next wait after a wait of `interval` that saw nothing.
  Duration BackedOff(Duration interval) const;

  // The GetLogEvents request for the next page of `cursor`'s stream.
  static nlohmann::json PageRequest(const Cursor& cursor);
  // Moves `cursor` past `page`, its stream's next page.
  static void Advance(Cursor& cursor, const LogEventsPage& page);
  // Prints one round: page i is cursors_[i]'s.
  void Print(const std::vector<LogEventsPage>& per_stream);
  void NoteRead(Cursor& cursor, WallTime now, bool had_events);

  CloudWatchLogsConnection& logs_;
  JobLog& log_;
  CallWarnings& warnings_;
  LogTailerOptions options_;
  std::size_t expected_streams_;
  std::vector<Cursor> cursors_;
  WallTime next_discovery_{};
  Duration discovery_interval_{0};
};

}  // namespace sagetrain
