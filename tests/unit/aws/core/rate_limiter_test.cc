#include "aws/core/rate_limiter.h"

#include <cmath>

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

TEST(SendTokenBucketTest, WaitsForTokensAtTheFillRate) {
  SendTokenBucket bucket(/*rate=*/2, /*now=*/100);
  EXPECT_EQ(bucket.Take(100), Duration(500));    // starts empty: one token takes 1/2 s
  EXPECT_EQ(bucket.Take(100), Duration(1'000));  // the next one is reserved after it
  EXPECT_EQ(bucket.Take(101), Duration(500));    // 1 s filled two tokens; one was owed
  EXPECT_EQ(bucket.Take(110), Duration(0));      // full again (capacity 2)
  EXPECT_EQ(bucket.Take(110), Duration(0));
  EXPECT_EQ(bucket.Take(110), Duration(500));
}

TEST(SendTokenBucketTest, RateNeverFallsBelowTheMinimumAndCapacityBelowOne) {
  SendTokenBucket bucket(0.01, 0);
  EXPECT_DOUBLE_EQ(bucket.rate(), SendTokenBucket::kMinRate);
  EXPECT_EQ(bucket.Take(100), Duration(0));  // capacity 1 however low the rate
  EXPECT_EQ(bucket.Take(100), Duration(2'000));
}

TEST(SendTokenBucketTest, LoweringTheRateDropsTokensAboveTheNewCapacity) {
  SendTokenBucket bucket(10, 0);
  bucket.SetRate(1, 5);  // 10 tokens filled by then, capacity now 1
  EXPECT_EQ(bucket.Take(5), Duration(0));
  EXPECT_EQ(bucket.Take(5), Duration(1'000));
}

TEST(CubicRateTest, ThrottlingCutsTheRateByBetaThenItClimbsBackToTheOldRate) {
  CubicRate cubic(0, 0);
  EXPECT_DOUBLE_EQ(cubic.OnThrottled(10, 0), 7);
  const double k = std::cbrt(10 * (1 - CubicRate::kBeta) / CubicRate::kScale);
  EXPECT_NEAR(cubic.OnSuccess(0), 7, 1e-9);      // the cubic starts where the cut left it
  EXPECT_NEAR(cubic.OnSuccess(k), 10, 1e-9);     // back at w_max after K seconds: the plateau
  EXPECT_LT(cubic.OnSuccess(k / 2), 10);         // rising towards it
  EXPECT_GT(cubic.OnSuccess(k / 2), 7);
  EXPECT_GT(cubic.OnSuccess(k + 3), 10);         // then probing above it
  EXPECT_NEAR(cubic.OnSuccess(k + 3), 10 + CubicRate::kScale * 27, 1e-9);
}

TEST(MeasuredSendRateTest, CountsAnswersPerHalfSecondSmoothed) {
  MeasuredSendRate measured(0);
  // 5 answers in [0, 0.5): nothing measured until a later bucket starts.
  for (int i = 0; i < 4; ++i) EXPECT_DOUBLE_EQ(measured.Record(0.1 * i), 0);
  // The 5th lands in the bucket at 0.5: 5 answers over 0.5 s = 10/s, smoothed 0.8.
  EXPECT_DOUBLE_EQ(measured.Record(0.5), 8);
  // One more at 1.0: 1 answer over 0.5 s = 2/s; 0.8 * 2 + 0.2 * 8.
  EXPECT_DOUBLE_EQ(measured.Record(1.0), 0.8 * 2 + 0.2 * 8);
}

TEST(ClientRateLimiterTest, NeverWaitsBeforeTheFirstThrottling) {
  ClientRateLimiter limiter(0);
  double now = 0;
  for (int i = 0; i < 1'000; ++i, now += 0.01) {
    EXPECT_EQ(limiter.BeforeSend(now), Duration(0));
    limiter.OnAnswer(false, now);
  }
  EXPECT_FALSE(limiter.enabled());
}

// Sends as fast as the limiter lets it at `now`, against a service that throttles any second with
// more than `limit` requests; returns the requests sent in [from, to).
struct SimulatedService {
  double limit;
  int sent_this_second = 0;
  long second = -1;
  bool Answer(double now) {
    const long s = static_cast<long>(std::floor(now));
    if (s != second) { second = s; sent_this_second = 0; }
    return ++sent_this_second > limit;  // throttled
  }
};

TEST(ClientRateLimiterTest, ConvergesOnTheServiceLimitAndKeepsMostCallsUnthrottled) {
  ClientRateLimiter limiter(0);
  SimulatedService service{5};
  double now = 0;
  int sent = 0, throttled = 0, sent_late = 0, throttled_late = 0;
  while (now < 300) {
    now += std::chrono::duration<double>(limiter.BeforeSend(now)).count() + 0.01;  // 10 ms a call
    const bool t = service.Answer(now);
    limiter.OnAnswer(t, now);
    ++sent;
    throttled += t ? 1 : 0;
    if (now >= 60) {
      ++sent_late;
      throttled_late += t ? 1 : 0;
    }
  }
  EXPECT_TRUE(limiter.enabled());
  const double rate_late = sent_late / 240.0;
  EXPECT_GT(rate_late, 2.5);  // uses a good part of the limit of 5/s ...
  EXPECT_LT(rate_late, 6.0);  // ... without running far over it
  EXPECT_LT(static_cast<double>(throttled_late) / sent_late, 0.15);  // instead of ~98% throttled
  EXPECT_GT(sent, 0);
}

TEST(ClientRateLimiterTest, ThrottlingSlowsSendingDownAndSuccessesSpeedItUpAgain) {
  ClientRateLimiter limiter(0);
  double now = 0;
  for (int i = 0; i < 40; ++i, now += 0.1) limiter.OnAnswer(false, now);  // ~10/s measured
  limiter.OnAnswer(true, now);
  const double after_throttle = limiter.send_rate();
  EXPECT_LT(after_throttle, 10 * CubicRate::kBeta + 0.5);
  // Now sending waits for tokens: the bucket holds at most max(1, rate) of them.
  Duration waited{0};
  for (int i = 0; i < 10; ++i) waited += limiter.BeforeSend(now);
  EXPECT_GT(waited, Duration(0));
  for (int i = 0; i < 100; ++i) {
    now += std::chrono::duration<double>(limiter.BeforeSend(now)).count();
    limiter.OnAnswer(false, now);
  }
  EXPECT_GT(limiter.send_rate(), after_throttle);
}

}  // namespace
}  // namespace sagetrain
