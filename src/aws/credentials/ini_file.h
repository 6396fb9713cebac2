#pragma once
// A parser for the INI dialect of the AWS shared config and credentials files: "[section]" headers,
// "key = value" lines, full-line comments starting with '#' or ';', inline comments that start with
// whitespace then '#' or ';', blank lines. Keys are lower-cased (the SDKs read "AWS_ACCESS_KEY_ID" as
// "aws_access_key_id"); section names keep their case. Indented lines under a key with an empty value
// (the config file's nested "s3 =" settings) are skipped. A section that appears twice is merged,
// later keys winning. Pure; thread-safe.
#include <map>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sagetrain {

using IniSection = std::map<std::string, std::string>;
using IniSections = std::map<std::string, IniSection>;

// `file_name` only names the file in messages. A malformed line is kCredentials naming the file and
// line number, never the line's content (it may hold a secret).
StatusOr<IniSections> ParseIni(std::string_view text, const std::string& file_name);

}  // namespace sagetrain
