#pragma once
// JobLog: the log a person reads (in the KFP UI or a terminal). Every line starts with a UTC timestamp
// ("2026-11-29T12:00:00Z "), is written whole to the injected stream and flushed at once, so a reader
// tailing the pod log sees it live; a batch of log events is written line by line and flushed once at
// its end (one write for a page of events, not one per line). Remembers when it last wrote, for the
// heartbeat.
//
// The log shows what was said and nothing else: a message spanning several lines is written as
// several lines, each with the stamp and the event's prefix (a job cannot forge an "[algo-2]" or a
// summary line), a line of the program's own (which may quote a status message, a failure reason or
// a service's message) as several lines each continuation after "  | "; trailing line breaks are
// dropped; every other control character is made visible
// (common/visible_text.h). With a SecretRedactor, the program's own lines (which may quote a
// service's message) are redacted in full and the job's lines by value (common/secret_redaction.h).
// Not thread-safe.
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/secret_redaction.h"

namespace sagetrain {

class JobLog {
 public:
  // REQUIRES: `out`, `clock` and `redactor` (null: nothing to redact) outlive the JobLog.
  JobLog(std::ostream& out, Clock& clock, const SecretRedactor* redactor = nullptr)
      : out_(out), clock_(clock), redactor_(redactor) {}
  ~JobLog() { Flush(); }  // a batch left unflushed by an early return is still printed
  JobLog(const JobLog&) = delete;
  JobLog& operator=(const JobLog&) = delete;

  // A line of the program's own, stamped with the current time.
  void Line(std::string_view text);
  // A log event of the job, stamped with `at` (its own time), each of its lines after `prefix`
  // (e.g. "[algo-1] "), without the flush: for a batch of lines printed at once, followed by
  // Flush(). Until then the lines may be held back, so Flush() before waiting for anything.
  void AppendEventAt(WallTime at, std::string_view prefix, std::string_view message);
  // Writes every appended line and flushes the stream.
  void Flush();

  // When the last line was written (by the clock, whatever its stamp); nullopt before the first.
  std::optional<WallTime> last_write() const { return last_write_; }

 private:
  std::ostream& out_;
  Clock& clock_;
  const SecretRedactor* redactor_;
  std::optional<WallTime> last_write_;
  // The stamp of the last second formatted: consecutive log events mostly share their second.
  std::optional<long long> stamped_second_;
  std::string stamp_;

  // Appended lines not yet handed to `out_`, and whether any line came since the last Flush().
  std::string pending_;
  bool appended_since_flush_ = false;

  const std::string& StampOf(WallTime at);
  void AppendLines(WallTime at, std::string_view prefix, std::string_view continuation, std::string_view text);
  void WritePending();
};

}  // namespace sagetrain
