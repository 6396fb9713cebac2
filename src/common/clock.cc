#include "common/clock.h"

#include <algorithm>
#include <thread>

namespace sagetrain {

void SystemSleeper::SleepFor(Duration duration) {
  // Slices keep a pending stop request from waiting out a whole poll interval.
  constexpr Duration kSlice{50};
  const auto deadline = std::chrono::steady_clock::now() + duration;
  const int interrupt_at_start = interrupt_ != nullptr ? interrupt_->load() : 0;
  while (true) {
    if (interrupt_ != nullptr && interrupt_->load() != interrupt_at_start) return;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(deadline - now, kSlice));
  }
}

}  // namespace sagetrain
