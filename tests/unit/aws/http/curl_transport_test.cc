#include "aws/http/curl_transport.h"

#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>

#include <gtest/gtest.h>

#include "aws/http/curl_test_suite.h"
#include "aws/http/loopback_server.h"
#include "common/version.h"

namespace sagetrain {
namespace {

using testing::LoopbackServer;
using testing::RawAnswer;
using testing::ReceivedRequest;

class CurlTransportTest : public testing::CurlTestSuite {};

HttpRequest Post(const std::string& url, std::string body) {
  HttpRequest request;
  request.url = url;
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"},
                     {"X-Amz-Target", "SageMaker.DescribeTrainingJob"}};
  request.body = std::move(body);
  request.connect_timeout = Duration(2'000);
  request.total_timeout = Duration(5'000);
  return request;
}

std::optional<std::string> Ok(const ReceivedRequest&) {
  return RawAnswer(200, R"({"ok":true})",
                   {"X-Amzn-RequestId: req-1", "Content-Type: application/x-amz-json-1.1"});
}

TEST_F(CurlTransportTest, PostRoundTripWithHeadersAndBody) {
  ASSERT_TRUE(guard_->status().ok());
  LoopbackServer server(&Ok);
  CurlTransport transport;
  auto response = transport.Send(Post(server.url("/"), R"({"TrainingJobName":"j"})"));
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, R"({"ok":true})");
  EXPECT_EQ(response->Header("x-amzn-requestid"), "req-1");  // names lower-cased
  EXPECT_EQ(response->Header("content-type"), "application/x-amz-json-1.1");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].request_line, "POST / HTTP/1.1");
  EXPECT_EQ(requests[0].Header("X-Amz-Target"), "SageMaker.DescribeTrainingJob");
  EXPECT_EQ(requests[0].Header("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(requests[0].Header("User-Agent"),
            std::string("sagemaker-training/") + kProgramVersion);
  EXPECT_EQ(requests[0].body, R"({"TrainingJobName":"j"})");
}

TEST_F(CurlTransportTest, OneConnectionServesConsecutiveRequests) {
  LoopbackServer server(&Ok);
  CurlTransport transport;
  ASSERT_TRUE(transport.Send(Post(server.url(), "{}")).ok());
  ASSERT_TRUE(transport.Send(Post(server.url(), "{}")).ok());
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(server.connections_accepted(), 1);
}

TEST_F(CurlTransportTest, ErrorAnswersAreAnswers) {
  LoopbackServer server([](const ReceivedRequest&) {
    return std::optional<std::string>(RawAnswer(503, "<html>busy</html>"));
  });
  CurlTransport transport;
  auto response = transport.Send(Post(server.url(), "{}"));
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(response->body, "<html>busy</html>");
}

TEST_F(CurlTransportTest, LargeBodyIsSentWithoutExpectContinue) {
  LoopbackServer server(&Ok);
  CurlTransport transport;
  const std::string body(2 * 1024 * 1024, 'x');
  ASSERT_TRUE(transport.Send(Post(server.url(), body)).ok());
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_FALSE(requests[0].Header("Expect").has_value());
  EXPECT_EQ(requests[0].body.size(), body.size());
}

TEST_F(CurlTransportTest, PutAndGetCarryTheirMethod) {
  LoopbackServer server(&Ok);
  CurlTransport transport;
  HttpRequest put;
  put.method = "PUT";
  put.url = server.url("/latest/api/token");
  put.headers = {{"X-aws-ec2-metadata-token-ttl-seconds", "21600"}};
  ASSERT_TRUE(transport.Send(put).ok());
  HttpRequest get;
  get.method = "GET";
  get.url = server.url("/latest/meta-data/iam/security-credentials/");
  ASSERT_TRUE(transport.Send(get).ok());
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].request_line, "PUT /latest/api/token HTTP/1.1");
  EXPECT_EQ(requests[0].Header("X-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(requests[0].Header("Content-Length"), "0");
  EXPECT_FALSE(requests[0].Header("Content-Type").has_value());
  EXPECT_EQ(requests[1].request_line, "GET /latest/meta-data/iam/security-credentials/ HTTP/1.1");
}

TEST_F(CurlTransportTest, RefusedPortIsUnavailableAndNamesTheCurlError) {
  // Bind an ephemeral port, then close it: nothing listens there any more.
  int port = 0;
  {
    LoopbackServer server(&Ok);
    port = server.port();
  }
  CurlTransport transport;
  HttpRequest request = Post("http://127.0.0.1:" + std::to_string(port) + "/", "{}");
  request.headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Signature=topsecret");
  auto response = transport.Send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(response.status().message().find("Couldn't connect"), std::string::npos)
      << response.status().message();
  EXPECT_EQ(response.status().message().find("topsecret"), std::string::npos);
}

TEST_F(CurlTransportTest, HungServerTimesOutWithinTheTotalTimeout) {
  LoopbackServer server([](const ReceivedRequest&) { return std::optional<std::string>(); });
  CurlTransport transport;
  HttpRequest request = Post(server.url(), "{}");
  request.total_timeout = Duration(300);
  const auto start = std::chrono::steady_clock::now();
  auto response = transport.Send(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(response.status().message().find("timed out"), std::string::npos)
      << response.status().message();
  EXPECT_GE(elapsed, std::chrono::milliseconds(250));
  EXPECT_LT(elapsed, std::chrono::milliseconds(1'500));
}

TEST_F(CurlTransportTest, TransportStillWorksAfterATimeout) {
  std::atomic<bool> hang{true};
  LoopbackServer server([&hang](const ReceivedRequest&) -> std::optional<std::string> {
    if (hang) return std::nullopt;
    return RawAnswer(200, "{}");
  });
  CurlTransport transport;
  HttpRequest request = Post(server.url(), "{}");
  request.total_timeout = Duration(300);
  ASSERT_FALSE(transport.Send(request).ok());
  hang = false;
  request.total_timeout = Duration(5'000);
  auto response = transport.Send(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->status, 200);
}

TEST_F(CurlTransportTest, HeaderWithALineBreakIsRefusedUnsent) {
  LoopbackServer server(&Ok);
  CurlTransport transport;
  HttpRequest request = Post(server.url(), "{}");
  request.headers.emplace_back("X-Injected", "a\r\nAuthorization: forged");
  auto response = transport.Send(request);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kInternal);
  EXPECT_EQ(response.status().message().find("forged"), std::string::npos);
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(CurlTransportTest, MalformedUrlIsAConfigurationError) {
  CurlTransport transport;
  auto response = transport.Send(Post("ftp://127.0.0.1:1/", "{}"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(CurlTransportTest, UnreadableCaBundleIsAConfigurationError) {
  LoopbackServer server(&Ok);
  CurlTransportOptions options;
  options.ca_bundle = "/nonexistent/ca-bundle.pem";
  CurlTransport transport(options);
  const std::string url = "https://127.0.0.1:" + std::to_string(server.port()) + "/";
  auto response = transport.Send(Post(url, "{}"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kInvalidArgument) << response.status().message();
}

TEST(TransportOptionsTest, CaBundleComesFromTheEnvironment) {
  FakeEnvironment env;
  EXPECT_EQ(TransportOptionsFromEnvironment(env).ca_bundle, "");
  env.variables["AWS_CA_BUNDLE"] = "/etc/corp/ca.pem";
  const CurlTransportOptions options = TransportOptionsFromEnvironment(env);
  EXPECT_EQ(options.ca_bundle, "/etc/corp/ca.pem");
  EXPECT_EQ(options.user_agent, std::string("sagemaker-training/") + kProgramVersion);
}

// libcurl reads http_proxy itself; the loopback server plays the proxy.
TEST_F(CurlTransportTest, ProxyFromTheEnvironmentIsUsed) {
  LoopbackServer proxy(&Ok);
  const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());
  const char* saved_no_proxy = std::getenv("no_proxy");
  const std::string no_proxy = saved_no_proxy ? saved_no_proxy : "";
  ::setenv("http_proxy", proxy_url.c_str(), 1);
  ::unsetenv("no_proxy");
  CurlTransport transport;
  auto response = transport.Send(Post("http://sagemaker.example.invalid/", "{}"));
  ::unsetenv("http_proxy");
  if (saved_no_proxy != nullptr) ::setenv("no_proxy", no_proxy.c_str(), 1);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  const auto requests = proxy.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].request_line, "POST http://sagemaker.example.invalid/ HTTP/1.1");
}

// Container and IMDS requests: the proxy from the environment is never used.
TEST_F(CurlTransportTest, ProxyIsNotUsedWhenTheOptionsSaySo) {
  LoopbackServer proxy(&Ok);
  LoopbackServer direct(&Ok);
  const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());
  const char* saved_no_proxy = std::getenv("no_proxy");
  const std::string no_proxy = saved_no_proxy ? saved_no_proxy : "";
  ::setenv("http_proxy", proxy_url.c_str(), 1);
  ::unsetenv("no_proxy");
  CurlTransportOptions options;
  options.use_proxy = false;
  CurlTransport transport(options);
  auto response = transport.Send(Post(direct.url(), "{}"));
  ::unsetenv("http_proxy");
  if (saved_no_proxy != nullptr) ::setenv("no_proxy", no_proxy.c_str(), 1);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_TRUE(proxy.requests().empty());
  EXPECT_EQ(direct.requests().size(), 1u);
}

// A stop request ends a call the server never answers at once, not at its timeout.
TEST_F(CurlTransportTest, InterruptEndsAHungCallAtOnce) {
  LoopbackServer server([](const ReceivedRequest&) { return std::optional<std::string>(); });
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  int asked = 0;
  std::chrono::steady_clock::time_point began;
  CurlTransportOptions options;
  options.wake_fd = pipe_fds[0];
  options.interrupted = [&](std::chrono::steady_clock::time_point started) {
    began = started;
    // The third wake-up (the wake fd written just before the first poll) says stop.
    if (++asked == 1) {
      EXPECT_EQ(::write(pipe_fds[1], "x", 1), 1);
    }
    return asked < 3 ? OkStatus() : Status(StatusCode::kCancelled, "interrupted by a stop signal");
  };
  CurlTransport transport(options);
  HttpRequest request = Post(server.url(), "{}");
  request.total_timeout = Duration(20'000);
  const auto start = std::chrono::steady_clock::now();
  auto response = transport.Send(request);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ::close(pipe_fds[0]);
  ::close(pipe_fds[1]);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kCancelled);
  EXPECT_GE(began, start);
  EXPECT_LT(elapsed, std::chrono::milliseconds(2'000));
}

TEST_F(CurlTransportTest, InterruptedBeforeStartingSendsNothing) {
  LoopbackServer server(&Ok);
  CurlTransportOptions options;
  options.interrupted = [](auto) { return Status(StatusCode::kCancelled, "stop_timeout passed"); };
  CurlTransport transport(options);
  const std::vector<HttpRequest> requests{Post(server.url(), "{}"), Post(server.url(), "{}")};
  std::vector<StatusCode> codes;
  transport.SendEach(requests, 2, [&](std::size_t, StatusOr<HttpResponse> answer) {
    codes.push_back(answer.status().code());
  });
  EXPECT_EQ(codes, (std::vector<StatusCode>{StatusCode::kCancelled, StatusCode::kCancelled}));
  EXPECT_TRUE(server.requests().empty());
}

// An answer past the size limit (here endless in effect) ends the call with a clear, final error.
TEST_F(CurlTransportTest, AnswerLargerThanTheLimitIsAbandoned) {
  const std::string big(64 * 1024, 'x');
  LoopbackServer server([&big](const ReceivedRequest&) { return RawAnswer(200, big); });
  CurlTransportOptions options;
  options.max_body_bytes = 16 * 1024;
  CurlTransport transport(options);
  auto response = transport.Send(Post(server.url(), "{}"));
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.status().code(), StatusCode::kInternal);
  EXPECT_NE(response.status().message().find("the answer is larger than"), std::string::npos)
      << response.status().message();
  options.max_body_bytes = big.size();
  CurlTransport roomy(options);
  auto fits = roomy.Send(Post(server.url(), "{}"));
  ASSERT_TRUE(fits.ok()) << fits.status().ToString();
  EXPECT_EQ(fits->body.size(), big.size());
}

}  // namespace
}  // namespace sagetrain
