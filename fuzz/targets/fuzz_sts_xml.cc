// libFuzzer target: the STS XML parser (ParseStsCredentialsXml) on arbitrary answers. The first byte
// picks the action whose <ActionResponse><ActionResult> is expected; the rest is the XML body.
// Besides not crashing, a parsed answer must hold credentials the signer can use.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "aws/credentials/sts_connection.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string action = (data[0] & 1) != 0 ? "AssumeRoleWithWebIdentity" : "AssumeRole";
  const std::string xml(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto parsed = sagetrain::ParseStsCredentialsXml(xml, action, "fuzz");
  if (parsed.ok() && (parsed->access_key_id.empty() || parsed->secret_access_key.empty())) std::abort();
  return 0;
}
