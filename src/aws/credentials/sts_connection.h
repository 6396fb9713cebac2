#pragma once
// StsConnection: the two STS operations the credential providers need, one virtual method each, so
// that the web identity, profile and assume-role providers are unit-tested against scripted fakes.
//
// The real connection (MakeQueryStsConnection) speaks the STS query protocol through a `StsQueryCall`
// (in production AwsClient::CallQuery, bound by MakeAwsClientStsConnectionFactory in
// sts_aws_client.h) and parses the XML answers here. Not thread-safe.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "aws/core/credentials.h"
#include "common/status.h"

namespace sagetrain {

struct AssumeRoleRequest {
  std::string role_arn;
  std::string session_name;
  std::chrono::seconds duration{3600};  // default: STS's own default of one hour
  std::string external_id;              // default "": not sent
};

struct AssumeRoleWithWebIdentityRequest {
  std::string role_arn;
  std::string session_name;
  std::string web_identity_token;  // secret: never logged
};

class StsConnection {
 public:
  virtual ~StsConnection() = default;
  // Signed with the connection's credentials. Returns temporary credentials with an expiration, or
  // the STS error (kAwsError with its code, e.g. AccessDenied) / kUnavailable.
  virtual StatusOr<Credentials> AssumeRole(const AssumeRoleRequest& request) = 0;
  // Sent unsigned: the token is the proof of identity.
  virtual StatusOr<Credentials> AssumeRoleWithWebIdentity(
      const AssumeRoleWithWebIdentityRequest& request) = 0;
};

// Builds an STS connection whose AssumeRole calls are signed with `signing_credentials` (null for a
// connection that only makes unsigned AssumeRoleWithWebIdentity calls). The providers call it once,
// when they are built.
using StsConnectionFactory =
    std::function<std::unique_ptr<StsConnection>(std::shared_ptr<CredentialsProvider> signing_credentials)>;

using QueryParams = std::vector<std::pair<std::string, std::string>>;

// One STS query-protocol call: the raw XML of a 2xx answer, or the typed error.
using StsQueryCall = std::function<StatusOr<std::string>(
    const std::string& action, const std::string& version, const QueryParams& params, bool sign)>;

std::unique_ptr<StsConnection> MakeQueryStsConnection(StsQueryCall call);

// Parses <`action`Response><`action`Result><Credentials> (AccessKeyId, SecretAccessKey, SessionToken,
// Expiration). An <ErrorResponse> document comes back as kAwsError with its Code, Message and
// RequestId; anything else as kInternal. Credentials::provider is set to `provider`.
StatusOr<Credentials> ParseStsCredentialsXml(const std::string& xml, const std::string& action,
                                             const std::string& provider);

}  // namespace sagetrain
