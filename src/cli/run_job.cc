// The real I/O wired to the pure core: the process environment, libcurl, the credential chain,
// signals and stdout. Everything below this file is tested with fakes; this file is covered by the
// end-to-end tests against the emulator and moto_server.
#include "cli/run_job.h"

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
#include "common/random.h"
#include "training/training_job_runner.h"

namespace sagetrain {
namespace {

constexpr int kExitInvalidInput = 2;
constexpr int kExitAwsError = 3;

Duration SecondsToDuration(double seconds) {
  return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(seconds));
}

// --verbose: one line per AWS call attempt on stderr. AwsClient's trace lines never hold secrets.
std::function<void(const std::string&)> VerboseTrace(bool verbose) {
  if (!verbose) return nullptr;
  return [](const std::string& line) { std::cerr << "sagemaker-training: [aws] " << line << std::endl; };
}

int Fail(int exit_code, const Status& status) {
  std::cerr << "sagemaker-training: " << status.ToString() << "\n";
  return exit_code;
}

TrainingJobRunOptions RunOptionsFrom(const TrainingJobSpec& spec) {
  TrainingJobRunOptions options;
  options.job_name = spec.job_name;
  options.region = spec.region;
  options.algorithm_name = spec.training_image_resolved.empty() ? spec.algorithm_name : "";
  options.instance_count = spec.instance_count;
  options.poll_interval = SecondsToDuration(spec.poll_interval_seconds);
  options.stop_timeout = SecondsToDuration(spec.stop_timeout_seconds);
  options.outputs = {spec.model_artifact_url_output_path, spec.job_name_output_path,
                     spec.training_image_output_path, spec.ui_metadata_output_path,
                     spec.metrics_output_path,           spec.job_arn_output_path,
                     spec.training_seconds_output_path,  spec.billable_seconds_output_path,
                     spec.final_metrics_output_path,     spec.job_description_output_path,
                     spec.executor_input};
  return options;
}

}  // namespace

int RunTrainingJob(const TrainingJobSpec& spec, const nlohmann::json& create_request) {
  const std::atomic<int>& stop_signal = InstallStopSignalHandlers();
  ProcessEnvironment env;
  CurlGlobalGuard curl;
  if (!curl.status().ok()) return Fail(kExitAwsError, curl.status());

  // Configuration errors in the environment are the user's input too: exit 2, nothing sent.
  StatusOr<RetryOptions> retry = RetryOptionsFromEnvironment(env);
  if (!retry.ok()) return Fail(kExitInvalidInput, retry.status());
  StatusOr<ServiceEndpoint> sagemaker_endpoint =
      ResolveEndpoint(AwsService::kSageMaker, spec.region, env, spec.endpoint_url);
  if (!sagemaker_endpoint.ok()) return Fail(kExitInvalidInput, sagemaker_endpoint.status());
  StatusOr<ServiceEndpoint> logs_endpoint = ResolveEndpoint(AwsService::kCloudWatchLogs, spec.region, env);
  if (!logs_endpoint.ok()) return Fail(kExitInvalidInput, logs_endpoint.status());
  StatusOr<ServiceEndpoint> sts_endpoint = ResolveEndpoint(AwsService::kSts, spec.region, env);
  if (!sts_endpoint.ok()) return Fail(kExitInvalidInput, sts_endpoint.status());

  SystemClock clock;
  SystemSleeper sleeper(&stop_signal);
  SystemRandom random;
  const CurlTransportOptions transport_options = TransportOptionsFromEnvironment(env);
  auto new_transport = [&] { return std::make_shared<CurlTransport>(transport_options); };

  const auto trace = VerboseTrace(spec.verbose);
  AwsClientDependencies sts_deps{new_transport(), nullptr, &clock, &sleeper, &random, trace};
  CredentialsChainOptions chain_options;
  chain_options.assume_role_arn = spec.assume_role;
  std::shared_ptr<CredentialsProvider> credentials = MakeDefaultCredentialsChain(
      chain_options, env, clock, new_transport(),
      MakeAwsClientStsConnectionFactory(*sts_endpoint, sts_deps, *retry));
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
  AwsClient logs_client(*logs_endpoint,
                        {new_transport(), credentials, &clock, &sleeper, &random, trace, &stop_signal},
                        *retry);
  std::unique_ptr<SageMakerConnection> sagemaker = MakeSageMakerConnection(sagemaker_client);
  std::unique_ptr<CloudWatchLogsConnection> logs = MakeCloudWatchLogsConnection(logs_client);

  const TrainingJobRunDependencies deps{*sagemaker, *logs, clock, sleeper, stop_signal, std::cout};
  return SubmitAndFollow(create_request, RunOptionsFrom(spec), deps);
}

}  // namespace sagetrain
