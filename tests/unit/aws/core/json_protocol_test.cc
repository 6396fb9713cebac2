#include "aws/core/json_protocol.h"

#include <gtest/gtest.h>

#include "aws/core/fakes.h"

namespace sagetrain {
namespace {

using testing::Answer;

TEST(JsonProtocolTest, RequestIsPostToRootWithTargetAndCompactBody) {
  HttpRequest request = BuildJsonRequest("https://api.sagemaker.us-east-1.amazonaws.com",
                                         "SageMaker.DescribeTrainingJob",
                                         {{"TrainingJobName", "my-job"}});
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://api.sagemaker.us-east-1.amazonaws.com/");
  EXPECT_EQ(request.headers, (HttpHeaders{{"Content-Type", "application/x-amz-json-1.1"},
                                          {"X-Amz-Target", "SageMaker.DescribeTrainingJob"}}));
  EXPECT_EQ(request.body, R"({"TrainingJobName":"my-job"})");
}

TEST(JsonProtocolTest, NullBodyIsSentAsEmptyObjectAndTrailingSlashesCollapse) {
  HttpRequest request = BuildJsonRequest("http://127.0.0.1:5000//", "Logs_20140328.X", nullptr);
  EXPECT_EQ(request.url, "http://127.0.0.1:5000/");
  EXPECT_EQ(request.body, "{}");
}

TEST(JsonProtocolTest, AnswerParsesAndEmptyBodyIsEmptyObject) {
  auto answer = ParseJsonAnswer(Answer(200, R"({"TrainingJobStatus":"InProgress"})"));
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ((*answer)["TrainingJobStatus"], "InProgress");
  auto empty = ParseJsonAnswer(Answer(200, ""));
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, nlohmann::json::object());
  auto broken = ParseJsonAnswer(Answer(200, "{\"truncated"));
  EXPECT_EQ(broken.status().code(), StatusCode::kInternal);
}

struct ErrorCase {
  std::string body;
  HttpHeaders headers;
  const char* code;
  const char* message;
};

TEST(JsonProtocolTest, ErrorsAreTyped) {
  const ErrorCase cases[] = {
      {R"({"__type":"ValidationException","message":"bad name"})", {}, "ValidationException",
       "bad name"},
      {R"({"__type":"com.amazonaws.sagemaker#ResourceNotFound","Message":"no job"})", {},
       "ResourceNotFound", "no job"},
      {R"({"__type":"a.b#ThrottlingException:http://internal.amazon.com/","message":"slow"})", {},
       "ThrottlingException", "slow"},
      {R"({"message":"Rate exceeded"})",
       {{"x-amzn-errortype", "ThrottlingException:http://internal.amazon.com/coral/"}},
       "ThrottlingException", "Rate exceeded"},
      {R"({"__type":"AccessDeniedException"})", {}, "AccessDeniedException", "HTTP 400"},
      {"", {}, "", "HTTP 400"},
  };
  for (const auto& c : cases) {
    HttpHeaders headers = c.headers;
    headers.emplace_back("x-amzn-requestid", "abc-123");
    Status status = ParseJsonError(Answer(400, c.body, headers));
    EXPECT_EQ(status.code(), StatusCode::kAwsError) << c.body;
    EXPECT_EQ(status.aws_code(), c.code) << c.body;
    EXPECT_EQ(status.message(), c.message) << c.body;
    EXPECT_EQ(status.aws().http_status, 400);
    EXPECT_EQ(status.aws().request_id, "abc-123");
  }
}

TEST(JsonProtocolTest, HtmlFromAProxyStillGivesATypedErrorWithTheStatus) {
  const std::string html =
      "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>" + std::string(400, 'x') +
      "</body></html>";
  Status status = ParseJsonError(Answer(502, html));
  EXPECT_EQ(status.code(), StatusCode::kAwsError);
  EXPECT_EQ(status.aws().http_status, 502);
  EXPECT_EQ(status.aws_code(), "");
  EXPECT_NE(status.message().find("HTTP 502"), std::string::npos);
  EXPECT_NE(status.message().find("<head><title>502 Bad Gateway"), std::string::npos);
  EXPECT_EQ(status.message().find('\n'), std::string::npos);
  EXPECT_LT(status.message().size(), 300u);
}

}  // namespace
}  // namespace sagetrain
