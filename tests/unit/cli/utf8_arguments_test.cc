// Argument values must be UTF-8: the request is UTF-8 JSON, so a value with other bytes is refused
// up front (exit 2 naming the argument) instead of failing when the request is serialised.
// Found by fuzz/fuzz_arguments (fuzz/corpus/fuzz_arguments/regression-*).
#include <gtest/gtest.h>

#include "cli/spec_parser.h"
#include "cli/value_parsers.h"

namespace sagetrain {
namespace {

TEST(Utf8Test, WellFormedAndMalformedSequences) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
  EXPECT_FALSE(IsValidUtf8("\x93"));                  // a lone continuation byte (cp1252 quote)
  EXPECT_FALSE(IsValidUtf8("\xC3"));                  // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));              // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));          // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));      // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

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
