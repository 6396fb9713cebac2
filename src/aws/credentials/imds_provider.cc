#include "aws/credentials/imds_provider.h"

#include <algorithm>
#include <cctype>

#include "aws/credentials/credentials_format.h"
#include "aws/credentials/provider_status.h"

namespace sagetrain {
namespace {

constexpr char kTokenPath[] = "/latest/api/token";
constexpr char kRolesPath[] = "/latest/meta-data/iam/security-credentials/";
// Six hours, the SDKs' value; one token serves the two GETs that follow it.
constexpr char kTokenTtlSeconds[] = "21600";
constexpr Duration kTimeout{1'000};

bool EqualsIgnoreCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::string ImdsCredentialsProvider::BaseUrl() const {
  if (auto endpoint = env_.GetNonEmpty("AWS_EC2_METADATA_SERVICE_ENDPOINT")) {
    std::string base = TrimBlanks(*endpoint);
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
  }
  const auto mode = env_.GetNonEmpty("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE");
  if (mode && EqualsIgnoreCase(TrimBlanks(*mode), "IPv6")) return "http://[fd00:ec2::254]";
  return "http://169.254.169.254";
}

StatusOr<HttpResponse> ImdsCredentialsProvider::Send(const std::string& method, const std::string& url,
                                                     HttpHeaders headers) {
  HttpRequest request;
  request.method = method;
  request.url = url;
  request.headers = std::move(headers);
  request.connect_timeout = kTimeout;
  request.total_timeout = kTimeout;
  auto response = transport_->Send(request);
  if (!response.ok()) return Status(response.status().code(), url + ": " + response.status().message());
  if (response->status == 404 && url.ends_with(kRolesPath)) {
    return Status(StatusCode::kUnavailable, "no IAM role is attached to this instance");
  }
  if (response->status != 200) {
    return Status(StatusCode::kUnavailable, url + " answered HTTP " + std::to_string(response->status));
  }
  return response;
}

StatusOr<Credentials> ImdsCredentialsProvider::Fetch(const std::string& base) {
  auto token = Send("PUT", base + kTokenPath, {{"X-aws-ec2-metadata-token-ttl-seconds", kTokenTtlSeconds}});
  if (!token.ok()) return token.status();
  const HttpHeaders auth = {{"X-aws-ec2-metadata-token", TrimBlanks(token->body)}};
  auto roles = Send("GET", base + kRolesPath, auth);
  if (!roles.ok()) return roles.status();
  // One role per instance profile; the listing is newline-separated all the same.
  const std::string role = TrimBlanks(roles->body.substr(0, roles->body.find('\n')));
  if (role.empty()) return Status(StatusCode::kUnavailable, "no IAM role is attached to this instance");
  auto creds = Send("GET", base + kRolesPath + role, auth);
  if (!creds.ok()) return creds.status();
  return ParseCredentialsJson(creds->body, Name());
}

StatusOr<Credentials> ImdsCredentialsProvider::Get() {
  const auto disabled = env_.GetNonEmpty("AWS_EC2_METADATA_DISABLED");
  if (disabled && EqualsIgnoreCase(TrimBlanks(*disabled), "true")) {
    return NotConfigured("AWS_EC2_METADATA_DISABLED is true");
  }
  auto creds = Fetch(BaseUrl());
  if (creds.ok()) {
    succeeded_once_ = true;
    return creds;
  }
  if (succeeded_once_) return Status(StatusCode::kUnavailable, Name() + ": " + creds.status().message());
  return NotConfigured("not available (" + creds.status().message() + ")");
}

}  // namespace sagetrain
