#include "aws/credentials/default_chain.h"

#include "aws/credentials/assume_role_provider.h"
#include "aws/credentials/chain_provider.h"
#include "aws/credentials/container_provider.h"
#include "aws/credentials/environment_provider.h"
#include "aws/credentials/imds_provider.h"
#include "aws/credentials/profile_provider.h"
#include "aws/credentials/web_identity_provider.h"

namespace sagetrain {

std::vector<std::shared_ptr<CredentialsProvider>> MakeDefaultProviders(
    const Environment& env, Clock& clock, std::shared_ptr<HttpTransport> metadata_transport,
    const StsConnectionFactory& sts) {
  return {
      std::make_shared<EnvironmentCredentialsProvider>(env),
      std::make_shared<WebIdentityCredentialsProvider>(env, clock, sts),
      std::make_shared<ProfileCredentialsProvider>(env, clock, metadata_transport, sts),
      std::make_shared<ContainerCredentialsProvider>(env, metadata_transport),
      std::make_shared<ImdsCredentialsProvider>(env, metadata_transport),
  };
}

std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsChain(
    const CredentialsChainOptions& options, const Environment& env, Clock& clock,
    std::shared_ptr<HttpTransport> metadata_transport, StsConnectionFactory sts) {
  auto chain = std::make_shared<CachingCredentialsProvider>(
      std::make_shared<ChainCredentialsProvider>(MakeDefaultProviders(env, clock, metadata_transport, sts)),
      clock, options.cache);
  if (options.assume_role_arn.empty()) return chain;
  AssumeRoleOptions role;
  role.role_arn = options.assume_role_arn;
  role.session_name = options.assume_role_session_name;
  role.duration = options.assume_role_duration;
  return std::make_shared<CachingCredentialsProvider>(
      std::make_shared<AssumeRoleCredentialsProvider>(std::move(role), std::move(chain), std::move(sts), clock),
      clock, options.cache);
}

}  // namespace sagetrain
