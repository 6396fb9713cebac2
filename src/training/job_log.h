#pragma once
// JobLog: the log a person reads (in the KFP UI or a terminal). Every line starts with a UTC timestamp
// ("2026-11-29T12:00:00Z "), is written whole to the injected stream and flushed at once, so a reader
// tailing the pod log sees it live. A message spanning several lines is written as several lines with
// the same prefix; trailing newlines are dropped. Remembers when it last wrote, for the heartbeat.
//
// Callers never pass secrets: this layer only sees job names, statuses and the job's own log lines.
// Not thread-safe.
#include <optional>
#include <ostream>
#include <string_view>

#include "common/clock.h"

namespace sagetrain {

class JobLog {
 public:
  // REQUIRES: `out` and `clock` outlive the JobLog.
  JobLog(std::ostream& out, Clock& clock) : out_(out), clock_(clock) {}

  // A line stamped with the current time.
  void Line(std::string_view text);
  // A line stamped with `at` (a CloudWatch event's own time), e.g. "[algo-1] epoch 3 ...".
  void LineAt(WallTime at, std::string_view text);

  // When the last line was written (by the clock, whatever its stamp); nullopt before the first.
  std::optional<WallTime> last_write() const { return last_write_; }

 private:
  std::ostream& out_;
  Clock& clock_;
  std::optional<WallTime> last_write_;
};

}  // namespace sagetrain
