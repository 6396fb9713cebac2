#include "training/request_comparison.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>

namespace sagetrain {
namespace {

using nlohmann::json;

// Fields compared both ways: present on one side only is a difference (unless a default).
constexpr std::array<std::string_view, 15> kComparedFields{
    "AlgorithmSpecification", "RoleArn", "InputDataConfig", "OutputDataConfig", "ResourceConfig",
    "HyperParameters", "StoppingCondition", "VpcConfig", "EnableManagedSpotTraining",
    "EnableNetworkIsolation", "EnableInterContainerTrafficEncryption", "CheckpointConfig",
    "Environment", "RetryStrategy", "DebugRuleConfigurations"};

// Fields the service may add on its own (debugger and profiler defaults): compared only when set.
constexpr std::array<std::string_view, 4> kComparedWhenRequested{
    "DebugHookConfig", "TensorBoardOutputConfig", "ProfilerConfig", "ProfilerRuleConfigurations"};

// Request members DescribeTrainingJob does not return (the job's name is how it was found).
constexpr std::array<std::string_view, 3> kNotDescribed{"TrainingJobName", "Tags", "SessionChainingConfig"};

// Members the service fills in when the request leaves them out.
constexpr std::array<std::string_view, 4> kServiceFilled{
    "InputMode", "MetricDefinitions", "KeepAlivePeriodInSeconds", "TrainingImage"};

bool IsDefaultValue(std::string_view key, const json& value) {
  if (value.is_null()) return true;
  if ((value.is_array() || value.is_object()) && value.empty()) return true;
  if (value.is_boolean() && !value.get<bool>()) return true;
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (key == "S3DataDistributionType" && text == "FullyReplicated") return true;
    if (text.empty()) return true;
    if ((key == "CompressionType" || key == "RecordWrapperType") && text == "None") return true;
    // OutputDataConfig's default; a channel's compression is spelled "Gzip".
    if (key == "CompressionType" && text == "GZIP") return true;
  }
  const bool zero = value.is_number() && value.get<double>() == 0;
  if ((key == "KeepAlivePeriodInSeconds" || key == "VolumeSizeInGB") && zero) return true;
  return false;
}

class Comparer {
 public:
  std::vector<std::string> differences;

  void Compare(std::string_view key, const std::string& path, const json& requested,
               const json& described) {
    if (IsDefaultValue(key, requested) && IsDefaultValue(key, described)) return;
    if (requested.is_null() &&
        std::find(kServiceFilled.begin(), kServiceFilled.end(), key) != kServiceFilled.end()) {
      return;
    }
    if (requested.is_object() && described.is_object()) return CompareObjects(path, requested, described);
    if (requested.is_array() && described.is_array()) return CompareArrays(key, path, requested, described);
    if (requested == described) return;
    // An algorithm given by name comes back as its ARN ("arn:...:algorithm/<name>").
    if (key == "AlgorithmName" && requested.is_string() && described.is_string() &&
        described.get<std::string>().ends_with("/" + requested.get<std::string>())) {
      return;
    }
    differences.push_back(path);
  }

 private:
  void CompareObjects(const std::string& path, const json& requested, const json& described) {
    std::set<std::string> keys;
    for (const auto& [key, value] : requested.items()) keys.insert(key);
    for (const auto& [key, value] : described.items()) keys.insert(key);
    for (const auto& key : keys) {
      Compare(key, path + "." + key, requested.value(key, json()), described.value(key, json()));
    }
  }

  void CompareArrays(std::string_view key, const std::string& path, const json& requested,
                     const json& described) {
    if (key == "InputDataConfig") return CompareChannels(path, requested, described);
    if (key == "MetricDefinitions") {
      // A built-in algorithm's own metric definitions come back beside the requested ones.
      for (const auto& item : requested) {
        if (std::find(described.begin(), described.end(), item) == described.end()) {
          differences.push_back(path);
          return;
        }
      }
      return;
    }
    if (key == "SecurityGroupIds" || key == "Subnets") {
      if (std::set<json>(requested.begin(), requested.end()) !=
          std::set<json>(described.begin(), described.end())) {
        differences.push_back(path);
      }
      return;
    }
    if (requested.size() != described.size()) {
      differences.push_back(path);
      return;
    }
    for (std::size_t i = 0; i < requested.size(); ++i) {
      Compare("", path + "[" + std::to_string(i) + "]", requested[i], described[i]);
    }
  }

  void CompareChannels(const std::string& path, const json& requested, const json& described) {
    auto by_name = [](const json& channels) {
      std::map<std::string, json> named;
      for (const auto& channel : channels) named[channel.value("ChannelName", "")] = channel;
      return named;
    };
    const auto requested_channels = by_name(requested);
    const auto described_channels = by_name(described);
    std::set<std::string> names;
    for (const auto& [name, channel] : requested_channels) names.insert(name);
    for (const auto& [name, channel] : described_channels) names.insert(name);
    for (const auto& name : names) {
      auto r = requested_channels.find(name);
      auto d = described_channels.find(name);
      const std::string channel_path = path + "[" + name + "]";
      if (r == requested_channels.end() || d == described_channels.end()) {
        differences.push_back(channel_path);
        continue;
      }
      Compare("", channel_path, r->second, d->second);
    }
  }
};

}  // namespace

std::vector<std::string> DifferingJobFields(const json& request, const json& description) {
  Comparer comparer;
  auto field = [](const json& object, std::string_view key) {
    return object.is_object() ? object.value(std::string(key), json()) : json();
  };
  for (std::string_view key : kComparedFields) {
    comparer.Compare(key, std::string(key), field(request, key), field(description, key));
  }
  for (std::string_view key : kComparedWhenRequested) {
    const json requested = field(request, key);
    if (requested.is_null()) continue;
    comparer.Compare(key, std::string(key), requested, field(description, key));
  }
  // Every other member sent (ExperimentConfig, InfraCheckConfig, members from extra_request_fields,
  // members the API adds later) is compared too, except those DescribeTrainingJob never returns.
  auto listed = [](const auto& keys, std::string_view key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  };
  if (request.is_object()) {
    for (const auto& [key, requested] : request.items()) {
      if (listed(kComparedFields, key) || listed(kComparedWhenRequested, key) || listed(kNotDescribed, key)) continue;
      comparer.Compare(key, key, requested, field(description, key));
    }
  }
  return comparer.differences;
}

}  // namespace sagetrain
