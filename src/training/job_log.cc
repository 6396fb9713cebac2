#include "training/job_log.h"

#include <string>

#include "training/utc_time.h"

namespace sagetrain {

void JobLog::Line(std::string_view text) { LineAt(clock_.Now(), text); }

void JobLog::LineAt(WallTime at, std::string_view text) {
  AppendLineAt(at, text);
  Flush();
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

void JobLog::AppendLineAt(WallTime at, std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  const std::string& stamp = StampOf(at);
  // Continuation lines keep the stamp so that every line of the pod log is self-describing.
  appended_since_flush_ = true;
  std::string& block = pending_;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    std::string_view piece = text.substr(start, end == std::string_view::npos ? text.npos : end - start);
    if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
    block += stamp;
    block += piece;
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
