#pragma once
// The SageMaker and CloudWatch Logs operations the program uses, one virtual method per operation
// (google-cloud-cpp's Connection layer). Requests and answers are the services' own JSON shapes, so
// the follower and submitter are unit-tested against scripted fakes; the real implementations
// (MakeSageMakerConnection / MakeCloudWatchLogsConnection) sit on an AwsClient, which signs and
// retries. Errors are typed Statuses carrying the AWS error code.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "training/log_pages.h"

namespace sagetrain {

class AwsClient;

class SageMakerConnection {
 public:
  virtual ~SageMakerConnection() = default;
  // Returns {"TrainingJobArn": ...}. ResourceInUse when the name is taken.
  virtual StatusOr<nlohmann::json> CreateTrainingJob(const nlohmann::json& request) = 0;
  virtual StatusOr<nlohmann::json> DescribeTrainingJob(const std::string& job_name) = 0;
  virtual Status StopTrainingJob(const std::string& job_name) = 0;
  virtual StatusOr<nlohmann::json> DescribeAlgorithm(const std::string& algorithm_name) = 0;
};

class CloudWatchLogsConnection {
 public:
  virtual ~CloudWatchLogsConnection() = default;
  // `request` and the answer are the DescribeLogStreams JSON shapes.
  virtual StatusOr<nlohmann::json> DescribeLogStreams(const nlohmann::json& request) = 0;

  // GetLogEvents of several log streams (`requests`: the GetLogEvents JSON shapes) made together, at
  // most `max_in_flight` on the wire at once; `on_page` is called once per request, with its index,
  // as each page arrives (in any order), with the answer read by ParseLogEventsPageText.
  using PageCallback = std::function<void(std::size_t index, StatusOr<LogEventsPage> page)>;
  virtual void GetLogEventsPages(const std::vector<nlohmann::json>& requests, std::size_t max_in_flight,
                                 const PageCallback& on_page) = 0;
};

// REQUIRES: `client` outlives the connection and points at the matching service.
std::unique_ptr<SageMakerConnection> MakeSageMakerConnection(AwsClient& client);
std::unique_ptr<CloudWatchLogsConnection> MakeCloudWatchLogsConnection(AwsClient& client);

}  // namespace sagetrain
