#include "link/fmod_wrap.h"

extern "C" double __wrap_fmod(double x, double y) {
  long double remainder = x;
  const long double divisor = y;
  // The x87 partial remainder is exact; it is partial while C2 (bit 10 of the status word) is set,
  // when the exponents differ by more than 63: go on until it is not.
  asm("1:\n\t"
      "fprem\n\t"
      "fnstsw %%ax\n\t"
      "testw $0x400, %%ax\n\t"
      "jnz 1b"
      : "+t"(remainder)
      : "u"(divisor)
      : "ax", "cc");
  return static_cast<double>(remainder);
}
