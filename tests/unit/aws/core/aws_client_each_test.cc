// AwsClient::CallJsonTextEach: calls made together, answered by index, retried one by one, and each
// waiting for the adaptive rate limiter once the service has throttled.
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "aws/core/client_harness.h"

namespace sagetrain {
namespace {

using testing::Answer;
using testing::ClientHarness;
using testing::JsonError;

const ServiceEndpoint kLogs{"https://logs.us-east-1.amazonaws.com", "us-east-1", "logs"};
constexpr char kGetLogEvents[] = "Logs_20140328.GetLogEvents";

std::vector<nlohmann::json> StreamRequests(int count) {
  std::vector<nlohmann::json> bodies;
  for (int i = 0; i < count; ++i) bodies.push_back({{"logStreamName", "s" + std::to_string(i)}});
  return bodies;
}

std::map<std::size_t, StatusOr<std::string>> CallEach(AwsClient& client, int count,
                                                      std::size_t max_in_flight = 4) {
  std::map<std::size_t, StatusOr<std::string>> answers;
  client.CallJsonTextEach(kGetLogEvents, StreamRequests(count), max_in_flight,
                          [&](std::size_t index, StatusOr<std::string> answer) {
                            EXPECT_FALSE(answers.count(index)) << "answered twice: " << index;
                            answers.emplace(index, std::move(answer));
                          });
  return answers;
}

bool IsSigned(const HttpRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (name == "Authorization" && value.starts_with("AWS4-HMAC-SHA256 ")) return true;
  }
  return false;
}

TEST(AwsClientEachTest, EveryCallIsSignedSentTogetherAndAnsweredUnderItsIndex) {
  ClientHarness h(kLogs);
  h.transport->script = {Answer(200, "page-0"), Answer(200, "page-1"), Answer(200, "page-2")};
  const auto answers = CallEach(h.client, 3);
  ASSERT_EQ(answers.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(answers.at(i).ok()) << answers.at(i).status().ToString();
    EXPECT_EQ(*answers.at(i), "page-" + std::to_string(i));
    EXPECT_EQ(h.transport->requests[i].body, R"({"logStreamName":"s)" + std::to_string(i) + R"("})");
    EXPECT_TRUE(IsSigned(h.transport->requests[i]));
  }
  EXPECT_EQ(h.transport->batch_limits, (std::vector<std::size_t>{3}));  // never more than calls
  EXPECT_TRUE(h.clock.sleeps.empty());
}

TEST(AwsClientEachTest, AFailedFirstAttemptIsRetriedAloneWithTheUsualBackoff) {
  ClientHarness h(kLogs);
  h.transport->script = {Answer(200, "page-0"), JsonError(500, "InternalFailure", "try again"),
                         Answer(200, "page-2"), Answer(200, "page-1 at last")};
  const auto answers = CallEach(h.client, 3);
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(*answers.at(0), "page-0");
  EXPECT_EQ(*answers.at(1), "page-1 at last");
  EXPECT_EQ(*answers.at(2), "page-2");
  ASSERT_EQ(h.transport->requests.size(), 4u);
  EXPECT_EQ(h.transport->requests[3].body, R"({"logStreamName":"s1"})");
  EXPECT_TRUE(IsSigned(h.transport->requests[3]));
  EXPECT_EQ(h.clock.sleeps, (std::vector<Duration>{Duration(1'000)}));
}

TEST(AwsClientEachTest, AFinalErrorComesBackTypedWithoutARetry) {
  ClientHarness h(kLogs);
  h.transport->script = {JsonError(400, "ResourceNotFoundException", "The specified log stream does not exist."),
                         Answer(200, "page-1")};
  const auto answers = CallEach(h.client, 2);
  ASSERT_FALSE(answers.at(0).ok());
  EXPECT_EQ(answers.at(0).status().aws_code(), "ResourceNotFoundException");
  EXPECT_NE(answers.at(0).status().ToString().find("GetLogEvents"), std::string::npos);
  EXPECT_EQ(*answers.at(1), "page-1");
  EXPECT_EQ(h.transport->requests.size(), 2u);
}

TEST(AwsClientEachTest, RetriesExhaustedEndInTheSameErrorAsALoneCall) {
  RetryOptions retry;
  retry.max_attempts = 3;  // AWS_MAX_ATTEMPTS=3
  ClientHarness h(kLogs, retry);
  const auto busy = JsonError(503, "ServiceUnavailableException", "busy");
  h.transport->script = {busy, busy, busy, Answer(200, "too late")};
  const auto answers = CallEach(h.client, 1);
  ASSERT_FALSE(answers.at(0).ok());
  EXPECT_NE(answers.at(0).status().message().find("gave up after 3 attempts"), std::string::npos);
  EXPECT_EQ(h.transport->requests.size(), 3u);
}

TEST(AwsClientEachTest, AfterThrottlingEveryCallOfABatchWaitsForTheRateLimiter) {
  ClientHarness h(kLogs);
  const auto ok = Answer(200, "page");
  h.transport->script = {ok, ok, ok, ok};
  ASSERT_EQ(CallEach(h.client, 4).size(), 4u);
  EXPECT_TRUE(h.clock.sleeps.empty());  // never throttled: never held back
  h.transport->script = {ok, JsonError(400, "ThrottlingException", "Rate exceeded"), ok};
  ASSERT_EQ(CallEach(h.client, 2).size(), 2u);
  const std::size_t sleeps_before = h.clock.sleeps.size();
  for (int batch = 0; batch < 3; ++batch) {
    h.transport->script = {ok, ok, ok, ok};
    const auto answers = CallEach(h.client, 4);
    for (const auto& [index, answer] : answers) EXPECT_TRUE(answer.ok()) << index;
  }
  // Twelve calls at the limiter's low rate after the throttling: most of them waited for a token.
  EXPECT_GE(h.clock.sleeps.size() - sleeps_before, 6u);
  EXPECT_EQ(h.transport->batch_limits.back(), 4u);  // the batch itself is not narrowed
}

TEST(AwsClientEachTest, CredentialsThatCannotBeHadFailEveryCallWithoutSendingIt) {
  ClientHarness h(kLogs, RetryOptions{}, {Status(StatusCode::kCredentials, "no credentials found")});
  const auto answers = CallEach(h.client, 2);
  ASSERT_EQ(answers.size(), 2u);
  EXPECT_EQ(answers.at(0).status().code(), StatusCode::kCredentials);
  EXPECT_EQ(answers.at(1).status().code(), StatusCode::kCredentials);
  EXPECT_TRUE(h.transport->requests.empty());
}

}  // namespace
}  // namespace sagetrain
