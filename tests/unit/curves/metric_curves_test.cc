// MetricCurves: every instance's lines through every regex, points per (metric, instance), bounded.
#include "curves/metric_curves.h"

#include <gtest/gtest.h>

#include <string>

#include "curves/curve_summary.h"

namespace sagetrain {
namespace {

const MetricDefinitions kXgboost = {
    {"train:rmse", R"(.*\[[0-9]+\].*#011train-rmse:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*)"},
    {"validation:rmse", R"(.*\[[0-9]+\].*#011validation-rmse:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*)"},
};

TEST(MetricCurvesTest, PointsArePerMetricAndInstanceStampedWithTheEventTime) {
  MetricCurves curves(kXgboost);
  curves.Observe("algo-1", 1000, "[0]#011train-rmse:8.09#011validation-rmse:8.21");
  curves.Observe("algo-2", 1500, "[0]#011train-rmse:8.5#011validation-rmse:8.6");
  curves.Observe("algo-1", 2000, "[08:00:01] INFO: tree pruning end, 40 extra nodes");
  curves.Observe("algo-1", 3000, "[1]#011train-rmse:6.61#011validation-rmse:6.72\n");
  ASSERT_EQ(curves.curves().size(), 2u);
  const MetricCurve& train = curves.curves()[0];
  EXPECT_EQ(train.metric, "train:rmse");
  ASSERT_EQ(train.by_instance.size(), 2u);
  const auto algo1 = train.by_instance.at("algo-1").Points();
  ASSERT_EQ(algo1.size(), 2u);
  EXPECT_EQ(algo1[0].time_ms, 1000);
  EXPECT_EQ(algo1[0].value, 8.09);
  EXPECT_EQ(algo1[1].time_ms, 3000);
  EXPECT_EQ(algo1[1].value, 6.61);
  EXPECT_EQ(train.by_instance.at("algo-2").Points()[0].value, 8.5);
  EXPECT_EQ(curves.curves()[1].by_instance.at("algo-1").last().value, 6.72);
  EXPECT_TRUE(curves.warnings().empty());
}

TEST(MetricCurvesTest, EveryLineOfAMultiLineEventCounts) {
  MetricCurves curves(MetricDefinitions{{"loss", R"(loss: ([0-9.]+))"}});
  // A progress bar redrawn with '\r', then a newline: each state of the bar is a line on a terminal.
  curves.Observe("algo-1", 5, "1/3 loss: 0.9\r2/3 loss: 0.7\r3/3 loss: 0.5\nepoch done");
  const auto points = curves.curves()[0].by_instance.at("algo-1").Points();
  ASSERT_EQ(points.size(), 3u);
  EXPECT_EQ(points[2].value, 0.5);
}

TEST(MetricCurvesTest, UnevaluableRegexIsAWarningNamingItNotAFailure) {
  MetricCurves curves(MetricDefinitions{{"train:loss", R"((?<=loss=)(\S+))"}, {"ok", R"(ok=(\S+))"}});
  const auto warnings = curves.warnings();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("train:loss"), std::string::npos);
  EXPECT_NE(warnings[0].find("(?<=loss=)(\\S+)"), std::string::npos);
  EXPECT_NE(warnings[0].find("lookbehind"), std::string::npos);
  curves.Observe("algo-1", 1, "loss=3 ok=4");
  EXPECT_TRUE(curves.curves()[0].by_instance.empty());
  EXPECT_EQ(curves.curves()[1].by_instance.at("algo-1").last().value, 4.0);
}

TEST(MetricCurvesTest, MemoryStaysBoundedOverAMillionLines) {
  MetricCurves curves(MetricDefinitions{{"train:msd", R"(#quality_metric: host=\S+, epoch=\S+, train msd <loss>=(\S+))"}});
  // Like a real log, most lines are not metric lines: one in four is.
  std::string line;
  for (int i = 0; i < 1'000'000; ++i) {
    const int instance = 1 + i % 2;
    if (i % 4 < 2) {
      line = "#quality_metric: host=algo-" + std::to_string(instance) + ", epoch=" + std::to_string(i / 4) +
             ", train msd <loss>=" + std::to_string(1.0 / (1 + i / 4));
    } else {
      line = "[12/04/2026 10:00:00 INFO 140] #progress_metric: host=algo-" + std::to_string(instance) +
             ", completed 50 % of epochs";
    }
    curves.Observe(instance == 1 ? "algo-1" : "algo-2", 1000LL * i, line);
  }
  const MetricCurve& curve = curves.curves()[0];
  ASSERT_EQ(curve.by_instance.size(), 2u);
  for (const auto& [instance, series] : curve.by_instance) {
    EXPECT_EQ(series.added_points(), 250'000u) << instance;
    EXPECT_LE(series.stored_points(), 4 * MetricSeries::kDefaultMaxBuckets) << instance;
    EXPECT_EQ(series.first().value, 1.0) << instance;
  }
  const auto stats = StatsOf(curve);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->points, 500'000u);
  EXPECT_EQ(stats->first.instance, "algo-1");
  EXPECT_EQ(stats->last.instance, "algo-2");
}

}  // namespace
}  // namespace sagetrain
