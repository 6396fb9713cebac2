#pragma once
// The training curves as a self-contained HTML page: one inline SVG chart per metric (one line per
// instance, time since the job's first point on x, the value on y, both axes labelled, each line's
// final value marked and written beside it) and a table of first, best and last values. No script,
// no style sheet or font fetched: it renders offline, and inside KFP's sandboxed web-app frame.
// Pure; thread-safe.
#include <string>
#include <vector>

#include "curves/metric_curves.h"

namespace sagetrain {

struct CurvesPageInput {
  std::string job_name;
  std::string status;  // e.g. "Completed", "Failed (AlgorithmError)"; "" when unknown
  const std::vector<MetricCurve>* curves = nullptr;  // REQUIRED
};

std::string CurvesPage(const CurvesPageInput& input);

// Text safe inside HTML and XML elements and quoted attributes.
std::string EscapeHtml(std::string_view text);

}  // namespace sagetrain
