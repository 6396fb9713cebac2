#include "aws/sigv4/canonical_request.h"

#include <gtest/gtest.h>

#include "aws/sigv4/hashing.h"

namespace sagetrain::sigv4 {
namespace {

TEST(CanonicalRequestTest, PathNormalisedThenEncodedOnce) {
  EXPECT_EQ(CanonicalPath("", true), "/");
  EXPECT_EQ(CanonicalPath("//a/./b/../c d/", true), "/a/c%20d/");
  EXPECT_EQ(CanonicalPath("//a/./b/../c d/", false), "//a/./b/../c%20d/");
  // A path already percent-encoded on the wire is encoded once more, as every service but S3
  // expects (botocore: quote(path, safe='/~')).
  EXPECT_EQ(CanonicalPath("/jobs/a%3Ab", true), "/jobs/a%253Ab");
}

TEST(CanonicalRequestTest, QueryDecodedReencodedAndSorted) {
  EXPECT_EQ(CanonicalQueryString(""), "");
  EXPECT_EQ(CanonicalQueryString("b=2&a=3&a=1"), "a=1&a=3&b=2");
  EXPECT_EQ(CanonicalQueryString("k=a b&j=%7e&i=x%2fy"), "i=x%2Fy&j=~&k=a%20b");
  EXPECT_EQ(CanonicalQueryString("flag&x="), "flag=&x=");
  EXPECT_EQ(CanonicalQueryString("&&a=1&"), "a=1");
  EXPECT_EQ(CanonicalQueryString("a=1+2"), "a=1%2B2");
  // Sorted by encoded name: '%' (0x25) sorts before letters.
  EXPECT_EQ(CanonicalQueryString("Param=1&\xe1\x88\xb4=2"), "%E1%88%B4=2&Param=1");
}

TEST(CanonicalRequestTest, HeadersLowerCasedTrimmedFoldedAndJoined) {
  const CanonicalHeaders canonical = CanonicalizeHeaders({
      {"X-B", "  two   words\t here "},
      {"x-a", "first"},
      {"Host", "example.com"},
      {"X-A", "second\n   folded"},
      {"X-Empty", ""},
  });
  EXPECT_EQ(canonical.block,
            "host:example.com\nx-a:first,second folded\nx-b:two words here\nx-empty:\n");
  EXPECT_EQ(canonical.signed_headers, "host;x-a;x-b;x-empty");
}

TEST(CanonicalRequestTest, HopByHopAndClientHeadersAreNotSigned) {
  const CanonicalHeaders canonical = CanonicalizeHeaders({
      {"Host", "h"},
      {"User-Agent", "sagemaker-training/0.1"},
      {"Authorization", "old"},
      {"Expect", "100-continue"},
      {"Transfer-Encoding", "chunked"},
      {"X-Amzn-Trace-Id", "Root=1"},
      {"Connection", "keep-alive"},
  });
  EXPECT_EQ(canonical.signed_headers, "host");
}

TEST(CanonicalRequestTest, HostDerivedOnlyWhenAbsent) {
  SignableRequest request{"POST", "http://127.0.0.1:8123/", {}, ""};
  EXPECT_EQ(HeadersWithHost(request), (Headers{{"Host", "127.0.0.1:8123"}}));
  request.headers = {{"host", "override.example"}};
  EXPECT_EQ(HeadersWithHost(request), (Headers{{"host", "override.example"}}));
}

TEST(CanonicalRequestTest, PayloadHashFromBodyOrContentShaHeader) {
  SignableRequest request{"POST", "https://h/", {}, "Action=GetCallerIdentity"};
  EXPECT_EQ(PayloadHash(request), HexSha256("Action=GetCallerIdentity"));
  request.headers = {{"X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD"}};
  EXPECT_EQ(PayloadHash(request), "UNSIGNED-PAYLOAD");
}

TEST(CanonicalRequestTest, AssemblesAllParts) {
  const SignableRequest request{
      "post", "https://api.sagemaker.us-east-1.amazonaws.com/?b=1&a=2",
      {{"X-Amz-Target", "SageMaker.ListTrainingJobs"}, {"Content-Type", "application/x-amz-json-1.1"}},
      "{}"};
  EXPECT_EQ(CanonicalRequest(request),
            "POST\n/\na=2&b=1\n"
            "content-type:application/x-amz-json-1.1\n"
            "host:api.sagemaker.us-east-1.amazonaws.com\n"
            "x-amz-target:SageMaker.ListTrainingJobs\n\n"
            "content-type;host;x-amz-target\n" +
                HexSha256("{}"));
}

}  // namespace
}  // namespace sagetrain::sigv4
