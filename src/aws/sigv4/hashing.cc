#include "aws/sigv4/hashing.h"

#include <cstdint>

#include <nettle/hmac.h>
#include <nettle/sha2.h>

namespace sagetrain::sigv4 {
namespace {

const std::uint8_t* Bytes(std::string_view data) { return reinterpret_cast<const std::uint8_t*>(data.data()); }

}  // namespace

std::string Sha256(std::string_view data) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, data.size(), Bytes(data));
  std::string digest(SHA256_DIGEST_SIZE, '\0');
  sha256_digest(&context, SHA256_DIGEST_SIZE, reinterpret_cast<std::uint8_t*>(digest.data()));
  return digest;
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  hmac_sha256_ctx context;
  hmac_sha256_set_key(&context, key.size(), Bytes(key));
  hmac_sha256_update(&context, data.size(), Bytes(data));
  std::string mac(SHA256_DIGEST_SIZE, '\0');
  hmac_sha256_digest(&context, SHA256_DIGEST_SIZE, reinterpret_cast<std::uint8_t*>(mac.data()));
  return mac;
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0x0f]);
  }
  return hex;
}

std::string HexSha256(std::string_view data) { return HexEncode(Sha256(data)); }

}  // namespace sagetrain::sigv4
