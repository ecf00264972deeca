#!/usr/bin/env python3
"""tfc beside TensorFlow Lite for Microcontrollers on the Cortex-M boards.

    .venv/bin/python scripts/tflm-compare.py --tfc-json build/mcu/sizes.json
        --tflm TFLM --flatbuffers FB --gemmlowp GEMMLOWP --ruy RUY
        [--board BOARD ...] [--model NAME ...] [--work DIR] [--jobs N] [-v]

For each model and board of the --tfc-json file that test/e2e/run_mcu.py
wrote (its models are read from the "data" directory beside it), this
converts the model's frozen GraphDef to a float32 .tflite with TensorFlow's
converter, builds TFLM from the given checkout of its public sources (and
its header-only dependencies: FlatBuffers, gemmlowp's fixedpoint, ruy's
profiler header) with the board's arm-none-eabi-g++ flags, and runs the
model with TFLM's reference kernels through test/e2e/mcu_driver.c and
scripts/tflm/tflm_model.cc, linked like run_mcu.py links tfc's (the board's
start-up code and linker script, --gc-sections), under the same QEMU, with
the same instruction count. Every TFLM output must match TensorFlow's
expected outputs under test/e2e/tolerances.py, as tfc's did. TFLM's arena is
the smallest that works, to 16 bytes (smallest_arena()).

Prints a markdown table for docs/PERFORMANCE.md: per model and board, the
bytes of code, model and RAM of both and their sums, and the instructions of
one run. What each column counts is in docs/PERFORMANCE.md. --json writes
the records. Nothing of TFLM is copied into the repository; the checkout
stays where it is, and objects go to --work. Not part of the test suite (it
needs the TFLM sources, and arm-none-eabi-g++'s C++ headers: Debian's
libstdc++-arm-none-eabi-newlib); exits 1 with a one-line error when a path
is missing or anything fails.
"""

import argparse
import concurrent.futures
import hashlib
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
HARNESS = REPO / "scripts" / "tflm"
E2E = REPO / "test" / "e2e"
sys.path.insert(0, str(E2E))
import compare  # noqa: E402
import run_mcu  # noqa: E402
from run_model import StepFailed, run_step  # noqa: E402

# What the checkouts must hold: (option, a file in it, what it is).
CHECKOUTS = [
    ("tflm", "tensorflow/lite/micro/micro_interpreter.h",
     "a TensorFlow Lite Micro checkout"),
    ("flatbuffers", "include/flatbuffers/flatbuffers.h",
     "a FlatBuffers checkout"),
    ("gemmlowp", "fixedpoint/fixedpoint.h", "a gemmlowp checkout"),
    ("ruy", "ruy/profiler/instrumentation.h", "a ruy checkout"),
]

# TFLM's own flags (tensorflow/lite/micro/tools/make/Makefile, its
# BUILD_TYPE=release, the smallest, and the cortex_m_generic target) on top
# of the board's -mcpu/-mfpu/-mfloat-abi/-mthumb. The interpreter is built
# -Os and the kernels -O2, as its Makefile does.
TFLM_FLAGS = [
    "-std=c++17", "-fno-rtti", "-fno-exceptions", "-fno-threadsafe-statics",
    "-fno-unwind-tables", "-fno-asynchronous-unwind-tables",
    "-ffunction-sections", "-fdata-sections", "-funsigned-char",
    "-fomit-frame-pointer", "-DTF_LITE_STATIC_MEMORY",
    "-DTF_LITE_DISABLE_X86_NEON", "-DTF_LITE_MCU_DEBUG_LOG", "-DNDEBUG",
    "-DTF_LITE_STRIP_ERROR_STRINGS",
]
CORE_OPT, KERNEL_OPT = "-Os", "-O2"
SIZING_ARENA = 1 << 20
# Test support in TFLM's library directory, never linked by a program.
NOT_RUNTIME = {"test_helpers.cc", "test_helper_custom_ops.cc",
               "fake_micro_context.cc", "mock_micro_graph.cc"}


def fail(message):
    print(f"tflm-compare: {message}", file=sys.stderr)
    return 1


