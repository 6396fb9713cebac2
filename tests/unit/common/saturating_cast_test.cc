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

// Rounds as std::round does (the unit test may use libm; the program does not).
TEST(SaturatingCastTest, RoundedGivesStdRoundsAnswerThenClamps) {
  for (const double value : {0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
                             1'700'000'000'123.4999, 1'700'000'000'123.5, 4503599627370495.5,
                             4503599627370497.0, 1.7e15 + 0.25, -1.7e15 - 0.75}) {
    EXPECT_EQ(RoundedSaturatingInt64(value), static_cast<std::int64_t>(std::round(value))) << value;
  }
  EXPECT_EQ(RoundedSaturatingInt64(1.7e73), 9'000'000'000'000'000'000);
  EXPECT_EQ(RoundedSaturatingInt64(-std::numeric_limits<double>::infinity()), -9'000'000'000'000'000'000);
  EXPECT_EQ(RoundedSaturatingInt64(std::nan("")), 0);
}

}  // namespace
}  // namespace sagetrain
