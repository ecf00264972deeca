#!/usr/bin/env python3
"""tfc beside TensorFlow Lite for Microcontrollers on the Cortex-M boards.

    .venv/bin/python scripts/tflm-compare.py --tfc-json build/mcu/sizes.json
        --tflm TFLM --flatbuffers FB --gemmlowp GEMMLOWP --ruy RUY
        [--int8] [--cmsis-nn CMSIS_NN] [--board BOARD ...] [--model NAME ...]
        [--work DIR] [--jobs N] [--json FILE] [-v]

For each model and board of the --tfc-json file that test/e2e/run_mcu.py
wrote (its models are read from the "data" directory beside it), this
converts the model's frozen GraphDef to a float32 .tflite with TensorFlow's
converter, builds TFLM from the given checkout of its public sources (and
its header-only dependencies: FlatBuffers, gemmlowp's fixedpoint, ruy's
profiler header) with the board's arm-none-eabi-g++ flags, and runs the
model with TFLM's reference kernels (see --cmsis-nn) through
test/e2e/mcu_driver.c and scripts/tflm/tflm_model.cc, linked like run_mcu.py
links tfc's (the board's start-up code and linker script, --gc-sections),
under the same QEMU, with the same instruction count. Every TFLM output must
match TensorFlow's expected outputs under test/e2e/tolerances.py, as tfc's
did. TFLM's arena is the smallest that works, to 16 bytes
(smallest_arena()).

--int8 adds a second table: the same models quantized to int8 by the
converter (calibrated on the model's test inputs), whose TFLM outputs must
match TensorFlow Lite's own reference kernels on the same .tflite (float
TensorFlow's differ by the quantization error). --cmsis-nn builds TFLM's
CMSIS-NN kernels (and CMSIS-NN) in place of the reference ones, as TFLM's
OPTIMIZED_KERNEL_DIR=cmsis_nn does; for float32 they run the reference code.

Prints markdown tables for docs/PERFORMANCE.md: per model and board, the
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


# Optional: CMSIS-NN, for TFLM's kernels/cmsis_nn in place of the reference
# kernels of the ops it has.
CMSIS_NN = ("cmsis_nn", "Include/arm_nnfunctions.h", "a CMSIS-NN checkout")


def check_checkouts(opts):
    for option, marker, what in CHECKOUTS + [CMSIS_NN]:
        path = getattr(opts, option)
        if path is None and option == "cmsis_nn":
            continue
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


def kernel_sources(tflm, ops, optimized=None):
    """The kernel files that define each op's registration, and their
    *_common.cc siblings; a file of kernels/`optimized` replaces the
    reference file of the same name, as TFLM's OPTIMIZED_KERNEL_DIR does."""
    kernels = tflm / "tensorflow" / "lite" / "micro" / "kernels"
    resolver = (tflm / "tensorflow" / "lite" / "micro" /
                "micro_mutable_op_resolver.h").read_text()
    candidates = {p.name: p for p in sorted(kernels.glob("*.cc"))
                  if not p.name.endswith("_test.cc")}
    if optimized:
        candidates.update({p.name: p for p in sorted(
            (kernels / optimized).glob("*.cc")) if p.name in candidates})
    texts = {p: p.read_text() for p in candidates.values()}
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
            common = kernels / (path.stem + "_common.cc")
            if common.is_file():
                sources.add(common)
    return sorted(sources)


