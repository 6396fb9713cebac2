#pragma once
// Scripted SageMaker and CloudWatch Logs connections for the follower's unit tests. Both read the
// shared FakeClock, so what they answer depends on the (fake) time of the call, like the services:
// the job's description follows a timeline, and a log event is visible once its timestamp has passed.
#include <algorithm>
#include <atomic>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/fake_clock.h"
#include "common/status.h"
#include "training/sagemaker_connection.h"
#include "training/utc_time.h"

namespace sagetrain::testing {

inline Status AwsError(const std::string& code, const std::string& message = "scripted", int http = 400) {
  return Status(StatusCode::kAwsError, message, AwsErrorDetails{code, http, "req-1"});
}

inline const WallTime kStart = WallTime(std::chrono::seconds(1'700'000'000));

inline double EpochSeconds(Duration offset) {
  return static_cast<double>(EpochMillis(kStart + offset)) / 1000.0;
}

// A DescribeTrainingJob answer; transitions are (status, start offset, message).
inline nlohmann::json JobJson(const std::string& name, const std::string& status,
                              const std::string& secondary,
                              const std::vector<std::tuple<std::string, Duration, std::string>>& transitions = {}) {
  nlohmann::json job = {{"TrainingJobName", name},
                        {"TrainingJobArn", "arn:aws:sagemaker:us-east-1:123456789012:training-job/" + name},
                        {"TrainingJobStatus", status},
                        {"SecondaryStatus", secondary},
                        {"CreationTime", EpochSeconds(Duration(0))},
                        {"ModelArtifacts", {{"S3ModelArtifacts", "s3://bucket/out/" + name + "/output/model.tar.gz"}}},
                        {"AlgorithmSpecification", {{"TrainingImage", "123.dkr.ecr.us-east-1.amazonaws.com/img:1"},
                                                    {"TrainingInputMode", "File"}}},
                        {"ResourceConfig", {{"InstanceCount", 1}, {"InstanceType", "ml.m5.xlarge"}, {"VolumeSizeInGB", 10}}},
                        {"StoppingCondition", {{"MaxRuntimeInSeconds", 3600}}}};
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [st, offset, message] : transitions) {
    list.push_back({{"Status", st}, {"StartTime", EpochSeconds(offset)}, {"StatusMessage", message}});
  }
  job["SecondaryStatusTransitions"] = list;
  return job;
}

class FakeSageMaker final : public SageMakerConnection {
 public:
  explicit FakeSageMaker(FakeClock& clock) : clock_(clock) {}

  // The description from `offset` (since kStart) on.
  void At(Duration offset, nlohmann::json description) { timeline_.emplace_back(offset, std::move(description)); }
  // After StopTrainingJob, the job is Stopped this long later (never when unset).
  std::optional<Duration> stops_after;
  std::vector<StatusOr<nlohmann::json>> create_answers;  // consumed in order; default: success
  std::map<int, Status> describe_failures;               // call index (0-based) -> error
  Status describe_failure_always;                         // when not OK, every call fails
  std::map<std::string, nlohmann::json> algorithms;

  int create_calls = 0, describe_calls = 0, stop_calls = 0, describe_algorithm_calls = 0;
  std::vector<nlohmann::json> create_requests;

  StatusOr<nlohmann::json> CreateTrainingJob(const nlohmann::json& request) override {
    create_requests.push_back(request);
    const int index = create_calls++;
    if (index < static_cast<int>(create_answers.size())) return create_answers[static_cast<std::size_t>(index)];
    return nlohmann::json{{"TrainingJobArn", "arn:aws:sagemaker:us-east-1:123456789012:training-job/x"}};
  }

  StatusOr<nlohmann::json> DescribeTrainingJob(const std::string&) override {
    const int index = describe_calls++;
    if (!describe_failure_always.ok()) return describe_failure_always;
    if (auto it = describe_failures.find(index); it != describe_failures.end()) return it->second;
    const Duration now = std::chrono::duration_cast<Duration>(clock_.Now() - kStart);
    if (stop_time_ && stops_after && now >= *stop_time_ + *stops_after) {
      nlohmann::json stopped = Current(now);
      stopped["TrainingJobStatus"] = "Stopped";
      stopped["SecondaryStatus"] = "Stopped";
      stopped["SecondaryStatusTransitions"].push_back(
          {{"Status", "Stopped"}, {"StartTime", EpochSeconds(*stop_time_ + *stops_after)},
           {"StatusMessage", "Training job stopped"}});
      return stopped;
    }
    if (stop_time_) {
      nlohmann::json stopping = Current(now);
      stopping["TrainingJobStatus"] = "Stopping";
      return stopping;
    }
    return Current(now);
  }

  Status StopTrainingJob(const std::string&) override {
    ++stop_calls;
    if (!stop_time_) stop_time_ = std::chrono::duration_cast<Duration>(clock_.Now() - kStart);
    return OkStatus();
  }

  StatusOr<nlohmann::json> DescribeAlgorithm(const std::string& name) override {
    ++describe_algorithm_calls;
    auto it = algorithms.find(name);
    if (it == algorithms.end()) return AwsError("ValidationException", "no such algorithm");
    return it->second;
  }

 private:
  nlohmann::json Current(Duration now) const {
    nlohmann::json current = timeline_.empty() ? nlohmann::json() : timeline_.front().second;
    for (const auto& [offset, description] : timeline_) {
      if (offset <= now) current = description;
    }
    return current;
  }

  FakeClock& clock_;
  std::vector<std::pair<Duration, nlohmann::json>> timeline_;
  std::optional<Duration> stop_time_;
};

// A CloudWatch Logs group holding streams whose events become visible at their timestamps.
class FakeLogs final : public CloudWatchLogsConnection {
 public:
  struct Stream {
    std::string name;
    Duration visible_from{0};
    std::vector<std::pair<std::int64_t, std::string>> events;  // (timestamp ms, message), in order
  };

  explicit FakeLogs(FakeClock& clock) : clock_(clock) {}

  Duration group_created{0};
  std::size_t streams_page_size = 50;
  std::size_t events_page_size = 10'000;
  std::vector<Stream> streams;
  std::map<int, Status> describe_failures;  // DescribeLogStreams call index -> error
  std::map<int, Status> get_failures;       // GetLogEvents call index -> error

  int describe_calls = 0, get_calls = 0;
  std::vector<Duration> describe_call_times;
  std::map<std::string, std::vector<Duration>> get_call_times;  // per stream

  StatusOr<nlohmann::json> DescribeLogStreams(const nlohmann::json& request) override {
    const int index = describe_calls++;
    const Duration now = Now();
    describe_call_times.push_back(now);
    if (auto it = describe_failures.find(index); it != describe_failures.end()) return it->second;
    if (now < group_created) return AwsError("ResourceNotFoundException", "The specified log group does not exist.");
    const std::string prefix = request.value("logStreamNamePrefix", "");
    std::vector<std::string> visible;
    for (const auto& stream : streams) {
      if (stream.visible_from <= now && stream.name.starts_with(prefix)) visible.push_back(stream.name);
    }
    std::sort(visible.begin(), visible.end());
    const std::size_t begin = request.contains("nextToken") ? std::stoul(request["nextToken"].get<std::string>()) : 0;
    const std::size_t end = std::min(visible.size(), begin + streams_page_size);
    nlohmann::json answer = {{"logStreams", nlohmann::json::array()}};
    for (std::size_t i = begin; i < end; ++i) answer["logStreams"].push_back({{"logStreamName", visible[i]}});
    if (end < visible.size()) answer["nextToken"] = std::to_string(end);
    return answer;
  }

  // Each page as the service's answer body, read by the production parser, one request after another.
  void GetLogEventsPages(const std::vector<nlohmann::json>& requests, std::size_t /*max_in_flight*/,
                         const PageCallback& on_page) override {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      StatusOr<nlohmann::json> answer = GetLogEventsAnswer(requests[i]);
      if (!answer.ok()) {
        on_page(i, answer.status());
      } else {
        on_page(i, ParseLogEventsPageText(answer->dump()));
      }
    }
  }

  // The GetLogEvents answer to `request` at the clock's time.
  StatusOr<nlohmann::json> GetLogEventsAnswer(const nlohmann::json& request) {
    const int index = get_calls++;
    const std::string name = request.at("logStreamName").get<std::string>();
    get_call_times[name].push_back(Now());
    if (auto it = get_failures.find(index); it != get_failures.end()) return it->second;
    if (!request.value("startFromHead", false)) return AwsError("InvalidParameterException", "expected startFromHead");
    const Stream* stream = Find(name);
    if (stream == nullptr || stream->visible_from > Now()) return AwsError("ResourceNotFoundException", "no stream");
    std::size_t position = 0;
    if (request.contains("nextToken")) position = std::stoul(request["nextToken"].get<std::string>().substr(2));
    const std::int64_t now_ms = EpochMillis(clock_.Now());
    nlohmann::json answer = {{"events", nlohmann::json::array()}};
    std::size_t end = position;
    while (end < stream->events.size() && end - position < events_page_size &&
           stream->events[end].first <= now_ms) {
      answer["events"].push_back({{"timestamp", stream->events[end].first},
                                  {"message", stream->events[end].second},
                                  {"ingestionTime", stream->events[end].first + 5}});
      ++end;
    }
    answer["nextForwardToken"] = "f/" + std::to_string(end);
    answer["nextBackwardToken"] = "b/" + std::to_string(position);
    return answer;
  }

 private:
  Duration Now() const { return std::chrono::duration_cast<Duration>(clock_.Now() - kStart); }
  const Stream* Find(const std::string& name) const {
    for (const auto& stream : streams) {
      if (stream.name == name) return &stream;
    }
    return nullptr;
  }

  FakeClock& clock_;
};

// A sleeper that raises a signal flag at the end of the first sleep that reaches `at` (since kStart),
// and again at every later one, to show a second raise changes nothing; it advances the fake clock
// like FakeClock does.
class SignallingSleeper final : public Sleeper {
 public:
  SignallingSleeper(FakeClock& clock, std::atomic<int>& flag, int signal_number, Duration at)
      : clock_(clock), flag_(flag), signal_(signal_number), at_(at) {}
  void SleepFor(Duration duration) override {
    clock_.SleepFor(duration);
    if (clock_.Now() - kStart >= at_) flag_.store(signal_);
  }

 private:
  FakeClock& clock_;
  std::atomic<int>& flag_;
  int signal_;
  Duration at_;
};

}  // namespace sagetrain::testing
