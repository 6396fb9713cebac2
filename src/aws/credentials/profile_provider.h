#pragma once
// Credentials from a profile of the shared config and credentials files (AWS_PROFILE, default
// "default"; see profile_files.h for the files). A profile gives:
//   - static keys: aws_access_key_id, aws_secret_access_key [, aws_session_token];
//   - a role: role_arn [+ role_session_name, duration_seconds, external_id] assumed with credentials
//     from source_profile (itself resolved the same way, so chains work; a cycle is an error; a
//     profile may name itself to use its own static keys), or from credential_source (Environment,
//     Ec2InstanceMetadata or EcsContainer), or with web_identity_token_file (AssumeRoleWithWebIdentity).
// A role takes precedence over static keys in the same profile, as in the SDKs.
//
// Get(): kNotFound when AWS_PROFILE is unset and the default profile is absent or holds no
// credentials; kCredentials when a profile named by AWS_PROFILE does not exist, a file is malformed,
// or a profile is incomplete or cyclic; STS's error for a refused role. Files are re-read at every
// Get(). Not thread-safe.
#include <memory>
#include <string>
#include <vector>

#include "aws/core/credentials.h"
#include "aws/core/http_transport.h"
#include "aws/credentials/profile_files.h"
#include "aws/credentials/sts_connection.h"
#include "common/clock.h"
#include "common/environment.h"

namespace sagetrain {

class ProfileCredentialsProvider final : public CredentialsProvider {
 public:
  // `metadata_transport` serves credential_source Ec2InstanceMetadata / EcsContainer.
  // REQUIRES: `env` and `clock` outlive the provider.
  ProfileCredentialsProvider(const Environment& env, Clock& clock,
                             std::shared_ptr<HttpTransport> metadata_transport, StsConnectionFactory sts)
      : env_(env), clock_(clock), metadata_transport_(std::move(metadata_transport)),
        sts_factory_(std::move(sts)) {}
  StatusOr<Credentials> Get() override;
  std::string Name() const override { return "profile " + SelectedProfileName(env_); }

 private:
  StatusOr<Credentials> Resolve(const ProfileFiles& files, const std::string& name,
                                std::vector<std::string>& visiting);
  StatusOr<Credentials> SourceCredentials(const ProfileFiles& files, const std::string& name,
                                          std::vector<std::string>& visiting);
  StatusOr<Credentials> CredentialSource(const std::string& profile, const std::string& source);
  StatusOr<Credentials> AssumeRole(const IniSection& profile, const std::string& name,
                                   const Credentials& source);

  const Environment& env_;
  Clock& clock_;
  std::shared_ptr<HttpTransport> metadata_transport_;
  StsConnectionFactory sts_factory_;
};

}  // namespace sagetrain
