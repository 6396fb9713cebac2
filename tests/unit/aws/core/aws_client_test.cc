#include "aws/core/aws_client.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "aws/core/client_harness.h"
#include "aws/core/fakes.h"
#include "common/fake_clock.h"

namespace sagetrain {
namespace {

using testing::Answer;
using testing::ClientHarness;
using testing::kSageMaker;
using testing::kSts;
using testing::FakeClock;
using testing::JsonError;
using testing::ScriptedCredentials;
using testing::ScriptedTransport;
using testing::SequenceRandom;
using testing::TestCredentials;

StatusOr<nlohmann::json> Describe(AwsClient& client) {
  return client.CallJson("SageMaker.DescribeTrainingJob", {{"TrainingJobName", "my-job"}});
}

// Golden: the exact request botocore's SigV4Auth produces for the same input, time and keys.
TEST(AwsClientTest, JsonRequestOnTheWire) {
  ClientHarness h;
  h.transport->script.push_back(Answer(200, R"({"TrainingJobName":"my-job"})"));
  auto answer = Describe(h.client);
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_EQ((*answer)["TrainingJobName"], "my-job");
  ASSERT_EQ(h.transport->requests.size(), 1u);
  const HttpRequest& sent = h.transport->requests[0];
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.url, "https://api.sagemaker.us-east-1.amazonaws.com/");
  const HttpHeaders expected = {
      {"Content-Type", "application/x-amz-json-1.1"},
      {"X-Amz-Target", "SageMaker.DescribeTrainingJob"},
      {"Host", "api.sagemaker.us-east-1.amazonaws.com"},
      {"X-Amz-Date", "20231114T221320Z"},
      {"X-Amz-Security-Token", "session-token-example"},
      {"Authorization",
       "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-east-1/sagemaker/aws4_request, "
       "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target, "
       "Signature=3c859e9d47d72f31890c82e5a11efff08ceb9b6a14295e63d73b291d5ba88db6"},
  };
  EXPECT_EQ(sent.headers, expected);
  EXPECT_EQ(sent.body, R"({"TrainingJobName":"my-job"})");
}

TEST(AwsClientTest, QueryRequestOnTheWire) {
  ClientHarness h(kSts);
  h.transport->script.push_back(Answer(200, "<AssumeRoleResponse/>"));
  auto answer = h.client.CallQuery(
      "AssumeRole", "2011-06-15",
      {{"RoleArn", "arn:aws:iam::123456789012:role/demo"},
       {"RoleSessionName", "sagemaker-training run"}});
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_EQ(*answer, "<AssumeRoleResponse/>");
  const HttpRequest& sent = h.transport->requests.at(0);
  EXPECT_EQ(sent.url, "https://sts.us-west-2.amazonaws.com/");
  const HttpHeaders expected = {
      {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
      {"Host", "sts.us-west-2.amazonaws.com"},
      {"X-Amz-Date", "20231114T221320Z"},
      {"X-Amz-Security-Token", "session-token-example"},
      {"Authorization",
       "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/us-west-2/sts/aws4_request, "
       "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
       "Signature=a0ed5526a368f6e5ce17c6244b3dbbe2a4f0b830efca9ecbd22cdd82e24c72a2"},
  };
  EXPECT_EQ(sent.headers, expected);
  EXPECT_EQ(sent.body,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole"
            "%2Fdemo&RoleSessionName=sagemaker-training%20run");
}

TEST(AwsClientTest, UnsignedQueryNeverAsksForCredentials) {
  ClientHarness h(kSts);
  h.transport->script.push_back(Answer(200, "<ok/>"));
  ASSERT_TRUE(h.client.CallQuery("AssumeRoleWithWebIdentity", "2011-06-15", {}, false).ok());
  EXPECT_EQ(h.credentials->gets, 0);
  EXPECT_EQ(h.transport->requests.at(0).headers.size(), 1u);  // Content-Type only
}

TEST(AwsClientTest, TransientThenSuccessSignsEachAttemptAnew) {
  ClientHarness h;
  h.transport->script = {testing::ConnectionRefused(), Answer(200, "{}")};
  auto answer = Describe(h.client);
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  ASSERT_EQ(h.transport->requests.size(), 2u);
  EXPECT_EQ(h.credentials->gets, 2);
  ASSERT_EQ(h.clock.sleeps.size(), 1u);
  EXPECT_LE(h.clock.sleeps[0], Duration(1'000));
  // The second attempt is signed at the later time.
  EXPECT_EQ(h.transport->requests[1].headers[3].second, "20231114T221321Z");
}

TEST(AwsClientTest, PermanentFailureComesBackTypedWithTheOperation) {
  ClientHarness h;
  h.transport->script = {JsonError(400, "ValidationException", "Job name is too long")};
  auto answer = Describe(h.client);
  ASSERT_FALSE(answer.ok());
  const Status& status = answer.status();
  EXPECT_EQ(status.code(), StatusCode::kAwsError);
  EXPECT_EQ(status.aws_code(), "ValidationException");
  EXPECT_EQ(status.aws().http_status, 400);
  EXPECT_EQ(status.aws().request_id, "req-ValidationException");
  EXPECT_EQ(status.message(), "DescribeTrainingJob: Job name is too long");
  EXPECT_EQ(h.transport->requests.size(), 1u);
  EXPECT_TRUE(h.clock.sleeps.empty());
  // Nothing secret leaks into what a caller may log.
  const std::string text = status.ToString();
  EXPECT_EQ(text.find("wJalrXUtnFEMI"), std::string::npos);
  EXPECT_EQ(text.find("session-token-example"), std::string::npos);
  EXPECT_EQ(text.find("Signature"), std::string::npos);
}

TEST(AwsClientTest, RetriesExhaustedUnderAwsMaxAttempts) {
  RetryOptions retry;
  retry.max_attempts = 3;  // AWS_MAX_ATTEMPTS=3
  ClientHarness h(kSageMaker, retry);
  const std::string html = "<html><body>502 Bad Gateway</body></html>";
  h.transport->script = {Answer(502, html), Answer(502, html), Answer(502, html), Answer(200, "{}")};
  auto answer = Describe(h.client);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().code(), StatusCode::kAwsError);
  EXPECT_EQ(answer.status().aws().http_status, 502);
  EXPECT_NE(answer.status().message().find("gave up after 3 attempts"), std::string::npos);
  EXPECT_EQ(h.transport->requests.size(), 3u);
  EXPECT_EQ(h.clock.sleeps, (std::vector<Duration>{Duration(1'000), Duration(2'000)}));
}

TEST(AwsClientTest, ThrottlingThenSuccess) {
  RetryOptions standard;
  standard.mode = "standard";
  ClientHarness h(kSageMaker, standard);
  h.transport->script = {JsonError(400, "ThrottlingException", "Rate exceeded"),
                         JsonError(400, "ThrottlingException", "Rate exceeded"),
                         Answer(200, R"({"TrainingJobStatus":"Completed"})")};
  auto answer = Describe(h.client);
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_EQ((*answer)["TrainingJobStatus"], "Completed");
  EXPECT_EQ(h.transport->requests.size(), 3u);
  EXPECT_EQ(h.clock.sleeps.size(), 2u);  // the two backoffs, no rate limiter in standard mode
}

TEST(AwsClientTest, ThrottlingPastStandardModesThreeAttemptsStillSucceeds) {
  ClientHarness h;
  for (int i = 0; i < 8; ++i) h.transport->script.push_back(JsonError(400, "ThrottlingException", "Rate exceeded"));
  h.transport->script.push_back(Answer(200, R"({"TrainingJobStatus":"InProgress"})"));
  auto answer = Describe(h.client);
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_EQ(h.transport->requests.size(), 9u);
}

TEST(AwsClientTest, AdaptiveModeHoldsLaterCallsBackAfterThrottling) {
  ClientHarness h;  // adaptive by default
  for (int i = 0; i < 5; ++i) h.transport->script.push_back(Answer(200, "{}"));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Describe(h.client).ok());
  EXPECT_TRUE(h.clock.sleeps.empty());  // never throttled: never held back
  h.transport->script = {JsonError(400, "ThrottlingException", "Rate exceeded")};
  for (int i = 0; i < 10; ++i) h.transport->script.push_back(Answer(200, "{}"));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(Describe(h.client).ok());
  // Besides the throttled call's one backoff, calls now wait for the limiter's tokens.
  EXPECT_GE(h.clock.sleeps.size(), 5u);
}

TEST(AwsClientTest, ExpiredTokenThenRefreshedCredentials) {
  ClientHarness h(kSageMaker, {}, {TestCredentials("AKIDOLD", "old-token"),
                                   TestCredentials("AKIDNEW", "new-token")});
  h.transport->script = {JsonError(400, "ExpiredTokenException", "The security token expired"),
                         Answer(200, "{}")};
  auto answer = Describe(h.client);
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_EQ(h.credentials->invalidations, 1);
  EXPECT_TRUE(h.clock.sleeps.empty());
  ASSERT_EQ(h.transport->requests.size(), 2u);
  EXPECT_EQ(h.transport->requests[1].headers[4].second, "new-token");
  EXPECT_NE(h.transport->requests[1].headers[5].second.find("Credential=AKIDNEW/"),
            std::string::npos);
}

TEST(AwsClientTest, RetryQuotaIsSharedByTheClientsCallsAndItsExhaustionSlowsThemDown) {
  RetryOptions retry;
  retry.mode = "standard";
  retry.max_attempts = 3;
  retry.retry_quota = 10;  // two retries' worth
  ClientHarness h(kSageMaker, retry);
  for (int i = 0; i < 6; ++i) h.transport->script.push_back(Answer(503, ""));
  ASSERT_FALSE(Describe(h.client).ok());
  EXPECT_EQ(h.transport->requests.size(), 3u);
  EXPECT_EQ(h.clock.sleeps, (std::vector<Duration>{Duration(1'000), Duration(2'000)}));
  ASSERT_FALSE(Describe(h.client).ok());
  EXPECT_EQ(h.transport->requests.size(), 6u);
  // No tokens left: the second call's retries wait the longest backoff.
  EXPECT_EQ(h.clock.sleeps, (std::vector<Duration>{Duration(1'000), Duration(2'000), Duration(20'000),
                                                   Duration(20'000)}));
}

TEST(AwsClientTest, UnreachableCredentialsEndpointIsRetriedInTheSameLoop) {
  ClientHarness h(kSageMaker, {},
                  {Status(StatusCode::kUnavailable, "IMDS: connection refused"), TestCredentials()});
  h.transport->script = {Answer(200, "{}")};
  ASSERT_TRUE(Describe(h.client).ok());
  EXPECT_EQ(h.credentials->gets, 2);
  EXPECT_EQ(h.transport->requests.size(), 1u);
  EXPECT_EQ(h.clock.sleeps.size(), 1u);
}

TEST(AwsClientTest, MissingCredentialsAreFinal) {
  ClientHarness h(kSageMaker, {},
                  {Status(StatusCode::kCredentials, "no credentials found (tried: environment)")});
  auto answer = Describe(h.client);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().code(), StatusCode::kCredentials);
  EXPECT_NE(answer.status().message().find("tried: environment"), std::string::npos);
  EXPECT_TRUE(h.transport->requests.empty());
}

TEST(AwsClientTest, StsRefusalInsideTheProviderIsFinalCredentialsError) {
  AwsErrorDetails details;
  details.code = "Throttling";
  details.http_status = 400;
  ClientHarness h(kSageMaker, {}, {Status(StatusCode::kAwsError, "Rate exceeded", details)});
  auto answer = Describe(h.client);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().code(), StatusCode::kCredentials);
  EXPECT_EQ(answer.status().aws_code(), "Throttling");
  EXPECT_EQ(h.credentials->gets, 1);  // the provider's own client already retried
}

TEST(AwsClientTest, NonJsonSuccessIsAnInternalError) {
  ClientHarness h;
  h.transport->script = {Answer(200, "<html>captive portal</html>")};
  auto answer = Describe(h.client);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().code(), StatusCode::kInternal);
  EXPECT_NE(answer.status().message().find("DescribeTrainingJob"), std::string::npos);
}

TEST(AwsClientTest, NoCredentialsProviderSendsUnsigned) {
  auto transport = std::make_shared<ScriptedTransport>();
  transport->script = {Answer(200, "{}")};
  FakeClock clock;
  SequenceRandom random({0});
  AwsClient client(kSageMaker, AwsClientDependencies{transport, nullptr, &clock, &clock, &random});
  ASSERT_TRUE(Describe(client).ok());
  EXPECT_EQ(transport->requests.at(0).headers.size(), 2u);
}

}  // namespace
}  // namespace sagetrain

namespace sagetrain {
namespace {

// Verbose mode sees one line per attempt: operation and outcome, never a credential or signature.
TEST(AwsClientTraceTest, OneLinePerAttemptWithoutSecrets) {
  std::vector<std::string> lines;
  auto transport = std::make_shared<testing::ScriptedTransport>();
  transport->script = {testing::JsonError(400, "ThrottlingException", "Rate exceeded"),
                       testing::Answer(200, "{}")};
  auto credentials = std::make_shared<testing::ScriptedCredentials>(
      std::vector<StatusOr<Credentials>>{testing::TestCredentials()});
  testing::FakeClock clock;
  testing::SequenceRandom random({0});
  AwsClientDependencies deps{transport, credentials, &clock, &clock, &random};
  deps.trace = [&lines](const std::string& line) { lines.push_back(line); };
  AwsClient client(ServiceEndpoint{"https://api.sagemaker.us-east-1.amazonaws.com", "us-east-1",
                                   "sagemaker"},
                   deps);
  ASSERT_TRUE(client.CallJson("SageMaker.DescribeTrainingJob", {{"TrainingJobName", "j"}}).ok());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].rfind("sagemaker DescribeTrainingJob attempt 1: ThrottlingException", 0), 0u)
      << lines[0];
  EXPECT_EQ(lines[1].rfind("sagemaker DescribeTrainingJob attempt 2: HTTP 200 in ", 0), 0u) << lines[1];
  for (const std::string& line : lines) {
    EXPECT_EQ(line.find(testing::TestCredentials().secret_access_key), std::string::npos);
    EXPECT_EQ(line.find(testing::TestCredentials().session_token), std::string::npos);
  }
}

}  // namespace
}  // namespace sagetrain

