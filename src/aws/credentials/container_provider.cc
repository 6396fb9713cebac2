#include "aws/credentials/container_provider.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>

#include "aws/credentials/credentials_format.h"
#include "aws/credentials/provider_status.h"

namespace sagetrain {
namespace {

constexpr char kRelativeHost[] = "http://169.254.170.2";
// The SDKs use 2 s per attempt: the agent is local, so anything slower is a failure.
constexpr Duration kConnectTimeout{2'000};
constexpr Duration kTotalTimeout{5'000};

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool IsAllowedIpv4(const std::string& host) {
  std::array<unsigned char, 4> bytes{};
  if (inet_pton(AF_INET, host.c_str(), bytes.data()) != 1) return false;
  if (bytes[0] == 127) return true;  // 127.0.0.0/8 loopback
  return bytes[0] == 169 && bytes[1] == 254 && bytes[2] == 170 && (bytes[3] == 2 || bytes[3] == 23);
}

bool IsAllowedIpv6(const std::string& host) {
  std::array<unsigned char, 16> bytes{}, allowed{};
  if (inet_pton(AF_INET6, host.c_str(), bytes.data()) != 1) return false;
  for (const char* candidate : {"::1", "fd00:ec2::23"}) {
    inet_pton(AF_INET6, candidate, allowed.data());
    if (bytes == allowed) return true;
  }
  return false;
}

bool HasLineBreak(const std::string& text) { return text.find_first_of("\r\n") != std::string::npos; }

}  // namespace

Status CheckContainerCredentialsUrl(const std::string& url) {
  const std::string lower = Lower(url);
  const bool https = lower.rfind("https://", 0) == 0;
  if (!https && lower.rfind("http://", 0) != 0) {
    return Status(StatusCode::kCredentials,
                  "AWS_CONTAINER_CREDENTIALS_FULL_URI must be an http:// or https:// URL: " + url);
  }
  const std::size_t start = https ? 8 : 7;
  const std::string authority = lower.substr(start, lower.find_first_of("/?#", start) - start);
  if (authority.find('@') != std::string::npos) {
    return Status(StatusCode::kCredentials, "AWS_CONTAINER_CREDENTIALS_FULL_URI must not carry user information");
  }
  std::string host;
  if (!authority.empty() && authority[0] == '[') {
    const auto close = authority.find(']');
    if (close == std::string::npos) {
      return Status(StatusCode::kCredentials, "AWS_CONTAINER_CREDENTIALS_FULL_URI has a malformed host: " + url);
    }
    host = authority.substr(1, close - 1);
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  if (host.empty()) {
    return Status(StatusCode::kCredentials, "AWS_CONTAINER_CREDENTIALS_FULL_URI has no host: " + url);
  }
  if (https || host == "localhost" || IsAllowedIpv4(host) || IsAllowedIpv6(host)) return OkStatus();
  return Status(StatusCode::kCredentials,
                "AWS_CONTAINER_CREDENTIALS_FULL_URI host " + host +
                    " is not allowed over http (allowed: 169.254.170.2, 169.254.170.23, fd00:ec2::23, "
                    "loopback; any host over https)");
}

StatusOr<std::string> ContainerCredentialsProvider::AuthorizationToken() const {
  std::string token;
  if (auto path = env_.GetNonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")) {
    auto content = env_.ReadFile(*path);
    if (!content) {
      return Status(StatusCode::kCredentials, "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE " + *path);
    }
    // A file written with `echo` ends with a newline that is not part of the token.
    token = *content;
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  } else {
    token = env_.GetNonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN").value_or("");
  }
  if (HasLineBreak(token)) {
    // Would let the token inject further HTTP headers.
    return Status(StatusCode::kCredentials, "the container authorization token contains a CR or LF; refused");
  }
  return token;
}

StatusOr<Credentials> ContainerCredentialsProvider::Get() {
  std::string url;
  if (auto relative = env_.GetNonEmpty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
    url = kRelativeHost + (relative->front() == '/' ? *relative : "/" + *relative);
  } else if (auto full = env_.GetNonEmpty("AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
    if (Status allowed = CheckContainerCredentialsUrl(*full); !allowed.ok()) {
      return allowed.WithContext(Name());
    }
    url = *full;
  } else {
    return NotConfigured("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and _FULL_URI are not set");
  }
  auto token = AuthorizationToken();
  if (!token.ok()) return token.status().WithContext(Name());

  HttpRequest request;
  request.method = "GET";
  request.url = url;
  request.headers = {{"Accept", "application/json"}};
  if (!token->empty()) request.headers.emplace_back("Authorization", *token);
  request.connect_timeout = kConnectTimeout;
  request.total_timeout = kTotalTimeout;
  auto response = transport_->Send(request);
  if (!response.ok()) {
    return Status(StatusCode::kUnavailable,
                  "container credentials endpoint " + url + " unreachable: " + response.status().message());
  }
  if (response->status != 200) {
    const bool transient = response->status >= 500 || response->status == 429;
    return Status(transient ? StatusCode::kUnavailable : StatusCode::kCredentials,
                  "container credentials endpoint " + url + " answered HTTP " +
                      std::to_string(response->status));
  }
  return ParseCredentialsJson(response->body, Name());
}

}  // namespace sagetrain
