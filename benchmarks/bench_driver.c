/*===- bench_driver.c - Time any tfc-compiled model through its C API -----===*
 *
 * The timing half of scripts/bench.py: reads the model's inputs once, then
 * runs the model and prints how long each run took. Like test/e2e/driver.c it
 * knows the model only through the header tfc-compile generated:
 *
 *   cc -std=c11 -O2 -Wall -I<dir of model.h> -Itest/e2e \
 *      -DTFC_MODEL_HEADER='"model.h"' -DTFC_MODEL_PREFIX=model \
 *      bench_driver.c libmodel.a -lm -lpthread
 *
 * (TFC_MODEL_PREFIX_UPPER, default MODEL, as in driver.c.)
 *
 * Usage:
 *   bench_driver [options] in0.bin ... inN.bin [-- out0.bin ... outM.bin]
 *     --threads T   threads of the runtime's pool (default 1); T > 1 needs a
 *                   runtime with a thread pool (the header defines
 *                   TFC_HAS_THREAD_POOL), else the driver exits with 3
 *     --warmup W    untimed runs first (default 3)
 *     --runs N      timed runs (default 10), one "run_ms <ms>" line each,
 *                   then "median_ms <ms>"
 *     --serve       after the warm-up, read one number K per line from
 *                   stdin, do K timed runs and print their times in ms on
 *                   one line, space-separated, until end of input; bench.py
 *                   keeps one driver per model and alternates engines this way
 * Output files, when given, receive the results of the last run.
 *
 * The pool, buffers and arena are set up once, outside the timed loop; a
 * timed run is exactly one <prefix>_run (or <prefix>_run_with_pool) call,
 * timed with clock_gettime(CLOCK_MONOTONIC). Exit codes: 0 ok, 1 error,
 * 2 usage, 3 threads requested but not supported.
 *
 *===----------------------------------------------------------------------===*/

#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TFC_DRIVER_NAME "bench_driver"
#include "model_io.h" /* test/e2e/: what the model drivers share */

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec * 1e-6;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Everything one run needs, set up once. */
struct bench {
  const void *args[NONZERO(NUM_ARGS)];
  void *results[NONZERO(NUM_RESULTS)];
  void *arena;
#ifdef TFC_HAS_THREAD_POOL
  tfc_thread_pool *pool;
#endif
};

static int run_once(struct bench *b) {
#ifdef TFC_HAS_THREAD_POOL
  int status = FN(_run_with_pool)(b->args, b->results, b->arena, b->pool);
#else
  int status = FN(_run)(b->args, b->results, b->arena);
#endif
  if (status != 0)
    fprintf(stderr, "%s: run failed: %s (status %d)\n", program,
            tfc_status_string(status), status);
  return status == 0;
}

/* Times `n` runs into `times` (ms); 0 when a run failed. */
static int time_runs(struct bench *b, int n, double *times) {
  for (int i = 0; i < n; ++i) {
    double start = now_ms();
    if (!run_once(b))
      return 0;
    times[i] = now_ms() - start;
  }
  return 1;
}

static int parse_count(const char *text, int min, int *value) {
  char *end;
  long v = strtol(text, &end, 10);
  if (*text == '\0' || *end != '\0' || v < min || v > 1000000)
    return 0;
  *value = (int)v;
  return 1;
}

static int usage(void) {
  fprintf(stderr,
          "usage: %s [--threads T] [--warmup W] [--runs N] [--serve] "
          "in0.bin ... [-- out0.bin ...]\n"
          "the model takes %d input files and writes %d output files\n",
          program, NUM_ARGS, NUM_RESULTS);
  return 2;
}

