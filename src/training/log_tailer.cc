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

void LogTailer::ExpectAttempts(int attempts) {
  expected_streams_ = std::max(expected_streams_, static_cast<std::size_t>(options_.instance_count) *
                                                      static_cast<std::size_t>(std::max(attempts, 1)));
}

std::vector<std::string> LogTailer::stream_names() const {
  std::vector<std::string> names;
  for (const auto& cursor : cursors_) names.push_back(cursor.stream_name);
  return names;
}

bool LogTailer::DiscoverIfNeeded() {
  if (!Discovering()) return false;
  const std::size_t known_before = cursors_.size();
  std::set<std::string> known;
  for (const auto& cursor : cursors_) known.insert(cursor.stream_name);
  nlohmann::json request = {{"logGroupName", kTrainingJobLogGroup},
                            {"logStreamNamePrefix", options_.job_name + "/"}};
  for (int page = 0; page < options_.max_describe_pages; ++page) {
    auto answer = logs_.DescribeLogStreams(request);
    if (!answer.ok()) {
      // The group appears with the job's first log line; until then there is nothing to read.
      if (answer.status().aws_code() != "ResourceNotFoundException") {
        warnings_.Failed("DescribeLogStreams", answer.status());
      }
      break;
    }
    warnings_.Succeeded("DescribeLogStreams");
    auto parsed = ParseLogStreamsPage(*answer);
    if (!parsed.ok()) {
      warnings_.Failed("DescribeLogStreams", parsed.status());
      break;
    }
    for (const auto& name : parsed->stream_names) {
      if (!known.insert(name).second) continue;
      cursors_.push_back(Cursor{name, InstanceLabelOfStream(name), "", 0, Duration(0), WallTime{}, false});
    }
    if (!parsed->next_token) break;
    request["nextToken"] = *parsed->next_token;
  }
  return cursors_.size() > known_before;
}

Duration LogTailer::BackedOff(Duration interval) const {
  return std::clamp(interval * 2, options_.read_interval, options_.max_idle_interval);
}

WallTime LogTailer::NextDue() const {
  WallTime due = WallTime::max();
  if (Discovering()) due = next_discovery_;
  for (const auto& cursor : cursors_) due = std::min(due, cursor.next_due);
  return due;
}

nlohmann::json LogTailer::PageRequest(const Cursor& cursor) {
  nlohmann::json request = {{"logGroupName", kTrainingJobLogGroup},
                            {"logStreamName", cursor.stream_name},
                            {"startFromHead", true}};
  if (!cursor.token.empty()) request["nextToken"] = cursor.token;
  return request;
}

void LogTailer::Advance(Cursor& cursor, const LogEventsPage& page) {
  // The service answers the token it was given once the stream has nothing newer: caught up.
  cursor.caught_up = page.next_forward_token.empty() || page.next_forward_token == cursor.token;
  if (!page.next_forward_token.empty()) cursor.token = page.next_forward_token;
}

void LogTailer::NoteRead(Cursor& cursor, WallTime now, bool had_events) {
  if (had_events) {
    cursor.idle_rounds = 0;
    cursor.interval = options_.read_interval;
  } else if (++cursor.idle_rounds >= 2) {
    // One empty round is normal between bursts; from the second on, wait longer each time.
    cursor.interval = BackedOff(cursor.interval);
  }
  cursor.interval = std::max(cursor.interval, options_.read_interval);
  cursor.next_due = now + cursor.interval;
}

