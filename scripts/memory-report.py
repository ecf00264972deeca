#!/usr/bin/env python3
"""Memory plan of every seed model: arena vs lower bound vs naive sum.

    .venv/bin/python scripts/memory-report.py [--tfc-compile PATH]
        [--work DIR] [--batch N] [--check RATIO] [MODEL ...]

Generates each seed model (cached, with models/generate.py), compiles it with
`tfc-compile --stats`, and prints a Markdown table: ops before and after
optimization, weight bytes, arena bytes, the lower bound (the most bytes live
at any point of the program: no plan can use less), the naive sum of all
intermediates, and code bytes. With --check RATIO it exits 1 if any model's
arena exceeds both RATIO times its lower bound and the lower bound rounded up
to the 64-byte buffer alignment. These are sizes, not timings, so
they are the same on every run.
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ["linear", "logistic_regression", "mlp", "mnist_cnn", "cifar10",
          "donkey_pilot", "mobilenet_v1_050", "mobilenet_v1_100",
          "mobilenet_v2", "inception_v3", "inception_v3_poets"]
FIELDS = ["ops before", "ops after", "weights", "arena", "lower bound",
          "naive", "code"]


def stats_of(tfc_compile, data_dir, work_dir):
    """Runs tfc-compile --stats and returns its numbers by field name."""
    work_dir.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(
        [str(tfc_compile), "--graph", str(data_dir / "model.pb"),
         "--config", str(data_dir / "config.pbtxt"), "--stats",
         "-o", str(work_dir / "libmodel.a")],
        check=True, capture_output=True, text=True).stdout
    values = {}
    for field in FIELDS:
        match = re.search(rf"^\s*{field}: (\d+)", out, re.MULTILINE)
        if not match:
            raise RuntimeError(f"no '{field}' in tfc-compile --stats:\n{out}")
        values[field] = int(match.group(1))
    return values


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", default=MODELS)
    parser.add_argument("--tfc-compile", default=ROOT / "build/bin/tfc-compile")
    parser.add_argument("--work", type=Path, default=ROOT / "build/memory")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--check", type=float, default=None)
    args = parser.parse_args()

    print("| model | ops before | ops after | weights (B) | arena (B) "
          "| lower bound (B) | arena / bound | naive (B) | naive / arena "
          "| code (B) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    failed = []
    for model in args.models:
        data = args.work / model / "data"
        subprocess.run([sys.executable, str(ROOT / "models/generate.py"), model,
                        "--out", str(data), "--batch", str(args.batch)],
                       check=True, stdout=subprocess.DEVNULL)
        s = stats_of(args.tfc_compile, data, args.work / model)
        bound = s["lower bound"]
        ratio = s["arena"] / bound if bound else 1.0
        saving = s["naive"] / s["arena"] if s["arena"] else 1.0
        print(f"| {model} | {s['ops before']} | {s['ops after']} "
              f"| {s['weights']} | {s['arena']} | {bound} | {ratio:.3f} "
              f"| {s['naive']} | {saving:.1f}x | {s['code']} |", flush=True)
        # A buffer starts at a 64-byte boundary, so a model whose lower bound
        # is below that (a few scalars) cannot do better than one boundary.
        aligned_bound = -(-bound // 64) * 64
        if (args.check is not None and ratio > args.check
                and s["arena"] > aligned_bound):
            failed.append(f"{model}: arena {s['arena']} > {args.check} x "
                          f"lower bound {bound}")
    for line in failed:
        print("FAIL " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
