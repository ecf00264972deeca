#!/usr/bin/env python3
"""End-to-end test of tfc on seed models: compile, link, run, compare.

    run_model.py --tfc-compile PATH --model-dir DIR [--model-dir DIR ...]
                 --work WORK [--cc cc] [--cxx c++] [--extra-flags "..."]
                 [--target aarch64|armv7 [--target-cpu CPU]] [--emulator "..."]
    run_model.py --tfc-compile PATH --model NAME [--batch N] [--seed S] ...

For each model directory written by models/generate.py (or generated here
with --model, which needs TensorFlow in the running Python):

1. tfc-compile DIR/model.pb + DIR/config.pbtxt into W/model.h and
   W/libmodel.a with C prefix `model` and C++ class tfc_test::<CamelName>;
2. build driver.c (cc -std=c11 -Wall -Werror) and driver.cpp
   (c++ -std=c++17 -Wall -Werror), each linked with W/libmodel.a, -lm and
   -lpthread only, which proves the library is self-contained;
3. run both drivers on DIR/inputs and compare their results with
   DIR/expected under tolerances.py.

--target NAME (cross_targets.py: aarch64, armv7) does the same for an ARM
Linux board: tfc-compile gets NAME's --target_triple (and --target_cpu from
--target-cpu), the drivers are built with Debian's cross gcc and g++ for it,
and run under qemu-user (`--emulator "CMD"` runs them through any other
command instead). The expected outputs and tolerances are the host's.

W is WORK itself for one model, WORK/<model dir name> for several. Prints
each failing command with its output, one summary line per model (compile time
and library size are reported, not asserted), and exits 1 if anything failed.
Needs only NumPy unless --model is used.

As a module: `check_model(model_dir, work, opts, log)` runs the same steps
for one model and returns a `ModelResult` (the failed step and its first
error line, the comparisons), printing through `log`;
test/conformance/run_conformance.py uses it.
"""

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))
import compare  # noqa: E402
import cross_targets  # noqa: E402

PREFIX = "model"
NAMESPACE = "tfc_test"


def _print(text):
    print(text, flush=True)


class StepFailed(Exception):
    """A step failed; its report has been printed.

    `what` names the step, `failure` says how it failed ("exit code 1",
    "killed by signal 11", "timed out after 600 s"), `output` is the
    command's output and `crashed` is true when it died of a signal.
    """

    def __init__(self, what, failure="", output="", crashed=False):
        super().__init__(what)
        self.what = what
        self.failure = failure
        self.output = output
        self.crashed = crashed

    def first_error(self):
        """The line of the output that best says what went wrong.

        The first line naming an error, preferring a linker's undefined
        reference to the driver's closing "collect2: error: ld returned 1";
        else the first line of output; else how the command failed.
        """
        lines = [line.strip() for line in self.output.splitlines() if line.strip()]
        for line in lines:
            if "undefined reference" in line or (
                    "error" in line.lower() and not line.startswith("collect2")):
                return line
        return lines[0] if lines else self.failure


@dataclass
class ModelResult:
    """The outcome of check_model for one model directory."""
    ok: bool
    summary: str
    failed_step: Optional[StepFailed] = None  # the step that stopped it
    comparisons: list = field(default_factory=list)  # of every driver run
    compile_seconds: float = 0.0
    library_bytes: int = 0


