#include "training/job_log.h"

#include <string>

#include "common/visible_text.h"
#include "training/utc_time.h"

namespace sagetrain {
namespace {

// Before each continuation line of a line of the program's own (a status message, a failure reason or
// a service's message spanning lines), so that none passes for a log event or a summary line.
constexpr std::string_view kContinuation = "  | ";

}  // namespace

void JobLog::Line(std::string_view text) {
  if (redactor_ != nullptr) {
    AppendLines(clock_.Now(), "", kContinuation, redactor_->Redact(text));
  } else {
    AppendLines(clock_.Now(), "", kContinuation, text);
  }
  Flush();
}

void JobLog::AppendEventAt(WallTime at, std::string_view prefix, std::string_view message) {
  if (redactor_ != nullptr && redactor_->MentionsAny(message)) {
    return AppendLines(at, prefix, prefix, redactor_->RedactValues(message));
  }
  AppendLines(at, prefix, prefix, message);
}

void JobLog::Flush() {
  WritePending();
  out_.flush();
  // Only lines count as output: a round of reads that printed nothing must not hold off the heartbeat.
  if (appended_since_flush_) last_write_ = clock_.Now();
  appended_since_flush_ = false;
}

void JobLog::WritePending() {
  out_.write(pending_.data(), static_cast<std::streamsize>(pending_.size()));
  pending_.clear();
}

const std::string& JobLog::StampOf(WallTime at) {
  const long long second = std::chrono::floor<std::chrono::seconds>(at.time_since_epoch()).count();
  if (stamped_second_ != second) {
    stamp_ = FormatUtc(at) + " ";
    stamped_second_ = second;
  }
  return stamp_;
}

void JobLog::AppendLines(WallTime at, std::string_view prefix, std::string_view continuation,
                         std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  const std::string& stamp = StampOf(at);
  // Continuation lines keep the stamp and the prefix so that every line of the pod log is
  // self-describing and none can pass for another instance's or the program's own.
  appended_since_flush_ = true;
  std::string& block = pending_;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    std::string_view piece = text.substr(start, end == std::string_view::npos ? text.npos : end - start);
    if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
    block += stamp;
    block += start == 0 ? prefix : continuation;
    AppendVisible(block, piece);
    block += '\n';
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  // Lines collect in one buffer, written in pieces of ~64 KiB: a 10,000-event page becomes a dozen
  // writes instead of 10,000, with the memory of one piece.
  constexpr std::size_t kWriteAbove = 64 * 1024;
  if (pending_.size() >= kWriteAbove) WritePending();
}

}  // namespace sagetrain
