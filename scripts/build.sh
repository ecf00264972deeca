#!/usr/bin/env bash
# Configures (once) and builds tfc in <repo>/build with Ninja, using the
# clang and the LLVM/MLIR 22 that scripts/install-deps.sh installs.
# BUILD_DIR overrides the build folder; BUILD_TYPE the CMake build type;
# CMAKE_OPTIONS adds options at configure time (scripts/sanitize.sh and
# scripts/fuzz.sh use it for their instrumented builds). Arguments name the
# Ninja targets to build (default: all).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
llvm_prefix="$(llvm-config-22 --prefix 2>/dev/null || echo /usr/lib/llvm-22)"

if [[ ! -f "$build/build.ninja" ]]; then
  cmake -G Ninja -S "$repo" -B "$build" \
    -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
    -DCMAKE_C_COMPILER="$llvm_prefix/bin/clang" \
    -DCMAKE_CXX_COMPILER="$llvm_prefix/bin/clang++" \
    -DMLIR_DIR="$llvm_prefix/lib/cmake/mlir" ${CMAKE_OPTIONS:-} >/dev/null
fi
ninja -C "$build" "$@"
