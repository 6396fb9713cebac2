#pragma once
// The one retry loop of the code base (google-cloud-cpp's retry_loop.h): run an attempt, classify its
// failure with the retry policy, charge the retry quota, wait a jittered backoff through the injected
// sleeper, try again, until success, a final error, the attempts run out (when capped) or the next
// retry would start after RetryOptions::max_retry_time. An empty retry quota does not end the call:
// its retries then wait the longest backoff, so a client facing a failing service slows right down.
// An expired-credentials failure refreshes the credentials and is retried once at once (no wait, no
// quota, not counted against max_attempts: a refresh is not a service failure).
//
// RetryDecider holds the decisions (pure apart from the quota and backoff state it updates) so they
// are tested without a loop; RetryLoop only drives it. Not thread-safe.
#include <functional>
#include <string>
#include <utility>

#include "aws/core/aws_client.h"
#include "aws/core/backoff_policy.h"
#include "aws/core/retry_policy.h"
#include "aws/core/retry_quota.h"
#include "common/clock.h"
#include "common/status.h"

namespace sagetrain {

struct RetryDecision {
  bool retry = false;
  Duration delay{0};                 // wait this long before the next attempt
  bool refresh_credentials = false;  // invalidate the credentials before the next attempt
  Status final_status;               // when !retry: what the call returns
};

// The decisions for one call (one RetryDecider per call; the quota is shared by the client's calls).
class RetryDecider {
 public:
  // REQUIRES: `quota`, `backoff` and `clock` outlive the decider. `can_refresh_credentials` is false
  // for unsigned requests, whose expired-token errors are then final. The call's time bound starts
  // at construction, by `clock`.
  RetryDecider(const RetryOptions& options, RetryQuota& quota, BackoffPolicy& backoff, Clock& clock,
               bool can_refresh_credentials);

  // After a successful attempt: gives its retry tokens back to the quota.
  void OnSuccess();
  // After a failed attempt: retry (with a delay) or return `final_status`.
  RetryDecision OnFailure(const Status& status);

  int attempts() const { return attempts_; }

 private:
  Status GiveUp(const Status& status, const std::string& why) const;

  const RetryOptions& options_;
  RetryQuota& quota_;
  BackoffPolicy& backoff_;
  Clock& clock_;
  WallTime started_;
  bool can_refresh_credentials_;
  int attempts_ = 0;            // attempts made, the credentials refresh included
  int retries_ = 0;             // backed-off retries so far (the backoff exponent)
  int tokens_held_ = 0;         // quota taken by the last retry
  bool refreshed_ = false;      // the one credentials refresh has been used
};

// Runs `attempt` until it succeeds or the decider gives up. `refresh_credentials` (may be empty) is
// called before the retry that follows an expired-credentials error. `cancelled` (may be empty) is
// asked before every retry, and after its backoff: when it says yes, the loop ends with kCancelled
// carrying the last failure, so a stop request is not held up by a throttled call.
// RetryLoopFrom is the same loop for a call whose first attempt was made elsewhere (sent together
// with other calls) and returned `first`.
template <typename T>
StatusOr<T> RetryLoopFrom(StatusOr<T> first, RetryDecider& decider, Sleeper& sleeper,
                          const std::function<StatusOr<T>()>& attempt,
                          const std::function<void()>& refresh_credentials,
                          const std::function<bool()>& cancelled = nullptr) {
  const auto cancel = [](const Status& last) {
    return Status(StatusCode::kCancelled, "stopped retrying on a stop request; last failure: " +
                                              last.ToString(), last.aws());
  };
  StatusOr<T> result = std::move(first);
  for (;;) {
    if (result.ok()) {
      decider.OnSuccess();
      return result;
    }
    RetryDecision decision = decider.OnFailure(result.status());
    if (!decision.retry) return std::move(decision.final_status);
    if (cancelled && cancelled()) return cancel(result.status());
    if (decision.refresh_credentials && refresh_credentials) refresh_credentials();
    if (decision.delay > Duration::zero()) sleeper.SleepFor(decision.delay);
    if (cancelled && cancelled()) return cancel(result.status());
    result = attempt();
  }
}

template <typename T>
StatusOr<T> RetryLoop(RetryDecider& decider, Sleeper& sleeper,
                      const std::function<StatusOr<T>()>& attempt,
                      const std::function<void()>& refresh_credentials,
                      const std::function<bool()>& cancelled = nullptr) {
  return RetryLoopFrom<T>(attempt(), decider, sleeper, attempt, refresh_credentials, cancelled);
}

}  // namespace sagetrain
