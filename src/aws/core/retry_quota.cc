#include "aws/core/retry_quota.h"

#include <algorithm>

namespace sagetrain {

bool RetryQuota::Acquire(int amount) {
  if (amount > available_) return false;
  available_ -= amount;
  return true;
}

void RetryQuota::Release(int amount) {
  available_ += std::clamp(amount, 0, capacity_ - available_);
}

}  // namespace sagetrain
