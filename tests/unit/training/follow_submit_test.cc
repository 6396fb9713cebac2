// Idempotent submission: create once; on ResourceInUse attach to an identical job (tolerating the
// defaults the service fills in) or name the fields that differ and exit 3.
#include <gtest/gtest.h>

#include "training/follow_harness.h"
#include "training/request_comparison.h"

namespace sagetrain::testing {
namespace {

using std::chrono::minutes;

nlohmann::json Request() {
  return nlohmann::json::parse(R"json({
    "TrainingJobName": "job",
    "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
    "AlgorithmSpecification": {"TrainingImage": "123.dkr.ecr.us-east-1.amazonaws.com/img:1",
                               "TrainingInputMode": "File",
                               "MetricDefinitions": [{"Name": "loss", "Regex": "loss=(\\S+)"}]},
    "HyperParameters": {"epochs": "10", "lr": "0.1"},
    "InputDataConfig": [
      {"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/train"}}},
      {"ChannelName": "test", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/test"}}}],
    "OutputDataConfig": {"S3OutputPath": "s3://b/out"},
    "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30},
    "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
    "EnableManagedSpotTraining": false,
    "Tags": [{"Key": "team", "Value": "ml"}]
  })json");
}

// What DescribeTrainingJob answers for that request: the same values plus the service's defaults.
nlohmann::json Described() {
  auto job = nlohmann::json::parse(R"json({
    "TrainingJobName": "job", "TrainingJobStatus": "InProgress", "SecondaryStatus": "Starting",
    "TrainingJobArn": "arn:aws:sagemaker:us-east-1:123456789012:training-job/job",
    "CreationTime": 1700000000.123,
    "ModelArtifacts": {"S3ModelArtifacts": ""},
    "RoleArn": "arn:aws:iam::123456789012:role/SageMakerRole",
    "AlgorithmSpecification": {"TrainingImage": "123.dkr.ecr.us-east-1.amazonaws.com/img:1",
                               "TrainingInputMode": "File",
                               "MetricDefinitions": [{"Name": "loss", "Regex": "loss=(\\S+)"}],
                               "EnableSageMakerMetricsTimeSeries": false},
    "HyperParameters": {"lr": "0.1", "epochs": "10"},
    "InputDataConfig": [
      {"ChannelName": "test", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/test",
        "S3DataDistributionType": "FullyReplicated"}}, "CompressionType": "None", "RecordWrapperType": "None"},
      {"ChannelName": "train", "DataSource": {"S3DataSource": {"S3DataType": "S3Prefix", "S3Uri": "s3://b/train",
        "S3DataDistributionType": "FullyReplicated"}}, "CompressionType": "None", "RecordWrapperType": "None",
        "InputMode": "File"}],
    "OutputDataConfig": {"S3OutputPath": "s3://b/out", "KmsKeyId": "", "CompressionType": "GZIP"},
    "ResourceConfig": {"InstanceType": "ml.m5.xlarge", "InstanceCount": 2, "VolumeSizeInGB": 30,
                       "KeepAlivePeriodInSeconds": 0, "InstanceGroups": []},
    "StoppingCondition": {"MaxRuntimeInSeconds": 86400},
    "EnableNetworkIsolation": false, "EnableInterContainerTrafficEncryption": false,
    "EnableManagedSpotTraining": false,
    "ProfilerConfig": {"S3OutputPath": "s3://b/out", "ProfilingIntervalInMilliseconds": 500},
    "SecondaryStatusTransitions": []
  })json");
  return job;
}

TEST(RequestComparisonTest, IdenticalJobWithServiceDefaultsMatches) {
  EXPECT_EQ(DifferingJobFields(Request(), Described()), std::vector<std::string>{});
}

TEST(RequestComparisonTest, NamesEveryDifferingField) {
  auto described = Described();
  described["ResourceConfig"]["InstanceType"] = "ml.p3.2xlarge";
  described["HyperParameters"]["epochs"] = "20";
  described["InputDataConfig"][1]["DataSource"]["S3DataSource"]["S3Uri"] = "s3://b/other";
  described["VpcConfig"] = {{"SecurityGroupIds", {"sg-1"}}, {"Subnets", {"subnet-1"}}};
  described["RoleArn"] = "arn:aws:iam::123456789012:role/Other";
  EXPECT_EQ(DifferingJobFields(Request(), described),
            (std::vector<std::string>{"RoleArn", "InputDataConfig[train].DataSource.S3DataSource.S3Uri",
                                      "ResourceConfig.InstanceType", "HyperParameters.epochs", "VpcConfig"}));
}

