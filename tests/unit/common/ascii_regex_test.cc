#include "common/ascii_regex.h"

#include <atomic>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

// The patterns the program compiles (its own and the service model's that std::regex accepts), and
// more that exercise every traits function: classes, negations, ranges, counts, escapes.
const char* const kPatterns[] = {
    // the program's own
    "[a-z]{2}(-[a-z]+)+-[0-9]+",
    "https?://[^\\s/?#]+[^\\s]*",
    "(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:[a-z\\-]*\\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})",
    // the service model's
    "(fs-[0-9a-f]{8,})",
    "(https|s3)://([^/]+)/?(.*)",
    ".*",
    ".+",
    "[-0-9a-zA-Z]+",
    "[A-Za-z0-9\\.\\-_]+",
    "[\\S\\s]*",
    "[a-zA-Z0-9:/_-]*",
    "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}",
    "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}",
    "[a-zA-Z_][a-zA-Z0-9_]*",
    "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
    "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]{9,16}:[0-9]{12}:model-package/[\\S]{1,2048}",
    "(arn:[a-z0-9-\\.]{1,63}:sagemaker:\\w+(?:-\\w+)+:(\\d{12}|aws):hub-content\\/)[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
    "\\/Model\\/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}(\\/\\d{1,4}.\\d{1,4}.\\d{1,4})?",
    // every class escape, inside and outside brackets, plain and negated
    "\\d", "\\D", "\\w", "\\W", "\\s", "\\S", "[\\d]", "[^\\d]", "[\\W]", "[^\\w_]", "[\\s\\d]", "[^\\S]",
    "[[:alnum:]]", "[[:alpha:]]", "[[:blank:]]", "[[:cntrl:]]", "[[:digit:]]", "[[:graph:]]", "[[:lower:]]",
    "[[:print:]]", "[[:punct:]]", "[[:space:]]", "[[:upper:]]", "[[:xdigit:]]", "[^[:punct:]]", "[[:W:]]",
    // ranges, counts, escapes, equivalence classes, word boundaries
    "[^a-z]", "[A-F0-9]{2,4}", "a{3}", "(ab){1,2}c?", "[\\x41-\\x43]+", "\\u0041\\x42", "[[=a=]]x",
    "\\w+\\b.*", ".\\B.", "(a|b)\\1",
};

// Single bytes (all 256) and longer texts, valid and not, for each pattern.
std::vector<std::string> Texts() {
  std::vector<std::string> texts;
  for (int b = 0; b < 256; ++b) texts.emplace_back(1, static_cast<char>(b));
  const char* const more[] = {
      "",
      "us-east-1",
      "us-gov-west-1",
      "US-east-1",
      "https://sagemaker.us-east-1.amazonaws.com",
      "http://localhost:8080/path?q=1",
      "https:// bad",
      "arn:aws:sagemaker:us-east-1:123456789012:algorithm/my-algo",
      "my-algo-",
      "arn:aws:iam::123456789012:role/SageMakerExecutionRole",
      "arn:aws:iam::12345678901:role/x",
      "fs-0123abcd",
      "fs-0123abc",
      "s3://bench-bucket/train",
      "ftp://b/p",
      "a\nb",
      "alias/my key",
      "A_1",
      "1A",
      "caf\xC3\xA9",
      "arn:aws:sagemaker:us-east-1:123456789012:model-package/pkg/1",
      "arn:aws:sagemaker:us-west-2:aws:hub-content/SageMakerPublicHub/Model/my-model/1.0.0",
      "ab", "aaa", "aaaa", "abc", "ababc", "abab", "ABC", "0F", "0FA9", "0FA9B", "aa", "bb",
      "Ax", "ax", "hello world", "xy", "x y", "9\xFF",
  };
  texts.insert(texts.end(), std::begin(more), std::end(more));
  return texts;
}

