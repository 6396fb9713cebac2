#pragma once
// Time, behind interfaces so that loops (retry, polling, credential refresh) are unit-tested without
// sleeping: tests pass a FakeClock that advances when asked to sleep.
#include <atomic>
#include <chrono>

namespace sagetrain {

using WallTime = std::chrono::system_clock::time_point;
using Duration = std::chrono::milliseconds;

// Tells the current wall-clock time. Thread-safe in the real implementation.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual WallTime Now() = 0;
};

// Waits. A sleep may end early when the process is asked to stop (SIGTERM/SIGINT), so callers
// re-check their stop condition after every sleep.
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void SleepFor(Duration duration) = 0;
};

// The real clock.
class SystemClock final : public Clock {
 public:
  WallTime Now() override { return std::chrono::system_clock::now(); }
};

// The real sleeper. When `interrupt` is given (the signal number of a stop request, 0 for none), a
// sleep ends within ~50 ms of that value changing, so a new stop request is acted on at once while
// the sleeps that follow it (waiting for the job to stop) still last their full duration.
class SystemSleeper final : public Sleeper {
 public:
  explicit SystemSleeper(const std::atomic<int>* interrupt = nullptr) : interrupt_(interrupt) {}
  void SleepFor(Duration duration) override;

 private:
  const std::atomic<int>* interrupt_;
};

}  // namespace sagetrain
