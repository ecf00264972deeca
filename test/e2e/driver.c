/*===- driver.c - Run any tfc-compiled model through its C API ------------===*
 *
 * A generic end-to-end driver: reads raw input files, runs the model once with
 * an arena from tfc_aligned_alloc, writes raw result files. It knows the model
 * only through the header tfc-compile generated, so one source serves every
 * model. Build it with
 *
 *   cc -std=c11 -Wall -Werror -I<dir of model.h> \
 *      -DTFC_MODEL_HEADER='"model.h"' -DTFC_MODEL_PREFIX=model \
 *      driver.c libmodel.a -lm -lpthread
 *
 * TFC_MODEL_PREFIX is the lower-case prefix given to tfc-compile --model_name.
 * The preprocessor cannot upper-case it, so the prefix of the macros
 * (MODEL_NUM_ARGS, ...) is TFC_MODEL_PREFIX_UPPER, which defaults to MODEL;
 * "FOO_NUM_ARGS undeclared" means it must be given.
 *
 * Usage: driver in0.bin ... inN.bin -- out0.bin ... outM.bin
 *
 * Files are raw bytes in the model's layout (little-endian, C order); each
 * input's size must equal the argument's byte size. Exits 1 on any error,
 * printing why (tfc_status_string for a failed run).
 *
 *===----------------------------------------------------------------------===*/

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TFC_MODEL_HEADER
#error "define TFC_MODEL_HEADER, e.g. -DTFC_MODEL_HEADER='\"model.h\"'"
#endif
#ifndef TFC_MODEL_PREFIX
#error "define TFC_MODEL_PREFIX, the C prefix, e.g. -DTFC_MODEL_PREFIX=model"
#endif
#ifndef TFC_MODEL_PREFIX_UPPER
#define TFC_MODEL_PREFIX_UPPER MODEL
#endif

#include TFC_MODEL_HEADER

#define TFC_CAT_(a, b) a##b
#define TFC_CAT(a, b) TFC_CAT_(a, b)
/* FN(_run) is model_run; DEF(_NUM_ARGS) is MODEL_NUM_ARGS. */
#define FN(suffix) TFC_CAT(TFC_MODEL_PREFIX, suffix)
#define DEF(suffix) TFC_CAT(TFC_MODEL_PREFIX_UPPER, suffix)

#define NUM_ARGS DEF(_NUM_ARGS)
#define NUM_RESULTS DEF(_NUM_RESULTS)
/* C has no zero-length arrays; a model may have no arguments. */
#define NONZERO(n) ((n) > 0 ? (n) : 1)
/* Buffers get the arena's alignment, which generated code may rely on. */
#define BUFFER_ALIGNMENT DEF(_ARENA_ALIGNMENT)

static const char *program = "driver";

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

int main(int argc, char **argv) {
  program = argv[0];
  int separator = 1;
  while (separator < argc && strcmp(argv[separator], "--") != 0)
    ++separator;
  int num_inputs = separator - 1;
  int num_outputs = separator < argc ? argc - separator - 1 : -1;
  if (num_inputs != NUM_ARGS || num_outputs != NUM_RESULTS) {
    fprintf(stderr,
            "usage: %s in0.bin ... -- out0.bin ...\n"
            "the model takes %d input files and writes %d output files\n",
            program, NUM_ARGS, NUM_RESULTS);
    return 1;
  }
  char **input_paths = argv + 1;
  char **output_paths = argv + separator + 1;

  void *args[NONZERO(NUM_ARGS)] = {NULL};
  const void *const_args[NONZERO(NUM_ARGS)] = {NULL};
  void *results[NONZERO(NUM_RESULTS)] = {NULL};
  void *arena = NULL;
  int exit_code = 1;

  for (int i = 0; i < NUM_ARGS; ++i) {
    size_t size = FN(_arg_sizes)[i];
    if (!allocate(&args[i], BUFFER_ALIGNMENT, size) ||
        !read_input(input_paths[i], args[i], size, i))
      goto done;
    const_args[i] = args[i];
  }
  for (int i = 0; i < NUM_RESULTS; ++i)
    if (!allocate(&results[i], BUFFER_ALIGNMENT, FN(_result_sizes)[i]))
      goto done;
  if (!allocate(&arena, DEF(_ARENA_ALIGNMENT), DEF(_ARENA_SIZE)))
    goto done;

  int status = FN(_run)(const_args, results, arena);
  if (status != 0) {
    fprintf(stderr, "%s: run failed: %s (status %d)\n", program,
            tfc_status_string(status), status);
    goto done;
  }
  for (int i = 0; i < NUM_RESULTS; ++i)
    if (!write_output(output_paths[i], results[i], FN(_result_sizes)[i]))
      goto done;
  exit_code = 0;

done:
  release(arena);
  for (int i = 0; i < NONZERO(NUM_RESULTS); ++i)
    release(results[i]);
  for (int i = 0; i < NONZERO(NUM_ARGS); ++i)
    release(args[i]);
  return exit_code;
}
