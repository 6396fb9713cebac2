#pragma once
// AWS partitions: which DNS suffix and console a region belongs to. One table for every place that
// forms a host name (service endpoints, ECR image URIs, console links). Pure; thread-safe.
#include <string>

namespace sagetrain {

struct Partition {
  std::string name;            // "aws", "aws-cn", "aws-us-gov", "aws-iso", ...
  std::string dns_suffix;      // "amazonaws.com", "amazonaws.com.cn", "c2s.ic.gov", ...
  std::string console_host;    // "console.aws.amazon.com", "console.amazonaws.cn", ...; "" if none
};

// The partition of `region` by its prefix (cn-, us-gov-, us-iso-, us-isob-, us-isof-, eu-isoe-);
// any other region is in "aws".
Partition PartitionForRegion(const std::string& region);

}  // namespace sagetrain
