#pragma once
// The end of a step: which exit code a finished job means, and the summary a person reads last
// (status, failure reason, training and billable seconds, managed-spot savings, artifact, final
// metrics, debugger rule results). Pure; thread-safe.
#include <string>
#include <vector>

#include "training/job_description.h"

namespace sagetrain {

namespace step_exit {
inline constexpr int kCompleted = 0;  // job Completed, no debugger rule in Error
inline constexpr int kJobFailed = 1;  // job Failed / Stopped / MaxRuntimeExceeded, or a rule Error
inline constexpr int kAwsError = 3;   // an AWS or credential error that is not the job's own
inline constexpr int kOutputError = 4;  // the job Completed, but an output file could not be written
// 128 + the signal number: 130 for SIGINT, 143 for SIGTERM.
inline int Interrupted(int signal_number) { return 128 + signal_number; }
}  // namespace step_exit

// Any debugger rule evaluation ended in Error.
bool HasRuleError(const TrainingJobDescription& description);

// REQUIRES: IsTerminalJobStatus(description.status).
// kCompleted when the job Completed and no rule is in Error; kJobFailed otherwise.
int ExitCodeForFinishedJob(const TrainingJobDescription& description);

// The managed-spot savings in percent (1 - billable/training), or a negative value when not a spot
// job or the times are unknown.
double SpotSavingsPercent(const TrainingJobDescription& description);

// The summary, one line per entry, without timestamps (the JobLog adds them); the last line states
// the exit code and why.
std::vector<std::string> SummaryLines(const TrainingJobDescription& description, int exit_code);

}  // namespace sagetrain
