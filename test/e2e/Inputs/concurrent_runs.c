/* Two instances of one compiled model run concurrently, each in its own
 * thread with its own arena and result buffers, must give results
 * bit-identical to a serial run: generated code keeps no state of its own
 * (weights are read-only, everything else lives in the caller's arena).
 *
 * Build: cc -std=c11 -I<dir of model.h> -DTFC_MODEL_HEADER='"model.h"'
 *        concurrent_runs.c libmodel.a -lm -lpthread
 * The model's C prefix must be `model` and its arguments float32.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include TFC_MODEL_HEADER

enum { kThreads = 2, kIterations = 100 };

static const void *args[MODEL_NUM_ARGS];
static void *reference[MODEL_NUM_RESULTS];

typedef struct {
  void *arena;
  void *results[MODEL_NUM_RESULTS];
  int failures;   /* runs that returned non-zero */
  int mismatches; /* runs whose results differ from the reference */
} Worker;

static void *aligned_buffer(size_t size) {
  size_t alignment = MODEL_ARENA_ALIGNMENT;
  size_t rounded = (size + alignment - 1) / alignment * alignment;
  return aligned_alloc(alignment, rounded ? rounded : alignment);
}

static int run_once(Worker *worker) {
  for (int j = 0; j < MODEL_NUM_RESULTS; ++j)
    memset(worker->results[j], 0xA5, model_result_sizes[j]);
  return model_run(args, worker->results, worker->arena);
}

static int same_as_reference(const Worker *worker) {
  for (int j = 0; j < MODEL_NUM_RESULTS; ++j)
    if (memcmp(worker->results[j], reference[j], model_result_sizes[j]) != 0)
      return 0;
  return 1;
}

static void *work(void *arg) {
  Worker *worker = arg;
  for (int i = 0; i < kIterations; ++i) {
    if (run_once(worker) != 0)
      ++worker->failures;
    else if (!same_as_reference(worker))
      ++worker->mismatches;
  }
  return NULL;
}

static void init_worker(Worker *worker) {
  memset(worker, 0, sizeof *worker);
  worker->arena = aligned_buffer(MODEL_ARENA_SIZE);
  for (int j = 0; j < MODEL_NUM_RESULTS; ++j)
    worker->results[j] = aligned_buffer(model_result_sizes[j]);
}

int main(void) {
  /* Inputs in [-1, 1) from a fixed linear congruential generator. */
  unsigned state = 12345u;
  for (int i = 0; i < MODEL_NUM_ARGS; ++i) {
    size_t count = model_arg_sizes[i] / sizeof(float);
    float *values = aligned_buffer(model_arg_sizes[i]);
    for (size_t k = 0; k < count; ++k) {
      state = state * 1664525u + 1013904223u;
      values[k] = (float)(state >> 8) / (float)(1u << 23) - 1.0f;
    }
    args[i] = values;
  }

  Worker serial;
  init_worker(&serial);
  if (run_once(&serial) != 0) {
    fprintf(stderr, "serial run failed\n");
    return 1;
  }
  for (int j = 0; j < MODEL_NUM_RESULTS; ++j) {
    reference[j] = malloc(model_result_sizes[j]);
    memcpy(reference[j], serial.results[j], model_result_sizes[j]);
  }
  int serial_repeat = run_once(&serial) == 0 && same_as_reference(&serial);
  printf("serial runs identical: %s\n", serial_repeat ? "yes" : "no");

  Worker workers[kThreads];
  pthread_t threads[kThreads];
  for (int t = 0; t < kThreads; ++t) {
    init_worker(&workers[t]);
    if (pthread_create(&threads[t], NULL, work, &workers[t]) != 0) {
      fprintf(stderr, "pthread_create failed\n");
      return 1;
    }
  }
  int failures = 0, mismatches = 0;
  for (int t = 0; t < kThreads; ++t) {
    pthread_join(threads[t], NULL);
    failures += workers[t].failures;
    mismatches += workers[t].mismatches;
  }
  printf("concurrent runs: %d threads x %d, failures %d, mismatches %d\n",
         kThreads, kIterations, failures, mismatches);
  return serial_repeat && failures == 0 && mismatches == 0 ? 0 : 1;
}