def camel_case(name):
    """logistic_regression -> LogisticRegression."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def run_step(what, cmd, timeout, verbose, log=_print):
    """Run a command; print it with its output and raise when it fails."""
    cmd = [str(c) for c in cmd]
    if verbose:
        log(f"  $ {shlex.join(cmd)}")
    start = time.monotonic()
    crashed = False
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True,
                              errors="replace", timeout=timeout)
        failure = f"exit code {proc.returncode}" if proc.returncode else None
        if proc.returncode < 0:
            failure, crashed = f"killed by signal {-proc.returncode}", True
        output = proc.stdout
    except subprocess.TimeoutExpired as error:
        failure = f"timed out after {timeout} s"
        output = error.stdout or ""
        if isinstance(output, bytes):
            output = output.decode(errors="replace")
    except OSError as error:
        failure, output = str(error), ""
    elapsed = time.monotonic() - start
    if failure:
        lines = [f"  FAILED {what} ({failure}):", f"    {shlex.join(cmd)}"]
        lines += [f"    | {line}" for line in output.rstrip().splitlines()[-60:]]
        log("\n".join(lines))
        raise StepFailed(what, failure, output, crashed)
    return elapsed


def build_driver(language, compiler, work, class_name, cflags, timeout, verbose,
                 log=_print):
    """Compile and link driver.c or driver.cpp against W/libmodel.a."""
    if language == "c":
        source, std = HERE / "driver.c", "-std=c11"
        defines = [f"-DTFC_MODEL_PREFIX={PREFIX}",
                   f"-DTFC_MODEL_PREFIX_UPPER={PREFIX.upper()}"]
    else:
        source, std = HERE / "driver.cpp", "-std=c++17"
        defines = [f"-DTFC_MODEL_CLASS={NAMESPACE}::{class_name}"]
    exe = work / f"driver_{language}"
    cmd = ([*shlex.split(compiler), std, "-Wall", "-Werror", *cflags,
            f"-I{work}", f'-DTFC_MODEL_HEADER="{PREFIX}.h"', *defines,
            source, "-o", exe, work / f"lib{PREFIX}.a", "-lm", "-lpthread"])
    run_step(f"building {source.name}", cmd, timeout, verbose, log)
    return exe


def run_driver(language, exe, model_dir, manifest, work, timeout, verbose,
               log=_print, emulator=()):
    """Run one driver (through `emulator`, a command prefix, when given);
    return compare.Comparison objects for its results and the seconds the
    run took."""
    out_dir = work / f"out_{language}"
    out_dir.mkdir(exist_ok=True)
    outputs = [out_dir / Path(r["file"]).name for r in manifest["results"]]
    for stale in outputs:
        stale.unlink(missing_ok=True)
    inputs = [model_dir / a["file"] for a in manifest["args"]]
    seconds = run_step(f"running driver_{language}",
                       [*emulator, exe, *inputs, "--", *outputs], timeout,
                       verbose, log)
    return compare.compare_outputs(model_dir, outputs, manifest), seconds


def test_model(model_dir, work, opts):
    """Run the whole pipeline for one model; return (ok, summary line)."""
    result = check_model(model_dir, work, opts)
    return result.ok, result.summary


# A frame of LLVM's crash stack dump: "#5 0x000055ed... symbol (module+0x...)".
_FRAME = re.compile(r"#\d+ 0x[0-9a-f]+ (.+?)(?: \(/| [^ ]+:\d+:\d+$|$)")
_HANDLER_FRAMES = ("llvm::sys::", "__libc", "_start", "main")


def crash_site(output):
    """The most telling line of a crash: a failed assertion, or the first
    stack frame outside LLVM's signal handlers."""
    lines = output.splitlines()
    for line in lines:
        if "Assertion" in line or "UNREACHABLE" in line or "LLVM ERROR" in line:
            return line.strip()
    frames = []
    for line in lines:
        match = _FRAME.search(line)
        if not match or match.group(1).startswith("(/"):
            continue  # no symbol, only the module
        # "(anonymous namespace)::f(int, ...)" -> "f"
        name = match.group(1).replace("(anonymous namespace)::", "")
        name = name.split("(")[0]
        if not name.startswith(_HANDLER_FRAMES):
            frames.append(name)
    return "in " + " <- ".join(frames[:2]) if frames else ""


def classify(result, mismatch="FAIL"):
    """(status, detail) of a ModelResult: "PASS", "CRASH" (tfc-compile died
    or timed out), "COMPILE-ERROR", "LINK-ERROR" (a driver did not build),
    or `mismatch` (the results differ from TensorFlow's, or a driver failed).
    """
    if result.ok:
        return "PASS", ""
    step = result.failed_step
    if step is not None and step.what == "tfc-compile":
        if step.crashed or step.failure.startswith("timed out"):
            return "CRASH", f"{step.failure} {crash_site(step.output)}".strip()
        return "COMPILE-ERROR", step.first_error()
    if step is not None and step.what.startswith("building"):
        return "LINK-ERROR", f"{step.what}: {step.first_error()}"
    if step is not None:
        return mismatch, f"{step.what} failed: {step.first_error()}"
    bad = [c for c in result.comparisons if not c.ok]
    return mismatch, "; ".join(c.line() for c in bad[:2])


