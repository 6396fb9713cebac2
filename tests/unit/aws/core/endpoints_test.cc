#include "aws/core/endpoints.h"

#include <map>
#include <string>

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

struct EndpointCase {
  const char* label;
  AwsService service;
  const char* region;
  std::map<std::string, std::string> variables;
  const char* flag;
  const char* url;
};

TEST(EndpointsTest, DefaultHostsByPartition) {
  const EndpointCase cases[] = {
      {"sagemaker", AwsService::kSageMaker, "us-west-2", {}, "",
       "https://api.sagemaker.us-west-2.amazonaws.com"},
      {"logs", AwsService::kCloudWatchLogs, "eu-central-1", {}, "",
       "https://logs.eu-central-1.amazonaws.com"},
      {"sts is regional", AwsService::kSts, "us-east-1", {}, "", "https://sts.us-east-1.amazonaws.com"},
      {"china sagemaker", AwsService::kSageMaker, "cn-north-1", {}, "",
       "https://api.sagemaker.cn-north-1.amazonaws.com.cn"},
      {"china logs", AwsService::kCloudWatchLogs, "cn-northwest-1", {}, "",
       "https://logs.cn-northwest-1.amazonaws.com.cn"},
      {"china sts", AwsService::kSts, "cn-north-1", {}, "", "https://sts.cn-north-1.amazonaws.com.cn"},
      {"govcloud", AwsService::kSageMaker, "us-gov-west-1", {}, "",
       "https://api.sagemaker.us-gov-west-1.amazonaws.com"},
      {"iso", AwsService::kSts, "us-iso-east-1", {}, "", "https://sts.us-iso-east-1.c2s.ic.gov"},
  };
  for (const auto& c : cases) {
    FakeEnvironment env;
    env.variables = c.variables;
    const StatusOr<ServiceEndpoint> endpoint = ResolveEndpoint(c.service, c.region, env, c.flag);
    ASSERT_TRUE(endpoint.ok()) << c.label << ": " << endpoint.status().ToString();
    EXPECT_EQ(endpoint->url, c.url) << c.label;
    EXPECT_EQ(endpoint->signing_region, c.region) << c.label;
  }
}

TEST(EndpointsTest, OverridePrecedence) {
  const std::map<std::string, std::string> all = {
      {"AWS_ENDPOINT_URL", "http://global:1"},
      {"AWS_ENDPOINT_URL_SAGEMAKER", "http://sagemaker:2"},
      {"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://logs:3"},
      {"AWS_ENDPOINT_URL_STS", "http://sts:4"},
  };
  const EndpointCase cases[] = {
      {"flag beats every variable", AwsService::kSageMaker, "us-east-1", all, "http://flag:9",
       "http://flag:9"},
      {"service variable beats global", AwsService::kSageMaker, "us-east-1", all, "",
       "http://sagemaker:2"},
      {"global alone", AwsService::kSageMaker, "us-east-1", {{"AWS_ENDPOINT_URL", "http://global:1"}},
       "", "http://global:1"},
      {"empty service variable counts as unset", AwsService::kSageMaker, "us-east-1",
       {{"AWS_ENDPOINT_URL_SAGEMAKER", ""}, {"AWS_ENDPOINT_URL", "http://global:1"}}, "",
       "http://global:1"},
      {"logs variable", AwsService::kCloudWatchLogs, "us-east-1", all, "", "http://logs:3"},
      {"flag is for sagemaker only (logs)", AwsService::kCloudWatchLogs, "us-east-1",
       {{"AWS_ENDPOINT_URL", "http://global:1"}}, "http://flag:9", "http://global:1"},
      {"sts variable", AwsService::kSts, "us-east-1", all, "", "http://sts:4"},
      {"flag is for sagemaker only (sts)", AwsService::kSts, "eu-west-1", {}, "http://flag:9",
       "https://sts.eu-west-1.amazonaws.com"},
      {"other services' variables ignored", AwsService::kSts, "us-east-1",
       {{"AWS_ENDPOINT_URL_SAGEMAKER", "http://sagemaker:2"}}, "", "https://sts.us-east-1.amazonaws.com"},
  };
  for (const auto& c : cases) {
    FakeEnvironment env;
    env.variables = c.variables;
    const StatusOr<ServiceEndpoint> endpoint = ResolveEndpoint(c.service, c.region, env, c.flag);
    ASSERT_TRUE(endpoint.ok()) << c.label << ": " << endpoint.status().ToString();
    EXPECT_EQ(endpoint->url, c.url) << c.label;
  }
}

