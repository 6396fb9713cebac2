#include "aws/core/query_protocol.h"

#include "aws/core/json_protocol.h"
#include "aws/core/xml_tree.h"

namespace sagetrain {
namespace {

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

}  // namespace

std::string PercentEncode(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size());
  for (char raw : text) {
    const auto c = static_cast<unsigned char>(raw);
    if (IsUnreserved(c)) {
      encoded += raw;
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0x0F];
    }
  }
  return encoded;
}

std::string FormEncode(const QueryParams& params) {
  std::string form;
  for (const auto& [name, value] : params) {
    if (!form.empty()) form += '&';
    form += PercentEncode(name) + "=" + PercentEncode(value);
  }
  return form;
}

HttpRequest BuildQueryRequest(const std::string& endpoint_url, const std::string& action,
                              const std::string& version, const QueryParams& params) {
  QueryParams all = {{"Action", action}, {"Version", version}};
  all.insert(all.end(), params.begin(), params.end());
  HttpRequest request;
  request.method = "POST";
  request.url = RootUrl(endpoint_url);
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
  request.body = FormEncode(all);
  return request;
}

Status ParseQueryError(const HttpResponse& response) {
  AwsErrorDetails details = ResponseDetails(response);
  const StatusOr<XmlElement> document = ParseXml(response.body);
  // STS answers <ErrorResponse><Error>; some query services <Response><Errors><Error>.
  const XmlElement* error = document.ok() ? document->Find("Error") : nullptr;
  std::string message;
  if (error != nullptr) {
    details.code = error->ChildText("Code");
    message = error->ChildText("Message");
    const XmlElement* request_id = document->Find("RequestId");
    if (request_id != nullptr && !request_id->text.empty()) details.request_id = request_id->text;
  } else if (!response.body.empty()) {
    message = "HTTP " + std::to_string(response.status) +
              " with a body that is not an XML error: " + BodyExcerpt(response.body);
  }
  if (message.empty()) message = "HTTP " + std::to_string(response.status);
  return Status(StatusCode::kAwsError, message, details);
}

}  // namespace sagetrain
