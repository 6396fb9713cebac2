// UTF-8 well-formedness: what argument values (refused up front when not UTF-8), tag values and log
// pages (refused as JSON parsers refuse them) are checked with.
#include "common/utf8.h"

#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TEST(Utf8Test, WellFormedAndMalformedSequences) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));       // U+10FFFF, the last code point
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));           // U+D7FF, just below the surrogates
  EXPECT_FALSE(IsValidUtf8("\x93"));                  // a lone continuation byte (cp1252 quote)
  EXPECT_FALSE(IsValidUtf8("\xC3"));                  // truncated
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));              // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));          // surrogate U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));      // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xC3\x28"));              // a lead byte without its continuation
}

// The eight-bytes-at-a-time skip over ASCII must not step over a bad byte at any position.
TEST(Utf8Test, ABadByteIsFoundAtEveryPositionOfLongAsciiText) {
  for (std::size_t at = 0; at < 40; ++at) {
    std::string text(40, 'a');
    EXPECT_TRUE(IsValidUtf8(text));
    text[at] = '\x93';
    EXPECT_FALSE(IsValidUtf8(text)) << "bad byte at " << at;
    text.replace(at, 1, "\xC3\xA9");
    EXPECT_TRUE(IsValidUtf8(text)) << "e-acute at " << at;
    text.resize(at + 1);  // now cut inside that character
    EXPECT_FALSE(IsValidUtf8(text)) << "cut at " << at;
  }
}

TEST(Utf8Test, NextCodePointDecodesAndMovesPastOneCharacter) {
  const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
  std::size_t pos = 0;
  EXPECT_EQ(NextCodePoint(text, pos), U'a');
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(NextCodePoint(text, pos), U'\u00e9');
  EXPECT_EQ(pos, 3u);
  EXPECT_EQ(NextCodePoint(text, pos), U'\u20ac');
  EXPECT_EQ(pos, 6u);
  EXPECT_EQ(NextCodePoint(text, pos), U'\U0001F600');
  EXPECT_EQ(pos, text.size());
}

TEST(Utf8Test, LengthBeforeNulStopsAtTheFirstNulAndChecksOnlyWhatComesBefore) {
  using namespace std::string_literals;
  EXPECT_EQ(ValidUtf8LengthBeforeNul(""), 0u);
  EXPECT_EQ(ValidUtf8LengthBeforeNul("caf\xC3\xA9"), 5u);
  EXPECT_EQ(ValidUtf8LengthBeforeNul("ab\0cd"s), 2u);
  EXPECT_EQ(ValidUtf8LengthBeforeNul("\0"s), 0u);
  EXPECT_EQ(ValidUtf8LengthBeforeNul("ab\0\xFF\xC3"s), 2u);           // what follows is not read
  EXPECT_EQ(ValidUtf8LengthBeforeNul("\xFF\0"s), std::nullopt);        // what precedes is
  EXPECT_EQ(ValidUtf8LengthBeforeNul("\xE2\x82\0"s), std::nullopt);   // a character cut by the NUL
  EXPECT_EQ(ValidUtf8LengthBeforeNul("\xC3\xA9\0 trailing"s), 2u);
}

TEST(Utf8Test, LengthBeforeNulFindsANulAtEveryPositionOfLongText) {
  // Long enough for the eight-bytes-at-a-time path, a NUL at each position, the bytes after it
  // sometimes ones that are not UTF-8; and the same with a two-byte character before it.
  for (const std::string& prefix : {std::string(), std::string("\xC3\xA9")}) {
    for (std::size_t at = 0; at < 40; ++at) {
      std::string text = prefix + std::string(40, 'x');
      text[prefix.size() + at] = '\0';
      if (at % 3 == 0) text.back() = '\xFF';
      if (at + 1 == 40) text.back() = '\0';
      EXPECT_EQ(ValidUtf8LengthBeforeNul(text), prefix.size() + at) << "NUL at " << at;
    }
    EXPECT_EQ(ValidUtf8LengthBeforeNul(prefix + std::string(40, 'x')), prefix.size() + 40);
  }
}

TEST(Utf8Test, LengthBeforeNulAgreesWithFindAndIsValidUtf8) {
  // Every string over a small alphabet of ASCII, NUL, continuation, lead and invalid bytes, up to
  // five long, placed after an ASCII run so that both paths see them.
  const std::string alphabet("a\0\x80\xC3\xA9\xE2\xFF", 7);
  std::vector<std::string> texts = {""};
  for (int length = 1; length <= 5; ++length) {
    std::vector<std::string> longer;
    for (const auto& text : texts) {
      if (static_cast<int>(text.size()) != length - 1) continue;
      for (char c : alphabet) longer.push_back(text + c);
    }
    texts.insert(texts.end(), longer.begin(), longer.end());
  }
  for (const std::string& tail : texts) {
    for (const std::string& text : {tail, std::string(9, 'x') + tail}) {
      const std::string_view before = std::string_view(text).substr(0, text.find('\0'));
      const std::optional<std::size_t> expected =
          IsValidUtf8(before) ? std::optional<std::size_t>(before.size()) : std::nullopt;
      EXPECT_EQ(ValidUtf8LengthBeforeNul(text), expected);
    }
  }
}

}  // namespace
}  // namespace sagetrain
