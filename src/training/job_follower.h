#pragma once
// JobFollower: follows one submitted training job to its end, printing what a person needs to see.
//
// Every `poll_interval` it describes the job and prints each new secondary status transition once
// (with its message and the time elapsed since the job's creation). On their own cadence (every
// `log_interval` while lines flow, backing off to `max_log_interval` when idle) it reads the
// CloudWatch logs of every instance (LogTailer). It prints a heartbeat when nothing was printed for
// `heartbeat_interval`.
// After a terminal status it drains the logs and waits until every debugger rule evaluation is final.
//
// Errors: a failed call (already retried by the AwsClient) is a warning and the loop goes on; only
// DescribeTrainingJob failing `max_persistent_failures` polls in a row with an error waiting cannot
// fix (access denied, rejected credentials, job not found) ends the follow with exit code 3.
//
// Stopping: once `stop_signal` is non-zero, StopTrainingJob is called exactly once; following goes on
// until the job is Stopped (or otherwise ended) or `stop_timeout` has elapsed; the result is then
// 128 + the signal. Not thread-safe, except that `stop_signal` may be set from a signal handler.
#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "training/call_warnings.h"
#include "training/job_description.h"
#include "training/job_log.h"
#include "training/log_tailer.h"
#include "training/sagemaker_connection.h"

namespace sagetrain {

struct FollowOptions {
  std::string job_name;
  int instance_count = 1;                  // default 1: log streams to expect
  Duration poll_interval{30'000};          // default 30 s: DescribeTrainingJob
  Duration log_interval{3'000};            // default 3 s: a log stream with lines flowing
  Duration max_log_interval{15'000};       // default 15 s: an idle log stream
  Duration stop_timeout{25'000};           // default 25 s: within Kubernetes' 30 s grace period
  Duration heartbeat_interval{300'000};    // default 5 min
  int max_persistent_failures = 3;         // default 3 polls
  bool fail_on_rule_issues = false;        // default false: IssuesFound is reported only
  LogEventCallback on_event = nullptr;     // default none: sees every log event printed
};

struct FollowResult {
  int exit_code = 0;  // see step_exit in job_summary.h
  std::optional<TrainingJobDescription> description;  // the last one seen; nullopt if none
  std::vector<std::string> log_streams;
  int signal = 0;  // the stop signal acted on; 0 when not interrupted
};

class JobFollower {
 public:
  // REQUIRES: every reference outlives the follower.
  JobFollower(SageMakerConnection& sagemaker, CloudWatchLogsConnection& logs, Clock& clock,
              Sleeper& sleeper, const std::atomic<int>& stop_signal, JobLog& log,
              FollowOptions options);

  FollowResult Run();

 private:
  enum class Poll { kContinue, kEnded, kFatal };

  Poll DescribeOnce();
  void ReportTransitions(const TrainingJobDescription& description);
  void ReportRuleChanges(const TrainingJobDescription& description);
  void ReportWarmPool(const TrainingJobDescription& description);
  // Acts on a new stop request (StopTrainingJob once); true when it did.
  bool StopIfAsked();
  void SleepUntil(WallTime wake);
  void HeartbeatIfQuiet();
  bool StopTimedOut();
  FollowResult WaitForRules();
  FollowResult Finish(int exit_code);

  SageMakerConnection& sagemaker_;
  Clock& clock_;
  Sleeper& sleeper_;
  const std::atomic<int>& stop_signal_;
  JobLog& log_;
  FollowOptions options_;
  CallWarnings warnings_;
  LogTailer tailer_;
  WallTime started_;
  std::optional<TrainingJobDescription> last_;
  std::set<std::pair<std::string, std::int64_t>> printed_transitions_;
  std::map<std::string, std::string> rule_statuses_;
  int attempt_ = 1;               // the job's attempt last reported: 1 + restarts
  std::string warm_pool_status_;  // WarmPoolStatus.Status last reported; "" before any
  int persistent_failures_ = 0;
  int signal_ = 0;
  WallTime stop_deadline_{};
};

}  // namespace sagetrain
