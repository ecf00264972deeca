#!/usr/bin/env bash
# Builds tfc's libFuzzer targets (TFC_FUZZ=ON, with ASan and UBSan) in
# <repo>/build-fuzz, makes their seed corpora there, and runs each target in
# turn: first once over its kept regressions (test/fuzz/regressions/), then
# fuzzing. Inputs that crash are kept in build-fuzz/fuzz/crashes/<target>/,
# and the script exits non-zero if there is any. CI runs it bounded
# (.ci/run).
#
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET (60)] [JOBS (1)]
#        RUNS=N scripts/fuzz.sh     # N inputs per target instead of a time
#        TARGETS="tfc-fuzz-config" scripts/fuzz.sh 300
# BUILD_DIR overrides the build folder. New corpus entries the fuzzer finds go
# to build-fuzz/fuzz/corpus/<target>/ (kept between runs, never committed).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build-fuzz}"
seconds="${1:-60}"
jobs="${2:-1}"
read -r -a targets <<<"${TARGETS:-tfc-fuzz-graphdef-binary \
  tfc-fuzz-graphdef-text tfc-fuzz-config}"

BUILD_DIR="$build" CMAKE_OPTIONS="-DTFC_FUZZ=ON" "$repo/scripts/build.sh" tfc-fuzzers

work="$build/fuzz"
"$repo/test/fuzz/make-corpus.sh" "$work/seeds"

# Leaks count as crashes; LLVM's and protobuf's singletons stay reachable.
# allow_user_poisoning=0: LLVM's BumpPtrAllocator poisons the rest of a slab
# when instrumented code (an inline allocation in tfc, such as an attribute's
# storage) creates it, but libMLIR, not instrumented, then allocates from the
# same slab without unpoisoning it: a false use-after-poison.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allow_user_poisoning=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

dict_file="$repo/test/fuzz/graphdef.dict"
failed=()
for target in "${targets[@]}"; do
  case "$target" in
  tfc-fuzz-graphdef-binary) seeds=graphdef-binary dict=() ;;
  tfc-fuzz-graphdef-text) seeds=graphdef-text dict=(-dict="$dict_file") ;;
  tfc-fuzz-config) seeds=config dict=(-dict="$dict_file") ;;
  *) echo "fuzz.sh: unknown target '$target'" >&2; exit 2 ;;
  esac
  corpus="$work/corpus/$target"
  crashes="$work/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  if [[ -n "${RUNS:-}" ]]; then
    limit=(-runs="$RUNS")
  else
    limit=(-max_total_time="$seconds")
  fi
  # With -jobs, even 1, libFuzzer forks workers that log to fuzz-<n>.log.
  parallel=()
  if [[ "$jobs" -gt 1 ]]; then
    parallel=(-jobs="$jobs" -workers="$jobs")
  fi
  log="$work/$target.log"
  # First the kept regressions (test/fuzz/regressions/<target>), once each.
  regressions="$repo/test/fuzz/regressions/$target"
  if [[ -d "$regressions" ]]; then
    if ! "$build/bin/$target" -runs=0 "$regressions" >"$log.regressions" 2>&1
    then
      echo "fuzz.sh: $target: a kept regression fails; see $log.regressions"
      failed+=("$target")
      continue
    fi
    echo "fuzz.sh: $target: $(find "$regressions" -type f | wc -l) kept" \
      "regression input(s) pass"
  fi
  echo "fuzz.sh: $target (${limit[*]}, $jobs job(s)); log in $log"
  status=0
  # -timeout: one input taking seconds is a hang worth a report;
  # -rss_limit_mb: the compiler refuses big tensors long before this.
  (cd "$crashes" && "$build/bin/$target" "$corpus" "$work/seeds/$seeds" \
    "${dict[@]}" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$crashes/" -print_final_stats=1 \
    "${parallel[@]}" >"$log" 2>&1) || status=$?
  if [[ "$jobs" -gt 1 ]]; then
    cat "$crashes"/fuzz-*.log >>"$log" 2>/dev/null || true
    rm -f "$crashes"/fuzz-*.log
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' "$log" |
    sed "s/^/  /" || true
  found=$(find "$crashes" -type f \( -name 'crash-*' -o -name 'leak-*' \
    -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  if [[ $status -ne 0 || $found -gt 0 ]]; then
    echo "fuzz.sh: $target: FAILED (exit $status, $found input(s) in $crashes)"
    failed+=("$target")
  else
    echo "fuzz.sh: $target: no crashes"
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz.sh: crashes in ${failed[*]}; see test/fuzz/README.md to" \
    "reproduce, minimize and keep them as regressions"
  exit 1
fi
echo "fuzz.sh: all targets ran without crashes"
