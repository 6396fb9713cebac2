#pragma once
// One AwsClient over scripted fakes (transport, credentials, clock and sleeper, random source), for
// the client's tests. FakeClock starts at 2023-11-14T22:13:20Z.
#include <memory>
#include <utility>
#include <vector>

#include "aws/core/aws_client.h"
#include "aws/core/fakes.h"
#include "common/fake_clock.h"

namespace sagetrain::testing {

inline const ServiceEndpoint kSageMaker{"https://api.sagemaker.us-east-1.amazonaws.com", "us-east-1",
                                 "sagemaker"};
inline const ServiceEndpoint kSts{"https://sts.us-west-2.amazonaws.com", "us-west-2", "sts"};

struct ClientHarness {
  explicit ClientHarness(ServiceEndpoint endpoint = kSageMaker, RetryOptions retry = {},
                         std::vector<StatusOr<Credentials>> credentials_script = {TestCredentials()})
      : transport(std::make_shared<ScriptedTransport>()),
        credentials(std::make_shared<ScriptedCredentials>(std::move(credentials_script))),
        random({1'000'000'000}),
        client(std::move(endpoint),
               AwsClientDependencies{transport, credentials, &clock, &clock, &random}, retry) {}

  std::shared_ptr<ScriptedTransport> transport;
  std::shared_ptr<ScriptedCredentials> credentials;
  FakeClock clock;
  SequenceRandom random;
  AwsClient client;
};

}  // namespace sagetrain::testing
