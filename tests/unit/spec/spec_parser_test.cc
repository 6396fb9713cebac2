#include "spec/spec_parser.h"

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

using nlohmann::json;

class FixedRandom final : public RandomSource {
 public:
  std::uint64_t Uniform(std::uint64_t bound) override { return 7 % bound; }
};

const char* kChannels =
    R"([{"ChannelName":"train","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"s3://b/train"}}}])";

ArgumentValues ValidArguments() {
  return {
      {"region", "us-east-1"},
      {"role", "arn:aws:iam::123456789012:role/SageMakerRole"},
      {"image", "123456789012.dkr.ecr.us-east-1.amazonaws.com/trainer:1"},
      {"channels", kChannels},
      {"model_artifact_path", "s3://b/output"},
  };
}

std::variant<TrainingJobSpec, Violations> Parse(const ArgumentValues& overrides) {
  ArgumentValues values = ValidArguments();
  for (const auto& [name, value] : overrides) values[name] = value;
  FixedRandom random;
  return ParseTrainingJobSpec(values, WallTime(std::chrono::seconds(1700000000)), random);
}

std::string Describe(const Violations& violations) {
  std::string out;
  for (const auto& v : violations.list()) out += v.ToString() + "\n";
  return out;
}

struct RuleCase {
  ArgumentValues overrides;
  std::string argument;  // "" = accepted
  std::string message;   // substring of the violation
};

void RunCases(const std::vector<RuleCase>& cases) {
  for (const auto& c : cases) {
    auto parsed = Parse(c.overrides);
    std::string given;
    for (const auto& [name, value] : c.overrides) given += "--" + name + " '" + value + "' ";
    if (c.argument.empty()) {
      EXPECT_TRUE(std::holds_alternative<TrainingJobSpec>(parsed))
          << given << "\n" << Describe(std::get<Violations>(parsed));
      continue;
    }
    ASSERT_TRUE(std::holds_alternative<Violations>(parsed)) << given << " should be refused";
    const auto& violations = std::get<Violations>(parsed);
    EXPECT_TRUE(violations.Has(c.argument)) << given << "\n" << Describe(violations);
    EXPECT_NE(Describe(violations).find(c.message), std::string::npos)
        << given << "\nexpected: " << c.message << "\ngot: " << Describe(violations);
  }
}

TEST(SpecParserTest, ValidInputGivesTheSpec) {
  auto parsed = Parse({});
  ASSERT_TRUE(std::holds_alternative<TrainingJobSpec>(parsed)) << Describe(std::get<Violations>(parsed));
  const auto& spec = std::get<TrainingJobSpec>(parsed);
  EXPECT_EQ(spec.job_name, "TrainingJob-20231114221320-HHHH");
  EXPECT_EQ(spec.training_image_resolved, spec.image);
  EXPECT_EQ(spec.instance_type, "ml.m4.xlarge");
  EXPECT_EQ(spec.instance_count, 1);
  EXPECT_EQ(spec.volume_size, 30);
  EXPECT_EQ(spec.max_run_time, 86400);
  EXPECT_TRUE(spec.network_isolation);
  EXPECT_FALSE(spec.traffic_encryption);
  EXPECT_FALSE(spec.spot_instance);
  EXPECT_DOUBLE_EQ(spec.poll_interval_seconds, 30);
  EXPECT_DOUBLE_EQ(spec.stop_timeout_seconds, 25);
  EXPECT_EQ(spec.channels, json::parse(kChannels));
}

TEST(SpecParserTest, RequiredArguments) {
  RunCases({
      {{{"region", ""}}, "region", "is required"},
      {{{"role", ""}}, "role", "is required"},
      {{{"channels", ""}}, "channels", "is required"},
      {{{"channels", "[]"}}, "channels", "at least one channel"},
      {{{"model_artifact_path", ""}}, "model_artifact_path", "is required"},
  });
}

