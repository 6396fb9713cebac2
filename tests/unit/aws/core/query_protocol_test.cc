#include "aws/core/query_protocol.h"

#include <gtest/gtest.h>

#include "aws/core/fakes.h"

namespace sagetrain {
namespace {

using testing::Answer;

TEST(QueryProtocolTest, PercentEncodingIsRfc3986) {
  EXPECT_EQ(PercentEncode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(PercentEncode("a b+c/d=e&f:g"), "a%20b%2Bc%2Fd%3De%26f%3Ag");
  EXPECT_EQ(PercentEncode("é*"), "%C3%A9%2A");
  EXPECT_EQ(PercentEncode(""), "");
}

TEST(QueryProtocolTest, RequestIsFormEncodedPostWithActionAndVersionFirst) {
  HttpRequest request = BuildQueryRequest(
      "https://sts.us-west-2.amazonaws.com", "AssumeRole", "2011-06-15",
      {{"RoleArn", "arn:aws:iam::123456789012:role/demo"}, {"RoleSessionName", "a b"}});
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://sts.us-west-2.amazonaws.com/");
  EXPECT_EQ(request.headers,
            (HttpHeaders{{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}}));
  EXPECT_EQ(request.body,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole"
            "%2Fdemo&RoleSessionName=a%20b");
}

TEST(QueryProtocolTest, XmlErrorIsTyped) {
  const std::string body = R"(<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>AccessDenied</Code>
    <Message>User is not authorized to perform: sts:AssumeRole</Message>
  </Error>
  <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
</ErrorResponse>)";
  Status status = ParseQueryError(Answer(403, body));
  EXPECT_EQ(status.code(), StatusCode::kAwsError);
  EXPECT_EQ(status.aws_code(), "AccessDenied");
  EXPECT_EQ(status.message(), "User is not authorized to perform: sts:AssumeRole");
  EXPECT_EQ(status.aws().http_status, 403);
  EXPECT_EQ(status.aws().request_id, "c6104cbe-af31-11e0-8154-cbc7ccf896c7");
}

TEST(QueryProtocolTest, RequestIdFallsBackToTheHeader) {
  Status status = ParseQueryError(Answer(
      400, "<ErrorResponse><Error><Code>ExpiredToken</Code></Error></ErrorResponse>",
      {{"x-amzn-requestid", "hdr-id"}}));
  EXPECT_EQ(status.aws_code(), "ExpiredToken");
  EXPECT_EQ(status.aws().request_id, "hdr-id");
  EXPECT_EQ(status.message(), "HTTP 400");
}

TEST(QueryProtocolTest, NonXmlBodyStillGivesATypedErrorWithTheStatus) {
  Status status = ParseQueryError(Answer(503, "Service Unavailable"));
  EXPECT_EQ(status.code(), StatusCode::kAwsError);
  EXPECT_EQ(status.aws().http_status, 503);
  EXPECT_NE(status.message().find("Service Unavailable"), std::string::npos);
  Status empty = ParseQueryError(Answer(500, ""));
  EXPECT_EQ(empty.message(), "HTTP 500");
}

}  // namespace
}  // namespace sagetrain