def check_checkouts(opts):
    for option, marker, what in CHECKOUTS:
        path = getattr(opts, option)
        if path is None:
            raise StepFailed(f"--{option}", f"give --{option}, {what}")
        if not (path / marker).is_file():
            raise StepFailed(f"--{option}",
                             f"{path} is not {what} (no {marker})")


def tflm_commit(tflm):
    proc = subprocess.run(["git", "-C", str(tflm), "rev-parse", "HEAD"],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True)
    return proc.stdout.strip() if proc.returncode == 0 else "unknown"


def core_sources(tflm):
    """The interpreter's sources, as TFLM's Makefile lists them
    (MICROLITE_CC_BASE_SRCS less tests), with the cortex_m_generic
    debug_log.cc in place of the generic one."""
    micro = tflm / "tensorflow" / "lite" / "micro"
    sources = [micro / "cortex_m_generic" / "debug_log.cc"]
    for folder in (micro, micro / "arena_allocator", micro / "memory_planner",
                   micro / "tflite_bridge"):
        sources += [p for p in sorted(folder.glob("*.cc"))
                    if not p.name.endswith("_test.cc")
                    and p.name not in NOT_RUNTIME
                    and p != micro / "debug_log.cc"]
    for path in sorted((tflm / "tensorflow").rglob("*.cc")):
        relative = path.relative_to(tflm).as_posix()
        if path.suffix == ".cc" and not relative.startswith(
                ("tensorflow/lite/micro/", "tensorflow/lite/experimental/")) \
                and relative != "tensorflow/lite/array.cc":
            sources.append(path)
    return sources


def resolver_name(op):
    """FULLY_CONNECTED -> FullyConnected, MAX_POOL_2D -> MaxPool2D."""
    return "".join(part if part[:1].isdigit() else part.capitalize()
                   for part in op.split("_"))


def kernel_sources(tflm, ops):
    """The kernel files that define each op's registration, and their
    *_common.cc siblings."""
    kernels = tflm / "tensorflow" / "lite" / "micro" / "kernels"
    resolver = (tflm / "tensorflow" / "lite" / "micro" /
                "micro_mutable_op_resolver.h").read_text()
    candidates = [p for p in sorted(kernels.glob("*.cc"))
                  if not p.name.endswith("_test.cc")]
    texts = {p: p.read_text() for p in candidates}
    sources = {kernels / "kernel_util.cc", kernels / "micro_tensor_utils.cc"}
    for op in ops:
        if f" Add{resolver_name(op)}(" not in resolver:
            raise StepFailed(f"operator {op}", "TFLM's MicroMutableOpResolver "
                             f"has no Add{resolver_name(op)}")
        defining = [p for p, text in texts.items() if re.search(
            rf"TFLMRegistration\s+Register_{op}\(\)\s*\{{", text)]
        if not defining:
            raise StepFailed(f"operator {op}",
                             f"no kernel in {kernels} defines Register_{op}()")
        for path in defining:
            sources.add(path)
            common = path.with_name(path.stem + "_common.cc")
            if common.is_file():
                sources.add(common)
    return sorted(sources)


def convert(model_dir, out):
    """The model as a float32 .tflite, its builtin operators, and the
    interpreter's input and output index of each argument and result."""
    import tensorflow as tf
    from tensorflow.lite.python import schema_py_generated as schema
    tf.get_logger().setLevel("ERROR")
    manifest = compare.load_manifest(model_dir)
    node = {spec["node"]: spec["node"].split(":")[0]
            for spec in manifest["args"] + manifest["results"]}
    args, results = manifest["args"], manifest["results"]
    converter = tf.compat.v1.lite.TFLiteConverter.from_frozen_graph(
        str(model_dir / "model.pb"), [node[a["node"]] for a in args],
        [node[r["node"]] for r in results],
        input_shapes={node[a["node"]]: a["shape"] for a in args})
    flatbuffer = converter.convert()
    out.write_bytes(flatbuffer)
    model = schema.ModelT.InitFromObj(
        schema.Model.GetRootAsModel(flatbuffer, 0))
    names = {value: name
             for name, value in vars(schema.BuiltinOperator).items()
             if not name.startswith("_")}
    ops = sorted({names[max(code.builtinCode, code.deprecatedBuiltinCode)]
                  for code in model.operatorCodes})
    graph = model.subgraphs[0]

    def positions(indices, specs, what):
        tensor_names = [graph.tensors[i].name.decode() for i in indices]
        found = []
        for spec in specs:
            if node[spec["node"]] not in tensor_names:
                raise StepFailed(f"converting {manifest['model']}",
                                 f"no {what} {node[spec['node']]} in the "
                                 f".tflite (has {tensor_names})")
            found.append(tensor_names.index(node[spec["node"]]))
        return found

    return {"ops": ops, "bytes": len(flatbuffer),
            "args": positions(graph.inputs, args, "input"),
            "results": positions(graph.outputs, results, "output")}


