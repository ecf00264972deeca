# CMake toolchain file for 32-bit ARM Linux boards with hard float (Raspberry
# Pi 2 and 3 with a 32-bit OS, BeagleBone, other ARMv7-A boards) with
# Debian's cross gcc and g++ (armhf: ARMv7-A, VFPv3-D16, Thumb-2), programs
# run on the build machine under qemu-arm:
#
#   cmake -S <project> -B <build> \
#       -DCMAKE_TOOLCHAIN_FILE=<tfc>/cmake/toolchain-armv7-linux-gnueabihf.cmake
#
# TFC_TARGET_TRIPLE is tfc-compile's --target_triple for the same boards;
# give --target_cpu the board's CPU (cortex-a7 for a Pi 2, cortex-a53 for a
# Pi 3): without it the code is for any ARMv7-A, without NEON. See
# toolchain-debian-cross.cmake.

set(TFC_CROSS_GNU arm-linux-gnueabihf)
set(TFC_CROSS_PROCESSOR armv7l)
set(TFC_CROSS_QEMU qemu-arm)
set(TFC_TARGET_TRIPLE armv7a-unknown-linux-gnueabihf)
include(${CMAKE_CURRENT_LIST_DIR}/toolchain-debian-cross.cmake)
