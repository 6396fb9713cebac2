#include "common/secret_redaction.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace sagetrain {
namespace {

const std::string kToken = "IQoJb3JpZ2luX2VjEXAMPLE/TOKEN+with=";
const std::string kSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const std::string kJwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJl-_x";

struct Case {
  const char* name;
  std::string text;
  std::string expected;
};

TEST(RedactSecretsTest, RedactsEveryKnownValueAndEveryShape) {
  const std::vector<std::string> secrets{kToken, kSecret};
  const std::vector<Case> cases{
      {"nothing secret", "ThrottlingException: Rate exceeded", "ThrottlingException: Rate exceeded"},
      {"token by value", "token was " + kToken + " here", "token was [redacted] here"},
      {"secret key by value, twice", kSecret + " and " + kSecret, "[redacted] and [redacted]"},
      {"canonical request header line of an unknown token",
       "POST\n/\n\nhost:api\nx-amz-security-token:SOMEOTHERTOKEN/abc=\n\nhost;x-amz-security-token\nabc",
       "POST\n/\n\nhost:api\nx-amz-security-token:[redacted]\n\nhost;x-amz-security-token\nabc"},
      {"header name in any case", "X-Amz-Security-Token: abcdefgh", "X-Amz-Security-Token: [redacted]"},
      {"query form", "?X-Amz-Security-Token=abc%2Fdef&x=1", "?X-Amz-Security-Token=[redacted]&x=1"},
      {"json form", R"({"X-Amz-Security-Token": "abcdefgh"})", R"({"X-Amz-Security-Token": "[redacted]"})"},
      {"echoed authorization header to the end of its line",
       "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/sagemaker/aws4_request, "
       "SignedHeaders=host, Signature=abcdef0123\nnext line",
       "Authorization: [redacted]\nnext line"},
      {"container authorization token", "authorization=Bearer abc.def", "authorization=[redacted]"},
      {"credential and signature parameters",
       "X-Amz-Credential=AKID%2F2026&X-Amz-Signature=0123abcd", "X-Amz-Credential=[redacted]&X-Amz-Signature=[redacted]"},
      {"a web-identity token by shape", "token " + kJwt + " rejected", "token [redacted] rejected"},
      {"words are not shapes", "not authorized to perform: sts:AssumeRole; the request signature we calculated",
       "not authorized to perform: sts:AssumeRole; the request signature we calculated"},
      {"credentials messages stay", "credentials (environment): AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE unreadable",
       "credentials (environment): AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE unreadable"},
      {"overlapping value and shape", "x-amz-security-token:" + kToken, "x-amz-security-token:[redacted]"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RedactSecrets(c.text, secrets), c.expected) << c.name;
  }
}

TEST(RedactSecretsTest, ShortValuesAreNotSecrets) {
  EXPECT_EQ(RedactSecretValues("a short value", {"short", ""}), "a short value");
}

TEST(SecretRedactorTest, RemembersValuesAndTheirPercentEncodedForm) {
  SecretRedactor redactor;
  redactor.Remember(kToken);
  EXPECT_EQ(redactor.RedactValues("raw " + kToken), "raw [redacted]");
  EXPECT_EQ(redactor.RedactValues("form IQoJb3JpZ2luX2VjEXAMPLE%2FTOKEN%2Bwith%3D&x"), "form [redacted]&x");
  EXPECT_TRUE(redactor.HasValues());
}

// A web-identity token file is rotated while the program runs: its current contents are the secret.
TEST(SecretRedactorTest, FilesAreReadAtEachRedaction) {
  const std::string path = ::testing::TempDir() + "/secret_redaction_token";
  SecretRedactor redactor;
  redactor.RememberFile(path);
  std::ofstream(path) << "first-token-value\n";
  EXPECT_EQ(redactor.Redact("a first-token-value b"), "a [redacted] b");
  std::ofstream(path) << "second-token-value";
  EXPECT_EQ(redactor.Redact("a second-token-value b"), "a [redacted] b");
  std::remove(path.c_str());
  EXPECT_EQ(redactor.Redact("no file: first-token-value"), "no file: first-token-value");
}

TEST(SecretRedactorTest, EmptyRedactorChangesNothing) {
  const SecretRedactor redactor;
  EXPECT_FALSE(redactor.HasValues());
  EXPECT_EQ(redactor.RedactValues("x-amz-security-token:abc"), "x-amz-security-token:abc");
  EXPECT_EQ(redactor.Redact("x-amz-security-token:abc"), "x-amz-security-token:[redacted]");
}

}  // namespace
}  // namespace sagetrain
