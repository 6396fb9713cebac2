#pragma once
// A bound on how deeply JSON may nest before any parser sees it. Parsers handle depth iteratively,
// but what is done with their result (copying, printing, comparing a DOM) recurses once per level, so a
// small answer or argument nested 150,000 levels deep would overflow the stack. Nothing the program
// reads nests more than a dozen levels. Pure; thread-safe.
#include <cstddef>
#include <string_view>

namespace sagetrain {

// Every JSON text the program parses (answers, credentials, arguments) nests at most this deep.
inline constexpr std::size_t kMaxJsonNesting = 100;

// Whether the arrays and objects of `text` nest at most `max_depth` levels (brackets inside strings
// do not count). Malformed JSON is not judged here: the parser that follows says so.
bool JsonNestingWithin(std::string_view text, std::size_t max_depth = kMaxJsonNesting);

}  // namespace sagetrain
