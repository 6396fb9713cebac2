#pragma once
// The program's credentials: the AWS SDKs' default chain -- environment, web identity (IRSA), profile
// files, container (EKS Pod Identity / ECS), EC2 instance metadata -- behind a refreshing cache, and
// with --assume_role an AssumeRole provider on top, signed with the chain's credentials and cached
// the same way. The wiring builds it once with real objects:
//
//   auto sts = MakeAwsClientStsConnectionFactory(ResolveEndpoint(AwsService::kSts, region, env), deps);
//   auto credentials = MakeDefaultCredentialsChain(options, env, clock, metadata_transport, sts);
//
// Nothing is read or sent until the first Get().
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "aws/core/credentials.h"
#include "aws/core/http_transport.h"
#include "aws/credentials/caching_provider.h"
#include "aws/credentials/sts_connection.h"
#include "common/clock.h"
#include "common/environment.h"

namespace sagetrain {

struct CredentialsChainOptions {
  std::string assume_role_arn;                      // --assume_role; default "": none
  std::string assume_role_session_name;             // default "": "sagemaker-training-<epoch>"
  std::chrono::seconds assume_role_duration{3600};  // default: one hour (the role-chaining maximum)
  CachingOptions cache;                             // default: see caching_provider.h
};

// The five providers of the default chain, in order, uncached. `metadata_transport` serves the
// container and IMDS providers (they set their own short timeouts); `sts` makes the STS connections
// of the web identity and profile providers.
// REQUIRES: `env` and `clock` outlive the providers.
std::vector<std::shared_ptr<CredentialsProvider>> MakeDefaultProviders(
    const Environment& env, Clock& clock, std::shared_ptr<HttpTransport> metadata_transport,
    const StsConnectionFactory& sts);

// Cache(Chain(MakeDefaultProviders)), or with options.assume_role_arn
// Cache(AssumeRole(source = Cache(Chain(...)))). Get() errors: kCredentials (nothing configured,
// or a configured source unusable; the program exits 3), kAwsError (STS refused), kUnavailable.
// REQUIRES: `env` and `clock` outlive the returned provider.
std::shared_ptr<CredentialsProvider> MakeDefaultCredentialsChain(
    const CredentialsChainOptions& options, const Environment& env, Clock& clock,
    std::shared_ptr<HttpTransport> metadata_transport, StsConnectionFactory sts);

}  // namespace sagetrain
