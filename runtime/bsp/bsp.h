/*===- bsp.h - board support for running tfc models on Cortex-M -----------===*
 *
 * What a bare-metal program needs around a tfc-compiled model on the boards
 * of runtime/bsp (QEMU's MPS2/MPS3 images): start-up code (startup.c: the
 * vector table, .data/.bss set-up, the FPU switched on for hard-float
 * builds), and ARM semihosting (semihosting.c) for console output, host
 * files, the command line and the exit status. Semihosting needs a debugger
 * or `qemu-system-arm -semihosting-config enable=on,target=native`; on a
 * board without one, replace these functions with the board's UART.
 *
 * Nothing here allocates; the model library itself needs no C library
 * beyond memcpy/memset and libm.
 *
 *===----------------------------------------------------------------------===*/

#ifndef TFC_BSP_H
#define TFC_BSP_H

#include <stddef.h>
#include <stdint.h>

/* Console output (the host's stdout under QEMU). */
void tfc_bsp_puts(const char *text);
void tfc_bsp_put_int(long value);
/* `value` with `decimals` digits after the point (at most 9), rounded. */
void tfc_bsp_put_fixed(float value, int decimals);

/* Host files. tfc_bsp_open returns a handle, or -1; `write` creates or
 * truncates. tfc_bsp_file_size returns -1 on error. tfc_bsp_read and
 * tfc_bsp_write return 0 when all `size` bytes moved, else -1. */
int tfc_bsp_open(const char *path, int write);
long tfc_bsp_file_size(int handle);
int tfc_bsp_read(int handle, void *buffer, size_t size);
int tfc_bsp_write(int handle, const void *buffer, size_t size);
void tfc_bsp_close(int handle);

/* The command line (QEMU: the kernel's name, then -append's text) in
 * `buffer`, NUL-terminated; 0 on success. */
int tfc_bsp_command_line(char *buffer, size_t size);

/* Ends the program with exit status `status` (QEMU exits with it). */
void tfc_bsp_exit(int status) __attribute__((noreturn));

/* The RAM between the end of .bss and the stack, for a program that sizes
 * its buffers at run time (the generic test driver); a program that knows
 * its model uses static arrays instead. */
void *tfc_bsp_free_ram_begin(void);
void *tfc_bsp_free_ram_end(void);

/* SysTick, clocked by the core, counted across wraps: cycles since
 * tfc_bsp_cycles_start(). Under `qemu -icount shift=0` each instruction
 * takes one nanosecond of virtual time, so cycles / (core MHz / 1000)
 * counts instructions to within one tick. */
void tfc_bsp_cycles_start(void);
uint64_t tfc_bsp_cycles(void);

#endif /* TFC_BSP_H */
