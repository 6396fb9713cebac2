#include "aws/credentials/sts_connection.h"

#include <string_view>

#include "aws/core/xml_tree.h"
#include "aws/credentials/credentials_format.h"

namespace sagetrain {
namespace {

constexpr char kStsVersion[] = "2011-06-15";

std::string Text(const XmlElement* element, std::string_view local_name) {
  return element == nullptr ? std::string() : TrimBlanks(element->ChildText(local_name));
}

Status ErrorFromXml(const XmlElement& error_response) {
  const XmlElement* error = error_response.Child("Error");
  AwsErrorDetails details;
  details.code = Text(error, "Code");
  details.request_id = Text(&error_response, "RequestId");
  std::string message = Text(error, "Message");
  if (message.empty()) message = "STS refused the request";
  return Status(StatusCode::kAwsError, message, details);
}

class QueryStsConnection final : public StsConnection {
 public:
  explicit QueryStsConnection(StsQueryCall call) : call_(std::move(call)) {}

  StatusOr<Credentials> AssumeRole(const AssumeRoleRequest& request) override {
    QueryParams params = {{"RoleArn", request.role_arn},
                          {"RoleSessionName", request.session_name},
                          {"DurationSeconds", std::to_string(request.duration.count())}};
    if (!request.external_id.empty()) params.emplace_back("ExternalId", request.external_id);
    auto xml = call_("AssumeRole", kStsVersion, params, /*sign=*/true);
    if (!xml.ok()) return xml.status().WithContext("STS AssumeRole " + request.role_arn);
    return ParseStsCredentialsXml(*xml, "AssumeRole", "assume role " + request.role_arn);
  }

  StatusOr<Credentials> AssumeRoleWithWebIdentity(
      const AssumeRoleWithWebIdentityRequest& request) override {
    const QueryParams params = {{"RoleArn", request.role_arn},
                                {"RoleSessionName", request.session_name},
                                {"WebIdentityToken", request.web_identity_token}};
    auto xml = call_("AssumeRoleWithWebIdentity", kStsVersion, params, /*sign=*/false);
    if (!xml.ok()) {
      return xml.status().WithContext("STS AssumeRoleWithWebIdentity " + request.role_arn);
    }
    return ParseStsCredentialsXml(*xml, "AssumeRoleWithWebIdentity", "web identity " + request.role_arn);
  }

 private:
  StsQueryCall call_;
};

}  // namespace

std::unique_ptr<StsConnection> MakeQueryStsConnection(StsQueryCall call) {
  return std::make_unique<QueryStsConnection>(std::move(call));
}

StatusOr<Credentials> ParseStsCredentialsXml(const std::string& xml, const std::string& action,
                                             const std::string& provider) {
  const StatusOr<XmlElement> root = ParseXml(xml);
  if (!root.ok()) return Status(StatusCode::kInternal, "STS " + action + ": the answer is " + root.status().message());
  if (root->name == "ErrorResponse") return ErrorFromXml(*root).WithContext("STS " + action);
  const XmlElement* result = root->name == action + "Response" ? root->Child(action + "Result") : nullptr;
  const XmlElement* credentials = result == nullptr ? nullptr : result->Child("Credentials");
  if (credentials == nullptr) {
    return Status(StatusCode::kInternal, "STS " + action + ": the answer has no Credentials element");
  }
  Credentials creds;
  creds.access_key_id = Text(credentials, "AccessKeyId");
  creds.secret_access_key = Text(credentials, "SecretAccessKey");
  creds.session_token = Text(credentials, "SessionToken");
  creds.provider = provider;
  const std::string expiration = Text(credentials, "Expiration");
  creds.expiration = ParseIso8601(expiration);
  if (creds.access_key_id.empty() || creds.secret_access_key.empty() || creds.session_token.empty() ||
      !creds.expiration) {
    return Status(StatusCode::kInternal,
                  "STS " + action + ": the answer's Credentials are incomplete or the Expiration is unreadable");
  }
  return creds;
}

}  // namespace sagetrain
