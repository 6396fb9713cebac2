#pragma once
// AwsClient: one AWS service endpoint spoken to as a well-behaved SDK would: every call signed with
// SigV4 (fresh credentials per attempt), sent through an HttpTransport, retried under the SDKs'
// adaptive retry mode, and its error parsed into a typed Status. The only retry loop in the code base.
//
// Not thread-safe; one instance per service endpoint (its connection is reused).
#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "aws/core/credentials.h"
#include "aws/core/http_transport.h"
#include "common/clock.h"
#include "common/random.h"
#include "common/status.h"

namespace sagetrain {

// Where and how to reach one service.
struct ServiceEndpoint {
  std::string url;              // e.g. "https://api.sagemaker.us-east-1.amazonaws.com"
  std::string signing_region;   // e.g. "us-east-1"
  std::string signing_service;  // e.g. "sagemaker", "logs", "sts"
};

// The SDKs' retry settings (AWS_MAX_ATTEMPTS, AWS_RETRY_MODE) and how long one call keeps retrying.
struct RetryOptions {
  // default 0: no attempt cap, so throttling and server errors are retried until max_retry_time.
  // AWS_MAX_ATTEMPTS (or legacy mode's 5) caps the attempts of every failure (first try included).
  int max_attempts = 0;
  // default 3 (standard mode's): attempts of a call that got no answer at all (connection refused,
  // unknown host, timeout) while max_attempts is 0, so that a wrong endpoint fails in seconds.
  int unanswered_max_attempts = 3;
  // default 15 min: a call that meets throttling or server errors retries for this long, then
  // returns its last error. Longer than any throttling burst of many steps starting together.
  Duration max_retry_time{15 * 60'000};
  Duration base_delay{1'000};        // default: 1 s, doubled each attempt
  Duration max_backoff{20'000};      // default: 20 s cap
  int retry_quota = 500;             // default: the SDKs' initial token bucket
  int retry_cost = 5;                // default: cost of a retried error; 10 for timeouts
  int timeout_retry_cost = 10;
  // default: "adaptive" (the client-side rate limiter of rate_limiter.h in front of every attempt).
  // AWS_RETRY_MODE as configured: "standard" sends without the limiter; "legacy" is standard with 5
  // attempts.
  std::string mode = "adaptive";
};

struct AwsClientDependencies {
  std::shared_ptr<HttpTransport> transport;          // REQUIRES: non-null
  std::shared_ptr<CredentialsProvider> credentials;  // null: requests are sent unsigned
  // Null: the system's clock, sleeper and random source. When set, they must outlive the client.
  Clock* clock = nullptr;
  Sleeper* sleeper = nullptr;
  RandomSource* random = nullptr;
  // Verbose mode: called with one line per attempt (operation, outcome, latency, attempt number).
  // The lines never hold credentials, headers or bodies. Default: empty, nothing traced.
  std::function<void(const std::string&)> trace = nullptr;
  // The stop flag (0, or the number of the signal received). A call during which it changes stops
  // retrying and returns kCancelled; calls made after a stop request (StopTrainingJob, following the
  // job while it stops) retry as usual. Default: null, never cancelled.
  const std::atomic<int>* stop_signal = nullptr;
};

class AwsClient {
 public:
  AwsClient(ServiceEndpoint endpoint, AwsClientDependencies deps, RetryOptions retry = {});
  ~AwsClient();
  AwsClient(const AwsClient&) = delete;
  AwsClient& operator=(const AwsClient&) = delete;

  // AWS JSON 1.1: POST / with X-Amz-Target: `target` (e.g. "SageMaker.DescribeTrainingJob").
  StatusOr<nlohmann::json> CallJson(const std::string& target, const nlohmann::json& body);
  // The same call, returning the 2xx answer's body unparsed, for answers the caller parses itself
  // (GetLogEvents pages of up to ~1.5 MB, too costly to build as a DOM). Errors as CallJson.
  StatusOr<std::string> CallJsonText(const std::string& target, const nlohmann::json& body);

  // Several CallJsonText of one operation made together (GetLogEvents of several log streams): at
  // most `max_in_flight` on the wire at once, each having waited for the rate limiter. `on_answer`
  // is called once per body, with its index and what CallJsonText would have returned, on the
  // caller's thread: successful first attempts as they arrive (in any order), then, one by one in
  // index order, the calls whose first attempt failed, each retried as CallJsonText retries.
  using TextAnswerCallback = std::function<void(std::size_t index, StatusOr<std::string> answer)>;
  void CallJsonTextEach(const std::string& target, const std::vector<nlohmann::json>& bodies,
                        std::size_t max_in_flight, const TextAnswerCallback& on_answer);

  // AWS query protocol (STS): POST / with Action, Version and `params` form-encoded. Returns the raw
  // XML of a 2xx answer; errors are parsed from <ErrorResponse><Error><Code>. `sign` false sends the
  // request unsigned (AssumeRoleWithWebIdentity).
  StatusOr<std::string> CallQuery(const std::string& action, const std::string& version,
                                  const std::vector<std::pair<std::string, std::string>>& params,
                                  bool sign = true);

  const ServiceEndpoint& endpoint() const { return endpoint_; }

 private:
  class Impl;
  // The signed, retried JSON 1.1 call both CallJson and CallJsonText make; errors already typed.
  StatusOr<HttpResponse> CallJsonResponse(const std::string& target, const nlohmann::json& body);

  ServiceEndpoint endpoint_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sagetrain