TEST(EndpointsTest, IgnoreConfiguredEndpointUrlsKeepsTheFlag) {
  FakeEnvironment env;
  env.variables = {{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"},
                   {"AWS_ENDPOINT_URL", "http://global:1"},
                   {"AWS_ENDPOINT_URL_STS", "http://sts:4"}};
  EXPECT_EQ(ResolveEndpoint(AwsService::kSts, "us-east-1", env)->url,
            "https://sts.us-east-1.amazonaws.com");
  EXPECT_EQ(ResolveEndpoint(AwsService::kSageMaker, "us-east-1", env)->url,
            "https://api.sagemaker.us-east-1.amazonaws.com");
  EXPECT_EQ(ResolveEndpoint(AwsService::kSageMaker, "us-east-1", env, "http://127.0.0.1:8123")->url,
            "http://127.0.0.1:8123");
  env.variables["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "false";
  EXPECT_EQ(ResolveEndpoint(AwsService::kSts, "us-east-1", env)->url, "http://sts:4");
}

TEST(EndpointsTest, SigningNameAndRegionSurviveOverrides) {
  FakeEnvironment env;
  env.variables = {{"AWS_ENDPOINT_URL", "http://127.0.0.1:8123"}};
  const std::pair<AwsService, const char*> services[] = {
      {AwsService::kSageMaker, "sagemaker"}, {AwsService::kCloudWatchLogs, "logs"}, {AwsService::kSts, "sts"}};
  for (const auto& [service, name] : services) {
    const StatusOr<ServiceEndpoint> endpoint = ResolveEndpoint(service, "ap-southeast-2", env);
    ASSERT_TRUE(endpoint.ok());
    EXPECT_EQ(endpoint->url, "http://127.0.0.1:8123");
    EXPECT_EQ(endpoint->signing_service, name);
    EXPECT_EQ(endpoint->signing_region, "ap-southeast-2");
  }
}

TEST(EndpointsTest, OverridesAreNormalised) {
  const std::pair<const char*, const char*> cases[] = {
      {"http://127.0.0.1:8123/", "http://127.0.0.1:8123"},
      {"HTTPS://Example.com//", "https://Example.com"},
      {"https://proxy.example.com/sagemaker/", "https://proxy.example.com/sagemaker"},
      {"http://[::1]:5000", "http://[::1]:5000"},
      {"https://vpce-1.api.sagemaker.us-east-1.vpce.amazonaws.com",
       "https://vpce-1.api.sagemaker.us-east-1.vpce.amazonaws.com"},
  };
  for (const auto& [input, expected] : cases) {
    FakeEnvironment env;
    const StatusOr<ServiceEndpoint> endpoint =
        ResolveEndpoint(AwsService::kSageMaker, "us-east-1", env, input);
    ASSERT_TRUE(endpoint.ok()) << input << ": " << endpoint.status().ToString();
    EXPECT_EQ(endpoint->url, expected);
  }
}

TEST(EndpointsTest, InvalidOverridesNameTheirSource) {
  struct InvalidCase {
    const char* variable;  // "" = --endpoint_url
    const char* value;
    AwsService service;
    const char* source_in_message;
  };
  const InvalidCase cases[] = {
      {"", "localhost:8000", AwsService::kSageMaker, "--endpoint_url"},
      {"", "api.sagemaker.us-east-1.amazonaws.com", AwsService::kSageMaker, "--endpoint_url"},
      {"AWS_ENDPOINT_URL_SAGEMAKER", "ftp://example.com", AwsService::kSageMaker,
       "AWS_ENDPOINT_URL_SAGEMAKER"},
      {"AWS_ENDPOINT_URL_STS", "https://", AwsService::kSts, "AWS_ENDPOINT_URL_STS"},
      {"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://host:notaport", AwsService::kCloudWatchLogs,
       "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"},
      {"AWS_ENDPOINT_URL", "http://host:70000", AwsService::kSts, "AWS_ENDPOINT_URL"},
      {"AWS_ENDPOINT_URL", "http://host:/", AwsService::kSts, "AWS_ENDPOINT_URL"},
      {"AWS_ENDPOINT_URL", "http://user:pw@host", AwsService::kSts, "AWS_ENDPOINT_URL"},
      {"AWS_ENDPOINT_URL", "http://host/?a=b", AwsService::kSts, "AWS_ENDPOINT_URL"},
      {"AWS_ENDPOINT_URL", "http://ho st", AwsService::kSts, "AWS_ENDPOINT_URL"},
  };
  for (const auto& c : cases) {
    FakeEnvironment env;
    std::string flag;
    if (*c.variable == '\0') {
      flag = c.value;
    } else {
      env.variables[c.variable] = c.value;
    }
    const StatusOr<ServiceEndpoint> endpoint = ResolveEndpoint(c.service, "us-east-1", env, flag);
    ASSERT_FALSE(endpoint.ok()) << c.value;
    EXPECT_EQ(endpoint.status().code(), StatusCode::kInvalidArgument) << c.value;
    EXPECT_EQ(endpoint.status().message().rfind(std::string(c.source_in_message) + ":", 0), 0u)
        << endpoint.status().message();
  }
}

TEST(EndpointsTest, RegionIsRequiredAndMustBeAHostLabel) {
  FakeEnvironment env;
  for (const char* region : {"", "us-east-1.evil.com", "us east", "-us-east-1", "us/east"}) {
    const StatusOr<ServiceEndpoint> endpoint = ResolveEndpoint(AwsService::kSageMaker, region, env);
    ASSERT_FALSE(endpoint.ok()) << region;
    EXPECT_EQ(endpoint.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(endpoint.status().message().rfind("region:", 0), 0u);
  }
  // A region is needed even with an override: it is the signing region.
  EXPECT_FALSE(ResolveEndpoint(AwsService::kSageMaker, "", env, "http://127.0.0.1:8123").ok());
}

}  // namespace
}  // namespace sagetrain
