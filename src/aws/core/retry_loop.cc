#include "aws/core/retry_loop.h"

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

}  // namespace

RetryDecider::RetryDecider(const RetryOptions& options, RetryQuota& quota, BackoffPolicy& backoff,
                           bool can_refresh_credentials)
    : options_(options),
      quota_(quota),
      backoff_(backoff),
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
  // The credentials refresh does not count against max_attempts.
  const int counted_attempts = attempts_ - (refreshed_ ? 1 : 0);
  if (counted_attempts >= options_.max_attempts) {
    return Return(GiveUp(status, "gave up after " + std::to_string(attempts_) +
                                     (attempts_ == 1 ? " attempt" : " attempts")));
  }
  const int cost =
      retry_class == RetryClass::kTimeout ? options_.timeout_retry_cost : options_.retry_cost;
  if (!quota_.Acquire(cost)) {
    return Return(GiveUp(status, "retry quota exhausted after " + std::to_string(attempts_) +
                                     (attempts_ == 1 ? " attempt" : " attempts")));
  }
  tokens_held_ = cost;
  return RetryAfter(backoff_.NextDelay(retries_++), /*refresh_credentials=*/false);
}

Status RetryDecider::GiveUp(const Status& status, const std::string& why) const {
  return Status(status.code(), status.message() + " (" + why + ")", status.aws());
}

}  // namespace sagetrain
