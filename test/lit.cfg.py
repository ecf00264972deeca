# lit configuration of the tfc test suite.
#
# Tools come from the build tree (tfc-*) and from LLVM (FileCheck, not).
# Tests that read ../shared/testdata need the folder, and the ARM Linux
# tests the cross toolchains and qemu-user; without them they are reported
# UNSUPPORTED, and this file says why.

import os
import shlex
import sys

import lit.formats
from lit.llvm import llvm_config

config.name = "tfc"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".pbtxt", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "README.md", "lit.cfg.py",
                   "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tfc_obj_root, "test")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.tfc_tools_dir, append_path=True)
llvm_config.add_tool_substitutions(
    ["tfc-compile", "tfc-opt", "tfc-translate"], [config.tfc_tools_dir])
if os.path.exists(os.path.join(config.tfc_tools_dir, "tfc-kernels-test")):
    config.available_features.add("host-kernels")

# Before lit's own %python (the interpreter running lit), which lacks numpy.
config.substitutions.insert(0, ("%python", config.python_executable))
# Python without the venv's packages, for tests that must run without it.
config.substitutions.append(("%plain_python", sys.executable))
config.substitutions.append(("%cc", config.host_cc))
config.substitutions.append(("%cxx", config.host_cxx))
config.substitutions.append(("%tfc_src", config.tfc_src_root))
config.substitutions.append(("%tfc_build", config.tfc_obj_root))
# CMake, and the generator tfc was built with, for the consumer projects of
# the CMake package tests.
config.substitutions.append(("%cmake_generator", " ".join(
    shlex.quote(arg) for arg in ["-G", config.cmake_generator,
                                 "-DCMAKE_MAKE_PROGRAM=" +
                                 config.cmake_make_program])))
config.substitutions.append(("%cmake", shlex.quote(config.cmake)))
config.substitutions.append(("%ctest", shlex.quote(config.ctest)))
config.substitutions.append(
    ("%e2e", os.path.join(config.tfc_src_root, "test", "e2e")))

# The shared corpus of real GraphDefs lives beside the project root.
testdata = os.path.normpath(
    os.path.join(config.tfc_src_root, "..", "shared", "testdata", "graphdefs"))
if os.path.isdir(testdata):
    config.available_features.add("shared-testdata")
    config.substitutions.append(("%testdata", testdata))
else:
    lit_config.note("../shared/testdata/graphdefs is absent: the tests on "
                    "real GraphDefs are skipped (UNSUPPORTED)")

# The ARM Linux end-to-end tests (test/e2e/arm) build their drivers with
# Debian's cross gcc/g++ and run them under qemu-user: feature cross-aarch64
# or cross-armv7 when that target's tools are all on PATH, and %run_aarch64
# or %run_armv7, the qemu-user command that runs the target's programs.
sys.path.insert(0, os.path.join(config.tfc_src_root, "test", "e2e"))
import cross_targets  # noqa: E402  (standard library only)

for target in cross_targets.TARGETS.values():
    missing = target.missing_tools()
    why = "no " + ", ".join(missing) + " on PATH" if missing else None
    if not missing:
        try:
            emulator = cross_targets.emulator(target, None, target.cc)
        except ValueError as error:
            why = str(error)
    if why:
        lit_config.note("the " + target.name + " Linux tests are skipped "
                        "(UNSUPPORTED): " + why + "; scripts/install-deps.sh "
                        "installs what they need")
    else:
        config.available_features.add("cross-" + target.name)
        config.substitutions.append(
            ("%run_" + target.name, " ".join(emulator)))

if os.path.exists(config.python_executable):
    config.available_features.add("python-venv")
    # models/generate.py keeps each generated model here and copies it to the
    # test's --out; ctest fills it first (test/e2e/pregenerate.py, the
    # e2e-models fixture) so TensorFlow is imported twice, not once a test.
    config.environment["TFC_MODEL_CACHE"] = os.path.join(
        config.tfc_obj_root, "test", "model-cache")
else:
    lit_config.note("no project virtualenv (" + config.python_executable +
                    "): end-to-end tests are skipped; run "
                    "scripts/setup-venv.sh")

# Bare-metal Cortex-M: arm-none-eabi-gcc links the libraries tfc-compile
# writes for thumbv6m/v7em/v8.1m targets, qemu-system-arm runs them on the
# boards of runtime/bsp (test/mcu). Without them those tests are UNSUPPORTED.
import shutil
for tool in ("arm-none-eabi-gcc", "qemu-system-arm"):
    if shutil.which(tool):
        config.available_features.add(tool)
    else:
        lit_config.note(tool + " is absent: the Cortex-M tests that need it "
                        "are skipped (scripts/install-deps.sh installs it)")
