#include "aws/credentials/web_identity_provider.h"

#include <functional>

#include <gtest/gtest.h>

#include "aws/credentials/fakes.h"
#include "common/fake_clock.h"

namespace sagetrain {
namespace {

using testing::FakeClock;
using testing::FakeStsFactory;
using testing::TemporaryCredentials;

class WebIdentityProviderTest : public ::testing::Test {
 protected:
  WebIdentityProviderTest() {
    env_.variables = {{"AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks/token"},
                      {"AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/irsa"}};
    env_.files["/var/run/secrets/eks/token"] = "jwt-one\n";
    sts_.sts->answers.push_back(TemporaryCredentials("ASIAWEB", clock_.Now() + std::chrono::hours(1)));
  }
  FakeEnvironment env_;
  FakeClock clock_;
  FakeStsFactory sts_;
};

TEST_F(WebIdentityProviderTest, CallsStsUnsignedWithTokenRoleAndDefaultSessionName) {
  WebIdentityCredentialsProvider provider(env_, clock_, sts_.Factory());
  auto creds = provider.Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIAWEB");
  EXPECT_EQ(creds->provider, "web identity");
  ASSERT_EQ(sts_.signers.size(), 1u);
  EXPECT_EQ(sts_.signers[0], nullptr);  // unsigned
  ASSERT_EQ(sts_.sts->web_identity_calls.size(), 1u);
  const auto& call = sts_.sts->web_identity_calls[0];
  EXPECT_EQ(call.role_arn, "arn:aws:iam::123456789012:role/irsa");
  EXPECT_EQ(call.web_identity_token, "jwt-one");
  EXPECT_EQ(call.session_name, "sagemaker-training-1700000000");
}

TEST_F(WebIdentityProviderTest, RereadsTheRotatedTokenAtEveryRefreshAndHonoursSessionName) {
  env_.variables["AWS_ROLE_SESSION_NAME"] = "my-session";
  WebIdentityCredentialsProvider provider(env_, clock_, sts_.Factory());
  ASSERT_TRUE(provider.Get().ok());
  env_.files["/var/run/secrets/eks/token"] = "jwt-two";
  ASSERT_TRUE(provider.Get().ok());
  ASSERT_EQ(sts_.sts->web_identity_calls.size(), 2u);
  EXPECT_EQ(sts_.sts->web_identity_calls[0].web_identity_token, "jwt-one");
  EXPECT_EQ(sts_.sts->web_identity_calls[1].web_identity_token, "jwt-two");
  EXPECT_EQ(sts_.sts->web_identity_calls[1].session_name, "my-session");
  EXPECT_EQ(sts_.signers.size(), 1u);  // one connection, reused
}

TEST_F(WebIdentityProviderTest, NotConfiguredWithoutTokenFileVariable) {
  env_.variables.erase("AWS_WEB_IDENTITY_TOKEN_FILE");
  WebIdentityCredentialsProvider provider(env_, clock_, sts_.Factory());
  EXPECT_EQ(provider.Get().status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(sts_.sts->web_identity_calls.empty());
}

TEST_F(WebIdentityProviderTest, ConfiguredButBrokenIsAnError) {
  struct Case { const char* name; std::function<void(FakeEnvironment&)> edit; const char* fragment; };
  const Case cases[] = {
      {"no role", [](FakeEnvironment& e) { e.variables.erase("AWS_ROLE_ARN"); }, "AWS_ROLE_ARN is not"},
      {"missing file", [](FakeEnvironment& e) { e.files.clear(); }, "cannot read the web identity token file"},
      {"empty file", [](FakeEnvironment& e) { e.files["/var/run/secrets/eks/token"] = " \n"; }, "is empty"},
  };
  for (const auto& c : cases) {
    FakeEnvironment env = env_;
    c.edit(env);
    WebIdentityCredentialsProvider provider(env, clock_, sts_.Factory());
    auto status = provider.Get().status();
    EXPECT_EQ(status.code(), StatusCode::kCredentials) << c.name;
    EXPECT_NE(status.message().find(c.fragment), std::string::npos) << c.name << ": " << status.message();
  }
}

TEST_F(WebIdentityProviderTest, StsRefusalStopsWithItsCodeAndNeverTheToken) {
  sts_.sts->answers = {Status(StatusCode::kAwsError, "Incorrect token audience", {"InvalidIdentityToken", 400, "r"})};
  WebIdentityCredentialsProvider provider(env_, clock_, sts_.Factory());
  auto status = provider.Get().status();
  EXPECT_EQ(status.aws_code(), "InvalidIdentityToken");
  EXPECT_EQ(status.message(), "web identity: Incorrect token audience");
  EXPECT_EQ(status.ToString().find("jwt-one"), std::string::npos);
}

}  // namespace
}  // namespace sagetrain
