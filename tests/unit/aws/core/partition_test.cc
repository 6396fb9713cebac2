#include "aws/core/partition.h"

#include <gtest/gtest.h>

namespace sagetrain {
namespace {

struct PartitionCase {
  const char* region;
  const char* name;
  const char* dns_suffix;
};

TEST(PartitionTest, RegionPrefixChoosesPartition) {
  const PartitionCase cases[] = {
      {"us-east-1", "aws", "amazonaws.com"},
      {"eu-west-1", "aws", "amazonaws.com"},
      {"il-central-1", "aws", "amazonaws.com"},
      {"cn-north-1", "aws-cn", "amazonaws.com.cn"},
      {"cn-northwest-1", "aws-cn", "amazonaws.com.cn"},
      {"us-gov-west-1", "aws-us-gov", "amazonaws.com"},
      {"us-iso-east-1", "aws-iso", "c2s.ic.gov"},
      {"us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov"},
      {"us-isof-south-1", "aws-iso-f", "csp.hci.ic.gov"},
      {"eu-isoe-west-1", "aws-iso-e", "cloud.adc-e.uk"},
  };
  for (const auto& c : cases) {
    const Partition partition = PartitionForRegion(c.region);
    EXPECT_EQ(partition.name, c.name) << c.region;
    EXPECT_EQ(partition.dns_suffix, c.dns_suffix) << c.region;
  }
  EXPECT_EQ(PartitionForRegion("cn-north-1").console_host, "console.amazonaws.cn");
}

}  // namespace
}  // namespace sagetrain
