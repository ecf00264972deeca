#!/usr/bin/env python3
"""Run tfc's op conformance cases: compile, link, run, compare with TensorFlow.

    run_conformance.py --tfc-compile PATH --work DIR [--only REGEX]
                       [--extra-flags "..."] [--cases DIR] [-j N] [--cpp]
                       [--allow-compile-errors] [--docs OPS.md]

Generates the cases of gen_cases.py into --cases (default WORK/cases;
cached, so only new or changed cases need TensorFlow), then runs each one
through test/e2e/run_model.py's check_model, imported as a module: tfc-compile
the case, link the library into the C driver (and the C++ one with --cpp),
run it, compare with TensorFlow's outputs under test/e2e/tolerances.py. Cases
run in parallel (-j, default: the number of CPUs), each in WORK/run/<case>.

Prints the full log of every case that did not pass or fail to compile
cleanly (all logs with -v), then a table: case, op, status, max abs and max
rel error, and what went wrong; then a count per op. Statuses:

  PASS           every output within tolerance
  FAIL           an output out of tolerance, or the driver did not run
  COMPILE-ERROR  tfc-compile rejected the graph (first line of its error);
                 expected for ops tfc does not implement yet
  CRASH          tfc-compile died of a signal or timed out: a bug whatever
                 the op, since an unsupported op must be a clean error
  LINK-ERROR     the library did not build or link with the driver

With --docs, also checks coverage: every op in the first column of that
op table (docs/OPS.md) must be a node of some passing case's graph, except
the graph-function nodes `_Arg` and `_Retval` (a Session cannot run a
GraphDef made of them; test/Import covers them) and the resource variable
ops, which need tfcompile's config variables that the cases' generic config
cannot express (test/tfcompile runs them and checks TensorFlow's results).

Writes WORK/results.json (one record per case). Exits 1 if any case is not
PASS, or an op of --docs has no passing case; with --allow-compile-errors,
COMPILE-ERROR does not count.
"""

import argparse
import concurrent.futures
import json
import os
import shlex
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "e2e"))
sys.path.insert(0, str(HERE.parent / "ops"))
import gen_cases  # noqa: E402  (imports TensorFlow only to generate)
import op_lists  # noqa: E402
import run_model  # noqa: E402

# Documented ops that no conformance case can hold (see the docstring).
NOT_IN_CASES = {"_Arg", "_Retval", "VarHandleOp", "ReadVariableOp",
                "AssignVariableOp", "AssignAddVariableOp",
                "AssignSubVariableOp"}

STATUSES = ("PASS", "FAIL", "COMPILE-ERROR", "CRASH", "LINK-ERROR")


def max_errors(result):
    """The largest max abs and max rel error over the compared outputs."""
    values = [(c.max_abs, c.max_rel) for c in result.comparisons
              if c.tolerance is not None]
    if not values:
        return None, None
    return max(v[0] for v in values), max(v[1] for v in values)


def run_case(case, cases_dir, work, opts):
    """Run one case; returns a record for the table and results.json."""
    lines = []
    start = time.monotonic()
    try:
        result = run_model.check_model(cases_dir / case.name, work / case.name,
                                       opts, log=lines.append)
        status, detail = run_model.classify(result)
        # Errors name the model file; its directory is the case's, shown.
        detail = detail.replace(f"{cases_dir / case.name}{os.sep}", "")
        abs_err, rel_err = max_errors(result)
    except (OSError, ValueError, KeyError) as error:
        status, detail, abs_err, rel_err = "FAIL", str(error), None, None
        lines.append(f"  {error}")
    return {"case": case.name, "op": case.op, "status": status,
            "detail": detail, "max_abs_err": abs_err, "max_rel_err": rel_err,
            "seconds": round(time.monotonic() - start, 2), "log": lines}


def _error_text(value):
    return "-" if value is None else f"{value:.3g}"


def print_table(records, width=None):
    """The results table; lines are cut to `width` when given (a terminal)."""
    name_width = max(len(r["case"]) for r in records)
    op_width = max(len(r["op"]) for r in records)
    header = (f"{'case':{name_width}}  {'op':{op_width}}  {'status':13}  "
              f"{'max abs':>9}  {'max rel':>9}  detail")
    print(header)
    print("-" * min(len(header) + 20, width or 160))
    for r in records:
        line = (f"{r['case']:{name_width}}  {r['op']:{op_width}}  "
                f"{r['status']:13}  {_error_text(r['max_abs_err']):>9}  "
                f"{_error_text(r['max_rel_err']):>9}  {r['detail']}")
        print(line if not width or len(line) <= width
              else line[:width - 3] + "...")


