#pragma once
// BackoffPolicy: how long to wait before retry number n: capped exponential backoff with full jitter
// (the SDKs' standard mode), a delay drawn uniformly from [0, min(max_backoff, base * 2^n)].
// The random source is injected so tests see exact delays. Not thread-safe (the random source is not).
#include "common/clock.h"
#include "common/random.h"

namespace sagetrain {

class BackoffPolicy {
 public:
  // REQUIRES: base >= 0, max_backoff >= 0; `random` outlives the policy.
  BackoffPolicy(Duration base, Duration max_backoff, RandomSource& random)
      : base_(base), max_backoff_(max_backoff), random_(random) {}

  // The upper bound of the delay before retry `retry_index` (0 for the first retry):
  // min(max_backoff, base * 2^retry_index), without overflow for any index.
  Duration Ceiling(int retry_index) const;

  // A delay in [0, Ceiling(retry_index)], at millisecond resolution.
  Duration NextDelay(int retry_index);

 private:
  Duration base_;
  Duration max_backoff_;
  RandomSource& random_;
};

}  // namespace sagetrain
