#include "cli/stop_signals.h"

#include <csignal>
#include <cstring>

#include <unistd.h>

namespace sagetrain {
namespace {

std::atomic<int> stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free flag");

void OnStopSignal(int signal_number) {
  int expected = 0;
  if (stop_signal.compare_exchange_strong(expected, signal_number)) return;
  // A second signal: the person (or kubelet) means it. Only async-signal-safe calls here.
  constexpr char kMessage[] = "sagemaker-training: second signal, exiting now\n";
  ssize_t ignored = write(STDERR_FILENO, kMessage, sizeof(kMessage) - 1);
  (void)ignored;
  _exit(128 + signal_number);
}

}  // namespace

const std::atomic<int>& InstallStopSignalHandlers() {
  struct sigaction action;
  std::memset(&action, 0, sizeof(action));
  action.sa_handler = &OnStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  return stop_signal;
}

}  // namespace sagetrain
