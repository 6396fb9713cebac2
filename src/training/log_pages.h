#pragma once
// Typed views of the CloudWatch Logs answers the log tailer reads: one DescribeLogStreams page and one
// GetLogEvents page. Log timestamps are epoch milliseconds. Parsing is pure and lenient (members the
// tailer does not need are ignored). Values; not synchronised.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"

namespace sagetrain {

struct LogStreamsPage {
  std::vector<std::string> stream_names;
  std::optional<std::string> next_token;  // nullopt on the last page
};

// One GetLogEvents page, held compactly: every message back to back in one buffer, so a page of
// 10,000 events is two allocations rather than 10,000 (the tailer holds one page per stream while
// it interleaves them, and a job's end can leave hundreds of pages to drain).
struct LogEventsPage {
  struct Event {
    std::int64_t timestamp_ms = 0;
    std::uint32_t offset = 0;  // of the message in `text`
    std::uint32_t size = 0;
  };
  // Offsets are 32-bit (16 bytes an event): a page's messages hold at most 4 GiB, against the
  // 1 MB CloudWatch answers with at most. The parser refuses a bigger answer.
  static constexpr std::size_t kMaxTextBytes = UINT32_MAX;

  std::vector<Event> events;
  std::string text;                // the messages, back to back
  std::string next_forward_token;  // "" when the answer carried none

  // Appends an event; false (and nothing added) if `text` would pass kMaxTextBytes.
  bool Add(std::int64_t timestamp_ms, std::string_view message);
  std::string_view Message(const Event& event) const {
    return std::string_view(text).substr(event.offset, event.size);
  }
};

StatusOr<LogStreamsPage> ParseLogStreamsPage(const nlohmann::json& answer);
StatusOr<LogEventsPage> ParseLogEventsPage(const nlohmann::json& answer);

// The same page from the answer's body: ParseLogEventsPage of the parsed body (an empty body reads as
// {}, as ParseJsonAnswer reads it); an error for a body that is not JSON.
StatusOr<LogEventsPage> ParseLogEventsPageText(const std::string& body);

}  // namespace sagetrain
