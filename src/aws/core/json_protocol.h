#pragma once
// The AWS JSON 1.1 protocol (SageMaker, CloudWatch Logs): how one operation becomes an HTTP request
// and how its answer or error is read back, as botocore's JSON serializer and parser do it.
// Pure functions over values; thread-safe.
#include <string>

#include <nlohmann/json.hpp>

#include "aws/core/http_transport.h"
#include "common/status.h"

namespace sagetrain {

// POST <endpoint_url>/ with Content-Type application/x-amz-json-1.1, X-Amz-Target: `target` and the
// compact JSON of `body` (a null body is sent as {}). Timeouts keep HttpRequest's defaults.
HttpRequest BuildJsonRequest(const std::string& endpoint_url, const std::string& target,
                             const nlohmann::json& body);

// The JSON of a 2xx answer; an empty body is {}. kInternal when the body is not JSON.
StatusOr<nlohmann::json> ParseJsonAnswer(const HttpResponse& response);

// The kAwsError for a non-2xx answer: code from the body's `__type` or else the x-amzn-errortype
// header (anything up to '#' and after ':' dropped), message from `message` / `Message`, request id
// from x-amzn-requestid, and the HTTP status. A body that is not JSON (an HTML page from a proxy)
// still gives a kAwsError with the HTTP status and the start of the body as message.
Status ParseJsonError(const HttpResponse& response);

// `endpoint_url` with exactly one trailing '/' (the path every JSON and query call is sent to).
std::string RootUrl(const std::string& endpoint_url);

// The HTTP status and x-amzn-requestid of `response`, with no error code yet.
AwsErrorDetails ResponseDetails(const HttpResponse& response);

// A short single-line excerpt of a non-protocol body for error messages (never request data).
std::string BodyExcerpt(const std::string& body);

}  // namespace sagetrain
