#pragma once
// Text made safe to print in a log read in a terminal or the KFP UI: control characters other than
// tab (C0, DEL and the C1 controls U+0080-U+009F, which terminals read as ESC/CSI/OSC...) are written
// as visible escapes (`\x1b`, `\u009b`), never emitted raw, so a message cannot move the cursor,
// rewrite a line or forge one. Everything else (UTF-8 or not) is copied as it is. Pure; thread-safe.
#include <string>
#include <string_view>

namespace sagetrain {

// Appends `text` to `out` with its control characters (line breaks included) made visible.
void AppendVisible(std::string& out, std::string_view text);

// AppendVisible into a new string.
std::string Visible(std::string_view text);

}  // namespace sagetrain
