#include "aws/credentials/ini_file.h"

#include <algorithm>
#include <cctype>

#include "aws/credentials/credentials_format.h"

namespace sagetrain {
namespace {

std::string StripInlineComment(const std::string& value) {
  for (std::size_t i = 1; i < value.size(); ++i) {
    if ((value[i] == '#' || value[i] == ';') && (value[i - 1] == ' ' || value[i - 1] == '\t')) {
      return TrimBlanks(value.substr(0, i));
    }
  }
  return value;
}

Status LineError(const std::string& file_name, int line_number, const std::string& what) {
  return Status(StatusCode::kCredentials, file_name + " line " + std::to_string(line_number) + ": " + what);
}

}  // namespace

StatusOr<IniSections> ParseIni(std::string_view text, const std::string& file_name) {
  IniSections sections;
  IniSection* current = nullptr;
  bool in_nested_block = false;  // under "key =" with an empty value
  int line_number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    const std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    const std::string line = TrimBlanks(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    const bool indented = raw[0] == ' ' || raw[0] == '\t';
    if (indented && in_nested_block) continue;
    in_nested_block = false;
    if (line[0] == '[') {
      const std::string header = StripInlineComment(line);
      if (header.back() != ']') return LineError(file_name, line_number, "a section header lacks its ']'");
      const std::string name = TrimBlanks(header.substr(1, header.size() - 2));
      if (name.empty()) return LineError(file_name, line_number, "a section header has no name");
      current = &sections[name];
      continue;
    }
    const auto equals = line.find('=');
    if (equals == std::string::npos) return LineError(file_name, line_number, "expected key = value");
    if (current == nullptr) return LineError(file_name, line_number, "a setting appears before any [section]");
    std::string key = TrimBlanks(line.substr(0, equals));
    if (key.empty()) return LineError(file_name, line_number, "a setting has no name");
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string value = StripInlineComment(TrimBlanks(line.substr(equals + 1)));
    in_nested_block = value.empty();
    (*current)[key] = value;
  }
  return sections;
}

}  // namespace sagetrain
