#include "spec/builtin_algorithms.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "aws/core/partition.h"
#include "spec/builtin_registry_data.h"

namespace sagetrain {
namespace {

// The original component's table (kubeflow/pipelines components/aws/sagemaker/common/_utils.py,
// `built_in_algos`): user-facing name -> image_uri_config framework.
constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kAliases{{
    {"blazingtext", "blazingtext"},
    {"deepar forecasting", "forecasting-deepar"},
    {"factorization machines", "factorization-machines"},
    {"image classification", "image-classification"},
    {"ip insights", "ipinsights"},
    {"k-means", "kmeans"},
    {"k-nearest neighbors", "knn"},
    {"k-nn", "knn"},
    {"lda", "lda"},
    {"linear learner", "linear-learner"},
    {"neural topic model", "ntm"},
    {"object2vec", "object2vec"},
    {"object detection", "object-detection"},
    {"pca", "pca"},
    {"random cut forest", "randomcutforest"},
    {"semantic segmentation", "semantic-segmentation"},
    {"sequence to sequence", "seq2seq"},
    {"seq2seq modeling", "seq2seq"},
    {"xgboost", "xgboost"},
}};

constexpr std::string_view kXgboost = "xgboost";
constexpr std::string_view kLegacyVersion = "1";
constexpr std::string_view kLatestAlias = "latest";

std::string Normalise(std::string_view name) {
  auto begin = std::find_if_not(name.begin(), name.end(), [](unsigned char c) { return std::isspace(c); });
  auto end = std::find_if_not(name.rbegin(), name.rend(), [](unsigned char c) { return std::isspace(c); }).base();
  std::string out;
  for (auto it = begin; it < end; ++it) out += static_cast<char>(std::tolower(static_cast<unsigned char>(*it)));
  return out;
}

std::optional<std::string> FrameworkForName(const std::string& normalised) {
  for (const auto& [alias, framework] : kAliases) {
    if (normalised == alias || normalised == framework) return std::string(framework);
  }
  return std::nullopt;
}

// "1.7-1" -> {1, 7, 1}: versions compare numerically part by part.
std::vector<long> VersionParts(std::string_view version) {
  std::vector<long> parts;
  long current = 0;
  for (char c : version) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      current = current * 10 + (c - '0');
    } else {
      parts.push_back(current);
      current = 0;
    }
  }
  parts.push_back(current);
  return parts;
}

const AlgorithmImageData* FindEntry(std::string_view framework, std::string_view version) {
  for (const auto& entry : BuiltinAlgorithmImageTable()) {
    if (entry.framework == framework && entry.version == version) return &entry;
  }
  return nullptr;
}

std::string JoinSupportedRegions(const AlgorithmImageData& entry) {
  std::string out;
  for (const auto& registry : entry.registries) {
    if (!out.empty()) out += ", ";
    out += registry.region;
  }
  return out;
}

std::string FormatTag(const AlgorithmImageData& entry, std::string_view requested_version) {
  std::string tag(requested_version);
  for (std::string_view part : {entry.processor, entry.py_version}) {
    if (!part.empty()) tag += "-" + std::string(part);
  }
  return tag;
}

}  // namespace

std::optional<BuiltinAlgorithmRef> ParseBuiltinAlgorithmName(std::string_view name) {
  const std::string normalised = Normalise(name);
  const auto colon = normalised.find(':');
  if (colon != std::string::npos) {
    if (normalised.substr(0, colon) != kXgboost) return std::nullopt;
    return BuiltinAlgorithmRef{std::string(kXgboost), Normalise(normalised.substr(colon + 1))};
  }
  auto framework = FrameworkForName(normalised);
  if (!framework) return std::nullopt;
  return BuiltinAlgorithmRef{*framework, std::nullopt};
}

StatusOr<std::string> BuiltinAlgorithmImageUri(const BuiltinAlgorithmRef& ref, const std::string& region) {
  std::string version;
  if (ref.version) {
    version = *ref.version;
  } else {
    version = ref.framework == kXgboost ? DefaultXgboostVersion() : std::string(kLegacyVersion);
  }
  // "latest" is an alias of the legacy version "1": its registries, but the tag says "latest".
  const std::string_view data_version = version == kLatestAlias ? kLegacyVersion : std::string_view(version);
  const AlgorithmImageData* entry = FindEntry(ref.framework, data_version);
  if (entry == nullptr) {
    std::string accepted;
    for (const auto& v : XgboostVersions()) accepted += (accepted.empty() ? "" : ", ") + v;
    return Status(StatusCode::kInvalidArgument,
                  "unknown " + ref.framework + " version \"" + version + "\"; accepted: " + accepted);
  }
  auto registry = std::find_if(entry->registries.begin(), entry->registries.end(),
                               [&](const RegistryAccount& r) { return r.region == region; });
  if (registry == entry->registries.end()) {
    return Status(StatusCode::kInvalidArgument, "built-in algorithm " + ref.framework + " (version " +
                                                    version + ") is not available in region \"" + region +
                                                    "\"; available in: " + JoinSupportedRegions(*entry));
  }
  return std::string(registry->account) + ".dkr.ecr." + region + "." + PartitionForRegion(region).dns_suffix +
         "/" + std::string(entry->repository) + ":" + FormatTag(*entry, version);
}

std::vector<std::string> BuiltinAlgorithmNames() {
  std::vector<std::string> names;
  for (const auto& [alias, framework] : kAliases) {
    names.emplace_back(alias);
    names.emplace_back(framework);
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<std::string> XgboostVersions() {
  std::vector<std::string> versions;
  for (const auto& entry : BuiltinAlgorithmImageTable()) {
    if (entry.framework == kXgboost) versions.emplace_back(entry.version);
  }
  versions.emplace_back(kLatestAlias);
  return versions;
}

std::string DefaultXgboostVersion() {
  std::string best;
  for (const auto& entry : BuiltinAlgorithmImageTable()) {
    if (entry.framework != kXgboost || entry.version == kLegacyVersion) continue;
    if (best.empty() || VersionParts(best) < VersionParts(entry.version)) best = std::string(entry.version);
  }
  return best;
}

}  // namespace sagetrain
