// Our signer against botocore's SigV4Auth (the implementation the emulator and AWS's Python SDK
// use), for the requests the program sends: SageMaker and Logs (JSON 1.1 with X-Amz-Target) and
// STS (query protocol, form body), with and without a session token, and to a loopback endpoint
// with a port. botocore runs in python3 (botocore_sign.py beside this file) at the same frozen time.
// python3 or botocore missing is a failure, not a skip: the comparison is a required check.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "aws/sigv4/signer.h"

namespace sagetrain::sigv4 {
namespace {

const char kScript[] = "tests/unit/aws/sigv4/botocore_sign.py";

struct TempFile {
  std::string path;
  TempFile() {
    char name[] = "/tmp/sigv4-botocore-XXXXXX";
    const int fd = mkstemp(name);
    if (fd >= 0) close(fd);
    path = name;
  }
  ~TempFile() { std::remove(path.c_str()); }
  std::string Read() const {
    std::ifstream in(path);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  }
};

// Runs the botocore script on `specs` (an array); fails the test (and returns null) when it
// cannot.
nlohmann::json SignWithBotocore(const nlohmann::json& specs) {
  TempFile input, errors;
  std::ofstream(input.path) << specs.dump();
  const std::string command =
      std::string("python3 ") + kScript + " <" + input.path + " 2>" + errors.path;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot start: " << command;
    return nullptr;
  }
  std::string output;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof(buffer), pipe)) > 0;) output.append(buffer, n);
  const int status = pclose(pipe);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ADD_FAILURE() << command << " failed (exit " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1)
                  << "; 127 means python3 is not on PATH): " << errors.Read();
    return nullptr;
  }
  return nlohmann::json::parse(output);
}

std::string HeaderValue(const nlohmann::json& headers, const std::string& name) {
  for (const auto& header : headers) {
    if (header[0] == name) return header[1];
  }
  return "";
}

struct ComparisonCase {
  const char* label;
  const char* service;
  const char* region;
  SignableRequest request;
  std::string session_token;
};

const std::string kSageMakerBody = R"({"TrainingJobName":"TrainingJob-20240229235958-AB12"})";
const std::string kAssumeRoleBody =
    "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2F"
    "pipeline&RoleSessionName=sagemaker-training";
const Headers kSageMakerHeaders = {{"Content-Type", "application/x-amz-json-1.1"},
                                   {"X-Amz-Target", "SageMaker.DescribeTrainingJob"},
                                   {"User-Agent", "sagemaker-training/0.1.0"}};
const Headers kLogsHeaders = {{"Content-Type", "application/x-amz-json-1.1"},
                              {"X-Amz-Target", "Logs_20140328.GetLogEvents"}};
const Headers kStsHeaders = {
    {"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
const std::string kLogsBody =
    R"({"logGroupName":"/aws/sagemaker/TrainingJobs","logStreamName":"job/algo-1-1709251198",)"
    R"("startFromHead":true,"nextToken":"f/3841+x=="})";

std::vector<ComparisonCase> Cases() {
  const std::string token = "IQoJb3JpZ2luX2VjEXAMPLE//session+token/with=chars==";
  return {
      {"sagemaker", "sagemaker", "us-west-2",
       {"POST", "https://api.sagemaker.us-west-2.amazonaws.com/", kSageMakerHeaders, kSageMakerBody}, ""},
      {"sagemaker-token", "sagemaker", "us-west-2",
       {"POST", "https://api.sagemaker.us-west-2.amazonaws.com/", kSageMakerHeaders, kSageMakerBody}, token},
      {"sagemaker-china", "sagemaker", "cn-north-1",
       {"POST", "https://api.sagemaker.cn-north-1.amazonaws.com.cn", kSageMakerHeaders, kSageMakerBody}, token},
      {"logs", "logs", "eu-central-1",
       {"POST", "https://logs.eu-central-1.amazonaws.com/", kLogsHeaders, kLogsBody}, ""},
      {"logs-token", "logs", "eu-central-1",
       {"POST", "https://logs.eu-central-1.amazonaws.com/", kLogsHeaders, kLogsBody}, token},
      {"sts", "sts", "us-east-1",
       {"POST", "https://sts.us-east-1.amazonaws.com/", kStsHeaders, kAssumeRoleBody}, ""},
      {"sts-token", "sts", "us-east-1",
       {"POST", "https://sts.us-east-1.amazonaws.com/", kStsHeaders, kAssumeRoleBody}, token},
      {"loopback-port", "sagemaker", "us-east-1",
       {"POST", "http://127.0.0.1:8123/", kSageMakerHeaders, kSageMakerBody}, token},
      {"loopback-sts-port", "sts", "us-east-1",
       {"POST", "http://localhost:8123", kStsHeaders, kAssumeRoleBody}, ""},
      {"default-port-dropped", "logs", "us-east-1",
       {"POST", "https://logs.us-east-1.amazonaws.com:443/", kLogsHeaders, kLogsBody}, ""},
      {"get-query-and-spaces", "sagemaker", "us-east-1",
       {"GET", "https://example.amazonaws.com/a/b?z=1&a=x%2Fy&a=b&empty=",
        {{"X-Custom", "  padded   value  "}, {"X-Custom", "second"}}, ""}, token},
  };
}

nlohmann::json BotocoreSpec(const ComparisonCase& c, const SigningKeys& keys, WallTime time) {
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : c.request.headers) headers.push_back({name, value});
  return {{"method", c.request.method}, {"url", c.request.url}, {"headers", headers},
          {"body", c.request.body}, {"access_key_id", keys.access_key_id},
          {"secret_access_key", keys.secret_access_key}, {"session_token", keys.session_token},
          {"region", c.region}, {"service", c.service}, {"timestamp", AmzDate(time)}};
}

SigningKeys KeysFor(const ComparisonCase& c) {
  return {"AKIDEXAMPLEKEY123456", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", c.session_token};
}

TEST(BotocoreComparisonTest, SignaturesMatchBotocoreAtFrozenTime) {
  using namespace std::chrono;
  const WallTime frozen = sys_days{year{2024} / February / 29} + hours{23} + minutes{59} + seconds{58};
  const std::vector<ComparisonCase> cases = Cases();
  nlohmann::json specs = nlohmann::json::array();
  for (const ComparisonCase& c : cases) specs.push_back(BotocoreSpec(c, KeysFor(c), frozen));
  const nlohmann::json botocore = SignWithBotocore(specs);
  ASSERT_TRUE(botocore.is_array());
  ASSERT_EQ(botocore.size(), cases.size());

  for (size_t i = 0; i < cases.size(); ++i) {
    const ComparisonCase& c = cases[i];
    SCOPED_TRACE(c.label);
    const SigningKeys keys = KeysFor(c);
    const SigningScope scope{c.region, c.service, frozen};
    const std::string canonical = CanonicalRequest(WithSigningHeaders(c.request, keys, scope));
    EXPECT_EQ(canonical, botocore[i]["canonical_request"].get<std::string>());
    EXPECT_EQ(StringToSign(canonical, scope), botocore[i]["string_to_sign"].get<std::string>());
    const Headers added = SignatureHeaders(c.request, keys, scope);
    for (const char* name : {"X-Amz-Date", "X-Amz-Security-Token", "Authorization"}) {
      std::string ours;
      for (const auto& header : added) {
        if (header.first == name) ours = header.second;
      }
      EXPECT_EQ(ours, HeaderValue(botocore[i]["headers"], name)) << name;
    }
  }
}

}  // namespace
}  // namespace sagetrain::sigv4
