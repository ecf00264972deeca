/*===- semihosting.c - console, files and exit through ARM semihosting ----===*
 *
 * Each call is `bkpt 0xab` with the operation in r0 and a pointer to its
 * arguments in r1 (the ARM semihosting specification, v2); the debugger or
 * QEMU performs it on the host and returns the result in r0.
 *
 *===----------------------------------------------------------------------===*/

#include "bsp.h"

enum {
  SYS_OPEN = 0x01,
  SYS_CLOSE = 0x02,
  SYS_WRITE0 = 0x04,
  SYS_WRITE = 0x05,
  SYS_READ = 0x06,
  SYS_FLEN = 0x0c,
  SYS_GET_CMDLINE = 0x15,
  SYS_EXIT = 0x18,
  SYS_EXIT_EXTENDED = 0x20,
  ADP_STOPPED_APPLICATION_EXIT = 0x20026,
  OPEN_MODE_RB = 1,
  OPEN_MODE_WB = 5
};

static int semihost(int operation, const void *arguments) {
  register int r0 __asm__("r0") = operation;
  register const void *r1 __asm__("r1") = arguments;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static size_t length(const char *text) {
  size_t n = 0;
  while (text[n])
    ++n;
  return n;
}

void tfc_bsp_puts(const char *text) { semihost(SYS_WRITE0, text); }

void tfc_bsp_put_int(long value) {
  char digits[24];
  char *end = digits + sizeof digits - 1, *p = end;
  unsigned long magnitude =
      value < 0 ? 0ul - (unsigned long)value : (unsigned long)value;
  *p = '\0';
  do {
    *--p = (char)('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude);
  if (value < 0)
    *--p = '-';
  tfc_bsp_puts(p);
}

void tfc_bsp_put_fixed(float value, int decimals) {
  if (decimals > 9)
    decimals = 9;
  if (value != value) {
    tfc_bsp_puts("nan");
    return;
  }
  if (value < 0) {
    tfc_bsp_puts("-");
    value = -value;
  }
  unsigned long scale = 1;
  for (int i = 0; i < decimals; ++i)
    scale *= 10;
  if (value * scale >= 4e18f) {
    tfc_bsp_puts("inf");
    return;
  }
  unsigned long long scaled = (unsigned long long)(value * scale + 0.5f);
  tfc_bsp_put_int((long)(scaled / scale));
  if (decimals > 0) {
    char fraction[12];
    unsigned long rest = (unsigned long)(scaled % scale);
    fraction[0] = '.';
    for (int i = decimals; i > 0; --i) {
      fraction[i] = (char)('0' + rest % 10);
      rest /= 10;
    }
    fraction[decimals + 1] = '\0';
    tfc_bsp_puts(fraction);
  }
}

int tfc_bsp_open(const char *path, int write) {
  const void *arguments[3] = {
      path, (void *)(uintptr_t)(write ? OPEN_MODE_WB : OPEN_MODE_RB),
      (void *)(uintptr_t)length(path)};
  return semihost(SYS_OPEN, arguments);
}

long tfc_bsp_file_size(int handle) {
  const void *arguments[1] = {(void *)(intptr_t)handle};
  return semihost(SYS_FLEN, arguments);
}

/* SYS_READ and SYS_WRITE return the number of bytes NOT transferred. */
int tfc_bsp_read(int handle, void *buffer, size_t size) {
  const void *arguments[3] = {(void *)(intptr_t)handle, buffer,
                              (void *)(uintptr_t)size};
  return semihost(SYS_READ, arguments) == 0 ? 0 : -1;
}

int tfc_bsp_write(int handle, const void *buffer, size_t size) {
  const void *arguments[3] = {(void *)(intptr_t)handle, buffer,
                              (void *)(uintptr_t)size};
  return semihost(SYS_WRITE, arguments) == 0 ? 0 : -1;
}

void tfc_bsp_close(int handle) {
  const void *arguments[1] = {(void *)(intptr_t)handle};
  semihost(SYS_CLOSE, arguments);
}

int tfc_bsp_command_line(char *buffer, size_t size) {
  struct {
    char *buffer;
    size_t size;
  } arguments = {buffer, size};
  return semihost(SYS_GET_CMDLINE, &arguments) == 0 ? 0 : -1;
}

void tfc_bsp_exit(int status) {
  /* SYS_EXIT_EXTENDED carries the status; plain SYS_EXIT (a 32-bit
   * semihosting host without the extension) can only say success. */
  const void *arguments[2] = {(void *)(uintptr_t)ADP_STOPPED_APPLICATION_EXIT,
                              (void *)(intptr_t)status};
  semihost(SYS_EXIT_EXTENDED, arguments);
  semihost(SYS_EXIT,
           (void *)(uintptr_t)(status == 0 ? ADP_STOPPED_APPLICATION_EXIT
                                           : 0x20024 /* RunTimeError */));
  for (;;)
    __asm__ volatile("wfi");
}