TEST(AsciiRegexTest, AnswersAsStdRegexInTheCLocale) {
  ASSERT_EQ(std::locale().name(), "C") << "std::regex is the reference only in the C locale";
  const auto texts = Texts();
  for (const char* pattern : kPatterns) {
    const std::regex reference(pattern, std::regex::ECMAScript);
    for (const auto& text : texts) {
      EXPECT_EQ(MatchesWholeAsciiRegex(text, pattern), std::regex_match(text, reference))
          << "pattern " << pattern << " text \"" << text << "\" (first byte "
          << (text.empty() ? -1 : static_cast<unsigned char>(text[0])) << ")";
    }
  }
}

TEST(AsciiRegexTest, CaseInsensitivePatternsFoldAsciiAsStdRegex) {
  const char* const patterns[] = {"[a-c]+", "[[:lower:]]+", "[[:upper:]]x", "hello", "[^a-z]"};
  const auto texts = Texts();
  for (const char* pattern : patterns) {
    const std::regex reference(pattern, std::regex::ECMAScript | std::regex::icase);
    const AsciiRegex ascii(pattern, std::regex::ECMAScript | std::regex::icase);
    for (const auto& text : texts) {
      EXPECT_EQ(std::regex_match(text, ascii), std::regex_match(text, reference)) << pattern << " \"" << text << "\"";
    }
  }
  EXPECT_TRUE(std::regex_match("HeLLo", AsciiRegex("hello", std::regex::icase)));
}

TEST(AsciiRegexTest, SearchFindsTheSameSubmatches) {
  const AsciiRegex ascii("(\\w+)@(\\d{2,3})");
  std::smatch match;
  const std::string text = "x: user_1@123 and more";
  ASSERT_TRUE(std::regex_search(text, match, ascii));
  EXPECT_EQ(match[1].str(), "user_1");
  EXPECT_EQ(match[2].str(), "123");
}

TEST(AsciiRegexTest, EachPatternIsCompiledOnceAndReused) {
  const AsciiRegex& first = CachedAsciiRegex("[a-z]+-cache-test");
  const AsciiRegex& again = CachedAsciiRegex(std::string("[a-z]+-cache-test"));
  const AsciiRegex& other = CachedAsciiRegex("[a-z]+-cache-test-2");
  EXPECT_EQ(&first, &again);
  EXPECT_NE(&first, &other);
  EXPECT_TRUE(std::regex_match("ab-cache-test", first));
  EXPECT_FALSE(std::regex_match("ab-cache-test", other));
}

TEST(AsciiRegexTest, AnInvalidPatternThrowsEveryTimeAndIsNotCached) {
  EXPECT_THROW(CachedAsciiRegex("(unclosed"), std::regex_error);
  EXPECT_THROW(MatchesWholeAsciiRegex("x", "(unclosed"), std::regex_error);
}

TEST(AsciiRegexTest, ThreadsCompilingTheSamePatternShareOneInstance) {
  constexpr int kThreads = 8;
  std::vector<const AsciiRegex*> seen(kThreads);
  std::atomic<int> wrong_answers{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([i, &seen, &wrong_answers] {
      // Each thread also compiles a pattern of its own, so insertions race with lookups.
      const std::string own = "thread-" + std::to_string(i) + "-[0-9]+";
      for (int round = 0; round < 50; ++round) {
        seen[static_cast<std::size_t>(i)] = &CachedAsciiRegex("[a-z]{2}-threads-\\d+");
        if (!MatchesWholeAsciiRegex("ab-threads-42", "[a-z]{2}-threads-\\d+")) ++wrong_answers;
        if (!MatchesWholeAsciiRegex("thread-" + std::to_string(i) + "-7", own)) ++wrong_answers;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong_answers.load(), 0);
  EXPECT_EQ(std::set<const AsciiRegex*>(seen.begin(), seen.end()).size(), 1u);
}

}  // namespace
}  // namespace sagetrain