TEST(RequestComparisonTest, MissingChannelAndSpotAndStoppingConditionDiffer) {
  auto described = Described();
  described["InputDataConfig"].erase(0);
  described["EnableManagedSpotTraining"] = true;
  described["StoppingCondition"]["MaxWaitTimeInSeconds"] = 90000;
  EXPECT_EQ(DifferingJobFields(Request(), described),
            (std::vector<std::string>{"InputDataConfig[test]", "StoppingCondition.MaxWaitTimeInSeconds",
                                      "EnableManagedSpotTraining"}));
}

TEST(RequestComparisonTest, AlgorithmByNameMatchesItsArnAndVpcListsInAnyOrder) {
  auto request = Request();
  request["AlgorithmSpecification"] = {{"AlgorithmName", "my-algo"}, {"TrainingInputMode", "File"}};
  request["VpcConfig"] = {{"SecurityGroupIds", {"sg-1", "sg-2"}}, {"Subnets", {"subnet-1"}}};
  auto described = Described();
  described["AlgorithmSpecification"] = {
      {"AlgorithmName", "arn:aws:sagemaker:us-east-1:123456789012:algorithm/my-algo"},
      {"TrainingImage", "img-from-algorithm"}, {"TrainingInputMode", "File"}};
  described["VpcConfig"] = {{"SecurityGroupIds", {"sg-2", "sg-1"}}, {"Subnets", {"subnet-1"}}};
  EXPECT_EQ(DifferingJobFields(request, described), std::vector<std::string>{});
  described["AlgorithmSpecification"]["AlgorithmName"] = "arn:aws:sagemaker:us-east-1:123456789012:algorithm/x-my-algo";
  EXPECT_EQ(DifferingJobFields(request, described), std::vector<std::string>{"AlgorithmSpecification.AlgorithmName"});
}

TEST(RequestComparisonTest, EveryMemberSentIsCompared) {
  nlohmann::json request = Request();
  request["ResourceConfig"]["KeepAlivePeriodInSeconds"] = 1200;
  request["ExperimentConfig"] = {{"ExperimentName", "e"}};
  request["SessionChainingConfig"] = {{"EnableSessionTagChaining", true}};  // not described: not compared
  nlohmann::json described = Described();
  described["ResourceConfig"]["KeepAlivePeriodInSeconds"] = 600;
  EXPECT_EQ(DifferingJobFields(request, described),
            (std::vector<std::string>{"ResourceConfig.KeepAlivePeriodInSeconds", "ExperimentConfig"}));
  described["ResourceConfig"]["KeepAlivePeriodInSeconds"] = 1200;
  described["ExperimentConfig"] = {{"ExperimentName", "e"}};
  EXPECT_EQ(DifferingJobFields(request, described), std::vector<std::string>{});
}

TEST(FollowSubmitTest, ResourceInUseWithTheSameJobAttachesAndFollowsIt) {
  FollowHarness harness;
  harness.request = Request();
  harness.sagemaker.create_answers.push_back(AwsError("ResourceInUse", "Training job names must be unique"));
  auto running = Described();
  harness.sagemaker.At(Duration(0), running);
  auto done = Described();
  done["TrainingJobStatus"] = "Completed";
  done["SecondaryStatus"] = "Completed";
  done["ModelArtifacts"]["S3ModelArtifacts"] = "s3://b/out/job/output/model.tar.gz";
  harness.sagemaker.At(minutes(3), done);

  EXPECT_EQ(harness.Run(), 0);
  EXPECT_EQ(harness.sagemaker.create_calls, 1);
  EXPECT_TRUE(harness.Printed("attaching to existing job job (status InProgress)"));
  EXPECT_TRUE(harness.Printed("training job job: Completed"));
}

TEST(FollowSubmitTest, ResourceInUseWithADifferentJobExitsThreeNamingTheFields) {
  FollowHarness harness;
  harness.request = Request();
  harness.sagemaker.create_answers.push_back(AwsError("ResourceInUse", "Training job names must be unique"));
  auto other = Described();
  other["ResourceConfig"]["InstanceCount"] = 4;
  other["HyperParameters"]["lr"] = "0.2";
  harness.sagemaker.At(Duration(0), other);

  EXPECT_EQ(harness.Run(), 3);
  EXPECT_TRUE(harness.Printed("already exists with different settings (ResourceConfig.InstanceCount, HyperParameters.lr)"));
  EXPECT_EQ(harness.sagemaker.describe_calls, 1);
  EXPECT_EQ(harness.logs.describe_calls + harness.logs.get_calls, 0);
  EXPECT_EQ(harness.sagemaker.stop_calls, 0);
}

