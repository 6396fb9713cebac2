#include "aws/core/retry_quota.h"

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TEST(RetryQuotaTest, AcquireTakesTokensUntilTheBucketIsEmpty) {
  RetryQuota quota(12);
  EXPECT_TRUE(quota.Acquire(5));
  EXPECT_TRUE(quota.Acquire(5));
  EXPECT_FALSE(quota.Acquire(5));  // 2 left: refused, and nothing taken
  EXPECT_EQ(quota.available(), 2);
  EXPECT_TRUE(quota.Acquire(2));
  EXPECT_EQ(quota.available(), 0);
}

TEST(RetryQuotaTest, ReleaseRefillsButNeverAboveCapacity) {
  RetryQuota quota(500);
  quota.Release(10);
  EXPECT_EQ(quota.available(), 500);
  ASSERT_TRUE(quota.Acquire(10));
  quota.Release(RetryQuota::kNoRetryIncrement);
  EXPECT_EQ(quota.available(), 491);
  quota.Release(100);
  EXPECT_EQ(quota.available(), 500);
}

}  // namespace
}  // namespace sagetrain
