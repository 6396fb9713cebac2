// MetricSeries keeps a bounded number of points and, whatever it drops, the first and last points and
// the lowest and highest values.
#include "curves/metric_series.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace sagetrain {
namespace {

TEST(MetricSeriesTest, KeepsEveryPointWhileUnderTheCap) {
  MetricSeries series(8);
  for (int i = 0; i < 8; ++i) series.Add(1000 * i, 10.0 - i);
  const auto points = series.Points();
  ASSERT_EQ(points.size(), 8u);
  for (int i = 0; i < 8; ++i) {
    EXPECT_EQ(points[static_cast<std::size_t>(i)].time_ms, 1000 * i);
    EXPECT_EQ(points[static_cast<std::size_t>(i)].value, 10.0 - i);
  }
}

TEST(MetricSeriesTest, DownsamplingKeepsFirstLastLowestAndHighest) {
  MetricSeries series(8);
  // A noisy decay with one spike and one dip buried in the middle.
  for (int i = 0; i < 10'000; ++i) {
    double value = 5.0 / (1 + i) + 0.01 * std::sin(i);
    if (i == 4321) value = 99.0;
    if (i == 6789) value = -3.0;
    series.Add(i, value);
  }
  const auto points = series.Points();
  EXPECT_LE(points.size(), 4u * 8u);
  EXPECT_EQ(points.front().sequence, 0u);
  EXPECT_EQ(points.front().value, 5.0);
  EXPECT_EQ(points.back().sequence, 9'999u);
  EXPECT_EQ(points.back().time_ms, 9'999);
  const auto [low, high] = std::minmax_element(points.begin(), points.end(),
                                               [](const auto& a, const auto& b) { return a.value < b.value; });
  EXPECT_EQ(low->value, -3.0);
  EXPECT_EQ(low->time_ms, 6789);
  EXPECT_EQ(high->value, 99.0);
  EXPECT_EQ(high->time_ms, 4321);
  EXPECT_EQ(series.lowest().value, -3.0);
  EXPECT_EQ(series.highest().value, 99.0);
  EXPECT_EQ(series.first().time_ms, 0);
  EXPECT_EQ(series.last().time_ms, 9'999);
  EXPECT_EQ(series.added_points(), 10'000u);
  // In the order added, each once.
  EXPECT_TRUE(std::is_sorted(points.begin(), points.end(),
                             [](const auto& a, const auto& b) { return a.sequence < b.sequence; }));
  EXPECT_TRUE(std::adjacent_find(points.begin(), points.end(), [](const auto& a, const auto& b) {
                return a.sequence == b.sequence;
              }) == points.end());
}

TEST(MetricSeriesTest, StoredPointsStayBoundedOverAMillionPoints) {
  MetricSeries series;  // the default cap
  std::size_t most_stored = 0;
  for (std::int64_t i = 0; i < 1'000'000; ++i) {
    series.Add(i * 100, static_cast<double>(i % 977));
    if (i % 1000 == 0) most_stored = std::max(most_stored, series.stored_points());
  }
  EXPECT_LE(most_stored, 4 * MetricSeries::kDefaultMaxBuckets);
  EXPECT_LE(series.stored_points(), 4 * MetricSeries::kDefaultMaxBuckets);
  EXPECT_EQ(series.stored_points(), series.Points().size());
  // The curve still spans the whole run with its extremes.
  EXPECT_EQ(series.first().time_ms, 0);
  EXPECT_EQ(series.last().time_ms, 999'999 * 100);
  EXPECT_EQ(series.lowest().value, 0.0);
  EXPECT_EQ(series.highest().value, 976.0);
  EXPECT_GE(series.stored_points(), MetricSeries::kDefaultMaxBuckets);  // and still has detail
}

}  // namespace
}  // namespace sagetrain
