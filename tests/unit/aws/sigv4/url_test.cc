#include "aws/sigv4/url.h"

#include <gtest/gtest.h>

namespace sagetrain::sigv4 {
namespace {

TEST(UrlTest, SplitsEveryPart) {
  const UrlParts parts = SplitUrl("HTTPS://user:pw@Example.COM:8443/a b/c?x=1&y#frag");
  EXPECT_EQ(parts.scheme, "https");
  EXPECT_EQ(parts.host, "Example.COM");
  EXPECT_EQ(parts.port, "8443");
  EXPECT_EQ(parts.path, "/a b/c");
  EXPECT_EQ(parts.query, "x=1&y");
}

TEST(UrlTest, MissingPathQueryAndPort) {
  const UrlParts bare = SplitUrl("https://sts.us-east-1.amazonaws.com");
  EXPECT_EQ(bare.host, "sts.us-east-1.amazonaws.com");
  EXPECT_EQ(bare.port, "");
  EXPECT_EQ(bare.path, "");
  EXPECT_EQ(bare.query, "");
  const UrlParts query_only = SplitUrl("http://h?a=b");
  EXPECT_EQ(query_only.host, "h");
  EXPECT_EQ(query_only.path, "");
  EXPECT_EQ(query_only.query, "a=b");
}

TEST(UrlTest, Ipv6LiteralKeepsBrackets) {
  const UrlParts parts = SplitUrl("http://[fd00:ec2::23]:80/latest");
  EXPECT_EQ(parts.host, "[fd00:ec2::23]");
  EXPECT_EQ(parts.port, "80");
  EXPECT_EQ(HostHeaderValue(parts), "[fd00:ec2::23]");
  EXPECT_EQ(SplitUrl("http://[::1]/").port, "");
  EXPECT_EQ(HostHeaderValue(SplitUrl("http://[::1]:9000/")), "[::1]:9000");
}

TEST(UrlTest, WithoutSchemeEverythingIsPathAndQuery) {
  const UrlParts parts = SplitUrl("/a/b?c=d");
  EXPECT_EQ(parts.scheme, "");
  EXPECT_EQ(parts.host, "");
  EXPECT_EQ(parts.path, "/a/b");
  EXPECT_EQ(parts.query, "c=d");
}

TEST(UrlTest, HostHeaderKeepsOnlyNonDefaultPorts) {
  EXPECT_EQ(HostHeaderValue(SplitUrl("https://Logs.us-east-1.amazonaws.com:443/")),
            "logs.us-east-1.amazonaws.com");
  EXPECT_EQ(HostHeaderValue(SplitUrl("http://localhost:80")), "localhost");
  EXPECT_EQ(HostHeaderValue(SplitUrl("http://127.0.0.1:8123/")), "127.0.0.1:8123");
  EXPECT_EQ(HostHeaderValue(SplitUrl("https://example.com:80/")), "example.com:80");
  EXPECT_EQ(HostHeaderValue(SplitUrl("http://example.com:443/")), "example.com:443");
}

}  // namespace
}  // namespace sagetrain::sigv4
