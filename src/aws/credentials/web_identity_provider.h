#pragma once
// Web identity credentials (IRSA on EKS): STS AssumeRoleWithWebIdentity, unsigned, with the token
// read from AWS_WEB_IDENTITY_TOKEN_FILE for the role AWS_ROLE_ARN, session AWS_ROLE_SESSION_NAME
// (default "sagemaker-training-<epoch>"). The token file is re-read at every Get(), because the
// kubelet rotates it.
//
// Get(): kNotFound when AWS_WEB_IDENTITY_TOKEN_FILE is unset; kCredentials when the role ARN is
// missing or the token file is unreadable or empty; STS's own error otherwise. Not thread-safe.
#include <memory>
#include <string>

#include "aws/core/credentials.h"
#include "aws/credentials/sts_connection.h"
#include "common/clock.h"
#include "common/environment.h"

namespace sagetrain {

// One AssumeRoleWithWebIdentity call with the token read from `token_file` now. Shared with the
// profile provider (web_identity_token_file + role_arn in a profile).
StatusOr<Credentials> AssumeRoleWithWebIdentityTokenFile(const Environment& env, StsConnection& sts,
                                                         const std::string& role_arn,
                                                         const std::string& token_file,
                                                         const std::string& session_name);

class WebIdentityCredentialsProvider final : public CredentialsProvider {
 public:
  // `sts` is called once, with null credentials, the first time the provider is configured.
  // REQUIRES: `env` and `clock` outlive the provider.
  WebIdentityCredentialsProvider(const Environment& env, Clock& clock, StsConnectionFactory sts)
      : env_(env), clock_(clock), sts_factory_(std::move(sts)) {}
  StatusOr<Credentials> Get() override;
  std::string Name() const override { return "web identity"; }

 private:
  const Environment& env_;
  Clock& clock_;
  StsConnectionFactory sts_factory_;
  std::unique_ptr<StsConnection> sts_;
};

}  // namespace sagetrain
