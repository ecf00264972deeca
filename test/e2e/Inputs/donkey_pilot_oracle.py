#!/usr/bin/env python3
"""TensorFlow's steering and throttle for examples/donkey_pilot, and the check.

    donkey_pilot_oracle.py prepare --model-dir DIR --out DIR [--seed S]
    donkey_pilot_oracle.py compare --model-dir DIR --expected TF.txt
        --actual OUT.txt [--frames N]

`prepare` draws a seeded 160x120 8-bit RGB frame and writes into --out:

  frame.ppm   the frame as a binary PPM (P6) with a comment in its header
  frame.rgb   the same pixels as raw bytes (57600: rows, R G B per pixel)
  tf.txt      TensorFlow's answer, `steering S` and `throttle T`: the frozen
              GraphDef of --model-dir (models/generate.py donkey_pilot) in a
              Session, fed the pixels / 255 in float32 as donkey_pilot feeds
              the compiled model

`compare` reads donkey_pilot's lines `FRAME: steering S, throttle T`
anywhere in --actual (ctest -V's output too) and checks each against
TensorFlow's under test/e2e/tolerances.py's tolerance for the model's ops. It
prints one comparison line per value and `PASS donkey_pilot: N frames` or
`FAIL donkey_pilot: why`, and exits 1 on a mismatch or when there are not
--frames (default 1) frames.
"""

import argparse
import json
import os
import re
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
E2E = HERE.parent
REPO = E2E.parent.parent
sys.path.insert(0, str(E2E))
import compare  # noqa: E402
import tolerances  # noqa: E402

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

WIDTH, HEIGHT = 160, 120
LINE = re.compile(r"(\S+): steering (\S+), throttle (\S+)\s*$")
NAMES = ("steering", "throttle")


def prepare(args):
    sys.path.insert(0, str(REPO / "models"))
    from tfc_models import common  # imports TensorFlow

    manifest = json.loads((args.model_dir / "manifest.json").read_text())
    frame = np.random.default_rng(args.seed).integers(
        0, 256, (HEIGHT, WIDTH, 3), dtype=np.uint8)
    args.out.mkdir(parents=True, exist_ok=True)
    header = (f"P6\n# donkey_pilot_oracle.py seed {args.seed}\n"
              f"{WIDTH} {HEIGHT}\n255\n")
    (args.out / "frame.ppm").write_bytes(header.encode() + frame.tobytes())
    (args.out / "frame.rgb").write_bytes(frame.tobytes())

    pixels = (frame.astype(np.float32) / np.float32(255))[np.newaxis]
    outputs = common.run_tensorflow(
        (args.model_dir / "model.pb").read_bytes(),
        {manifest["args"][0]["node"]: pixels},
        [result["node"] for result in manifest["results"]])
    values = [float(output.reshape(-1)[0]) for output in outputs]
    (args.out / "tf.txt").write_text(
        "".join(f"{name} {value!r}\n" for name, value in zip(NAMES, values)))
    print(f"oracle: seed {args.seed}, TensorFlow: steering {values[0]:.9g}, "
          f"throttle {values[1]:.9g}")
    return 0


def compare_outputs(args):
    manifest = json.loads((args.model_dir / "manifest.json").read_text())
    tolerance = tolerances.tolerance_for("float32", manifest.get("ops", ()))
    expected = {}
    for line in args.expected.read_text().splitlines():
        name, value = line.split()
        expected[name] = np.float32(float(value))
    frames = [LINE.search(line) for line in
              args.actual.read_text(errors="replace").splitlines()]
    frames = [match for match in frames if match]
    ok = len(frames) >= args.frames
    for match in frames:
        for name, text in zip(NAMES, match.group(2, 3)):
            try:
                actual = np.float32(float(text))
            except ValueError:
                print(f"{match.group(1)}: {name}: not a number: {text!r}")
                ok = False
                continue
            comparison = compare.compare_arrays(
                f"{Path(match.group(1)).name} {name}",
                np.array([expected[name]]), np.array([actual]), tolerance)
            print(comparison.line())
            ok &= comparison.ok
    if ok:
        print(f"PASS donkey_pilot: {len(frames)} frames match TensorFlow")
        return 0
    print(f"FAIL donkey_pilot: {len(frames)} frames (at least {args.frames} "
          f"expected), see above")
    return 1


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare", help="write the frame and TF's answer")
    p.add_argument("--model-dir", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--seed", type=int, default=0)
    c = commands.add_parser("compare", help="check donkey_pilot's output")
    c.add_argument("--model-dir", type=Path, required=True)
    c.add_argument("--expected", type=Path, required=True)
    c.add_argument("--actual", type=Path, required=True)
    c.add_argument("--frames", type=int, default=1)
    args = parser.parse_args(argv)
    if args.command == "prepare":
        return prepare(args)
    return compare_outputs(args)


if __name__ == "__main__":
    sys.exit(main())
