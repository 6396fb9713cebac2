# Warnings as errors for the project's own code (third-party headers come in as system headers).
function(st_set_warnings target)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    return()
  endif()
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wconversion -Wsign-conversion -Werror)
  # GCC 12 at -O3 reports -Wrestrict inside libstdc++'s own std::string code (GCC bug 105329), not in
  # ours; Release builds (-O3) would otherwise fail on code that is clean at -O2.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()
