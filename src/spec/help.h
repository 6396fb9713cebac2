#pragma once
// The --help text: usage, every argument with its default and accepted values, the built-in
// algorithm names, exit codes. Pure; thread-safe.
#include <string>

namespace sagetrain {

std::string HelpText();

}  // namespace sagetrain