def convert(model_dir, out, int8=False):
    """The model as a .tflite in `out`, its builtin operators, and the
    interpreter's input and output index of each argument and result.

    float32 by default; with `int8`, full-integer post-training quantization
    calibrated on the model's test inputs (float inputs and outputs, with
    QUANTIZE and DEQUANTIZE at the edges)."""
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
    if int8:
        inputs = [compare.load_raw(model_dir / a["file"], a["dtype"],
                                   tuple(a["shape"])) for a in args]
        converter.optimizations = [tf.lite.Optimize.DEFAULT]
        converter.representative_dataset = lambda: iter([inputs])
        converter.target_spec.supported_ops = [
            tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
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


def int8_model_dir(model_dir, tflite, info, out):
    """A model directory for the int8 .tflite: the model's inputs, and as
    expected outputs TensorFlow Lite's reference kernels' (its Python
    interpreter, OpResolverType.BUILTIN_REF) on the same .tflite, so that
    TFLM's int8 kernels are checked against TensorFlow's own int8 result
    (float32 TensorFlow's differs by the quantization error)."""
    import shutil
    import tensorflow as tf
    manifest = compare.load_manifest(model_dir)
    interpreter = tf.lite.Interpreter(
        model_path=str(tflite), experimental_op_resolver_type=(
            tf.lite.experimental.OpResolverType.BUILTIN_REF))
    interpreter.allocate_tensors()
    inputs, outputs = (interpreter.get_input_details(),
                       interpreter.get_output_details())
    for spec, index in zip(manifest["args"], info["args"]):
        (out / spec["file"]).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(model_dir / spec["file"], out / spec["file"])
        interpreter.set_tensor(inputs[index]["index"], compare.load_raw(
            model_dir / spec["file"], spec["dtype"], tuple(spec["shape"])))
    interpreter.invoke()
    for spec, index in zip(manifest["results"], info["results"]):
        (out / spec["file"]).parent.mkdir(parents=True, exist_ok=True)
        interpreter.get_tensor(outputs[index]["index"]).astype(
            compare.numpy_dtype(spec["dtype"])).tofile(out / spec["file"])
    (out / "manifest.json").write_text(json.dumps(
        dict(manifest, model=f"{manifest['model']} int8"), indent=1))
    return out


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


def prepare(model_dir, name, variant, opts):
    """Converts one model; (model directory to check against, conversion
    info, the C++ file of its flatbuffer)."""
    work = opts.work / (name if variant == "float32" else f"{name}-{variant}")
    work.mkdir(parents=True, exist_ok=True)
    tflite = work / "model.tflite"
    try:
        info = convert(model_dir, tflite, int8=variant == "int8")
        if variant == "int8":
            model_dir = int8_model_dir(model_dir, tflite, info,
                                       work / "expected-tflite")
    except StepFailed:
        raise
    except Exception as error:  # noqa: BLE001
        raise StepFailed(f"converting {name} ({variant})",
                         str(error).strip().splitlines()[0])
    write_data(work / "tflm_model_data.cc", tflite.read_bytes())
    print(f"tflm-compare: {name} ({variant}): {info['bytes']} B .tflite, ops "
          f"{' '.join(info['ops'])}", flush=True)
    return model_dir, info, work / "tflm_model_data.cc"


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
        nn_flags = []
        if opts.cmsis_nn:
            # ext_libs/cmsis_nn.inc's settings: no f16/f32 CMSIS-NN kernels.
            checkouts += [opts.cmsis_nn, opts.cmsis_nn / "Include"]
            nn_flags = ["-DCMSIS_NN", "-DARM_NN_ENABLE_F16=0",
                        "-DARM_NN_ENABLE_F32=0"]
        self.flags = [*self.arch, *TFLM_FLAGS, *nn_flags,
                      *(f"-I{p}" for p in checkouts)]
        # The harness is ours and builds warning-free; TFLM's headers do not.
        self.harness_flags = [*self.arch, *TFLM_FLAGS, *nn_flags, "-Wall",
                              "-Wextra", "-Werror",
                              *(f"-isystem{p}" for p in checkouts)]
        key = hashlib.sha256(json.dumps(
            [self.cxx, self.flags, tflm_commit(opts.tflm)]).encode())
        key = key.hexdigest()
        self.work = opts.work / board
        objects = self.work / f"obj-{key[:12]}"
        jobs = []
        optimized = "cmsis_nn" if opts.cmsis_nn else None
        for sources, level in (
                (core_sources(opts.tflm), CORE_OPT),
                (kernel_sources(opts.tflm, ops, optimized), KERNEL_OPT)):
            for source in sources:
                relative = source.relative_to(opts.tflm).with_suffix(".o")
                jobs.append(([self.cxx, *self.flags, level, "-c",
                              str(source), "-o", str(objects / relative)],
                             objects / relative))
        if opts.cmsis_nn:
            # All of CMSIS-NN's C but the f16/f32 files, as cmsis_nn.inc.
            c_flags = [f for f in self.flags if not f.startswith(
                ("-std=", "-fno-rtti", "-fno-exceptions",
                 "-fno-threadsafe-statics"))]
            for source in sorted((opts.cmsis_nn / "Source").rglob("*.c")):
                if source.stem.endswith(("_f16", "_f32")) or \
                        source.name == "arm_nntables_flt.c":
                    continue
                obj = objects / "cmsis_nn" / source.relative_to(
                    opts.cmsis_nn).with_suffix(".o")
                jobs.append(([self.settings["BSP_CC"], "-std=c17", *c_flags,
                              KERNEL_OPT, "-c", str(source), "-o", str(obj)],
                             obj))
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
    parser.add_argument("--cmsis-nn", type=Path,
                        help="a CMSIS-NN checkout: build TFLM's CMSIS-NN "
                        "kernels (kernels/cmsis_nn) instead of the reference "
                        "ones where it has them")
    parser.add_argument("--int8", action="store_true",
                        help="also run an int8 (quantized) .tflite of each "
                        "model")
    parser.add_argument("--json", type=Path, help="write the records here")
    parser.add_argument("-v", "--verbose", action="store_true")
    opts = parser.parse_args(argv)
    opts.icount = True
    try:
        check_checkouts(opts)
        opts.tflm, opts.flatbuffers, opts.gemmlowp, opts.ruy = (
            p.resolve() for p in (opts.tflm, opts.flatbuffers, opts.gemmlowp,
                                  opts.ruy))
        if opts.cmsis_nn:
            opts.cmsis_nn = opts.cmsis_nn.resolve()
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
        variants = ["float32", "int8"] if opts.int8 else ["float32"]
        models = {}
        for name in dict.fromkeys(r["model"] for r in records):
            for variant in variants:
                models[name, variant] = prepare(data / name, name, variant,
                                                opts)
        ops = sorted({op for _, info, _ in models.values()
                      for op in info["ops"]})
        boards = {}
        rows = {variant: [] for variant in variants}
        results = []
        for record in records:
            name, board = record["model"], record["board"]
            if board not in boards:
                boards[board] = Board(board, ops, opts)
            tfc_map = opts.tfc_json.resolve().parent / name / board / \
                "driver.map"
            if not tfc_map.is_file():
                raise StepFailed("--tfc-json", f"no linker map {tfc_map}")
            record = dict(record, image=image(tfc_map))
            results.append({"tfc": record})
            for variant in variants:
                model_dir, info, data = models[name, variant]
                measured = smallest_arena(boards[board], model_dir, info,
                                          data, data.parent / board, opts)
                for line in measured["comparisons"]:
                    print(f"  {line}", flush=True)
                measured.update(model=name, board=board, ops=info["ops"])
                results[-1][f"tflm_{variant}"] = measured
                rows[variant].append(row(record, measured))
                print(f"PASS {name} ({variant}) on {board}: TFLM "
                      f"{' '.join(rows[variant][-1][6:10])}", flush=True)
    except StepFailed as failed:
        said = failed.output.strip().splitlines()
        return fail(f"{failed.what}: {failed.failure}" +
                    (f" ({said[-1]})" if said else ""))
    if opts.json:
        opts.json.write_text(json.dumps(results, indent=1) + "\n")
    print(f"\nTFLM commit {tflm_commit(opts.tflm)}, kernels: " +
          ("CMSIS-NN's where it has them" if opts.cmsis_nn else "reference"))
    for variant in variants:
        # The int8 table repeats of tfc only its total and instructions.
        keep = range(len(HEADER)) if variant == "float32" else \
            [0, 1, 5, 6, 7, 8, 9, 10, 11, 12]
        header = [HEADER[i].replace("TFLM", f"TFLM {variant}")
                  if variant != "float32" else HEADER[i] for i in keep]
        print(f"\nTFLM {variant}:\n")
        print("| " + " | ".join(header) + " |")
        print("|---|---|" + "---:|" * (len(header) - 2))
        for cells in rows[variant]:
            print("| " + " | ".join(cells[i] for i in keep) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
