#include "common/saturating_cast.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TEST(SaturatingCastTest, KeepsRealValuesAndClampsTheRest) {
  EXPECT_EQ(SaturatingInt64(1'700'000'000'123.0), 1'700'000'000'123);
  EXPECT_EQ(SaturatingInt64(2.9), 2);    // truncated toward zero
  EXPECT_EQ(SaturatingInt64(-2.9), -2);
  EXPECT_EQ(SaturatingInt64(1.7e73), 9'000'000'000'000'000'000);
  EXPECT_EQ(SaturatingInt64(-std::numeric_limits<double>::infinity()), -9'000'000'000'000'000'000);
  EXPECT_EQ(SaturatingInt64(std::nan("")), 0);
}

}  // namespace
}  // namespace sagetrain
