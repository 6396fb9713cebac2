#include "aws/credentials/profile_files.h"

#include "aws/credentials/credentials_format.h"

namespace sagetrain {
namespace {

std::string FilePath(const Environment& env, const char* variable, const char* default_name) {
  std::string path = TrimBlanks(env.GetNonEmpty(variable).value_or(""));
  if (path.empty()) return env.HomeDirectory() + "/.aws/" + default_name;
  if (path == "~" || path.rfind("~/", 0) == 0) path = env.HomeDirectory() + path.substr(1);
  return path;
}

// The profile a config-file section names, or "" when the section is not a profile.
std::string ConfigSectionProfile(const std::string& section) {
  if (section == "default") return section;
  if (section.rfind("profile ", 0) == 0) return TrimBlanks(section.substr(8));
  return {};
}

}  // namespace

StatusOr<ProfileFiles> LoadProfileFiles(const Environment& env) {
  ProfileFiles files;
  const std::string config_path = FilePath(env, "AWS_CONFIG_FILE", "config");
  const std::string credentials_path = FilePath(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
  files.paths_tried = {credentials_path, config_path};
  if (auto text = env.ReadFile(config_path)) {
    auto sections = ParseIni(*text, config_path);
    if (!sections.ok()) return sections.status();
    files.paths_read.push_back(config_path);
    for (auto& [section, settings] : *sections) {
      const std::string profile = ConfigSectionProfile(section);
      if (profile.empty()) continue;
      // "[profile default]" and "[default]" both name the default profile; keys merge.
      for (auto& [key, value] : settings) files.profiles[profile][key] = value;
    }
  }
  if (auto text = env.ReadFile(credentials_path)) {
    auto sections = ParseIni(*text, credentials_path);
    if (!sections.ok()) return sections.status();
    files.paths_read.push_back(credentials_path);
    for (auto& [section, settings] : *sections) {
      for (auto& [key, value] : settings) files.profiles[section][key] = value;
    }
  }
  return files;
}

std::string SelectedProfileName(const Environment& env) {
  auto name = env.GetNonEmpty("AWS_PROFILE");
  return name ? TrimBlanks(*name) : std::string("default");
}

}  // namespace sagetrain