def compile_all(jobs, work, opts):
    """Runs (command, object) pairs whose object is missing, `opts.jobs`
    at a time."""
    todo = [(cmd, obj) for cmd, obj in jobs if not obj.is_file()]
    if not todo:
        return

    def one(job):
        cmd, obj = job
        obj.parent.mkdir(parents=True, exist_ok=True)
        partial = obj.with_suffix(".o.part")
        run_step(f"compiling {obj.name}", [*cmd[:-1], str(partial)],
                 opts.timeout, opts.verbose)
        partial.rename(obj)

    print(f"tflm-compare: compiling {len(todo)} TFLM files into {work}",
          flush=True)
    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
        for future in [pool.submit(one, job) for job in todo]:
            future.result()


def owner(origin):
    """Whose bytes an input section of a linker map is, the same way for
    tfc's image and TFLM's: "model" (tfc's model object, TFLM's flatbuffer),
    "driver" (mcu_driver.c, startup.c and semihosting.c: the same sources in
    both, compiled by run_mcu.py into temporary cc*.o objects), or "rest":
    the engine (tfc's model code and runtime; TFLM's library, the harness and
    the C++ support it needs) and every C library, libm and libgcc member
    the image pulls in."""
    base = re.sub(r".*[/(]", "", origin).rstrip(")")
    if origin.endswith("(model.o)") or base == "tflm_model_data.o":
        return "model"
    if base in ("mcu_driver.o", "startup.o", "semihosting.o") or \
            re.fullmatch(r"cc\w+\.o", base):
        return "driver"
    return "rest"


def library_owner(origin):
    """The C library, libm and libgcc members apart from the rest."""
    if re.search(r"lib(c|m|gcc|nosys)\.a\(", origin):
        return "clib"
    return owner(origin)


def image(map_file):
    """The bytes of one image by owner (see owner()), with "clib_*", the
    C library's part of "rest_*"."""
    parts = run_mcu.image_bytes(map_file, owner)
    parts.update({k: v for k, v in run_mcu.image_bytes(
        map_file, library_owner).items() if k.startswith("clib_")})
    return parts


def nbytes(spec):
    """Bytes of one argument or result of the manifest."""
    return compare.numpy_dtype(spec["dtype"]).itemsize * \
        int(np.prod(spec["shape"], dtype=np.int64))


def write_config(path, info, manifest, arena):
    def brace(values):
        return "{" + ", ".join(str(v) for v in values) + "}"
    ops = " ".join(f"X({resolver_name(op)})" for op in info["ops"])
    path.write_text(
        "/* Written by scripts/tflm-compare.py; see tflm_model.h. */\n"
        f"#define TFLM_NUM_ARGS {len(manifest['args'])}\n"
        f"#define TFLM_NUM_RESULTS {len(manifest['results'])}\n"
        f"#define TFLM_ARG_SIZES {brace(map(nbytes, manifest['args']))}\n"
        "#define TFLM_RESULT_SIZES "
        f"{brace(map(nbytes, manifest['results']))}\n"
        f"#define TFLM_ARG_TENSORS {brace(info['args'])}\n"
        f"#define TFLM_RESULT_TENSORS {brace(info['results'])}\n"
        f"#define TFLM_OPS(X) {ops}\n"
        f"#define TFLM_NUM_OPS {len(info['ops'])}\n"
        f"#define TFLM_ARENA_SIZE {arena}\n")


