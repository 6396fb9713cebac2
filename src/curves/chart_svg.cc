#include "curves/chart_svg.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "curves/chart_scale.h"
#include "curves/curve_summary.h"
#include "curves/curves_page.h"

namespace sagetrain {
namespace {

// The plot area inside the chart; the margins hold tick labels, axis titles and final values.
constexpr double kLeft = 76, kRight = kChartWidth - 150, kTop = 16, kBottom = kChartHeight - 52;

std::string Num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%.1f", value);
  return buffer;
}

struct Scales {
  AxisTicks x, y;
  TimeUnit unit;
  std::int64_t origin_ms = 0;
  double X(std::int64_t time_ms) const {
    const double t = static_cast<double>(time_ms - origin_ms) / static_cast<double>(unit.millis);
    return kLeft + (t - x.low) / (x.high - x.low) * (kRight - kLeft);
  }
  double Y(double value) const { return kBottom - (value - y.low) / (y.high - y.low) * (kBottom - kTop); }
};

Scales ScalesOf(const MetricCurve& curve, std::int64_t origin_ms) {
  std::int64_t latest = origin_ms;
  double low = 0, high = 0;
  bool any = false;
  for (const auto& [instance, series] : curve.by_instance) {
    if (series.empty()) continue;
    latest = std::max(latest, series.last().time_ms);
    for (const auto& point : series.Points()) latest = std::max(latest, point.time_ms);
    low = any ? std::min(low, series.lowest().value) : series.lowest().value;
    high = any ? std::max(high, series.highest().value) : series.highest().value;
    any = true;
  }
  Scales scales;
  scales.origin_ms = origin_ms;
  scales.unit = TimeUnitFor(latest - origin_ms);
  scales.x = RoundTicks(0, static_cast<double>(latest - origin_ms) / static_cast<double>(scales.unit.millis), 6);
  scales.y = RoundTicks(low, high, 5);
  return scales;
}

std::string Axes(const MetricCurve& curve, const Scales& s) {
  std::string svg = "<rect x=\"" + Num(kLeft) + "\" y=\"" + Num(kTop) + "\" width=\"" + Num(kRight - kLeft) +
                    "\" height=\"" + Num(kBottom - kTop) + "\" fill=\"#fff\" stroke=\"#999\"/>\n";
  for (const double tick : s.y.values) {
    const std::string y = Num(s.Y(tick));
    svg += "<line class=\"grid\" x1=\"" + Num(kLeft) + "\" x2=\"" + Num(kRight) + "\" y1=\"" + y + "\" y2=\"" + y +
           "\" stroke=\"#e4e4e4\"/><text x=\"" + Num(kLeft - 6) + "\" y=\"" + y +
           "\" text-anchor=\"end\" dominant-baseline=\"middle\">" + TickLabel(tick) + "</text>\n";
  }
  for (const double tick : s.x.values) {
    const std::string x = Num(kLeft + (tick - s.x.low) / (s.x.high - s.x.low) * (kRight - kLeft));
    svg += "<line class=\"grid\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + Num(kTop) + "\" y2=\"" + Num(kBottom) +
           "\" stroke=\"#e4e4e4\"/><text x=\"" + x + "\" y=\"" + Num(kBottom + 18) + "\" text-anchor=\"middle\">" +
           TickLabel(tick) + "</text>\n";
  }
  svg += "<text class=\"axis-title\" x=\"" + Num((kLeft + kRight) / 2) + "\" y=\"" + Num(kChartHeight - 10) +
         "\" text-anchor=\"middle\">time since the job's first metric point (" + s.unit.name + ")</text>\n";
  svg += "<text class=\"axis-title\" transform=\"translate(16 " + Num((kTop + kBottom) / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + EscapeHtml(curve.metric) + " (value as logged)</text>\n";
  return svg;
}

std::string Line(const MetricSeries& series, const std::string& instance, std::string_view color, const Scales& s) {
  std::string d;
  for (const auto& point : series.Points()) {
    d += d.empty() ? "M" : "L";
    d += Num(s.X(point.time_ms)) + "," + Num(s.Y(point.value));
  }
  return "<path class=\"line\" data-instance=\"" + EscapeHtml(instance) + "\" d=\"" + d +
         "\" fill=\"none\" stroke=\"" + std::string(color) +
         "\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n";
}

// The dots on each line's last point, and its value at the right edge, moved apart so labels of lines
// ending close together stay readable.
std::string FinalMarks(const MetricCurve& curve, const std::vector<const std::string*>& order, const Scales& s) {
  struct Mark {
    double y;
    std::string svg_dot, label;
    std::string_view color;
  };
  std::vector<Mark> marks;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const MetricSeries& series = curve.by_instance.find(*order[i])->second;
    if (series.empty()) continue;
    const double x = s.X(series.last().time_ms), y = s.Y(series.last().value);
    marks.push_back({y,
                     "<circle class=\"final\" data-instance=\"" + EscapeHtml(*order[i]) + "\" cx=\"" + Num(x) +
                         "\" cy=\"" + Num(y) + "\" r=\"4\" fill=\"" + std::string(LineColor(i)) + "\"/>\n",
                     EscapeHtml(*order[i]) + " " + FormatMetricValue(series.last().value), LineColor(i)});
  }
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.y < b.y; });
  constexpr double kLabelGap = 15;
  for (std::size_t i = 1; i < marks.size(); ++i) marks[i].y = std::max(marks[i].y, marks[i - 1].y + kLabelGap);
  std::string svg;
  for (const auto& mark : marks) {
    svg += mark.svg_dot + "<text class=\"final-label\" x=\"" + Num(kRight + 10) + "\" y=\"" + Num(mark.y) +
           "\" dominant-baseline=\"middle\" fill=\"" + std::string(mark.color) + "\">" + mark.label + "</text>\n";
  }
  return svg;
}

}  // namespace

std::vector<const std::string*> InstancesInOrder(const MetricCurve& curve) {
  std::vector<const std::string*> order;
  for (const auto& entry : curve.by_instance) order.push_back(&entry.first);
  std::sort(order.begin(), order.end(), [](const std::string* a, const std::string* b) {
    return a->size() != b->size() ? a->size() < b->size() : *a < *b;
  });
  return order;
}

std::string_view LineColor(std::size_t index) {
  static constexpr std::array<std::string_view, 10> kColors = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                                               "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  return kColors[index % kColors.size()];
}

std::string MetricChartSvg(const MetricCurve& curve, std::int64_t origin_ms) {
  const Scales scales = ScalesOf(curve, origin_ms);
  const auto order = InstancesInOrder(curve);
  std::string svg = "<svg class=\"chart\" data-metric=\"" +
                    EscapeHtml(curve.metric) + "\" viewBox=\"0 0 " + std::to_string(kChartWidth) + " " +
                    std::to_string(kChartHeight) + "\" width=\"" + std::to_string(kChartWidth) + "\" height=\"" +
                    std::to_string(kChartHeight) + "\" role=\"img\" aria-label=\"" + EscapeHtml(curve.metric) +
                    " over time, one line per instance\">\n";
  svg += Axes(curve, scales);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const MetricSeries& series = curve.by_instance.find(*order[i])->second;
    if (!series.empty()) svg += Line(series, *order[i], LineColor(i), scales);
  }
  svg += FinalMarks(curve, order, scales);
  return svg + "</svg>\n";
}

}  // namespace sagetrain
