# The part of tfc's ARM Linux toolchain files they share; not a toolchain
# file itself: use toolchain-aarch64-linux-gnu.cmake or
# toolchain-armv7-linux-gnueabihf.cmake, which set, before including it,
#
#   TFC_CROSS_GNU        Debian's GNU triple: <triple>-gcc, <triple>-g++
#   TFC_CROSS_PROCESSOR  CMAKE_SYSTEM_PROCESSOR of the board
#   TFC_CROSS_QEMU       the qemu-user emulator of that architecture
#   TFC_TARGET_TRIPLE    tfc-compile's --target_triple for the board
#
# Compilers: Debian's cross gcc and g++ (gcc-<arch>-linux-gnu,
# g++-<arch>-linux-gnu with libc6-dev-<arch>-cross; scripts/install-deps.sh).
# Libraries and headers are searched in the cross C library's folder only
# (its root, /usr/<triple> on Debian, is found from gcc itself), programs on
# the host. CMAKE_CROSSCOMPILING_EMULATOR runs the board's programs under
# qemu-user with that C library (-L), so `ctest` and add_custom_command can
# run them on the build machine; it is left unset when qemu is not there.

if(NOT TFC_CROSS_GNU OR NOT TFC_TARGET_TRIPLE)
  message(FATAL_ERROR "toolchain-debian-cross.cmake is included by tfc's "
    "toolchain files; pass -DCMAKE_TOOLCHAIN_FILE=.../toolchain-aarch64-"
    "linux-gnu.cmake or toolchain-armv7-linux-gnueabihf.cmake instead")
endif()

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${TFC_CROSS_PROCESSOR})
set(CMAKE_C_COMPILER ${TFC_CROSS_GNU}-gcc)
set(CMAKE_CXX_COMPILER ${TFC_CROSS_GNU}-g++)

# The cross C library's root: the folder above the lib/ holding libc.so.6.
execute_process(
  COMMAND ${CMAKE_C_COMPILER} -print-file-name=libc.so.6
  OUTPUT_VARIABLE tfc_cross_libc
  OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE tfc_cross_result
  ERROR_QUIET)
if(NOT tfc_cross_result EQUAL 0)
  message(FATAL_ERROR "${CMAKE_C_COMPILER} is not installed (Debian: "
    "gcc-${TFC_CROSS_GNU} g++-${TFC_CROSS_GNU}; scripts/install-deps.sh)")
endif()
get_filename_component(tfc_cross_libc "${tfc_cross_libc}" REALPATH)
if(NOT EXISTS "${tfc_cross_libc}")
  message(FATAL_ERROR "${CMAKE_C_COMPILER} finds no libc.so.6: install "
    "its C library (Debian: libc6-dev-<arch>-cross)")
endif()
get_filename_component(TFC_CROSS_SYSROOT "${tfc_cross_libc}" DIRECTORY)
get_filename_component(TFC_CROSS_SYSROOT "${TFC_CROSS_SYSROOT}" DIRECTORY)

set(CMAKE_FIND_ROOT_PATH "${TFC_CROSS_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

find_program(TFC_CROSS_QEMU_PATH ${TFC_CROSS_QEMU})
if(TFC_CROSS_QEMU_PATH)
  set(CMAKE_CROSSCOMPILING_EMULATOR
      "${TFC_CROSS_QEMU_PATH};-L;${TFC_CROSS_SYSROOT}")
endif()
