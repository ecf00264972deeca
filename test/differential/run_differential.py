#!/usr/bin/env python3
"""Differential test of tfc: random graphs, compiled and run, against TensorFlow.

    run_differential.py --tfc-compile PATH --work DIR [--start S] [--count N]
                        [-j 2] [--regressions DIR] [--shrink-limit K]
                        [--cc cc] [--timeout SECONDS] [-v]

For each seed in [S, S+N): gen_graph.py makes a random frozen GraphDef of the
ops tfc supports with its inputs; TensorFlow runs it (the oracle, one thread,
models/tfc_models/common.py's write_model); tfc compiles it twice, with its
graph optimizations (the default, except that every 1x1 convolution whose
result only a depthwise convolution reads is fused with it, however small:
--pointwise_depthwise_min_bytes=0) and with --optimize=false; each library is
linked with the C driver and run on the same inputs, and its results are
compared with TensorFlow's under test/e2e/tolerances.py (test/e2e/
run_model.py's check_model does compile, link, run and compare).

A graph fails when a mode's results differ from TensorFlow's (a MISMATCH;
also when the driver fails to run) or when tfc-compile rejects or crashes on
a graph the generator believes valid (a COMPILE-ERROR, CRASH or LINK-ERROR:
counted as compile errors). The first --shrink-limit failures (default 5) are
shrunk to a minimal graph with the same verdict in both modes (shrink.py) and
written to --regressions (default test/differential/regressions) unless a
regression with the same signature (verdict and op types) is there already.

Prints one line per failing graph, then

    differential: N graphs, M mismatches, K compile errors
    N passed, M failed

Exits 1 if any graph failed. Graphs run in -j worker processes (default 2),
each importing TensorFlow once; a worker keeps only the last graph's files,
and the model directory of every failing graph is kept in WORK/failures/.
"""

import argparse
import multiprocessing
import os
import re
import shlex
import shutil
import sys
import time
import traceback
import types
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "test" / "e2e"))
sys.path.insert(0, str(REPO / "models"))
sys.path.insert(0, str(REPO / "test" / "conformance"))

import run_model  # noqa: E402  (numpy only)

# The optimized mode fuses every 1x1-then-depthwise pair, not only those
# over 1 MiB, so that small graphs run the fused kernel too.
MODES = (("opt", ["--pointwise_depthwise_min_bytes=0"]),
         ("noopt", ["--optimize=false"]))
MODE_TEXT = {"opt": "optimized", "noopt": "--optimize=false"}
COMPILE_KINDS = ("COMPILE-ERROR", "CRASH", "LINK-ERROR")

_state = {}   # per worker process: options, TensorFlow modules


def normalize(message):
    """A compile error without node names and numbers, to compare two."""
    message = re.sub(r"\S*model\.pb:\s*", "", message)  # the model's path
    message = re.sub(r"'[^']*'", "'_'", message)
    message = re.sub(r"\d+", "N", message)
    return message.split(": ", 1)[-1]


def failing_outputs(result):
    return [c.name for c in result.comparisons if not c.ok]


class Checker:
    """Writes a case with TensorFlow's outputs and checks tfc on it."""

    def __init__(self, opts, work):
        self.opts = opts
        self.work = work

    def check(self, case, name, seed):
        """{mode: (kind, detail, ModelResult)}; None if TensorFlow fails."""
        from tfc_models import common
        model_dir = self.work / "model"
        if model_dir.exists():
            shutil.rmtree(model_dir)
        try:
            common.write_model(
                name, case.model(), model_dir, batch=case.batch, seed=seed,
                inputs_rng=None, extra={"class_name": "Graph"},
                header=f"test/differential/gen_graph.py {seed}",
                grappler=False)
        except Exception:  # noqa: BLE001 - TensorFlow errors of every kind
            return None
        verdicts = {}
        for mode, flags in MODES:
            opts = types.SimpleNamespace(**vars(self.opts))
            opts.extra_flags = list(self.opts.extra_flags) + flags
            for _ in range(COMPILER_WAITS):
                result = run_model.check_model(model_dir, self.work / mode, opts,
                                               log=lambda text: None)
                if not compiler_missing(result):
                    break
                time.sleep(COMPILER_WAIT_SECONDS)
            kind, detail = run_model.classify(result, mismatch="MISMATCH")
            verdicts[mode] = (kind, detail, result)
        return verdicts


