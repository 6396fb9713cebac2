#pragma once
// SubmitAndFollow: the whole life of one training step after its request is built (DESIGN.md §2 steps
// 4-8): submit or attach, follow to the end (status, logs of every instance, debugger rules, stop on
// signal), write the outputs, print the summary. The metric curves taken from the log are written once
// the follow ends, whatever the job's outcome (also when a stop signal ended it). Returns the process exit code:
//   0   the job Completed and no debugger rule is in Error (outputs written)
//   1   the job Failed / Stopped / MaxRuntimeExceeded, a rule is in Error, or an output could not be
//       written
//   3   an AWS or credential error that is not the job's own (including a different job of that name)
//   128 + signal (130 SIGINT, 143 SIGTERM) when stopped by a signal, after StopTrainingJob
// All I/O comes in through `TrainingJobRunDependencies`, so the whole step runs in unit tests with
// scripted connections and a fake clock. Not thread-safe; `stop_signal` may be set by a signal handler.
#include <atomic>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.h"
#include "common/secret_redaction.h"
#include "kfp/output_paths.h"
#include "training/sagemaker_connection.h"

namespace sagetrain {

struct TrainingJobRunOptions {
  std::string job_name;        // REQUIRED: the request's TrainingJobName
  std::string region;          // REQUIRED: for console links (partition from the region)
  std::string algorithm_name;  // "" when an image was given; else training_image is read back with
                               // DescribeAlgorithm
  int instance_count = 1;                // default 1: log streams to expect
  Duration poll_interval{30'000};        // default 30 s
  Duration stop_timeout{25'000};         // default 25 s: fits Kubernetes' 30 s grace period
  Duration heartbeat_interval{300'000};  // default 5 min
  OutputPaths outputs;                   // default: none written
  bool attach_only = false;              // default false: true follows the existing job_name, creating nothing
  bool fail_on_rule_issues = false;      // default false: true makes a rule ending IssuesFound fail the step
  // (Name, Regex) of the job's metric_definitions, whose curves are drawn from its log; default none.
  std::vector<std::pair<std::string, std::string>> metric_definitions;
};

struct TrainingJobRunDependencies {
  SageMakerConnection& sagemaker;
  CloudWatchLogsConnection& logs;
  Clock& clock;
  Sleeper& sleeper;
  const std::atomic<int>& stop_signal;  // 0: keep going; otherwise the signal number received
  std::ostream& out;                    // the log a person reads; flushed per line
  const SecretRedactor* redactor = nullptr;  // the secrets no line may show; null: none known
};

// REQUIRES: `create_request` is the CreateTrainingJob JSON whose TrainingJobName is options.job_name,
// or, with options.attach_only, ignored (a job that does not exist is then exit code 3).
int SubmitAndFollow(const nlohmann::json& create_request, const TrainingJobRunOptions& options,
                    const TrainingJobRunDependencies& deps);

}  // namespace sagetrain
