#include "aws/credentials/assume_role_provider.h"

#include "aws/credentials/credentials_format.h"

namespace sagetrain {

StatusOr<Credentials> AssumeRoleCredentialsProvider::Get() {
  if (!sts_) sts_ = sts_factory_(source_);
  AssumeRoleRequest request;
  request.role_arn = options_.role_arn;
  request.session_name =
      options_.session_name.empty() ? DefaultRoleSessionName(clock_.Now()) : options_.session_name;
  request.duration = options_.duration;
  request.external_id = options_.external_id;
  auto creds = sts_->AssumeRole(request);
  if (!creds.ok()) return creds.status();
  creds->provider = Name();
  return creds;
}

}  // namespace sagetrain
