// ParseLogEventsPageText (simdjson, from the body) against ParseLogEventsPage (nlohmann DOM): the tailer
// switched from one to the other, so any body where they disagree would change what a user sees.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "training/log_pages.h"

namespace sagetrain {
namespace {

void ExpectSameAsDomParse(const std::string& body) {
  SCOPED_TRACE(body);
  const auto from_dom = ParseLogEventsPage(nlohmann::json::parse(body));
  const auto from_text = ParseLogEventsPageText(body);
  ASSERT_EQ(from_dom.ok(), from_text.ok());
  if (!from_dom.ok()) return;
  EXPECT_EQ(from_text->next_forward_token, from_dom->next_forward_token);
  ASSERT_EQ(from_text->events.size(), from_dom->events.size());
  for (std::size_t i = 0; i < from_dom->events.size(); ++i) {
    EXPECT_EQ(from_text->events[i].timestamp_ms, from_dom->events[i].timestamp_ms) << "event " << i;
    EXPECT_EQ(from_text->events[i].message, from_dom->events[i].message) << "event " << i;
  }
}

TEST(LogPagesTextTest, AgreesWithTheDomParseOnRealAndOddPages) {
  const std::vector<std::string> bodies = {
      // As CloudWatch answers, with escapes and non-ASCII text in messages.
      R"({"events":[{"timestamp":1700000000123,"message":"epoch 1 \"loss\"=0.5\t\u00e9 \ud83d\ude00","ingestionTime":1700000000200},)"
      R"({"timestamp":1700000000124,"message":"line\nwith newline","ingestionTime":1700000000201}],)"
      R"("nextForwardToken":"f/00000000000000000000000000000000000000000000000000000002","nextBackwardToken":"b/0"})",
      R"({"events":[],"nextForwardToken":"f/1"})",
      R"({})",
      R"([])",
      R"("text")",
      // Members the tailer does not read, in any order; events that are not objects are skipped.
      R"({"nextForwardToken":"f/9","extra":{"a":[1,2,{"b":null}]},"events":[1,"x",null,{"message":"m"},{"timestamp":5}]})",
      // Wrong types: no token, no events, default fields.
      R"({"events":{"timestamp":1},"nextForwardToken":7})",
      R"({"events":[{"timestamp":"1700000000000","message":42}]})",
      // Numbers nlohmann and simdjson classify differently: unsigned beyond INT64_MAX, floats, huge.
      R"({"events":[{"timestamp":18446744073709551615,"message":"u"},{"timestamp":1.7e73,"message":"f"},)"
      R"({"timestamp":-1e300,"message":"n"},{"timestamp":1700000001000.7,"message":"c"},{"timestamp":-0,"message":"z"}]})",
      // Beyond 64-bit integers (found by fuzz_json_answers): nlohmann reads a double, simdjson refuses.
      R"({"events":[{"timestamp":17000000555555555555555555555555555555555555501000,"message":"big"}],"nextForwardToken":"f/1"})",
      R"({"events":[{"timestamp":-17000000555555555555555555555555555555555555501000,"message":"small"}]})",
      // Duplicate keys: the last one wins, as in nlohmann's DOM.
      R"({"events":[{"timestamp":1,"timestamp":2,"message":"a","message":"b"}],"nextForwardToken":"f/1","nextForwardToken":"f/2"})",
      R"({"events":[{"timestamp":1,"timestamp":"x","message":"a","message":null}],"nextForwardToken":"f/1","nextForwardToken":null})",
      R"({"events":[{"message":"first"}],"events":[{"message":"second"}]})",
      R"({"events":[{"message":"first"}],"events":"none"})",
  };
  for (const auto& body : bodies) ExpectSameAsDomParse(body);
}

TEST(LogPagesTextTest, AgreesOnAFullTenThousandEventPage) {
  std::string body = R"({"events":[)";
  for (int i = 0; i < 10000; ++i) {
    if (i > 0) body += ",";
    body += R"({"timestamp":)" + std::to_string(1700000000000 + i) + R"(,"message":"algo-1 line )" +
            std::to_string(i) + R"( \"q\" \u00e9","ingestionTime":1700000000005})";
  }
  body += R"(],"nextForwardToken":"f/10000"})";
  ExpectSameAsDomParse(body);
  const auto page = ParseLogEventsPageText(body);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->events.size(), 10000u);
  EXPECT_EQ(page->events.back().message, "algo-1 line 9999 \"q\" \xc3\xa9");
}

TEST(LogPagesTextTest, AnEmptyBodyIsAnEmptyPageAsForEveryJsonAnswer) {
  const auto page = ParseLogEventsPageText("");
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->events.empty());
  EXPECT_EQ(page->next_forward_token, "");
}

TEST(LogPagesTextTest, BodiesThatAreNotJsonAreErrors) {
  for (const std::string body : {"{", R"({"events":[)", "not json", "{\"events\":[]} trailing",
                                 "{\"message\":\"\xff\"}"}) {
    SCOPED_TRACE(body);
    const auto page = ParseLogEventsPageText(body);
    ASSERT_FALSE(page.ok());
    EXPECT_NE(page.status().message().find("GetLogEvents answer is not JSON"), std::string::npos);
  }
}

}  // namespace
}  // namespace sagetrain
