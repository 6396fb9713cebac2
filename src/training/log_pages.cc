#include "training/log_pages.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

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
  const double value = number.get<double>();
  constexpr double kLimit = 9.0e18;  // below INT64_MAX, far beyond any real timestamp
  if (std::isnan(value)) return 0;
  return static_cast<std::int64_t>(std::clamp(value, -kLimit, kLimit));
}

}  // namespace

StatusOr<LogEventsPage> ParseLogEventsPage(const json& answer) {
  if (!answer.is_object()) {
    return Status(StatusCode::kInternal, "GetLogEvents answer is not a JSON object");
  }
  LogEventsPage page;
  if (auto events = answer.find("events"); events != answer.end() && events->is_array()) {
    for (const auto& event : *events) {
      if (!event.is_object()) continue;
      LogEvent parsed;
      if (auto ts = event.find("timestamp"); ts != event.end() && ts->is_number()) {
        parsed.timestamp_ms = TimestampMs(*ts);
      }
      if (auto message = event.find("message"); message != event.end() && message->is_string()) {
        parsed.message = message->get<std::string>();
      }
      page.events.push_back(std::move(parsed));
    }
  }
  if (auto token = answer.find("nextForwardToken"); token != answer.end() && token->is_string()) {
    page.next_forward_token = token->get<std::string>();
  }
  return page;
}

}  // namespace sagetrain
