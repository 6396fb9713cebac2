#include "cli/stop_signals.h"

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <ctime>

#include <fcntl.h>
#include <unistd.h>

namespace sagetrain {
namespace {

std::atomic<int> stop_signal{0};
std::atomic<std::int64_t> stop_time_ns{0};  // CLOCK_MONOTONIC, which std::chrono::steady_clock reads
std::atomic<int> wake_read_fd{-1};
std::atomic<int> wake_write_fd{-1};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs a lock-free flag");
static_assert(std::atomic<std::int64_t>::is_always_lock_free, "the signal handler needs a lock-free time");

void OnStopSignal(int signal_number) {
  const int saved_errno = errno;
  int expected = 0;
  if (stop_signal.compare_exchange_strong(expected, signal_number)) {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    stop_time_ns.store(static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec);
    if (const int fd = wake_write_fd.load(); fd >= 0) {
      const char byte = 1;
      ssize_t ignored = write(fd, &byte, 1);  // a full pipe is already readable: nothing lost
      (void)ignored;
    }
    errno = saved_errno;
    return;
  }
  // A second signal: the person (or kubelet) means it. Only async-signal-safe calls here.
  constexpr char kMessage[] = "sagemaker-training: second signal, exiting now\n";
  ssize_t ignored = write(STDERR_FILENO, kMessage, sizeof(kMessage) - 1);
  (void)ignored;
  _exit(128 + signal_number);
}

void MakeWakePipe() {
  if (wake_read_fd.load() >= 0) return;
  int fds[2];
  if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0) return;
  wake_read_fd.store(fds[0]);
  wake_write_fd.store(fds[1]);
}

}  // namespace

const std::atomic<int>& InstallStopSignalHandlers() {
  MakeWakePipe();
  struct sigaction action;
  std::memset(&action, 0, sizeof(action));
  action.sa_handler = &OnStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  return stop_signal;
}

int StopSignalWakeFd() { return wake_read_fd.load(); }

std::optional<std::chrono::steady_clock::time_point> StopSignalTime() {
  if (stop_signal.load() == 0) return std::nullopt;
  const std::int64_t ns = stop_time_ns.load();
  if (ns == 0) return std::chrono::steady_clock::now();  // the handler is storing it right now
  return std::chrono::steady_clock::time_point(
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::nanoseconds(ns)));
}

}  // namespace sagetrain
