#include "aws/credentials/imds_provider.h"

#include <gtest/gtest.h>

#include "aws/credentials/fakes.h"

namespace sagetrain {
namespace {

using testing::FakeHttpTransport;

constexpr char kAnswer[] =
    R"({"Code":"Success","LastUpdated":"2023-11-14T21:00:00Z","Type":"AWS-HMAC","AccessKeyId":"ASIAEC2",
        "SecretAccessKey":"ec2secret","Token":"ec2token","Expiration":"2023-11-14T23:13:20Z"})";

void ScriptInstance(FakeHttpTransport& http, const std::string& base) {
  http.Answer("PUT", base + "/latest/api/token", 200, "imds-session-token");
  http.Answer("GET", base + "/latest/meta-data/iam/security-credentials/", 200, "ec2-role\n");
  http.Answer("GET", base + "/latest/meta-data/iam/security-credentials/ec2-role", 200, kAnswer);
}

class ImdsProviderTest : public ::testing::Test {
 protected:
  FakeEnvironment env_;
  std::shared_ptr<FakeHttpTransport> http_ = std::make_shared<FakeHttpTransport>();
};

TEST_F(ImdsProviderTest, TokenThenRoleThenCredentials) {
  ScriptInstance(*http_, "http://169.254.169.254");
  auto creds = ImdsCredentialsProvider(env_, http_).Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIAEC2");
  EXPECT_EQ(creds->provider, "EC2 instance metadata");
  ASSERT_EQ(http_->requests.size(), 3u);
  EXPECT_EQ(http_->requests[0].method, "PUT");
  EXPECT_EQ(http_->HeaderOf(0, "X-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(http_->HeaderOf(1, "X-aws-ec2-metadata-token"), "imds-session-token");
  EXPECT_EQ(http_->HeaderOf(2, "X-aws-ec2-metadata-token"), "imds-session-token");
  for (const auto& request : http_->requests) {
    EXPECT_EQ(request.connect_timeout, Duration(1'000));
    EXPECT_EQ(request.total_timeout, Duration(1'000));
  }
}

TEST_F(ImdsProviderTest, EndpointOverrideAndIpv6Mode) {
  env_.variables["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = "http://127.0.0.1:1338/";
  ScriptInstance(*http_, "http://127.0.0.1:1338");
  EXPECT_TRUE(ImdsCredentialsProvider(env_, http_).Get().ok());

  env_.variables = {{"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6"}};
  ScriptInstance(*http_, "http://[fd00:ec2::254]");
  EXPECT_TRUE(ImdsCredentialsProvider(env_, http_).Get().ok());
}

TEST_F(ImdsProviderTest, DisabledSendsNothing) {
  env_.variables["AWS_EC2_METADATA_DISABLED"] = "TRUE";
  ScriptInstance(*http_, "http://169.254.169.254");
  auto status = ImdsCredentialsProvider(env_, http_).Get().status();
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_NE(status.message().find("AWS_EC2_METADATA_DISABLED"), std::string::npos);
  EXPECT_TRUE(http_->requests.empty());
}

TEST_F(ImdsProviderTest, UnreachableIsNotAvailableAfterOneAttempt) {
  auto status = ImdsCredentialsProvider(env_, http_).Get().status();
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_NE(status.message().find("not available"), std::string::npos);
  EXPECT_EQ(http_->requests.size(), 1u);
}

TEST_F(ImdsProviderTest, NoRoleAttachedIsNotAvailable) {
  ScriptInstance(*http_, "http://169.254.169.254");
  http_->Answer("GET", "http://169.254.169.254/latest/meta-data/iam/security-credentials/", 404, "");
  auto status = ImdsCredentialsProvider(env_, http_).Get().status();
  EXPECT_EQ(status.code(), StatusCode::kNotFound);
  EXPECT_NE(status.message().find("no IAM role is attached"), std::string::npos) << status.message();
}

TEST_F(ImdsProviderTest, ImdsV1OnlyInstanceIsNotUsed) {
  ScriptInstance(*http_, "http://169.254.169.254");
  http_->Answer("PUT", "http://169.254.169.254/latest/api/token", 403, "");
  EXPECT_EQ(ImdsCredentialsProvider(env_, http_).Get().status().code(), StatusCode::kNotFound);
  EXPECT_EQ(http_->requests.size(), 1u);
}

TEST_F(ImdsProviderTest, AfterASuccessAFailureIsTransient) {
  ScriptInstance(*http_, "http://169.254.169.254");
  ImdsCredentialsProvider provider(env_, http_);
  ASSERT_TRUE(provider.Get().ok());
  http_->script.clear();
  EXPECT_EQ(provider.Get().status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace sagetrain
