// The production STS connection end to end over AwsClient with a scripted transport: what goes on
// the wire (signed or not, form parameters) and how answers and errors come back.
#include "aws/credentials/sts_aws_client.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "aws/credentials/fakes.h"
#include "aws/credentials/static_provider.h"
#include "common/fake_clock.h"

namespace sagetrain {
namespace {

using testing::FakeClock;
using testing::FakeHttpTransport;

constexpr char kUrl[] = "https://sts.us-east-1.amazonaws.com/";

std::string Golden(const std::string& name) {
  std::ifstream in("tests/unit/aws/credentials/testdata/" + name);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

class ZeroRandom final : public RandomSource {
 public:
  std::uint64_t Uniform(std::uint64_t) override { return 0; }
};

class StsAwsClientTest : public ::testing::Test {
 protected:
  StsConnectionFactory Factory() {
    AwsClientDependencies deps;
    deps.transport = http_;
    deps.clock = &clock_;
    deps.sleeper = &clock_;
    deps.random = &random_;
    return MakeAwsClientStsConnectionFactory({"https://sts.us-east-1.amazonaws.com", "us-east-1", "sts"}, deps);
  }
  std::shared_ptr<CredentialsProvider> Signer() {
    Credentials creds;
    creds.access_key_id = "AKIDSIGNER";
    creds.secret_access_key = "signersecret";
    creds.session_token = "signertoken";
    creds.provider = "test";
    return std::make_shared<StaticCredentialsProvider>(creds);
  }
  std::string Header(std::size_t index, const std::string& name) const { return http_->HeaderOf(index, name); }

  FakeClock clock_;
  ZeroRandom random_;
  std::shared_ptr<FakeHttpTransport> http_ = std::make_shared<FakeHttpTransport>();
};

TEST_F(StsAwsClientTest, AssumeRoleIsSignedWithTheSourceCredentials) {
  http_->Answer("POST", kUrl, 200, Golden("assume_role_response.xml"));
  auto creds = Factory()(Signer())->AssumeRole({"arn:aws:iam::123456789012:role/demo", "s1", std::chrono::seconds(900), ""});
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIAIOSFODNN7EXAMPLE");
  ASSERT_EQ(http_->requests.size(), 1u);
  const std::string& body = http_->requests[0].body;
  EXPECT_NE(body.find("Action=AssumeRole"), std::string::npos) << body;
  EXPECT_NE(body.find("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo"), std::string::npos) << body;
  EXPECT_NE(body.find("DurationSeconds=900"), std::string::npos) << body;
  EXPECT_EQ(Header(0, "Authorization").rfind("AWS4-HMAC-SHA256 Credential=AKIDSIGNER/20231114/us-east-1/sts/aws4_request", 0), 0u)
      << Header(0, "Authorization");
  EXPECT_EQ(Header(0, "X-Amz-Security-Token"), "signertoken");
}

TEST_F(StsAwsClientTest, WebIdentityIsSentUnsigned) {
  http_->Answer("POST", kUrl, 200, Golden("assume_role_with_web_identity_response.xml"));
  auto creds = Factory()(nullptr)->AssumeRoleWithWebIdentity({"arn:aws:iam::1:role/irsa", "s", "jwt.payload.sig"});
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIAWEBIDENTITYEXAMPLE");
  EXPECT_EQ(Header(0, "Authorization"), "<absent>");
  EXPECT_NE(http_->requests[0].body.find("WebIdentityToken=jwt.payload.sig"), std::string::npos);
}

TEST_F(StsAwsClientTest, ErrorXmlComesBackTypedAndIsNotRetried) {
  http_->Answer("POST", kUrl, 403, Golden("error_access_denied.xml"));
  auto status = Factory()(Signer())->AssumeRole({"arn:aws:iam::123456789012:role/demo", "s1", std::chrono::seconds(900), ""}).status();
  EXPECT_EQ(status.code(), StatusCode::kAwsError);
  EXPECT_EQ(status.aws_code(), "AccessDenied");
  EXPECT_EQ(status.aws().http_status, 403);
  EXPECT_EQ(http_->requests.size(), 1u);
  EXPECT_EQ(status.ToString().find("signersecret"), std::string::npos);
}

}  // namespace
}  // namespace sagetrain
