#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets under OUT (a build folder):
#   OUT/graphdef-text/    the repository's text GraphDefs (models, importer and
#                         tfc-compile tests, differential regressions, and
#                         ../shared/testdata/graphdefs when present)
#   OUT/graphdef-binary/  the same graphs encoded with protoc, plus the binary
#                         GraphDefs of ../shared/testdata
#   OUT/config/           the config.pbtxt files, and test/fuzz/corpus/config
#                         (configs written for the config target's graph)
# Files over 64 KiB are skipped: big seeds slow every mutation, and the
# interesting structure is all in the small ones.
# Usage: test/fuzz/make-corpus.sh OUT
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:?usage: make-corpus.sh OUT}"
max_bytes=65536
mkdir -p "$out/graphdef-text" "$out/graphdef-binary" "$out/config"

small() { [[ -f "$1" && $(stat -c %s "$1") -le $max_bytes ]]; }
# Seeds are named after their path, so that two test files of one name do
# not overwrite each other.
seed_name() {
  local relative
  relative="$(realpath --relative-to="$repo" "$1")"
  echo "${relative#../}" | tr '/' '_'
}

shopt -s nullglob
testdata="$repo/../shared/testdata/graphdefs"
configs=()
for file in "$repo"/models/*/*.pbtxt "$repo"/test/Import/*.pbtxt \
  "$repo"/test/Import/Inputs/*.pbtxt "$repo"/test/tfc-compile/Inputs/*.pbtxt \
  "$repo"/test/differential/regressions/*.pbtxt "$testdata"/*.pbtxt; do
  small "$file" || continue
  if [[ "$file" == *config.pbtxt ]]; then
    configs+=("$file")
    continue
  fi
  name="$(seed_name "$file")"
  cp "$file" "$out/graphdef-text/$name"
  # Graphs with fields graph.proto lacks (newer TensorFlow) do not encode;
  # the text seed still covers them.
  protoc --encode=tensorflow.GraphDef -I "$repo" compiler/proto/graph.proto \
    <"$file" >"$out/graphdef-binary/${name%.pbtxt}.pb" 2>/dev/null ||
    rm -f "$out/graphdef-binary/${name%.pbtxt}.pb"
done
for file in "$testdata"/*.pb; do
  small "$file" && cp "$file" "$out/graphdef-binary/$(seed_name "$file")"
done
for file in "${configs[@]}" "$repo"/test/fuzz/corpus/config/*; do
  cp "$file" "$out/config/$(seed_name "$file")"
done
for corpus in graphdef-text graphdef-binary config; do
  echo "make-corpus: $corpus: $(ls "$out/$corpus" | wc -l) seeds"
done
