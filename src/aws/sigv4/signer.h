#pragma once
// SigV4 header signing (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html),
// exposed in stages so that each stage is tested against the official suite's golden files.
// Pure functions: the time comes in as an argument. Thread-safe.
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"

namespace sagetrain::sigv4 {

using Headers = std::vector<std::pair<std::string, std::string>>;

// A request as the signer sees it.
struct SignableRequest {
  std::string method;  // "GET", "POST", ...
  std::string url;     // absolute URL; the path and query are taken as they are written here
  Headers headers;     // headers to sign (a Host header is derived from the URL when absent)
  std::string body;
};

struct SigningKeys {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
};

struct SigningScope {
  std::string region;   // e.g. "us-east-1"
  std::string service;  // e.g. "sagemaker"
  WallTime time;
};

// Stage 1..4, as in the suite's .creq, .sts and .authz files. `normalize_path` is true for every
// service but S3.
std::string CanonicalRequest(const SignableRequest& request, bool normalize_path = true);
std::string StringToSign(const std::string& canonical_request, const SigningScope& scope);
std::string Signature(const std::string& string_to_sign, const std::string& secret_access_key,
                      const SigningScope& scope);
std::string AuthorizationHeader(const SignableRequest& request, const SigningKeys& keys,
                                const SigningScope& scope, bool normalize_path = true);

// All in one: the headers to add to `request` before sending it: X-Amz-Date, X-Amz-Security-Token
// (with a session token; it is signed too), Host (when the request has none) and Authorization.
Headers SignatureHeaders(const SignableRequest& request, const SigningKeys& keys,
                         const SigningScope& scope);

}  // namespace sagetrain::sigv4
