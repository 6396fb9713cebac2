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
// service but S3 (see canonical_request.h for what it changes; the path is URI-encoded once either
// way).
//
// CanonicalRequest() signs `request` exactly as given (plus Host when absent): to reproduce what
// AuthorizationHeader() signs, pass it WithSigningHeaders(request, ...).
std::string CanonicalRequest(const SignableRequest& request, bool normalize_path = true);
std::string StringToSign(const std::string& canonical_request, const SigningScope& scope);
// Lower-case hex HMAC of `string_to_sign` under the key derived from the secret and the scope.
std::string Signature(const std::string& string_to_sign, const std::string& secret_access_key,
                      const SigningScope& scope);
// "AWS4-HMAC-SHA256 Credential=<key id>/<scope>, SignedHeaders=..., Signature=..." for
// WithSigningHeaders(request, keys, scope).
std::string AuthorizationHeader(const SignableRequest& request, const SigningKeys& keys,
                                const SigningScope& scope, bool normalize_path = true);

// All in one: the headers to add to `request` before sending it: Host (when the request has none),
// X-Amz-Date, X-Amz-Security-Token (with a session token; it is signed too) and Authorization.
// The path is normalised (not for S3). `request` must not already carry X-Amz-Date,
// X-Amz-Security-Token or Authorization headers of its own, or they would be sent twice; passing
// a request through WithSigningHeaders() first is not needed.
Headers SignatureHeaders(const SignableRequest& request, const SigningKeys& keys,
                         const SigningScope& scope);

// Helpers behind the stages, exposed for tests and for callers that build their own requests.

// `request` as it is signed: any X-Amz-Date, X-Amz-Security-Token and Authorization headers it had
// are dropped (a retry re-signs the same request), then X-Amz-Date (from scope.time), and
// X-Amz-Security-Token when `keys` has a session token, are appended.
SignableRequest WithSigningHeaders(const SignableRequest& request, const SigningKeys& keys,
                                   const SigningScope& scope);

// "20150830T123600Z": the X-Amz-Date value of `time` (UTC, whole seconds).
std::string AmzDate(WallTime time);

// "20150830/us-east-1/service/aws4_request".
std::string CredentialScope(const SigningScope& scope);

// The raw 32-byte signing key: HMAC chain of "AWS4"+secret over date, region, service,
// "aws4_request".
std::string SigningKey(const std::string& secret_access_key, const SigningScope& scope);

}  // namespace sagetrain::sigv4
