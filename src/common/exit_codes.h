#pragma once
// The program's exit codes, in one place (README "Exit codes"; DESIGN §1 "Outputs"). Constants only.
namespace sagetrain::step_exit {

inline constexpr int kCompleted = 0;     // job Completed, no rule failing the step (also --help, --dry_run)
inline constexpr int kJobFailed = 1;     // job Failed / Stopped / MaxRuntimeExceeded, or a rule failing it
inline constexpr int kInvalidInput = 2;  // bad arguments or configuration; nothing was sent
inline constexpr int kAwsError = 3;      // an AWS or credential error that is not the job's own (also an
                                         // internal error)
inline constexpr int kOutputError = 4;   // the job Completed, but an output file could not be written
// 128 + the signal number: 130 for SIGINT, 143 for SIGTERM.
inline constexpr int Interrupted(int signal_number) { return 128 + signal_number; }

}  // namespace sagetrain::step_exit
