#!/usr/bin/env python3
"""Re-run the differential-test regressions against their stored TensorFlow outputs.

    run_regressions.py --tfc-compile PATH --work DIR [--dir DIR] [--only REGEX]
                       [--cc cc] [-v]

Every case in --dir (default test/differential/regressions) is three files
written by run_differential.py when it shrank a failing random graph:
<name>.pbtxt (the minimal GraphDef, text, with a header comment saying which
seed found it and what was wrong), <name>.config.pbtxt (feeds and fetches)
and <name>.data.json (input values and TensorFlow's expected outputs, exact
decimals, and the graph's ops for test/e2e/tolerances.py). Each case is
compiled with tfc's optimizations and with --optimize=false, linked with the
C driver, run, and compared with the stored outputs (test/e2e/run_model.py's
check_model). Needs only numpy: TensorFlow ran when the case was written.

Prints one line per case and mode that fails, then

    regressions: N cases, M failed
    N passed, M failed

(counting cases; a case fails when either mode does). Exits 1 if any failed,
or if --dir holds no case (a suite that checks nothing must not pass).
"""

import argparse
import json
import os
import re
import shutil
import sys
import types
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run_differential import run_model  # noqa: E402  (no TensorFlow)

MODES = (("optimized", []), ("--optimize=false", ["--optimize=false"]))


def materialize(graph, case_dir):
    """Lay a case out as run_model's model directory (model.pb is text)."""
    name = graph.name[:-len(".pbtxt")]
    data = json.loads((graph.parent / f"{name}.data.json").read_text())
    if case_dir.exists():
        shutil.rmtree(case_dir)
    (case_dir / "inputs").mkdir(parents=True)
    (case_dir / "expected").mkdir()
    # tfc-compile reads text or binary GraphDefs whatever the file's name.
    shutil.copyfile(graph, case_dir / "model.pb")
    shutil.copyfile(graph.parent / f"{name}.config.pbtxt",
                    case_dir / "config.pbtxt")
    manifest = {"model": name, "class_name": "Regression",
                "batch": data["batch"], "ops": data["ops"], "args": [],
                "results": []}
    for kind, sub, prefix in (("args", "inputs", "arg"),
                              ("results", "expected", "result")):
        for i, spec in enumerate(data[kind]):
            array = np.asarray(spec["values"], dtype=spec["dtype"]).reshape(
                spec["shape"])
            file = f"{sub}/{prefix}{i}.bin"
            array.astype(array.dtype.newbyteorder("<")).tofile(case_dir / file)
            manifest[kind].append({"name": spec["name"], "dtype": spec["dtype"],
                                   "shape": spec["shape"], "file": file})
    (case_dir / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return name


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tfc-compile", required=True, type=Path,
                        help="the tfc-compile executable")
    parser.add_argument("--work", required=True, type=Path,
                        help="scratch directory")
    parser.add_argument("--dir", type=Path, default=HERE / "regressions",
                        help="the regression cases (default "
                        "test/differential/regressions)")
    parser.add_argument("--only", metavar="REGEX",
                        help="only the cases whose name matches (re.search)")
    parser.add_argument("--cc", default=os.environ.get("CC", "cc"))
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds allowed per step (default 120)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every case's comparison")
    args = parser.parse_args(argv)
    args.tfc_compile = args.tfc_compile.resolve()
    if not os.access(args.tfc_compile, os.X_OK):
        parser.error(f"{args.tfc_compile} is not an executable; build it "
                     f"first (ninja -C build)")
    return args


def main(argv=None):
    args = parse_args(argv)
    graphs = sorted(p for p in args.dir.glob("*.pbtxt")
                    if not p.name.endswith(".config.pbtxt"))
    if args.only:
        graphs = [g for g in graphs if re.search(args.only, g.name)]
    if not graphs:
        print(f"run_regressions: no regression cases in {args.dir}"
              + (f" matching {args.only!r}" if args.only else ""))
        return 1
    work = args.work.resolve()
    failed = 0
    for graph in graphs:
        case_dir = work / graph.name[:-len(".pbtxt")] / "case"
        try:
            name = materialize(graph, case_dir)
        except (OSError, ValueError, KeyError) as error:
            print(f"FAIL {graph.name}: cannot read the case: {error}")
            failed += 1
            continue
        case_ok = True
        for mode, flags in MODES:
            opts = types.SimpleNamespace(
                tfc_compile=args.tfc_compile, extra_flags=flags, cc=args.cc,
                cxx="c++", cflags=[], timeout=args.timeout, verbose=False,
                languages=("c",))
            lines = []
            result = run_model.check_model(case_dir, case_dir.parent / mode.strip("-"),
                                           opts, log=lines.append)
            if result.ok:
                if args.verbose:
                    print(f"PASS {name} ({mode})")
                continue
            case_ok = False
            kind, why = run_model.classify(result, mismatch="MISMATCH")
            print(f"FAIL {name} ({mode}): {kind} {why}")
        failed += not case_ok
    print(f"regressions: {len(graphs)} cases, {failed} failed")
    print(f"{len(graphs) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
