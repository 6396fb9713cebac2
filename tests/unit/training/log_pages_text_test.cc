// ParseLogEventsPageText: a GetLogEvents answer's body as the tailer reads it (the production
// connection and the tests' fake both go through it).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "training/log_pages.h"

namespace sagetrain {
namespace {

struct PageCase {
  std::string body;
  std::vector<std::pair<std::int64_t, std::string>> events;
  std::string token;
};

TEST(LogPagesTextTest, ReadsRealAndOddPages) {
  const std::vector<PageCase> cases = {
      // As CloudWatch answers, with escapes and non-ASCII text in messages.
      {R"({"events":[{"timestamp":1700000000123,"message":"epoch 1 \"loss\"=0.5\t\u00e9","ingestionTime":1700000000200},)"
       R"({"timestamp":1700000000124,"message":"line\nwith newline","ingestionTime":1700000000201}],)"
       R"("nextForwardToken":"f/2","nextBackwardToken":"b/0"})",
       {{1700000000123, "epoch 1 \"loss\"=0.5\t\xc3\xa9"}, {1700000000124, "line\nwith newline"}},
       "f/2"},
      {R"({"events":[],"nextForwardToken":"f/1"})", {}, "f/1"},
      {R"({})", {}, ""},
      // Members the tailer does not read; events that are not objects are skipped.
      {R"({"nextForwardToken":"f/9","extra":{"a":[1]},"events":[1,"x",null,{"message":"m"},{"timestamp":5}]})",
       {{0, "m"}, {5, ""}}, "f/9"},
      // Wrong types read as absent.
      {R"({"events":{"timestamp":1},"nextForwardToken":7})", {}, ""},
      {R"({"events":[{"timestamp":"1700000000000","message":42}]})", {{0, ""}}, ""},
      // Fractional timestamps are cut to the millisecond.
      {R"({"events":[{"timestamp":1700000001000.7,"message":"c"}]})", {{1700000001000, "c"}}, ""},
      // Duplicate keys: the last one wins; keys of the same names deeper down are not the page's.
      {R"({"events":[{"timestamp":1,"timestamp":2,"message":"a","message":"b"}],"nextForwardToken":"f/1","nextForwardToken":"f/2"})",
       {{2, "b"}}, "f/2"},
      {R"({"extra":{"events":[{"message":"no"}]},"events":[{"message":"yes","x":{"message":"no"}}]})", {{0, "yes"}}, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    const auto page = ParseLogEventsPageText(c.body);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(page->next_forward_token, c.token);
    ASSERT_EQ(page->events.size(), c.events.size());
    for (std::size_t i = 0; i < c.events.size(); ++i) {
      EXPECT_EQ(page->events[i].timestamp_ms, c.events[i].first) << i;
      EXPECT_EQ(page->Message(page->events[i]), c.events[i].second) << i;
    }
  }
}

TEST(LogPagesTextTest, ReadsAFullTenThousandEventPage) {
  std::string body = R"({"events":[)";
  for (int i = 0; i < 10000; ++i) {
    if (i > 0) body += ",";
    body += R"({"timestamp":)" + std::to_string(1700000000000 + i) + R"(,"message":"algo-1 line )" +
            std::to_string(i) + R"( \"q\" \u00e9","ingestionTime":1700000000005})";
  }
  body += R"(],"nextForwardToken":"f/10000"})";
  const auto page = ParseLogEventsPageText(body);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->events.size(), 10000u);
  EXPECT_EQ(page->events.back().timestamp_ms, 1700000009999);
  EXPECT_EQ(page->Message(page->events.back()), "algo-1 line 9999 \"q\" \xc3\xa9");
  EXPECT_EQ(page->next_forward_token, "f/10000");
}

TEST(LogPagesTextTest, AnEmptyBodyIsAnEmptyPageAsForEveryJsonAnswer) {
  const auto page = ParseLogEventsPageText("");
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->events.empty());
  EXPECT_EQ(page->next_forward_token, "");
}

TEST(LogPagesTextTest, BodiesThatAreNotJsonAreErrors) {
  for (const std::string body : {"{", R"({"events":[)", "not json", "{\"events\":[]} trailing",
                                 "{\"message\":\"\xff\"}", "\xEF\xBB{}", "{\"events\":[]}\xEF\xBB\xBF",
                                 R"({"events":[{"message":"\ud800"}]})"}) {
    SCOPED_TRACE(body);
    const auto page = ParseLogEventsPageText(body);
    ASSERT_FALSE(page.ok());
    EXPECT_NE(page.status().message().find("GetLogEvents answer is not JSON"), std::string::npos);
  }
}

}  // namespace
}  // namespace sagetrain
