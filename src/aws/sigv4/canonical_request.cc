#include "aws/sigv4/canonical_request.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>
#include <vector>

#include "aws/sigv4/hashing.h"
#include "aws/sigv4/uri_encoding.h"
#include "aws/sigv4/url.h"

namespace sagetrain::sigv4 {
namespace {

constexpr std::array<std::string_view, 12> kUnsignedHeaders{
    "authorization", "connection", "expect",  "keep-alive", "proxy-authenticate",
    "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "user-agent",
    "x-amzn-trace-id"};

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

std::string LowerTrimmed(std::string_view name) {
  while (!name.empty() && IsSpace(name.front())) name.remove_prefix(1);
  while (!name.empty() && IsSpace(name.back())) name.remove_suffix(1);
  std::string lowered(name);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered;
}

// SigV4's Trimall: no leading or trailing whitespace, one space for every inner run.
std::string TrimAll(std::string_view value) {
  std::string trimmed;
  bool pending_space = false;
  for (char c : value) {
    if (IsSpace(c)) {
      pending_space = !trimmed.empty();
      continue;
    }
    if (pending_space) trimmed.push_back(' ');
    pending_space = false;
    trimmed.push_back(c);
  }
  return trimmed;
}

bool IsSigned(std::string_view lower_name) {
  return std::find(kUnsignedHeaders.begin(), kUnsignedHeaders.end(), lower_name) ==
         kUnsignedHeaders.end();
}

}  // namespace

std::string CanonicalPath(std::string_view path, bool normalize_path) {
  if (path.empty()) return "/";
  if (normalize_path) return UriEncode(RemoveDotSegments(path), /*keep_slash=*/true);
  return UriEncode(path, /*keep_slash=*/true);
}

std::string CanonicalQueryString(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  size_t start = 0;
  while (start <= query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view param = query.substr(start, end - start);
    if (!param.empty()) {
      const size_t equals = param.find('=');
      const std::string_view name = param.substr(0, equals);
      const std::string_view value =
          equals == std::string_view::npos ? std::string_view() : param.substr(equals + 1);
      params.emplace_back(UriEncode(PercentDecode(name)), UriEncode(PercentDecode(value)));
    }
    start = end + 1;
  }
  std::sort(params.begin(), params.end());
  std::string canonical;
  for (const auto& [name, value] : params) {
    if (!canonical.empty()) canonical.push_back('&');
    canonical += name + "=" + value;
  }
  return canonical;
}

CanonicalHeaders CanonicalizeHeaders(const Headers& headers) {
  std::vector<std::pair<std::string, std::string>> lowered;
  for (const auto& [name, value] : headers) {
    std::string lower_name = LowerTrimmed(name);
    if (IsSigned(lower_name)) lowered.emplace_back(std::move(lower_name), TrimAll(value));
  }
  // Stable: the values of a repeated header keep their order of appearance.
  std::stable_sort(lowered.begin(), lowered.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  CanonicalHeaders canonical;
  for (size_t i = 0; i < lowered.size(); ++i) {
    const bool repeated = i > 0 && lowered[i].first == lowered[i - 1].first;
    if (repeated) {
      canonical.block.pop_back();  // the previous value's '\n'
      canonical.block += "," + lowered[i].second + "\n";
      continue;
    }
    if (!canonical.signed_headers.empty()) canonical.signed_headers.push_back(';');
    canonical.signed_headers += lowered[i].first;
    canonical.block += lowered[i].first + ":" + lowered[i].second + "\n";
  }
  return canonical;
}

Headers HeadersWithHost(const SignableRequest& request) {
  Headers headers = request.headers;
  const bool has_host = std::any_of(headers.begin(), headers.end(), [](const auto& header) {
    return LowerTrimmed(header.first) == "host";
  });
  if (!has_host) headers.emplace_back("Host", HostHeaderValue(SplitUrl(request.url)));
  return headers;
}

std::string PayloadHash(const SignableRequest& request) {
  for (const auto& [name, value] : request.headers) {
    if (LowerTrimmed(name) == "x-amz-content-sha256") return TrimAll(value);
  }
  return HexSha256(request.body);
}

std::string CanonicalRequest(const SignableRequest& request, bool normalize_path) {
  const UrlParts url = SplitUrl(request.url);
  const CanonicalHeaders headers = CanonicalizeHeaders(HeadersWithHost(request));
  std::string method = request.method;
  for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return method + "\n" + CanonicalPath(url.path, normalize_path) + "\n" +
         CanonicalQueryString(url.query) + "\n" + headers.block + "\n" + headers.signed_headers +
         "\n" + PayloadHash(request);
}

}  // namespace sagetrain::sigv4