# tfc-compile may be replaced by a rebuild while graphs run: a compiler that
# cannot be started is waited for (up to 5 minutes), not reported as a bug.
COMPILER_WAITS = 30
COMPILER_WAIT_SECONDS = 10


def compiler_missing(result):
    """Whether tfc-compile could not be started at all (OSError)."""
    step = result.failed_step
    return (step is not None and step.what == "tfc-compile" and not step.output
            and ("No such file" in step.failure or "Permission denied" in
                 step.failure or "Text file busy" in step.failure))


def verdict_key(verdicts):
    """What a shrunk case must keep: each mode's kind (and compile error)."""
    if verdicts is None:
        return None
    return tuple((mode, kind, normalize(detail) if kind in COMPILE_KINDS else "")
                 for mode, (kind, detail, _) in sorted(verdicts.items()))


def describe(verdicts):
    """'MISMATCH optimized' / 'COMPILE-ERROR both' ..."""
    bad = {m: k for m, (k, _, _) in verdicts.items() if k != "PASS"}
    kinds = sorted(set(bad.values()))
    modes = "both" if len(bad) == len(MODES) else MODE_TEXT[next(iter(bad))]
    tag = "both" if modes == "both" else next(iter(bad))
    return "/".join(kinds), modes, tag


def _worker_init(opts):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    _state["opts"] = opts


def run_seed(seed):
    """Check one seed; returns a record (dict) for the parent."""
    opts = _state["opts"]
    try:
        return _run_seed(seed, opts)
    except Exception as error:  # noqa: BLE001 - report, never hang the pool
        return {"seed": seed, "status": "ERROR",
                "line": f"ERROR seed {seed}: tester failure: {error!r}",
                "trace": traceback.format_exc()}


def _run_seed(seed, opts):
    import gen_graph
    import shrink
    work = opts.work / f"worker{os.getpid()}"
    start = time.monotonic()
    graph = gen_graph.generate(seed)
    case = shrink.from_graph(graph)
    checker = Checker(opts, work)
    verdicts = checker.check(case, f"g{seed}", seed)
    if verdicts is None:
        return {"seed": seed, "status": "ERROR", "line": f"ERROR seed {seed}: "
                "TensorFlow cannot run the generated graph (a generator bug)"}
    record = {"seed": seed, "ops": graph.ops, "seconds": 0.0}
    if all(k == "PASS" for k, _, _ in verdicts.values()):
        record["status"] = "PASS"
        record["seconds"] = time.monotonic() - start
        return record

    kinds, modes, tag = describe(verdicts)
    record["status"] = "MISMATCH" if "MISMATCH" in kinds else "COMPILE-ERROR"
    keep = opts.work / "failures" / f"s{seed}"
    if keep.exists():
        shutil.rmtree(keep)
    shutil.copytree(work / "model", keep)
    details = "; ".join(f"{MODE_TEXT[m]}: {k} {d}" for m, (k, d, _) in
                        verdicts.items() if k != "PASS")
    ops = " ".join(sorted({n.op for n in graph.graph_def.node} -
                          {"Placeholder", "Const"}))
    line = (f"FAIL seed {seed} ({graph.ops} ops): {kinds} {modes}: {details} "
            f"[ops: {ops}] (kept in {keep})")
    record["line"] = line
    record["failing"] = sorted({o for _, _, r in verdicts.values()
                                for o in failing_outputs(r)})
    record["seconds"] = time.monotonic() - start
    return record


