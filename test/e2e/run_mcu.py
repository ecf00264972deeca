#!/usr/bin/env python3
"""End-to-end test of tfc on Cortex-M boards under qemu-system-arm.

    run_mcu.py --tfc-compile PATH --board BOARD [--board ...]
               (--model NAME | --model-dir DIR) [...] --work WORK
               [--icount] [--json FILE] [-v]

For each board of runtime/bsp (mps2-an386: Cortex-M4, mps2-an500: M7,
mps3-an547: M55 with Helium, mps2-an385-v6m: soft-float ARMv6-M code) and
each model directory written by models/generate.py (or generated here with
--model, which needs TensorFlow in the running Python):

1. tfc-compile the model for the board's target (runtime/bsp/bsp.mk says
   which: `make -f bsp.mk BOARD=... print`) with --stats;
2. link mcu_driver.c, the board's start-up code and libmodel.a into an ELF
   with arm-none-eabi-gcc (no malloc: a link that pulled it in would fail,
   as no _sbrk is given), with a linker map;
3. run it under qemu-system-arm with semihosting, inputs and outputs being
   host files, within --timeout seconds;
4. compare the outputs with TensorFlow's under tolerances.py (as on x86).

Prints one summary line per model and board with the sizes: the model's code,
weights and arena (tfc-compile --stats), and in the linked image the bytes
of flash and RAM that tfc's model and runtime objects take (from the map);
with --icount, QEMU counts instructions (-icount shift=0: one instruction
per nanosecond of virtual time, read with SysTick at the core clock, so to
within one tick). --json writes all of it for docs/PERFORMANCE.md.
Exits 1 if anything failed.
"""

import argparse
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BSP = REPO / "runtime" / "bsp"
sys.path.insert(0, str(HERE))
import compare  # noqa: E402
from run_model import StepFailed, generate, run_step  # noqa: E402

PREFIX = "model"


