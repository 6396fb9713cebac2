#include "spec/arguments.h"

#include <set>

#include <gtest/gtest.h>

#include "spec/help.h"

namespace sagetrain {
namespace {

// The 28 runtime arguments of the seed component, with their seed defaults ("" = none). One exception:
// hyperparameters, blank in the seed, defaults to "{}" because KFP 2 cannot load "" as a JsonObject
// default; both mean "no hyperparameters".
TEST(ArgumentsTest, SeedArgumentsWithSeedDefaults) {
  const std::pair<const char*, const char*> seed[] = {
      {"region", ""}, {"endpoint_url", ""}, {"assume_role", ""}, {"job_name", ""}, {"role", ""}, {"image", ""},
      {"algorithm_name", ""}, {"metric_definitions", "{}"}, {"training_input_mode", "File"},
      {"hyperparameters", "{}"}, {"channels", ""}, {"instance_type", "ml.m4.xlarge"}, {"instance_count", "1"},
      {"volume_size", "30"}, {"resource_encryption_key", ""}, {"max_run_time", "86400"},
      {"model_artifact_path", ""}, {"output_encryption_key", ""}, {"vpc_security_group_ids", ""},
      {"vpc_subnets", ""}, {"network_isolation", "True"}, {"traffic_encryption", "False"},
      {"spot_instance", "False"}, {"max_wait_time", "86400"}, {"checkpoint_config", "{}"},
      {"debug_hook_config", "{}"}, {"debug_rule_config", "[]"}, {"tags", "{}"},
  };
  std::map<std::string, std::string> table;
  for (const auto& argument : ProgramArguments()) table[std::string(argument.name)] = std::string(argument.default_value);
  for (const auto& [name, default_value] : seed) {
    ASSERT_TRUE(table.contains(name)) << name;
    EXPECT_EQ(table[name], default_value) << name;
  }
  for (const char* extra : {"environment", "poll_interval", "stop_timeout", "dry_run", "verbose",
                            "model_artifact_url_output_path", "job_name_output_path", "training_image_output_path",
                            "ui_metadata_output_path", "metrics_output_path", "job_arn_output_path",
                            "training_seconds_output_path", "billable_seconds_output_path",
                            "final_metrics_output_path", "job_description_output_path", "executor_input"}) {
    EXPECT_TRUE(table.contains(extra)) << extra;
  }
  // The rest of the CreateTrainingJob API (issue 14), named as the SageMaker Python SDK names them.
  for (const char* api : {"max_retry_attempts", "keep_alive_period_in_seconds", "instance_groups", "training_plan",
                          "max_pending_time", "container_entry_point", "container_arguments",
                          "training_repository_access_mode", "training_repository_credentials_provider_arn",
                          "disable_output_compression", "enable_sagemaker_metrics", "tensorboard_output_config",
                          "profiler_config", "profiler_rule_config", "experiment_config", "enable_infra_check",
                          "enable_remote_debug", "enable_session_tag_chaining", "extra_request_fields",
                          "fail_on_rule_issues", "attach_only"}) {
    EXPECT_TRUE(table.contains(api)) << api;
  }
  EXPECT_EQ(table.size(), 66u);
}

TEST(ArgumentsTest, NamesAreUniqueAndTyped) {
  std::set<std::string_view> names;
  const std::set<std::string_view> types = {"String", "Integer", "Boolean", "Float", "JsonObject", "JsonArray"};
  for (const auto& argument : ProgramArguments()) {
    EXPECT_TRUE(names.insert(argument.name).second) << argument.name;
    if (argument.name == "executor_input") {  // KFP 2's {{$}}: neither a component input nor an output
      EXPECT_TRUE(argument.kfp_type.empty() && argument.output.empty());
      continue;
    }
    EXPECT_EQ(argument.output.empty(), types.contains(argument.kfp_type)) << argument.name;
    EXPECT_FALSE(argument.required && !argument.default_value.empty()) << argument.name;
  }
}

TEST(ArgumentsTest, HelpListsEveryArgumentWithDefaultAndAcceptedValues) {
  const std::string help = HelpText();
  for (const auto& argument : ProgramArguments()) {
    EXPECT_NE(help.find("--" + std::string(argument.name) + "\n"), std::string::npos) << argument.name;
    if (!argument.default_value.empty()) {
      EXPECT_NE(help.find("Default: \"" + std::string(argument.default_value) + "\""), std::string::npos);
    }
  }
  for (const char* text : {"k-means", "linear learner", "File, Pipe, FastFile", "ml.p3.16xlarge", "3.0-5"}) {
    EXPECT_NE(help.find(text), std::string::npos) << text;
  }
}

TEST(ArgumentsTest, JsonListingMirrorsTheTable) {
  const auto listing = ArgumentsAsJson();
  ASSERT_EQ(listing.size(), ProgramArguments().size());
  EXPECT_EQ(listing[0]["name"], "region");
  EXPECT_EQ(listing[0]["required"], true);
}

}  // namespace
}  // namespace sagetrain
