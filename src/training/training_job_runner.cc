#include "training/training_job_runner.h"

#include "aws/core/partition.h"
#include "curves/curve_summary.h"
#include "curves/curves_page.h"
#include "curves/metric_curves.h"
#include "kfp/ui_metadata.h"
#include "training/job_follower.h"
#include "training/job_log.h"
#include "training/job_submitter.h"
#include "training/job_summary.h"
#include "training/step_outputs.h"

namespace sagetrain {
namespace {

FollowOptions FollowOptionsFrom(const TrainingJobRunOptions& options) {
  FollowOptions follow;
  follow.job_name = options.job_name;
  follow.instance_count = options.instance_count;
  follow.poll_interval = options.poll_interval;
  follow.stop_timeout = options.stop_timeout;
  follow.heartbeat_interval = options.heartbeat_interval;
  follow.fail_on_rule_issues = options.fail_on_rule_issues;
  return follow;
}

void PrintLinks(const TrainingJobRunOptions& options, JobLog& log) {
  const std::string host = PartitionForRegion(options.region).console_host;
  if (host.empty()) return;
  log.Line("SageMaker console: " + TrainingJobConsoleUrl(host, options.region, options.job_name));
  log.Line("CloudWatch logs: " + TrainingJobLogsUrl(host, options.region, options.job_name));
}

// Outputs of a finished job; returns the exit code after writing them.
// A stop request cut the submission short (its retries were abandoned). An earlier attempt may still
// have created the job, its answer lost on the way back, so look: a job found is stopped, as it would
// have been had the submission finished first.
int AbandonSubmission(const std::string& job_name, const TrainingJobRunDependencies& deps, JobLog& log) {
  const int signal_number = deps.stop_signal.load();
  log.Line("received signal " + std::to_string(signal_number) +
           " while submitting; checking whether training job " + job_name + " was created");
  auto described = deps.sagemaker.DescribeTrainingJob(job_name);
  if (described.ok()) {
    const Status stopped = deps.sagemaker.StopTrainingJob(job_name);
    log.Line(stopped.ok() ? "stop requested for training job " + job_name
                          : "could not stop training job " + job_name + ": " + stopped.ToString());
  } else if (described.status().aws_code() == "ValidationException") {
    log.Line("no training job was created");
  } else {
    log.Line("could not tell whether training job " + job_name +
             " exists: " + described.status().ToString());
  }
  return step_exit::Interrupted(signal_number);
}

int WriteOutputs(const TrainingJobRunOptions& options, const TrainingJobRunDependencies& deps,
                 const FollowResult& result, const std::string& curves_html, JobLog& log) {
  const TrainingJobDescription& description = *result.description;
  int exit_code = result.exit_code;
  if (Status ui = WriteKfpUiOutputs(options.outputs, description, options.region, result.log_streams, curves_html);
      !ui.ok()) {
    log.Line("warning: " + ui.ToString());
  }
  if (exit_code != step_exit::kCompleted) return exit_code;
  auto image = ResolveTrainingImage(deps.sagemaker, description, options.algorithm_name);
  if (!image.ok()) {
    log.Line("error: the job completed but its training image is unknown: " + image.status().ToString());
    return step_exit::kAwsError;
  }
  if (Status written = WriteSuccessOutputs(options.outputs, description, *image, options.region); !written.ok()) {
    log.Line("error: the job completed, but an output file could not be written: " + written.ToString());
    return step_exit::kOutputError;
  }
  return exit_code;
}

// The curves page, written to its output path (if any) whatever the job's outcome: the curves of a
// failed or stopped job are the ones a person looks at most.
std::string WriteCurves(const TrainingJobRunOptions& options, const FollowResult& result,
                        const MetricCurves& curves, JobLog& log) {
  const std::string html = CurvesPage(
      {options.job_name, result.description ? StatusText(*result.description) : "", &curves.curves()});
  if (Status written = WriteCurvesOutput(options.outputs, html); !written.ok()) {
    log.Line("warning: " + written.ToString());
  }
  return html;
}

}  // namespace

int SubmitAndFollow(const nlohmann::json& create_request, const TrainingJobRunOptions& options,
                    const TrainingJobRunDependencies& deps) {
  JobLog log(deps.out, deps.clock, deps.redactor);
  if (const int signal_number = deps.stop_signal.load(); signal_number != 0) {
    log.Line("received signal " + std::to_string(signal_number) + " before submitting; nothing to stop");
    return step_exit::Interrupted(signal_number);
  }
  MetricCurves curves(options.metric_definitions);
  for (const auto& warning : curves.warnings()) log.Line(warning);
  auto submitted = options.attach_only ? AttachOnly(deps.sagemaker, options.job_name, log)
                                       : SubmitOrAttach(deps.sagemaker, create_request, log);
  if (!submitted.ok()) {
    if (submitted.status().code() == StatusCode::kCancelled) {
      return AbandonSubmission(options.job_name, deps, log);
    }
    log.Line("error: " + submitted.status().ToString());
    return step_exit::kAwsError;
  }
  PrintLinks(options, log);
  FollowOptions follow = FollowOptionsFrom(options);
  if (!curves.empty()) {
    follow.on_event = [&curves](std::string_view instance, std::int64_t timestamp_ms, std::string_view message) {
      curves.Observe(instance, timestamp_ms, message);
    };
  }
  JobFollower follower(deps.sagemaker, deps.logs, deps.clock, deps.sleeper, deps.stop_signal, log, follow);
  const FollowResult result = follower.Run();
  int exit_code = result.exit_code;
  const std::string curves_html = WriteCurves(options, result, curves, log);
  if (!result.description) {
    log.Line("training job " + options.job_name + " was never described; exit code " +
             std::to_string(exit_code));
    return exit_code;
  }
  if (IsTerminalJobStatus(result.description->status)) {
    exit_code = WriteOutputs(options, deps, result, curves.empty() ? "" : curves_html, log);
  }
  std::vector<std::string> summary = SummaryLines(*result.description, exit_code, options.fail_on_rule_issues);
  const std::vector<std::string> curve_lines = CurveSummaryLines(curves.curves());
  summary.insert(summary.end() - 1, curve_lines.begin(), curve_lines.end());  // before the exit code
  for (const auto& line : summary) log.Line(line);
  return exit_code;
}

}  // namespace sagetrain
