#!/usr/bin/env bash
# Runs N more random graphs through the differential tester (tfc optimized and
# with --optimize=false vs TensorFlow), for runs longer than the fixed batch of
# test/differential/differential.test, which covers seeds 0-299.
#
#   scripts/fuzz-differential.sh N [START_SEED]
#
# START_SEED defaults to 1000 (past the fixed batch). Failing graphs are
# printed; the first SHRINK_LIMIT of them (default 10) are shrunk and written
# to test/differential/regressions/ when no regression there has the same
# signature. Environment: TFC_COMPILE (default build/bin/tfc-compile), WORK
# (default build/differential), JOBS (default 2), SHRINK_LIMIT, REGRESSIONS.
# Exits 1 if any graph failed. See test/differential/README.md.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 || ! "$1" =~ ^[0-9]+$ || ! "${2:-0}" =~ ^[0-9]+$ ]]; then
  echo "usage: scripts/fuzz-differential.sh N [START_SEED]  (N graphs from START_SEED, default 1000)" >&2
  exit 2
fi
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="$repo/.venv/bin/python"
if [[ ! -x "$python" ]]; then
  echo "fuzz-differential.sh: no virtualenv at .venv; run scripts/setup-venv.sh first" >&2
  exit 2
fi
exec "$python" "$repo/test/differential/run_differential.py" \
  --tfc-compile "${TFC_COMPILE:-$repo/build/bin/tfc-compile}" \
  --work "${WORK:-$repo/build/differential}" \
  --regressions "${REGRESSIONS:-$repo/test/differential/regressions}" \
  --start "${2:-1000}" --count "$1" -j "${JOBS:-2}" \
  --shrink-limit "${SHRINK_LIMIT:-10}"
