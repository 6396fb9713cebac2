#include "aws/credentials/sts_connection.h"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

std::string Golden(const std::string& name) {
  std::ifstream in("tests/unit/aws/credentials/testdata/" + name);
  EXPECT_TRUE(in) << "missing golden file " << name << " (tests run from the project root)";
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

struct RecordedCall {
  std::string action, version;
  QueryParams params;
  bool sign = false;
};

// An StsQueryCall that records its arguments and answers `answer`.
StsQueryCall Recording(std::vector<RecordedCall>& calls, StatusOr<std::string> answer) {
  return [&calls, answer](const std::string& action, const std::string& version, const QueryParams& params,
                          bool sign) -> StatusOr<std::string> {
    calls.push_back({action, version, params, sign});
    return answer;
  };
}

TEST(StsConnectionTest, AssumeRoleIsSignedAndParsesTheGoldenAnswer) {
  std::vector<RecordedCall> calls;
  auto sts = MakeQueryStsConnection(Recording(calls, Golden("assume_role_response.xml")));
  AssumeRoleRequest request{"arn:aws:iam::123456789012:role/demo", "sagemaker-training-1700000000",
                            std::chrono::seconds(900), "ext-42"};
  auto creds = sts->AssumeRole(request);
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(creds->secret_access_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY");
  EXPECT_EQ(creds->session_token.rfind("AQoDYXdzEPT//", 0), 0u);  // surrounding blanks trimmed
  EXPECT_EQ(creds->session_token.back(), '=');
  EXPECT_EQ(creds->expiration, WallTime(std::chrono::seconds(1'700'003'600)));
  EXPECT_EQ(creds->provider, "assume role arn:aws:iam::123456789012:role/demo");

  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].action, "AssumeRole");
  EXPECT_EQ(calls[0].version, "2011-06-15");
  EXPECT_TRUE(calls[0].sign);
  const QueryParams expected = {{"RoleArn", "arn:aws:iam::123456789012:role/demo"},
                                {"RoleSessionName", "sagemaker-training-1700000000"},
                                {"DurationSeconds", "900"},
                                {"ExternalId", "ext-42"}};
  EXPECT_EQ(calls[0].params, expected);
}

TEST(StsConnectionTest, WebIdentityIsUnsignedAndCarriesTheToken) {
  std::vector<RecordedCall> calls;
  auto sts = MakeQueryStsConnection(Recording(calls, Golden("assume_role_with_web_identity_response.xml")));
  auto creds = sts->AssumeRoleWithWebIdentity({"arn:aws:iam::123456789012:role/irsa", "s1", "eyJhbGciOi.jwt"});
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIAWEBIDENTITYEXAMPLE");
  EXPECT_EQ(creds->session_token, "IQoJb3JpZ2luX2VjEXAMPLEWEBIDENTITYSESSIONTOKEN");
  EXPECT_EQ(creds->expiration, WallTime(std::chrono::seconds(1'700'003'600)) + std::chrono::milliseconds(500));
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].action, "AssumeRoleWithWebIdentity");
  EXPECT_FALSE(calls[0].sign);
  const QueryParams expected = {{"RoleArn", "arn:aws:iam::123456789012:role/irsa"},
                                {"RoleSessionName", "s1"},
                                {"WebIdentityToken", "eyJhbGciOi.jwt"}};
  EXPECT_EQ(calls[0].params, expected);
}

TEST(StsConnectionTest, ErrorXmlBecomesTypedAwsError) {
  auto status = ParseStsCredentialsXml(Golden("error_access_denied.xml"), "AssumeRole", "x").status();
  EXPECT_EQ(status.code(), StatusCode::kAwsError);
  EXPECT_EQ(status.aws_code(), "AccessDenied");
  EXPECT_EQ(status.aws().request_id, "4b0a9c5e-3f1d-4c8b-9e3b-6a2f1d0e9c7a");
  EXPECT_NE(status.message().find("is not authorized to perform: sts:AssumeRole"), std::string::npos);
}

TEST(StsConnectionTest, CallErrorsPassThroughWithContextAndNoToken) {
  std::vector<RecordedCall> calls;
  Status refused(StatusCode::kAwsError, "Token is expired", {"ExpiredTokenException", 400, "r-1"});
  auto sts = MakeQueryStsConnection(Recording(calls, refused));
  auto creds = sts->AssumeRoleWithWebIdentity({"arn:aws:iam::1:role/r", "s", "SECRET-JWT-VALUE"});
  ASSERT_FALSE(creds.ok());
  EXPECT_EQ(creds.status().aws_code(), "ExpiredTokenException");
  EXPECT_EQ(creds.status().message(), "STS AssumeRoleWithWebIdentity arn:aws:iam::1:role/r: Token is expired");
  EXPECT_EQ(creds.status().ToString().find("SECRET-JWT-VALUE"), std::string::npos);
}

TEST(StsConnectionTest, MalformedAnswersAreInternalErrorsWithoutSecrets) {
  const std::string incomplete =
      "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>A</AccessKeyId>"
      "<SecretAccessKey>TOPSECRET</SecretAccessKey><SessionToken>T</SessionToken>"
      "<Expiration>soon</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>";
  for (const std::string& xml : {std::string("<html>oops"), std::string("<Other/>"), incomplete}) {
    auto status = ParseStsCredentialsXml(xml, "AssumeRole", "x").status();
    EXPECT_EQ(status.code(), StatusCode::kInternal) << xml;
    EXPECT_EQ(status.message().find("TOPSECRET"), std::string::npos);
  }
}

}  // namespace
}  // namespace sagetrain
