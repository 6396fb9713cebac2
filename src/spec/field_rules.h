#pragma once
// Checks for the two CreateTrainingJob patterns that std::regex cannot run as written (they use
// Java's look-behind and Unicode classes), so they are spelled out by hand. Pure; thread-safe.
#include <string_view>

namespace sagetrain {

// ArnOrName: `(arn:aws[a-z\-]*:sagemaker:[a-z0-9\-]*:[0-9]{12}:[a-z\-]*\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)`
// and 1..170 characters.
bool IsValidAlgorithmName(std::string_view name);

// TagKey / TagValue: `([\p{L}\p{Z}\p{N}_.:/=+\-@]*)` over the UTF-8 `text` (invalid UTF-8 fails).
// Lengths are checked separately.
bool IsValidTagText(std::string_view text);

}  // namespace sagetrain
