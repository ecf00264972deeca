#!/usr/bin/env bash
# Create or update <repo>/.venv with the Python packages that generate seed
# models and TensorFlow reference outputs (models/requirements.txt). The
# compiler itself never needs them. VENV and REQUIREMENTS (paths relative to
# the repository) make another one: scripts/setup-bench-venv.sh.
#
# Idempotent: a stamp file inside .venv holds the SHA-256 of requirements.txt,
# so a run with unchanged requirements does nothing and returns at once.
# PYTHON picks the interpreter that creates the venv (default: python3).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$repo/${VENV:-.venv}"
requirements="$repo/${REQUIREMENTS:-models/requirements.txt}"
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
  echo "setup-venv: ${VENV:-.venv} is up to date with" \
    "${REQUIREMENTS:-models/requirements.txt}"
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
echo "setup-venv: $action ${VENV:-.venv} and installed" \
  "${REQUIREMENTS:-models/requirements.txt}"
