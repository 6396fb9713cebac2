#include "common/visible_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sagetrain {
namespace {

TEST(VisibleTextTest, ControlCharactersBecomeVisibleEscapes) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases{
      {"plain text, tab\tkept", "plain text, tab\tkept"},
      {"", ""},
      {"\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"},
      {"\x1b]0;title\x07", "\\x1b]0;title\\x07"},
      {"over\rwrite", "over\\x0dwrite"},
      {"two\nlines", "two\\x0alines"},
      {std::string("nul\0byte", 8), "nul\\x00byte"},
      {"del\x7f", "del\\x7f"},
      {"c1 csi \xc2\x9b" "2J", "c1 csi \\u009b2J"},
      {"utf-8 stays: \xc3\xa9 \xe2\x82\xac \xc2\xa0", "utf-8 stays: \xc3\xa9 \xe2\x82\xac \xc2\xa0"},
      {"lone lead byte at end \xc2", "lone lead byte at end \xc2"},
  };
  for (const Case& c : cases) EXPECT_EQ(Visible(c.text), c.expected) << c.text;
}

TEST(VisibleTextTest, AppendsAfterWhatIsThere) {
  std::string out = "[algo-1] ";
  AppendVisible(out, "a\x1b");
  EXPECT_EQ(out, "[algo-1] a\\x1b");
}

}  // namespace
}  // namespace sagetrain