def shrink_and_save(seed, record, opts, log):
    """Shrink the failing graph of `seed` and write it as a regression."""
    import gen_graph
    import shrink
    work = opts.work / f"shrink{os.getpid()}"
    checker = Checker(opts, work)
    case = shrink.from_graph(gen_graph.generate(seed))
    target = verdict_key(checker.check(case, f"g{seed}", seed))
    if target is None or all(kind == "PASS" for _, kind, _ in target):
        return f"  seed {seed}: not reproducible, not shrunk"
    small, checks = shrink.shrink(
        case, lambda c: verdict_key(checker.check(c, f"g{seed}", seed)), target,
        record.get("failing", ()), opts.shrink_checks, opts.shrink_seconds,
        log=lambda text: log(f"  seed {seed}: {text}") if opts.verbose else None)
    verdicts = checker.check(small, f"g{seed}", seed)
    kinds, modes, tag = describe(verdicts)
    errors = sorted({normalize(d) for k, d, _ in verdicts.values()
                     if k in COMPILE_KINDS})
    sig = shrink.signature(small, f"{kinds} {modes}", " | ".join(errors))
    name = f"{kinds.lower().replace('/', '-')}-{tag}-s{seed}"
    known = shrink.existing_signatures(opts.regressions)
    summary = (f"  seed {seed}: shrunk from {case.ops()} to {small.ops()} ops in "
               f"{checks} checks: {sig}")
    if sig in known:
        return f"{summary}; same as regression {known[sig]}"
    # No scratch paths in committed files: the model is "model.pb".
    details = "\n".join(f"{MODE_TEXT[m]}: {k} {d}" for m, (k, d, _) in
                        verdicts.items() if k != "PASS").replace(
                            f"{work / 'model'}{os.sep}", "")
    header = (f"Differential-test regression {name}: found by "
              f"test/differential/run_differential.py --start {seed} --count 1\n"
              f"(gen_graph.py seed {seed}, {case.ops()} ops), shrunk to "
              f"{small.ops()} ops.\nWhat was wrong ({kinds}, {modes}):\n{details}\n"
              f"Signature: {sig}")
    shrink.write_regression(opts.regressions, name, small, header, sig)
    return f"{summary}; written as {opts.regressions / name}.pbtxt"


def _shrink_task(args):
    seed, record = args
    opts = _state["opts"]
    lines = []
    try:
        lines.append(shrink_and_save(seed, record, opts, lines.append))
    except Exception as error:  # noqa: BLE001
        lines.append(f"  seed {seed}: shrinking failed: {error!r}")
    return "\n".join(lines)


def _pool(jobs, opts):
    # fork: the parent has not imported TensorFlow; each worker does, once.
    return ProcessPoolExecutor(jobs, multiprocessing.get_context("fork"),
                               _worker_init, (opts,))


