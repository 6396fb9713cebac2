#pragma once
// Writes a small output file so that a reader (the KFP launcher, the next step) sees either the old
// state or the whole new content, never a partial file: a temporary file in the same folder, fsync,
// rename over the target, fsync of the folder. Missing parent folders are created (like mkdir -p).
// Thread-safe for distinct paths.
#include <string>

#include "common/status.h"

namespace sagetrain {

Status WriteFileAtomically(const std::string& path, const std::string& content);

}  // namespace sagetrain
