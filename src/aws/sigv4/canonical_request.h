#pragma once
// Stage 1 of SigV4, in parts: the canonical URI, query string and headers, and the payload hash that
// make up the canonical request (signer.h's CanonicalRequest() joins them). Each part is exposed so
// that it is unit-tested on its own. Pure functions; thread-safe.
#include <string>
#include <string_view>

#include "aws/sigv4/signer.h"

namespace sagetrain::sigv4 {

// The canonical URI of `path` as written in the URL: with `normalize_path` (every service but S3)
// dot segments are removed and repeated slashes collapsed first (see RemoveDotSegments); then each
// segment is URI-encoded once. An empty path is "/".
std::string CanonicalPath(std::string_view path, bool normalize_path);

// The canonical query string of `query` as written in the URL (without '?'): each parameter's name
// and value percent-decoded then re-encoded (RFC 3986 unreserved characters kept), "name=value"
// ("name=" when there is no '='), sorted by encoded name then value, joined with '&'. Empty
// parameters (from "&&") are dropped.
std::string CanonicalQueryString(std::string_view query);

// The header block of the canonical request and its signed-headers list.
struct CanonicalHeaders {
  std::string block;           // "name:value\n" per header name, sorted by name
  std::string signed_headers;  // "name1;name2;..."
};

// Names lower-cased and trimmed; values trimmed with inner runs of whitespace (line folds included)
// collapsed to one space; values of a repeated name joined with ',' in their order of appearance.
// Headers that are never signed are left out, as botocore does: authorization, user-agent, expect,
// connection, keep-alive, proxy-authenticate, proxy-authorization, te, trailer, transfer-encoding,
// upgrade and x-amzn-trace-id (proxies and HTTP clients may change them in transit).
CanonicalHeaders CanonicalizeHeaders(const Headers& headers);

// `request.headers` plus a Host header derived from the URL (see HostHeaderValue) when it has none.
Headers HeadersWithHost(const SignableRequest& request);

// The hex SHA-256 of the body, or the value of an x-amz-content-sha256 header when the request has
// one (as botocore does: the header states what was signed).
std::string PayloadHash(const SignableRequest& request);

}  // namespace sagetrain::sigv4
