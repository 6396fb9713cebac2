#include "aws/credentials/web_identity_provider.h"

#include "aws/credentials/credentials_format.h"
#include "aws/credentials/provider_status.h"

namespace sagetrain {

StatusOr<Credentials> AssumeRoleWithWebIdentityTokenFile(const Environment& env, StsConnection& sts,
                                                         const std::string& role_arn,
                                                         const std::string& token_file,
                                                         const std::string& session_name) {
  const auto content = env.ReadFile(token_file);
  if (!content) {
    return Status(StatusCode::kCredentials, "cannot read the web identity token file " + token_file);
  }
  AssumeRoleWithWebIdentityRequest request;
  request.role_arn = role_arn;
  request.session_name = session_name;
  request.web_identity_token = TrimBlanks(*content);
  if (request.web_identity_token.empty()) {
    return Status(StatusCode::kCredentials, "the web identity token file " + token_file + " is empty");
  }
  return sts.AssumeRoleWithWebIdentity(request);
}

StatusOr<Credentials> WebIdentityCredentialsProvider::Get() {
  const auto token_file = env_.GetNonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE");
  if (!token_file) return NotConfigured("AWS_WEB_IDENTITY_TOKEN_FILE is not set");
  const auto role_arn = env_.GetNonEmpty("AWS_ROLE_ARN");
  if (!role_arn) {
    return Status(StatusCode::kCredentials,
                  "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not; web identity needs both");
  }
  const std::string session_name =
      env_.GetNonEmpty("AWS_ROLE_SESSION_NAME").value_or(DefaultRoleSessionName(clock_.Now()));
  if (!sts_) sts_ = sts_factory_(nullptr);
  auto creds = AssumeRoleWithWebIdentityTokenFile(env_, *sts_, *role_arn, *token_file, session_name);
  if (!creds.ok()) return creds.status().WithContext(Name());
  creds->provider = Name();
  return creds;
}

}  // namespace sagetrain
