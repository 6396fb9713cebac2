#pragma once
// A clock and sleeper for unit tests: sleeping advances the clock instantly and records the delay.
#include <vector>

#include "common/clock.h"

namespace sagetrain::testing {

class FakeClock final : public Clock, public Sleeper {
 public:
  explicit FakeClock(WallTime start = WallTime(std::chrono::seconds(1'700'000'000))) : now_(start) {}
  WallTime Now() override { return now_; }
  void SleepFor(Duration duration) override {
    sleeps.push_back(duration);
    now_ += duration;
  }
  void Advance(Duration duration) { now_ += duration; }

  std::vector<Duration> sleeps;

 private:
  WallTime now_;
};

}  // namespace sagetrain::testing
