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

}  // namespace sagetrain
