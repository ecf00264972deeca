#!/usr/bin/env python3
"""Fill the test suite's model cache before the end-to-end tests run.

    pregenerate.py --cache DIR [--tests DIR] [--jobs N] [--list]

Reads the RUN lines of every *.test under --tests (default: this
repository's test/; not in Inputs/ folders, which lit skips too) for the
models that models/generate.py, run_model.py and run_mcu.py will be asked
for (`generate.py NAME ... --batch B --seed S`, `--model NAME` with the
line's --batch and --seed), and generates each into the cache (see
models/generate.py --cache) in N processes (default 2). Importing TensorFlow
alone takes seconds; done once per process instead of once per test, the
end-to-end suite runs minutes faster. Tests never depend on it: a model not
made here is made by the first test that asks for it. ctest runs this as the
fixture `e2e-models` of the suites that use the cache.
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "models"))
import generate  # noqa: E402  (does not import TensorFlow)
import tfc_models  # noqa: E402

GENERATORS = ("generate.py", "run_model.py", "run_mcu.py")


def run_lines(path):
    """The RUN commands of a lit test, continuation lines joined."""
    commands, pending = [], ""
    for line in path.read_text().splitlines():
        match = re.match(r"\s*(?://|#|;)\s*RUN:(.*)", line)
        if not match:
            continue
        pending += match.group(1).strip()
        if pending.endswith("\\"):
            pending = pending[:-1] + " "
        else:
            commands.append(pending)
            pending = ""
    return commands


def wanted_models(command):
    """(name, batch, seed) of every model a RUN command will generate."""
    words = command.split()

    def values(flag):
        """The values of `flag` in the command, as `flag V` or `flag=V`."""
        return [words[i + 1] for i, word in enumerate(words[:-1])
                if word == flag] + [word.split("=", 1)[1] for word in words
                                    if word.startswith(flag + "=")]

    if not any(word.endswith(GENERATORS) for word in words):
        return []
    if values("--cache"):
        return []  # a command with a cache of its own
    batch, seed = values("--batch"), values("--seed")
    batch, seed = int(batch[-1]) if batch else 1, int(seed[-1]) if seed else 0
    names = values("--model") + [words[i + 1] for i, word in
                                 enumerate(words[:-1])
                                 if word.endswith("generate.py")]
    return [(name, batch, seed) for name in names
            if name in tfc_models.model_names()]


def scan(tests):
    wanted = set()
    for path in sorted(tests.rglob("*.test")):
        if "Inputs" in path.relative_to(tests).parts:
            continue  # lit runs nothing there
        for command in run_lines(path):
            wanted.update(wanted_models(command))
    return sorted(wanted)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument("--tests", type=Path, default=REPO / "test")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--list", action="store_true",
                        help="print the models found and stop")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    wanted = scan(args.tests)
    if args.list:
        for name, batch, seed in wanted:
            print(f"{name} batch {batch} seed {seed}")
        return 0
    if args.worker is not None:
        for name, batch, seed in wanted[args.worker::args.jobs]:
            generate.cached(name, batch, seed, args.cache)
        return 0
    print(f"pregenerate: {len(wanted)} models into {args.cache} in "
          f"{args.jobs} processes", flush=True)
    workers = [subprocess.Popen([sys.executable, __file__, "--cache",
                                 args.cache, "--tests", args.tests, "--jobs",
                                 str(args.jobs), "--worker", str(worker)])
               for worker in range(args.jobs)]
    failed = [worker.args for worker in workers if worker.wait() != 0]
    for command in failed:
        print(f"pregenerate: failed: {' '.join(map(str, command))}",
              file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
