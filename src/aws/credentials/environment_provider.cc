#include "aws/credentials/environment_provider.h"

#include "aws/credentials/credentials_format.h"
#include "aws/credentials/provider_status.h"

namespace sagetrain {

StatusOr<Credentials> EnvironmentCredentialsProvider::Get() {
  const auto key_id = env_.GetNonEmpty("AWS_ACCESS_KEY_ID");
  const auto secret = env_.GetNonEmpty("AWS_SECRET_ACCESS_KEY");
  if (!key_id && !secret) return NotConfigured("AWS_ACCESS_KEY_ID is not set");
  if (!secret) {
    return Status(StatusCode::kCredentials,
                  "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; set both or neither");
  }
  if (!key_id) {
    return Status(StatusCode::kCredentials,
                  "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not; set both or neither");
  }
  Credentials creds;
  creds.access_key_id = *key_id;
  creds.secret_access_key = *secret;
  creds.session_token = env_.GetNonEmpty("AWS_SESSION_TOKEN").value_or("");
  creds.provider = Name();
  if (auto expiration = env_.GetNonEmpty("AWS_CREDENTIAL_EXPIRATION")) {
    creds.expiration = ParseIso8601(TrimBlanks(*expiration));
    if (!creds.expiration) {
      return Status(StatusCode::kCredentials,
                    "AWS_CREDENTIAL_EXPIRATION is not an ISO-8601 time: " + *expiration);
    }
  }
  return creds;
}

}  // namespace sagetrain
