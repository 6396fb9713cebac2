#pragma once
// Giving a string's unused memory back to the kernel without the copy shrink_to_fit makes.
#include <cstddef>
#include <string>

namespace sagetrain {

// Returns to the kernel the whole memory pages of `text`'s spare capacity (past its end), when they
// come to at least `min_bytes`; the string keeps its size, contents and capacity, and pages it grows
// into again read as zeros and cost memory again. For a buffer that received a large answer and now
// holds a fraction of it (a GetLogEvents body compacted to its messages): shrink_to_fit would allocate
// the fraction anew and copy it while the whole buffer is still held. Returns the bytes given back.
std::size_t GiveBackSpareCapacity(std::string& text, std::size_t min_bytes = 64 * 1024);

}  // namespace sagetrain
