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

#include "model_io.h"

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
