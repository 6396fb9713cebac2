#include "spec/value_parsers.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "spec/violations.h"

namespace sagetrain {
namespace {

template <typename T>
bool IsError(const Parsed<T>& parsed) {
  return std::holds_alternative<std::string>(parsed);
}

TEST(ValueParsersTest, Booleans) {
  const std::pair<const char*, bool> accepted[] = {
      {"True", true}, {"TRUE", true}, {"true", true}, {"1", true}, {"yes", true}, {"Yes", true}, {" True ", true},
      {"False", false}, {"false", false}, {"FALSE", false}, {"0", false}, {"no", false}, {"NO", false},
  };
  for (const auto& [text, value] : accepted) {
    auto parsed = ParseBool(text);
    ASSERT_FALSE(IsError(parsed)) << text;
    EXPECT_EQ(std::get<bool>(parsed), value) << text;
  }
  for (const char* text : {"", "maybe", "2", "t", "truee", "on"}) {
    auto parsed = ParseBool(text);
    ASSERT_TRUE(IsError(parsed)) << text;
    EXPECT_NE(std::get<std::string>(parsed).find("True/False"), std::string::npos);
  }
}

TEST(ValueParsersTest, IntegersBothSidesOfTheRange) {
  const std::pair<const char*, bool> cases[] = {
      {"1", true},  {"2419200", true}, {" 30 ", true}, {"0", false},   {"2419201", false}, {"-1", false},
      {"", false},  {"1.5", false},    {"1e3", false}, {"0x10", false}, {"+5", false},     {"ten", false},
      {"99999999999999999999999", false},
  };
  for (const auto& [text, ok] : cases) {
    auto parsed = ParseInteger(text, 1, 2419200, "from 1 to 2419200");
    EXPECT_EQ(!IsError(parsed), ok) << text;
    if (IsError(parsed)) {
      EXPECT_EQ(std::get<std::string>(parsed), std::string("must be an integer from 1 to 2419200, got ") + Quote(text));
    }
  }
  EXPECT_EQ(std::get<long long>(ParseInteger("007", 1, 10, "")), 7);
}

TEST(ValueParsersTest, SecondsAllowFractionsWithinBounds) {
  EXPECT_DOUBLE_EQ(std::get<double>(ParseSeconds("0.5", 0, true, 3600, "")), 0.5);
  EXPECT_DOUBLE_EQ(std::get<double>(ParseSeconds("3600", 0, true, 3600, "")), 3600);
  EXPECT_TRUE(IsError(ParseSeconds("0", 0, true, 3600, "")));
  EXPECT_FALSE(IsError(ParseSeconds("0", 0, false, 3600, "")));
  EXPECT_TRUE(IsError(ParseSeconds("3600.1", 0, true, 3600, "")));
  EXPECT_TRUE(IsError(ParseSeconds("-1", 0, false, 3600, "")));
  EXPECT_TRUE(IsError(ParseSeconds("nan", 0, false, 3600, "")));
  EXPECT_TRUE(IsError(ParseSeconds("inf", 0, false, 3600, "")));
  EXPECT_TRUE(IsError(ParseSeconds("", 0, false, 3600, "")));
  EXPECT_TRUE(IsError(ParseSeconds("5s", 0, false, 3600, "")));
}

TEST(ValueParsersTest, JsonContainers) {
  EXPECT_EQ(std::get<nlohmann::ordered_json>(ParseJsonContainer("", false)), nlohmann::ordered_json::object());
  EXPECT_EQ(std::get<nlohmann::ordered_json>(ParseJsonContainer("  ", true)), nlohmann::ordered_json::array());
  auto ordered = std::get<nlohmann::ordered_json>(ParseJsonContainer(R"({"b":1,"a":2})", false));
  EXPECT_EQ(ordered.begin().key(), "b");
  EXPECT_TRUE(IsError(ParseJsonContainer("[]", false)));
  EXPECT_TRUE(IsError(ParseJsonContainer("{}", true)));
  EXPECT_TRUE(IsError(ParseJsonContainer("{'a': 1}", false)));
  EXPECT_TRUE(IsError(ParseJsonContainer("\"text\"", false)));
  EXPECT_NE(std::get<std::string>(ParseJsonContainer("{oops", false)).find("invalid JSON"), std::string::npos);
}

TEST(ValueParsersTest, JsonNestedDeeperThanTheLimitIsAnErrorNotACrash) {
  const std::string deep = "[" + std::string(55'000, '{') + std::string(55'000, '}') + "]";
  EXPECT_EQ(std::get<std::string>(ParseJsonContainer(deep, true)), "must be a JSON list nested at most 100 levels deep");
  const std::string at_limit = std::string(100, '[') + std::string(100, ']');
  EXPECT_FALSE(IsError(ParseJsonContainer(at_limit, true)));
}

TEST(ViolationsTest, ListingIsCappedWithACountOfTheRest) {
  Violations violations;
  for (int i = 0; i < 53; ++i) violations.Add("channels", "[" + std::to_string(i) + "] is wrong");
  const std::vector<std::string> lines = ListedViolations(violations, 50);
  ASSERT_EQ(lines.size(), 51u);
  EXPECT_EQ(lines.front(), "--channels: [0] is wrong");
  EXPECT_EQ(lines[49], "--channels: [49] is wrong");
  EXPECT_EQ(lines.back(), "... and 3 more");
  Violations few;
  few.Add("region", "is required");
  EXPECT_EQ(ListedViolations(few), std::vector<std::string>{"--region: is required"});
}

TEST(ValueParsersTest, CommaLists) {
  using List = std::vector<std::string>;
  EXPECT_EQ(std::get<List>(ParseCommaList("")), List{});
  EXPECT_EQ(std::get<List>(ParseCommaList("sg-1")), List{"sg-1"});
  EXPECT_EQ(std::get<List>(ParseCommaList(" sg-1 , sg-2,sg-3 ")), (List{"sg-1", "sg-2", "sg-3"}));
  EXPECT_TRUE(IsError(ParseCommaList("sg-1,,sg-2")));
  EXPECT_TRUE(IsError(ParseCommaList("sg-1,")));
  EXPECT_TRUE(IsError(ParseCommaList(",")));
}

TEST(ValueParsersTest, QuoteShortensAndEscapes) {
  EXPECT_EQ(Quote("a\"b"), "\"a\\\"b\"");
  EXPECT_EQ(Quote(std::string(150, 'x')), "\"" + std::string(100, 'x') + "...\"");
}

}  // namespace
}  // namespace sagetrain
