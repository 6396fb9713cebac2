#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS seconds each (default 20) over its corpus in
# fuzz/corpus/<target>/, after building them (fuzz/build.sh: installs clang when missing).
#   bash fuzz/run.sh 20          # CI: about 1.5 minutes of fuzzing plus the build
#   bash fuzz/run.sh 600         # on demand
# The repository's corpus is read, never written: new inputs go to a scratch folder, unless
# FUZZ_MERGE=1, which merges the inputs that add coverage into fuzz/corpus/<target>/ (to commit).
# A crash, leak, timeout or sanitizer report stops that target; its input is saved under
# <build>/artifacts/ and the script exits 1 after running the remaining targets.
#   FUZZ_TARGETS="fuzz_sigv4 ..." runs only those targets.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-20}"
case "$SECONDS_PER_TARGET" in ''|*[!0-9]*) echo "usage: fuzz/run.sh [SECONDS]" >&2; exit 2;; esac

BUILD_DIR="$(bash fuzz/build.sh | tail -n 1)" || { echo "fuzz/run.sh: build failed" >&2; exit 1; }
TARGETS=(${FUZZ_TARGETS:-fuzz_arguments fuzz_sts_xml fuzz_sigv4 fuzz_json_answers})
ARTIFACTS="$BUILD_DIR/artifacts"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
mkdir -p "$ARTIFACTS"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

failed=()
for target in "${TARGETS[@]}"; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus" "$SCRATCH/$target"
  dict=()
  [ -f "fuzz/dicts/$target.dict" ] && dict=(-dict="fuzz/dicts/$target.dict")
  echo "== $target: ${SECONDS_PER_TARGET}s over $(ls "$corpus" | wc -l) corpus inputs"
  if "$BUILD_DIR/$target" "${dict[@]}" -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
       -max_len=16384 -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$target-" \
       "$SCRATCH/$target" "$corpus" >"$SCRATCH/$target.log" 2>&1; then
    grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)" "$SCRATCH/$target.log" | tr '\n' ' '
    echo
    if [ "${FUZZ_MERGE:-0}" = 1 ]; then
      "$BUILD_DIR/$target" -merge=1 "$corpus" "$SCRATCH/$target" >/dev/null 2>&1 &&
        echo "   merged new coverage into $corpus"
    fi
  else
    failed+=("$target")
    echo "!! $target FAILED; report:"
    grep -E -A40 "ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|runtime error:|==ERROR|Test unit written" \
      "$SCRATCH/$target.log" | head -80
    echo "   reproduce: $BUILD_DIR/$target $ARTIFACTS/$target-<crash file>"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz/run.sh: ${#failed[@]} target(s) found a bug: ${failed[*]}; inputs in $ARTIFACTS" >&2
  exit 1
fi
echo "fuzz/run.sh: ${#TARGETS[@]} targets, ${SECONDS_PER_TARGET}s each, no crash"
