#include "training/job_follower.h"

#include <algorithm>

#include "training/job_summary.h"
#include "training/utc_time.h"

namespace sagetrain {
namespace {

bool IsPersistentDescribeError(const Status& status) {
  return IsPersistentAuthError(status) || status.aws_code() == "ResourceNotFound" ||
         status.aws_code() == "ValidationException";
}

LogTailerOptions TailerOptions(const FollowOptions& options) {
  LogTailerOptions tailer;
  tailer.job_name = options.job_name;
  tailer.instance_count = std::max(options.instance_count, 1);
  tailer.read_interval = options.log_interval;
  tailer.max_idle_interval = std::max(options.log_interval, options.max_log_interval);
  tailer.on_event = options.on_event;
  return tailer;
}

}  // namespace

JobFollower::JobFollower(SageMakerConnection& sagemaker, CloudWatchLogsConnection& logs, Clock& clock,
                         Sleeper& sleeper, const std::atomic<int>& stop_signal, JobLog& log,
                         FollowOptions options)
    : sagemaker_(sagemaker),
      clock_(clock),
      sleeper_(sleeper),
      stop_signal_(stop_signal),
      log_(log),
      options_(std::move(options)),
      warnings_(log),
      tailer_(logs, log, warnings_, TailerOptions(options_)),
      started_(clock.Now()) {}

// Two cadences in one loop: the job's status every poll_interval (at once after a stop request), its
// logs whenever the tailer says a stream is due; the loop sleeps until the earlier of the two.
FollowResult JobFollower::Run() {
  WallTime next_describe = clock_.Now();
  while (true) {
    if (StopIfAsked()) next_describe = clock_.Now();
    if (clock_.Now() >= next_describe) {
      if (DescribeOnce() == Poll::kFatal) return Finish(step_exit::kAwsError);
      next_describe = clock_.Now() + options_.poll_interval;
      if (last_ && IsTerminalJobStatus(last_->status)) break;
      if (StopTimedOut()) return Finish(step_exit::Interrupted(signal_));
      // A signal that cut the describe short is acted on before anything else.
      if (StopIfAsked()) next_describe = clock_.Now();
    }
    if (clock_.Now() >= tailer_.NextDue()) tailer_.Poll(clock_.Now());
    // Nor does one that cut the log reads short wait for the next describe.
    if (StopIfAsked()) next_describe = clock_.Now();
    HeartbeatIfQuiet();
    SleepUntil(std::min(next_describe, tailer_.NextDue()));
  }
  tailer_.Drain(clock_.Now());
  if (signal_ != 0) return Finish(step_exit::Interrupted(signal_));
  return WaitForRules();
}

void JobFollower::SleepUntil(WallTime wake) {
  const WallTime now = clock_.Now();
  if (wake <= now) return;
  sleeper_.SleepFor(std::chrono::ceil<Duration>(wake - now));
}

JobFollower::Poll JobFollower::DescribeOnce() {
  auto answer = sagemaker_.DescribeTrainingJob(options_.job_name);
  StatusOr<TrainingJobDescription> parsed =
      answer.ok() ? ParseTrainingJobDescription(*answer) : StatusOr<TrainingJobDescription>(answer.status());
  if (!parsed.ok()) {
    if (IsPersistentDescribeError(parsed.status())) {
      if (++persistent_failures_ >= options_.max_persistent_failures) {
        log_.Line("error: DescribeTrainingJob failed " + std::to_string(persistent_failures_) +
                  " polls in a row: " + parsed.status().ToString() + "; giving up (job " +
                  options_.job_name + " may still be running)");
        return Poll::kFatal;
      }
    } else {
      persistent_failures_ = 0;
    }
    warnings_.Failed("DescribeTrainingJob", parsed.status());
    return Poll::kContinue;
  }
  persistent_failures_ = 0;
  warnings_.Succeeded("DescribeTrainingJob");
  ReportTransitions(*parsed);
  ReportRuleChanges(*parsed);
  ReportWarmPool(*parsed);
  last_ = std::move(*parsed);
  return IsTerminalJobStatus(last_->status) ? Poll::kEnded : Poll::kContinue;
}

void JobFollower::ReportTransitions(const TrainingJobDescription& description) {
  const WallTime origin = description.creation_time.value_or(started_);
  for (const auto& transition : description.transitions) {
    if (!printed_transitions_.emplace(transition.status, EpochMillis(transition.start_time)).second) {
      continue;
    }
    std::string line = "status " + transition.status + " (after " +
                        FormatElapsed(std::chrono::duration_cast<Duration>(transition.start_time - origin)) +
                        ")";
    if (!transition.message.empty()) line += ": " + transition.message;
    log_.Line(line);
  }
  // From the whole history, not from what was new in this poll: two restarts seen in one poll, or
  // before the previous attempt's streams were all found, must still add an attempt each.
  const int attempt = 1 + RestartsIn(description.transitions);
  if (attempt > attempt_) {
    attempt_ = attempt;
    log_.Line("attempt " + std::to_string(attempt) + " of the job starts (a spot interruption or a RetryStrategy restart)");
  }
  tailer_.ExpectAttempts(attempt);
}

void JobFollower::ReportWarmPool(const TrainingJobDescription& description) {
  if (description.warm_pool_status.empty() || description.warm_pool_status == warm_pool_status_) return;
  warm_pool_status_ = description.warm_pool_status;
  log_.Line("warm pool: " + warm_pool_status_);
}

void JobFollower::ReportRuleChanges(const TrainingJobDescription& description) {
  for (const auto& rule : description.rule_evaluations) {
    std::string& known = rule_statuses_[rule.kind + " " + rule.rule_name];
    if (known == rule.status) continue;
    known = rule.status;
    std::string line = rule.kind + " rule " + rule.rule_name + ": " + rule.status;
    if (!rule.details.empty()) line += " - " + rule.details;
    log_.Line(line);
  }
}

bool JobFollower::StopIfAsked() {
  const int signal_number = stop_signal_.load();
  if (signal_number == 0 || signal_ != 0) return false;
  signal_ = signal_number;
  stop_deadline_ = clock_.Now() + options_.stop_timeout;
  log_.Line("received signal " + std::to_string(signal_number) + ": stopping training job " +
            options_.job_name);
  const Status stopped = sagemaker_.StopTrainingJob(options_.job_name);
  if (!stopped.ok()) log_.Line("warning: StopTrainingJob failed: " + stopped.ToString());
  return true;
}

bool JobFollower::StopTimedOut() {
  if (signal_ == 0 || clock_.Now() < stop_deadline_) return false;
  log_.Line("training job " + options_.job_name + " did not reach Stopped within " +
            FormatElapsed(options_.stop_timeout) + "; exiting (the stop request stands)");
  return true;
}

void JobFollower::HeartbeatIfQuiet() {
  const WallTime now = clock_.Now();
  if (now - log_.last_write().value_or(started_) < options_.heartbeat_interval) return;
  std::string state = last_ ? last_->status + "/" + last_->secondary_status : "not yet described";
  const WallTime origin = last_ && last_->creation_time ? *last_->creation_time : started_;
  log_.Line("still following " + options_.job_name + ": " + state + ", " +
            FormatElapsed(std::chrono::duration_cast<Duration>(now - origin)) + " since creation");
}

FollowResult JobFollower::WaitForRules() {
  while (!AllRulesFinal(*last_)) {
    // The job has ended already, so a signal now only ends the wait; there is nothing to stop.
    if (const int signal_number = stop_signal_.load(); signal_number != 0) {
      signal_ = signal_number;
      log_.Line("received signal " + std::to_string(signal_number) +
                " while waiting for debugger rules; exiting");
      return Finish(step_exit::Interrupted(signal_));
    }
    HeartbeatIfQuiet();
    sleeper_.SleepFor(options_.poll_interval);
    if (DescribeOnce() == Poll::kFatal) return Finish(step_exit::kAwsError);
  }
  return Finish(ExitCodeForFinishedJob(*last_, options_.fail_on_rule_issues));
}

FollowResult JobFollower::Finish(int exit_code) {
  FollowResult result;
  result.exit_code = exit_code;
  result.description = last_;
  result.log_streams = tailer_.stream_names();
  result.signal = signal_;
  return result;
}

}  // namespace sagetrain
