#include "curves/curves_page.h"

#include <algorithm>
#include <ctime>
#include <limits>

#include "curves/chart_svg.h"
#include "curves/curve_summary.h"

namespace sagetrain {
namespace {

constexpr char kStyle[] =
    "body{font:14px/1.4 sans-serif;color:#222;margin:16px;background:#fafafa}"
    "h1{font-size:18px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 4px}"
    ".meta,.regex{color:#555;margin:0 0 8px}code{font:12px monospace}"
    "svg.chart{font:12px sans-serif;display:block}svg .axis-title{font-size:13px;fill:#333}"
    "table{border-collapse:collapse;margin:6px 0 0 76px}td,th{padding:2px 10px;text-align:right;"
    "border-bottom:1px solid #ddd}th:first-child,td:first-child{text-align:left}"
    ".swatch{display:inline-block;width:12px;height:12px;margin-right:6px;vertical-align:-1px}";

std::string UtcText(std::int64_t time_ms) {
  const std::time_t seconds = static_cast<std::time_t>(time_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

// The earliest point of the whole page: every chart's time axis starts there, so they line up.
std::int64_t Origin(const std::vector<MetricCurve>& curves) {
  std::int64_t origin = std::numeric_limits<std::int64_t>::max();
  for (const auto& curve : curves) {
    for (const auto& [instance, series] : curve.by_instance) {
      for (const auto& point : series.Points()) origin = std::min(origin, point.time_ms);
    }
  }
  return origin;
}

std::string Table(const MetricCurve& curve) {
  const bool higher = HigherIsBetter(curve.metric);
  std::string html = "<table><tr><th>instance</th><th>points</th><th>first</th><th>best (" +
                     std::string(higher ? "highest" : "lowest") + ")</th><th>last</th></tr>\n";
  const auto order = InstancesInOrder(curve);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const MetricSeries& series = curve.by_instance.find(*order[i])->second;
    if (series.empty()) continue;
    html += "<tr><td><span class=\"swatch\" style=\"background:" + std::string(LineColor(i)) + "\"></span>" +
            EscapeHtml(*order[i]) + "</td><td>" + std::to_string(series.added_points()) + "</td><td>" +
            FormatMetricValue(series.first().value) + "</td><td>" +
            FormatMetricValue(higher ? series.highest().value : series.lowest().value) + "</td><td>" +
            FormatMetricValue(series.last().value) + "</td></tr>\n";
  }
  return html + "</table>\n";
}

std::string Section(const MetricCurve& curve, std::int64_t origin) {
  std::string html = "<section class=\"metric\"><h2>" + EscapeHtml(curve.metric) + "</h2>\n<p class=\"regex\">regex <code>" +
                     EscapeHtml(curve.regex) + "</code></p>\n";
  if (!curve.not_evaluable.empty()) {
    return html + "<p class=\"none\">No curve: " + EscapeHtml(curve.not_evaluable) + ".</p></section>\n";
  }
  if (!StatsOf(curve)) return html + "<p class=\"none\">No log line matched this regex.</p></section>\n";
  return html + MetricChartSvg(curve, origin) + Table(curve) + "</section>\n";
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string CurvesPage(const CurvesPageInput& input) {
  const std::vector<MetricCurve>& curves = *input.curves;
  const std::int64_t origin = Origin(curves);
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Training curves: " +
      EscapeHtml(input.job_name) + "</title>\n<style>" + kStyle + "</style></head>\n<body>\n<h1>Training curves of " +
      EscapeHtml(input.job_name) + "</h1>\n<p class=\"meta\">";
  if (!input.status.empty()) html += "Status " + EscapeHtml(input.status) + ". ";
  if (origin != std::numeric_limits<std::int64_t>::max()) {
    html += "Time 0 is the first metric point, " + UtcText(origin) + ". ";
  }
  html += "Values extracted from the log lines of every instance with the job's metric definitions.</p>\n";
  if (curves.empty()) html += "<p class=\"none\">The job has no metric definitions.</p>\n";
  for (const auto& curve : curves) html += Section(curve, origin);
  return html + "</body></html>\n";
}

}  // namespace sagetrain
