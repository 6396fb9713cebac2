// Inputs found by fuzz/targets/fuzz_sigv4.cc, kept as regression tests.
#include <gtest/gtest.h>

#include "aws/sigv4/canonical_request.h"
#include "aws/sigv4/signer.h"
#include "aws/sigv4/uri_encoding.h"

namespace sagetrain::sigv4 {
namespace {

// A URL without "://" is taken as a relative path; when its segments all cancel out, the canonical
// URI was the empty string (an empty line in the canonical request) instead of "/".
TEST(UriEncodingFuzzRegressionTest, RelativePathThatCancelsOutIsRoot) {
  EXPECT_EQ(RemoveDotSegments("a/.."), "/");
  EXPECT_EQ(RemoveDotSegments("lttps:/../.."), "/");
  EXPECT_EQ(RemoveDotSegments(".."), "/");
  EXPECT_EQ(CanonicalPath("lttps:/../..", /*normalize_path=*/true), "/");
  const std::string canonical = CanonicalRequest({"GET", "lttps:/../..", {{"Host", "example.amazonaws.com"}}, ""});
  EXPECT_EQ(canonical.substr(0, 6), "GET\n/\n") << canonical;
}

}  // namespace
}  // namespace sagetrain::sigv4
