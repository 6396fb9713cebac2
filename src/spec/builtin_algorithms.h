#pragma once
// Built-in SageMaker algorithms: recognising the names the original KFP component accepted and
// forming their regional ECR training image URI (`<account>.dkr.ecr.<region>.<dns suffix>/<repo>:<tag>`),
// the way the SageMaker Python SDK's image_uris.retrieve does. Pure; thread-safe.
//
// Accepted names (case-insensitive, surrounding blanks ignored): the original component's 19 names
// and aliases ("k-means", "linear learner", "xgboost", ...) and the ECR repository names they map to
// ("kmeans", "linear-learner", ...). xgboost also takes an explicit version, "xgboost:1.7-1"; plain
// "xgboost" means the newest framework version of the data (highest version key other than "1").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sagetrain {

struct BuiltinAlgorithmRef {
  std::string framework;  // image_uri_config file stem: "kmeans", "xgboost", ...
  std::optional<std::string> version;  // nullopt = the default version (see above)
};

// The built-in algorithm `name` denotes, or nullopt when it is not a built-in name (it is then sent
// as AlgorithmName). "xgboost:<anything>" is always a built-in reference (the version is checked by
// BuiltinAlgorithmImageUri), since ':' cannot appear in an algorithm resource name.
std::optional<BuiltinAlgorithmRef> ParseBuiltinAlgorithmName(std::string_view name);

// The training image URI of `ref` in `region`. kInvalidArgument when the region has no registry for
// the algorithm or the xgboost version is unknown; the message lists what is accepted.
StatusOr<std::string> BuiltinAlgorithmImageUri(const BuiltinAlgorithmRef& ref, const std::string& region);

// The names accepted by ParseBuiltinAlgorithmName without a version, sorted, for --help.
std::vector<std::string> BuiltinAlgorithmNames();

// The xgboost versions accepted after "xgboost:", in data order, plus "latest".
std::vector<std::string> XgboostVersions();

// The version plain "xgboost" resolves to.
std::string DefaultXgboostVersion();

}  // namespace sagetrain
