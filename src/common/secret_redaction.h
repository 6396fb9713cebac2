#pragma once
// Secret redaction for every text the program prints, whatever its source: a service's error
// message (an InvalidSignatureException or STS SignatureDoesNotMatch echoes the canonical request,
// x-amz-security-token header included), a credentials endpoint's answer, a proxy echoing headers.
//
// Two passes: by value (the secrets the program holds: secret key, session token, container and
// web-identity tokens, each also in its percent-encoded form) and by shape (an
// `x-amz-security-token:`/`=` value, an `Authorization:` value, `Credential=`/`Signature=` values, a
// JWT), each replaced with kRedacted. Pure functions and a small value type; not synchronised.
#include <string>
#include <string_view>
#include <vector>

namespace sagetrain {

inline constexpr std::string_view kRedacted = "[redacted]";

// `text` with every occurrence of each of `secrets` (values shorter than 8 characters are ignored:
// they would redact ordinary words) and every secret-shaped value replaced with kRedacted.
std::string RedactSecrets(std::string_view text, const std::vector<std::string>& secrets);

// Only the by-value pass: cheap enough for every line of a job's log.
std::string RedactSecretValues(std::string_view text, const std::vector<std::string>& secrets);

// The secrets in play, gathered as the program learns them, and files holding secrets that are
// re-read at each redaction (a web-identity token file is rotated while the program runs).
class SecretRedactor {
 public:
  // Remembers `secret` (and its percent-encoded form). Empty and short values are ignored.
  void Remember(std::string_view secret);
  // Reads `path` at every Redact() and treats its contents (trimmed) as a secret. "" is ignored.
  void RememberFile(std::string path);

  // RedactSecrets with every secret remembered and every file's current contents.
  std::string Redact(std::string_view text) const;
  // RedactSecretValues with the secrets remembered (files are not read).
  std::string RedactValues(std::string_view text) const;
  bool HasValues() const { return !secrets_.empty(); }
  // Whether `text` holds one of the secrets remembered: the cheap test before RedactValues.
  bool MentionsAny(std::string_view text) const;

 private:
  std::vector<std::string> secrets_;
  std::vector<std::string> files_;
};

}  // namespace sagetrain
