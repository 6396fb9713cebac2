#pragma once
// Splitting an absolute URL into the parts the signer (and endpoint validation) look at. Deliberately
// lenient: the path and query are returned exactly as written (no decoding, no validation), because
// SigV4 signs what goes on the wire. Pure functions; thread-safe.
#include <string>
#include <string_view>

namespace sagetrain::sigv4 {

struct UrlParts {
  std::string scheme;  // lower-cased, e.g. "https"; "" when the URL has no "scheme://"
  std::string host;    // as written, without user info; an IPv6 literal keeps its brackets
  std::string port;    // digits after the host's ':'; "" when absent
  std::string path;    // from the first '/' after the authority up to '?' or '#'; may be ""
  std::string query;   // between '?' and '#', without the '?'; "" when absent
};

// Splits "scheme://[userinfo@]host[:port][/path][?query][#fragment]". Without "://", the whole
// text (minus any fragment) is taken as path and query.
UrlParts SplitUrl(std::string_view url);

// The Host header value for a request to `url`: the host lower-cased, with ":port" unless the port
// is absent or the scheme's default (80 for http, 443 for https).
std::string HostHeaderValue(const UrlParts& url);

}  // namespace sagetrain::sigv4
