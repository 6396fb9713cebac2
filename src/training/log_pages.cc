#include "training/log_pages.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <system_error>

// RapidJSON scans strings and whitespace 16 bytes at a time with SSE2 (every x86-64 has it) when
// told so; without, byte by byte.
#if defined(__SSE2__)
#define RAPIDJSON_SSE2
#endif
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include "common/saturating_cast.h"
#include "common/spare_capacity.h"
#include "common/utf8.h"

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

// RapidJSON 1.1 decodes an escaped lone low surrogate ("\udc00") to the bytes ED B0 80, where JSON
// parsers (nlohmann, hence ParseJsonAnswer) refuse the whole body. The body was checked to be UTF-8
// before, so in a decoded string such bytes can only have come from that escape.
bool HasEscapedLoneSurrogate(const char* text, std::size_t length) {
  const std::string_view decoded(text, length);
  for (std::size_t at = decoded.find('\xED'); at != std::string_view::npos; at = decoded.find('\xED', at + 1)) {
    if (at + 1 < decoded.size() && static_cast<unsigned char>(decoded[at + 1]) >= 0xA0) return true;
  }
  return false;
}

// Whether `json` spells a low surrogate escape (\uDC00 to \uDFFF, any case) anywhere: only then
// are decoded strings checked one by one. Log pages almost never do (one pass over the body
// instead of one search per string).
bool MaySpellALowSurrogate(std::string_view json) {
  for (std::size_t at = json.find("\\u"); at != std::string_view::npos; at = json.find("\\u", at + 1)) {
    if (json.size() - at >= 4 && (json[at + 2] == 'd' || json[at + 2] == 'D') &&
        std::string_view("cdefCDEF").find(json[at + 3]) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// The SAX side of ParseLogEventsPageText. It keeps nlohmann's DOM semantics: of duplicate keys the
// last wins (a later "events" that is not an array leaves no events), a member of the wrong type
// reads as absent, array items that are not objects are skipped. Messages are copied down to the
// front of the buffer being parsed: each lies at or after the place it is copied to (a message is
// never longer than its JSON string), and the reader has finished with everything before it.
class EventsPageHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, EventsPageHandler> {
 public:
  // `check_surrogates`: see HasEscapedLoneSurrogate; false when the body cannot need it.
  EventsPageHandler(char* buffer, bool check_surrogates) : buffer_(buffer), check_surrogates_(check_surrogates) {}

  // What the reader's next value is to the page.
  enum class Slot { kRoot, kIgnored, kEvents, kToken, kEvent, kTimestamp, kMessage };

  bool Null() { return Value(NextSlot()); }
  bool Bool(bool) { return Value(NextSlot()); }
  // Numbers arrive as their text (kParseNumbersAsStringsFlag) and are read as nlohmann reads them:
  // RapidJSON 1.1's own double conversion has undefined behaviour on some inputs ("0e80" passes
  // zero to clz, found by fuzz_json_answers) and rounds differently from strtod.
  bool RawNumber(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    const std::string_view number(text, length);
    const bool integer = std::none_of(number.begin(), number.end(), [](char c) { return c == '.' || c == 'e' || c == 'E'; });
    const Slot slot = NextSlot();
    // Most numbers are read for nothing ("ingestionTime"): only a number that may be beyond a
    // double's range (which nlohmann refuses anywhere in the body) needs converting then.
    constexpr std::size_t kDigitsThatFitADouble = 300;
    if (slot != Slot::kTimestamp && integer && number.size() < kDigitsThatFitADouble) return Value(slot);
    if (integer) {
      if (std::int64_t value; number.starts_with('-') && FromChars(number, value)) return Number(slot, value);
      // As nlohmann's get<int64_t>() of an unsigned: a static_cast, wrapping beyond INT64_MAX.
      if (std::uint64_t value; FromChars(number, value)) return Number(slot, static_cast<std::int64_t>(value));
    }
    // A fraction, an exponent, or an integer beyond 64 bits: a double, by strtod as nlohmann does
    // (the program never leaves the C locale). Beyond a double's range nlohmann refuses the body.
    const double value = std::strtod(std::string(number).c_str(), nullptr);
    if (!std::isfinite(value)) return Refuse("a number beyond a double's range");
    return Number(slot, SaturatingInt64(value));
  }

  bool String(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (check_surrogates_ && HasEscapedLoneSurrogate(text, length)) return Refuse(kLoneSurrogate);
    const Slot slot = NextSlot();
    if (slot == Slot::kMessage) {
      written_ = event_start_;
      std::memmove(buffer_ + written_, text, length);
      message_size_ = length;
      written_ += length;
      return true;
    }
    if (slot == Slot::kToken) {
      page_.next_forward_token.assign(text, length);
      return true;
    }
    return Value(slot);
  }

  bool Key(const char* text, rapidjson::SizeType length, bool /*copy*/) {
    if (check_surrogates_ && HasEscapedLoneSurrogate(text, length)) return Refuse(kLoneSurrogate);
    const std::string_view key(text, length);
    if (depth_ == 1 && root_is_object_) {
      top_key_ = key == "events" ? Slot::kEvents : key == "nextForwardToken" ? Slot::kToken : Slot::kIgnored;
    } else if (depth_ == 3 && in_event_) {
      event_key_ = key == "timestamp" ? Slot::kTimestamp : key == "message" ? Slot::kMessage : Slot::kIgnored;
    }
    return true;
  }

  bool StartObject() {
    const Slot slot = NextSlot();
    if (!Enter(slot)) return false;
    if (slot == Slot::kRoot) root_is_object_ = true;
    if (slot == Slot::kEvent) {
      in_event_ = true;
      event_key_ = Slot::kIgnored;
      timestamp_ms_ = 0;
      event_start_ = written_;
      message_size_ = 0;
    }
    return true;
  }
  bool EndObject(rapidjson::SizeType /*members*/) {
    --depth_;
    if (in_event_ && depth_ == 2) {
      in_event_ = false;
      // Both below body.size(), which ParseLogEventsPageText bounds by kMaxTextBytes.
      page_.events.push_back({timestamp_ms_, static_cast<std::uint32_t>(event_start_),
                              static_cast<std::uint32_t>(message_size_)});
    }
    return true;
  }
  bool StartArray() {
    const Slot slot = NextSlot();
    if (!Enter(slot)) return false;
    if (slot == Slot::kEvents) in_events_ = true;
    return true;
  }
  bool EndArray(rapidjson::SizeType /*elements*/) {
    --depth_;
    if (in_events_ && depth_ == 1) in_events_ = false;
    return true;
  }

  bool root_is_object() const { return root_is_object_; }
  // Why the handler stopped the parse, when it did.
  const char* refusal() const { return refusal_; }
  std::size_t written() const { return written_; }
  LogEventsPage TakePage() { return std::move(page_); }

 private:
  Slot NextSlot() const {
    if (depth_ == 0) return Slot::kRoot;
    if (depth_ == 1 && root_is_object_) return top_key_;
    if (depth_ == 2 && in_events_) return Slot::kEvent;
    if (depth_ == 3 && in_event_) return event_key_;
    return Slot::kIgnored;
  }

  // A value that is not what its slot wants: the member reads as absent (the last one counts).
  bool Value(Slot slot) {
    switch (slot) {
      case Slot::kEvents:
        page_.events.clear();
        written_ = 0;
        break;
      case Slot::kToken:
        page_.next_forward_token.clear();
        break;
      case Slot::kTimestamp:
        timestamp_ms_ = 0;
        break;
      case Slot::kMessage:
        written_ = event_start_;
        message_size_ = 0;
        break;
      default:
        break;
    }
    return true;
  }
  // A container opens as the value of `slot`: unless its caller makes it what the slot wants, the
  // member reads as absent. Nesting is bounded (kMaxDepth).
  bool Enter(Slot slot) {
    Value(slot);
    return ++depth_ <= kMaxDepth || Refuse(kTooDeep);
  }
  static constexpr const char* kLoneSurrogate = "a lone UTF-16 surrogate escaped in a string";
  // RapidJSON's recursive parser (a fifth faster than its iterative one) takes stack per level: the
  // nesting is bounded well before that could matter. CloudWatch answers nest 3 deep.
  static constexpr int kMaxDepth = 512;
  static constexpr const char* kTooDeep = "nested more than 512 deep";
  bool Refuse(const char* why) {
    refusal_ = why;
    return false;
  }
  template <typename Integer>
  static bool FromChars(std::string_view text, Integer& value) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
  }

  bool Number(Slot slot, std::int64_t value) {
    if (slot == Slot::kTimestamp) {
      timestamp_ms_ = value;
      return true;
    }
    return Value(slot);
  }

  char* buffer_;
  bool check_surrogates_;
  const char* refusal_ = "";
  LogEventsPage page_;
  int depth_ = 0;  // containers open
  bool root_is_object_ = false;
  bool in_events_ = false;  // the container open at depth 2 is the "events" array
  bool in_event_ = false;   // the container open at depth 3 is one of its event objects
  Slot top_key_ = Slot::kIgnored;
  Slot event_key_ = Slot::kIgnored;
  std::int64_t timestamp_ms_ = 0;
  std::size_t event_start_ = 0;  // where the current event's message goes in the buffer
  std::size_t message_size_ = 0;
  std::size_t written_ = 0;      // bytes of messages compacted at the buffer's front
};

}  // namespace

bool LogEventsPage::Add(std::int64_t timestamp_ms, std::string_view message) {
  if (message.size() > kMaxTextBytes - text.size()) return false;
  events.push_back({timestamp_ms, static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(message.size())});
  text.append(message);
  return true;
}

StatusOr<LogEventsPage> ParseLogEventsPageText(std::string body) {
  if (body.empty()) return LogEventsPage{};  // as ParseJsonAnswer reads an empty body: {}
  if (body.size() > LogEventsPage::kMaxTextBytes) {
    return Status(StatusCode::kInternal, "GetLogEvents answer is larger than 4 GiB");
  }
  // nlohmann skips a UTF-8 byte order mark; so does this, to read every body alike.
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  const std::size_t start = body.starts_with(kByteOrderMark) ? kByteOrderMark.size() : 0;
  // What a JSON parser reads: up to the first NUL, which nlohmann and RapidJSON both take as the end.
  // UTF-8 is checked here, over the whole body at once and in the same pass that finds the NUL,
  // rather than by RapidJSON character by character (which cost a third of the parse; nlohmann
  // refuses such bodies, so this does too).
  const std::string_view after_mark(body.data() + start, body.size() - start);
  const std::optional<std::size_t> length = ValidUtf8LengthBeforeNul(after_mark);
  if (!length) return Status(StatusCode::kInternal, "GetLogEvents answer is not JSON: it is not UTF-8");
  const std::string_view input = after_mark.substr(0, *length);
  const bool check_surrogates = MaySpellALowSurrogate(input);
  // In place: strings are decoded where they lie (std::string's buffer is writable). Recursive, the
  // handler refusing nesting beyond kMaxDepth.
  constexpr unsigned kFlags = rapidjson::kParseInsituFlag | rapidjson::kParseNumbersAsStringsFlag;
  // NULs after the end: RapidJSON reads strings and whitespace in aligned 16-byte blocks, which can
  // reach up to 15 bytes past the NUL that ends the input; those bytes must be the body's own.
  constexpr std::size_t kSimdPadding = 16;
  body.append(kSimdPadding, '\0');
  EventsPageHandler handler(body.data(), check_surrogates);
  rapidjson::InsituStringStream stream(body.data() + start);
  rapidjson::Reader reader;
  const rapidjson::ParseResult parsed = reader.Parse<kFlags>(stream, handler);
  if (parsed.IsError()) {
    const std::string why = parsed.Code() == rapidjson::kParseErrorTermination
                                ? handler.refusal()
                                : rapidjson::GetParseError_En(parsed.Code());
    return Status(StatusCode::kInternal, "GetLogEvents answer is not JSON: " + why + " at byte " +
                                             std::to_string(parsed.Offset() + start));
  }
  if (!handler.root_is_object()) {
    return Status(StatusCode::kInternal, "GetLogEvents answer is not a JSON object");
  }
  LogEventsPage page = handler.TakePage();
  // A page is held while the other streams are read: keep only the messages. The rest of the body's
  // memory goes back to the kernel in place (a copy would hold the body and the messages at once).
  body.resize(handler.written());
  GiveBackSpareCapacity(body);
  page.text = std::move(body);
  page.events.shrink_to_fit();
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
