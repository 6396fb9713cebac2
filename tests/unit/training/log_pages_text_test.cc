// ParseLogEventsPageText (RapidJSON SAX, in place, from the body) against ParseLogEventsPage (nlohmann
// DOM): the tailer reads pages the first way, the fakes and the fuzzer the second, so any body where
// they disagree would change what a user sees.
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "training/log_pages.h"

namespace sagetrain {
namespace {

void ExpectSameAsDomParse(const std::string& body) {
  SCOPED_TRACE(body);
  const auto from_text = ParseLogEventsPageText(body);
  const auto dom = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (dom.is_discarded()) {  // what ParseJsonAnswer refuses is refused here too
    EXPECT_FALSE(from_text.ok());
    return;
  }
  const auto from_dom = ParseLogEventsPage(dom);
  ASSERT_EQ(from_dom.ok(), from_text.ok());
  if (!from_dom.ok()) return;
  EXPECT_EQ(from_text->next_forward_token, from_dom->next_forward_token);
  ASSERT_EQ(from_text->events.size(), from_dom->events.size());
  for (std::size_t i = 0; i < from_dom->events.size(); ++i) {
    EXPECT_EQ(from_text->events[i].timestamp_ms, from_dom->events[i].timestamp_ms) << "event " << i;
    EXPECT_EQ(from_text->Message(from_text->events[i]), from_dom->Message(from_dom->events[i])) << "event " << i;
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
      // Numbers of every kind: unsigned beyond INT64_MAX, floats, huge; beyond a double (1e400) both
      // refuse the body.
      R"({"events":[{"timestamp":18446744073709551615,"message":"u"},{"timestamp":1.7e73,"message":"f"},)"
      R"({"timestamp":-1e300,"message":"n"},{"timestamp":1700000001000.7,"message":"c"},{"timestamp":-0,"message":"z"}]})",
      R"({"events":[{"timestamp":1e400,"message":"inf"},{"timestamp":-1e400,"message":"-inf"}]})",
      R"({"events":[{"timestamp":1e308,"message":"max"},{"timestamp":1e-400,"message":"tiny"},{"timestamp":0.001e310}]})",
      R"({"events":[{"timestamp":0e80,"message":"zero"},{"timestamp":-0.0e-5},{"timestamp":1E+3},{"timestamp":-9223372036854775809}]})",
      // Beyond 64-bit integers (found by fuzz_json_answers): both read a double.
      R"({"events":[{"timestamp":17000000555555555555555555555555555555555555501000,"message":"big"}],"nextForwardToken":"f/1"})",
      R"({"events":[{"timestamp":-17000000555555555555555555555555555555555555501000,"message":"small"}]})",
      // Duplicate keys: the last one wins, as in nlohmann's DOM.
      R"({"events":[{"timestamp":1,"timestamp":2,"message":"a","message":"b"}],"nextForwardToken":"f/1","nextForwardToken":"f/2"})",
      R"({"events":[{"timestamp":1,"timestamp":"x","message":"a","message":null}],"nextForwardToken":"f/1","nextForwardToken":null})",
      R"({"events":[{"message":"first"}],"events":[{"message":"second"}]})",
      R"({"events":[{"message":"first"}],"events":"none"})",
      R"({"events":[{"message":"first","message":{"nested":"x"}},{"message":"kept","message":["a"],"message":"last"}]})",
      // Keys of the same names deeper down are not the page's.
      R"({"extra":{"events":[{"message":"no"}],"nextForwardToken":"no"},"events":[{"message":"yes","x":{"message":"no","timestamp":9}}]})",
      R"({"events":[[{"message":"no"}],{"message":"yes"}]})",
      // Escapes that make a message shorter than its JSON (messages are compacted in place), keys
      // spelled with escapes, a message holding NUL, a UTF-8 byte order mark (nlohmann skips it).
      R"({"events":[{"message":"\u0041\u00e9\n\\\/\"","timestamp":1},{"mess\u0061ge":"a\u0000b","time\u0073tamp":2}]})",
      "\xEF\xBB\xBF{\"events\":[{\"message\":\"bom\"}]}",
      // Surrogates: a pair is one character; a lone one, escaped or as UTF-8 bytes, is refused.
      R"({"events":[{"message":"\ud83d\ude00"}]})",
      R"({"events":[{"message":"\ud800"}]})",
      R"({"events":[{"message":"\ud800\u0041"}]})",
      R"({"events":[{"message":"\udc00"}]})",
      R"({"events":[{"message":"ok"}],"x":"\udfff"})",
      R"({"events":[{"message":"ok"}],"\udc00":1})",
      "{\"events\":[{\"message\":\"\xED\xA0\x80\"}]}",
      "{\"events\":[{\"message\":\"\xF4\x90\x80\x80\"}]}",
      "{\"events\":[{\"message\":\"\xC0\xAF\"}]}",
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
  EXPECT_EQ(page->Message(page->events.back()), "algo-1 line 9999 \"q\" \xc3\xa9");
}

