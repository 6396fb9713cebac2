#include "aws/core/endpoints.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "aws/core/partition.h"
#include "aws/sigv4/url.h"

namespace sagetrain {
namespace {

struct ServiceInfo {
  const char* host_prefix;      // before "<region>.<suffix>"
  const char* signing_service;
  const char* env_variable;     // AWS_ENDPOINT_URL_<service id>
  bool takes_endpoint_url_flag;
};

ServiceInfo Info(AwsService service) {
  switch (service) {
    case AwsService::kSageMaker:
      return {"api.sagemaker.", "sagemaker", "AWS_ENDPOINT_URL_SAGEMAKER", true};
    case AwsService::kCloudWatchLogs:
      return {"logs.", "logs", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", false};
    case AwsService::kSts:
      return {"sts.", "sts", "AWS_ENDPOINT_URL_STS", false};
  }
  return {"", "", "", false};  // unreachable: every enumerator is handled above
}

// botocore's rule: a DNS label (letters, digits, inner hyphens), at most 63 characters. It ends up
// in a host name, so anything else is refused before it can.
bool IsValidRegion(const std::string& region) {
  if (region.empty() || region.size() > 63) return false;
  if (region.front() == '-' || region.back() == '-') return false;
  return std::all_of(region.begin(), region.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-';
  });
}

Status InvalidUrl(const std::string& source, const std::string& url, const std::string& why) {
  return Status(StatusCode::kInvalidArgument,
                source + ": invalid endpoint URL \"" + url + "\": " + why);
}

bool IsValidPort(const std::string& port) {
  if (port.empty() || port.size() > 5) return false;
  if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  const int value = std::stoi(port);
  return value >= 1 && value <= 65535;
}

// The override `url` (from `source`) checked and without trailing slashes.
StatusOr<std::string> NormalizeOverride(const std::string& source, const std::string& url) {
  if (std::any_of(url.begin(), url.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; })) {
    return InvalidUrl(source, url, "contains whitespace");
  }
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) {
    return InvalidUrl(source, url, "must start with http:// or https://");
  }
  const sigv4::UrlParts parts = sigv4::SplitUrl(url);
  if (parts.scheme != "http" && parts.scheme != "https") {
    return InvalidUrl(source, url, "the scheme must be http or https");
  }
  const std::string_view rest = std::string_view(url).substr(scheme_end + 3);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) {
    return InvalidUrl(source, url, "user info is not supported");
  }
  if (parts.host.empty() || parts.host == "[]") return InvalidUrl(source, url, "no host");
  if (authority.find(':') != std::string_view::npos && authority.back() == ':') {
    return InvalidUrl(source, url, "empty port");
  }
  if (!parts.port.empty() && !IsValidPort(parts.port)) {
    return InvalidUrl(source, url, "the port must be a number from 1 to 65535");
  }
  if (url.find_first_of("?#") != std::string::npos) {
    return InvalidUrl(source, url, "a query or fragment is not allowed");
  }
  std::string normalized = parts.scheme + "://" + std::string(rest);
  while (normalized.back() == '/') normalized.pop_back();
  return normalized;
}

bool IgnoreConfiguredEndpointUrls(const Environment& env) {
  std::string value = env.Get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").value_or("");
  std::transform(value.begin(), value.end(), value.begin(),
                 [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return value == "true";
}

// The first override that applies, with where it came from; nullopt for the default endpoint.
std::optional<std::pair<std::string, std::string>> FindOverride(const ServiceInfo& info,
                                                                const Environment& env,
                                                                const std::string& flag_value) {
  if (info.takes_endpoint_url_flag && !flag_value.empty()) {
    return std::make_pair(std::string("--endpoint_url"), flag_value);
  }
  if (IgnoreConfiguredEndpointUrls(env)) return std::nullopt;
  for (const char* variable : {info.env_variable, "AWS_ENDPOINT_URL"}) {
    if (auto value = env.GetNonEmpty(variable)) return std::make_pair(std::string(variable), *value);
  }
  return std::nullopt;
}

}  // namespace

const char* AwsServiceName(AwsService service) {
  switch (service) {
    case AwsService::kSageMaker:
      return "SageMaker";
    case AwsService::kCloudWatchLogs:
      return "CloudWatch Logs";
    case AwsService::kSts:
      return "STS";
  }
  return "unknown service";
}

StatusOr<ServiceEndpoint> ResolveEndpoint(AwsService service, const std::string& region,
                                          const Environment& env,
                                          const std::string& endpoint_url_override) {
  if (region.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  std::string("region: a region is required to reach ") + AwsServiceName(service));
  }
  if (!IsValidRegion(region)) {
    return Status(StatusCode::kInvalidArgument,
                  "region: \"" + region + "\" is not a valid region name (letters, digits and "
                  "hyphens, e.g. us-east-1)");
  }
  const ServiceInfo info = Info(service);
  ServiceEndpoint endpoint{"", region, info.signing_service};
  if (auto found = FindOverride(info, env, endpoint_url_override)) {
    StatusOr<std::string> url = NormalizeOverride(found->first, found->second);
    if (!url.ok()) return url.status();
    endpoint.url = *std::move(url);
    return endpoint;
  }
  endpoint.url =
      std::string("https://") + info.host_prefix + region + "." + PartitionForRegion(region).dns_suffix;
  return endpoint;
}

}  // namespace sagetrain
