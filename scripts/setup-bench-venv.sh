#!/usr/bin/env bash
# Create or update <repo>/.venv-bench with the peer engines that
# scripts/bench.py measures tfc against: TensorFlow, ONNX Runtime with tf2onnx,
# LiteRT (benchmarks/requirements.txt). Separate from .venv so that the
# seed-model pins never have to move for a peer.
#
# Idempotent: a stamp file inside .venv-bench holds the SHA-256 of
# requirements.txt, so a run with unchanged requirements does nothing and
# returns at once. PYTHON picks the interpreter that creates the venv
# (default: python3).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/.venv-bench"
requirements="$repo/benchmarks/requirements.txt"
stamp="$venv/.tfc-requirements.sha256"
python="${PYTHON:-python3}"

hash_of() {
  if command -v sha256sum >/dev/null; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}
want="$(hash_of "$requirements")"

if [[ -x "$venv/bin/python" && -f "$stamp" && "$(<"$stamp")" == "$want" ]]; then
  echo "setup-bench-venv: .venv-bench is up to date with benchmarks/requirements.txt"
  exit 0
fi

action="updated"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
  action="created"
fi
rm -f "$stamp"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  -r "$requirements"
echo "$want" >"$stamp"
echo "setup-bench-venv: $action .venv-bench and installed benchmarks/requirements.txt"
