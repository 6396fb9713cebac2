#pragma once
// RetryQuota: the SDKs' retry token bucket (botocore/retries/quota.py). Every retry takes tokens
// (retry_cost, or timeout_retry_cost after a timeout); a success gives back what its call took, or
// one token when it needed no retry. When the bucket is empty, failures are returned at once instead
// of retried, so a service in trouble is not hammered by every caller. Shared by all calls of one
// client. Not thread-safe.
namespace sagetrain {

class RetryQuota {
 public:
  // REQUIRES: capacity >= 0. The bucket starts full.
  explicit RetryQuota(int capacity) : capacity_(capacity), available_(capacity) {}

  // Takes `amount` tokens and returns true, or returns false and takes none.
  bool Acquire(int amount);
  // Gives back up to `amount` tokens, never above the capacity.
  void Release(int amount);

  int available() const { return available_; }
  int capacity() const { return capacity_; }

  // Tokens a success gives back when it needed no retry.
  static constexpr int kNoRetryIncrement = 1;

 private:
  int capacity_;
  int available_;
};

}  // namespace sagetrain
