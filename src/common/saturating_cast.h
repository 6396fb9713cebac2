#pragma once
// Double to int64 without undefined behaviour. Numbers read from AWS answers (timestamps, counts) are
// integers in practice, but a corrupt answer may hold a fractional or huge one, and converting an
// out-of-range double to an integer is undefined (found by fuzz_json_answers). Pure; thread-safe.
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace sagetrain {

// `value` truncated toward zero and clamped to +-9e18 (inside int64, far beyond any real timestamp
// in milliseconds or any count); NaN gives 0.
inline std::int64_t SaturatingInt64(double value) {
  constexpr double kLimit = 9.0e18;
  if (std::isnan(value)) return 0;
  return static_cast<std::int64_t>(std::clamp(value, -kLimit, kLimit));
}

// `value` rounded to the nearest integer, halves away from zero (as std::round), then clamped as
// SaturatingInt64. Exact: below 2^52 `value - truncated` is exact, and above it every double is an
// integer. Without std::round, whose libm the program does not load (see CMakeLists.txt).
inline std::int64_t RoundedSaturatingInt64(double value) {
  const std::int64_t truncated = SaturatingInt64(value);
  if (std::isnan(value) || std::fabs(value) >= 9.0e18) return truncated;
  const double fraction = value - static_cast<double>(truncated);
  if (fraction >= 0.5) return truncated + 1;
  if (fraction <= -0.5) return truncated - 1;
  return truncated;
}

}  // namespace sagetrain
