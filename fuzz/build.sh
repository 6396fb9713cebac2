#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/targets/*.cc) with Debian's clang, every layer instrumented with
# ASan + UBSan + fuzzer coverage, into ${FUZZ_BUILD_DIR:-build-fuzz}. Installs clang and its runtime
# with apt-get when they are missing (needs root; idempotent). Prints the build folder's path last.
#   FUZZ_JOBS: parallel compile jobs (default: nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${FUZZ_BUILD_DIR:-build-fuzz}"
JOBS="${FUZZ_JOBS:-$(nproc)}"
TARGETS=(fuzz_arguments fuzz_sts_xml fuzz_sigv4 fuzz_json_answers)

# libFuzzer works when clang++ links a trivial target with -fsanitize=fuzzer (the runtime,
# libclang_rt.fuzzer-<arch>.a, comes with libclang-rt-<version>-dev).
have_libfuzzer() {
  command -v clang++ >/dev/null 2>&1 || return 1
  local probe
  probe="$(mktemp -d)"
  printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
    'extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }' >"$probe/probe.cc"
  clang++ -fsanitize=fuzzer,address "$probe/probe.cc" -o "$probe/probe" >/dev/null 2>&1
  local ok=$?
  rm -rf "$probe"
  return $ok
}
if ! have_libfuzzer; then
  echo "fuzz/build.sh: installing clang and libFuzzer (apt-get)" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # The versioned runtime package follows the default clang's version (clang 14 on bookworm).
  $SUDO apt-get install -y -qq clang libclang-rt-dev >/dev/null 2>&1 ||
    $SUDO apt-get install -y -qq clang "libclang-rt-$(clang --version | sed -n 's/.*version \([0-9]*\).*/\1/p' | head -1)-dev"
  have_libfuzzer || { echo "fuzz/build.sh: libFuzzer runtime still missing after apt-get" >&2; exit 1; }
fi

SANITIZE="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S fuzz -B "$BUILD_DIR" -G Ninja \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
  -DCMAKE_CXX_FLAGS="$SANITIZE" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build "$BUILD_DIR" --target "${TARGETS[@]}" -j "$JOBS"
echo "$BUILD_DIR"
