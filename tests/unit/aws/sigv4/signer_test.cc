#include "aws/sigv4/signer.h"

#include <chrono>

#include <gtest/gtest.h>

namespace sagetrain::sigv4 {
namespace {

using namespace std::chrono;

const WallTime kTime = sys_days{year{2015} / August / 30} + hours{12} + minutes{36};
const SigningScope kScope{"us-east-1", "service", kTime};
const SigningKeys kKeys{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};

std::string Find(const Headers& headers, const std::string& name) {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

TEST(SignerTest, AmzDateAndScope) {
  EXPECT_EQ(AmzDate(kTime), "20150830T123600Z");
  EXPECT_EQ(AmzDate(sys_days{year{2024} / December / 31} + hours{23} + minutes{59} + seconds{59} +
                    milliseconds{999}),
            "20241231T235959Z");
  EXPECT_EQ(CredentialScope(kScope), "20150830/us-east-1/service/aws4_request");
}

TEST(SignerTest, SigningKeyMatchesAwsDocumentationExample) {
  // docs.aws.amazon.com, "Examples of how to derive a signing key for Signature Version 4".
  const SigningScope scope{"us-east-1", "iam", sys_days{year{2012} / February / 15}};
  const std::string key = SigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", scope);
  ASSERT_EQ(key.size(), 32u);
  std::string hex;
  for (char c : key) {
    static constexpr char kDigits[] = "0123456789abcdef";
    hex += kDigits[static_cast<unsigned char>(c) >> 4];
    hex += kDigits[static_cast<unsigned char>(c) & 0x0f];
  }
  EXPECT_EQ(hex, "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(SignerTest, SignatureHeadersWithoutTokenAddHostDateAndAuthorization) {
  const SignableRequest request{"GET", "https://example.amazonaws.com/", {}, ""};
  const Headers added = SignatureHeaders(request, kKeys, kScope);
  ASSERT_EQ(added.size(), 3u);
  EXPECT_EQ(Find(added, "Host"), "example.amazonaws.com");
  EXPECT_EQ(Find(added, "X-Amz-Date"), "20150830T123600Z");
  EXPECT_EQ(Find(added, "X-Amz-Security-Token"), "<absent>");
  // The suite's get-vanilla signature.
  EXPECT_EQ(Find(added, "Authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            "SignedHeaders=host;x-amz-date, "
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SignerTest, SessionTokenIsSentAndSigned) {
  SigningKeys keys = kKeys;
  keys.session_token = "token-value";
  const SignableRequest request{"POST", "http://127.0.0.1:8123/", {}, "{}"};
  const Headers added = SignatureHeaders(request, keys, kScope);
  EXPECT_EQ(Find(added, "Host"), "127.0.0.1:8123");
  EXPECT_EQ(Find(added, "X-Amz-Security-Token"), "token-value");
  EXPECT_NE(Find(added, "Authorization").find("SignedHeaders=host;x-amz-date;x-amz-security-token,"),
            std::string::npos);
  EXPECT_NE(Find(added, "Authorization"), AuthorizationHeader(request, kKeys, kScope));
}

TEST(SignerTest, ResigningIgnoresPreviousSignatureHeaders) {
  const SignableRequest fresh{"POST", "https://h/", {{"X-Amz-Target", "T"}}, "{}"};
  SignableRequest retried = fresh;
  retried.headers.emplace_back("X-Amz-Date", "20000101T000000Z");
  retried.headers.emplace_back("authorization", "AWS4-HMAC-SHA256 stale");
  retried.headers.emplace_back("X-Amz-Security-Token", "stale-token");
  EXPECT_EQ(AuthorizationHeader(retried, kKeys, kScope), AuthorizationHeader(fresh, kKeys, kScope));
  EXPECT_EQ(WithSigningHeaders(retried, kKeys, kScope).headers,
            (Headers{{"X-Amz-Target", "T"}, {"X-Amz-Date", "20150830T123600Z"}}));
}

TEST(SignerTest, ExistingHostHeaderIsKeptAndNotDuplicated) {
  const SignableRequest request{"GET", "https://10.0.0.1/", {{"Host", "example.amazonaws.com"}}, ""};
  const Headers added = SignatureHeaders(request, kKeys, kScope);
  EXPECT_EQ(Find(added, "Host"), "<absent>");
  EXPECT_NE(Find(added, "Authorization").find("Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
            std::string::npos);
}

TEST(SignerTest, AnyChangeToSignedInputChangesTheSignature) {
  const SignableRequest request{"POST", "https://h/", {{"X-Amz-Target", "T"}}, "{}"};
  const std::string base = AuthorizationHeader(request, kKeys, kScope);
  SignableRequest other_body = request;
  other_body.body = "{ }";
  EXPECT_NE(AuthorizationHeader(other_body, kKeys, kScope), base);
  SigningScope other_region = kScope;
  other_region.region = "us-west-2";
  EXPECT_NE(AuthorizationHeader(request, kKeys, other_region), base);
  SigningScope next_second = kScope;
  next_second.time += seconds{1};
  EXPECT_NE(AuthorizationHeader(request, kKeys, next_second), base);
}

}  // namespace
}  // namespace sagetrain::sigv4
