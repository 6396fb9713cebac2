#pragma once
// Credentials of an IAM role, from STS AssumeRole signed with the credentials of a source provider
// (for --assume_role the source is the default chain). Wrap it in a CachingCredentialsProvider: every
// Get() calls STS.
//
// Get(): the role's temporary credentials, or STS's error (kAwsError, e.g. AccessDenied) or the
// source's error, as the STS connection reports it. Not thread-safe.
#include <chrono>
#include <memory>
#include <string>

#include "aws/core/credentials.h"
#include "aws/credentials/sts_connection.h"
#include "common/clock.h"

namespace sagetrain {

struct AssumeRoleOptions {
  std::string role_arn;
  std::string session_name;             // default "": "sagemaker-training-<epoch>" at each call
  std::chrono::seconds duration{3600};  // default: one hour, the maximum for role chaining
  std::string external_id;              // default "": none
};

class AssumeRoleCredentialsProvider final : public CredentialsProvider {
 public:
  // `sts` is called once, with `source`, on the first Get().
  // REQUIRES: `clock` outlives the provider; options.role_arn is not empty.
  AssumeRoleCredentialsProvider(AssumeRoleOptions options, std::shared_ptr<CredentialsProvider> source,
                                StsConnectionFactory sts, Clock& clock)
      : options_(std::move(options)), source_(std::move(source)), sts_factory_(std::move(sts)),
        clock_(clock) {}
  StatusOr<Credentials> Get() override;
  // The source's credentials were the ones refused, possibly; let it fetch anew too.
  void Invalidate() override { if (source_) source_->Invalidate(); }
  std::string Name() const override { return "assume role " + options_.role_arn; }

 private:
  AssumeRoleOptions options_;
  std::shared_ptr<CredentialsProvider> source_;
  StsConnectionFactory sts_factory_;
  Clock& clock_;
  std::unique_ptr<StsConnection> sts_;
};

}  // namespace sagetrain
