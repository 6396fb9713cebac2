#include "aws/credentials/caching_provider.h"

#include <gtest/gtest.h>

#include "aws/credentials/fakes.h"
#include "common/fake_clock.h"

namespace sagetrain {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using testing::FakeClock;
using testing::ScriptedProvider;
using testing::TemporaryCredentials;

class CachingProviderTest : public ::testing::Test {
 protected:
  FakeClock clock_;
  std::shared_ptr<ScriptedProvider> inner_ = std::make_shared<ScriptedProvider>("inner");
  CachingCredentialsProvider cache_{inner_, clock_};
  Status transient_{StatusCode::kUnavailable, "STS unreachable"};
};

TEST(RefreshTimeTest, WindowBeforeExpiryOrHalfTheLifetimeForShortCredentials) {
  const WallTime now = WallTime(seconds(1'000'000));
  EXPECT_EQ(RefreshTime(now, now + hours(1), minutes(15)), now + minutes(45));
  EXPECT_EQ(RefreshTime(now, now + minutes(30), minutes(15)), now + minutes(15));
  EXPECT_EQ(RefreshTime(now, now + seconds(60), minutes(15)), now + seconds(30));
  EXPECT_EQ(RefreshTime(now, now - seconds(5), minutes(15)), now);
}

TEST_F(CachingProviderTest, ServesFromCacheUntilTheRefreshWindow) {
  inner_->answers = {TemporaryCredentials("ONE", clock_.Now() + hours(1)),
                     TemporaryCredentials("TWO", clock_.Now() + hours(2))};
  EXPECT_EQ(cache_.Get()->access_key_id, "ONE");
  clock_.Advance(minutes(44));
  EXPECT_EQ(cache_.Get()->access_key_id, "ONE");
  EXPECT_EQ(inner_->get_calls, 1);
  clock_.Advance(minutes(1));  // 15 minutes before expiry
  EXPECT_EQ(cache_.Get()->access_key_id, "TWO");
  EXPECT_EQ(inner_->get_calls, 2);
}

TEST_F(CachingProviderTest, ShortLivedCredentialsRefreshAtHalfTheirLifetime) {
  // The emulator's 60-second credentials, over ten minutes: never used expired, fetched ~every 30 s.
  const WallTime start = clock_.Now();
  inner_->answers.clear();
  for (int i = 1; i <= 40; ++i) {
    inner_->answers.push_back(TemporaryCredentials("K" + std::to_string(i), start + seconds(30 * i + 30)));
  }
  for (int second = 0; second < 600; ++second) {
    auto creds = cache_.Get();
    ASSERT_TRUE(creds.ok());
    ASSERT_LT(clock_.Now(), *creds->expiration) << "at second " << second;
    clock_.Advance(seconds(1));
  }
  EXPECT_EQ(inner_->get_calls, 20);
}

TEST_F(CachingProviderTest, LongTermCredentialsAreFetchedOnce) {
  Credentials creds = TemporaryCredentials("AKID", clock_.Now());
  creds.expiration.reset();
  inner_->answers = {creds};
  ASSERT_TRUE(cache_.Get().ok());
  clock_.Advance(hours(24 * 30));
  ASSERT_TRUE(cache_.Get().ok());
  EXPECT_EQ(inner_->get_calls, 1);
}

TEST_F(CachingProviderTest, InvalidateForcesAFetchAndReachesTheInnerProvider) {
  inner_->answers = {TemporaryCredentials("ONE", clock_.Now() + hours(1)),
                     TemporaryCredentials("TWO", clock_.Now() + hours(1))};
  EXPECT_EQ(cache_.Get()->access_key_id, "ONE");
  cache_.Invalidate();
  EXPECT_EQ(inner_->invalidations, 1);
  EXPECT_EQ(cache_.Get()->access_key_id, "TWO");
}

TEST_F(CachingProviderTest, TransientRefreshFailureKeepsStillValidCredentials) {
  inner_->answers = {TemporaryCredentials("ONE", clock_.Now() + hours(1)), transient_};
  EXPECT_EQ(cache_.Get()->access_key_id, "ONE");
  clock_.Advance(minutes(50));
  EXPECT_EQ(cache_.Get()->access_key_id, "ONE");  // refresh failed, ONE still has 10 minutes
  EXPECT_EQ(inner_->get_calls, 2);
  clock_.Advance(seconds(10));
  EXPECT_EQ(cache_.Get()->access_key_id, "ONE");  // no new attempt for 30 s
  EXPECT_EQ(inner_->get_calls, 2);
  inner_->answers = {TemporaryCredentials("TWO", clock_.Now() + hours(1))};
  clock_.Advance(seconds(20));
  EXPECT_EQ(cache_.Get()->access_key_id, "TWO");
  EXPECT_EQ(inner_->get_calls, 3);
}

TEST_F(CachingProviderTest, FailureAfterExpiryOrInvalidateIsReported) {
  inner_->answers = {TemporaryCredentials("ONE", clock_.Now() + hours(1)), transient_};
  ASSERT_TRUE(cache_.Get().ok());
  clock_.Advance(hours(1));
  EXPECT_EQ(cache_.Get().status().code(), StatusCode::kUnavailable);

  inner_->answers = {TemporaryCredentials("TWO", clock_.Now() + hours(1)), transient_};
  ASSERT_TRUE(cache_.Get().ok());
  cache_.Invalidate();
  EXPECT_EQ(cache_.Get().status().code(), StatusCode::kUnavailable);  // the rejected ones are not reused
}

TEST_F(CachingProviderTest, NameIsTheSourceOfTheCachedCredentials) {
  EXPECT_EQ(cache_.Name(), "inner");
  inner_->answers = {TemporaryCredentials("ONE", clock_.Now() + hours(1), "web identity")};
  ASSERT_TRUE(cache_.Get().ok());
  EXPECT_EQ(cache_.Name(), "web identity");
}

}  // namespace
}  // namespace sagetrain
