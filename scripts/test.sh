#!/usr/bin/env bash
# Installs, builds and runs every test from a fresh machine: the Debian
# packages, the Python virtualenv (TensorFlow, for reference outputs), the
# build, then ctest (the lit suites, end-to-end models against TensorFlow,
# and the shared real-GraphDef corpus when ../shared/testdata is present).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"

"$repo/scripts/install-deps.sh"
"$repo/scripts/setup-venv.sh"
"$repo/scripts/build.sh"
cd "$build"
ctest --output-on-failure --verbose "$@"