def write_data(path, flatbuffer):
    rows = [", ".join(str(b) for b in flatbuffer[i:i + 24])
            for i in range(0, len(flatbuffer), 24)]
    path.write_text(
        "// Written by scripts/tflm-compare.py: the model's .tflite.\n"
        "extern const unsigned char tflm_model_data[];\n"
        "alignas(16) const unsigned char tflm_model_data[] = {\n" +
        ",\n".join(rows) + "};\n")


class Board:
    """One board's TFLM library, built from the checkout."""

    def __init__(self, board, ops, opts):
        self.name = board
        self.settings = run_mcu.board_settings(board)
        cflags = shlex.split(self.settings["BSP_CFLAGS"])
        self.arch = [f for f in cflags
                     if f.startswith(("-mcpu=", "-mfpu=", "-mfloat-abi=",
                                      "-mthumb"))]
        self.cxx = self.settings["BSP_CC"].replace("gcc", "g++")
        checkouts = [opts.tflm, opts.flatbuffers / "include", opts.gemmlowp,
                     opts.ruy]
        self.flags = [*self.arch, *TFLM_FLAGS, *(f"-I{p}" for p in checkouts)]
        # The harness is ours and builds warning-free; TFLM's headers do not.
        self.harness_flags = [*self.arch, *TFLM_FLAGS, "-Wall", "-Wextra",
                              "-Werror",
                              *(f"-isystem{p}" for p in checkouts)]
        key = hashlib.sha256(json.dumps(
            [self.cxx, self.flags, tflm_commit(opts.tflm)]).encode())
        key = key.hexdigest()
        self.work = opts.work / board
        objects = self.work / f"obj-{key[:12]}"
        jobs = []
        for sources, level in ((core_sources(opts.tflm), CORE_OPT),
                               (kernel_sources(opts.tflm, ops), KERNEL_OPT)):
            for source in sources:
                relative = source.relative_to(opts.tflm).with_suffix(".o")
                jobs.append(([self.cxx, *self.flags, level, "-c",
                              str(source), "-o", str(objects / relative)],
                             objects / relative))
        compile_all(jobs, self.work, opts)
        self.library = self.work / "libtflm.a"
        self.library.unlink(missing_ok=True)
        run_step("archiving TFLM", ["arm-none-eabi-ar", "rcs",
                                    str(self.library),
                                    *(str(obj) for _, obj in jobs)],
                 opts.timeout, opts.verbose)

    def run(self, model_dir, info, data, arena, work, opts, quiet=False):
        """Build and run the model with `arena` bytes; the run's record.
        `quiet`: a failing QEMU run is not reported (StepFailed still)."""
        manifest = compare.load_manifest(model_dir)
        work.mkdir(parents=True, exist_ok=True)
        write_config(work / "tflm_config.h", info, manifest, arena)
        elf, map_file = work / "tflm.elf", work / "tflm.map"
        outputs = [work / f"out{i}.bin"
                   for i in range(len(manifest["results"]))]
        for stale in (elf, *outputs):
            stale.unlink(missing_ok=True)
        includes = [f"-I{work}", f"-I{HARNESS}", f"-I{E2E}",
                    f"-I{REPO / 'runtime' / 'bsp'}"]
        objects = []
        for source in (data, HARNESS / "tflm_model.cc"):
            obj = work / (source.stem + ".o")
            run_step(f"compiling {source.name}", [
                self.cxx, *self.harness_flags, *includes, CORE_OPT, "-c",
                str(source), "-o", str(obj)], opts.timeout, opts.verbose)
            objects.append(obj)
        driver = [self.settings["BSP_CC"],
                  *shlex.split(self.settings["BSP_CFLAGS"]), *includes,
                  '-DTFC_MODEL_HEADER="tflm_model.h"',
                  "-DTFC_MODEL_PREFIX=model",
                  '-DTFC_DRIVER_NAME="tflm_driver"']
        for source in [E2E / "mcu_driver.c",
                       *shlex.split(self.settings["BSP_SOURCES"])]:
            obj = work / (Path(source).stem + ".o")
            run_step(f"compiling {Path(source).name}",
                     [*driver, "-c", str(source), "-o", str(obj)],
                     opts.timeout, opts.verbose)
            objects.append(obj)
        run_step("linking the ELF", [
            self.cxx, *map(str, objects), str(self.library),
            *shlex.split(self.settings["BSP_LDFLAGS"]), f"-Wl,-Map={map_file}",
            "-o", str(elf)], opts.timeout, opts.verbose)
        inputs = [model_dir / spec["file"] for spec in manifest["args"]]
        printed, measured = run_mcu.run_driver(
            self.name, self.settings, elf, inputs, outputs, work, opts,
            quiet)
        used = re.search(r"^tflm arena used: (\d+) bytes$", printed, re.M)
        if not used:
            raise StepFailed(f"running on {self.name}",
                             "the harness did not print its arena")
        comparisons = compare.compare_outputs(model_dir, outputs, manifest)
        if not all(c.ok for c in comparisons):
            raise StepFailed(
                f"running on {self.name}", "TFLM's outputs do not match "
                "TensorFlow's: " + "; ".join(c.line() for c in comparisons
                                             if not c.ok))
        return {"arena_used": int(used.group(1)), **measured,
                **image(map_file),
                "comparisons": [c.line() for c in comparisons]}


