# Every dependency is a Debian package (scripts/setup.sh installs them); nothing is fetched.
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
# SHA-256 and HMAC for SigV4 come from nettle (already in libcurl's closure through GnuTLS): it
# hashes at once, where OpenSSL 3's first EVP fetch initialises its provider (~1 ms of start-up).
pkg_check_modules(NETTLE REQUIRED IMPORTED_TARGET nettle)
find_package(CURL REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
# The XML of STS answers and query-protocol errors is read with expat, its archive linked in: the
# package's CMake config names only the shared library, which would be one more to load at every
# start, for answers most runs never see.
find_path(EXPAT_INCLUDE_DIR expat.h REQUIRED)
find_library(EXPAT_STATIC_LIBRARY NAMES libexpat.a REQUIRED)
add_library(st_expat STATIC IMPORTED)
set_target_properties(st_expat PROPERTIES IMPORTED_LOCATION "${EXPAT_STATIC_LIBRARY}"
                                          INTERFACE_INCLUDE_DIRECTORIES "${EXPAT_INCLUDE_DIR}")
