#include "training/log_pages.h"

#include <cstdint>

#include <simdjson.h>

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

// ParseLogEventsPageText's twin of TimestampMs: a JSON number as nlohmann would convert it (an
// unsigned beyond INT64_MAX wraps as static_cast does; an integer too big for 64 bits is a double).
std::optional<std::int64_t> TimestampMs(simdjson::dom::element number) {
  if (!number.is_number()) return std::nullopt;
  if (std::int64_t value; number.get_int64().get(value) == simdjson::SUCCESS) return value;
  if (std::uint64_t value; number.get_uint64().get(value) == simdjson::SUCCESS) {
    return static_cast<std::int64_t>(value);
  }
  if (double value; number.get_double().get(value) == simdjson::SUCCESS) {
    return TimestampMs(json(value));
  }
  return std::nullopt;
}

void ReadEvent(simdjson::dom::object event, LogEvent& parsed) {
  // Every member is visited so that, as in nlohmann's DOM, the last of duplicate keys wins.
  for (auto [key, value] : event) {
    if (key == "timestamp") {
      parsed.timestamp_ms = TimestampMs(value).value_or(0);
    } else if (key == "message") {
      std::string_view text;
      parsed.message = value.get_string().get(text) == simdjson::SUCCESS ? std::string(text) : "";
    }
  }
}

}  // namespace

StatusOr<LogEventsPage> ParseLogEventsPageText(std::string_view body) {
  if (body.empty()) return LogEventsPage{};  // as ParseJsonAnswer reads an empty body: {}
  // One parser per thread, reused: its buffers (several times a page's size) would otherwise be
  // allocated and faulted in again for every page. The result never depends on earlier pages.
  thread_local simdjson::dom::parser parser;
  const simdjson::padded_string padded(body);
  simdjson::dom::element answer;
  if (const auto error = parser.parse(padded).get(answer); error != simdjson::SUCCESS) {
    if (error == simdjson::NUMBER_ERROR) {
      // simdjson refuses numbers beyond 64-bit integers and doubles, which nlohmann reads as doubles.
      // CloudWatch never sends them; such a page is read the DOM way, so the two parses still agree.
      const json dom = json::parse(body, nullptr, /*allow_exceptions=*/false);
      if (!dom.is_discarded()) return ParseLogEventsPage(dom);
    }
    return Status(StatusCode::kInternal,
                  std::string("GetLogEvents answer is not JSON: ") + simdjson::error_message(error));
  }
  simdjson::dom::object members;
  if (answer.get_object().get(members) != simdjson::SUCCESS) {
    return Status(StatusCode::kInternal, "GetLogEvents answer is not a JSON object");
  }
  LogEventsPage page;
  for (auto [key, value] : members) {
    if (key == "events") {
      page.events.clear();
      simdjson::dom::array events;
      if (value.get_array().get(events) != simdjson::SUCCESS) continue;
      page.events.reserve(events.size());
      for (simdjson::dom::element event : events) {
        simdjson::dom::object object;
        if (event.get_object().get(object) != simdjson::SUCCESS) continue;
        ReadEvent(object, page.events.emplace_back());
      }
    } else if (key == "nextForwardToken") {
      std::string_view token;
      page.next_forward_token = value.get_string().get(token) == simdjson::SUCCESS ? std::string(token) : "";
    }
  }
  return page;
}

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