int main(int argc, char **argv) {
  program = argv[0];
  int threads = 1, warmup = 3, runs = 10, serve = 0;
  int i = 1;
  for (; i < argc && strncmp(argv[i], "--", 2) == 0 && argv[i][2]; ++i) {
    const char *opt = argv[i];
    if (strcmp(opt, "--serve") == 0) {
      serve = 1;
      continue;
    }
    if (i + 1 >= argc)
      return usage();
    const char *value = argv[++i];
    int ok = strcmp(opt, "--threads") == 0  ? parse_count(value, 1, &threads)
             : strcmp(opt, "--warmup") == 0 ? parse_count(value, 0, &warmup)
             : strcmp(opt, "--runs") == 0   ? parse_count(value, 1, &runs)
                                            : 0;
    if (!ok)
      return usage();
  }
  int first_input = i;
  while (i < argc && strcmp(argv[i], "--") != 0)
    ++i;
  int num_inputs = i - first_input;
  int num_outputs = i < argc ? argc - i - 1 : 0;
  if (num_inputs != NUM_ARGS ||
      (num_outputs != 0 && num_outputs != NUM_RESULTS))
    return usage();
  char **input_paths = argv + first_input;
  char **output_paths = argv + i + 1;

#ifndef TFC_HAS_THREAD_POOL
  if (threads > 1) {
    fprintf(stderr,
            "%s: --threads %d: this tfc runtime has no thread pool (the model "
            "header does not define TFC_HAS_THREAD_POOL); only 1 thread\n",
            program, threads);
    return 3;
  }
#endif

  struct bench b;
  memset(&b, 0, sizeof b);
  void *args[NONZERO(NUM_ARGS)] = {NULL};
  double *times = NULL;
  int exit_code = 1;

  for (int k = 0; k < NUM_ARGS; ++k) {
    size_t size = FN(_arg_sizes)[k];
    if (!allocate(&args[k], BUFFER_ALIGNMENT, size) ||
        !read_input(input_paths[k], args[k], size, k))
      goto done;
    b.args[k] = args[k];
  }
  for (int k = 0; k < NUM_RESULTS; ++k)
    if (!allocate(&b.results[k], BUFFER_ALIGNMENT, FN(_result_sizes)[k]))
      goto done;
  if (!allocate(&b.arena, DEF(_ARENA_ALIGNMENT), DEF(_ARENA_SIZE)))
    goto done;
#ifdef TFC_HAS_THREAD_POOL
  b.pool = tfc_thread_pool_create(threads);
  if (!b.pool) {
    fprintf(stderr, "%s: cannot create a pool of %d threads\n", program,
            threads);
    goto done;
  }
#endif

  for (int k = 0; k < warmup; ++k)
    if (!run_once(&b))
      goto done;

  if (serve) {
    printf("ready\n");
    fflush(stdout);
    char line[64];
    int capacity = 0;
    while (fgets(line, sizeof line, stdin)) {
      line[strcspn(line, "\r\n")] = '\0';
      int n;
      if (!parse_count(line, 1, &n)) {
        fprintf(stderr, "%s: expected a run count, got '%s'\n", program, line);
        goto done;
      }
      if (n > capacity) {
        free(times);
        times = malloc(sizeof *times * (size_t)n);
        capacity = times ? n : 0;
        if (!times)
          goto done;
      }
      if (!time_runs(&b, n, times))
        goto done;
      for (int k = 0; k < n; ++k)
        printf(k ? " %.6f" : "%.6f", times[k]);
      printf("\n");
      fflush(stdout);
    }
  } else {
    times = malloc(sizeof *times * (size_t)runs);
    if (!times || !time_runs(&b, runs, times))
      goto done;
    for (int k = 0; k < runs; ++k)
      printf("run_ms %.6f\n", times[k]);
    qsort(times, (size_t)runs, sizeof *times, compare_doubles);
    double median = runs % 2 ? times[runs / 2]
                             : 0.5 * (times[runs / 2 - 1] + times[runs / 2]);
    printf("median_ms %.6f\n", median);
  }
  if (num_outputs)
    for (int k = 0; k < NUM_RESULTS; ++k)
      if (!write_output(output_paths[k], b.results[k], FN(_result_sizes)[k]))
        goto done;
  exit_code = 0;

done:
  free(times);
#ifdef TFC_HAS_THREAD_POOL
  if (b.pool)
    tfc_thread_pool_destroy(b.pool);
#endif
  release(b.arena);
  for (int k = 0; k < NONZERO(NUM_RESULTS); ++k)
    release(b.results[k]);
  for (int k = 0; k < NONZERO(NUM_ARGS); ++k)
    release(args[k]);
  return exit_code;
}
