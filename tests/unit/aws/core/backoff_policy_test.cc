#include "aws/core/backoff_policy.h"

#include <gtest/gtest.h>

#include "aws/core/fakes.h"

namespace sagetrain {
namespace {

using testing::SequenceRandom;

TEST(BackoffPolicyTest, CeilingDoublesFromTheBaseUpToTheCap) {
  SequenceRandom random({0});
  BackoffPolicy backoff(Duration(1'000), Duration(20'000), random);
  EXPECT_EQ(backoff.Ceiling(0), Duration(1'000));
  EXPECT_EQ(backoff.Ceiling(1), Duration(2'000));
  EXPECT_EQ(backoff.Ceiling(4), Duration(16'000));
  EXPECT_EQ(backoff.Ceiling(5), Duration(20'000));
  EXPECT_EQ(backoff.Ceiling(1'000'000), Duration(20'000));  // no overflow
}

TEST(BackoffPolicyTest, FullJitterDrawsFromZeroToTheCeilingInclusive) {
  SequenceRandom random({0, 1'000'000'000, 777});
  BackoffPolicy backoff(Duration(1'000), Duration(20'000), random);
  EXPECT_EQ(backoff.NextDelay(3), Duration(0));
  EXPECT_EQ(backoff.NextDelay(3), Duration(8'000));  // the largest draw is the ceiling itself
  EXPECT_EQ(backoff.NextDelay(10), Duration(777));
  EXPECT_EQ(random.bounds, (std::vector<std::uint64_t>{8'001, 8'001, 20'001}));
}

TEST(BackoffPolicyTest, ZeroBaseNeverWaits) {
  SequenceRandom random({5});
  BackoffPolicy backoff(Duration(0), Duration(20'000), random);
  EXPECT_EQ(backoff.NextDelay(7), Duration(0));
}

}  // namespace
}  // namespace sagetrain
