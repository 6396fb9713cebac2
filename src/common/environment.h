#pragma once
// The process environment and files behind an interface, so that credential providers, endpoint
// resolution and retry settings are tested with fake variables and files.
#include <map>
#include <optional>
#include <string>

namespace sagetrain {

class Environment {
 public:
  virtual ~Environment() = default;
  // The variable's value; nullopt when unset. An empty value is returned as "" (callers decide).
  virtual std::optional<std::string> Get(const std::string& name) const = 0;
  // The whole content of a file; nullopt when it cannot be read.
  virtual std::optional<std::string> ReadFile(const std::string& path) const = 0;
  // The user's home directory ("" when unknown), for ~/.aws/.
  virtual std::string HomeDirectory() const = 0;

  // Get(name) when set and non-empty, otherwise nullopt.
  std::optional<std::string> GetNonEmpty(const std::string& name) const {
    auto value = Get(name);
    if (value && value->empty()) return std::nullopt;
    return value;
  }
};

// The real environment (getenv, files on disk).
class ProcessEnvironment final : public Environment {
 public:
  std::optional<std::string> Get(const std::string& name) const override;
  std::optional<std::string> ReadFile(const std::string& path) const override;
  std::string HomeDirectory() const override;
};

// A scripted environment for tests: variables and files in maps.
class FakeEnvironment final : public Environment {
 public:
  std::map<std::string, std::string> variables;
  std::map<std::string, std::string> files;
  std::string home = "/home/test";

  std::optional<std::string> Get(const std::string& name) const override {
    auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> ReadFile(const std::string& path) const override {
    auto it = files.find(path);
    if (it == files.end()) return std::nullopt;
    return it->second;
  }
  std::string HomeDirectory() const override { return home; }
};

}  // namespace sagetrain
