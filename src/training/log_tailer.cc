#include "training/log_tailer.h"

#include <algorithm>
#include <set>

#include "training/log_pages.h"
#include "training/utc_time.h"

namespace sagetrain {

LogTailer::LogTailer(CloudWatchLogsConnection& logs, JobLog& log, CallWarnings& warnings,
                     LogTailerOptions options)
    : logs_(logs),
      log_(log),
      warnings_(warnings),
      options_(std::move(options)),
      expected_streams_(static_cast<std::size_t>(std::max(options_.instance_count, 1))) {}

void LogTailer::ExpectRestart() {
  // Before any stream exists the first streams are still to come; afterwards each instance adds one.
  if (cursors_.empty()) return;
  expected_streams_ = std::max(expected_streams_,
                               cursors_.size() + static_cast<std::size_t>(options_.instance_count));
}

std::vector<std::string> LogTailer::stream_names() const {
  std::vector<std::string> names;
  for (const auto& cursor : cursors_) names.push_back(cursor.stream_name);
  return names;
}

void LogTailer::DiscoverIfNeeded() {
  if (cursors_.size() >= expected_streams_) return;
  std::set<std::string> known;
  for (const auto& cursor : cursors_) known.insert(cursor.stream_name);
  nlohmann::json request = {{"logGroupName", kTrainingJobLogGroup},
                            {"logStreamNamePrefix", options_.job_name + "/"}};
  for (int page = 0; page < options_.max_describe_pages; ++page) {
    auto answer = logs_.DescribeLogStreams(request);
    if (!answer.ok()) {
      // The group appears with the job's first log line; until then there is nothing to read.
      if (answer.status().aws_code() == "ResourceNotFoundException") return;
      warnings_.Failed("DescribeLogStreams", answer.status());
      return;
    }
    warnings_.Succeeded("DescribeLogStreams");
    auto parsed = ParseLogStreamsPage(*answer);
    if (!parsed.ok()) {
      warnings_.Failed("DescribeLogStreams", parsed.status());
      return;
    }
    for (const auto& name : parsed->stream_names) {
      if (!known.insert(name).second) continue;
      cursors_.push_back(Cursor{name, InstanceLabelOfStream(name), "", 0, WallTime{}, false});
    }
    if (!parsed->next_token) return;
    request["nextToken"] = *parsed->next_token;
  }
}

Status LogTailer::ReadForward(Cursor& cursor, int max_pages, std::vector<InstanceLogEvent>& out) {
  cursor.caught_up = false;
  for (int page = 0; page < max_pages; ++page) {
    nlohmann::json request = {{"logGroupName", kTrainingJobLogGroup},
                              {"logStreamName", cursor.stream_name},
                              {"startFromHead", true}};
    if (!cursor.token.empty()) request["nextToken"] = cursor.token;
    auto answer = logs_.GetLogEvents(request);
    if (!answer.ok()) return answer.status();
    auto parsed = ParseLogEventsPage(*answer);
    if (!parsed.ok()) return parsed.status();
    for (auto& event : parsed->events) {
      out.push_back({event.timestamp_ms, cursor.instance, std::move(event.message)});
    }
    const bool same_token = parsed->next_forward_token.empty() || parsed->next_forward_token == cursor.token;
    if (!parsed->next_forward_token.empty()) cursor.token = parsed->next_forward_token;
    if (same_token) {
      cursor.caught_up = true;
      return OkStatus();
    }
  }
  return OkStatus();
}

void LogTailer::NoteRead(Cursor& cursor, WallTime now, bool had_events) {
  if (had_events) {
    cursor.idle_rounds = 0;
    cursor.next_due = now;
    return;
  }
  // One empty round is normal between bursts; back off from the second on (2, 3, ... polls), since a
  // stream read late may print its lines after newer lines of other instances.
  cursor.idle_rounds = std::min(cursor.idle_rounds + 1, options_.max_idle_factor);
  const int factor = std::clamp(cursor.idle_rounds, 1, options_.max_idle_factor);
  cursor.next_due = now + options_.poll_interval * factor;
}

void LogTailer::Poll(WallTime now) {
  DiscoverIfNeeded();
  std::vector<std::vector<InstanceLogEvent>> per_stream(cursors_.size());
  for (std::size_t i = 0; i < cursors_.size(); ++i) {
    Cursor& cursor = cursors_[i];
    if (now < cursor.next_due) continue;
    Status read = ReadForward(cursor, options_.max_pages_per_round, per_stream[i]);
    if (read.ok()) {
      warnings_.Succeeded("GetLogEvents");
    } else {
      warnings_.Failed("GetLogEvents", read.WithContext(cursor.stream_name));
    }
    // A stream that failed is read again next round whatever it yielded.
    NoteRead(cursor, now, !per_stream[i].empty() || !read.ok());
  }
  Print(std::move(per_stream));
}

void LogTailer::Drain(WallTime now, int attempts) {
  DiscoverIfNeeded();
  std::vector<std::vector<InstanceLogEvent>> per_stream(cursors_.size());
  constexpr int kUnboundedPages = 1'000'000;
  for (std::size_t i = 0; i < cursors_.size(); ++i) {
    Status read;
    for (int attempt = 0; attempt < attempts; ++attempt) {
      read = ReadForward(cursors_[i], kUnboundedPages, per_stream[i]);
      if (read.ok()) break;
    }
    if (!read.ok()) {
      warnings_.Failed("GetLogEvents", read.WithContext(cursors_[i].stream_name + " (final read)"));
    }
    NoteRead(cursors_[i], now, !per_stream[i].empty());
  }
  Print(std::move(per_stream));
}

void LogTailer::Print(std::vector<std::vector<InstanceLogEvent>> per_stream) {
  for (auto& event : MergeByTimestamp(std::move(per_stream))) {
    log_.LineAt(WallTimeFromEpochMillis(event.timestamp_ms), "[" + event.instance + "] " + event.message);
  }
}

}  // namespace sagetrain