// Streams are read one page at a time, all of them (their requests on the wire together), and each
// such round is merged and printed before the next: memory holds at most one page per stream however
// far behind the log is (a job's end can leave hundreds of thousands of lines to drain), and
// instances stay interleaved.
std::vector<LogTailer::StreamOutcome> LogTailer::ReadInPageRounds(std::vector<bool> active,
                                                                  int max_pages, int attempts,
                                                                  std::optional<WallTime> cut_off) {
  const auto reached_cut_off = [&](const LogEventsPage& page) {
    if (!cut_off) return false;
    if (page.events.size() < static_cast<std::size_t>(std::max(options_.backlog_events, 1))) return true;
    const auto newest = std::max_element(page.events.begin(), page.events.end(),
                                         [](const auto& a, const auto& b) { return a.timestamp_ms < b.timestamp_ms; });
    return WallTimeFromEpochMillis(newest->timestamp_ms) >= *cut_off;
  };
  std::vector<StreamOutcome> outcomes(cursors_.size());
  std::vector<int> failures_left(cursors_.size(), attempts);
  const auto any_active = [&active] { return std::find(active.begin(), active.end(), true) != active.end(); };
  for (int page = 0; page < max_pages && any_active(); ++page) {
    std::vector<std::size_t> reading;  // the cursors of this round's requests, in order
    std::vector<nlohmann::json> requests;
    for (std::size_t i = 0; i < cursors_.size(); ++i) {
      if (!active[i]) continue;
      reading.push_back(i);
      requests.push_back(PageRequest(cursors_[i]));
    }
    std::vector<LogEventsPage> per_stream(cursors_.size());
    std::vector<Status> reads(cursors_.size());
    logs_.GetLogEventsPages(requests, static_cast<std::size_t>(std::max(options_.max_concurrent_reads, 1)),
                            [&](std::size_t k, StatusOr<LogEventsPage> read) {
                              if (read.ok()) {
                                per_stream[reading[k]] = std::move(*read);
                              } else {
                                reads[reading[k]] = read.status();
                              }
                            });
    // Cursors move in stream order, whatever order the pages arrived in.
    for (const std::size_t i : reading) {
      if (!per_stream[i].events.empty()) outcomes[i].had_events = true;
      outcomes[i].status = reads[i];
      if (!reads[i].ok()) {
        if (--failures_left[i] <= 0) active[i] = false;
        continue;
      }
      Advance(cursors_[i], per_stream[i]);
      failures_left[i] = attempts;  // only failures in a row give a stream up
      if (cursors_[i].caught_up || reached_cut_off(per_stream[i])) active[i] = false;
    }
    Print(per_stream);
  }
  return outcomes;
}

void LogTailer::Poll(WallTime now) {
  if (Discovering() && now >= next_discovery_) {
    discovery_interval_ = DiscoverIfNeeded() ? options_.read_interval
                                             : std::min(BackedOff(discovery_interval_),
                                                        std::max(options_.max_discovery_interval, options_.read_interval));
    next_discovery_ = now + discovery_interval_;
  }
  std::vector<bool> due(cursors_.size());
  for (std::size_t i = 0; i < cursors_.size(); ++i) due[i] = now >= cursors_[i].next_due;
  const auto outcomes = ReadInPageRounds(due, options_.max_pages_per_round, /*attempts=*/1, now);
  for (std::size_t i = 0; i < cursors_.size(); ++i) {
    if (!due[i]) continue;
    const Status& read = outcomes[i].status;
    if (read.ok()) {
      warnings_.Succeeded("GetLogEvents");
    } else {
      warnings_.Failed("GetLogEvents", read.WithContext(cursors_[i].stream_name));
    }
    // A failed read (throttled, most often) is retried after a longer wait, as an idle stream.
    NoteRead(cursors_[i], now, outcomes[i].had_events && read.ok());
  }
}

void LogTailer::Drain(WallTime now, int attempts) {
  DiscoverIfNeeded();
  constexpr int kUnboundedPages = 1'000'000;
  const auto outcomes =
      ReadInPageRounds(std::vector<bool>(cursors_.size(), true), kUnboundedPages, attempts, std::nullopt);
  for (std::size_t i = 0; i < cursors_.size(); ++i) {
    if (!outcomes[i].status.ok()) {
      // Said outright, not folded into an ongoing warning: lines were not printed, and where they are.
      log_.Line("warning: gave up reading log stream " + cursors_[i].stream_name + " after " +
                std::to_string(attempts) + " failed reads in a row (" + outcomes[i].status.ToString() +
                "); its remaining lines are in CloudWatch Logs group " + kTrainingJobLogGroup);
    }
    NoteRead(cursors_[i], now, outcomes[i].had_events);
  }
}

void LogTailer::Print(const std::vector<LogEventsPage>& per_stream) {
  std::string prefix;  // reused: one allocation for the whole batch
  TimestampMerge merge(per_stream);
  std::size_t stream = 0;
  const LogEventsPage::Event* event = nullptr;
  while (merge.Next(stream, event)) {
    const std::string_view message = per_stream[stream].Message(*event);
    if (options_.on_event) options_.on_event(cursors_[stream].instance, event->timestamp_ms, message);
    prefix.assign("[").append(cursors_[stream].instance).append("] ");
    log_.AppendEventAt(WallTimeFromEpochMillis(event->timestamp_ms), prefix, message);
  }
  log_.Flush();
}

}  // namespace sagetrain
