#include "common/environment.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace sagetrain {

std::optional<std::string> ProcessEnvironment::Get(const std::string& name) const {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

std::optional<std::string> ProcessEnvironment::ReadFile(const std::string& path) const {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return content.str();
}

std::string ProcessEnvironment::HomeDirectory() const {
  const char* home = std::getenv("HOME");
  return home != nullptr ? std::string(home) : std::string();
}

}  // namespace sagetrain
