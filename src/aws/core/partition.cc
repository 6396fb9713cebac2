#include "aws/core/partition.h"

#include <array>
#include <string_view>

namespace sagetrain {
namespace {

struct PartitionRule {
  std::string_view region_prefix;
  std::string_view name;
  std::string_view dns_suffix;
  std::string_view console_host;
};

// Longest prefixes first: "us-isob-" must win over "us-iso-". Suffixes as botocore 1.43's endpoint
// data (see third_party/aws/image_uri_config/README.md, "Hostname").
constexpr std::array<PartitionRule, 6> kRules{{
    {"us-isob-", "aws-iso-b", "sc2s.sgov.gov", ""},
    {"us-isof-", "aws-iso-f", "csp.hci.ic.gov", ""},
    {"eu-isoe-", "aws-iso-e", "cloud.adc-e.uk", ""},
    {"us-iso-", "aws-iso", "c2s.ic.gov", ""},
    {"us-gov-", "aws-us-gov", "amazonaws.com", "console.amazonaws-us-gov.com"},
    {"cn-", "aws-cn", "amazonaws.com.cn", "console.amazonaws.cn"},
}};

}  // namespace

Partition PartitionForRegion(const std::string& region) {
  for (const auto& rule : kRules) {
    if (region.starts_with(rule.region_prefix)) {
      return {std::string(rule.name), std::string(rule.dns_suffix), std::string(rule.console_host)};
    }
  }
  return {"aws", "amazonaws.com", "console.aws.amazon.com"};
}

}  // namespace sagetrain