def check_model(model_dir, work, opts, log=_print):
    """Compile, link and run one model; return its ModelResult.

    `opts` carries the command-line options (tfc_compile, extra_flags, cc,
    cxx, cflags, timeout, verbose) and may name the drivers to build in
    `languages` (default both, "c" and "cpp"), the command prefix that runs
    them in `emulator` (default none) and what they run on in
    `target_label` (shown after the batch). Everything is printed through
    `log`, so callers running models in parallel can keep each one's lines
    together.
    """
    manifest = compare.load_manifest(model_dir)
    name = manifest["model"]
    class_name = manifest.get("class_name") or camel_case(name)
    target = getattr(opts, "target_label", "")
    label = (f"{name} (batch {manifest.get('batch', '?')}"
             f"{', ' + target if target else ''})")
    emulator = getattr(opts, "emulator", ())
    log(f"{label}: {model_dir}")
    if emulator:
        log(f"  emulator: {shlex.join(emulator)}")
    work.mkdir(parents=True, exist_ok=True)
    header, library = work / f"{PREFIX}.h", work / f"lib{PREFIX}.a"
    for stale in (header, library, work / "driver_c", work / "driver_cpp"):
        stale.unlink(missing_ok=True)

    result = ModelResult(False, "")
    verdicts = []
    try:
        result.compile_seconds = run_step("tfc-compile", [
            opts.tfc_compile, "--graph", model_dir / "model.pb",
            "--config", model_dir / "config.pbtxt",
            f"--cpp_class={NAMESPACE}::{class_name}",
            "--out_header", header, "--out_library", library,
            "--model_name", PREFIX, *opts.extra_flags], opts.timeout,
            opts.verbose, log)
        result.library_bytes = library.stat().st_size
        stats = (f"tfc-compile {result.compile_seconds:.2f} s, "
                 f"lib{PREFIX}.a {result.library_bytes / 1024:.1f} KiB")
        for language in getattr(opts, "languages", ("c", "cpp")):
            compiler = opts.cc if language == "c" else opts.cxx
            try:
                exe = build_driver(language, compiler, work, class_name,
                                   opts.cflags, opts.timeout, opts.verbose, log)
                comparisons, seconds = run_driver(
                    language, exe, model_dir, manifest, work, opts.timeout,
                    opts.verbose, log, emulator)
            except StepFailed as failed:
                result.failed_step = result.failed_step or failed
                comparisons = None
            ok = comparisons is not None and all(c.ok for c in comparisons)
            shown = "C" if language == "c" else "C++"
            if comparisons is not None:
                log(f"  {shown}: ran in {seconds:.2f} s")
            for c in comparisons or ():
                log(f"  {shown}: {c.line()}")
            result.comparisons += comparisons or []
            verdicts.append(f"{shown} {'PASS' if ok else 'FAIL'}")
    except StepFailed as failed:
        result.failed_step = failed
        stats, verdicts = f"{failed} failed", ["FAIL"]
    result.ok = all(v.endswith("PASS") for v in verdicts)
    result.summary = (f"{'PASS' if result.ok else 'FAIL'} {label}: {stats}; "
                      f"{', '.join(verdicts)}")
    return result


