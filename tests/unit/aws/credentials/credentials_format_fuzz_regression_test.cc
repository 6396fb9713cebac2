// Inputs found by fuzz/targets/fuzz_sts_xml.cc, kept as regression tests.
#include <gtest/gtest.h>

#include "aws/credentials/credentials_format.h"
#include "aws/credentials/sts_connection.h"

namespace sagetrain {
namespace {

// An Expiration in year 4038 overflowed the nanosecond WallTime (signed overflow, reported by UBSan).
// Times WallTime cannot hold are unreadable; the STS answer is then refused, not mis-parsed.
TEST(CredentialsFormatFuzzRegressionTest, ExpirationBeyondWallTimeIsUnreadable) {
  EXPECT_FALSE(ParseIso8601("4038-11-09T13:34:41Z").has_value());
  EXPECT_FALSE(ParseIso8601("0001-01-01T00:00:00Z").has_value());
  EXPECT_TRUE(ParseIso8601("2200-01-01T00:00:00Z").has_value());
  const std::string xml =
      "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId>"
      "<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken>"
      "<Expiration>4038-11-09T13:34:41Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>";
  EXPECT_FALSE(ParseStsCredentialsXml(xml, "AssumeRole", "assume-role").ok());
}

}  // namespace
}  // namespace sagetrain
