#!/usr/bin/env bash
# Installs the Debian packages tfc builds with: LLVM/MLIR 22 (compiler
# libraries, clang for the runtime, lit and FileCheck, clang's sanitizer and
# libFuzzer runtimes for scripts/sanitize.sh and fuzz.sh), protobuf, CMake and
# Ninja, libpng/libjpeg for examples/label_image, and the ARM cross
# toolchains and emulators the embedded tests use (issue 11: gcc and g++ for
# aarch64 and armv7 Linux with their C libraries, arm-none-eabi gcc with
# newlib for bare-metal Cortex-M, and its C++ library for building
# TensorFlow Lite Micro in scripts/tflm-compare.py, qemu-user and
# qemu-system-arm). Does
# nothing when they are all present; otherwise runs `apt-get update` first.
# Needs root (or sudo).
set -euo pipefail

packages=(
  llvm-22-dev libmlir-22-dev mlir-22-tools clang-22 lld-22 llvm-22-tools
  libclang-rt-22-dev
  libprotobuf-dev protobuf-compiler
  cmake ninja-build
  libpng-dev libjpeg-dev
  gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross
  gcc-arm-linux-gnueabihf g++-arm-linux-gnueabihf libc6-dev-armhf-cross
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib
  qemu-user qemu-system-arm
)

missing=()
for package in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all Debian packages present"
  exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
echo "install-deps: done"
