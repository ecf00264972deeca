#!/usr/bin/env bash
# Builds tfc with AddressSanitizer and UndefinedBehaviorSanitizer
# (TFC_SANITIZE=address,undefined) in <repo>/build-asan and runs, against
# those sanitized tools:
#   1. the lit suites Dialect Import Transforms Conversion tfc-compile ops testdata,
#   2. an end-to-end subset (linear, mlp, mnist-cnn, mobilenet-v1-050; these
#      need .venv, see scripts/setup-venv.sh, and are UNSUPPORTED without),
#   3. models/linear compiled by the sanitized tfc-compile, linked into
#      examples/linear/main.c built with -fsanitize=address,undefined, and run,
#   4. tfc-kernels-test (test/runtime/kernels_test.c) on KERNEL_CASES (300)
#      cases, linked with a copy of the host's runtime built with both
#      sanitizers (runtime/CMakeLists.txt; the runtime that tfc-compile embeds
#      is built without them).
# Prints a summary; exits non-zero if anything failed.
# BUILD_DIR overrides the build folder (an existing TFC_FUZZ build works too).
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build-asan}"
llvm_prefix="$(llvm-config-22 --prefix 2>/dev/null || echo /usr/lib/llvm-22)"
lit="$llvm_prefix/bin/lit"
start=$SECONDS

# Leaks are checked: every tfc-compile run must free what it allocates
# (LLVM's and protobuf's process-lifetime singletons stay reachable, which
# LeakSanitizer does not report). UBSan findings abort with a stack.
# allow_user_poisoning=0: LLVM's BumpPtrAllocator poisons the rest of a slab
# when instrumented code (an inline allocation in tfc, such as an attribute's
# storage) creates it, but libMLIR, not instrumented, then allocates from the
# same slab without unpoisoning it: a false use-after-poison.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allow_user_poisoning=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

results=()
failed=0
step() { # name, command...
  local name="$1" begin=$SECONDS
  shift
  echo "== sanitize.sh: $name"
  if "$@"; then
    results+=("PASS  $name ($((SECONDS - begin)) s)")
  else
    results+=("FAIL  $name ($((SECONDS - begin)) s)")
    failed=1
  fi
}

build_tfc() {
  if [[ -f "$build/CMakeCache.txt" ]] &&
    ! grep -q '^TFC_SANITIZE:STRING=.*address' "$build/CMakeCache.txt"; then
    echo "sanitize.sh: $build is not configured with TFC_SANITIZE=address" >&2
    return 1
  fi
  BUILD_DIR="$build" CMAKE_OPTIONS="-DTFC_SANITIZE=address,undefined" \
    "$repo/scripts/build.sh" tfc-compile tfc-opt tfc-translate tfc-kernels-test
}

run_linear() {
  local work="$build/sanitize-linear"
  rm -rf "$work" && mkdir -p "$work" &&
    "$build/bin/tfc-compile" "$repo/models/linear/linear.pbtxt" \
      --config "$repo/models/linear/config.pbtxt" -o "$work/liblinear.a" &&
    "$llvm_prefix/bin/clang" -std=c11 -Wall -Werror -g \
      -fsanitize=address,undefined -fno-sanitize-recover=undefined \
      -I"$work" "$repo/examples/linear/main.c" "$work/liblinear.a" -lm \
      -o "$work/linear" &&
    "$work/linear"
}

step "build ($build)" build_tfc
if [[ $failed -eq 0 ]]; then
  suites=()
  for suite in Dialect Import Transforms Conversion tfc-compile ops testdata; do
    suites+=("$build/test/$suite")
  done
  step "lit: Dialect Import Transforms Conversion tfc-compile ops testdata" \
    "$lit" -sv "${suites[@]}"
  e2e=()
  for test in linear mlp mnist-cnn mobilenet-v1-050; do
    e2e+=("$build/test/e2e/$test.test")
  done
  step "lit: e2e linear mlp mnist-cnn mobilenet-v1-050" \
    "$lit" -sv --show-unsupported "${e2e[@]}"
  step "models/linear in a sanitized C program" run_linear
  step "runtime kernels (tfc-kernels-test) with both sanitizers" \
    "$build/bin/tfc-kernels-test" "${KERNEL_CASES:-300}"
fi

echo "== sanitize.sh summary ($((SECONDS - start)) s in all)"
printf '  %s\n' "${results[@]}"
exit $failed
