#include "aws/credentials/credentials_format.h"

#include <cctype>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "common/json_nesting.h"

namespace sagetrain {
namespace {

// Days from 1970-01-01 to the given civil date (Howard Hinnant's algorithm), so parsing needs no
// time zone database and no mutable global state (timegm/TZ).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Reads exactly `count` digits at `pos`; advances `pos`.
std::optional<int> Digits(std::string_view text, std::size_t& pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return value;
}

bool Expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

// "YYYY-MM-DDThh:mm:ss" as seconds since the epoch (in the time's own zone); advances `pos`.
std::optional<std::int64_t> CalendarSeconds(std::string_view text, std::size_t& pos) {
  auto year = Digits(text, pos, 4);
  if (!year || !Expect(text, pos, '-')) return std::nullopt;
  auto month = Digits(text, pos, 2);
  if (!month || !Expect(text, pos, '-')) return std::nullopt;
  auto day = Digits(text, pos, 2);
  if (!day || pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) return std::nullopt;
  ++pos;
  auto hour = Digits(text, pos, 2);
  if (!hour || !Expect(text, pos, ':')) return std::nullopt;
  auto minute = Digits(text, pos, 2);
  if (!minute || !Expect(text, pos, ':')) return std::nullopt;
  auto second = Digits(text, pos, 2);
  if (!second) return std::nullopt;
  if (*month < 1 || *month > 12 || *day < 1 || *day > 31 || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const std::int64_t days = DaysFromCivil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  return days * 86400 + *hour * 3600 + *minute * 60 + *second;
}

// An optional ".fff..." (any number of digits, milliseconds kept); advances `pos`.
std::optional<std::int64_t> Milliseconds(std::string_view text, std::size_t& pos) {
  if (pos >= text.size() || text[pos] != '.') return 0;
  ++pos;
  std::int64_t millis = 0;
  std::int64_t scale = 100;
  const std::size_t start = pos;
  while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
    millis += (text[pos] - '0') * scale;
    scale /= 10;
    ++pos;
  }
  if (pos == start) return std::nullopt;
  return millis;
}

// "Z" or "+hh:mm" / "-hh:mm" as seconds east of UTC. A time without a zone is ambiguous and AWS
// always sends one, so it is refused.
std::optional<std::int64_t> ZoneOffsetSeconds(std::string_view text, std::size_t& pos) {
  if (pos >= text.size()) return std::nullopt;
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
    return 0;
  }
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const int sign = text[pos] == '+' ? 1 : -1;
  ++pos;
  auto hours = Digits(text, pos, 2);
  if (!hours || !Expect(text, pos, ':')) return std::nullopt;
  auto minutes = Digits(text, pos, 2);
  if (!minutes) return std::nullopt;
  return sign * (*hours * 3600 + *minutes * 60);
}

}  // namespace

std::optional<WallTime> ParseIso8601(std::string_view text) {
  std::size_t pos = 0;
  auto seconds = CalendarSeconds(text, pos);
  if (!seconds) return std::nullopt;
  auto millis = Milliseconds(text, pos);
  if (!millis) return std::nullopt;
  auto offset = ZoneOffsetSeconds(text, pos);
  if (!offset || pos != text.size()) return std::nullopt;
  // WallTime counts nanoseconds in 64 bits (about years 1678-2261): a time outside that range is
  // unreadable, rather than an overflow in the conversion (found by fuzz_sts_xml).
  constexpr std::int64_t kLimit =
      std::chrono::duration_cast<std::chrono::seconds>(WallTime::duration::max()).count() - 1;
  const std::int64_t epoch_seconds = *seconds - *offset;
  if (epoch_seconds > kLimit || epoch_seconds < -kLimit) return std::nullopt;
  return WallTime(std::chrono::seconds(epoch_seconds)) + std::chrono::milliseconds(*millis);
}

StatusOr<Credentials> ParseCredentialsJson(const std::string& body, const std::string& provider) {
  if (!JsonNestingWithin(body)) {
    return Status(StatusCode::kCredentials, provider + ": the answer nests deeper than " +
                                                std::to_string(kMaxJsonNesting) + " levels");
  }
  auto doc = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) {
    return Status(StatusCode::kCredentials, provider + ": the answer is not a JSON object");
  }
  auto text = [&doc](const char* key) -> std::string {
    auto it = doc.find(key);
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const std::string code = text("Code");
  if (doc.contains("Code") && code != "Success") {
    // Code and Message describe the failure without any secret (e.g. "AssumeRoleUnauthorizedAccess").
    return Status(StatusCode::kCredentials,
                  provider + ": the endpoint answered Code " + code + ": " + text("Message"));
  }
  Credentials creds;
  creds.access_key_id = text("AccessKeyId");
  creds.secret_access_key = text("SecretAccessKey");
  creds.session_token = text("Token");
  creds.provider = provider;
  if (creds.access_key_id.empty() || creds.secret_access_key.empty()) {
    return Status(StatusCode::kCredentials,
                  provider + ": the answer lacks AccessKeyId or SecretAccessKey");
  }
  const std::string expiration = text("Expiration");
  if (!expiration.empty()) {
    creds.expiration = ParseIso8601(expiration);
    if (!creds.expiration) {
      return Status(StatusCode::kCredentials,
                    provider + ": the answer's Expiration is not an ISO-8601 time: " + expiration);
    }
  }
  return creds;
}

std::string DefaultRoleSessionName(WallTime now) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return "sagemaker-training-" + std::to_string(seconds);
}

std::string TrimBlanks(std::string_view text) {
  const char* kBlanks = " \t\r\n";
  const auto first = text.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kBlanks);
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace sagetrain
