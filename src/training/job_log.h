#pragma once
// JobLog: the log a person reads (in the KFP UI or a terminal). Every line starts with a UTC timestamp
// ("2026-11-29T12:00:00Z "), is written whole to the injected stream and flushed at once, so a reader
// tailing the pod log sees it live; a batch of log events is written line by line and flushed once at
// its end (one write for a page of events, not one per line). A message spanning several lines is written as several lines with
// the same prefix; trailing newlines are dropped. Remembers when it last wrote, for the heartbeat.
//
// Callers never pass secrets: this layer only sees job names, statuses and the job's own log lines.
// Not thread-safe.
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace sagetrain {

class JobLog {
 public:
  // REQUIRES: `out` and `clock` outlive the JobLog.
  JobLog(std::ostream& out, Clock& clock) : out_(out), clock_(clock) {}
  ~JobLog() { Flush(); }  // a batch left unflushed by an early return is still printed
  JobLog(const JobLog&) = delete;
  JobLog& operator=(const JobLog&) = delete;

  // A line stamped with the current time.
  void Line(std::string_view text);
  // A line stamped with `at` (a CloudWatch event's own time), e.g. "[algo-1] epoch 3 ...".
  void LineAt(WallTime at, std::string_view text);
  // As LineAt, without the flush: for a batch of lines printed at once, followed by Flush(). Until
  // then the lines may be held back, so Flush() before waiting for anything.
  void AppendLineAt(WallTime at, std::string_view text);
  // Writes every appended line and flushes the stream.
  void Flush();

  // When the last line was written (by the clock, whatever its stamp); nullopt before the first.
  std::optional<WallTime> last_write() const { return last_write_; }

 private:
  std::ostream& out_;
  Clock& clock_;
  std::optional<WallTime> last_write_;
  // The stamp of the last second formatted: consecutive log events mostly share their second.
  std::optional<long long> stamped_second_;
  std::string stamp_;

  // Appended lines not yet handed to `out_`, and whether any line came since the last Flush().
  std::string pending_;
  bool appended_since_flush_ = false;

  const std::string& StampOf(WallTime at);
  void WritePending();
};

}  // namespace sagetrain
