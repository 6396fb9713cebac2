#include "spec/field_rules.h"

#include <string>

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TEST(FieldRulesTest, AlgorithmNameBothSides) {
  const std::pair<std::string, bool> cases[] = {
      {"my-algorithm", true},
      {"a", true},
      {std::string(63, 'a'), true},
      {std::string(64, 'a'), false},
      {"", false},
      {"-a", false},
      {"a-", false},
      {"my_algo", false},
      {"arn:aws:sagemaker:us-east-1:123456789012:algorithm/my-algo", true},
      {"arn:aws-cn:sagemaker:cn-north-1:123456789012:algorithm/my-algo", true},
      {"arn:aws:sagemaker:us-east-1:12345678901:algorithm/my-algo", false},
      {"arn:aws:sagemaker:us-east-1:123456789012:algorithm/my-algo-", false},
      {"arn:aws:s3:::bucket", false},
  };
  for (const auto& [name, valid] : cases) EXPECT_EQ(IsValidAlgorithmName(name), valid) << name;
}

TEST(FieldRulesTest, TagTextUsesUnicodeLettersSeparatorsNumbers) {
  const std::pair<std::string, bool> cases[] = {
      {"", true},
      {"team", true},
      {"cost center: ml/research_01=+-@.", true},
      {"\xC3\xA9quipe", true},                 // équipe
      {"\xE6\x97\xA5\xE6\x9C\xAC", true},      // 日本
      {"\xD9\xA3", true},                      // Arabic-Indic digit three (Nd)
      {"a\xC2\xA0" "b", true},                 // no-break space (Zs)
      {"te!am", false},
      {"a#b", false},
      {"tab\there", false},
      {"\xC2\xA9", false},                     // © is So
      {"\xF0\x9F\x98\x80", false},             // emoji (So)
      {"\xC3", false},                         // truncated UTF-8
      {"\xFF", false},
  };
  for (const auto& [text, valid] : cases) EXPECT_EQ(IsValidTagText(text), valid) << text;
}

}  // namespace
}  // namespace sagetrain
