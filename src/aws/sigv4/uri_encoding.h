#pragma once
// The URI encodings SigV4 canonicalisation is defined with: RFC 3986 percent-encoding of everything
// but the unreserved characters, percent-decoding, and the path normalisation AWS services (all but
// S3) apply before signing. Pure functions; thread-safe.
#include <string>
#include <string_view>

namespace sagetrain::sigv4 {

// Percent-encodes every byte of `text` except the RFC 3986 unreserved characters
// (A-Z a-z 0-9 - . _ ~), and except '/' when `keep_slash`. Hex digits are upper case ("%2F").
// A '%' already in `text` is encoded too ("%20" -> "%2520"): callers encode exactly once.
std::string UriEncode(std::string_view text, bool keep_slash = false);

// Replaces each "%XY" (X, Y hex digits) with its byte. A '%' not followed by two hex digits is kept
// as it is, and '+' stays '+' (it is not form decoding).
std::string PercentDecode(std::string_view text);

// RFC 3986 §5.2.4 dot-segment removal as botocore does it for signing: "." segments dropped, ".."
// drops the previous segment (never above the root), empty segments (repeated slashes) collapsed,
// the leading slash kept, and a trailing slash kept unless nothing is left ("/./" -> "/",
// "//a//" -> "/a/", "/a/b/../.." -> "/"). An empty path becomes "/".
std::string RemoveDotSegments(std::string_view path);

}  // namespace sagetrain::sigv4