TEST(SpecParserTest, ConnectionArguments) {
  RunCases({
      {{{"region", "cn-northwest-1"}}, "", ""},
      {{{"region", "us-east"}}, "region", "AWS region"},
      {{{"region", "US-EAST-1"}}, "region", "AWS region"},
      {{{"endpoint_url", "https://vpce-1.api.sagemaker.us-east-1.vpce.amazonaws.com"}}, "", ""},
      {{{"endpoint_url", "http://127.0.0.1:8080"}}, "", ""},
      {{{"endpoint_url", "vpce.example.com"}}, "endpoint_url", "http"},
      {{{"assume_role", "arn:aws:iam::123456789012:role/Other"}}, "", ""},
      {{{"assume_role", "arn:aws:iam::123:role/Other"}}, "assume_role", "must match"},
  });
}

TEST(SpecParserTest, JobNameAndRole) {
  const std::string name63 = "a" + std::string(61, '-') + "b";
  RunCases({
      {{{"job_name", "my-job-1"}}, "", ""},
      {{{"job_name", std::string(63, 'j')}}, "", ""},
      {{{"job_name", std::string(64, 'j')}}, "job_name", "at most 63 characters"},
      {{{"job_name", name63}}, "", ""},
      {{{"job_name", "-job"}}, "job_name", "must match"},
      {{{"job_name", "my_job"}}, "job_name", "must match"},
      {{{"role", "arn:aws-cn:iam::123456789012:role/path/Role"}}, "", ""},
      {{{"role", "arn:aws:iam::123456789012:user/Someone"}}, "role", "must match"},
      {{{"role", "SageMakerRole"}}, "role", "at least 20 characters"},
  });
}

TEST(SpecParserTest, ImageXorAlgorithm) {
  RunCases({
      {{{"image", ""}}, "image", "neither"},
      {{{"algorithm_name", "k-means"}}, "image", "both"},
      {{{"image", ""}, {"algorithm_name", "my-algorithm"}}, "", ""},
      {{{"image", ""}, {"algorithm_name", "my_algorithm"}}, "algorithm_name", "k-means"},
      {{{"image", ""}, {"algorithm_name", "xgboost:0.1"}}, "algorithm_name", "1.7-1"},
      {{{"image", ""}, {"algorithm_name", "lda"}, {"region", "af-south-1"}}, "algorithm_name", "not available"},
      {{{"image", std::string(255, 'i')}}, "", ""},
      {{{"image", std::string(256, 'i')}}, "image", "at most 255 characters"},
  });
  auto parsed = Parse({{"image", ""}, {"algorithm_name", "Linear Learner"}, {"region", "eu-west-1"}});
  ASSERT_TRUE(std::holds_alternative<TrainingJobSpec>(parsed));
  EXPECT_EQ(std::get<TrainingJobSpec>(parsed).training_image_resolved,
            "438346466558.dkr.ecr.eu-west-1.amazonaws.com/linear-learner:1");
  auto resource = Parse({{"image", ""}, {"algorithm_name", "my-algorithm"}});
  EXPECT_EQ(std::get<TrainingJobSpec>(resource).training_image_resolved, "");
}

TEST(SpecParserTest, Hyperparameters) {
  std::string hundred = "{";
  std::string hundred_one = "{";
  for (int i = 0; i < 101; ++i) {
    const std::string entry = std::string(i ? "," : "") + "\"h" + std::to_string(i) + "\":\"v\"";
    if (i < 100) hundred += entry;
    hundred_one += entry;
  }
  hundred += "}";
  hundred_one += "}";
  RunCases({
      {{{"hyperparameters", hundred}}, "", ""},
      {{{"hyperparameters", hundred_one}}, "hyperparameters", "at most 100 entries"},
      {{{"hyperparameters", R"({"a":{"b":1}})"}}, "hyperparameters", "nested"},
      {{{"hyperparameters", R"({"a":[1]})"}}, "hyperparameters", "nested"},
      {{{"hyperparameters", R"({"a":null})"}}, "hyperparameters", "got null"},
      {{{"hyperparameters", "[1]"}}, "hyperparameters", "JSON object"},
      {{{"hyperparameters", R"({"a":")" + std::string(2500, 'v') + "\"}"}}, "", ""},
      {{{"hyperparameters", R"({"a":")" + std::string(2501, 'v') + "\"}"}}, "hyperparameters", "at most 2500"},
  });
  auto parsed = Parse({{"hyperparameters", R"({"k":10,"lr":0.5,"flag":true,"name":"x"})"}});
  const auto& hp = std::get<TrainingJobSpec>(parsed).hyperparameters;
  EXPECT_EQ(hp.at("k"), "10");
  EXPECT_EQ(hp.at("lr"), "0.5");
  EXPECT_EQ(hp.at("flag"), "true");
  EXPECT_EQ(hp.at("name"), "x");
}

