// The curves page: self-contained, one chart per metric with one line per instance, text escaped.
#include "curves/curves_page.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "curves/chart_scale.h"

namespace sagetrain {
namespace {

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

MetricCurves TwoInstances() {
  MetricCurves curves(MetricDefinitions{{"train:msd", R"(<loss>=(\S+))"}, {"validation:auc", R"(auc=(\S+))"}});
  for (int i = 0; i < 30; ++i) {
    for (int instance = 1; instance <= 2; ++instance) {
      curves.Observe("algo-" + std::to_string(instance), 1'700'000'000'000 + 2000LL * i + 100 * instance,
                     "<loss>=" + std::to_string(1.0 / (i + instance)));
    }
  }
  return curves;
}

TEST(CurvesPageTest, OneChartPerMetricWithAPathAndFinalMarkPerInstance) {
  const MetricCurves curves = TwoInstances();
  const std::string page = CurvesPage({"demo-job", "Completed", &curves.curves()});
  EXPECT_EQ(Count(page, "<svg "), 1u);  // validation:auc matched nothing: no chart, a sentence
  EXPECT_NE(page.find("No log line matched this regex."), std::string::npos);
  EXPECT_EQ(Count(page, "<path class=\"line\" data-instance=\"algo-1\""), 1u);
  EXPECT_EQ(Count(page, "<path class=\"line\" data-instance=\"algo-2\""), 1u);
  EXPECT_EQ(Count(page, "<circle class=\"final\""), 2u);
  EXPECT_NE(page.find(">algo-1 0.033333</text>"), std::string::npos);  // its last value, beside its dot
  EXPECT_NE(page.find("time since the job's first metric point (s)"), std::string::npos);
  EXPECT_NE(page.find(">train:msd (value as logged)</text>"), std::string::npos);
  EXPECT_NE(page.find("Status Completed."), std::string::npos);
  EXPECT_NE(page.find("2023-11-14T22:13:20Z"), std::string::npos);  // time 0, in UTC
  // Nothing to fetch: no external reference of any kind.
  EXPECT_EQ(page.find("http"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  // Each path has one vertex per point, inside the plot.
  const std::regex path(R"re(data-instance="algo-1" d="([^"]*)")re");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(page, match, path));
  EXPECT_EQ(Count(match[1].str(), ","), 30u);
}

TEST(CurvesPageTest, UserTextIsEscaped) {
  MetricCurves curves(MetricDefinitions{{"<b>loss</b>&", R"(l=(\S+))"}});
  curves.Observe("algo-1\"><script>", 1, "l=1");
  const std::string page = CurvesPage({"job<1>", "", &curves.curves()});
  EXPECT_EQ(page.find("<b>"), std::string::npos);
  EXPECT_EQ(page.find("<script>"), std::string::npos);
  EXPECT_NE(page.find("&lt;b&gt;loss&lt;/b&gt;&amp;"), std::string::npos);
  EXPECT_NE(page.find("job&lt;1&gt;"), std::string::npos);
}

TEST(CurvesPageTest, NoDefinitionsStillMakesAPage) {
  const std::vector<MetricCurve> none;
  const std::string page = CurvesPage({"job", "Failed", &none});
  EXPECT_NE(page.find("The job has no metric definitions."), std::string::npos);
  EXPECT_NE(page.find("</html>"), std::string::npos);
}

TEST(ChartScaleTest, RoundTicksCoverTheRange) {
  const AxisTicks ticks = RoundTicks(0.031, 0.97, 5);
  EXPECT_EQ(ticks.step, 0.2);
  EXPECT_EQ(ticks.low, 0.0);
  EXPECT_DOUBLE_EQ(ticks.high, 1.0);
  EXPECT_EQ(ticks.values.size(), 6u);
  const AxisTicks flat = RoundTicks(5, 5, 5);  // one value: widened
  EXPECT_LT(flat.low, 5);
  EXPECT_GT(flat.high, 5);
  EXPECT_EQ(TimeUnitFor(90'000).name, "s");
  EXPECT_EQ(TimeUnitFor(3'600'000).name, "min");
  EXPECT_EQ(TimeUnitFor(48 * 3'600'000LL).name, "h");
}

}  // namespace
}  // namespace sagetrain
