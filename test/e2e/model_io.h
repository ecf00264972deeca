/*===- model_io.h - what the model drivers share --------------------------===*
 *
 * Included by test/e2e/driver.c and benchmarks/bench_driver.c, which run any
 * tfc-compiled model through its C API (named by model_api.h): reading
 * inputs, writing results and allocating buffers with one-line errors
 * naming the program (TFC_DRIVER_NAME).
 *
 *===----------------------------------------------------------------------===*/

#ifndef TFC_TEST_E2E_MODEL_IO_H
#define TFC_TEST_E2E_MODEL_IO_H

#include <stdio.h>
#include <stdlib.h>

#include "model_api.h"

static const char *program = TFC_DRIVER_NAME;

/* Reads `path` into `buffer`, which holds exactly `size` bytes. */
static int read_input(const char *path, void *buffer, size_t size, int index) {
  FILE *file = fopen(path, "rb");
  if (!file) {
    fprintf(stderr, "%s: cannot open input %d '%s'\n", program, index, path);
    return 0;
  }
  long file_size = -1;
  if (fseek(file, 0, SEEK_END) == 0)
    file_size = ftell(file);
  if (file_size < 0 || (size_t)file_size != size) {
    fprintf(stderr,
            "%s: input %d '%s' has %ld bytes, but argument %d needs %zu\n",
            program, index, path, file_size, index, size);
    fclose(file);
    return 0;
  }
  rewind(file);
  int ok = size == 0 || fread(buffer, 1, size, file) == size;
  fclose(file);
  if (!ok)
    fprintf(stderr, "%s: cannot read input %d '%s'\n", program, index, path);
  return ok;
}

static int write_output(const char *path, const void *buffer, size_t size) {
  FILE *file = fopen(path, "wb");
  int ok = file && fwrite(buffer, 1, size, file) == size;
  if (file && fclose(file) != 0)
    ok = 0;
  if (!ok)
    fprintf(stderr, "%s: cannot write output '%s'\n", program, path);
  return ok;
}

/* tfc_aligned_alloc, treating a NULL for a zero-byte request as success. */
static int allocate(void **ptr, size_t alignment, size_t size) {
  *ptr = size ? tfc_aligned_alloc(alignment, size) : NULL;
  if (size && !*ptr) {
    fprintf(stderr, "%s: cannot allocate %zu bytes\n", program, size);
    return 0;
  }
  return 1;
}

static void release(void *ptr) {
  if (ptr)
    tfc_aligned_free(ptr);
}

#endif /* TFC_TEST_E2E_MODEL_IO_H */
