#include "curves/chart_scale.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sagetrain {

AxisTicks RoundTicks(double lowest, double highest, int target) {
  if (highest <= lowest) {
    const double pad = lowest == 0 ? 1 : std::fabs(lowest) * 0.1;
    lowest -= pad;
    highest += pad;
  }
  const double raw = (highest - lowest) / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude * 10;
  for (const double factor : {1.0, 2.0, 5.0}) {
    if (raw <= factor * magnitude) {
      step = factor * magnitude;
      break;
    }
  }
  AxisTicks ticks;
  ticks.step = step;
  ticks.low = std::floor(lowest / step) * step;
  ticks.high = std::ceil(highest / step) * step;
  const auto count = static_cast<int>(std::llround((ticks.high - ticks.low) / step));
  for (int i = 0; i <= count; ++i) {
    const double value = ticks.low + i * step;
    ticks.values.push_back(std::fabs(value) < step * 1e-9 ? 0.0 : value);  // no "-0" or "1e-17"
  }
  return ticks;
}

TimeUnit TimeUnitFor(std::int64_t span_ms) {
  if (span_ms <= 180'000) return {1000, "s"};
  if (span_ms <= 3 * 3'600'000) return {60'000, "min"};
  return {3'600'000, "h"};
}

std::string TickLabel(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.4g", value);
  return buffer;
}

}  // namespace sagetrain
