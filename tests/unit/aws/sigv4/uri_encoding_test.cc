#include "aws/sigv4/uri_encoding.h"

#include <gtest/gtest.h>

namespace sagetrain::sigv4 {
namespace {

TEST(UriEncodingTest, EncodesAllButUnreserved) {
  EXPECT_EQ(UriEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(UriEncode("a b+c=d&e/f:g*"), "a%20b%2Bc%3Dd%26e%2Ff%3Ag%2A");
  EXPECT_EQ(UriEncode("a/b c", /*keep_slash=*/true), "a/b%20c");
  EXPECT_EQ(UriEncode("\xe1\x88\xb4"), "%E1%88%B4");
  // Already-encoded text is encoded again: the caller encodes exactly once.
  EXPECT_EQ(UriEncode("%20"), "%2520");
}

TEST(UriEncodingTest, PercentDecodeLeavesMalformedEscapesAndPlus) {
  EXPECT_EQ(PercentDecode("a%20b%2fc%E1%88%B4"), "a b/c\xe1\x88\xb4");
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%2"), "%2");
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
}

TEST(UriEncodingTest, RemoveDotSegmentsAsBotocore) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "/"},
      {"/", "/"},
      {"//", "/"},
      {"/./", "/"},
      {"/./example", "/example"},
      {"//example//", "/example/"},
      {"/example/..", "/"},
      {"/example1/example2/../..", "/"},
      {"/a/b/../c/./d/", "/a/c/d/"},
      {"/../../a", "/a"},
      {"/a/b/..", "/a"},
      {"/a/.../b", "/a/.../b"},
  };
  for (const auto& [path, expected] : cases) EXPECT_EQ(RemoveDotSegments(path), expected) << path;
}

}  // namespace
}  // namespace sagetrain::sigv4
