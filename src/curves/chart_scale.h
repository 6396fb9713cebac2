#pragma once
// The scales of a chart: round tick values for an axis, and the unit its time axis is labelled in.
// Pure; thread-safe.
#include <cstdint>
#include <string>
#include <vector>

namespace sagetrain {

struct AxisTicks {
  double low = 0;   // the axis starts here (a tick, at or below the data's lowest value)
  double high = 1;  // and ends here (a tick, at or above the data's highest value); high > low
  double step = 1;
  std::vector<double> values;  // low, low + step, ..., high
};

// About `target` ticks at round steps (1, 2 or 5 x 10^k) covering [lowest, highest]. An empty range is
// widened around its value so the axis still has a length.
// REQUIRES: lowest <= highest, both finite; target >= 1.
AxisTicks RoundTicks(double lowest, double highest, int target = 5);

struct TimeUnit {
  std::int64_t millis = 1000;  // one unit in milliseconds
  std::string name = "s";      // "s", "min" or "h"
};

// Seconds up to 3 minutes, minutes up to 3 hours, hours beyond.
TimeUnit TimeUnitFor(std::int64_t span_ms);

// A tick's label: "0", "2.5", "1e+03" (shortest form at 4 significant digits).
std::string TickLabel(double value);

}  // namespace sagetrain
