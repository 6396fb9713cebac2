#include "training/log_pages.h"

#include <cstdint>

#include "common/json_nesting.h"
#include "common/saturating_cast.h"

namespace sagetrain {

using nlohmann::json;

StatusOr<LogStreamsPage> ParseLogStreamsPage(const json& answer) {
  if (!answer.is_object()) {
    return Status(StatusCode::kInternal, "DescribeLogStreams answer is not a JSON object");
  }
  LogStreamsPage page;
  if (auto streams = answer.find("logStreams"); streams != answer.end() && streams->is_array()) {
    for (const auto& stream : *streams) {
      if (stream.is_object() && stream.contains("logStreamName") && stream["logStreamName"].is_string()) {
        page.stream_names.push_back(stream["logStreamName"].get<std::string>());
      }
    }
  }
  if (auto token = answer.find("nextToken"); token != answer.end() && token->is_string() &&
                                             !token->get<std::string>().empty()) {
    page.next_token = token->get<std::string>();
  }
  return page;
}

namespace {

// Epoch milliseconds of a JSON number. A fractional or huge number (not what CloudWatch sends) is
// clamped into range: converting an out-of-range double to an integer is undefined behaviour
// (found by fuzz_json_answers).
std::int64_t TimestampMs(const json& number) {
  if (!number.is_number_float()) return number.get<std::int64_t>();
  return SaturatingInt64(number.get<double>());
}

}  // namespace

bool LogEventsPage::Add(std::int64_t timestamp_ms, std::string_view message) {
  if (message.size() > kMaxTextBytes - text.size()) return false;
  events.push_back({timestamp_ms, static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(message.size())});
  text.append(message);
  return true;
}

StatusOr<LogEventsPage> ParseLogEventsPageText(const std::string& body) {
  if (body.empty()) return LogEventsPage{};  // as ParseJsonAnswer reads an empty body: {}
  // Refused as ParseJsonAnswer refuses it, whoever calls: a page is never deep, and a deep DOM's
  // destruction recurses once per level.
  if (!JsonNestingWithin(body)) return Status(StatusCode::kInternal, "GetLogEvents answer nests too deep");
  json answer = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded()) return Status(StatusCode::kInternal, "GetLogEvents answer is not JSON");
  return ParseLogEventsPage(answer);
}

StatusOr<LogEventsPage> ParseLogEventsPage(const json& answer) {
  if (!answer.is_object()) {
    return Status(StatusCode::kInternal, "GetLogEvents answer is not a JSON object");
  }
  LogEventsPage page;
  if (auto events = answer.find("events"); events != answer.end() && events->is_array()) {
    for (const auto& event : *events) {
      if (!event.is_object()) continue;
      std::int64_t timestamp_ms = 0;
      if (auto ts = event.find("timestamp"); ts != event.end() && ts->is_number()) {
        timestamp_ms = TimestampMs(*ts);
      }
      std::string_view message;
      if (auto value = event.find("message"); value != event.end() && value->is_string()) {
        message = value->get_ref<const std::string&>();
      }
      if (!page.Add(timestamp_ms, message)) {
        return Status(StatusCode::kInternal, "GetLogEvents answer holds more than 4 GiB of messages");
      }
    }
  }
  if (auto token = answer.find("nextForwardToken"); token != answer.end() && token->is_string()) {
    page.next_forward_token = token->get<std::string>();
  }
  return page;
}

}  // namespace sagetrain
