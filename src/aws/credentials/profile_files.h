#pragma once
// The AWS shared credentials and config files, read into one map of profiles.
//
// Credentials file: AWS_SHARED_CREDENTIALS_FILE, default ~/.aws/credentials; sections are profile
// names. Config file: AWS_CONFIG_FILE, default ~/.aws/config; sections are "[default]" and
// "[profile name]" (other sections, e.g. "[sso-session x]", are not profiles). Where both files set
// a key of one profile, the credentials file wins, as in the SDKs. A leading "~/" in a path variable
// is the home directory. Reads through Environment; thread-safe if it is.
#include <map>
#include <string>
#include <vector>

#include "aws/credentials/ini_file.h"
#include "common/environment.h"
#include "common/status.h"

namespace sagetrain {

struct ProfileFiles {
  std::map<std::string, IniSection> profiles;  // profile name -> settings
  std::vector<std::string> paths_read;         // the files that exist, in reading order
  std::vector<std::string> paths_tried;        // both paths, for messages
};

// A missing file is not an error (paths_read says which exist); a malformed one is kCredentials.
StatusOr<ProfileFiles> LoadProfileFiles(const Environment& env);

// AWS_PROFILE when set and non-empty, else "default".
std::string SelectedProfileName(const Environment& env);

}  // namespace sagetrain