def board_settings(board):
    """The variables runtime/bsp/bsp.mk defines for `board`."""
    proc = subprocess.run(["make", "-s", "-f", BSP / "bsp.mk", f"BOARD={board}",
                           "print"], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if proc.returncode:
        raise StepFailed(f"board {board}", proc.stdout.strip())
    settings = {}
    for line in proc.stdout.splitlines():
        key, _, value = line.partition("=")
        settings[key] = value
    return settings


# A map line names an input section, then (perhaps on the next line, when
# the name is long) its address, size and the object it came from.
MAP_ENTRY = re.compile(
    r"^ (\.[\w.$]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", re.M)


def tfc_owner(origin):
    """Whose bytes an input section of the map is, by the object it is from."""
    if origin.endswith(f"({PREFIX}.o)"):
        return "model"
    if origin.endswith("(tfc_runtime.o)"):
        return "runtime"
    return "other"


def image_bytes(map_file, owner_of=tfc_owner):
    """Bytes of flash (code, constants) and RAM (data, bss) per owner: keys
    OWNER_code, OWNER_rodata and OWNER_ram, owner_of(object) naming owners."""
    text = Path(map_file).read_text()
    text = text[text.find("Linker script and memory map"):]
    text = re.sub(r"^ (\.[\w.$]+)\n\s+", r" \1 ", text, flags=re.M)
    sizes = {}
    for section, address, size, origin in MAP_ENTRY.findall(text):
        size = int(size, 16)
        if not size or int(address, 16) == 0 and section != ".vectors":
            continue
        owner = owner_of(origin)
        if section.startswith((".text", ".vectors", ".glue", ".ARM.exidx")):
            kind = "code"
        elif section.startswith(".rodata"):
            kind = "rodata"
        elif section.startswith((".data", ".bss", "COMMON")):
            kind = "ram"
        else:
            continue
        key = f"{owner}_{kind}"
        sizes[key] = sizes.get(key, 0) + size
    return sizes


def parse_stats(output):
    stats = {}
    for key in ("weights", "arena", "code"):
        found = re.search(rf"^  {key}: (\d+) bytes$", output, re.M)
        if found:
            stats[key] = int(found.group(1))
    return stats


def run_driver(board, settings, elf, inputs, outputs, work, opts,
               quiet=False):
    """Run mcu_driver.c's ELF under QEMU (raises StepFailed, reported unless
    `quiet`); returns what it printed and {ram_used, instructions (with
    --icount)}."""
    qemu = [*shlex.split(settings["BSP_QEMU"]), elf]
    if opts.icount:
        qemu += ["-icount", "shift=0"]
    qemu += ["-append", shlex.join(
        [str(p) for p in inputs] + ["--"] + [str(p) for p in outputs])]
    run_log = work / "qemu.log"
    run_step(f"running on {board}", [
        "sh", "-c", shlex.join([str(c) for c in qemu]) + " > " +
        shlex.quote(str(run_log)) + " 2>&1; status=$?; cat " +
        shlex.quote(str(run_log)) + "; exit $status"],
        opts.timeout, opts.verbose,
        **({"log": lambda _: None} if quiet else {}))
    printed = run_log.read_text()
    used = re.search(r"^ram used: (\d+) bytes$", printed, re.M)
    cycles = re.search(r"^cycles: (\d+)$", printed, re.M)
    measured = {}
    if used:
        measured["ram_used"] = int(used.group(1))
    if opts.icount and cycles:
        # One instruction per ns of virtual time; SysTick ticks at the core
        # clock.
        measured["instructions"] = round(
            int(cycles.group(1)) * 1000 / int(settings["BSP_CORE_MHZ"]))
    return printed, measured


def check(model_dir, board, settings, work, opts):
    """Compile, link and run one model on one board; (ok, record)."""
    manifest = compare.load_manifest(model_dir)
    name = manifest["model"]
    label = f"{name} on {board}"
    work.mkdir(parents=True, exist_ok=True)
    library, elf = work / f"lib{PREFIX}.a", work / "driver.elf"
    outputs = [work / f"out{i}.bin" for i in range(len(manifest["results"]))]
    for stale in (library, elf, *outputs):
        stale.unlink(missing_ok=True)
    record = {"model": name, "board": board, "target": settings["TFC_TARGET"]}
    try:
        log_file = work / "tfc-compile.log"
        run_step("tfc-compile", [
            "sh", "-c", shlex.join([
                str(opts.tfc_compile), str(model_dir / "model.pb"),
                "--config", str(model_dir / "config.pbtxt"),
                *shlex.split(settings["TFC_TARGET"]), "--stats",
                "--model_name", PREFIX, "-o", str(library), *opts.extra_flags])
            + " > " + shlex.quote(str(log_file))], opts.timeout, opts.verbose)
        record.update(parse_stats(log_file.read_text()))
        run_step("linking the ELF", [
            settings["BSP_CC"], *shlex.split(settings["BSP_CFLAGS"]),
            f"-I{work}", f"-I{HERE}", f'-DTFC_MODEL_HEADER="{PREFIX}.h"',
            f"-DTFC_MODEL_PREFIX={PREFIX}", '-DTFC_DRIVER_NAME="mcu_driver"',
            HERE / "mcu_driver.c", *shlex.split(settings["BSP_SOURCES"]),
            library, *shlex.split(settings["BSP_LDFLAGS"]),
            f"-Wl,-Map={work / 'driver.map'}", "-o", elf],
            opts.timeout, opts.verbose)
        record.update(image_bytes(work / "driver.map"))
        inputs = [model_dir / spec["file"] for spec in manifest["args"]]
        record.update(run_driver(board, settings, elf, inputs, outputs, work,
                                 opts)[1])
    except StepFailed as failed:
        print(f"FAIL {label}: {failed.what} ({failed.failure})", flush=True)
        return False, record
    comparisons = compare.compare_outputs(model_dir, outputs, manifest)
    for c in comparisons:
        print(f"  {c.line()}", flush=True)
    ok = all(c.ok for c in comparisons)
    record["ok"] = ok
    sizes = (f"model code {record.get('code', '?')} B, weights "
             f"{record.get('weights', '?')} B, arena {record.get('arena', '?')}"
             f" B; linked: model {record.get('model_code', 0)} B code + "
             f"{record.get('model_rodata', 0)} B rodata, runtime "
             f"{record.get('runtime_code', 0)} B code + "
             f"{record.get('runtime_rodata', 0)} B rodata")
    if "instructions" in record:
        sizes += f"; {record['instructions']} instructions"
    print(f"{'PASS' if ok else 'FAIL'} {label}: {sizes}", flush=True)
    return ok, record


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tfc-compile", required=True, type=Path)
    parser.add_argument("--board", action="append", required=True)
    parser.add_argument("--model", action="append", default=[],
                        help="generate this model (batch 1) into WORK first "
                        "(needs TensorFlow)")
    parser.add_argument("--model-dir", action="append", type=Path, default=[])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", required=True, type=Path)
    parser.add_argument("--python", default=sys.executable,
                        help="Python with TensorFlow, for --model")
    parser.add_argument("--extra-flags", default="",
                        help="more tfc-compile flags")
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds per step, the QEMU run included")
    parser.add_argument("--icount", action="store_true",
                        help="count instructions (qemu -icount shift=0)")
    parser.add_argument("--json", type=Path, help="write the records here")
    parser.add_argument("-v", "--verbose", action="store_true")
    opts = parser.parse_args(argv)
    opts.extra_flags = shlex.split(opts.extra_flags)
    opts.work = opts.work.resolve()

    model_dirs = [d.resolve() for d in opts.model_dir]
    try:
        for name in opts.model:
            model_dirs.append(generate(name, 1, opts.seed,
                                       opts.work / "data" / name, opts))
        boards = [(b, board_settings(b)) for b in opts.board]
    except StepFailed as failed:
        print(f"FAIL: {failed.what} ({failed.failure})", flush=True)
        return 1
    all_ok, records = True, []
    for model_dir in model_dirs:
        for board, settings in boards:
            name = compare.load_manifest(model_dir)["model"]
            ok, record = check(model_dir, board, settings,
                               opts.work / name / board, opts)
            all_ok &= ok
            records.append(record)
    if opts.json:
        opts.json.write_text(json.dumps(records, indent=1) + "\n")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
