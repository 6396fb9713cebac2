#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test (unit, smoke, e2e against the
# emulator and moto_server) through CTest, whose summary closes the output.
# SANITIZE=1 runs the same suite on an ASan/UBSan build in build-sanitize/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${SANITIZE:-0}" = "1" ]; then
  export BUILD_DIR=build-sanitize BUILD_TYPE=Debug
  bash scripts/build.sh -DSANITIZE=ON
else
  bash scripts/build.sh
fi
BUILD_DIR=${BUILD_DIR:-build}
cd "$BUILD_DIR"
ctest --output-on-failure -j "$(nproc)" "$@"
