#include "aws/sigv4/url.h"

#include <cctype>

namespace sagetrain::sigv4 {
namespace {

std::string Lower(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lowered;
}

// Fills host and port from "[userinfo@]host[:port]".
void SplitAuthority(std::string_view authority, UrlParts& parts) {
  const size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  size_t port_colon = std::string_view::npos;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close != std::string_view::npos && close + 1 < authority.size() &&
        authority[close + 1] == ':') {
      port_colon = close + 1;
    }
  } else {
    port_colon = authority.rfind(':');
  }
  if (port_colon == std::string_view::npos) {
    parts.host = std::string(authority);
    return;
  }
  parts.host = std::string(authority.substr(0, port_colon));
  parts.port = std::string(authority.substr(port_colon + 1));
}

}  // namespace

UrlParts SplitUrl(std::string_view url) {
  UrlParts parts;
  const size_t fragment = url.find('#');
  if (fragment != std::string_view::npos) url = url.substr(0, fragment);
  const size_t scheme_end = url.find("://");
  if (scheme_end != std::string_view::npos) {
    parts.scheme = Lower(url.substr(0, scheme_end));
    url.remove_prefix(scheme_end + 3);
    const size_t authority_end = url.find_first_of("/?");
    SplitAuthority(url.substr(0, authority_end), parts);
    url = authority_end == std::string_view::npos ? std::string_view() : url.substr(authority_end);
  }
  const size_t question = url.find('?');
  parts.path = std::string(url.substr(0, question));
  if (question != std::string_view::npos) parts.query = std::string(url.substr(question + 1));
  return parts;
}

std::string HostHeaderValue(const UrlParts& url) {
  std::string host = Lower(url.host);
  const bool default_port = url.port.empty() || (url.scheme == "http" && url.port == "80") ||
                            (url.scheme == "https" && url.port == "443");
  if (!default_port) host += ":" + url.port;
  return host;
}

}  // namespace sagetrain::sigv4
