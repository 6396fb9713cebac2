#pragma once
// Scripted fakes for the AWS core tests: a transport that plays back answers and records requests,
// a random source with a fixed sequence, and a credentials provider with scripted results.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include "aws/core/credentials.h"
#include "aws/core/http_transport.h"
#include "common/random.h"

namespace sagetrain::testing {

class ScriptedTransport final : public HttpTransport {
 public:
  StatusOr<HttpResponse> Send(const HttpRequest& request) override {
    requests.push_back(request);
    if (script.empty()) return Status(StatusCode::kInternal, "test transport: script exhausted");
    StatusOr<HttpResponse> next = script.front();
    script.pop_front();
    return next;
  }

  // Takes the script's answers in request order and hands them over last first, as a network may:
  // callers must not depend on the order answers arrive in.
  void SendEach(std::span<const HttpRequest> batch, std::size_t max_in_flight,
                const HttpAnswerCallback& on_answer) override {
    batch_limits.push_back(max_in_flight);
    std::vector<StatusOr<HttpResponse>> answers;
    for (const auto& request : batch) answers.push_back(Send(request));
    for (std::size_t i = answers.size(); i-- > 0;) on_answer(i, std::move(answers[i]));
  }

  std::deque<StatusOr<HttpResponse>> script;
  std::vector<HttpRequest> requests;
  std::vector<std::size_t> batch_limits;  // max_in_flight of every SendEach
};

inline HttpResponse Answer(long status, std::string body, HttpHeaders headers = {}) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.headers = std::move(headers);
  return response;
}

// A JSON 1.1 error answer as SageMaker sends it.
inline HttpResponse JsonError(long status, const std::string& type, const std::string& message) {
  return Answer(status, R"({"__type":")" + type + R"(","message":")" + message + R"("})",
                {{"x-amzn-requestid", "req-" + type}});
}

inline Status ConnectionRefused() {
  return Status(StatusCode::kUnavailable, "connection refused (Couldn't connect to server)");
}

// Uniform(bound) returns the next value of `values` (clamped to bound - 1), repeating the last one.
class SequenceRandom final : public RandomSource {
 public:
  explicit SequenceRandom(std::vector<std::uint64_t> values) : values_(std::move(values)) {}
  std::uint64_t Uniform(std::uint64_t bound) override {
    bounds.push_back(bound);
    const std::uint64_t value = values_.empty() ? 0 : values_[std::min(next_, values_.size() - 1)];
    ++next_;
    return std::min(value, bound - 1);
  }
  std::vector<std::uint64_t> bounds;  // every bound asked for

 private:
  std::vector<std::uint64_t> values_;
  std::size_t next_ = 0;
};

// Plays back `results`; when they run out, repeats the last one.
class ScriptedCredentials final : public CredentialsProvider {
 public:
  explicit ScriptedCredentials(std::vector<StatusOr<Credentials>> results)
      : results_(std::move(results)) {}
  StatusOr<Credentials> Get() override {
    ++gets;
    const std::size_t index = std::min(next_++, results_.size() - 1);
    return results_[index];
  }
  void Invalidate() override { ++invalidations; }
  std::string Name() const override { return "scripted"; }

  int gets = 0;
  int invalidations = 0;

 private:
  std::vector<StatusOr<Credentials>> results_;
  std::size_t next_ = 0;
};

inline Credentials TestCredentials(const std::string& access_key = "AKIDEXAMPLE",
                                   const std::string& token = "session-token-example") {
  Credentials credentials;
  credentials.access_key_id = access_key;
  credentials.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  credentials.session_token = token;
  credentials.provider = "test";
  return credentials;
}

}  // namespace sagetrain::testing
