#include "aws/core/backoff_policy.h"

#include <algorithm>
#include <cstdint>

namespace sagetrain {

Duration BackoffPolicy::Ceiling(int retry_index) const {
  const std::int64_t cap = std::max<std::int64_t>(0, max_backoff_.count());
  std::int64_t ceiling = std::max<std::int64_t>(0, base_.count());
  // Doubling stops as soon as the cap is reached, so large indexes cannot overflow.
  for (int i = 0; i < retry_index && ceiling < cap; ++i) ceiling *= 2;
  return Duration(std::min(ceiling, cap));
}

Duration BackoffPolicy::NextDelay(int retry_index) {
  const auto ceiling = static_cast<std::uint64_t>(Ceiling(retry_index).count());
  // Uniform(bound) draws from [0, bound): one more so that the ceiling itself is possible.
  return Duration(static_cast<std::int64_t>(random_.Uniform(ceiling + 1)));
}

}  // namespace sagetrain