def check_seeds(seeds, jobs, opts):
    """run_seed's record of every seed, in order. TensorFlow aborts the
    whole process on a few graphs (a failed CHECK while growing one), which
    breaks the pool: the seeds still out are run again, the first jobs + 1
    of them (those the workers held) each in a pool of its own, so that the
    one that kills its worker is found and reported as an ERROR (a
    generator bug) instead of the run hanging."""
    pending = list(seeds)
    while pending:
        done = set()
        with _pool(jobs, opts) as pool:
            futures = [pool.submit(run_seed, seed) for seed in pending]
            try:
                for seed, future in zip(pending, futures):
                    yield future.result()
                    done.add(seed)
            except BrokenProcessPool:
                for seed, future in zip(pending, futures):
                    if (seed not in done and future.done() and
                            not future.cancelled() and
                            future.exception() is None):
                        yield future.result()
                        done.add(seed)
        pending = [seed for seed in pending if seed not in done]
        for seed in pending[:jobs + 1]:
            with _pool(1, opts) as pool:
                try:
                    yield pool.submit(run_seed, seed).result()
                except BrokenProcessPool:
                    yield {"seed": seed, "status": "ERROR",
                           "line": f"ERROR seed {seed}: the worker died "
                           "(TensorFlow aborts the process on the generated "
                           "graph: a generator bug)"}
        pending = pending[jobs + 1:]


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Differential test of tfc on random graphs vs TensorFlow.")
    parser.add_argument("--tfc-compile", required=True, type=Path,
                        help="the tfc-compile executable")
    parser.add_argument("--work", required=True, type=Path,
                        help="scratch directory")
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--count", type=int, default=300,
                        help="number of graphs (default 300)")
    parser.add_argument("-j", "--jobs", type=int, default=2,
                        help="worker processes (default 2)")
    parser.add_argument("--regressions", type=Path,
                        default=HERE / "regressions",
                        help="where shrunk failures are written (default "
                        "test/differential/regressions)")
    parser.add_argument("--shrink-limit", type=int, default=5,
                        help="failures to shrink, the first ones (default 5; "
                        "0: none)")
    parser.add_argument("--shrink-checks", type=int, default=150,
                        help="at most this many checks per shrink")
    parser.add_argument("--shrink-seconds", type=float, default=300,
                        help="at most this long per shrink")
    parser.add_argument("--cc", default=os.environ.get("CC", "cc"))
    parser.add_argument("--extra-flags", action="append", default=[],
                        help="more tfc-compile flags, shell-quoted (repeatable)")
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds allowed per step (default 120)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every graph's verdict and shrink steps")
    args = parser.parse_args(argv)
    if args.count < 0 or args.start < 0:
        parser.error("--start and --count must be >= 0")
    if args.jobs < 1:
        parser.error("--jobs must be >= 1")
    args.tfc_compile = args.tfc_compile.resolve()
    if not os.access(args.tfc_compile, os.X_OK):
        parser.error(f"{args.tfc_compile} is not an executable; build it "
                     f"first (ninja -C build)")
    args.work = args.work.resolve()
    args.regressions = args.regressions.resolve()
    return args


def main(argv=None):
    args = parse_args(argv)
    opts = types.SimpleNamespace(
        tfc_compile=args.tfc_compile, cc=args.cc, cxx="c++", cflags=[],
        extra_flags=[f for flags in args.extra_flags for f in shlex.split(flags)],
        timeout=args.timeout, verbose=args.verbose, languages=("c",),
        work=args.work, regressions=args.regressions,
        shrink_checks=args.shrink_checks, shrink_seconds=args.shrink_seconds)
    args.work.mkdir(parents=True, exist_ok=True)
    seeds = range(args.start, args.start + args.count)
    start = time.monotonic()
    counts = {"PASS": 0, "MISMATCH": 0, "COMPILE-ERROR": 0, "ERROR": 0}
    to_shrink = []
    for record in check_seeds(seeds, args.jobs, opts):
        counts[record["status"]] += 1
        if record["status"] != "PASS":
            print(record["line"], flush=True)
            if "trace" in record and args.verbose:
                print(record["trace"], flush=True)
            if record["status"] != "ERROR" and len(to_shrink) < args.shrink_limit:
                to_shrink.append((record["seed"], record))
        elif args.verbose:
            print(f"PASS seed {record['seed']} ({record['ops']} ops, "
                  f"{record['seconds']:.1f} s)", flush=True)
    elapsed = time.monotonic() - start
    if to_shrink:
        print(f"shrinking {len(to_shrink)} failing graphs into "
              f"{args.regressions}", flush=True)
        with _pool(args.jobs, opts) as pool:
            try:
                for text in pool.map(_shrink_task, to_shrink):
                    print(text, flush=True)
            except BrokenProcessPool:
                print("  shrinking stopped: a worker died", flush=True)
    total = len(seeds)
    failed = total - counts["PASS"]
    if counts["ERROR"]:
        print(f"differential: {counts['ERROR']} graphs could not be checked "
              f"(tester errors, see the ERROR lines)")
    print(f"differential: seeds {args.start}..{args.start + total - 1} in "
          f"{elapsed:.1f} s with {args.jobs} workers")
    print(f"differential: {total} graphs, {counts['MISMATCH']} mismatches, "
          f"{counts['COMPILE-ERROR']} compile errors")
    print(f"{counts['PASS']} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
