/*===- mcu_driver.c - Run any tfc-compiled model on a Cortex-M board ------===*
 *
 * The bare-metal twin of driver.c, for the boards of runtime/bsp under
 * qemu-system-arm with semihosting: the same command line (QEMU's -append),
 *
 *   in0.bin ... inN.bin -- out0.bin ... outM.bin
 *
 * read and written as host files. There is no malloc: the argument and
 * result buffers and the arena are carved, aligned, from the free RAM
 * between .bss and the stack. Prints the bytes it used and the core's
 * cycles for the run (SysTick; instructions under qemu -icount shift=0),
 * and exits 0, or 1 with a one-line reason. Built by test/e2e/run_mcu.py:
 *
 *   arm-none-eabi-gcc $(BSP_CFLAGS) -DTFC_MODEL_HEADER='"model.h"'
 *       -DTFC_MODEL_PREFIX=model mcu_driver.c $(BSP_SOURCES) libmodel.a
 *       $(BSP_LDFLAGS)
 *
 * scripts/tflm-compare.py builds it around a TensorFlow Lite Micro model
 * instead (scripts/tflm/tflm_model.h), whose header defines
 * TFC_DRIVER_INIT: a set-up step run once on the arena before the timed
 * run.
 *
 *===----------------------------------------------------------------------===*/

#include "bsp.h"

#include "model_api.h"

#define MAX_COMMAND_LINE 1024

static int fail(const char *what, const char *detail) {
  tfc_bsp_puts(TFC_DRIVER_NAME ": ");
  tfc_bsp_puts(what);
  if (detail) {
    tfc_bsp_puts(" '");
    tfc_bsp_puts(detail);
    tfc_bsp_puts("'");
  }
  tfc_bsp_puts("\n");
  return 1;
}

/* Splits `line` in place at spaces; returns the word count. */
static int split_words(char *line, char **words, int max_words) {
  int count = 0;
  for (char *p = line; *p;) {
    while (*p == ' ')
      *p++ = '\0';
    if (!*p)
      break;
    if (count == max_words)
      return -1;
    words[count++] = p;
    while (*p && *p != ' ')
      ++p;
  }
  return count;
}

static char *free_ram;

/* `size` bytes at the next multiple of `alignment` of the free RAM. */
static void *carve(size_t alignment, size_t size) {
  uintptr_t start = ((uintptr_t)free_ram + alignment - 1) & ~(alignment - 1);
  if (start + size > (uintptr_t)tfc_bsp_free_ram_end())
    return 0;
  free_ram = (char *)(start + size);
  return (void *)start;
}

static int read_file(const char *path, void *buffer, size_t size) {
  int handle = tfc_bsp_open(path, 0);
  if (handle < 0)
    return fail("cannot open input", path);
  long file_size = tfc_bsp_file_size(handle);
  int ok = file_size >= 0 && (size_t)file_size == size &&
           (size == 0 || tfc_bsp_read(handle, buffer, size) == 0);
  tfc_bsp_close(handle);
  return ok ? 0 : fail("input has the wrong size or cannot be read", path);
}

static int write_file(const char *path, const void *buffer, size_t size) {
  int handle = tfc_bsp_open(path, 1);
  if (handle < 0)
    return fail("cannot create output", path);
  int ok = size == 0 || tfc_bsp_write(handle, buffer, size) == 0;
  tfc_bsp_close(handle);
  return ok ? 0 : fail("cannot write output", path);
}

int main(void) {
  static char line[MAX_COMMAND_LINE];
  char *words[2 + NONZERO(NUM_ARGS) + NONZERO(NUM_RESULTS)];
  if (tfc_bsp_command_line(line, sizeof line) != 0)
    return fail("cannot read the command line (semihosting off?)", 0);
  /* words[0] is the program (QEMU: the kernel's file name). */
  int count = split_words(line, words, (int)(sizeof words / sizeof *words));
  int separator = 1;
  while (separator < count &&
         !(words[separator][0] == '-' && words[separator][1] == '-' &&
           words[separator][2] == '\0'))
    ++separator;
  if (count < 0 || separator - 1 != NUM_ARGS ||
      count - separator - 1 != NUM_RESULTS)
    return fail("usage: in0.bin ... -- out0.bin ... (one per argument and "
                "result of the model)",
                0);

  free_ram = (char *)tfc_bsp_free_ram_begin();
  const void *args[NONZERO(NUM_ARGS)] = {0};
  void *results[NONZERO(NUM_RESULTS)] = {0};
  for (int i = 0; i < NUM_ARGS; ++i) {
    void *buffer = carve(BUFFER_ALIGNMENT, FN(_arg_sizes)[i]);
    if (!buffer)
      return fail("the arguments do not fit in RAM", 0);
    if (read_file(words[1 + i], buffer, FN(_arg_sizes)[i]) != 0)
      return 1;
    args[i] = buffer;
  }
  for (int i = 0; i < NUM_RESULTS; ++i)
    if (!(results[i] = carve(BUFFER_ALIGNMENT, FN(_result_sizes)[i])))
      return fail("the results do not fit in RAM", 0);
  void *arena = carve(DEF(_ARENA_ALIGNMENT), DEF(_ARENA_SIZE));
  if (!arena)
    return fail("the arena does not fit in RAM", 0);
#ifdef TFC_DRIVER_INIT
  /* Untimed set-up (see the top). */
  int init_status = TFC_DRIVER_INIT(arena);
  if (init_status != 0)
    return fail("set-up failed:", tfc_status_string(init_status));
#endif

  tfc_bsp_cycles_start();
  int status = FN(_run)(args, results, arena);
  uint64_t cycles = tfc_bsp_cycles();
  if (status != 0)
    return fail("run failed:", tfc_status_string(status));

  for (int i = 0; i < NUM_RESULTS; ++i)
    if (write_file(words[separator + 1 + i], results[i],
                   FN(_result_sizes)[i]) != 0)
      return 1;
  tfc_bsp_puts("ram used: ");
  tfc_bsp_put_int((long)(free_ram - (char *)tfc_bsp_free_ram_begin()));
  tfc_bsp_puts(" bytes\ncycles: ");
  tfc_bsp_put_int((long)cycles);
  tfc_bsp_puts("\n");
  return 0;
}
