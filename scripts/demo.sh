#!/usr/bin/env bash
# The main job on the bundled default model, from a fresh machine: install
# what is needed, build tfc, compile models/linear (y = 0.5·x + 2) into a
# static library and header, link a C program against it, run it.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$repo/build}"
out="$build/demo"

"$repo/scripts/install-deps.sh"
"$repo/scripts/build.sh"

mkdir -p "$out"
echo "== tfc-compile models/linear/linear.pbtxt -> $out/liblinear.a + linear.h"
"$build/bin/tfc-compile" "$repo/models/linear/linear.pbtxt" \
  --config "$repo/models/linear/config.pbtxt" -o "$out/liblinear.a"
echo "== cc examples/linear/main.c liblinear.a -lm"
cc -std=c11 -Wall -Werror -I"$out" "$repo/examples/linear/main.c" \
  "$out/liblinear.a" -lm -o "$out/linear_demo"
echo "== run"
"$out/linear_demo"
