#pragma once
// SHA-256 and HMAC-SHA256 over byte strings (nettle underneath: no provider to initialise, no
// failure path), and lower-case hex, as SigV4 needs them. Pure functions; thread-safe.
#include <string>
#include <string_view>

namespace sagetrain::sigv4 {

// The 32-byte SHA-256 digest of `data`, raw (not hex).
std::string Sha256(std::string_view data);

// The 32-byte HMAC-SHA256 of `data` under `key`, raw (not hex).
std::string HmacSha256(std::string_view key, std::string_view data);

// Lower-case hexadecimal of raw bytes ("\x1f" -> "1f").
std::string HexEncode(std::string_view bytes);

// Shorthand for HexEncode(Sha256(data)): the payload hash of the canonical request.
std::string HexSha256(std::string_view data);

}  // namespace sagetrain::sigv4
