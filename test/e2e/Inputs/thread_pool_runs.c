/* A compiled model run on thread pools of 2 and 3 threads gives results
 * bit-identical to a run on the caller's thread alone: the kernels split
 * outputs between threads, never a sum. Runs each pool 20 times.
 *
 * Build: cc -std=c11 -I<dir of model.h> -DTFC_MODEL_HEADER='"model.h"'
 *        thread_pool_runs.c libmodel.a -lm -lpthread
 * The model's C prefix must be `model`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include TFC_MODEL_HEADER

enum { kRuns = 20 };

static void *buffer(size_t size) {
  void *data = tfc_aligned_alloc(MODEL_ARENA_ALIGNMENT, size ? size : 1);
  if (!data) {
    fprintf(stderr, "out of memory\n");
    exit(1);
  }
  return data;
}

int main(void) {
  const void *args[MODEL_NUM_ARGS > 0 ? MODEL_NUM_ARGS : 1];
  void *reference[MODEL_NUM_RESULTS], *results[MODEL_NUM_RESULTS];
  for (int i = 0; i < MODEL_NUM_ARGS; ++i) {
    float *data = buffer(model_arg_sizes[i]);
    for (size_t j = 0; j < model_arg_sizes[i] / sizeof(float); ++j)
      data[j] = (float)((j * 7919) % 1000) / 500.0f - 1.0f;
    args[i] = data;
  }
  for (int i = 0; i < MODEL_NUM_RESULTS; ++i) {
    reference[i] = buffer(model_result_sizes[i]);
    results[i] = buffer(model_result_sizes[i]);
  }
  void *arena = buffer(MODEL_ARENA_SIZE);
  if (model_run(args, reference, arena) != 0) {
    fprintf(stderr, "the reference run failed\n");
    return 1;
  }
  int mismatches = 0, failures = 0;
  for (int threads = 2; threads <= 3; ++threads) {
    tfc_thread_pool *pool = tfc_thread_pool_create(threads);
    if (!pool) {
      fprintf(stderr, "cannot create a pool of %d threads\n", threads);
      return 1;
    }
    for (int run = 0; run < kRuns; ++run) {
      for (int i = 0; i < MODEL_NUM_RESULTS; ++i)
        memset(results[i], 0xA5, model_result_sizes[i]);
      if (model_run_with_pool(args, results, arena, pool) != 0) {
        ++failures;
        continue;
      }
      for (int i = 0; i < MODEL_NUM_RESULTS; ++i)
        if (memcmp(results[i], reference[i], model_result_sizes[i]) != 0) {
          ++mismatches;
          break;
        }
    }
    printf("pool of %d threads: %d runs, failures %d, mismatches %d\n",
           tfc_thread_pool_size(pool), kRuns, failures, mismatches);
    tfc_thread_pool_destroy(pool);
  }
  return failures || mismatches;
}
