#include "kfp/pipeline_metrics.h"

#include <cctype>
#include <cmath>
#include <set>

namespace sagetrain {
namespace {

constexpr std::size_t kMaxNameLength = 64;

std::string TrimDashes(std::string name) {
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name;
}

}  // namespace

std::string SanitizeKfpMetricName(const std::string& name) {
  std::string out;
  for (const char raw : name) {
    const auto c = static_cast<unsigned char>(raw);
    if (std::isalnum(c) != 0) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';  // a run of other characters becomes one dash
    } else if (out.empty()) {
      out += '-';
    }
  }
  while (!out.empty() && out.front() == '-') out.erase(out.begin());
  if (out.empty()) return "metric";
  if (std::isalpha(static_cast<unsigned char>(out.front())) == 0) out = "m-" + out;
  if (out.size() > kMaxNameLength) out.resize(kMaxNameLength);
  return TrimDashes(out);
}

nlohmann::json PipelineMetricsJson(const std::vector<NamedMetric>& metrics) {
  nlohmann::json list = nlohmann::json::array();
  std::set<std::string> used;
  for (const auto& metric : metrics) {
    if (!std::isfinite(metric.value)) continue;
    const std::string base = SanitizeKfpMetricName(metric.name);
    std::string name = base;
    for (int n = 2; used.count(name) != 0; ++n) {
      const std::string suffix = "-" + std::to_string(n);
      name = TrimDashes(base.substr(0, kMaxNameLength - suffix.size())) + suffix;
    }
    used.insert(name);
    list.push_back({{"name", name}, {"numberValue", metric.value}, {"format", "RAW"}});
  }
  return {{"metrics", list}};
}

}  // namespace sagetrain
