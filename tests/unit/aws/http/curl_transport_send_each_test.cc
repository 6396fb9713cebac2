// CurlTransport::SendEach: several requests on the wire at once, answers handed over as they arrive.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "aws/http/curl_transport.h"
#include "aws/http/curl_test_suite.h"
#include "aws/http/loopback_server.h"

namespace sagetrain {
namespace {

using testing::AnswerPiece;
using testing::LoopbackServer;
using testing::RawAnswer;
using testing::ReceivedRequest;

class CurlTransportSendEachTest : public testing::CurlTestSuite {};

std::vector<HttpRequest> Posts(const std::string& url, int count) {
  std::vector<HttpRequest> requests(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    auto& request = requests[static_cast<std::size_t>(i)];
    request.url = url;
    request.headers = {{"Content-Type", "application/x-amz-json-1.1"}};
    request.body = "request-" + std::to_string(i);
    request.connect_timeout = Duration(2'000);
    request.total_timeout = Duration(5'000);
  }
  return requests;
}

// Answers each request with its own body, so an answer shows which request it belongs to.
std::optional<std::string> Echo(const ReceivedRequest& request) {
  return RawAnswer(200, "answer-to-" + request.body);
}

std::map<std::size_t, StatusOr<HttpResponse>> SendAll(CurlTransport& transport,
                                                      const std::vector<HttpRequest>& requests,
                                                      std::size_t max_in_flight) {
  std::map<std::size_t, StatusOr<HttpResponse>> answers;
  transport.SendEach(requests, max_in_flight, [&](std::size_t index, StatusOr<HttpResponse> answer) {
    EXPECT_FALSE(answers.count(index)) << "request " << index << " answered twice";
    answers.emplace(index, std::move(answer));
  });
  return answers;
}

TEST_F(CurlTransportSendEachTest, RequestsAreOnTheWireTogetherAndEachGetsItsOwnAnswer) {
  // The server answers nothing until all three requests are in: sent one after another, the first
  // would wait for an answer that never comes and time out.
  LoopbackServer server(&Echo, /*hold_answers_until=*/3);
  CurlTransport transport;
  const auto requests = Posts(server.url(), 3);
  const auto answers = SendAll(transport, requests, 3);
  ASSERT_EQ(answers.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    ASSERT_TRUE(answers.at(i).ok()) << answers.at(i).status().ToString();
    EXPECT_EQ(answers.at(i)->status, 200);
    EXPECT_EQ(answers.at(i)->body, "answer-to-request-" + std::to_string(i));
  }
  EXPECT_EQ(server.connections_accepted(), 3);
}

TEST_F(CurlTransportSendEachTest, NoMoreThanMaxInFlightAreOnTheWire) {
  // Six requests, two at a time: two connections carry them all, each reused for the next request.
  LoopbackServer server(&Echo);
  CurlTransport transport;
  const auto answers = SendAll(transport, Posts(server.url(), 6), 2);
  ASSERT_EQ(answers.size(), 6u);
  for (const auto& [index, answer] : answers) {
    ASSERT_TRUE(answer.ok()) << answer.status().ToString();
    EXPECT_EQ(answer->body, "answer-to-request-" + std::to_string(index));
  }
  EXPECT_EQ(server.requests().size(), 6u);
  EXPECT_EQ(server.connections_accepted(), 2);
}

TEST_F(CurlTransportSendEachTest, LaterSendsReuseTheConnectionsOfEarlierOnes) {
  LoopbackServer server(&Echo);
  CurlTransport transport;
  ASSERT_EQ(SendAll(transport, Posts(server.url(), 3), 3).size(), 3u);
  ASSERT_TRUE(transport.Send(Posts(server.url(), 1)[0]).ok());
  ASSERT_EQ(SendAll(transport, Posts(server.url(), 3), 3).size(), 3u);
  EXPECT_EQ(server.requests().size(), 7u);
  EXPECT_EQ(server.connections_accepted(), 3);
}

TEST_F(CurlTransportSendEachTest, ABadRequestFailsAloneAndUnsent) {
  LoopbackServer server(&Echo);
  CurlTransport transport;
  auto requests = Posts(server.url(), 3);
  requests[1].headers.emplace_back("X-Smuggled", "a\r\nInjected: yes");
  const auto answers = SendAll(transport, requests, 3);
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_TRUE(answers.at(0).ok());
  EXPECT_EQ(answers.at(1).status().code(), StatusCode::kInternal);
  EXPECT_TRUE(answers.at(2).ok());
  for (const auto& received : server.requests()) EXPECT_NE(received.body, "request-1");
}

TEST_F(CurlTransportSendEachTest, AHungExchangeTimesOutWhileTheOthersAreAnswered) {
  LoopbackServer server([](const ReceivedRequest& request) -> std::optional<std::string> {
    if (request.body == "request-0") return std::nullopt;  // never answered
    return Echo(request);
  });
  CurlTransport transport;
  auto requests = Posts(server.url(), 3);
  requests[0].total_timeout = Duration(300);
  std::vector<std::size_t> order;
  std::map<std::size_t, StatusOr<HttpResponse>> answers;
  transport.SendEach(requests, 3, [&](std::size_t index, StatusOr<HttpResponse> answer) {
    order.push_back(index);
    answers.emplace(index, std::move(answer));
  });
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order.back(), 0u);  // the others did not wait for it
  EXPECT_EQ(answers.at(0).status().code(), StatusCode::kUnavailable);
  EXPECT_NE(answers.at(0).status().message().find("timed out"), std::string::npos);
  EXPECT_TRUE(answers.at(1).ok());
  EXPECT_TRUE(answers.at(2).ok());
}

// Everything of `answer` up to the middle of its body, and the rest.
std::pair<std::string, std::string> SplitInTheBody(const std::string& answer) {
  const std::size_t middle = answer.find("\r\n\r\n") + 4 + (answer.size() - answer.find("\r\n\r\n") - 4) / 2;
  return {answer.substr(0, middle), answer.substr(middle)};
}

// An answer long enough to be sent in pieces, naming the request it answers.
std::string LongAnswerBody(const std::string& request_body) { return "answer-to-" + request_body + std::string(2000, '.'); }

std::vector<std::size_t> SendRecordingOrder(CurlTransport& transport, const std::vector<HttpRequest>& requests,
                                            std::map<std::size_t, StatusOr<HttpResponse>>& answers) {
  std::vector<std::size_t> order;
  transport.SendEach(requests, requests.size(), [&](std::size_t index, StatusOr<HttpResponse> answer) {
    order.push_back(index);
    answers.emplace(index, std::move(answer));
  });
  return order;
}

TEST_F(CurlTransportSendEachTest, AnswersAreHandedOverAsTheyComeWhole) {
  // Answer 0's body starts first and ends late; answer 1 comes whole meanwhile and is handed over
  // first: a slow body does not hold up the others.
  using std::chrono::milliseconds;
  LoopbackServer server(
      [](const ReceivedRequest& request) -> std::optional<std::vector<AnswerPiece>> {
        const std::string answer = RawAnswer(200, LongAnswerBody(request.body));
        if (request.body == "request-1") return std::vector<AnswerPiece>{{milliseconds(150), answer}};
        const auto [head, rest] = SplitInTheBody(answer);
        return std::vector<AnswerPiece>{{milliseconds(0), head}, {milliseconds(400), rest}};
      },
      /*hold_answers_until=*/2);
  CurlTransport transport;
  std::map<std::size_t, StatusOr<HttpResponse>> answers;
  const auto order = SendRecordingOrder(transport, Posts(server.url(), 2), answers);
  EXPECT_EQ(order, (std::vector<std::size_t>{1, 0}));
  for (std::size_t i = 0; i < 2; ++i) {
    ASSERT_TRUE(answers.at(i).ok()) << answers.at(i).status().ToString();
    EXPECT_EQ(answers.at(i)->body, LongAnswerBody("request-" + std::to_string(i)));
  }
}

TEST_F(CurlTransportSendEachTest, ABodyCutShortFailsAloneAndTheOthersAreAnswered) {
  // Answer 0's connection drops in the middle of its body; answer 1 comes whole before that.
  using std::chrono::milliseconds;
  LoopbackServer server(
      [](const ReceivedRequest& request) -> std::optional<std::vector<AnswerPiece>> {
        const std::string answer = RawAnswer(200, LongAnswerBody(request.body));
        if (request.body == "request-1") return std::vector<AnswerPiece>{{milliseconds(100), answer}};
        return std::vector<AnswerPiece>{{milliseconds(0), SplitInTheBody(answer).first},
                                        {milliseconds(250), "", /*close=*/true}};
      },
      /*hold_answers_until=*/2);
  CurlTransport transport;
  std::map<std::size_t, StatusOr<HttpResponse>> answers;
  const auto order = SendRecordingOrder(transport, Posts(server.url(), 2), answers);
  EXPECT_EQ(order, (std::vector<std::size_t>{1, 0}));
  EXPECT_EQ(answers.at(0).status().code(), StatusCode::kUnavailable);
  ASSERT_TRUE(answers.at(1).ok()) << answers.at(1).status().ToString();
  EXPECT_EQ(answers.at(1)->body, LongAnswerBody("request-1"));
}

TEST_F(CurlTransportSendEachTest, NothingToSendCallsNothing) {
  CurlTransport transport;
  int calls = 0;
  transport.SendEach({}, 4, [&](std::size_t, StatusOr<HttpResponse>) { ++calls; });
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace sagetrain