def print_per_op(records):
    """One line per op under test: how many of its cases have each status."""
    by_op = {}
    for r in records:
        by_op.setdefault(r["op"], []).append(r["status"])
    print("\nper op (PASS/cases):")
    for op in sorted(by_op):
        statuses = by_op[op]
        others = ", ".join(f"{s} {statuses.count(s)}" for s in STATUSES[1:]
                           if statuses.count(s))
        print(f"  {op:24s} {statuses.count('PASS'):3d}/{len(statuses):<3d}"
              f" {others}")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Run tfc's op conformance cases against TensorFlow.")
    parser.add_argument("--tfc-compile", required=True, type=Path,
                        help="the tfc-compile executable")
    parser.add_argument("--work", required=True, type=Path,
                        help="scratch directory (cases, builds, results)")
    parser.add_argument("--cases", type=Path,
                        help="where the generated cases live (default "
                        "WORK/cases)")
    parser.add_argument("--only", metavar="REGEX",
                        help="only the cases whose name matches (re.search)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of the generated cases (default 0)")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                        help="cases run in parallel (default: CPUs)")
    parser.add_argument("--cpp", action="store_true",
                        help="also build and run the C++ driver")
    parser.add_argument("--allow-compile-errors", action="store_true",
                        help="exit 0 even if some cases fail to compile "
                        "cleanly (COMPILE-ERROR)")
    parser.add_argument("--cc", default=os.environ.get("CC", "cc"))
    parser.add_argument("--cxx", default=os.environ.get("CXX", "c++"))
    parser.add_argument("--extra-flags", action="append", default=[],
                        help="more tfc-compile flags, shell-quoted (repeatable)")
    parser.add_argument("--cflags", action="append", default=[],
                        help="more flags for building the drivers (repeatable)")
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds allowed per step (default 120)")
    parser.add_argument("--docs", type=Path,
                        help="op table (docs/OPS.md) whose every op must be "
                        "in a passing case")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every command and every case's log")
    args = parser.parse_args(argv)
    args.extra_flags = [f for flags in args.extra_flags for f in shlex.split(flags)]
    args.cflags = [f for flags in args.cflags for f in shlex.split(flags)]
    args.tfc_compile = args.tfc_compile.resolve()
    args.languages = ("c", "cpp") if args.cpp else ("c",)
    if args.jobs < 1:
        parser.error("--jobs must be >= 1")
    if not os.access(args.tfc_compile, os.X_OK):
        parser.error(f"{args.tfc_compile} is not an executable; build it "
                     f"first (ninja -C build)")
    return args


def main(argv=None):
    opts = parse_args(argv)
    work = opts.work.resolve()
    cases_dir = (opts.cases or work / "cases").resolve()
    cases = gen_cases.select(opts.only)
    if not cases:
        print(f"run_conformance: no case matches {opts.only!r}")
        return 1

    start = time.monotonic()
    written, kept = gen_cases.generate(cases_dir, cases, opts.seed,
                                       log=lambda text: None)
    print(f"run_conformance: {len(cases)} cases in {cases_dir} ({written} "
          f"generated, {kept} up to date, {time.monotonic() - start:.1f} s)",
          flush=True)

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
        records = list(pool.map(
            lambda c: run_case(c, cases_dir, work / "run", opts), cases))
    elapsed = time.monotonic() - start

    for r in records:
        if opts.verbose or r["status"] in ("FAIL", "CRASH", "LINK-ERROR"):
            print("\n".join(r["log"]))
    if any(opts.verbose or r["status"] in ("FAIL", "CRASH", "LINK-ERROR")
           for r in records):
        print()
    print_table(records, max(100, os.get_terminal_size(1).columns)
                if sys.stdout.isatty() else None)
    print_per_op(records)

    counts = {s: sum(r["status"] == s for r in records) for s in STATUSES}
    print(f"\n{len(records)} cases in {elapsed:.1f} s: " +
          ", ".join(f"{counts[s]} {s}" for s in STATUSES))
    (work / "results.json").write_text(json.dumps(
        [{k: v for k, v in r.items() if k != "log"} for r in records],
        indent=1) + "\n")

    failing = {"FAIL", "CRASH", "LINK-ERROR"}
    if not opts.allow_compile_errors:
        failing.add("COMPILE-ERROR")
    uncovered = uncovered_ops(opts.docs, records, cases_dir) if opts.docs \
        else []
    if uncovered:
        print(f"run_conformance: {len(uncovered)} documented ops in no "
              f"passing case: {', '.join(uncovered)}")
    elif opts.docs:
        print(f"run_conformance: every op of {opts.docs.name} is in a "
              f"passing case")
    return 1 if uncovered or any(r["status"] in failing
                                 for r in records) else 0


def uncovered_ops(docs, records, cases_dir):
    """The ops of the `docs` table that no passing case's graph holds."""
    covered = set()
    for r in records:
        if r["status"] == "PASS":
            manifest = json.loads(
                (cases_dir / r["case"] / "manifest.json").read_text())
            covered.update(manifest["graph_ops"])
    return sorted(op_lists.documented(docs) - covered - NOT_IN_CASES)


if __name__ == "__main__":
    sys.exit(main())
