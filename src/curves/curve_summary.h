#pragma once
// What a metric's curve says in numbers: its first, best and last value over every instance, and the
// summary lines the step prints at its end. Pure; thread-safe.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "curves/metric_curves.h"

namespace sagetrain {

// Whether a bigger value of the metric is better. Lower is better (losses, errors: loss, rmse, msd,
// mape, ...) unless a word of the name (split at every character that is not a letter or digit, any
// case) is an accuracy-like measure: accuracy, acc, auc, aucpr, precision, recall, f1, map, ndcg, iou,
// miou, r2, bleu, rouge, score, throughput, progress ("validation:auc", "val_acc", "validation:mAP").
bool HigherIsBetter(std::string_view metric);

struct CurveStats {
  struct At {
    double value = 0;
    std::int64_t time_ms = 0;
    std::string instance;
  };
  At first;  // the earliest point of any instance
  At best;   // the lowest (or highest, see HigherIsBetter) of any instance
  At last;   // the latest point of any instance
  std::uint64_t points = 0;  // every point extracted, kept or not
  bool higher_is_better = false;
};

// nullopt when the curve has no point.
std::optional<CurveStats> StatsOf(const MetricCurve& curve);

// A value as printed everywhere (summary and page): up to 6 significant digits, "0.25", "1.5e-05".
std::string FormatMetricValue(double value);

// One line per metric: "metric train:loss: first 1.2 (algo-1), best 0.21 (lowest, algo-2), last 0.23
// (algo-1); 80 points from 2 instances", or why it has none.
std::vector<std::string> CurveSummaryLines(const std::vector<MetricCurve>& curves);

}  // namespace sagetrain
