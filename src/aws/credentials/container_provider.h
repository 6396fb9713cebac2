#pragma once
// Container credentials (EKS Pod Identity, ECS task roles): an HTTP GET to
// AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (on http://169.254.170.2) or AWS_CONTAINER_CREDENTIALS_FULL_URI,
// with the Authorization header read from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (re-read at every
// Get(), since it is rotated) or else AWS_CONTAINER_AUTHORIZATION_TOKEN. The answer is JSON
// {AccessKeyId, SecretAccessKey, Token, Expiration}.
//
// A FULL_URI over plain http must name an address that cannot leave the machine or the task's
// link-local network (CheckContainerCredentialsUrl), so a misconfigured or hostile variable cannot
// send the token to another host. https may name any host.
//
// Get(): kNotFound when neither URI variable is set; kCredentials for a refused URL, an unreadable
// token file, a token with CR/LF or a 4xx answer; kUnavailable when the endpoint cannot be reached or
// answers 5xx/429. Not thread-safe.
#include <memory>
#include <string>

#include "aws/core/credentials.h"
#include "aws/core/http_transport.h"
#include "common/environment.h"

namespace sagetrain {

// OK when credentials may be fetched from `url`: https to any host; http to 169.254.170.2,
// 169.254.170.23, [fd00:ec2::23] or a loopback address (127.0.0.0/8, [::1], "localhost"). Host names
// other than localhost are refused over http: checking what they resolve to here would race with the
// transport's own resolution. kCredentials otherwise, naming the host.
Status CheckContainerCredentialsUrl(const std::string& url);

class ContainerCredentialsProvider final : public CredentialsProvider {
 public:
  // REQUIRES: `env` outlives the provider.
  ContainerCredentialsProvider(const Environment& env, std::shared_ptr<HttpTransport> transport)
      : env_(env), transport_(std::move(transport)) {}
  StatusOr<Credentials> Get() override;
  std::string Name() const override { return "container"; }

 private:
  StatusOr<std::string> AuthorizationToken() const;

  const Environment& env_;
  std::shared_ptr<HttpTransport> transport_;
};

}  // namespace sagetrain
