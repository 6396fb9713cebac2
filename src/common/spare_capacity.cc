#include "common/spare_capacity.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>

namespace sagetrain {

std::size_t GiveBackSpareCapacity(std::string& text, std::size_t min_bytes) {
  static const std::uintptr_t page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto start = reinterpret_cast<std::uintptr_t>(text.data());
  // From the first whole page after the terminating NUL to the last whole page before the end of the
  // allocation (capacity() + 1 bytes, the NUL's included): only bytes the string owns and never reads.
  const std::uintptr_t from = (start + text.size() + 1 + page - 1) & ~(page - 1);
  const std::uintptr_t to = (start + text.capacity()) & ~(page - 1);
  if (to <= from || to - from < min_bytes) return 0;
  // Private anonymous memory (malloc's) read after MADV_DONTNEED is zero-filled on demand. A failure
  // leaves the pages where they were: nothing is lost but the saving.
  if (madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED) != 0) return 0;
  return to - from;
}

}  // namespace sagetrain
