// Argument values must be UTF-8: the request is UTF-8 JSON, so a value with other bytes is refused
// up front (exit 2 naming the argument) instead of failing when the request is serialised.
// Found by fuzz/fuzz_arguments (fuzz/corpus/fuzz_arguments/regression-*).
#include <gtest/gtest.h>

#include "spec/spec_parser.h"
#include "spec/value_parsers.h"

namespace sagetrain {
namespace {

class NoRandom final : public RandomSource {
 public:
  std::uint64_t Uniform(std::uint64_t) override { return 0; }
};

TEST(Utf8Test, NonUtf8ArgumentIsAViolationNamingIt) {
  ArgumentValues values = {
      {"region", "us-east-1"},
      {"role", "arn:aws:iam::123456789012:role/SageMakerRole"},
      {"image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/img:\x93latest"},
      {"channels", R"([{"ChannelName":"train","DataSource":{"S3DataSource":{"S3Uri":"s3://b/t","S3DataType":"S3Prefix"}}}])"},
      {"model_artifact_path", "s3://b/out"},
      {"tags", "{\"team\": \"\xE9quipe\"}"},
  };
  NoRandom random;
  auto parsed = ParseTrainingJobSpec(values, WallTime{}, random);
  ASSERT_TRUE(std::holds_alternative<Violations>(parsed));
  const auto& violations = std::get<Violations>(parsed);
  EXPECT_TRUE(violations.Has("image"));
  EXPECT_TRUE(violations.Has("tags"));
  EXPECT_EQ(violations.list().size(), 2u);
}

}  // namespace
}  // namespace sagetrain