TEST(SpecParserTest, MetricDefinitionsAndTags) {
  std::string forty = "{";
  std::string forty_one = "{";
  for (int i = 0; i < 41; ++i) {
    const std::string entry = std::string(i ? "," : "") + "\"m" + std::to_string(i) + "\":\"r\"";
    if (i < 40) forty += entry;
    forty_one += entry;
  }
  forty += "}";
  forty_one += "}";
  RunCases({
      {{{"metric_definitions", forty}}, "", ""},
      {{{"metric_definitions", forty_one}}, "metric_definitions", "at most 40"},
      {{{"metric_definitions", R"({"loss":""})"}}, "metric_definitions", "1 to 500"},
      {{{"metric_definitions", R"({"loss":1})"}}, "metric_definitions", "must be a string"},
      {{{"tags", R"({"team":"ml","cost center":"a/b=c+d-e@f.g:h_i"})"}}, "", ""},
      {{{"tags", R"({"team!":"ml"})"}}, "tags", "key \"team!\""},
      {{{"tags", R"({"team":"m#l"})"}}, "tags", "value of \"team\""},
      {{{"tags", R"({"":"x"})"}}, "tags", "1 to 128"},
      {{{"tags", "{\"" + std::string(128, 'k') + "\":\"v\"}"}}, "", ""},
      {{{"tags", "{\"" + std::string(129, 'k') + "\":\"v\"}"}}, "tags", "1 to 128"},
      {{{"tags", R"({"k":")" + std::string(256, 'v') + "\"}"}}, "", ""},
      {{{"tags", R"({"k":")" + std::string(257, 'v') + "\"}"}}, "tags", "0 to 256"},
      {{{"tags", R"({"k":5})"}}, "tags", "must be a string"},
  });
}

TEST(SpecParserTest, ResourcesAndLimits) {
  RunCases({
      {{{"instance_type", "ml.p3.16xlarge"}}, "", ""},
      // A long enum names the closest accepted values, not all 145.
      {{{"instance_type", "ml.m4.xxlarge"}}, "instance_type", "145 accepted values (the closest: ml.m4.xlarge"},
      {{{"training_input_mode", "FastFile"}}, "", ""},
      {{{"training_input_mode", "file"}}, "training_input_mode", "Pipe, File, FastFile"},
      {{{"instance_count", "1"}}, "", ""},
      {{{"instance_count", "0"}}, "instance_count", "must be an integer >= 1, got \"0\""},
      {{{"volume_size", "1"}}, "", ""},
      {{{"volume_size", "0"}}, "volume_size", ">= 1"},
      {{{"max_run_time", "1"}}, "", ""},
      {{{"max_run_time", "0"}}, "max_run_time", "from 1 to 2419200"},
      {{{"max_run_time", "2419200"}}, "", ""},
      {{{"max_run_time", "2419201"}}, "max_run_time", "from 1 to 2419200"},
      {{{"resource_encryption_key", "alias/my-key"}}, "", ""},
      {{{"resource_encryption_key", "my key"}}, "resource_encryption_key", "must match"},
      {{{"output_encryption_key", std::string(2048, 'k')}}, "", ""},
      {{{"output_encryption_key", std::string(2049, 'k')}}, "output_encryption_key", "at most 2048"},
      {{{"model_artifact_path", "https://b.s3.amazonaws.com/out"}}, "", ""},
      {{{"model_artifact_path", "b/out"}}, "model_artifact_path", "must match"},
  });
}

TEST(SpecParserTest, Vpc) {
  RunCases({
      {{{"vpc_security_group_ids", "sg-1, sg-2"}, {"vpc_subnets", "subnet-1"}}, "", ""},
      {{{"vpc_security_group_ids", "sg-1"}}, "vpc_subnets", "both or neither"},
      {{{"vpc_subnets", "subnet-1"}}, "vpc_security_group_ids", "both or neither"},
      {{{"vpc_security_group_ids", "sg-1,sg-2,sg-3,sg-4,sg-5"}, {"vpc_subnets", "s-1"}}, "", ""},
      {{{"vpc_security_group_ids", "sg-1,sg-2,sg-3,sg-4,sg-5,sg-6"}, {"vpc_subnets", "s-1"}}, "vpc_security_group_ids",
       "at most 5 items"},
      {{{"vpc_security_group_ids", "sg_1"}, {"vpc_subnets", "s-1"}}, "vpc_security_group_ids", "must match"},
      {{{"vpc_security_group_ids", "sg-1"}, {"vpc_subnets", "s-1,,s-2"}}, "vpc_subnets", "empty items"},
      {{{"vpc_security_group_ids", "sg-1"}, {"vpc_subnets", "s-" + std::string(30, '1')}}, "", ""},
      {{{"vpc_security_group_ids", "sg-1"}, {"vpc_subnets", "s-" + std::string(31, '1')}}, "vpc_subnets", "at most 32"},
  });
  auto parsed = Parse({{"vpc_security_group_ids", " sg-1 ,sg-2"}, {"vpc_subnets", "subnet-1"}});
  EXPECT_EQ(std::get<TrainingJobSpec>(parsed).vpc_security_group_ids, (std::vector<std::string>{"sg-1", "sg-2"}));
}

TEST(SpecParserTest, SpotAndBooleans) {
  const std::string checkpoint = R"({"S3Uri":"s3://b/ckpt"})";
  RunCases({
      {{{"spot_instance", "True"}, {"checkpoint_config", checkpoint}}, "", ""},
      {{{"spot_instance", "True"}}, "checkpoint_config", "S3Uri"},
      {{{"spot_instance", "true"}, {"checkpoint_config", checkpoint}, {"max_run_time", "3600"}, {"max_wait_time", "3600"}}, "", ""},
      {{{"spot_instance", "true"}, {"checkpoint_config", checkpoint}, {"max_run_time", "3600"}, {"max_wait_time", "3599"}},
       "max_wait_time", ">= --max_run_time (3600)"},
      {{{"max_wait_time", "10"}}, "", ""},  // only checked against max_run_time with spot
      {{{"max_wait_time", "0"}}, "max_wait_time", ">= 1"},
      {{{"checkpoint_config", R"({"LocalPath":"/x"})"}}, "checkpoint_config", "missing required member S3Uri"},
      {{{"network_isolation", "False"}}, "", ""},
      {{{"network_isolation", "maybe"}}, "network_isolation", "True/False"},
      {{{"traffic_encryption", "2"}}, "traffic_encryption", "True/False"},
      {{{"spot_instance", "Y"}}, "spot_instance", "True/False"},
      {{{"dry_run", "nope"}}, "dry_run", "True/False"},
      {{{"verbose", "1"}}, "", ""},
  });
}

TEST(SpecParserTest, PassThroughConfigsAndEnvironment) {
  RunCases({
      {{{"debug_hook_config", R"({"S3OutputPath":"s3://b/debug"})"}}, "", ""},
      {{{"debug_hook_config", R"({"LocalPath":"/x"})"}}, "debug_hook_config", "S3OutputPath"},
      {{{"debug_rule_config", R"([{"RuleConfigurationName":"r","RuleEvaluatorImage":"img","InstanceType":"ml.m5.xlarge"}])"}}, "", ""},
      {{{"debug_rule_config", R"([{"RuleConfigurationName":"r","RuleEvaluatorImage":"img","InstanceType":"ml.m5.huge"}])"}},
       "debug_rule_config", "(the closest: ml.m5.large"},
      {{{"debug_rule_config", "{}"}}, "debug_rule_config", "JSON list"},
      {{{"channels", R"([{"ChannelName":"a","DataSource":{}}])"}}, "channels", "exactly one of"},
      {{{"channels", std::string("[") + kChannels + "]"}}, "channels", "[0]: must be a JSON object"},
      {{{"channels", R"([{"ChannelName":"train","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"s3://b/x"}}},
                         {"ChannelName":"train","DataSource":{"S3DataSource":{"S3DataType":"S3Prefix","S3Uri":"s3://b/y"}}}])"}},
       "channels", "duplicate channel name"},
      {{{"environment", R"({"LOG_LEVEL":"debug"})"}}, "", ""},
      {{{"environment", R"({"LOG-LEVEL":"debug"})"}}, "environment", "must match"},
      {{{"environment", R"({"A":1})"}}, "environment", "must be a string"},
      {{{"poll_interval", "0.25"}}, "", ""},
      {{{"poll_interval", "0"}}, "poll_interval", "> 0"},
      {{{"stop_timeout", "0"}}, "", ""},
      {{{"stop_timeout", "-1"}}, "stop_timeout", ">= 0"},
  });
}

TEST(SpecParserTest, ReportsEveryViolationAtOnce) {
  auto parsed = Parse({{"region", ""}, {"instance_count", "0"}, {"tags", "[]"}, {"network_isolation", "x"}});
  const auto& violations = std::get<Violations>(parsed);
  for (const char* argument : {"region", "instance_count", "tags", "network_isolation"}) {
    EXPECT_TRUE(violations.Has(argument)) << argument << "\n" << Describe(violations);
  }
  EXPECT_EQ(violations.list()[1].ToString(), "--instance_count: must be an integer >= 1, got \"0\"");
}

}  // namespace
}  // namespace sagetrain

