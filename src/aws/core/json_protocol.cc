#include "aws/core/json_protocol.h"

#include "common/json_nesting.h"

namespace sagetrain {
namespace {

constexpr std::size_t kExcerptLength = 200;

// "com.amazon.coral.validate#ValidationException:http://..." -> "ValidationException".
std::string CleanErrorCode(std::string code) {
  if (auto colon = code.find(':'); colon != std::string::npos) code.resize(colon);
  if (auto hash = code.rfind('#'); hash != std::string::npos) code.erase(0, hash + 1);
  return code;
}

std::string StringField(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

}  // namespace

AwsErrorDetails ResponseDetails(const HttpResponse& response) {
  AwsErrorDetails details;
  details.http_status = static_cast<int>(response.status);
  details.request_id = response.Header("x-amzn-requestid");
  return details;
}

std::string RootUrl(const std::string& endpoint_url) {
  std::string url = endpoint_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url + "/";
}

std::string BodyExcerpt(const std::string& body) {
  std::string excerpt;
  for (char c : body.substr(0, kExcerptLength)) {
    const bool blank = c == '\n' || c == '\r' || c == '\t';
    if (blank && !excerpt.empty() && excerpt.back() == ' ') continue;
    excerpt += blank ? ' ' : c;
  }
  if (body.size() > kExcerptLength) excerpt += "...";
  return excerpt;
}

HttpRequest BuildJsonRequest(const std::string& endpoint_url, const std::string& target,
                             const nlohmann::json& body) {
  HttpRequest request;
  request.method = "POST";
  request.url = RootUrl(endpoint_url);
  request.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", target}};
  request.body = body.is_null() ? "{}" : body.dump();
  return request;
}

namespace {

Status TooDeep(const HttpResponse& response) {
  return Status(StatusCode::kInternal, "the answer (HTTP " + std::to_string(response.status) +
                                           ") nests deeper than " + std::to_string(kMaxJsonNesting) +
                                           " levels; not read",
                ResponseDetails(response));
}

}  // namespace

StatusOr<nlohmann::json> ParseJsonAnswer(const HttpResponse& response) {
  if (response.body.empty()) return nlohmann::json::object();
  if (!JsonNestingWithin(response.body)) return TooDeep(response);
  nlohmann::json answer = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded()) {
    return Status(StatusCode::kInternal, "the answer (HTTP " + std::to_string(response.status) +
                                             ") is not JSON: " + BodyExcerpt(response.body),
                  ResponseDetails(response));
  }
  return answer;
}

Status ParseJsonError(const HttpResponse& response) {
  AwsErrorDetails details = ResponseDetails(response);
  if (!JsonNestingWithin(response.body)) {
    const Status too_deep = TooDeep(response);
    return Status(StatusCode::kAwsError, too_deep.message(), too_deep.aws());
  }
  nlohmann::json body = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  std::string message;
  if (body.is_object()) {
    details.code = CleanErrorCode(StringField(body, "__type"));
    message = StringField(body, "message");
    if (message.empty()) message = StringField(body, "Message");
  } else if (!response.body.empty()) {
    message = "HTTP " + std::to_string(response.status) + " with a non-JSON body: " +
              BodyExcerpt(response.body);
  }
  if (details.code.empty()) details.code = CleanErrorCode(response.Header("x-amzn-errortype"));
  if (message.empty()) message = "HTTP " + std::to_string(response.status);
  return Status(StatusCode::kAwsError, message, details);
}

}  // namespace sagetrain
