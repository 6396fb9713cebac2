#include "aws/core/retry_loop.h"

#include <deque>

#include <gtest/gtest.h>

#include "aws/core/fakes.h"
#include "common/fake_clock.h"

namespace sagetrain {
namespace {

using testing::FakeClock;
using testing::SequenceRandom;

Status AwsError(const std::string& code, int http_status) {
  AwsErrorDetails details;
  details.code = code;
  details.http_status = http_status;
  details.request_id = "rid";
  return Status(StatusCode::kAwsError, "the service said no", details);
}

// Runs the loop over a scripted sequence of attempt results.
struct LoopHarness {
  explicit LoopHarness(std::vector<std::uint64_t> random_values = {1'000'000'000})
      : random(std::move(random_values)) {}

  StatusOr<int> Run(std::deque<StatusOr<int>> script, bool can_refresh = true) {
    BackoffPolicy backoff(options.base_delay, options.max_backoff, random);
    RetryDecider decider(options, quota, backoff, clock, can_refresh);
    std::function<StatusOr<int>()> attempt = [&]() {
      ++attempts;
      StatusOr<int> next = script.front();
      if (script.size() > 1) script.pop_front();
      return next;
    };
    std::function<void()> refresh = [&]() { ++refreshes; };
    return RetryLoop<int>(decider, clock, attempt, refresh);
  }

  RetryOptions options;
  RetryQuota quota{500};
  SequenceRandom random;
  FakeClock clock;
  int attempts = 0;
  int refreshes = 0;
};

TEST(RetryLoopTest, TransientThenSuccess) {
  LoopHarness loop({400});
  auto result = loop.Run({AwsError("InternalFailure", 500), 42});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, 42);
  EXPECT_EQ(loop.attempts, 2);
  EXPECT_EQ(loop.clock.sleeps, (std::vector<Duration>{Duration(400)}));
  EXPECT_EQ(loop.random.bounds, (std::vector<std::uint64_t>{1'001}));  // [0, 1 s]
  EXPECT_EQ(loop.quota.available(), 500);  // the retry's tokens came back with the success
}

TEST(RetryLoopTest, PermanentFailureIsReturnedAtOnceUnchanged) {
  LoopHarness loop;
  auto result = loop.Run({AwsError("ValidationException", 400), 1});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().aws_code(), "ValidationException");
  EXPECT_EQ(result.status().message(), "the service said no");
  EXPECT_EQ(loop.attempts, 1);
  EXPECT_TRUE(loop.clock.sleeps.empty());
}

TEST(RetryLoopTest, RetriesExhaustedKeepsTheLastErrorTyped) {
  LoopHarness loop;
  auto result = loop.Run({testing::ConnectionRefused()});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(result.status().message().find("gave up after 3 attempts"), std::string::npos);
  EXPECT_EQ(loop.attempts, 3);
  // The largest possible jitter each time: 1 s then 2 s.
  EXPECT_EQ(loop.clock.sleeps, (std::vector<Duration>{Duration(1'000), Duration(2'000)}));
  EXPECT_EQ(loop.quota.available(), 490);  // failures give nothing back
}

TEST(RetryLoopTest, ThrottlingThenSuccess) {
  LoopHarness loop({250, 1'500});
  auto result = loop.Run({AwsError("ThrottlingException", 400), AwsError("Throttling", 400), 7});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(loop.attempts, 3);
  EXPECT_EQ(loop.clock.sleeps, (std::vector<Duration>{Duration(250), Duration(1'500)}));
}

TEST(RetryLoopTest, DelaysStayWithinJitterBoundsAndAreCappedAt20Seconds) {
  LoopHarness loop;  // the random source always draws its maximum
  loop.options.max_attempts = 9;
  auto result = loop.Run({AwsError("SlowDown", 503)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(loop.attempts, 9);
  const std::vector<Duration> expected = {Duration(1'000),  Duration(2'000),  Duration(4'000),
                                          Duration(8'000),  Duration(16'000), Duration(20'000),
                                          Duration(20'000), Duration(20'000)};
  EXPECT_EQ(loop.clock.sleeps, expected);
  for (std::size_t i = 0; i < loop.random.bounds.size(); ++i) {
    EXPECT_LE(loop.random.bounds[i], 20'001u) << i;
  }
}

TEST(RetryLoopTest, QuotaExhaustionSlowsRetriesToTheLongestBackoff) {
  LoopHarness loop({0});  // the jitter always draws zero: only an empty quota makes a delay
  loop.options.max_attempts = 5;
  loop.quota = RetryQuota(12);  // room for two retries at cost 5
  auto result = loop.Run({AwsError("ServiceUnavailable", 503)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(loop.attempts, 5);
  // Two retries drew no delay; once the quota was empty, the longest backoff.
  EXPECT_EQ(loop.clock.sleeps, (std::vector<Duration>{Duration(20'000), Duration(20'000)}));
  EXPECT_EQ(result.status().aws_code(), "ServiceUnavailable");
  EXPECT_EQ(result.status().aws().http_status, 503);
}

TEST(RetryLoopTest, ThrottlingIsRetriedWithoutAnAttemptCapUntilTheTimeBound) {
  LoopHarness loop;  // the largest jitter: 1, 2, 4, 8, 16, then 20 s each
  loop.options.max_retry_time = Duration(5 * 60'000);
  auto result = loop.Run({AwsError("ThrottlingException", 400)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().aws_code(), "ThrottlingException");
  EXPECT_NE(result.status().message().find("s of retrying"), std::string::npos);
  // 31 s for the first five waits, then 20 s each while the next retry starts within 300 s.
  Duration waited{0};
  for (const auto& sleep : loop.clock.sleeps) waited += sleep;
  EXPECT_LE(waited, Duration(300'000));
  EXPECT_GT(waited, Duration(280'000));
  EXPECT_EQ(loop.attempts, static_cast<int>(loop.clock.sleeps.size()) + 1);
}

TEST(RetryLoopTest, ThrottlingLongerThanStandardModesThreeAttemptsStillSucceeds) {
  LoopHarness loop({500});
  std::deque<StatusOr<int>> script(12, AwsError("ThrottlingException", 400));
  script.push_back(11);
  auto result = loop.Run(script);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(*result, 11);
  EXPECT_EQ(loop.attempts, 13);
}

TEST(RetryLoopTest, UnansweredCallsKeepStandardModesThreeAttempts) {
  LoopHarness loop;
  auto result = loop.Run({testing::ConnectionRefused(), 1});
  EXPECT_TRUE(result.ok());
  LoopHarness refused;
  auto failed = refused.Run({testing::ConnectionRefused()});
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(refused.attempts, 3);
}

TEST(RetryLoopTest, TimeoutsCostMoreQuota) {
  LoopHarness loop;
  auto result = loop.Run({Status(StatusCode::kUnavailable, "timed out after 300 ms"), 1});
  ASSERT_TRUE(result.ok());
  LoopHarness other;
  other.options.max_attempts = 2;
  auto failed = other.Run({Status(StatusCode::kUnavailable, "timed out after 300 ms")});
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(other.quota.available(), 490);
}

TEST(RetryLoopTest, SuccessWithoutRetryRefillsOneToken) {
  LoopHarness loop;
  ASSERT_TRUE(loop.quota.Acquire(20));
  ASSERT_TRUE(loop.Run({5}).ok());
  EXPECT_EQ(loop.quota.available(), 481);
}

TEST(RetryLoopTest, ExpiredTokenRefreshesOnceWithoutWaiting) {
  LoopHarness loop;
  auto result = loop.Run({AwsError("ExpiredTokenException", 400), 9});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(loop.refreshes, 1);
  EXPECT_EQ(loop.attempts, 2);
  EXPECT_TRUE(loop.clock.sleeps.empty());
}

TEST(RetryLoopTest, SecondExpiredTokenIsFinal) {
  LoopHarness loop;
  auto result = loop.Run({AwsError("ExpiredToken", 403)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().aws_code(), "ExpiredToken");
  EXPECT_EQ(loop.refreshes, 1);
  EXPECT_EQ(loop.attempts, 2);
}

TEST(RetryLoopTest, RefreshDoesNotUseUpAnAttempt) {
  LoopHarness loop;
  auto result = loop.Run({AwsError("RequestExpired", 400), AwsError("InternalError", 500),
                          AwsError("InternalError", 500), 3});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(loop.attempts, 4);
}

TEST(RetryLoopTest, ExpiredTokenOnAnUnsignedRequestIsFinal) {
  LoopHarness loop;
  auto result = loop.Run({AwsError("ExpiredToken", 400), 1}, /*can_refresh=*/false);
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(loop.refreshes, 0);
}

TEST(RetryLoopTest, OneAttemptMeansNoRetry) {
  LoopHarness loop;
  loop.options.max_attempts = 1;
  auto result = loop.Run({AwsError("ThrottlingException", 400), 1});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("gave up after 1 attempt"), std::string::npos);
  EXPECT_EQ(loop.attempts, 1);
}

}  // namespace
}  // namespace sagetrain