namespace sagetrain {
namespace {

// A sleeper that raises the stop flag during the first backoff, as a SIGTERM would.
class SignalDuringSleep final : public Sleeper {
 public:
  SignalDuringSleep(testing::FakeClock& clock, std::atomic<int>& flag) : clock_(clock), flag_(flag) {}
  void SleepFor(Duration duration) override {
    clock_.SleepFor(duration);
    flag_.store(15);
  }

 private:
  testing::FakeClock& clock_;
  std::atomic<int>& flag_;
};

AwsClientDependencies StopAwareDeps(std::shared_ptr<testing::ScriptedTransport> transport,
                                    testing::FakeClock& clock, Sleeper& sleeper,
                                    testing::SequenceRandom& random, const std::atomic<int>& flag) {
  AwsClientDependencies deps{transport,
                             std::make_shared<testing::ScriptedCredentials>(
                                 std::vector<StatusOr<Credentials>>{testing::TestCredentials()}),
                             &clock, &sleeper, &random};
  deps.stop_signal = &flag;
  return deps;
}

// CallJsonText: the same signed request and retries; the answer's body comes back untouched, and an
// error answer is still a typed error.
TEST(AwsClientTest, JsonTextCallRetriesAndReturnsTheBodyUnparsed) {
  ClientHarness h;
  const std::string page = R"({"events":[{"timestamp":1,"message":"a"}],"nextForwardToken":"f/1"})";
  h.transport->script = {JsonError(500, "InternalFailure", "try again"), Answer(200, page)};
  auto answer = h.client.CallJsonText("Logs_20140328.GetLogEvents", {{"logStreamName", "s"}});
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_EQ(*answer, page);
  ASSERT_EQ(h.transport->requests.size(), 2u);
  EXPECT_EQ(h.transport->requests[1].body, R"({"logStreamName":"s"})");
  const HttpHeaders& headers = h.transport->requests[1].headers;
  EXPECT_TRUE(std::any_of(headers.begin(), headers.end(), [](const auto& header) {
    return header.first == "Authorization" && header.second.starts_with("AWS4-HMAC-SHA256 ");
  }));

  h.transport->script = {JsonError(400, "ResourceNotFoundException", "The specified log stream does not exist.")};
  auto missing = h.client.CallJsonText("Logs_20140328.GetLogEvents", {{"logStreamName", "s"}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().aws_code(), "ResourceNotFoundException");
}

// A stop request that arrives while a call is being retried ends the retries at once.
TEST(AwsClientStopTest, StopRequestDuringRetriesCancelsTheCall) {
  std::atomic<int> flag{0};
  testing::FakeClock clock;
  SignalDuringSleep sleeper(clock, flag);
  testing::SequenceRandom random({1'000'000'000});  // a non-zero backoff, so the sleeper runs
  auto transport = std::make_shared<testing::ScriptedTransport>();
  transport->script = {testing::JsonError(400, "ThrottlingException", "Rate exceeded"),
                       testing::Answer(200, "{}")};
  AwsClient client(kSageMaker, StopAwareDeps(transport, clock, sleeper, random, flag));
  auto answer = client.CallJson("SageMaker.CreateTrainingJob", {{"TrainingJobName", "j"}});
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().code(), StatusCode::kCancelled);
  EXPECT_EQ(answer.status().aws_code(), "ThrottlingException");
  EXPECT_EQ(transport->requests.size(), 1u);  // the job was never asked for again
}

// Calls made after the stop request (StopTrainingJob itself) keep their retries.
TEST(AwsClientStopTest, CallsStartedAfterTheStopRequestStillRetry) {
  std::atomic<int> flag{15};
  testing::FakeClock clock;
  testing::SequenceRandom random({0});
  auto transport = std::make_shared<testing::ScriptedTransport>();
  transport->script = {testing::JsonError(400, "ThrottlingException", "Rate exceeded"),
                       testing::Answer(200, "{}")};
  AwsClient client(kSageMaker, StopAwareDeps(transport, clock, clock, random, flag));
  EXPECT_TRUE(client.CallJson("SageMaker.StopTrainingJob", {{"TrainingJobName", "j"}}).ok());
  EXPECT_EQ(transport->requests.size(), 2u);
}

// Each call's timeout is sized to its answer: the follow loop's small answers get tens of seconds, so a
// hung one ends in time for the next poll.
TEST(AwsClientTest, TotalTimeoutIsSizedToTheOperation) {
  ClientHarness h;
  for (int i = 0; i < 4; ++i) h.transport->script.push_back(Answer(200, "{}"));
  ASSERT_TRUE(Describe(h.client).ok());
  ASSERT_TRUE(h.client.CallJson("SageMaker.CreateTrainingJob", nlohmann::json::object()).ok());
  ASSERT_TRUE(h.client.CallJsonText("Logs_20140328.GetLogEvents", nlohmann::json::object()).ok());
  ASSERT_TRUE(h.client.CallJson("SageMaker.StopTrainingJob", nlohmann::json::object()).ok());
  std::vector<long long> timeouts;
  for (const auto& request : h.transport->requests) timeouts.push_back(request.total_timeout.count());
  EXPECT_EQ(timeouts, (std::vector<long long>{20'000, 65'000, 30'000, 20'000}));
}

TEST(AwsClientTest, AnswersNestedTooDeepAreRefusedNotParsed) {
  ClientHarness h;
  const std::string deep = "{\"events\":" + std::string(150'000, '[') + std::string(150'000, ']') + "}";
  h.transport->script.push_back(Answer(200, deep));
  h.transport->script.push_back(Answer(200, deep));
  h.transport->script.push_back(Answer(400, deep));
  auto text = h.client.CallJsonText("Logs_20140328.GetLogEvents", nlohmann::json::object());
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kInternal);
  EXPECT_NE(text.status().message().find("nests deeper than 100 levels"), std::string::npos)
      << text.status().message();
  auto json = Describe(h.client);
  ASSERT_FALSE(json.ok());
  EXPECT_NE(json.status().message().find("nests deeper than 100 levels"), std::string::npos);
  auto error = h.client.CallJson("SageMaker.StopTrainingJob", nlohmann::json::object());
  ASSERT_FALSE(error.ok());
  EXPECT_NE(error.status().message().find("nests deeper than 100 levels"), std::string::npos);
}

}  // namespace
}  // namespace sagetrain
