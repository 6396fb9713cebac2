#pragma once
// The end of a step: which exit code a finished job means, and the summary a person reads last
// (status, failure reason, training and billable seconds, managed-spot savings, artifact, final
// metrics, debugger rule results). Pure; thread-safe.
#include <string>
#include <vector>

#include "common/exit_codes.h"
#include "training/job_description.h"

namespace sagetrain {

// Any debugger rule evaluation ended in Error.
bool HasRuleError(const TrainingJobDescription& description);

// REQUIRES: IsTerminalJobStatus(description.status).
// kCompleted when the job Completed and no rule is in Error (nor, with `fail_on_rule_issues`, in
// IssuesFound); kJobFailed otherwise.
int ExitCodeForFinishedJob(const TrainingJobDescription& description, bool fail_on_rule_issues = false);

// The managed-spot savings in percent (1 - billable/training), or a negative value when not a spot
// job or the times are unknown.
double SpotSavingsPercent(const TrainingJobDescription& description);

// The summary, one line per entry, without timestamps (the JobLog adds them); the last line states
// the exit code and why.
std::vector<std::string> SummaryLines(const TrainingJobDescription& description, int exit_code,
                                      bool fail_on_rule_issues = false);

}  // namespace sagetrain
