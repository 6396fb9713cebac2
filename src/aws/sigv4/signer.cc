#include "aws/sigv4/signer.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

#include "aws/sigv4/canonical_request.h"
#include "aws/sigv4/hashing.h"
#include "aws/sigv4/url.h"

namespace sagetrain::sigv4 {
namespace {

constexpr char kAlgorithm[] = "AWS4-HMAC-SHA256";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

bool IsSignerOwned(const std::string& name) {
  return EqualsIgnoreCase(name, "x-amz-date") || EqualsIgnoreCase(name, "x-amz-security-token") ||
         EqualsIgnoreCase(name, "authorization");
}

bool HasHeader(const Headers& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& header) { return EqualsIgnoreCase(header.first, name); });
}

}  // namespace

std::string AmzDate(WallTime time) {
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(time);
  const auto day = floor<days>(seconds);
  const year_month_day date{day};
  const hh_mm_ss clock{seconds - day};
  char text[32];
  std::snprintf(text, sizeof(text), "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text;
}

std::string CredentialScope(const SigningScope& scope) {
  return AmzDate(scope.time).substr(0, 8) + "/" + scope.region + "/" + scope.service +
         "/aws4_request";
}

std::string StringToSign(const std::string& canonical_request, const SigningScope& scope) {
  return std::string(kAlgorithm) + "\n" + AmzDate(scope.time) + "\n" + CredentialScope(scope) +
         "\n" + HexSha256(canonical_request);
}

std::string SigningKey(const std::string& secret_access_key, const SigningScope& scope) {
  const std::string date_key = HmacSha256("AWS4" + secret_access_key, AmzDate(scope.time).substr(0, 8));
  const std::string region_key = HmacSha256(date_key, scope.region);
  const std::string service_key = HmacSha256(region_key, scope.service);
  return HmacSha256(service_key, "aws4_request");
}

std::string Signature(const std::string& string_to_sign, const std::string& secret_access_key,
                      const SigningScope& scope) {
  return HexEncode(HmacSha256(SigningKey(secret_access_key, scope), string_to_sign));
}

SignableRequest WithSigningHeaders(const SignableRequest& request, const SigningKeys& keys,
                                   const SigningScope& scope) {
  SignableRequest prepared = request;
  std::erase_if(prepared.headers, [](const auto& header) { return IsSignerOwned(header.first); });
  prepared.headers.emplace_back("X-Amz-Date", AmzDate(scope.time));
  if (!keys.session_token.empty()) {
    prepared.headers.emplace_back("X-Amz-Security-Token", keys.session_token);
  }
  return prepared;
}

std::string AuthorizationHeader(const SignableRequest& request, const SigningKeys& keys,
                                const SigningScope& scope, bool normalize_path) {
  const SignableRequest prepared = WithSigningHeaders(request, keys, scope);
  const std::string signature = Signature(
      StringToSign(CanonicalRequest(prepared, normalize_path), scope), keys.secret_access_key, scope);
  const std::string signed_headers =
      CanonicalizeHeaders(HeadersWithHost(prepared)).signed_headers;
  return std::string(kAlgorithm) + " Credential=" + keys.access_key_id + "/" +
         CredentialScope(scope) + ", SignedHeaders=" + signed_headers + ", Signature=" + signature;
}

Headers SignatureHeaders(const SignableRequest& request, const SigningKeys& keys,
                         const SigningScope& scope) {
  Headers added;
  if (!HasHeader(request.headers, "host")) {
    added.emplace_back("Host", HostHeaderValue(SplitUrl(request.url)));
  }
  added.emplace_back("X-Amz-Date", AmzDate(scope.time));
  if (!keys.session_token.empty()) added.emplace_back("X-Amz-Security-Token", keys.session_token);
  added.emplace_back("Authorization", AuthorizationHeader(request, keys, scope));
  return added;
}

}  // namespace sagetrain::sigv4
