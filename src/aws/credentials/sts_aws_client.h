#pragma once
// The production StsConnectionFactory: each connection owns an AwsClient for the STS endpoint, signed
// with the given credentials, so STS calls get the same signing, retries and error parsing as every
// other AWS call. Kept apart from sts_connection.h so that code which only needs the interface does
// not link AwsClient.
#include "aws/core/aws_client.h"
#include "aws/credentials/sts_connection.h"

namespace sagetrain {

// `endpoint`: the STS endpoint (ResolveEndpoint(AwsService::kSts, region, env)). `deps`: transport,
// clock, sleeper and random source shared by every connection; its `credentials` field is ignored
// and replaced by the factory's argument.
// REQUIRES: the clock, sleeper and random source in `deps` outlive every connection made.
StsConnectionFactory MakeAwsClientStsConnectionFactory(ServiceEndpoint endpoint,
                                                       AwsClientDependencies deps,
                                                       RetryOptions retry = {});

}  // namespace sagetrain
