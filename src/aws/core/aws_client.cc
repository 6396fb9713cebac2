#include "aws/core/aws_client.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>

#include "aws/core/backoff_policy.h"
#include "aws/core/json_protocol.h"
#include "aws/core/query_protocol.h"
#include "aws/core/rate_limiter.h"
#include "aws/core/retry_loop.h"
#include "aws/core/retry_quota.h"
#include "aws/sigv4/signer.h"
#include "common/json_nesting.h"

namespace sagetrain {
namespace {

using ErrorParser = Status (*)(const HttpResponse&);

// "SageMaker.DescribeTrainingJob" -> "DescribeTrainingJob": the operation, for error context.
std::string OperationName(const std::string& target) {
  const auto dot = target.rfind('.');
  return dot == std::string::npos ? target : target.substr(dot + 1);
}

// How long one exchange of `operation` may take. The follow loop's answers are small (a description
// is a few KB, a log page at most ~1 MB): tens of seconds is ample, and a hung call ends in time for
// the next poll. CreateTrainingJob keeps the SDKs' generous minute.
Duration TotalTimeoutFor(const std::string& operation) {
  if (operation == "CreateTrainingJob") return Duration(65'000);
  if (operation == "GetLogEvents") return Duration(30'000);
  return Duration(20'000);
}

HttpRequest WithTimeout(HttpRequest request, const std::string& operation) {
  request.total_timeout = TotalTimeoutFor(operation);
  return request;
}

// A 2xx body handed over unparsed (log pages, read by their own parser) is held to the nesting
// limit here, as ParseJsonAnswer holds every other answer.
StatusOr<std::string> NestingChecked(std::string body, const std::string& operation) {
  if (JsonNestingWithin(body)) return body;
  return Status(StatusCode::kInternal, operation + ": the answer nests deeper than " +
                                           std::to_string(kMaxJsonNesting) + " levels; not read");
}

}  // namespace

class AwsClient::Impl {
 public:
  Impl(const ServiceEndpoint& endpoint, AwsClientDependencies deps, RetryOptions retry)
      : endpoint_(endpoint),
        deps_(std::move(deps)),
        retry_(std::move(retry)),
        quota_(retry_.retry_quota) {
    // Production callers may leave time and randomness to the system; tests inject fakes.
    if (deps_.clock == nullptr) deps_.clock = &system_clock_;
    if (deps_.sleeper == nullptr) deps_.sleeper = &system_sleeper_;
    if (deps_.random == nullptr) deps_.random = &system_random_;
    backoff_ = std::make_unique<BackoffPolicy>(retry_.base_delay, retry_.max_backoff, *deps_.random);
    if (retry_.mode == "adaptive") limiter_.emplace(LimiterSeconds(deps_.clock->Now()));
  }

  // Sends `request` (signed per attempt when `sign` and a provider is set) under the retry loop;
  // returns the 2xx answer or the final error with `operation` as context.
  StatusOr<HttpResponse> Call(const std::string& operation, const HttpRequest& request,
                              ErrorParser parse_error, bool sign) {
    const bool signing = sign && deps_.credentials != nullptr;
    return Retried(operation, request, parse_error, signing, StopSignalNow(), std::nullopt);
  }

  // Signed calls sent together: first attempts through the transport's SendEach, answered as they
  // arrive; a call whose first attempt failed then goes through the retry loop on its own, after the
  // batch, so retries and their backoff work exactly as for a lone call.
  void CallEach(const std::string& operation, const std::vector<HttpRequest>& requests,
                ErrorParser parse_error, std::size_t max_in_flight,
                const std::function<void(std::size_t, StatusOr<HttpResponse>)>& on_answer) {
    const bool signing = deps_.credentials != nullptr;
    const int stop_at_start = StopSignalNow();
    std::vector<HttpRequest> wire;
    std::vector<std::size_t> index_of_wire;
    std::vector<std::pair<std::size_t, Status>> first_failures;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      WaitForSendToken();
      HttpRequest request = requests[i];
      Status signed_status = signing ? Sign(request) : OkStatus();
      if (!signed_status.ok()) {
        first_failures.emplace_back(i, std::move(signed_status));
        continue;
      }
      wire.push_back(std::move(request));
      index_of_wire.push_back(i);
    }
    const std::size_t in_flight = std::max<std::size_t>(1, std::min(max_in_flight, wire.size()));
    const auto started = std::chrono::steady_clock::now();
    deps_.transport->SendEach(wire, in_flight, [&](std::size_t k, StatusOr<HttpResponse> answer) {
      StatusOr<HttpResponse> outcome = Checked(std::move(answer), parse_error);
      if (deps_.trace) Trace(operation, 1, started, outcome);
      if (outcome.ok()) return on_answer(index_of_wire[k], std::move(outcome));
      first_failures.emplace_back(index_of_wire[k], outcome.status());
    });
    std::sort(first_failures.begin(), first_failures.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [i, failure] : first_failures) {
      on_answer(i, Retried(operation, requests[i], parse_error, signing, stop_at_start, std::move(failure)));
    }
  }

 private:
  // The retry loop around `request`. With `first_failure`, the first attempt was made elsewhere.
  StatusOr<HttpResponse> Retried(const std::string& operation, const HttpRequest& request,
                                 ErrorParser parse_error, bool signing, int stop_at_start,
                                 std::optional<Status> first_failure) {
    RetryDecider decider(retry_, quota_, *backoff_, *deps_.clock, /*can_refresh_credentials=*/signing);
    int attempt_number = first_failure ? 1 : 0;
    std::function<StatusOr<HttpResponse>()> attempt = [&]() {
      ++attempt_number;
      const auto started = std::chrono::steady_clock::now();
      StatusOr<HttpResponse> outcome = Attempt(request, parse_error, signing);
      if (deps_.trace) Trace(operation, attempt_number, started, outcome);
      return outcome;
    };
    std::function<void()> refresh = [this]() { deps_.credentials->Invalidate(); };
    std::function<bool()> cancelled = [this, stop_at_start]() { return StopSignalNow() != stop_at_start; };
    StatusOr<HttpResponse> result =
        first_failure ? RetryLoopFrom<HttpResponse>(std::move(*first_failure), decider, *deps_.sleeper,
                                                    attempt, refresh, cancelled)
                      : RetryLoop<HttpResponse>(decider, *deps_.sleeper, attempt, refresh, cancelled);
    if (!result.ok()) return result.status().WithContext(operation);
    return result;
  }

  int StopSignalNow() const { return deps_.stop_signal != nullptr ? deps_.stop_signal->load() : 0; }

  // Adaptive mode: waits for the rate limiter's token before a request goes out.
  void WaitForSendToken() {
    if (!limiter_) return;
    const Duration wait = limiter_->BeforeSend(LimiterSeconds(deps_.clock->Now()));
    if (wait > Duration::zero()) deps_.sleeper->SleepFor(wait);
  }

  // A 2xx answer stays an answer; any other becomes the typed error its body describes. Every
  // outcome tells the rate limiter whether the service asked to slow down.
  StatusOr<HttpResponse> Checked(StatusOr<HttpResponse> response, ErrorParser parse_error) {
    StatusOr<HttpResponse> outcome = std::move(response);
    if (outcome.ok() && (outcome->status < 200 || outcome->status >= 300)) outcome = parse_error(*outcome);
    if (limiter_) {
      const bool throttled = !outcome.ok() && ClassifyFailure(outcome.status()) == RetryClass::kThrottling;
      limiter_->OnAnswer(throttled, LimiterSeconds(deps_.clock->Now()));
    }
    return outcome;
  }

  void Trace(const std::string& operation, int attempt_number,
             std::chrono::steady_clock::time_point started, const StatusOr<HttpResponse>& outcome) {
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    std::string line = endpoint_.signing_service + " " + operation + " attempt " +
                       std::to_string(attempt_number) + ": ";
    line += outcome.ok() ? "HTTP " + std::to_string(outcome->status) : outcome.status().ToString();
    deps_.trace(line + " in " + std::to_string(elapsed.count()) + " ms");
  }

  StatusOr<HttpResponse> Attempt(const HttpRequest& unsigned_request, ErrorParser parse_error,
                                 bool signing) {
    WaitForSendToken();
    HttpRequest request = unsigned_request;
    if (signing) {
      Status signed_status = Sign(request);
      if (!signed_status.ok()) return signed_status;
    }
    return Checked(deps_.transport->Send(request), parse_error);
  }

  // Adds the SigV4 headers made with fresh credentials (the provider caches and refreshes them).
  Status Sign(HttpRequest& request) {
    StatusOr<Credentials> credentials = deps_.credentials->Get();
    if (!credentials.ok()) {
      const Status& failure = credentials.status();
      const std::string context = "credentials (" + deps_.credentials->Name() + ")";
      // kUnavailable is retried by the loop. An AWS error from STS has already been through the
      // provider's own client and its retries: final here, so that retry loops never nest.
      if (failure.code() == StatusCode::kAwsError) {
        return Status(StatusCode::kCredentials, failure.message(), failure.aws())
            .WithContext(context);
      }
      return failure.WithContext(context);
    }
    const sigv4::SignableRequest signable{request.method, request.url, request.headers,
                                          request.body};
    const sigv4::SigningKeys keys{credentials->access_key_id, credentials->secret_access_key,
                                  credentials->session_token};
    const sigv4::SigningScope scope{endpoint_.signing_region, endpoint_.signing_service,
                                    deps_.clock->Now()};
    for (auto& header : sigv4::SignatureHeaders(signable, keys, scope)) {
      request.headers.push_back(std::move(header));
    }
    return OkStatus();
  }

  const ServiceEndpoint& endpoint_;
  AwsClientDependencies deps_;
  RetryOptions retry_;
  RetryQuota quota_;
  std::unique_ptr<BackoffPolicy> backoff_;
  std::optional<ClientRateLimiter> limiter_;  // adaptive mode only
  SystemClock system_clock_;
  SystemSleeper system_sleeper_;
  SystemRandom system_random_;
};

AwsClient::AwsClient(ServiceEndpoint endpoint, AwsClientDependencies deps, RetryOptions retry)
    : endpoint_(std::move(endpoint)),
      impl_(std::make_unique<Impl>(endpoint_, std::move(deps), std::move(retry))) {}

AwsClient::~AwsClient() = default;

StatusOr<HttpResponse> AwsClient::CallJsonResponse(const std::string& target,
                                                   const nlohmann::json& body) {
  const std::string operation = OperationName(target);
  return impl_->Call(operation, WithTimeout(BuildJsonRequest(endpoint_.url, target, body), operation),
                     &ParseJsonError, /*sign=*/true);
}

StatusOr<nlohmann::json> AwsClient::CallJson(const std::string& target,
                                             const nlohmann::json& body) {
  StatusOr<HttpResponse> response = CallJsonResponse(target, body);
  if (!response.ok()) return response.status();
  StatusOr<nlohmann::json> answer = ParseJsonAnswer(*response);
  if (!answer.ok()) return answer.status().WithContext(OperationName(target));
  return answer;
}

StatusOr<std::string> AwsClient::CallJsonText(const std::string& target,
                                             const nlohmann::json& body) {
  StatusOr<HttpResponse> response = CallJsonResponse(target, body);
  if (!response.ok()) return response.status();
  return NestingChecked(std::move(response->body), OperationName(target));
}

void AwsClient::CallJsonTextEach(const std::string& target, const std::vector<nlohmann::json>& bodies,
                                 std::size_t max_in_flight, const TextAnswerCallback& on_answer) {
  std::vector<HttpRequest> requests;
  requests.reserve(bodies.size());
  const std::string operation = OperationName(target);
  for (const auto& body : bodies) {
    requests.push_back(WithTimeout(BuildJsonRequest(endpoint_.url, target, body), operation));
  }
  impl_->CallEach(operation, requests, &ParseJsonError, max_in_flight,
                  [&](std::size_t index, StatusOr<HttpResponse> response) {
                    if (!response.ok()) return on_answer(index, response.status());
                    on_answer(index, NestingChecked(std::move(response->body), operation));
                  });
}

StatusOr<std::string> AwsClient::CallQuery(
    const std::string& action, const std::string& version,
    const std::vector<std::pair<std::string, std::string>>& params, bool sign) {
  StatusOr<HttpResponse> response =
      impl_->Call(action, WithTimeout(BuildQueryRequest(endpoint_.url, action, version, params), action),
                  &ParseQueryError, sign);
  if (!response.ok()) return response.status();
  return std::move(response->body);
}

}  // namespace sagetrain
