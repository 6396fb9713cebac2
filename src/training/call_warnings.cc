#include "training/call_warnings.h"

#include <array>
#include <string_view>

namespace sagetrain {

bool IsPersistentAuthError(const Status& status) {
  if (status.code() == StatusCode::kCredentials) return true;
  static constexpr std::array<std::string_view, 10> kCodes{
      "AccessDenied",          "AccessDeniedException",      "UnrecognizedClientException",
      "InvalidClientTokenId",  "ExpiredToken",               "ExpiredTokenException",
      "InvalidSignatureException", "SignatureDoesNotMatch",  "IncompleteSignature",
      "MissingAuthenticationToken"};
  for (std::string_view code : kCodes) {
    if (status.aws_code() == code) return true;
  }
  return false;
}

void CallWarnings::Failed(const std::string& operation, const Status& status) {
  bool& failing = failing_[operation];
  if (failing) return;
  failing = true;
  log_.Line("warning: " + operation + " failed: " + status.ToString() + "; will retry");
}

void CallWarnings::Succeeded(const std::string& operation) {
  auto it = failing_.find(operation);
  if (it == failing_.end() || !it->second) return;
  it->second = false;
  log_.Line(operation + " recovered");
}

}  // namespace sagetrain
