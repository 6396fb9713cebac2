#pragma once
// SIGTERM/SIGINT handling for a KFP step: Kubernetes sends SIGTERM when a run is terminated, a person at
// a terminal sends SIGINT. The first signal is recorded (the follower then stops the job and follows
// it until Stopped); a second one exits at once with 128 + signal.
//
// The flag, the signal's time and a self-pipe are the one piece of process-wide state besides
// libcurl's global init: a signal handler can reach nothing else. The handler only stores lock-free
// atomics, reads the monotonic clock and writes one byte to the pipe: all async-signal-safe. The
// pipe's read end becomes readable when the signal arrives, so a transfer waiting on the network
// wakes at once instead of at its next timeout.
#include <atomic>
#include <chrono>
#include <optional>

namespace sagetrain {

// Installs the handlers (idempotent) and returns the flag: 0 until a signal arrives, then its number.
const std::atomic<int>& InstallStopSignalHandlers();

// The read end of the self-pipe (non-blocking; drain it freely), or -1 when no pipe could be made.
// REQUIRES: InstallStopSignalHandlers() was called.
int StopSignalWakeFd();

// When the first signal arrived, on the steady clock; nullopt before.
std::optional<std::chrono::steady_clock::time_point> StopSignalTime();

}  // namespace sagetrain