TEST(FollowSubmitTest, OtherCreateErrorsExitThreeWithTheServiceMessage) {
  FollowHarness harness;
  harness.request = Request();
  harness.sagemaker.create_answers.push_back(
      AwsError("ValidationException", "1 validation error detected: Value 'ml.bogus' at 'resourceConfig.instanceType'"));

  EXPECT_EQ(harness.Run(), 3);
  EXPECT_TRUE(harness.Printed("error: ValidationException (HTTP 400, request id req-1): training job job: 1 validation error"));
  EXPECT_EQ(harness.sagemaker.describe_calls, 0);
}

TEST(FollowSubmitTest, AttachingToAFinishedJobFollowsItToItsImmediateEnd) {
  FollowHarness harness;
  harness.request = Request();
  harness.sagemaker.create_answers.push_back(AwsError("ResourceInUse", "exists"));
  auto done = Described();
  done["TrainingJobStatus"] = "Completed";
  done["SecondaryStatus"] = "Completed";
  harness.sagemaker.At(Duration(0), done);

  EXPECT_EQ(harness.Run(), 0);
  EXPECT_TRUE(harness.clock.sleeps.empty());
}

}  // namespace
}  // namespace sagetrain::testing

namespace sagetrain::testing {
namespace {

// A SageMaker whose CreateTrainingJob is interrupted by a signal: the flag is raised during the call
// and the client abandons its retries (kCancelled), as AwsClient does on a stop request.
struct SignalDuringCreate final : SageMakerConnection {
  SignalDuringCreate(FakeSageMaker& fake, std::atomic<int>& stop, int signal_number)
      : inner(fake), flag(stop), signal(signal_number) {}
  StatusOr<nlohmann::json> CreateTrainingJob(const nlohmann::json&) override {
    flag.store(signal);
    return Status(StatusCode::kCancelled, "stopped retrying on a stop request; last failure: throttled",
                  AwsErrorDetails{"ThrottlingException", 400, "req-1"});
  }
  StatusOr<nlohmann::json> DescribeTrainingJob(const std::string& n) override { return inner.DescribeTrainingJob(n); }
  Status StopTrainingJob(const std::string& n) override { return inner.StopTrainingJob(n); }
  StatusOr<nlohmann::json> DescribeAlgorithm(const std::string& n) override { return inner.DescribeAlgorithm(n); }

  FakeSageMaker& inner;
  std::atomic<int>& flag;
  int signal;
};

int RunWith(FollowHarness& harness, SageMakerConnection& sagemaker) {
  TrainingJobRunDependencies deps{sagemaker, harness.logs, harness.clock, harness.clock, harness.stop, harness.out};
  return SubmitAndFollow(harness.request, harness.options, deps);
}

// SIGTERM while CreateTrainingJob was being retried and no attempt reached the service: no job,
// nothing to stop, exit 143.
TEST(FollowSubmitTest, StopDuringSubmissionWithNoJobExitsWithoutStopping) {
  FollowHarness harness;
  harness.request = Request();
  harness.sagemaker.describe_failure_always = AwsError("ValidationException", "Requested resource not found.");
  SignalDuringCreate sagemaker(harness.sagemaker, harness.stop, 15);

  EXPECT_EQ(RunWith(harness, sagemaker), 143);
  EXPECT_EQ(harness.sagemaker.stop_calls, 0);
  EXPECT_TRUE(harness.Printed("no training job was created"));
}

// SIGINT after an earlier attempt created the job (its answer lost): it is found and stopped once.
TEST(FollowSubmitTest, StopDuringSubmissionStopsAJobAnEarlierAttemptCreated) {
  FollowHarness harness;
  harness.request = Request();
  ScriptSimpleJob(harness.sagemaker, Duration(600'000));
  SignalDuringCreate sagemaker(harness.sagemaker, harness.stop, 2);

  EXPECT_EQ(RunWith(harness, sagemaker), 130);
  EXPECT_EQ(harness.sagemaker.stop_calls, 1);
  EXPECT_TRUE(harness.Printed("stop requested for training job job"));
}

}  // namespace
}  // namespace sagetrain::testing
