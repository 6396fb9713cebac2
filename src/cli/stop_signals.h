#pragma once
// SIGTERM/SIGINT handling for a KFP step: Kubernetes sends SIGTERM when a run is terminated, a person at
// a terminal sends SIGINT. The first signal is recorded (the follower then stops the job and follows
// it until Stopped); a second one exits at once with 128 + signal.
//
// The flag is the one piece of process-wide state besides libcurl's global init: a signal handler can
// reach nothing else. std::atomic<int> is lock-free here, so the handler is async-signal-safe.
#include <atomic>

namespace sagetrain {

// Installs the handlers (idempotent) and returns the flag: 0 until a signal arrives, then its number.
const std::atomic<int>& InstallStopSignalHandlers();

}  // namespace sagetrain
