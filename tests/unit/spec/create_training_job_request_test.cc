#include "spec/create_training_job_request.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

using nlohmann::json;

const char* kGoldenDir = "tests/unit/training/golden/";

json Channel(const std::string& name, const std::string& uri) {
  return {{"ChannelName", name},
          {"DataSource", {{"S3DataSource", {{"S3DataType", "S3Prefix"}, {"S3Uri", uri}}}}}};
}

TrainingJobSpec MinimalSpec() {
  TrainingJobSpec spec;
  spec.region = "us-east-1";
  spec.job_name = "TrainingJob-20240307090559-AZ09";
  spec.role = "arn:aws:iam::123456789012:role/SageMakerRole";
  spec.image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/my-trainer:1.0";
  spec.training_image_resolved = spec.image;
  spec.channels = json::array({Channel("train", "s3://my-bucket/train")});
  spec.model_artifact_path = "s3://my-bucket/output";
  // The argument table's defaults, as the parser fills them in.
  spec.training_input_mode = "File";
  spec.instance_type = "ml.m4.xlarge";
  spec.instance_count = 1;
  spec.volume_size = 30;
  spec.max_run_time = 86400;
  spec.max_wait_time = 86400;
  spec.network_isolation = true;
  return spec;
}

TrainingJobSpec FullSpec() {
  TrainingJobSpec spec = MinimalSpec();
  spec.image.clear();
  spec.algorithm_name = "k-means";
  spec.training_image_resolved = "382416733822.dkr.ecr.us-east-1.amazonaws.com/kmeans:1";
  spec.metric_definitions = {{"validation:msd", "#quality_metric: host=\\S+, validation msd <loss>=(\\S+)"}};
  spec.training_input_mode = "Pipe";
  spec.hyperparameters = {{"k", "10"}, {"feature_dim", "784"}, {"init_method", "kmeans++"}};
  spec.channels.push_back(Channel("test", "s3://my-bucket/test"));
  spec.instance_type = "ml.c5.2xlarge";
  spec.instance_count = 2;
  spec.volume_size = 50;
  spec.resource_encryption_key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  spec.output_encryption_key = "alias/sagemaker-output";
  spec.max_run_time = 3600;
  spec.vpc_security_group_ids = {"sg-0123456789abcdef0"};
  spec.vpc_subnets = {"subnet-0123456789abcdef0", "subnet-0fedcba9876543210"};
  spec.network_isolation = false;
  spec.traffic_encryption = true;
  spec.checkpoint_config = {{"S3Uri", "s3://my-bucket/checkpoints"}};
  spec.debug_hook_config = {{"S3OutputPath", "s3://my-bucket/debug"}, {"HookParameters", {{"save_interval", "100"}}}};
  spec.debug_rule_config = json::array({{{"RuleConfigurationName", "LossNotDecreasing"},
                                         {"RuleEvaluatorImage", "503895931360.dkr.ecr.us-east-1.amazonaws.com/sagemaker-debugger-rules:latest"},
                                         {"RuleParameters", {{"rule_to_invoke", "LossNotDecreasing"}}}}});
  spec.tags = {{"team", "ml"}, {"project", "mnist"}};
  spec.environment = {{"LOG_LEVEL", "debug"}};
  return spec;
}

TrainingJobSpec SpotSpec() {
  TrainingJobSpec spec = MinimalSpec();
  spec.spot_instance = true;
  spec.max_run_time = 7200;
  spec.max_wait_time = 10800;
  spec.checkpoint_config = {{"S3Uri", "s3://my-bucket/checkpoints"}, {"LocalPath", "/opt/ml/checkpoints"}};
  return spec;
}

TrainingJobSpec AlgorithmResourceSpec() {
  TrainingJobSpec spec = MinimalSpec();
  spec.image.clear();
  spec.training_image_resolved.clear();
  spec.algorithm_name = "arn:aws:sagemaker:us-east-1:123456789012:algorithm/my-algorithm";
  return spec;
}

json ReadGolden(const std::string& name) {
  std::ifstream in(kGoldenDir + name);
  EXPECT_TRUE(in.good()) << "missing golden file " << name << " (run from the project root)";
  std::stringstream text;
  text << in.rdbuf();
  return json::parse(text.str(), nullptr, false);
}

TEST(CreateTrainingJobRequestTest, MatchesGoldenFiles) {
  const std::pair<const char*, TrainingJobSpec> cases[] = {
      {"minimal_image.json", MinimalSpec()},
      {"builtin_full.json", FullSpec()},
      {"spot.json", SpotSpec()},
      {"algorithm_resource.json", AlgorithmResourceSpec()},
  };
  for (const auto& [file, spec] : cases) {
    const json request = BuildCreateTrainingJobRequest(spec);
    if (std::getenv("UPDATE_GOLDEN") != nullptr) {
      std::ofstream(std::string(kGoldenDir) + file) << request.dump(2) << "\n";
    }
    EXPECT_EQ(request, ReadGolden(file)) << file << "\n" << request.dump(2);
  }
}

TEST(CreateTrainingJobRequestTest, OmitsWhatIsNotSet) {
  const json request = BuildCreateTrainingJobRequest(MinimalSpec());
  for (const char* member : {"HyperParameters", "VpcConfig", "CheckpointConfig", "DebugHookConfig",
                             "DebugRuleConfigurations", "Tags", "Environment"}) {
    EXPECT_FALSE(request.contains(member)) << member;
  }
  EXPECT_FALSE(request["OutputDataConfig"].contains("KmsKeyId"));
  EXPECT_FALSE(request["ResourceConfig"].contains("VolumeKmsKeyId"));
  EXPECT_FALSE(request["StoppingCondition"].contains("MaxWaitTimeInSeconds"));
  EXPECT_FALSE(request["AlgorithmSpecification"].contains("AlgorithmName"));
  EXPECT_FALSE(request["AlgorithmSpecification"].contains("MetricDefinitions"));
  EXPECT_EQ(request["EnableNetworkIsolation"], true);
}

TEST(CreateTrainingJobRequestTest, SpotFieldsOnlyWithSpot) {
  TrainingJobSpec spec = SpotSpec();
  EXPECT_EQ(BuildCreateTrainingJobRequest(spec)["StoppingCondition"]["MaxWaitTimeInSeconds"], 10800);
  spec.spot_instance = false;
  const json request = BuildCreateTrainingJobRequest(spec);
  EXPECT_FALSE(request["StoppingCondition"].contains("MaxWaitTimeInSeconds"));
  EXPECT_EQ(request["EnableManagedSpotTraining"], false);
  // Checkpoints are kept without spot: they let a restarted job resume.
  EXPECT_TRUE(request.contains("CheckpointConfig"));
}

TEST(CreateTrainingJobRequestTest, KeepsTheGivenOrderOfMetricsAndTags) {
  const json request = BuildCreateTrainingJobRequest(FullSpec());
  EXPECT_EQ(request["Tags"][0]["Key"], "team");
  EXPECT_EQ(request["Tags"][1]["Key"], "project");
}

}  // namespace
}  // namespace sagetrain
