#pragma once
// EC2 instance metadata credentials (IMDSv2): PUT /latest/api/token (TTL header), then the role name
// from /latest/meta-data/iam/security-credentials/ and its credentials from .../<role>. The last
// provider of the chain; short timeouts and a single attempt so that a machine without IMDS (a
// laptop, a pod without hostNetwork) falls through within about a second.
//
// Base URL: AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://[fd00:ec2::254] when
// AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE is IPv6, else http://169.254.169.254.
// IMDSv1 (no token) is never used: the token step is what protects against SSRF.
//
// Get(): kNotFound when AWS_EC2_METADATA_DISABLED is "true" or IMDS cannot give credentials (it is
// "not available", never an error that stops the chain); once it has given credentials, a later
// failure is kUnavailable (transient, so a cache keeps the still-valid ones). Not thread-safe.
#include <memory>
#include <string>

#include "aws/core/credentials.h"
#include "aws/core/http_transport.h"
#include "common/environment.h"

namespace sagetrain {

class ImdsCredentialsProvider final : public CredentialsProvider {
 public:
  // REQUIRES: `env` outlives the provider.
  ImdsCredentialsProvider(const Environment& env, std::shared_ptr<HttpTransport> transport)
      : env_(env), transport_(std::move(transport)) {}
  StatusOr<Credentials> Get() override;
  std::string Name() const override { return "EC2 instance metadata"; }

 private:
  std::string BaseUrl() const;
  StatusOr<Credentials> Fetch(const std::string& base);
  StatusOr<HttpResponse> Send(const std::string& method, const std::string& url, HttpHeaders headers);

  const Environment& env_;
  std::shared_ptr<HttpTransport> transport_;
  bool succeeded_once_ = false;
};

}  // namespace sagetrain
