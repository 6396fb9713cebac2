#!/usr/bin/env bash
# Benchmarks: builds the Release binary (build-bench/) and the libcurl floor (build-bench/curl_floor),
# then runs bench/bench.py: a table on stdout and bench/RESULTS.md. About 5-10 minutes.
#   BENCH_RUNS: start-up runs per program (default 30).
#   BENCH_JOB_RUNS: runs of each whole-job measure, the median kept (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${BENCH_BUILD_DIR:-build-bench}"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DBUILD_TESTING=OFF >/dev/null
cmake --build "$BUILD_DIR" --target sagemaker-training -j "${BENCH_JOBS:-1}" >/dev/null
cc -O2 -o "$BUILD_DIR/curl_floor" bench/curl_floor.c $(pkg-config --cflags --libs libcurl 2>/dev/null || echo -lcurl)
cc -O2 -o "$BUILD_DIR/rusage_of" bench/rusage_of.c
exec python3 bench/bench.py --binary "$BUILD_DIR/sagemaker-training" --floor "$BUILD_DIR/curl_floor" \
  --rusage-of "$BUILD_DIR/rusage_of" \
  --runs "${BENCH_RUNS:-30}" --job-runs "${BENCH_JOB_RUNS:-3}"
