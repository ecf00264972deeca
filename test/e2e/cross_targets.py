"""The ARM Linux targets the end-to-end tests cross-build for and emulate.

run_model.py --target NAME compiles for NAME's triple, builds the drivers
with Debian's cross gcc and g++ for it and runs them under qemu-user, with
the C library of the cross toolchain (qemu's -L) and, where qemu models the
--target-cpu, that CPU (else qemu's default, which has every feature).
test/lit.cfg.py adds the lit feature `cross-NAME` when all of NAME's tools
are on PATH (scripts/install-deps.sh installs them).

Only the standard library here: lit's own Python imports this module.
"""

import functools
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CrossTarget:
    name: str    # run_model.py --target NAME; lit feature cross-NAME
    triple: str  # tfc-compile --target_triple
    gnu: str     # Debian's GNU triple: <gnu>-gcc, <gnu>-g++
    qemu: str    # the qemu-user emulator

    @property
    def cc(self):
        return f"{self.gnu}-gcc"

    @property
    def cxx(self):
        return f"{self.gnu}-g++"

    def missing_tools(self):
        """The cross compilers and emulator that are not on PATH."""
        return [tool for tool in (self.cc, self.cxx, self.qemu)
                if shutil.which(tool) is None]


TARGETS = {target.name: target for target in (
    CrossTarget("aarch64", "aarch64-unknown-linux-gnu", "aarch64-linux-gnu",
                "qemu-aarch64"),
    CrossTarget("armv7", "armv7a-unknown-linux-gnueabihf",
                "arm-linux-gnueabihf", "qemu-arm"),
)}


def sysroot(cc):
    """The folder whose lib/ holds the target's C library and dynamic loader
    (qemu's -L): where the cross compiler `cc` finds libc.so.6, one up."""
    try:
        found = subprocess.run(
            [*shlex.split(cc), "-print-file-name=libc.so.6"],
            capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as error:
        raise ValueError(f"cannot run the cross compiler {cc!r}: {error}")
    libc = Path(found).resolve()
    if not libc.is_file():
        raise ValueError(f"{cc} finds no libc.so.6: is its C library "
                         f"(Debian: libc6-dev-<arch>-cross) installed?")
    return libc.parent.parent


@functools.cache
def qemu_cpus(qemu):
    """The CPU models `qemu -cpu help` lists (it exits 1 after listing)."""
    try:
        listing = subprocess.run([qemu, "-cpu", "help"], capture_output=True,
                                 text=True).stdout
    except OSError as error:
        raise ValueError(f"cannot run {qemu}: {error}")
    if "Available CPUs" not in listing:
        raise ValueError(f"`{qemu} -cpu help` lists no CPU models")
    return {line.split()[0] for line in listing.splitlines()
            if line.startswith(" ") and line.strip()}


def emulator(target, cpu, cc):
    """The command prefix that runs `target`'s programs built with `cc`:
    qemu-user with the cross C library, and `-cpu CPU` when qemu models
    `cpu` (qemu's default CPU model has every feature of the architecture,
    so code for a CPU it lacks, such as the Cortex-A78, still runs)."""
    command = [target.qemu, "-L", str(sysroot(cc))]
    if cpu and cpu in qemu_cpus(target.qemu):
        command += ["-cpu", cpu]
    return command
