// The fmod pugixml's XPath gets in the static build gives glibc's answers, bit for bit.
#include "link/fmod_wrap.h"

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace {

bool SameBits(double a, double b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  return std::memcmp(&a, &b, sizeof a) == 0;
}

TEST(FmodWrapTest, EdgeCasesMatchGlibc) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  constexpr double kTiny = std::numeric_limits<double>::denorm_min();
  constexpr double kHuge = std::numeric_limits<double>::max();
  const std::vector<std::pair<double, double>> cases = {
      {5.5, 2.0}, {-5.5, 2.0}, {5.5, -2.0}, {-5.5, -2.0}, {0.0, 1.0}, {-0.0, 1.0}, {1.0, 0.0},
      {kInf, 1.0}, {-kInf, 3.0}, {1.0, kInf}, {-1.0, kInf}, {kNan, 1.0}, {1.0, kNan},
      {kHuge, 3.0}, {kHuge, kTiny}, {kTiny, kHuge}, {1e308, 1e-308}, {0.1, 0.01}, {7.0, 7.0},
      {1e22, 3.0}, {-1e300, 7.25}};
  for (const auto& [x, y] : cases) {
    EXPECT_TRUE(SameBits(__wrap_fmod(x, y), std::fmod(x, y)))
        << "fmod(" << x << ", " << y << "): " << __wrap_fmod(x, y) << " vs " << std::fmod(x, y);
  }
}

TEST(FmodWrapTest, RandomOperandsOfEveryMagnitudeMatchGlibc) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::uint64_t> bits;
  for (int i = 0; i < 100'000; ++i) {
    std::uint64_t xb = bits(random), yb = bits(random);
    double x, y;
    std::memcpy(&x, &xb, sizeof x);
    std::memcpy(&y, &yb, sizeof y);
    ASSERT_TRUE(SameBits(__wrap_fmod(x, y), std::fmod(x, y))) << "fmod(" << x << ", " << y << ")";
  }
}

}  // namespace
