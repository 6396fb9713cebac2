#include "spec/shape_validator.h"

#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "spec/service_model.h"

namespace sagetrain {
namespace {

using nlohmann::json;

std::string JoinErrors(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& e : errors) out += e + "\n";
  return out;
}

struct ShapeCase {
  const char* member;
  std::string value;     // JSON
  std::string expected;  // substring of the errors; "" = conforms
};

std::string ListOf(const std::string& item, int count) {
  std::string out = "[";
  for (int i = 0; i < count; ++i) out += (i ? "," : "") + item;
  return out + "]";
}

TEST(ShapeValidatorTest, BothSidesOfEachConstraint) {
  const std::string s3 = R"({"S3DataType":"S3Prefix","S3Uri":"s3://b/p"})";
  const std::string channel = R"({"ChannelName":"train","DataSource":{"S3DataSource":)" + s3 + "}}";
  const std::string name64(64, 'a');
  const std::string name65(65, 'a');
  const ShapeCase cases[] = {
      {"InputDataConfig", ListOf(channel, 1), ""},
      {"InputDataConfig", "[]", "at least 1 items"},
      {"InputDataConfig", ListOf(channel, 20), ""},
      {"InputDataConfig", ListOf(channel, 21), "at most 20 items"},
      {"InputDataConfig", "{}", "must be a JSON list"},
      {"InputDataConfig", "[1]", "[0]: must be a JSON object"},
      {"InputDataConfig", R"([{"DataSource":{}}])", "[0]: missing required member ChannelName"},
      {"InputDataConfig", R"([{"ChannelName":"a b","DataSource":{}}])", "[0].ChannelName: must match"},
      {"InputDataConfig", R"([{"ChannelName":")" + name64 + R"(","DataSource":{}}])", ""},
      {"InputDataConfig", R"([{"ChannelName":")" + name65 + R"(","DataSource":{}}])", "at most 64 characters"},
      {"InputDataConfig", R"([{"ChannelName":"t","DataSource":{},"Extra":1}])", "[0].Extra: unknown member"},
      {"InputDataConfig", R"([{"ChannelName":"t","DataSource":{},"CompressionType":"Gzip"}])", ""},
      {"InputDataConfig", R"([{"ChannelName":"t","DataSource":{},"CompressionType":"gzip"}])", "must be one of None, Gzip"},
      {"InputDataConfig", R"([{"ChannelName":"t","DataSource":{},"ShuffleConfig":{"Seed":1}}])", ""},
      {"InputDataConfig", R"([{"ChannelName":"t","DataSource":{},"ShuffleConfig":{"Seed":"1"}}])", "must be an integer"},
      {"InputDataConfig", R"([{"ChannelName":"t","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"https://b/p"}}}])", ""},
      {"InputDataConfig", R"([{"ChannelName":"t","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"ftp://b/p"}}}])", "S3Uri: must match"},
      {"InputDataConfig", R"([{"ChannelName":"t","DataSource":{"FileSystemDataSource":{"FileSystemId":"fs-0123abcd","FileSystemAccessMode":"ro","FileSystemType":"EFS","DirectoryPath":"/d"}}}])", ""},
      {"InputDataConfig", R"([{"ChannelName":"t","DataSource":{"FileSystemDataSource":{"FileSystemId":"fs-0123abc","FileSystemAccessMode":"ro","FileSystemType":"EFS","DirectoryPath":"/d"}}}])", "at least 11 characters"},
      {"CheckpointConfig", R"({"S3Uri":"s3://b/c","LocalPath":"/opt/ml/checkpoints"})", ""},
      {"CheckpointConfig", R"({"LocalPath":"/x"})", "missing required member S3Uri"},
      {"DebugRuleConfigurations", R"([{"RuleConfigurationName":"r","RuleEvaluatorImage":"i","InstanceType":"ml.m5.xlarge","VolumeSizeInGB":0}])", ""},
      {"DebugRuleConfigurations", R"([{"RuleConfigurationName":"r","RuleEvaluatorImage":"i","VolumeSizeInGB":-1}])", "must be >= 0"},
      {"DebugRuleConfigurations", R"([{"RuleConfigurationName":"r","RuleEvaluatorImage":"i","RuleParameters":{"a":1}}])", "must be a string"},
      {"DebugHookConfig", R"({"S3OutputPath":"s3://b/d","HookParameters":{"save_interval":"100"}})", ""},
      {"DebugHookConfig", R"({"S3OutputPath":"s3://b/d","HookParameters":{"":"100"}})", "at least 1 characters"},
      {"Environment", R"({"A_1":"x"})", ""},
      {"Environment", R"({"1A":"x"})", "key: must match"},
      {"EnableNetworkIsolation", "true", ""},
      {"EnableNetworkIsolation", R"("true")", "must be true or false"},
  };
  for (const auto& c : cases) {
    const auto errors = ValidateAgainstShape(json::parse(c.value), CreateTrainingJobMemberShape(c.member));
    if (c.expected.empty()) {
      EXPECT_TRUE(errors.empty()) << c.member << " " << c.value << "\n" << JoinErrors(errors);
    } else {
      EXPECT_NE(JoinErrors(errors).find(c.expected), std::string::npos)
          << c.member << " " << c.value << "\nexpected: " << c.expected << "\ngot: " << JoinErrors(errors);
    }
  }
}

TEST(ShapeValidatorTest, LengthsCountCharactersNotBytes) {
  EXPECT_EQ(CharacterCount("abc"), 3u);
  EXPECT_EQ(CharacterCount("\xC3\xA9t\xC3\xA9"), 3u);         // "été"
  EXPECT_EQ(CharacterCount("\xE6\x97\xA5\xE6\x9C\xAC"), 2u);  // "日本"
}

TEST(ShapeValidatorTest, WholeValuePatterns) {
  EXPECT_TRUE(MatchesWholePattern("s3://bucket/key", "(https|s3)://([^/]+)/?(.*)"));
  EXPECT_FALSE(MatchesWholePattern("xs3://bucket/key", "(https|s3)://([^/]+)/?(.*)"));
  EXPECT_TRUE(MatchesWholePattern("", ".*"));
  EXPECT_FALSE(MatchesWholePattern("a\nb", ".*"));
  EXPECT_FALSE(MatchesWholePattern("", ".+"));
  EXPECT_TRUE(MatchesWholePattern("a\nb", "[\\S\\s]*"));
  EXPECT_TRUE(MatchesWholePattern("alias/my-key", "[a-zA-Z0-9:/_-]*"));
  EXPECT_FALSE(MatchesWholePattern("alias/my key", "[a-zA-Z0-9:/_-]*"));
}

TEST(ShapeValidatorTest, ThreadsAskingForOneMemberShareOneParse) {
  constexpr int kThreads = 8;
  std::vector<const json*> seen(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([i, &seen] {
      // Different members at once, then the same one, so first parses race with each other.
      const auto members = CreateTrainingJobMemberShapesJson();
      CreateTrainingJobMemberShape(members[static_cast<std::size_t>(i) % members.size()].name);
      seen[static_cast<std::size_t>(i)] = &CreateTrainingJobMemberShape("ProfilerRuleConfigurations");
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(std::set<const json*>(seen.begin(), seen.end()).size(), 1u);
  EXPECT_EQ(seen[0]->at("type"), "list");
}

// Members are parsed one at a time on first use; each is the model's and is parsed only once.
TEST(ShapeValidatorTest, EveryMemberShapeIsTheModelsAndParsedOnce) {
  for (const auto& member : CreateTrainingJobMemberShapesJson()) {
    const json& shape = CreateTrainingJobMemberShape(member.name);
    EXPECT_EQ(shape, json::parse(member.shape_json)) << member.name;
    EXPECT_TRUE(shape.contains("type")) << member.name;
    EXPECT_EQ(&shape, &CreateTrainingJobMemberShape(std::string(member.name))) << member.name;
  }
}

}  // namespace
}  // namespace sagetrain
