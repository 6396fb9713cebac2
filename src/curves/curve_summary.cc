#include "curves/curve_summary.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace sagetrain {
namespace {

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Whether point `a` of `a_instance` comes before `b`: by time, then instance, for a stable answer.
bool Earlier(const MetricPoint& a, const std::string& a_instance, const CurveStats::At& b) {
  return a.time_ms < b.time_ms || (a.time_ms == b.time_ms && a_instance < b.instance);
}

}  // namespace

bool HigherIsBetter(std::string_view metric) {
  static constexpr std::array<std::string_view, 18> kHigherIsBetter = {
      "accuracy", "acc",  "auc",  "aucpr", "precision", "recall", "f1",    "map",   "ndcg",
      "iou",      "miou", "r2",   "bleu",  "rouge",     "score",  "throughput", "progress", "top1"};
  std::string word;
  for (std::size_t i = 0; i <= metric.size(); ++i) {
    if (i < metric.size() && IsAsciiAlnum(metric[i])) {
      word += AsciiLower(metric[i]);
      continue;
    }
    if (std::find(kHigherIsBetter.begin(), kHigherIsBetter.end(), word) != kHigherIsBetter.end()) return true;
    word.clear();
  }
  return false;
}

std::optional<CurveStats> StatsOf(const MetricCurve& curve) {
  std::optional<CurveStats> stats;
  const bool higher = HigherIsBetter(curve.metric);
  for (const auto& [instance, series] : curve.by_instance) {
    if (series.empty()) continue;
    const MetricPoint best = higher ? series.highest() : series.lowest();
    if (!stats) {
      stats = CurveStats{{series.first().value, series.first().time_ms, instance},
                         {best.value, best.time_ms, instance},
                         {series.last().value, series.last().time_ms, instance},
                         0,
                         higher};
    }
    if (Earlier(series.first(), instance, stats->first)) {
      stats->first = {series.first().value, series.first().time_ms, instance};
    }
    if (!Earlier(series.last(), instance, stats->last)) {
      stats->last = {series.last().value, series.last().time_ms, instance};
    }
    if (higher ? best.value > stats->best.value : best.value < stats->best.value) {
      stats->best = {best.value, best.time_ms, instance};
    }
    stats->points += series.added_points();
  }
  return stats;
}

std::string FormatMetricValue(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.6g", value);
  return buffer;
}

std::vector<std::string> CurveSummaryLines(const std::vector<MetricCurve>& curves) {
  std::vector<std::string> lines;
  for (const auto& curve : curves) {
    std::string line = "metric " + curve.metric + ": ";
    if (!curve.not_evaluable.empty()) {
      lines.push_back(line + "no curve (" + curve.not_evaluable + ")");
      continue;
    }
    const std::optional<CurveStats> stats = StatsOf(curve);
    if (!stats) {
      lines.push_back(line + "no log line matched its regex");
      continue;
    }
    const std::size_t instances = curve.by_instance.size();
    line += "first " + FormatMetricValue(stats->first.value) + " (" + stats->first.instance + "), best " +
            FormatMetricValue(stats->best.value) + " (" + (stats->higher_is_better ? "highest" : "lowest") +
            ", " + stats->best.instance + "), last " + FormatMetricValue(stats->last.value) + " (" +
            stats->last.instance + "); " + std::to_string(stats->points) + " points from " +
            std::to_string(instances) + (instances == 1 ? " instance" : " instances");
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace sagetrain
