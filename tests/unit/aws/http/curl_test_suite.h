#pragma once
// A GoogleTest fixture for suites that use libcurl: one CurlGlobalGuard for the whole suite, as main()
// holds one for the whole program.
#include <gtest/gtest.h>

#include "aws/http/curl_transport.h"

namespace sagetrain::testing {

class CurlTestSuite : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { guard_ = new CurlGlobalGuard(); }
  static void TearDownTestSuite() {
    delete guard_;
    guard_ = nullptr;
  }
  static inline CurlGlobalGuard* guard_ = nullptr;
};

}  // namespace sagetrain::testing
