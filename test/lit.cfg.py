# lit configuration of the tfc test suite.
#
# Tools come from the build tree (tfc-*) and from LLVM (FileCheck, not).
# Tests that read ../shared/testdata need the folder; without it they are
# reported UNSUPPORTED, and this file says why.

import os
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

if os.path.exists(config.python_executable):
    config.available_features.add("python-venv")
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