def smallest_arena(board, model_dir, info, data, work, opts):
    """The record of the run with the smallest arena that works, to 16 bytes.

    A first run with SIZING_ARENA prints arena_used_bytes(), which is less
    than AllocateTensors needs while it plans (its scratch space is freed by
    the end); from there the arena grows by doubling steps until the model
    runs, then bisects. Every run must match TensorFlow's outputs."""
    passed = {}

    def attempt(arena):
        try:
            passed[arena] = board.run(model_dir, info, data, arena, work,
                                      opts, quiet=True)
            return passed[arena]
        except StepFailed as failed:
            if "AllocateTensors failed" in failed.output:
                return None
            raise

    sizing = attempt(SIZING_ARENA)
    if sizing is None:
        raise StepFailed(f"{model_dir.name} on {board.name}",
                         f"AllocateTensors fails with {SIZING_ARENA} B")
    used = sizing["arena_used"]
    low, high, step = used - 16, None, 16
    while high is None:
        arena = min(low + step, SIZING_ARENA)
        if attempt(arena) is not None:
            high = arena
        else:
            low, step = arena, step * 2
    while high - low > 16:
        middle = (low + high) // 32 * 16
        if attempt(middle) is not None:
            high = middle
        else:
            low = middle
    record = passed[high]
    if record["arena_used"] != used:
        raise StepFailed(f"{model_dir.name} on {board.name}",
                         "arena_used_bytes() changed with the arena's size")
    record["arena"] = high
    return record


def columns(parts, ram):
    """(code, model, RAM) of one image: code is every byte of .text and
    .rodata but the model's constants and the driver's; RAM adds the
    .data and .bss of the same objects to `ram`."""
    code = (parts.get("model_code", 0) + parts.get("rest_code", 0) +
            parts.get("rest_rodata", 0))
    return (code, parts.get("model_rodata", 0),
            ram + parts.get("model_ram", 0) + parts.get("rest_ram", 0))


def row(tfc, tflm):
    """The table's cells for one model and board."""
    tfc_cols = columns(tfc["image"], tfc["ram_used"])
    tflm_cols = columns(tflm, tflm["arena"])
    cells = [tfc["model"], tfc["board"], *tfc_cols, sum(tfc_cols),
             *tflm_cols, sum(tflm_cols),
             f"{sum(tflm_cols) / sum(tfc_cols):.2f}", tfc["instructions"],
             tflm["instructions"]]
    return ["{:,}".format(c) if isinstance(c, int) else str(c) for c in cells]


