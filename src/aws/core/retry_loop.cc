#include "aws/core/retry_loop.h"

#include <limits>
#include <string>

namespace sagetrain {
namespace {

RetryDecision Return(Status status) {
  RetryDecision decision;
  decision.final_status = std::move(status);
  return decision;
}

RetryDecision RetryAfter(Duration delay, bool refresh_credentials) {
  RetryDecision decision;
  decision.retry = true;
  decision.delay = delay;
  decision.refresh_credentials = refresh_credentials;
  return decision;
}

std::string Attempts(int attempts) {
  return std::to_string(attempts) + (attempts == 1 ? " attempt" : " attempts");
}

}  // namespace

RetryDecider::RetryDecider(const RetryOptions& options, RetryQuota& quota, BackoffPolicy& backoff,
                           Clock& clock, bool can_refresh_credentials)
    : options_(options),
      quota_(quota),
      backoff_(backoff),
      clock_(clock),
      started_(clock.Now()),
      can_refresh_credentials_(can_refresh_credentials) {}

void RetryDecider::OnSuccess() {
  ++attempts_;
  quota_.Release(tokens_held_ > 0 ? tokens_held_ : RetryQuota::kNoRetryIncrement);
}

RetryDecision RetryDecider::OnFailure(const Status& status) {
  ++attempts_;
  const RetryClass retry_class = ClassifyFailure(status);
  if (retry_class == RetryClass::kFinal) return Return(status);
  if (retry_class == RetryClass::kExpiredCredentials) {
    if (!can_refresh_credentials_ || refreshed_) return Return(status);
    refreshed_ = true;
    return RetryAfter(Duration::zero(), /*refresh_credentials=*/true);
  }
  // The credentials refresh does not count against the attempts.
  const int counted_attempts = attempts_ - (refreshed_ ? 1 : 0);
  const bool answered = status.code() != StatusCode::kUnavailable;
  const int cap = options_.max_attempts > 0 ? options_.max_attempts
                                            : (answered ? 0 : options_.unanswered_max_attempts);
  if (cap > 0 && counted_attempts >= cap) {
    return Return(GiveUp(status, "gave up after " + Attempts(attempts_)));
  }
  const int cost =
      retry_class == RetryClass::kTimeout ? options_.timeout_retry_cost : options_.retry_cost;
  Duration delay;
  if (quota_.Acquire(cost)) {
    tokens_held_ = cost;
    delay = backoff_.NextDelay(retries_++);
  } else {
    tokens_held_ = 0;
    delay = backoff_.Ceiling(std::numeric_limits<int>::max());
  }
  const auto elapsed = std::chrono::duration_cast<Duration>(clock_.Now() - started_);
  if (elapsed + delay > options_.max_retry_time) {
    return Return(GiveUp(status, "gave up after " + Attempts(attempts_) + " in " +
                                     std::to_string(elapsed.count() / 1000) + " s of retrying"));
  }
  return RetryAfter(delay, /*refresh_credentials=*/false);
}

Status RetryDecider::GiveUp(const Status& status, const std::string& why) const {
  return Status(status.code(), status.message() + " (" + why + ")", status.aws());
}

}  // namespace sagetrain
