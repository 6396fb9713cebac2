#pragma once
// The built-in algorithms' ECR registries (region -> account, repository, tag parts), compiled in
// from the SageMaker Python SDK's image_uri_config data by tools/gen_builtin_registries.py, so the
// binary needs no data files at run time. Immutable; thread-safe.
#include <span>
#include <string_view>

namespace sagetrain {

struct RegistryAccount {
  std::string_view region;   // "us-east-1"
  std::string_view account;  // 12-digit AWS account that owns the regional ECR registry
};

// One (framework, version) entry of the training scope.
struct AlgorithmImageData {
  std::string_view framework;   // image_uri_config file stem: "kmeans", "xgboost", ...
  std::string_view version;     // "1" for every algorithm; xgboost also "0.90-1" ... "3.0-5"
  std::string_view repository;  // ECR repository: "kmeans", "sagemaker-xgboost", ...
  std::string_view processor;   // tag part, "" when the entry lists none (e.g. "cpu")
  std::string_view py_version;  // tag part, "" when the entry lists none (e.g. "py3")
  std::span<const RegistryAccount> registries;  // sorted by region
};

// Every entry, grouped by framework, in the JSON files' version order.
std::span<const AlgorithmImageData> BuiltinAlgorithmImageTable();

}  // namespace sagetrain
