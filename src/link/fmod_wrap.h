#pragma once
// fmod for the one caller of a libm function the program links: pugixml's XPath (which the program
// never uses, but Debian's libpugixml.a is one object, so it comes along). The static build links
// with --wrap=fmod, so that call lands here, and with --as-needed, so libm.so.6 is not loaded at all
// (0.3 MiB resident and a library for the loader to relocate at every start; see CMakeLists.txt).
// Exact, as glibc's: x - trunc(x / y) * y with x's sign, NaN for y == 0 or infinite x. Pure;
// thread-safe.

extern "C" double __wrap_fmod(double x, double y);
