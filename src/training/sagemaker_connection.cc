#include "training/sagemaker_connection.h"

#include <utility>

#include "aws/core/aws_client.h"

namespace sagetrain {
namespace {

class AwsSageMakerConnection final : public SageMakerConnection {
 public:
  explicit AwsSageMakerConnection(AwsClient& client) : client_(client) {}

  StatusOr<nlohmann::json> CreateTrainingJob(const nlohmann::json& request) override {
    return client_.CallJson("SageMaker.CreateTrainingJob", request);
  }
  StatusOr<nlohmann::json> DescribeTrainingJob(const std::string& job_name) override {
    return client_.CallJson("SageMaker.DescribeTrainingJob", {{"TrainingJobName", job_name}});
  }
  Status StopTrainingJob(const std::string& job_name) override {
    auto answer = client_.CallJson("SageMaker.StopTrainingJob", {{"TrainingJobName", job_name}});
    return answer.ok() ? OkStatus() : answer.status();
  }
  StatusOr<nlohmann::json> DescribeAlgorithm(const std::string& algorithm_name) override {
    return client_.CallJson("SageMaker.DescribeAlgorithm", {{"AlgorithmName", algorithm_name}});
  }

 private:
  AwsClient& client_;
};

class AwsCloudWatchLogsConnection final : public CloudWatchLogsConnection {
 public:
  explicit AwsCloudWatchLogsConnection(AwsClient& client) : client_(client) {}

  StatusOr<nlohmann::json> DescribeLogStreams(const nlohmann::json& request) override {
    return client_.CallJson("Logs_20140328.DescribeLogStreams", request);
  }
  void GetLogEventsPages(const std::vector<nlohmann::json>& requests, std::size_t max_in_flight,
                         const PageCallback& on_page) override {
    client_.CallJsonTextEach("Logs_20140328.GetLogEvents", requests, max_in_flight,
                             [&on_page](std::size_t index, StatusOr<std::string> body) {
                               if (!body.ok()) return on_page(index, body.status());
                               on_page(index, ParseLogEventsPageText(*body));
                             });
  }

 private:
  AwsClient& client_;
};

}  // namespace

std::unique_ptr<SageMakerConnection> MakeSageMakerConnection(AwsClient& client) {
  return std::make_unique<AwsSageMakerConnection>(client);
}

std::unique_ptr<CloudWatchLogsConnection> MakeCloudWatchLogsConnection(AwsClient& client) {
  return std::make_unique<AwsCloudWatchLogsConnection>(client);
}

}  // namespace sagetrain
