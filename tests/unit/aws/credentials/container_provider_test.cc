#include "aws/credentials/container_provider.h"

#include <gtest/gtest.h>

#include "aws/credentials/fakes.h"

namespace sagetrain {
namespace {

using testing::FakeHttpTransport;

constexpr char kAnswer[] =
    R"({"AccessKeyId":"ASIAPOD","SecretAccessKey":"podsecret","Token":"podtoken","Expiration":"2023-11-14T23:13:20Z"})";

TEST(ContainerUrlTest, AllowsLinkLocalAgentsLoopbackAndAnyHttpsHost) {
  for (const char* url : {"http://169.254.170.2/v2/credentials/abc", "http://169.254.170.23/v1/credentials",
                          "http://[fd00:ec2::23]/v1/credentials", "http://[FD00:EC2:0:0:0:0:0:23]:80/x",
                          "http://127.0.0.1:8080/creds", "http://127.200.3.4/creds", "http://[::1]:9000/creds",
                          "http://localhost:5000/creds", "HTTP://LOCALHOST/creds", "https://creds.example.com/x",
                          "https://10.0.0.5:8443/creds"}) {
    EXPECT_TRUE(CheckContainerCredentialsUrl(url).ok()) << url << ": " << CheckContainerCredentialsUrl(url).message();
  }
}

TEST(ContainerUrlTest, RefusesOtherHostsOverHttp) {
  for (const char* url : {"http://169.254.169.254/latest/", "http://169.254.170.3/x", "http://10.0.0.5/creds",
                          "http://example.com/creds", "http://localhost.evil.com/x", "http://127.0.0.1.nip.io/x",
                          "http://[fd00:ec2::24]/x", "http://[::2]/x", "http://user@127.0.0.1/x", "ftp://127.0.0.1/x",
                          "http:///x", "http://[::1/x", "169.254.170.2/x"}) {
    Status status = CheckContainerCredentialsUrl(url);
    EXPECT_EQ(status.code(), StatusCode::kCredentials) << url;
  }
  EXPECT_NE(CheckContainerCredentialsUrl("http://10.0.0.5/creds").message().find("host 10.0.0.5 is not allowed"),
            std::string::npos);
}

class ContainerProviderTest : public ::testing::Test {
 protected:
  FakeEnvironment env_;
  std::shared_ptr<FakeHttpTransport> http_ = std::make_shared<FakeHttpTransport>();
};

TEST_F(ContainerProviderTest, RelativeUriGoesToTheEcsAgent) {
  env_.variables["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/task-guid";
  http_->Answer("GET", "http://169.254.170.2/v2/credentials/task-guid", 200, kAnswer);
  auto creds = ContainerCredentialsProvider(env_, http_).Get();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIAPOD");
  EXPECT_EQ(creds->session_token, "podtoken");
  EXPECT_EQ(creds->expiration, WallTime(std::chrono::seconds(1'700'003'600)));
  EXPECT_EQ(http_->HeaderOf(0, "Authorization"), "<absent>");
  EXPECT_LE(http_->requests[0].total_timeout, Duration(5'000));
}

TEST_F(ContainerProviderTest, PodIdentityTokenFileWinsAndIsRereadEachTime) {
  env_.variables = {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials"},
                    {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/var/run/secrets/pods.eks.amazonaws.com/token"},
                    {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token"}};
  env_.files["/var/run/secrets/pods.eks.amazonaws.com/token"] = "file-token-1\n";
  http_->Answer("GET", "http://169.254.170.23/v1/credentials", 200, kAnswer);
  ContainerCredentialsProvider provider(env_, http_);
  ASSERT_TRUE(provider.Get().ok());
  env_.files["/var/run/secrets/pods.eks.amazonaws.com/token"] = "file-token-2";
  ASSERT_TRUE(provider.Get().ok());
  EXPECT_EQ(http_->HeaderOf(0, "Authorization"), "file-token-1");
  EXPECT_EQ(http_->HeaderOf(1, "Authorization"), "file-token-2");
}

TEST_F(ContainerProviderTest, TokenFromEnvironmentWhenNoFile) {
  env_.variables = {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9911/creds"},
                    {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "env-token"}};
  http_->Answer("GET", "http://127.0.0.1:9911/creds", 200, kAnswer);
  ASSERT_TRUE(ContainerCredentialsProvider(env_, http_).Get().ok());
  EXPECT_EQ(http_->HeaderOf(0, "Authorization"), "env-token");
}

TEST_F(ContainerProviderTest, TokenWithLineBreakIsRefusedBeforeAnyRequest) {
  env_.variables = {{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1/creds"},
                    {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "abc\r\nX-Injected: SECRETPART"}};
  auto status = ContainerCredentialsProvider(env_, http_).Get().status();
  EXPECT_EQ(status.code(), StatusCode::kCredentials);
  EXPECT_NE(status.message().find("CR or LF"), std::string::npos);
  EXPECT_EQ(status.message().find("SECRETPART"), std::string::npos);

  env_.variables.erase("AWS_CONTAINER_AUTHORIZATION_TOKEN");
  env_.variables["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = "/t";
  env_.files["/t"] = "line1\nline2";
  EXPECT_EQ(ContainerCredentialsProvider(env_, http_).Get().status().code(), StatusCode::kCredentials);
  EXPECT_TRUE(http_->requests.empty());
}

TEST_F(ContainerProviderTest, RefusedHostIsAnErrorNotAFallThrough) {
  env_.variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://attacker.example.com/creds";
  env_.variables["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "tok";
  auto status = ContainerCredentialsProvider(env_, http_).Get().status();
  EXPECT_EQ(status.code(), StatusCode::kCredentials);
  EXPECT_TRUE(http_->requests.empty());
}

TEST_F(ContainerProviderTest, FailuresAreTypedByWhetherARetryCouldHelp) {
  env_.variables["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = "http://127.0.0.1/creds";
  ContainerCredentialsProvider provider(env_, http_);
  EXPECT_EQ(provider.Get().status().code(), StatusCode::kUnavailable);  // unreachable
  http_->Answer("GET", "http://127.0.0.1/creds", 503, "busy");
  EXPECT_EQ(provider.Get().status().code(), StatusCode::kUnavailable);
  http_->Answer("GET", "http://127.0.0.1/creds", 403, "{\"message\":\"denied\"}");
  auto status = provider.Get().status();
  EXPECT_EQ(status.code(), StatusCode::kCredentials);
  EXPECT_NE(status.message().find("HTTP 403"), std::string::npos);
}

TEST_F(ContainerProviderTest, NotConfiguredWithoutUri) {
  EXPECT_EQ(ContainerCredentialsProvider(env_, http_).Get().status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sagetrain
