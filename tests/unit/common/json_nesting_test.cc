#include "common/json_nesting.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sagetrain {
namespace {

std::string Nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

TEST(JsonNestingTest, CountsArraysAndObjectsOutsideStrings) {
  struct Case {
    std::string text;
    std::size_t max_depth;
    bool within;
  };
  const std::vector<Case> cases{
      {"", 0, true},
      {"42", 0, true},
      {"{}", 0, false},
      {"{}", 1, true},
      {R"({"a": [{"b": [1, 2]}], "c": {}})", 4, true},
      {R"({"a": [{"b": [1, 2]}], "c": {}})", 3, false},
      {R"(["[[[[", "{{{{"])", 1, true},
      {R"(["a\"[[[["])", 1, true},
      {R"(["a\\", [[]]])", 2, false},
      {"]]]][[", 2, true},
      {Nested(100), kMaxJsonNesting, true},
      {Nested(101), kMaxJsonNesting, false},
      {Nested(150'000), kMaxJsonNesting, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(JsonNestingWithin(c.text, c.max_depth), c.within) << c.text.substr(0, 40);
  }
}

}  // namespace
}  // namespace sagetrain