namespace sagetrain {
namespace {

// The arguments for the rest of the CreateTrainingJob API: each value the model refuses is exit 2
// naming the argument (type, range, enum, pattern, conflicts).
TEST(SpecParserTest, ApiArgumentsAreCheckedAgainstTheModel) {
  const std::string group = R"({"InstanceGroupName":"a","InstanceType":"ml.c5.xlarge","InstanceCount":2})";
  RunCases({
      {{{"max_retry_attempts", "3"}, {"keep_alive_period_in_seconds", "600"}, {"max_pending_time", "7200"}}, "", ""},
      {{{"max_retry_attempts", "31"}}, "max_retry_attempts", "must be <= 30, got 31"},
      {{{"max_retry_attempts", "three"}}, "max_retry_attempts", "must be an integer"},
      {{{"keep_alive_period_in_seconds", "21601"}}, "keep_alive_period_in_seconds", "<= 21600"},
      {{{"max_pending_time", "60"}}, "max_pending_time", ">= 7200"},
      {{{"training_plan", "plan"}}, "training_plan", "at least 50 characters"},
      {{{"training_repository_access_mode", "Private"}}, "training_repository_access_mode", "one of Platform, Vpc"},
      {{{"training_repository_credentials_provider_arn", "arn:aws:lambda:us-east-1:123456789012:function:creds"}},
       "training_repository_credentials_provider_arn", "needs --training_repository_access_mode"},
      {{{"container_entry_point", "[]"}, {"container_arguments", R"(["--epochs", "2"])"}}, "", ""},
      {{{"container_entry_point", R"(["python3", 5])"}}, "container_entry_point", "[1]: must be a string"},
      {{{"tensorboard_output_config", R"({"LocalPath":"/tb"})"}}, "tensorboard_output_config", "S3OutputPath"},
      {{{"experiment_config", R"({"ExperimentName":"bad name"})"}}, "experiment_config", "ExperimentName: must match"},
      {{{"profiler_rule_config", R"([{"RuleConfigurationName":"r"}])"}}, "profiler_rule_config", "RuleEvaluatorImage"},
      {{{"enable_infra_check", "maybe"}}, "enable_infra_check", "must be a boolean"},
      {{{"instance_groups", "[" + group + "]"}}, "", ""},
      {{{"instance_groups", "[" + group + "]"}, {"instance_type", "ml.p3.2xlarge"}}, "instance_groups",
       "cannot be combined with --instance_type"},
      {{{"instance_groups", "[" + group + "]"}, {"instance_count", "3"}}, "instance_groups",
       "cannot be combined with --instance_count"},
      {{{"instance_groups", R"([{"InstanceGroupName":"a","InstanceType":"ml.c5.xlarge"}])"}}, "instance_groups",
       "missing required member InstanceCount"},
      {{{"instance_groups", R"([{"InstanceGroupName":"a","InstanceType":"c5","InstanceCount":1}])"}},
       "instance_groups", "[0].InstanceType: must be one of 145 accepted values"},
  });
}

TEST(SpecParserTest, InstanceGroupsSetTheStreamCountAndNewInstanceTypesWarn) {
  auto parsed = Parse({{"instance_groups", R"([{"InstanceGroupName":"a","InstanceType":"ml.c5.xlarge","InstanceCount":2},
                                               {"InstanceGroupName":"b","InstanceType":"ml.p9.48xlarge","InstanceCount":3}])"}});
  ASSERT_TRUE(std::holds_alternative<TrainingJobSpec>(parsed)) << Describe(std::get<Violations>(parsed));
  const auto& spec = std::get<TrainingJobSpec>(parsed);
  EXPECT_EQ(spec.instance_count, 5);
  ASSERT_EQ(spec.warnings.size(), 1u);
  EXPECT_NE(spec.warnings[0].find("ml.p9.48xlarge"), std::string::npos);
}

TEST(SpecParserTest, ExtraRequestFieldsAreMergedAndCheckedAgainstTheArguments) {
  RunCases({
      {{{"extra_request_fields", R"({"ResourceConfig":{"InstancePlacementConfig":{"EnableMultipleJobs":true}}})"}}, "", ""},
      {{{"extra_request_fields", R"({"Bogus":1})"}}, "extra_request_fields", "Bogus: not a CreateTrainingJobRequest member"},
      {{{"extra_request_fields", R"({"RoleArn":"arn:aws:iam::123456789012:role/X"})"}}, "extra_request_fields",
       "RoleArn: already set by --role"},
      {{{"extra_request_fields", R"({"RetryStrategy":{"MaximumRetryAttempts":2}})"}, {"max_retry_attempts", "3"}},
       "extra_request_fields", "RetryStrategy.MaximumRetryAttempts: already set by --max_retry_attempts"},
      {{{"extra_request_fields", R"({"ResourceConfig":{"KeepAlivePeriodInSeconds":-1}})"}}, "extra_request_fields",
       "ResourceConfig.KeepAlivePeriodInSeconds: must be >= 0"},
      {{{"extra_request_fields", "[1]"}}, "extra_request_fields", "JSON object"},
  });
}

TEST(SpecParserTest, AttachOnlyNeedsOnlyTheJobName) {
  auto parsed = Parse({{"attach_only", "True"}, {"job_name", "existing-job"}, {"role", ""}, {"channels", ""}});
  ASSERT_TRUE(std::holds_alternative<TrainingJobSpec>(parsed)) << Describe(std::get<Violations>(parsed));
  EXPECT_TRUE(std::get<TrainingJobSpec>(parsed).attach_only);
  RunCases({{{{"attach_only", "True"}, {"job_name", ""}}, "job_name", "required with --attach_only"}});
}

}  // namespace
}  // namespace sagetrain
