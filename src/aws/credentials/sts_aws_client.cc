#include "aws/credentials/sts_aws_client.h"

namespace sagetrain {

StsConnectionFactory MakeAwsClientStsConnectionFactory(ServiceEndpoint endpoint,
                                                       AwsClientDependencies deps,
                                                       RetryOptions retry) {
  return [endpoint = std::move(endpoint), deps = std::move(deps),
          retry](std::shared_ptr<CredentialsProvider> signing_credentials) {
    AwsClientDependencies client_deps = deps;
    client_deps.credentials = std::move(signing_credentials);
    // The AwsClient lives as long as the connection that calls it.
    auto client = std::make_shared<AwsClient>(endpoint, std::move(client_deps), retry);
    return MakeQueryStsConnection([client](const std::string& action, const std::string& version,
                                           const QueryParams& params, bool sign) {
      return client->CallQuery(action, version, params, sign);
    });
  };
}

}  // namespace sagetrain
