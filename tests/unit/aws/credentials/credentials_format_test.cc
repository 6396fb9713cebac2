#include "aws/credentials/credentials_format.h"

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

WallTime At(long long seconds) { return WallTime(std::chrono::seconds(seconds)); }

TEST(ParseIso8601Test, AcceptsTheFormsAwsSends) {
  struct Case { const char* text; WallTime expected; };
  const Case cases[] = {
      {"1970-01-01T00:00:00Z", At(0)},
      {"2023-11-14T22:13:20Z", At(1'700'000'000)},
      {"2023-11-14T22:13:20.250Z", At(1'700'000'000) + std::chrono::milliseconds(250)},
      {"2023-11-14T23:13:20+01:00", At(1'700'000'000)},
      {"2023-11-14T20:13:20-02:00", At(1'700'000'000)},
      {"2024-02-29T00:00:00Z", At(1'709'164'800)},
      {"2000-03-01t00:00:00z", At(951'868'800)},
  };
  for (const auto& c : cases) {
    auto parsed = ParseIso8601(c.text);
    ASSERT_TRUE(parsed.has_value()) << c.text;
    EXPECT_EQ(*parsed, c.expected) << c.text;
  }
}

TEST(ParseIso8601Test, RejectsMalformedTimes) {
  for (const char* text : {"", "2023-11-14", "2023-11-14T22:13:20", "2023-11-14 22:13:20Z",
                           "2023-13-01T00:00:00Z", "2023-11-14T24:00:00Z", "2023-11-14T22:13:20Zjunk",
                           "2023-11-14T22:13:20.Z", "1700000000", "2023-11-14T22:13:20+0100"}) {
    EXPECT_FALSE(ParseIso8601(text).has_value()) << text;
  }
}

TEST(ParseCredentialsJsonTest, ReadsContainerAndImdsDocuments) {
  auto creds = ParseCredentialsJson(
      R"({"Code":"Success","AccessKeyId":"ASIA1","SecretAccessKey":"s3cr3t","Token":"tok",
          "Expiration":"2023-11-14T22:13:20Z","Type":"AWS-HMAC"})",
      "container");
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIA1");
  EXPECT_EQ(creds->secret_access_key, "s3cr3t");
  EXPECT_EQ(creds->session_token, "tok");
  EXPECT_EQ(creds->expiration, At(1'700'000'000));
  EXPECT_EQ(creds->provider, "container");
}

TEST(ParseCredentialsJsonTest, ErrorsNameTheProblemButNoSecret) {
  struct Case { const char* body; const char* expected_fragment; };
  const Case cases[] = {
      {"not json", "not a JSON object"},
      {R"({"Code":"AssumeRoleUnauthorizedAccess","Message":"denied","SecretAccessKey":"s3cr3t"})",
       "Code AssumeRoleUnauthorizedAccess: denied"},
      {R"({"AccessKeyId":"ASIA1","Token":"s3cr3t"})", "lacks AccessKeyId or SecretAccessKey"},
      {R"({"AccessKeyId":"ASIA1","SecretAccessKey":"s3cr3t","Expiration":"tomorrow"})", "not an ISO-8601"},
  };
  for (const auto& c : cases) {
    auto creds = ParseCredentialsJson(c.body, "container");
    ASSERT_FALSE(creds.ok()) << c.body;
    EXPECT_EQ(creds.status().code(), StatusCode::kCredentials);
    EXPECT_NE(creds.status().message().find(c.expected_fragment), std::string::npos) << creds.status().message();
    EXPECT_EQ(creds.status().message().find("s3cr3t"), std::string::npos) << creds.status().message();
  }
}

TEST(DefaultRoleSessionNameTest, IsProgramNameAndEpochSeconds) {
  EXPECT_EQ(DefaultRoleSessionName(At(1'700'000'000) + std::chrono::milliseconds(999)),
            "sagemaker-training-1700000000");
}

}  // namespace
}  // namespace sagetrain
