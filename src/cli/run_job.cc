// The real I/O wired to the pure core: the process environment, libcurl, the credential chain,
// signals and stdout. Everything below this file is tested with fakes; this file is covered by the
// end-to-end tests against the emulator and moto_server.
#include "cli/run_job.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <memory>

#include "aws/core/aws_client.h"
#include "aws/core/endpoints.h"
#include "aws/core/retry_options.h"
#include "aws/credentials/default_chain.h"
#include "aws/credentials/sts_aws_client.h"
#include "aws/http/curl_transport.h"
#include "cli/stop_signals.h"
#include "common/clock.h"
#include "common/environment.h"
#include "common/exit_codes.h"
#include "common/random.h"
#include "common/secret_redaction.h"
#include "common/visible_text.h"
#include "training/training_job_runner.h"

namespace sagetrain {
namespace {

constexpr Duration kLogReadRetryTime{10'000};

Duration SecondsToDuration(double seconds) {
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));
}

// --verbose: one line per AWS call attempt on stderr. AwsClient's trace lines hold no header or
// body, but an error's message is the service's own text: redacted like every printed line.
std::function<void(const std::string&)> VerboseTrace(bool verbose, const SecretRedactor& redactor) {
  if (!verbose) return nullptr;
  return [&redactor](const std::string& line) {
    std::cerr << "sagemaker-training: [aws] " << Visible(redactor.Redact(line)) << std::endl;
  };
}

int Fail(int exit_code, const Status& status, const SecretRedactor& redactor) {
  std::cerr << "sagemaker-training: " << Visible(redactor.Redact(status.ToString())) << "\n";
  return exit_code;
}

// The secrets the program will hold before it has fetched any: from the environment and the token
// files it names (re-read at each redaction, as the files are rotated).
void RememberConfiguredSecrets(const Environment& env, SecretRedactor& redactor) {
  for (const char* name : {"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN"}) {
    redactor.Remember(env.GetNonEmpty(name).value_or(""));
  }
  for (const char* name : {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE"}) {
    redactor.RememberFile(env.GetNonEmpty(name).value_or(""));
  }
}

// The credential chain, remembering every secret it hands out (profile keys, STS, container and
// IMDS credentials, each refresh) so that no message can print one.
class RememberingProvider final : public CredentialsProvider {
 public:
  RememberingProvider(std::shared_ptr<CredentialsProvider> inner, SecretRedactor& redactor)
      : inner_(std::move(inner)), redactor_(redactor) {}
  StatusOr<Credentials> Get() override {
    StatusOr<Credentials> credentials = inner_->Get();
    if (credentials.ok()) {
      redactor_.Remember(credentials->secret_access_key);
      redactor_.Remember(credentials->session_token);
    }
    return credentials;
  }
  void Invalidate() override { inner_->Invalidate(); }
  std::string Name() const override { return inner_->Name(); }

 private:
  std::shared_ptr<CredentialsProvider> inner_;
  SecretRedactor& redactor_;
};

TrainingJobRunOptions RunOptionsFrom(const TrainingJobSpec& spec) {
  TrainingJobRunOptions options;
  options.job_name = spec.job_name;
  options.region = spec.region;
  options.algorithm_name = spec.training_image_resolved.empty() ? spec.algorithm_name : "";
  options.instance_count = spec.instance_count;
  options.attach_only = spec.attach_only;
  options.fail_on_rule_issues = spec.fail_on_rule_issues;
  options.poll_interval = SecondsToDuration(spec.poll_interval_seconds);
  options.stop_timeout = SecondsToDuration(spec.stop_timeout_seconds);
  options.outputs = {spec.model_artifact_url_output_path, spec.job_name_output_path,
                     spec.training_image_output_path, spec.ui_metadata_output_path,
                     spec.metrics_output_path,           spec.curves_output_path,
                     spec.job_arn_output_path,           spec.training_seconds_output_path,
                     spec.billable_seconds_output_path,  spec.final_metrics_output_path,
                     spec.job_description_output_path,   spec.executor_input};
  options.metric_definitions = spec.metric_definitions;
  return options;
}

// The I/O side of a stop request. The calls on the wire when a signal arrives are abandoned at once,
// so that StopTrainingJob goes out within a moment whatever the network does; after the signal nothing
// waits much past --stop_timeout: calls are abandoned and sleeps cut short there (a second later than
// the follower's own deadline, which then ends the follow).
class StopBudget {
 public:
  explicit StopBudget(Duration stop_timeout) : stop_timeout_(stop_timeout) {}

  Status Interrupted(std::chrono::steady_clock::time_point started) const {
    const auto signalled = StopSignalTime();
    if (!signalled) return OkStatus();
    if (*signalled >= started) return Status(StatusCode::kCancelled, "interrupted by a stop signal");
    if (std::chrono::steady_clock::now() >= Deadline(*signalled)) {
      return Status(StatusCode::kCancelled, "abandoned: --stop_timeout after the stop signal has passed");
    }
    return OkStatus();
  }

  // How long a sleep of `duration` may last now.
  Duration Bounded(Duration duration) const {
    const auto signalled = StopSignalTime();
    if (!signalled) return duration;
    const auto left = Deadline(*signalled) - std::chrono::steady_clock::now();
    return std::clamp(std::chrono::duration_cast<Duration>(left), Duration(0), duration);
  }

 private:
  std::chrono::steady_clock::time_point Deadline(std::chrono::steady_clock::time_point signalled) const {
    constexpr Duration kAfterTheFollower{1'000};
    return signalled + stop_timeout_ + kAfterTheFollower;
  }
  Duration stop_timeout_;
};

// The system sleeper, never sleeping past the stop budget.
class BoundedSleeper final : public Sleeper {
 public:
  BoundedSleeper(const std::atomic<int>* interrupt, const StopBudget& budget) : inner_(interrupt), budget_(budget) {}
  void SleepFor(Duration duration) override { inner_.SleepFor(budget_.Bounded(duration)); }

 private:
  SystemSleeper inner_;
  const StopBudget& budget_;
};

}  // namespace

int RunTrainingJob(const TrainingJobSpec& spec, const nlohmann::json& create_request) {
  const std::atomic<int>& stop_signal = InstallStopSignalHandlers();
  ProcessEnvironment env;
  SecretRedactor redactor;
  RememberConfiguredSecrets(env, redactor);
  const auto fail = [&redactor](int exit_code, const Status& status) { return Fail(exit_code, status, redactor); };
  CurlGlobalGuard curl;
  if (!curl.status().ok()) return fail(step_exit::kAwsError, curl.status());

  // Configuration errors in the environment are the user's input too: exit 2, nothing sent.
  StatusOr<RetryOptions> retry = RetryOptionsFromEnvironment(env);
  if (!retry.ok()) return fail(step_exit::kInvalidInput, retry.status());
  StatusOr<ServiceEndpoint> sagemaker_endpoint =
      ResolveEndpoint(AwsService::kSageMaker, spec.region, env, spec.endpoint_url);
  if (!sagemaker_endpoint.ok()) return fail(step_exit::kInvalidInput, sagemaker_endpoint.status());
  StatusOr<ServiceEndpoint> logs_endpoint = ResolveEndpoint(AwsService::kCloudWatchLogs, spec.region, env);
  if (!logs_endpoint.ok()) return fail(step_exit::kInvalidInput, logs_endpoint.status());
  StatusOr<ServiceEndpoint> sts_endpoint = ResolveEndpoint(AwsService::kSts, spec.region, env);
  if (!sts_endpoint.ok()) return fail(step_exit::kInvalidInput, sts_endpoint.status());

  SystemClock clock;
  const StopBudget stop_budget(SecondsToDuration(spec.stop_timeout_seconds));
  BoundedSleeper sleeper(&stop_signal, stop_budget);
  SystemRandom random;
  CurlTransportOptions transport_options = TransportOptionsFromEnvironment(env);
  transport_options.interrupted = [&stop_budget](auto started) { return stop_budget.Interrupted(started); };
  transport_options.wake_fd = StopSignalWakeFd();
  auto new_transport = [&] { return std::make_shared<CurlTransport>(transport_options); };
  // Container credentials and IMDS (loopback and link-local addresses, an authorization token in the
  // request) never go through a proxy, as in the AWS SDKs.
  CurlTransportOptions metadata_options = transport_options;
  metadata_options.use_proxy = false;

  const auto trace = VerboseTrace(spec.verbose, redactor);
  AwsClientDependencies sts_deps{new_transport(), nullptr, &clock, &sleeper, &random, trace};
  CredentialsChainOptions chain_options;
  chain_options.assume_role_arn = spec.assume_role;
  std::shared_ptr<CredentialsProvider> credentials = std::make_shared<RememberingProvider>(
      MakeDefaultCredentialsChain(chain_options, env, clock, std::make_shared<CurlTransport>(metadata_options),
                                  MakeAwsClientStsConnectionFactory(*sts_endpoint, sts_deps, *retry)),
      redactor);
  // Credentials are first fetched when the first call is signed, inside that call's retry loop, so
  // a credentials endpoint that fails once is retried like any other transient failure.
  if (spec.verbose) {
    std::cerr << "sagemaker-training: SageMaker at " << sagemaker_endpoint->url << ", CloudWatch Logs at "
              << logs_endpoint->url << ", STS at " << sts_endpoint->url << std::endl;
  }

  // A stop request ends the retries of the call in progress (a throttled CreateTrainingJob must not
  // create a job after the run was terminated); calls made after it retry as usual.
  AwsClient sagemaker_client(
      *sagemaker_endpoint,
      {new_transport(), credentials, &clock, &sleeper, &random, trace, &stop_signal}, *retry);
  // Log reads share the follow loop with the job's status polls: a read retries for seconds, not
  // minutes (the tailer reads the stream again on its next round), so it never holds the polls up.
  RetryOptions logs_retry = *retry;
  logs_retry.max_retry_time = std::min(logs_retry.max_retry_time, kLogReadRetryTime);
  AwsClient logs_client(*logs_endpoint,
                        {new_transport(), credentials, &clock, &sleeper, &random, trace, &stop_signal},
                        logs_retry);
  std::unique_ptr<SageMakerConnection> sagemaker = MakeSageMakerConnection(sagemaker_client);
  std::unique_ptr<CloudWatchLogsConnection> logs = MakeCloudWatchLogsConnection(logs_client);

  const TrainingJobRunDependencies deps{*sagemaker, *logs, clock, sleeper, stop_signal, std::cout, &redactor};
  return SubmitAndFollow(create_request, RunOptionsFrom(spec), deps);
}

}  // namespace sagetrain