HEADER = ["model", "board", "tfc code", "tfc model", "tfc RAM", "tfc total",
          "TFLM code", "TFLM model", "TFLM RAM", "TFLM total",
          "TFLM / tfc", "tfc instructions", "TFLM instructions"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tfc-json", required=True, type=Path,
                        help="run_mcu.py --json output (with --icount)")
    parser.add_argument("--tflm", type=Path,
                        help="a checkout of TensorFlow Lite Micro")
    parser.add_argument("--flatbuffers", type=Path,
                        help="a FlatBuffers checkout (TFLM's version)")
    parser.add_argument("--gemmlowp", type=Path, help="a gemmlowp checkout")
    parser.add_argument("--ruy", type=Path, help="a ruy checkout")
    parser.add_argument("--board", action="append", default=[],
                        help="only this board (repeatable)")
    parser.add_argument("--model", action="append", default=[],
                        help="only this model (repeatable)")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "tflm")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds per step")
    parser.add_argument("--json", type=Path, help="write the records here")
    parser.add_argument("-v", "--verbose", action="store_true")
    opts = parser.parse_args(argv)
    opts.icount = True
    try:
        check_checkouts(opts)
        opts.tflm, opts.flatbuffers, opts.gemmlowp, opts.ruy = (
            p.resolve() for p in (opts.tflm, opts.flatbuffers, opts.gemmlowp,
                                  opts.ruy))
        opts.work = opts.work.resolve()
        try:
            records = json.loads(opts.tfc_json.read_text())
        except (OSError, ValueError) as error:
            raise StepFailed("--tfc-json", str(error))
        records = [r for r in records
                   if (not opts.board or r["board"] in opts.board)
                   and (not opts.model or r["model"] in opts.model)]
        if not records:
            raise StepFailed("--tfc-json", "no record of the chosen models "
                             "and boards")
        if not all(r.get("ok") and "instructions" in r for r in records):
            raise StepFailed("--tfc-json", "it has failed runs or no "
                             "instruction counts (run run_mcu.py --icount)")
        data = opts.tfc_json.resolve().parent / "data"
        models = {}
        for name in dict.fromkeys(r["model"] for r in records):
            model_dir = data / name
            path = opts.work / "tflite" / f"{name}.tflite"
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                info = convert(model_dir, path)
            except StepFailed:
                raise
            except Exception as error:  # noqa: BLE001
                raise StepFailed(f"converting {name}",
                                 str(error).strip().splitlines()[0])
            models[name] = (model_dir, info)
            (opts.work / name).mkdir(parents=True, exist_ok=True)
            write_data(opts.work / name / "tflm_model_data.cc",
                       path.read_bytes())
            print(f"tflm-compare: {name}: {info['bytes']} B .tflite, ops "
                  f"{' '.join(info['ops'])}", flush=True)
        ops = sorted({op for _, info in models.values() for op in info["ops"]})
        boards = {}
        rows, results = [], []
        for record in records:
            name, board = record["model"], record["board"]
            if board not in boards:
                boards[board] = Board(board, ops, opts)
            model_dir, info = models[name]
            tfc_map = opts.tfc_json.resolve().parent / name / board / \
                "driver.map"
            if not tfc_map.is_file():
                raise StepFailed("--tfc-json", f"no linker map {tfc_map}")
            record = dict(record, image=image(tfc_map))
            work = opts.work / name / board
            data = opts.work / name / "tflm_model_data.cc"
            measured = smallest_arena(boards[board], model_dir, info, data,
                                      work, opts)
            for line in measured["comparisons"]:
                print(f"  {line}", flush=True)
            measured.update(model=name, board=board, ops=info["ops"])
            results.append({"tfc": record, "tflm": measured})
            rows.append(row(record, measured))
            print(f"PASS {name} on {board}: TFLM {' '.join(rows[-1][6:10])}",
                  flush=True)
    except StepFailed as failed:
        said = failed.output.strip().splitlines()
        return fail(f"{failed.what}: {failed.failure}" +
                    (f" ({said[-1]})" if said else ""))
    if opts.json:
        opts.json.write_text(json.dumps(results, indent=1) + "\n")
    print(f"\nTFLM commit {tflm_commit(opts.tflm)}\n")
    print("| " + " | ".join(HEADER) + " |")
    print("|---|---|" + "---:|" * (len(HEADER) - 2))
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
