// The end-of-step summary of each metric: first, best and last over every instance.
#include "curves/curve_summary.h"

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TEST(CurveSummaryTest, BestIsLowestUnlessTheNameIsAccuracyLike) {
  for (const char* name : {"train:msd", "validation:rmse", "val_loss", "test:mape", "train:error", "loss"}) {
    EXPECT_FALSE(HigherIsBetter(name)) << name;
  }
  for (const char* name : {"validation:auc", "validation:accuracy", "val_acc", "validation:mAP", "train:f1",
                           "test:Precision", "train:throughput", "validation:ndcg@5", "sparse_categorical_accuracy"}) {
    EXPECT_TRUE(HigherIsBetter(name)) << name;
  }
}

TEST(CurveSummaryTest, FirstBestLastAcrossInstances) {
  MetricCurves curves(MetricDefinitions{{"validation:auc", R"(auc:(\S+))"}, {"train:loss", R"(loss=(\S+))"}});
  curves.Observe("algo-2", 100, "auc:0.6 loss=2");
  curves.Observe("algo-1", 200, "auc:0.7 loss=1.5");
  curves.Observe("algo-2", 300, "auc:0.9 loss=0.4");
  curves.Observe("algo-1", 400, "auc:0.85 loss=0.5");
  const auto lines = CurveSummaryLines(curves.curves());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "metric validation:auc: first 0.6 (algo-2), best 0.9 (highest, algo-2), last 0.85 (algo-1); "
            "4 points from 2 instances");
  EXPECT_EQ(lines[1],
            "metric train:loss: first 2 (algo-2), best 0.4 (lowest, algo-2), last 0.5 (algo-1); "
            "4 points from 2 instances");
}

TEST(CurveSummaryTest, MetricsWithoutPointsSayWhy) {
  MetricCurves curves(MetricDefinitions{{"train:loss", R"(loss=(\S+))"}, {"named", R"(x=(?P<v>\S+))"}});
  const auto lines = CurveSummaryLines(curves.curves());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "metric train:loss: no log line matched its regex");
  EXPECT_NE(lines[1].find("metric named: no curve (it uses a named group (?P<name>...)"), std::string::npos);
}

}  // namespace
}  // namespace sagetrain
