# bsp.mk - how to build a tfc program for a board of runtime/bsp.
#
# Include it from a Makefile after setting BOARD, or run it alone:
#   make -s -f runtime/bsp/bsp.mk BOARD=mps2-an500 print
# It defines, for BOARD:
#   TFC_TARGET    the tfc-compile flags (--target_triple, --target_cpu)
#   BSP_CC        the C compiler (arm-none-eabi-gcc)
#   BSP_CFLAGS    its flags: the CPU, FPU and float ABI matching TFC_TARGET
#   BSP_LDFLAGS   the linker flags: start-up files off, the board's linker
#                 script, unused sections dropped, libm
#   BSP_SOURCES   start-up code and semihosting
#   BSP_QEMU      the qemu-system-arm command, to be followed by the ELF
# This file is the one place the boards are described; test/e2e/run_mcu.py
# reads it through `print`.

BSP_DIR := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))
BOARD ?= mps2-an500

ifeq ($(BOARD),mps2-an386)
  TFC_TARGET := --target_triple=thumbv7em-none-eabihf --target_cpu=cortex-m4
  BSP_ARCH := -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard
  BSP_LDSCRIPT := mps2.ld
  BSP_MACHINE := mps2-an386
  BSP_CORE_MHZ := 25
else ifeq ($(BOARD),mps2-an500)
  TFC_TARGET := --target_triple=thumbv7em-none-eabihf --target_cpu=cortex-m7
  BSP_ARCH := -mcpu=cortex-m7 -mfpu=fpv5-d16 -mfloat-abi=hard
  BSP_LDSCRIPT := mps2.ld
  BSP_MACHINE := mps2-an500
  BSP_CORE_MHZ := 25
else ifeq ($(BOARD),mps3-an547)
  TFC_TARGET := --target_triple=thumbv8.1m.main-none-eabihf --target_cpu=cortex-m55
  BSP_ARCH := -mcpu=cortex-m55 -mfloat-abi=hard
  BSP_LDSCRIPT := mps3-an547.ld
  BSP_MACHINE := mps3-an547
  BSP_CORE_MHZ := 32
else ifeq ($(BOARD),mps2-an385-v6m)
  # ARMv6-M soft-float code (Cortex-M0/M0+) on the Cortex-M3 image: QEMU
  # has no M0 MPS2 image, and v7-M runs every v6-M instruction.
  TFC_TARGET := --target_triple=thumbv6m-none-eabi --target_cpu=cortex-m0plus
  BSP_ARCH := -mcpu=cortex-m0plus -mfloat-abi=soft
  BSP_LDSCRIPT := mps2.ld
  BSP_MACHINE := mps2-an385
  BSP_CORE_MHZ := 25
else
  $(error BOARD '$(BOARD)' is unknown; runtime/bsp has mps2-an386, mps2-an500, mps3-an547 and mps2-an385-v6m)
endif

BSP_CC := arm-none-eabi-gcc
BSP_CFLAGS := $(BSP_ARCH) -mthumb -std=c11 -O2 -ffreestanding -ffunction-sections \
  -fdata-sections -Wall -Wextra -Werror -I$(BSP_DIR)
BSP_LDFLAGS := $(BSP_ARCH) -mthumb -nostartfiles -L$(BSP_DIR) \
  -T$(BSP_DIR)/$(BSP_LDSCRIPT) -Wl,--gc-sections -Wl,--no-warn-execstack -lm
BSP_SOURCES := $(BSP_DIR)/startup.c $(BSP_DIR)/semihosting.c
BSP_QEMU := qemu-system-arm -M $(BSP_MACHINE) -nographic -monitor none \
  -serial none -semihosting-config enable=on,target=native -kernel

.PHONY: print
print:
	@echo 'TFC_TARGET=$(TFC_TARGET)'
	@echo 'BSP_CC=$(BSP_CC)'
	@echo 'BSP_CFLAGS=$(BSP_CFLAGS)'
	@echo 'BSP_LDFLAGS=$(BSP_LDFLAGS)'
	@echo 'BSP_SOURCES=$(BSP_SOURCES)'
	@echo 'BSP_QEMU=$(BSP_QEMU)'
	@echo 'BSP_CORE_MHZ=$(BSP_CORE_MHZ)'
