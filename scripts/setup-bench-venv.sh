#!/usr/bin/env bash
# Create or update <repo>/.venv-bench with the peer engines that
# scripts/bench.py measures tfc against: TensorFlow, ONNX Runtime with tf2onnx,
# LiteRT (benchmarks/requirements.txt). Separate from .venv so that the
# seed-model pins never have to move for a peer. Idempotent, as
# scripts/setup-venv.sh (which does the work); PYTHON picks the interpreter.
set -euo pipefail

VENV=.venv-bench REQUIREMENTS=benchmarks/requirements.txt \
  exec "$(dirname "${BASH_SOURCE[0]}")/setup-venv.sh"
