#pragma once
// Endpoint resolution: which URL to send a service's requests to, and the region and service name
// to sign them with. Default hosts come from the region's partition (partition.h); the overrides
// are the AWS SDKs' standard ones. Pure (the environment is passed in); thread-safe.
#include <string>

#include "aws/core/aws_client.h"
#include "common/environment.h"
#include "common/status.h"

namespace sagetrain {

enum class AwsService { kSageMaker, kCloudWatchLogs, kSts };

// The endpoint of `service` in `region`, first match wins:
//   SageMaker: `endpoint_url_override` (--endpoint_url), AWS_ENDPOINT_URL_SAGEMAKER,
//              AWS_ENDPOINT_URL, https://api.sagemaker.<region>.<dns suffix>
//   Logs:      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, AWS_ENDPOINT_URL, https://logs.<region>.<suffix>
//   STS:       AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, https://sts.<region>.<suffix>
// Empty variables count as unset. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (any case) ignores the
// environment overrides, not --endpoint_url. `endpoint_url_override` is ignored for Logs and STS.
//
// An override must be an http:// or https:// URL with a host (as boto3, a URL without a scheme is
// refused rather than guessed), an optional port and path, and no user info, query or fragment;
// trailing slashes are removed. The signing region is `region` and the signing service "sagemaker",
// "logs" or "sts", whatever the override.
//
// Errors: kInvalidArgument for an empty or malformed region, or an invalid override (the message
// names --endpoint_url or the variable).
StatusOr<ServiceEndpoint> ResolveEndpoint(AwsService service, const std::string& region,
                                          const Environment& env,
                                          const std::string& endpoint_url_override = "");

// "SageMaker", "CloudWatch Logs", "STS": for messages.
const char* AwsServiceName(AwsService service);

}  // namespace sagetrain
