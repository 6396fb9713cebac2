#pragma once
// Conversions between the services' timestamps and WallTime, and the UTC text the job log uses.
// SageMaker answers carry epoch seconds (numbers, possibly fractional); CloudWatch Logs carries epoch
// milliseconds. Pure; thread-safe.
#include <cstdint>
#include <string>

#include "common/clock.h"

namespace sagetrain {

WallTime WallTimeFromEpochSeconds(double seconds);
WallTime WallTimeFromEpochMillis(std::int64_t millis);
std::int64_t EpochMillis(WallTime time);

// "2026-11-29T12:00:00Z" (whole seconds, truncated).
std::string FormatUtc(WallTime time);

// A short human duration: "45s", "3m05s", "2h03m07s". Negative durations print as "0s".
std::string FormatElapsed(Duration elapsed);

}  // namespace sagetrain
