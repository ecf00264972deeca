# CMake toolchain file for 64-bit ARM Linux boards (Raspberry Pi 3, 4 and 5
# with a 64-bit OS, Jetson Nano, Xavier and Orin) with Debian's cross gcc and
# g++, programs run on the build machine under qemu-aarch64:
#
#   cmake -S <project> -B <build> \
#       -DCMAKE_TOOLCHAIN_FILE=<tfc>/cmake/toolchain-aarch64-linux-gnu.cmake
#
# TFC_TARGET_TRIPLE is tfc-compile's --target_triple for the same boards;
# give --target_cpu the board's CPU (cortex-a72 for a Pi 4, cortex-a57 for a
# Jetson Nano, cortex-a78 for an Orin). See toolchain-debian-cross.cmake.

set(TFC_CROSS_GNU aarch64-linux-gnu)
set(TFC_CROSS_PROCESSOR aarch64)
set(TFC_CROSS_QEMU qemu-aarch64)
set(TFC_TARGET_TRIPLE aarch64-unknown-linux-gnu)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-debian-cross.cmake)
