#include "curves/metric_curves.h"

namespace sagetrain {

MetricCurves::MetricCurves(const MetricDefinitions& definitions,
                           std::size_t max_buckets)
    : max_buckets_(max_buckets) {
  for (const auto& [name, regex] : definitions) {
    MetricCurve curve;
    curve.metric = name;
    curve.regex = regex;
    auto compiled = CompileMetricRegex(regex);
    if (compiled.ok()) {
      regexes_.push_back(std::move(*compiled));
    } else {
      curve.not_evaluable = compiled.status().message();
      regexes_.push_back(std::nullopt);
    }
    curves_.push_back(std::move(curve));
  }
}

std::vector<std::string> MetricCurves::warnings() const {
  std::vector<std::string> lines;
  for (const auto& curve : curves_) {
    if (curve.not_evaluable.empty()) continue;
    lines.push_back("warning: metric " + curve.metric + " (regex " + curve.regex + ") will have no curve: " +
                    curve.not_evaluable + "; SageMaker still extracts it for the job's final metrics");
  }
  return lines;
}

void MetricCurves::Observe(std::string_view instance, std::int64_t timestamp_ms, std::string_view message) {
  if (curves_.empty()) return;
  std::size_t start = 0;
  while (start <= message.size()) {
    const std::size_t end = message.find_first_of("\r\n", start);
    const std::string_view line = message.substr(start, end == std::string_view::npos ? message.npos : end - start);
    if (!line.empty()) ObserveLine(instance, timestamp_ms, line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
}

void MetricCurves::ObserveLine(std::string_view instance, std::int64_t timestamp_ms, std::string_view line) {
  for (std::size_t i = 0; i < curves_.size(); ++i) {
    if (!regexes_[i]) continue;
    const std::optional<double> value = regexes_[i]->ValueIn(line);
    if (!value) continue;
    auto& by_instance = curves_[i].by_instance;
    auto series = by_instance.find(instance);
    if (series == by_instance.end()) {
      series = by_instance.emplace(std::string(instance), MetricSeries(max_buckets_)).first;
    }
    series->second.Add(timestamp_ms, *value);
  }
}

}  // namespace sagetrain
