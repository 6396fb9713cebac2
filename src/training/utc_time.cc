#include "training/utc_time.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "common/saturating_cast.h"

namespace sagetrain {

WallTime WallTimeFromEpochSeconds(double seconds) {
  // WallTimeFromEpochMillis then clamps to WallTime's own range.
  return WallTimeFromEpochMillis(RoundedSaturatingInt64(seconds * 1000.0));
}

WallTime WallTimeFromEpochMillis(std::int64_t millis) {
  // WallTime counts nanoseconds in 64 bits (years 1678..2262). Real SageMaker and CloudWatch times are
  // far inside; a time beyond (a corrupt answer; found by fuzz_json_answers under UBSan) is clamped to
  // the ends of the range, as converting it would overflow.
  using std::chrono::milliseconds;
  constexpr auto kMax = std::chrono::duration_cast<milliseconds>(WallTime::duration::max()).count();
  constexpr auto kMin = std::chrono::duration_cast<milliseconds>(WallTime::duration::min()).count();
  return WallTime(
      std::chrono::duration_cast<WallTime::duration>(milliseconds(std::clamp(millis, kMin, kMax))));
}

std::int64_t EpochMillis(WallTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

std::string FormatUtc(WallTime time) {
  // Floor towards the past so that a time before 1970 still prints a valid second.
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time.time_since_epoch()).count();
  const std::time_t as_time_t = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&as_time_t, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string FormatElapsed(Duration elapsed) {
  long long total = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  if (total < 0) total = 0;
  const long long hours = total / 3600;
  const long long minutes = (total % 3600) / 60;
  const long long seconds = total % 60;
  char buffer[48];
  if (hours > 0) {
    std::snprintf(buffer, sizeof(buffer), "%lldh%02lldm%02llds", hours, minutes, seconds);
  } else if (minutes > 0) {
    std::snprintf(buffer, sizeof(buffer), "%lldm%02llds", minutes, seconds);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%llds", seconds);
  }
  return buffer;
}

}  // namespace sagetrain
