#include "aws/credentials/chain_provider.h"

#include <gtest/gtest.h>

#include "aws/credentials/fakes.h"
#include "aws/credentials/provider_status.h"

namespace sagetrain {
namespace {

using testing::ScriptedProvider;
using testing::TemporaryCredentials;

const WallTime kLater = WallTime(std::chrono::seconds(1'800'000'000));

struct Chain {
  std::shared_ptr<ScriptedProvider> first = std::make_shared<ScriptedProvider>("first");
  std::shared_ptr<ScriptedProvider> second = std::make_shared<ScriptedProvider>("second");
  std::shared_ptr<ScriptedProvider> third = std::make_shared<ScriptedProvider>("third");
  ChainCredentialsProvider chain{{first, second, third}};
};

TEST(ChainProviderTest, FirstConfiguredProviderWinsAndLaterOnesAreNotAsked) {
  Chain c;
  c.first->answers = {NotConfigured("nothing here")};
  c.second->answers = {TemporaryCredentials("SECOND", kLater)};
  c.third->answers = {TemporaryCredentials("THIRD", kLater)};
  auto creds = c.chain.Get();
  ASSERT_TRUE(creds.ok());
  EXPECT_EQ(creds->access_key_id, "SECOND");
  EXPECT_EQ(c.third->get_calls, 0);
  EXPECT_EQ(c.chain.Name(), "second");
}

TEST(ChainProviderTest, RemembersTheWinner) {
  Chain c;
  c.first->answers = {NotConfigured("nothing here")};
  c.second->answers = {TemporaryCredentials("SECOND", kLater)};
  ASSERT_TRUE(c.chain.Get().ok());
  ASSERT_TRUE(c.chain.Get().ok());
  EXPECT_EQ(c.first->get_calls, 1);
  EXPECT_EQ(c.second->get_calls, 2);
  c.chain.Invalidate();
  EXPECT_EQ(c.second->invalidations, 1);
  EXPECT_EQ(c.first->invalidations, 0);
}

TEST(ChainProviderTest, AConfiguredProviderThatFailsStopsTheChain) {
  Chain c;
  c.first->answers = {NotConfigured("nothing here")};
  c.second->answers = {Status(StatusCode::kAwsError, "web identity: denied", {"AccessDenied", 403, "r"})};
  c.third->answers = {TemporaryCredentials("THIRD", kLater)};
  auto status = c.chain.Get().status();
  EXPECT_EQ(status.aws_code(), "AccessDenied");
  EXPECT_EQ(c.third->get_calls, 0);
}

TEST(ChainProviderTest, NothingFoundListsEveryProviderAndWhy) {
  Chain c;
  c.first->answers = {NotConfigured("AWS_ACCESS_KEY_ID is not set")};
  c.second->answers = {NotConfigured("no profile default")};
  c.third->answers = {NotConfigured("not available (timeout)")};
  auto status = c.chain.Get().status();
  EXPECT_EQ(status.code(), StatusCode::kCredentials);
  EXPECT_EQ(status.message().rfind(
                "no AWS credentials found. Tried, in order: first (AWS_ACCESS_KEY_ID is not set); "
                "second (no profile default); third (not available (timeout)).", 0),
            0u) << status.message();
}

TEST(ChainProviderTest, SearchesAgainWhenTheWinnerIsNoLongerConfigured) {
  Chain c;
  c.first->answers = {TemporaryCredentials("FIRST", kLater), NotConfigured("gone")};
  c.second->answers = {TemporaryCredentials("SECOND", kLater)};
  EXPECT_EQ(c.chain.Get()->access_key_id, "FIRST");
  EXPECT_EQ(c.chain.Get()->access_key_id, "SECOND");
}

}  // namespace
}  // namespace sagetrain