// Bytes of [data, data + size) resident in RAM, by whole pages (mincore).
std::size_t ResidentBytesOf(const char* data, std::size_t size) {
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const std::uintptr_t from = reinterpret_cast<std::uintptr_t>(data) & ~(page - 1);
  const std::uintptr_t to = (reinterpret_cast<std::uintptr_t>(data) + size + page - 1) & ~(page - 1);
  std::vector<unsigned char> resident((to - from) / page);
  if (mincore(reinterpret_cast<void*>(from), to - from, resident.data()) != 0) return SIZE_MAX;
  return page * static_cast<std::size_t>(std::count_if(resident.begin(), resident.end(),
                                                       [](unsigned char bits) { return (bits & 1) != 0; }));
}

// The tailer holds a page of every stream while it interleaves them: a page costs the memory of its
// messages, not of the JSON around them.
TEST(LogPagesTextTest, APageHoldsOnlyItsMessages) {
  std::string body = R"({"events":[)";
  std::size_t message_bytes = 0;
  for (int i = 0; i < 10000; ++i) {
    if (i > 0) body += ",";
    const std::string message = "line " + std::to_string(i);
    message_bytes += message.size();
    body += R"({"timestamp":)" + std::to_string(1700000000000 + i) + R"(,"message":")" + message +
            R"(","ingestionTime":1700000000005})";
  }
  body += R"(],"nextForwardToken":"f/10000"})";
  const auto page = ParseLogEventsPageText(body);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->text.size(), message_bytes);
  // Whole pages: the messages' own, the ones where they start and end, and the last of the allocation.
  const std::size_t four_pages = 4 * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  EXPECT_LE(ResidentBytesOf(page->text.data(), page->text.capacity()), message_bytes + four_pages)
      << "of a " << body.size() << "-byte body";
  EXPECT_EQ(page->events.capacity(), page->events.size());
  EXPECT_EQ(page->Message(page->events[9999]), "line 9999");
}

// The one difference from nlohmann (log_pages.h): RapidJSON 1.1 refuses a zero with an exponent
// beyond 308. Anything really beyond a double's range is refused by both.
TEST(LogPagesTextTest, AZeroWithAHugeExponentIsRefused) {
  for (const std::string body : {R"({"events":[{"timestamp":0e400}]})", R"({"x":-0.0E+999,"events":[]})"}) {
    SCOPED_TRACE(body);
    EXPECT_FALSE(nlohmann::json::parse(body, nullptr, false).is_discarded());
    const auto page = ParseLogEventsPageText(body);
    ASSERT_FALSE(page.ok());
    EXPECT_NE(page.status().message().find("Number too big"), std::string::npos) << page.status().message();
  }
}

// The other difference: nesting beyond 512 levels is refused (the parser recurses; a body of 100,000
// brackets must be an error, not a stack overflow). Up to 512, both parses agree.
TEST(LogPagesTextTest, NestingIsReadTo512LevelsAndRefusedBeyond) {
  const auto nested = [](int depth) { return std::string(static_cast<std::size_t>(depth), '[') +
                                             std::string(static_cast<std::size_t>(depth), ']'); };
  ExpectSameAsDomParse(R"({"extra":)" + nested(511) + R"(,"events":[{"message":"m","x":)" + nested(508) + "}]}");
  for (const std::string& body : {R"({"extra":)" + nested(512) + "}", R"({"extra":)" + nested(100000) + "}"}) {
    const auto page = ParseLogEventsPageText(body);
    ASSERT_FALSE(page.ok());
    EXPECT_NE(page.status().message().find("nested more than 512 deep"), std::string::npos) << page.status().message();
  }
}

TEST(LogPagesTextTest, AnEmptyBodyIsAnEmptyPageAsForEveryJsonAnswer) {
  const auto page = ParseLogEventsPageText("");
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->events.empty());
  EXPECT_EQ(page->next_forward_token, "");
}

TEST(LogPagesTextTest, BodiesThatAreNotJsonAreErrors) {
  for (const std::string body : {"{", R"({"events":[)", "not json", "{\"events\":[]} trailing",
                                 "{\"message\":\"\xff\"}", "\xEF\xBB{}", "{\"events\":[]}\xEF\xBB\xBF"}) {
    SCOPED_TRACE(body);
    const auto page = ParseLogEventsPageText(body);
    ASSERT_FALSE(page.ok());
    EXPECT_NE(page.status().message().find("GetLogEvents answer is not JSON"), std::string::npos);
  }
}

}  // namespace
}  // namespace sagetrain
