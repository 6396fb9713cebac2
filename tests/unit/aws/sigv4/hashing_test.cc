#include "aws/sigv4/hashing.h"

#include <gtest/gtest.h>

namespace sagetrain::sigv4 {
namespace {

TEST(HashingTest, Sha256MatchesFips180Vectors) {
  EXPECT_EQ(HexSha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexSha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256("abc").size(), 32u);
}

TEST(HashingTest, HmacSha256MatchesRfc4231Vectors) {
  // RFC 4231 test cases 1 and 2.
  EXPECT_EQ(HexEncode(HmacSha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // Test case 6: a key longer than the block size is hashed first.
  EXPECT_EQ(HexEncode(HmacSha256(std::string(131, '\xaa'),
                                 "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HashingTest, HexEncodeIsLowerCaseAndKeepsNulBytes) {
  EXPECT_EQ(HexEncode(std::string("\x00\x1f\xab\xff", 4)), "001fabff");
  EXPECT_EQ(HexEncode(""), "");
}

}  // namespace
}  // namespace sagetrain::sigv4
