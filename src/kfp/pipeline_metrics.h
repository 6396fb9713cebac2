#pragma once
// The KFP v1 `mlpipeline-metrics` artifact: {"metrics":[{"name", "numberValue", "format":"RAW"}]}.
// KFP rejects the whole file when a name does not match its pattern (current backend:
// ^[a-zA-Z]([-_a-zA-Z0-9]{0,62}[a-zA-Z0-9])?$, older ones: ^[a-z]([-a-z0-9]{0,62}[a-z0-9])?$), so
// names are sanitised to what both accept. Pure; thread-safe.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace sagetrain {

struct NamedMetric {
  std::string name;  // as SageMaker reports it, e.g. "validation:rmse"
  double value = 0;
};

// Lower-case letters, digits and '-', starting with a letter, ending with a letter or digit, at most
// 64 characters: "validation:RMSE" -> "validation-rmse", "0.5-quantile" -> "m-0-5-quantile".
std::string SanitizeKfpMetricName(const std::string& name);

// The metrics file content. Non-finite values are left out (JSON cannot carry them); names made equal
// by sanitising get "-2", "-3", ... suffixes in input order.
nlohmann::json PipelineMetricsJson(const std::vector<NamedMetric>& metrics);

}  // namespace sagetrain
