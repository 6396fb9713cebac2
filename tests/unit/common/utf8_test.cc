// UTF-8 well-formedness: what argument values (refused up front when not UTF-8), tag values and log
// pages (refused as JSON parsers refuse them) are checked with.
#include "common/utf8.h"

#include <string>

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

}  // namespace
}  // namespace sagetrain
