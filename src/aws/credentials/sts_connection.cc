#include "aws/credentials/sts_connection.h"

#include <pugixml.hpp>

#include "aws/credentials/credentials_format.h"

namespace sagetrain {
namespace {

constexpr char kStsVersion[] = "2011-06-15";

// Child element by local name, ignoring any namespace prefix ("sts:Credentials").
pugi::xml_node Child(const pugi::xml_node& node, const std::string& local_name) {
  for (pugi::xml_node child : node.children()) {
    std::string name = child.name();
    const auto colon = name.find(':');
    if (colon != std::string::npos) name = name.substr(colon + 1);
    if (name == local_name) return child;
  }
  return {};
}

std::string Text(const pugi::xml_node& node, const std::string& local_name) {
  return TrimBlanks(Child(node, local_name).child_value());
}

Status ErrorFromXml(const pugi::xml_node& error_response) {
  const pugi::xml_node error = Child(error_response, "Error");
  AwsErrorDetails details;
  details.code = Text(error, "Code");
  details.request_id = Text(error_response, "RequestId");
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
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) {
    return Status(StatusCode::kInternal, "STS " + action + ": the answer is not XML");
  }
  const pugi::xml_node root = doc.document_element();
  if (Child(doc, "ErrorResponse")) return ErrorFromXml(root).WithContext("STS " + action);
  const pugi::xml_node credentials = Child(Child(Child(doc, action + "Response"), action + "Result"), "Credentials");
  if (!credentials) {
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
