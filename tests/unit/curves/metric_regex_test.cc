// MetricRegex on the log formats SageMaker's built-in algorithms print and the regexes their metric
// definitions use, plus the constructs this program's engine lacks.
#include "curves/metric_regex.h"

#include <gtest/gtest.h>

#include <string>

namespace sagetrain {
namespace {

// The built-in algorithms' own metric definitions (as SageMaker lists them for k-means and XGBoost).
constexpr char kKMeansTrainMsd[] = R"(#quality_metric: host=\S+, epoch=\S+, train msd <loss>=(\S+))";
constexpr char kXgbValidationRmse[] =
    R"(.*\[[0-9]+\].*#011validation-rmse:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*)";
constexpr char kXgbTrainRmse[] = R"(.*\[[0-9]+\].*#011train-rmse:([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?).*)";

MetricRegex Compile(const std::string& pattern) {
  auto compiled = CompileMetricRegex(pattern);
  EXPECT_TRUE(compiled.ok()) << pattern << ": " << compiled.status().ToString();
  return std::move(*compiled);
}

TEST(MetricRegexTest, KMeansQualityMetricLine) {
  const MetricRegex regex = Compile(kKMeansTrainMsd);
  EXPECT_EQ(regex.ValueIn("#quality_metric: host=algo-1, epoch=3, train msd <loss>=0.25"), 0.25);
  EXPECT_EQ(regex.ValueIn("#quality_metric: host=algo-2, epoch=14, train msd <loss>=1.5e-03"), 1.5e-3);
  EXPECT_EQ(regex.ValueIn("#quality_metric: host=algo-1, epoch=3, test msd <loss>=0.25"), std::nullopt);
  EXPECT_EQ(regex.ValueIn("[11/29/2026 12:00:01 INFO 1400] Epoch[3] Batch [500]#011Speed: 1500 samples/sec"),
            std::nullopt);
}

TEST(MetricRegexTest, XgboostEvaluationLineGivesEachMetricItsOwnValue) {
  const std::string line = "[12]#011train-rmse:0.35#011validation-rmse:0.41";
  EXPECT_EQ(Compile(kXgbTrainRmse).ValueIn(line), 0.35);
  EXPECT_EQ(Compile(kXgbValidationRmse).ValueIn(line), 0.41);
  EXPECT_EQ(Compile(kXgbTrainRmse).ValueIn("[07:06:35] WARNING: reg:linear is now deprecated"), std::nullopt);
}

TEST(MetricRegexTest, UserRegexWithKerasStyleLine) {
  const MetricRegex regex = Compile(R"(val_loss: ([0-9\.]+))");
  EXPECT_EQ(regex.ValueIn("1875/1875 - 3s - loss: 0.2969 - accuracy: 0.9131 - val_loss: 0.1432"), 0.1432);
}

TEST(MetricRegexTest, FirstCaptureGroupIsTheValueAndMustBeANumber) {
  // SageMaker's rule: the first group, even when a later one holds a number too.
  EXPECT_EQ(Compile(R"(epoch (\d+) loss=(\S+))").ValueIn("epoch 7 loss=0.5"), 7.0);
  EXPECT_EQ(Compile(R"(loss=(\S+))").ValueIn("loss=nan"), std::nullopt);
  EXPECT_EQ(Compile(R"(loss=(\S+))").ValueIn("loss=inf"), std::nullopt);
  EXPECT_EQ(Compile(R"(loss=(\S+))").ValueIn("loss=0.5,"), std::nullopt);
  EXPECT_EQ(Compile(R"(loss=(\S+))").ValueIn("loss=+2"), 2.0);
  EXPECT_EQ(Compile(R"(loss=(\S+))").ValueIn("loss=-1e-3"), -1e-3);
  EXPECT_EQ(Compile(R"(loss=\s*(.*)$)").ValueIn("loss=  0.75 "), 0.75);
  EXPECT_EQ(Compile(R"(loss=(\d+)?x)").ValueIn("loss=x"), std::nullopt);  // the group took no part
}

TEST(MetricRegexTest, ConstructsEcmaScriptLacksAreNamed) {
  struct Case {
    const char* pattern;
    const char* named;
  };
  for (const Case& c : {Case{R"((?<=loss=)\S+(\d))", "lookbehind"},
                        Case{R"((?<!val_)loss=(\S+))", "negative lookbehind"},
                        Case{R"(loss=(?P<value>\S+))", "named group (?P<name>"},
                        Case{R"(loss=(?<value>\S+))", "named group (?<name>"},
                        Case{R"(loss=(\d++))", "possessive quantifier ++"},
                        Case{R"(loss=(?>(\d+)))", "atomic group"},
                        Case{R"((?i)LOSS=(\S+))", "inline flags (?i"},
                        Case{R"(\Aloss=(\S+))", "anchor \\A"},
                        Case{R"(loss=(\p{N}+))", "Unicode property \\p"}}) {
    const auto compiled = CompileMetricRegex(c.pattern);
    ASSERT_FALSE(compiled.ok()) << c.pattern;
    EXPECT_NE(compiled.status().message().find(c.named), std::string::npos) << compiled.status().message();
  }
}

TEST(MetricRegexTest, EscapedOrBracketedLookalikesAreFine) {
  EXPECT_EQ(Compile(R"(\(?<=(\S+))").ValueIn("(<=3"), 3.0);
  EXPECT_EQ(Compile(R"([(?<]loss=(\S+))").ValueIn("<loss=4"), 4.0);
  EXPECT_EQ(Compile(R"(loss=(\d+)+?)").ValueIn("loss=5"), 5.0);  // lazy, not possessive
}

TEST(MetricRegexTest, NoCaptureGroupOrBadSyntaxIsRefusedWithTheEnginesReason) {
  const auto no_group = CompileMetricRegex("loss=\\S+");
  ASSERT_FALSE(no_group.ok());
  EXPECT_NE(no_group.status().message().find("no capture group"), std::string::npos);
  const auto bad = CompileMetricRegex("loss=([0-9]");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("cannot compile"), std::string::npos);
}

TEST(MetricRegexTest, RequiredLiteralIsOnlyWhatEveryMatchContains) {
  EXPECT_EQ(RequiredLiteral(kKMeansTrainMsd), "#quality_metric: host=");
  EXPECT_EQ(RequiredLiteral(kXgbTrainRmse), "#011train-rmse:");
  EXPECT_EQ(RequiredLiteral(R"(val_loss: ([0-9\.]+))"), "val_loss: ");
  EXPECT_EQ(RequiredLiteral("train-loss|val-loss=(x)"), "");   // alternation: either side alone
  EXPECT_EQ(RequiredLiteral("abcd?e=(x)"), "abc");             // d is optional
  EXPECT_EQ(RequiredLiteral("ab+cdefg(x)"), "cdefg");          // "ab" then more b's
  EXPECT_EQ(RequiredLiteral("lo(ss|g)it=(x)"), "it=");         // groups are opaque
  EXPECT_EQ(RequiredLiteral(R"(x\.y\d(z))"), "x.y");
  EXPECT_EQ(RequiredLiteral("a{0,3}b(c)"), "b");
}

TEST(MetricRegexTest, LongLinesAreSkippedAndALongestSearchableLineIsSafe) {
  const MetricRegex regex = Compile(kXgbTrainRmse);
  std::string line = "[1]" + std::string(kMaxMetricLineBytes - 30, 'x') + "#011train-rmse:0.5";
  line.resize(kMaxMetricLineBytes, ' ');
  EXPECT_EQ(regex.ValueIn(line), 0.5);
  line += ' ';
  EXPECT_EQ(regex.ValueIn(line), std::nullopt);
}

}  // namespace
}  // namespace sagetrain
