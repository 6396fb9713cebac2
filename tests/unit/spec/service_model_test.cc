#include "spec/service_model.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace sagetrain {
namespace {

nlohmann::json ShapesJsonInput() {
  std::ifstream in("third_party/aws/service-model/shapes.json");
  EXPECT_TRUE(in.good()) << "run from the project root";
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str())["services"]["sagemaker"]["operations"]["CreateTrainingJob"]["input"];
}

// The compiled-in model is generated; put back together from its parts, it must still be the model
// in third_party/aws/service-model/.
TEST(ServiceModelTest, CompiledInShapeEqualsShapesJson) {
  nlohmann::json request = nlohmann::json::parse(CreateTrainingJobRequestShapeJson());
  EXPECT_FALSE(request.contains("members"));
  request["members"] = nlohmann::json::object();
  for (const auto& member : CreateTrainingJobMemberShapesJson()) {
    EXPECT_FALSE(request["members"].contains(std::string(member.name))) << "twice: " << member.name;
    request["members"][std::string(member.name)] = nlohmann::json::parse(member.shape_json);
  }
  EXPECT_EQ(request, ShapesJsonInput());
}

// Lookups binary-search the members by name.
TEST(ServiceModelTest, MembersAreSortedByName) {
  const auto members = CreateTrainingJobMemberShapesJson();
  ASSERT_GT(members.size(), 20u);
  for (std::size_t i = 1; i < members.size(); ++i) {
    EXPECT_LT(members[i - 1].name, members[i].name);
  }
}

TEST(ServiceModelTest, EnumsEqualTheModel) {
  const nlohmann::json input = ShapesJsonInput();
  const auto& members = input["members"];
  const std::pair<const char*, nlohmann::json> cases[] = {
      {"TrainingInstanceType", members["ResourceConfig"]["members"]["InstanceType"]["enum"]},
      {"ProcessingInstanceType", members["DebugRuleConfigurations"]["member"]["members"]["InstanceType"]["enum"]},
      {"TrainingInputMode", members["AlgorithmSpecification"]["members"]["TrainingInputMode"]["enum"]},
      {"S3DataType",
       members["InputDataConfig"]["member"]["members"]["DataSource"]["members"]["S3DataSource"]["members"]["S3DataType"]["enum"]},
      {"CompressionType", members["InputDataConfig"]["member"]["members"]["CompressionType"]["enum"]},
  };
  for (const auto& [shape, expected] : cases) {
    nlohmann::json actual = nlohmann::json::array();
    for (auto value : ServiceEnum(shape)) actual.push_back(std::string(value));
    EXPECT_EQ(actual, expected) << shape;
  }
  EXPECT_GT(ServiceEnum("TrainingInstanceType").size(), 100u);
  EXPECT_TRUE(ServiceEnum("NoSuchShape").empty());
}

TEST(ServiceModelTest, UnicodeRangesAreSortedAndDisjoint) {
  const auto ranges = LetterSeparatorNumberRanges();
  ASSERT_FALSE(ranges.empty());
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    EXPECT_LE(ranges[i].low, ranges[i].high);
    if (i > 0) {
      EXPECT_LT(ranges[i - 1].high + 1, ranges[i].low);
    }
  }
}

}  // namespace
}  // namespace sagetrain
