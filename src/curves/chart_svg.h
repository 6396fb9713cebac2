#pragma once
// One metric's chart as inline SVG: a line per instance (a <path class="line" data-instance="algo-1">),
// time since `origin_ms` on x in seconds, minutes or hours, the value on y (labelled with the metric's
// name), the final value of each line marked with a dot and written at the right edge. Pure;
// thread-safe.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "curves/metric_curves.h"

namespace sagetrain {

inline constexpr int kChartWidth = 760;
inline constexpr int kChartHeight = 320;

// The curve's instances in natural order (algo-2 before algo-10), the order of colours and legends.
std::vector<const std::string*> InstancesInOrder(const MetricCurve& curve);

// The colour of the i-th instance's line, "#1f77b4"...
std::string_view LineColor(std::size_t index);

// REQUIRES: at least one series of `curve` has points; origin_ms <= every point's time.
std::string MetricChartSvg(const MetricCurve& curve, std::int64_t origin_ms);

}  // namespace sagetrain
