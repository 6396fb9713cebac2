#pragma once
// MetricCurves: the training curves of one job, taken from its log lines as they are read.
//
// Each metric_definitions regex is applied to every line of every log event of every instance (an
// event's text is split at '\n' and '\r', so each line as a terminal shows it counts, including each
// update of a progress bar). As SageMaker does, the value is the first capture group of the first
// match in the line; each point is stamped with its event's time and its instance ("algo-1"). Points
// are kept per (metric, instance) in a MetricSeries, so memory is bounded however long the job runs.
//
// A regex this program cannot evaluate is not an error: it is listed in warnings() (naming the metric
// and why) and its metric has no curve.
//
// Not thread-safe; one per followed job.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "curves/metric_regex.h"
#include "curves/metric_series.h"

namespace sagetrain {

struct MetricCurve {
  std::string metric;               // the definition's Name
  std::string regex;                // as given
  std::string not_evaluable;        // why the regex cannot be evaluated here; "" when it can
  std::map<std::string, MetricSeries, std::less<>> by_instance;  // instance label -> its points
};

// (Name, Regex) of each metric, in the order given.
using MetricDefinitions = std::vector<std::pair<std::string, std::string>>;

class MetricCurves {
 public:
  // `definitions`: (Name, Regex) in the order given. `max_buckets`: see MetricSeries.
  explicit MetricCurves(const MetricDefinitions& definitions,
                        std::size_t max_buckets = MetricSeries::kDefaultMaxBuckets);

  // One log event of `instance`, written at `timestamp_ms`, its raw text (before any display escaping).
  void Observe(std::string_view instance, std::int64_t timestamp_ms, std::string_view message);

  // One line per regex that cannot be evaluated, for the log at start.
  std::vector<std::string> warnings() const;

  // Every metric in definition order, with or without points.
  const std::vector<MetricCurve>& curves() const { return curves_; }
  bool empty() const { return curves_.empty(); }

 private:
  void ObserveLine(std::string_view instance, std::int64_t timestamp_ms, std::string_view line);

  std::size_t max_buckets_;
  std::vector<MetricCurve> curves_;
  std::vector<std::optional<MetricRegex>> regexes_;  // parallel to curves_; nullopt when not evaluable
};

}  // namespace sagetrain
