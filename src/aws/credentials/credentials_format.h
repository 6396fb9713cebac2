#pragma once
// Wire formats shared by the credential providers: ISO-8601 expiration times, the JSON document the
// container and instance metadata endpoints answer with, and the STS role session name.
// Pure functions; thread-safe. Messages never contain the secret fields.
#include <optional>
#include <string>
#include <string_view>

#include "aws/core/credentials.h"
#include "common/clock.h"
#include "common/status.h"

namespace sagetrain {

// "2024-05-01T12:34:56Z", with optional fractional seconds and a "Z" or "+hh:mm"/"-hh:mm" offset.
// nullopt when `text` is not such a time.
std::optional<WallTime> ParseIso8601(std::string_view text);

// {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"} (container credentials and IMDS; IMDS
// adds "Code", which must be "Success" when present). `provider` names the source in messages and in
// Credentials::provider. Errors are kCredentials.
StatusOr<Credentials> ParseCredentialsJson(const std::string& body, const std::string& provider);

// "sagemaker-training-<seconds since the epoch>": the role session name the program uses when none
// is configured, so that CloudTrail shows which program assumed the role and when.
std::string DefaultRoleSessionName(WallTime now);

// `text` without leading and trailing blanks (space, tab, CR, LF).
std::string TrimBlanks(std::string_view text);

}  // namespace sagetrain
