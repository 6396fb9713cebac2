#include "aws/credentials/default_chain.h"

#include <functional>

#include <gtest/gtest.h>

#include "aws/credentials/fakes.h"
#include "common/fake_clock.h"

namespace sagetrain {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using testing::FakeClock;
using testing::FakeHttpTransport;
using testing::FakeStsFactory;
using testing::TemporaryCredentials;

constexpr char kContainerAnswer[] =
    R"({"AccessKeyId":"ASIAPOD","SecretAccessKey":"podsecret","Token":"podtoken","Expiration":"2030-01-01T00:00:00Z"})";
constexpr char kImdsAnswer[] =
    R"({"Code":"Success","AccessKeyId":"ASIAEC2","SecretAccessKey":"ec2secret","Token":"ec2token","Expiration":"2030-01-01T00:00:00Z"})";

class DefaultChainTest : public ::testing::Test {
 protected:
  DefaultChainTest() {
    sts_.sts->answers.push_back(TemporaryCredentials("ASIASTS", clock_.Now() + hours(1)));
  }
  std::shared_ptr<CredentialsProvider> Chain(CredentialsChainOptions options = {}) {
    return MakeDefaultCredentialsChain(options, env_, clock_, http_, sts_.Factory());
  }
  // Configures every source, so that removing them one by one shows the order.
  void ConfigureEverything() {
    env_.variables = {{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "envsecret"},
                      {"AWS_WEB_IDENTITY_TOKEN_FILE", "/token"}, {"AWS_ROLE_ARN", "arn:aws:iam::1:role/irsa"},
                      {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/x"}};
    env_.files = {{"/token", "jwt"},
                  {"/home/test/.aws/credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n"}};
    http_->Answer("GET", "http://169.254.170.2/v2/credentials/x", 200, kContainerAnswer);
    http_->Answer("PUT", "http://169.254.169.254/latest/api/token", 200, "t");
    http_->Answer("GET", "http://169.254.169.254/latest/meta-data/iam/security-credentials/", 200, "role");
    http_->Answer("GET", "http://169.254.169.254/latest/meta-data/iam/security-credentials/role", 200, kImdsAnswer);
  }

  FakeEnvironment env_;
  FakeClock clock_;
  std::shared_ptr<FakeHttpTransport> http_ = std::make_shared<FakeHttpTransport>();
  FakeStsFactory sts_;
};

TEST_F(DefaultChainTest, ProvidersAreTriedInTheSdkOrder) {
  ConfigureEverything();
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"environment", "AKIDENV"}, {"web identity", "ASIASTS"}, {"profile default", "AKIDFILE"},
      {"container", "ASIAPOD"}, {"EC2 instance metadata", "ASIAEC2"}};
  for (const auto& [provider, key_id] : expected) {
    auto creds = Chain()->Get();
    ASSERT_TRUE(creds.ok()) << provider << ": " << creds.status().ToString();
    EXPECT_EQ(creds->provider, provider);
    EXPECT_EQ(creds->access_key_id, key_id);
    // Take away the winner's configuration; the next provider must win.
    if (provider == "environment") env_.variables.erase("AWS_ACCESS_KEY_ID"), env_.variables.erase("AWS_SECRET_ACCESS_KEY");
    if (provider == "web identity") env_.variables.erase("AWS_WEB_IDENTITY_TOKEN_FILE");
    if (provider == "profile default") env_.files.erase("/home/test/.aws/credentials");
    if (provider == "container") env_.variables.erase("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  }
}

TEST_F(DefaultChainTest, NothingFoundIsOneMessageNamingEverySource) {
  auto status = Chain()->Get().status();
  EXPECT_EQ(status.code(), StatusCode::kCredentials);
  for (const char* fragment :
       {"no AWS credentials found", "environment (AWS_ACCESS_KEY_ID is not set)",
        "web identity (AWS_WEB_IDENTITY_TOKEN_FILE is not set)", "profile default (no profile default",
        "container (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set)",
        "EC2 instance metadata (not available ("}) {
    EXPECT_NE(status.message().find(fragment), std::string::npos) << fragment << "\n" << status.message();
  }
}

TEST_F(DefaultChainTest, ABrokenWebIdentityStopsTheChainBeforeTheProfile) {
  ConfigureEverything();
  env_.variables.erase("AWS_ACCESS_KEY_ID");
  env_.variables.erase("AWS_SECRET_ACCESS_KEY");
  env_.files.erase("/token");
  auto status = Chain()->Get().status();
  EXPECT_EQ(status.code(), StatusCode::kCredentials);
  EXPECT_EQ(status.message(), "web identity: cannot read the web identity token file /token");
}

TEST_F(DefaultChainTest, AssumeRoleIsSignedWithTheChainAndRefreshedAheadOfExpiry) {
  env_.variables = {{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "envsecret"}};
  sts_.sts->answers = {TemporaryCredentials("ASIAROLE1", clock_.Now() + hours(1)),
                       TemporaryCredentials("ASIAROLE2", clock_.Now() + hours(2))};
  CredentialsChainOptions options;
  options.assume_role_arn = "arn:aws:iam::123456789012:role/training";
  auto provider = Chain(options);
  auto creds = provider->Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIAROLE1");
  EXPECT_EQ(creds->provider, "assume role arn:aws:iam::123456789012:role/training");
  ASSERT_EQ(sts_.signers.size(), 1u);
  EXPECT_EQ(sts_.signers[0]->Get()->access_key_id, "AKIDENV");
  ASSERT_EQ(sts_.sts->assume_role_calls.size(), 1u);
  EXPECT_EQ(sts_.sts->assume_role_calls[0].role_arn, "arn:aws:iam::123456789012:role/training");
  EXPECT_EQ(sts_.sts->assume_role_calls[0].session_name, "sagemaker-training-1700000000");
  EXPECT_EQ(sts_.sts->assume_role_calls[0].duration, std::chrono::seconds(3600));

  clock_.Advance(minutes(30));
  EXPECT_EQ(provider->Get()->access_key_id, "ASIAROLE1");
  clock_.Advance(minutes(16));
  EXPECT_EQ(provider->Get()->access_key_id, "ASIAROLE2");
  EXPECT_EQ(sts_.sts->assume_role_calls.size(), 2u);
  EXPECT_EQ(sts_.sts->assume_role_calls[1].session_name, "sagemaker-training-1700002760");
}

TEST_F(DefaultChainTest, AssumeRoleWithoutSourceCredentialsSaysWhy) {
  sts_.sts->answers = {Status(StatusCode::kCredentials, "no AWS credentials found. Tried, in order: ...")};
  CredentialsChainOptions options;
  options.assume_role_arn = "arn:aws:iam::1:role/r";
  EXPECT_EQ(Chain(options)->Get().status().code(), StatusCode::kCredentials);
}

TEST_F(DefaultChainTest, NoErrorMessageContainsASecret) {
  const std::vector<std::string> secrets = {"SECRETKEY123", "SESSIONTOKEN456", "WEBJWT789", "PODTOKEN000"};
  std::vector<std::function<void(FakeEnvironment&, FakeHttpTransport&)>> setups = {
      [](FakeEnvironment& e, FakeHttpTransport&) { e.variables = {{"AWS_SECRET_ACCESS_KEY", "SECRETKEY123"},
                                                                   {"AWS_SESSION_TOKEN", "SESSIONTOKEN456"}}; },
      [](FakeEnvironment& e, FakeHttpTransport&) {
        e.variables = {{"AWS_WEB_IDENTITY_TOKEN_FILE", "/t"}};
        e.files = {{"/t", "WEBJWT789"}};
      },
      [](FakeEnvironment& e, FakeHttpTransport&) {
        e.files = {{"/home/test/.aws/credentials",
                    "[default]\naws_secret_access_key = SECRETKEY123\naws_session_token = SESSIONTOKEN456\n"}};
      },
      [](FakeEnvironment& e, FakeHttpTransport&) {
        e.files = {{"/home/test/.aws/credentials", "[default]\nSECRETKEY123\n"}};
      },
      [](FakeEnvironment& e, FakeHttpTransport&) {
        e.variables = {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://10.1.2.3/"},
                       {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "PODTOKEN000"}};
      },
      [](FakeEnvironment& e, FakeHttpTransport&) {
        e.variables = {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1/"},
                       {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "PODTOKEN000\n"}};
      },
      [](FakeEnvironment& e, FakeHttpTransport& h) {
        e.variables = {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1/"},
                       {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "PODTOKEN000"}};
        h.Answer("GET", "http://127.0.0.1/", 200, R"({"SecretAccessKey":"SECRETKEY123","Token":"SESSIONTOKEN456"})");
      },
      [](FakeEnvironment&, FakeHttpTransport& h) {
        h.Answer("PUT", "http://169.254.169.254/latest/api/token", 200, "t");
        h.Answer("GET", "http://169.254.169.254/latest/meta-data/iam/security-credentials/", 200, "r");
        h.Answer("GET", "http://169.254.169.254/latest/meta-data/iam/security-credentials/r", 200,
                 R"({"Code":"Failed","SecretAccessKey":"SECRETKEY123","Token":"SESSIONTOKEN456"})");
      },
  };
  sts_.sts->answers = {Status(StatusCode::kAwsError, "Token expired", {"ExpiredTokenException", 400, "r"})};
  for (std::size_t i = 0; i < setups.size(); ++i) {
    env_ = FakeEnvironment();
    http_->script.clear();
    setups[i](env_, *http_);
    auto status = Chain()->Get().status();
    ASSERT_FALSE(status.ok()) << "setup " << i;
    for (const auto& secret : secrets) {
      EXPECT_EQ(status.ToString().find(secret), std::string::npos) << "setup " << i << ": " << status.ToString();
    }
  }
}

}  // namespace
}  // namespace sagetrain