def generate(name, batch, seed, out, opts):
    """Write model `name` into `out` with models/generate.py (cached)."""
    run_step(f"generating {name}", [
        opts.python, REPO / "models" / "generate.py", name, "--out", out,
        "--batch", batch, "--seed", seed], opts.timeout, opts.verbose)
    return out


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Compile seed models with tfc-compile, run them through "
        "driver.c and driver.cpp, and compare with TensorFlow's outputs.")
    parser.add_argument("--tfc-compile", required=True, type=Path,
                        help="the tfc-compile executable")
    parser.add_argument("--model-dir", action="append", type=Path, default=[],
                        help="a directory written by models/generate.py "
                        "(repeatable)")
    parser.add_argument("--model", action="append", default=[],
                        help="generate this model into WORK first (repeatable; "
                        "needs TensorFlow)")
    parser.add_argument("--batch", type=int, default=1, help="for --model")
    parser.add_argument("--seed", type=int, default=0, help="for --model")
    parser.add_argument("--python", default=sys.executable,
                        help="Python with TensorFlow, for --model")
    parser.add_argument("--work", required=True, type=Path,
                        help="scratch directory for the compiled artifacts")
    parser.add_argument("--cc", help="C compiler for driver.c (default: "
                        "the --target's cross gcc, else $CC, else cc)")
    parser.add_argument("--cxx", help="C++ compiler for driver.cpp (default: "
                        "the --target's cross g++, else $CXX, else c++)")
    parser.add_argument("--target", choices=sorted(cross_targets.TARGETS),
                        help="cross-compile for this ARM Linux target and run "
                        "the drivers under qemu-user (cross_targets.py)")
    parser.add_argument("--target-cpu", metavar="CPU",
                        help="tfc-compile --target_cpu, and qemu's -cpu where "
                        "qemu models it (with --target)")
    parser.add_argument("--emulator", metavar="CMD",
                        help="run the drivers through this command prefix, "
                        "shell-quoted (default with --target: qemu-user)")
    parser.add_argument("--extra-flags", action="append", default=[],
                        help="more tfc-compile flags, shell-quoted (repeatable)")
    parser.add_argument("--cflags", action="append", default=[],
                        help="more flags for building the drivers (repeatable)")
    parser.add_argument("--timeout", type=float, default=600,
                        help="seconds allowed per step (default 600)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every command before running it")
    args = parser.parse_args(argv)
    if not args.model_dir and not args.model:
        parser.error("give --model-dir DIR or --model NAME")
    if args.target_cpu and not args.target:
        parser.error("--target-cpu needs --target")
    args.extra_flags = [f for flags in args.extra_flags for f in shlex.split(flags)]
    args.cflags = [f for flags in args.cflags for f in shlex.split(flags)]
    args.tfc_compile = args.tfc_compile.resolve()
    target = cross_targets.TARGETS.get(args.target)
    args.cc = args.cc or (target.cc if target else os.environ.get("CC", "cc"))
    args.cxx = args.cxx or (target.cxx if target else
                            os.environ.get("CXX", "c++"))
    args.emulator = shlex.split(args.emulator or "")
    args.target_label = ""
    if target:
        needed = [shlex.split(args.cc)[0], shlex.split(args.cxx)[0]]
        needed += [] if args.emulator else [target.qemu]
        missing = [tool for tool in needed if shutil.which(tool) is None]
        if missing:
            parser.error(f"--target {target.name} needs {', '.join(missing)} "
                         f"on PATH (scripts/install-deps.sh installs them)")
        cpu = [f"--target_cpu={args.target_cpu}"] if args.target_cpu else []
        args.extra_flags = [f"--target_triple={target.triple}", *cpu,
                            *args.extra_flags]
        args.target_label = " ".join([target.name, args.target_cpu or ""]).strip()
        if not args.emulator:
            try:
                args.emulator = cross_targets.emulator(target, args.target_cpu,
                                                       args.cc)
            except ValueError as error:
                parser.error(str(error))
    return args


def main(argv=None):
    opts = parse_args(argv)
    work_root = opts.work.resolve()
    # (label, model directory or None, model to generate or None)
    jobs = [(d.resolve().name, d.resolve(), None) for d in opts.model_dir]
    jobs += [(f"{name}-b{opts.batch}-s{opts.seed}", None, name)
             for name in opts.model]
    summaries, all_ok = [], True
    for label, model_dir, name in jobs:
        work = work_root if len(jobs) == 1 else work_root / label
        try:
            if model_dir is None:
                model_dir = generate(name, opts.batch, opts.seed, work / "data", opts)
            ok, summary = test_model(model_dir, work, opts)
        except StepFailed as failed:
            ok, summary = False, f"FAIL {label}: {failed} failed"
        except (OSError, ValueError, KeyError) as error:
            ok, summary = False, f"FAIL {label}: {error}"
        all_ok &= ok
        summaries.append(summary)
    print("\n".join(summaries))
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
