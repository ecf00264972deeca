/*===- peak.c - Measured FP32 FMA peak of this machine --------------------===*
 *
 * The roof that scripts/bench.py --micro holds kernels against: a loop of
 * fused multiply-adds on 12 independent vector accumulators (enough to hide
 * the FMA latency on two FMA ports), with no memory traffic. The widest
 * variant the CPU supports is picked at run time: AVX-512F (16 lanes), then
 * AVX2+FMA (8 lanes), else GCC/Clang vector extensions of 4 lanes (NEON on
 * AArch64, where -O2 contracts a*b+c into an FMA).
 *
 *   cc -std=c11 -O2 -Wall peak.c -o peak -lpthread
 *   peak [--seconds S] [T ...]
 *
 * For each thread count T (default 1) it starts T pthreads that run the loop
 * together and prints "peak threads=T isa=<isa> gflops=<G>": the FLOPs of
 * all threads (an FMA counts 2) over the wall time of the slowest, best of 3
 * repetitions of about S seconds each (default 0.2). T = 1 is the
 * single-core peak; T = number of cores the whole machine's.
 *
 *   peak --round-trip
 *
 * prints "round_trip cpus=A,B ns=<N>" (Linux): two threads pinned to the
 * first two CPUs it may run on pass a cache line back and forth, and N is
 * the median time of one round trip over 5 runs of 20000. Two threads of a
 * model split every layer and read each other's results, so this time
 * bounds how well they can scale: on the 2-core Zen 2 machines of the
 * twenty-sixth session it was 50-70 ns in some minutes (the two virtual
 * CPUs sharing an L3) and 400-490 ns in others, and MobileNetV2 on two
 * threads took 4.2 and 5.0-5.8 ms. Prints "round_trip n/a" elsewhere.
 *
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE /* pthread_setaffinity_np, CPU_SET */

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ACCUMULATORS 12

typedef float v4f __attribute__((vector_size(16)));

/* Runs `iterations` steps of 12 vector FMAs; returns a value that depends on
 * every accumulator so the loop cannot be dropped. `lanes` receives the
 * vector width. */
typedef float (*kernel_fn)(long iterations, float a, float b);

static float kernel_portable(long iterations, float a, float b) {
  v4f acc[ACCUMULATORS];
  v4f va = {a, a, a, a}, vb = {b, b, b, b};
  for (int i = 0; i < ACCUMULATORS; ++i)
    acc[i] = (v4f){1, 1, 1, 1} + (float)i;
  for (long n = 0; n < iterations; ++n) {
#pragma GCC unroll 12
    for (int i = 0; i < ACCUMULATORS; ++i)
      acc[i] = acc[i] * va + vb;
    __asm__ volatile("" : "+g"(n)); /* keep the loop a loop */
  }
  v4f sum = acc[0];
  for (int i = 1; i < ACCUMULATORS; ++i)
    sum += acc[i];
  return sum[0] + sum[1] + sum[2] + sum[3];
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

__attribute__((target("avx2,fma"))) static float kernel_avx2(long iterations,
                                                             float a, float b) {
  __m256 va = _mm256_set1_ps(a), vb = _mm256_set1_ps(b);
  __m256 c0 = _mm256_set1_ps(1.0f), c1 = _mm256_set1_ps(1.1f),
         c2 = _mm256_set1_ps(1.2f), c3 = _mm256_set1_ps(1.3f),
         c4 = _mm256_set1_ps(1.4f), c5 = _mm256_set1_ps(1.5f),
         c6 = _mm256_set1_ps(1.6f), c7 = _mm256_set1_ps(1.7f),
         c8 = _mm256_set1_ps(1.8f), c9 = _mm256_set1_ps(1.9f),
         c10 = _mm256_set1_ps(2.0f), c11 = _mm256_set1_ps(2.1f);
  for (long n = 0; n < iterations; ++n) {
    c0 = _mm256_fmadd_ps(c0, va, vb);
    c1 = _mm256_fmadd_ps(c1, va, vb);
    c2 = _mm256_fmadd_ps(c2, va, vb);
    c3 = _mm256_fmadd_ps(c3, va, vb);
    c4 = _mm256_fmadd_ps(c4, va, vb);
    c5 = _mm256_fmadd_ps(c5, va, vb);
    c6 = _mm256_fmadd_ps(c6, va, vb);
    c7 = _mm256_fmadd_ps(c7, va, vb);
    c8 = _mm256_fmadd_ps(c8, va, vb);
    c9 = _mm256_fmadd_ps(c9, va, vb);
    c10 = _mm256_fmadd_ps(c10, va, vb);
    c11 = _mm256_fmadd_ps(c11, va, vb);
  }
  __m256 s = _mm256_add_ps(
      _mm256_add_ps(
          _mm256_add_ps(_mm256_add_ps(c0, c1), _mm256_add_ps(c2, c3)),
          _mm256_add_ps(_mm256_add_ps(c4, c5), _mm256_add_ps(c6, c7))),
      _mm256_add_ps(_mm256_add_ps(c8, c9), _mm256_add_ps(c10, c11)));
  float out[8];
  _mm256_storeu_ps(out, s);
  return out[0] + out[7];
}

__attribute__((target("avx512f"))) static float
kernel_avx512(long iterations, float a, float b) {
  __m512 va = _mm512_set1_ps(a), vb = _mm512_set1_ps(b);
  __m512 c0 = _mm512_set1_ps(1.0f), c1 = _mm512_set1_ps(1.1f),
         c2 = _mm512_set1_ps(1.2f), c3 = _mm512_set1_ps(1.3f),
         c4 = _mm512_set1_ps(1.4f), c5 = _mm512_set1_ps(1.5f),
         c6 = _mm512_set1_ps(1.6f), c7 = _mm512_set1_ps(1.7f),
         c8 = _mm512_set1_ps(1.8f), c9 = _mm512_set1_ps(1.9f),
         c10 = _mm512_set1_ps(2.0f), c11 = _mm512_set1_ps(2.1f);
  for (long n = 0; n < iterations; ++n) {
    c0 = _mm512_fmadd_ps(c0, va, vb);
    c1 = _mm512_fmadd_ps(c1, va, vb);
    c2 = _mm512_fmadd_ps(c2, va, vb);
    c3 = _mm512_fmadd_ps(c3, va, vb);
    c4 = _mm512_fmadd_ps(c4, va, vb);
    c5 = _mm512_fmadd_ps(c5, va, vb);
    c6 = _mm512_fmadd_ps(c6, va, vb);
    c7 = _mm512_fmadd_ps(c7, va, vb);
    c8 = _mm512_fmadd_ps(c8, va, vb);
    c9 = _mm512_fmadd_ps(c9, va, vb);
    c10 = _mm512_fmadd_ps(c10, va, vb);
    c11 = _mm512_fmadd_ps(c11, va, vb);
  }
  __m512 s = _mm512_add_ps(
      _mm512_add_ps(
          _mm512_add_ps(_mm512_add_ps(c0, c1), _mm512_add_ps(c2, c3)),
          _mm512_add_ps(_mm512_add_ps(c4, c5), _mm512_add_ps(c6, c7))),
      _mm512_add_ps(_mm512_add_ps(c8, c9), _mm512_add_ps(c10, c11)));
  return _mm512_reduce_add_ps(s);
}
#endif

static kernel_fn kernel = kernel_portable;
static int lanes = 4;
static const char *isa = "portable-4";

static void pick_kernel(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    kernel = kernel_avx512, lanes = 16, isa = "avx512f";
  } else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    kernel = kernel_avx2, lanes = 8, isa = "avx2+fma";
  }
#elif defined(__aarch64__)
  isa = "neon";
#endif
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

struct worker {
  pthread_t thread;
  long iterations;
  pthread_barrier_t *start;
  double end;
  volatile float sink;
};

static void *work(void *arg) {
  struct worker *w = arg;
  pthread_barrier_wait(w->start);
  w->sink = kernel(w->iterations, 0.999999f, 1e-6f);
  w->end = now_s();
  return NULL;
}

/* GFLOP/s of `threads` threads running `iterations` each, together. */
static double measure(int threads, long iterations) {
  struct worker *workers = calloc((size_t)threads, sizeof *workers);
  pthread_barrier_t start;
  if (!workers || pthread_barrier_init(&start, NULL, (unsigned)threads + 1)) {
    fprintf(stderr, "peak: cannot set up %d threads\n", threads);
    exit(1);
  }
  for (int t = 0; t < threads; ++t) {
    workers[t].iterations = iterations;
    workers[t].start = &start;
    if (pthread_create(&workers[t].thread, NULL, work, &workers[t])) {
      fprintf(stderr, "peak: cannot start thread %d\n", t);
      exit(1);
    }
  }
  double begin = now_s();
  pthread_barrier_wait(&start);
  double end = begin;
  for (int t = 0; t < threads; ++t) {
    pthread_join(workers[t].thread, NULL);
    if (workers[t].end > end)
      end = workers[t].end;
  }
  pthread_barrier_destroy(&start);
  free(workers);
  double flops = 2.0 * ACCUMULATORS * lanes * (double)iterations * threads;
  return flops / (end - begin) * 1e-9;
}

#ifdef __linux__
enum { ROUND_TRIPS = 20000, ROUND_TRIP_RUNS = 5 };

struct round_trip {
  _Alignas(64) atomic_long turn; /* odd: the other thread's turn */
  int cpu;
};

static int pin_to(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  return pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static void *answer(void *arg) {
  struct round_trip *r = arg;
  if (pin_to(r->cpu) != 0)
    return NULL;
  for (long i = 0; i < (long)ROUND_TRIPS * ROUND_TRIP_RUNS; ++i) {
    while (atomic_load_explicit(&r->turn, memory_order_acquire) != 2 * i + 1)
      ;
    atomic_store_explicit(&r->turn, 2 * i + 2, memory_order_release);
  }
  return NULL;
}

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int round_trip(void) {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0)
    return printf("round_trip n/a\n"), 0;
  int cpus[2], found = 0;
  for (int c = 0; c < CPU_SETSIZE && found < 2; ++c)
    if (CPU_ISSET(c, &allowed))
      cpus[found++] = c;
  static struct round_trip r;
  pthread_t thread;
  if (found < 2 || pin_to(cpus[0]) != 0)
    return printf("round_trip n/a\n"), 0;
  atomic_init(&r.turn, 0);
  r.cpu = cpus[1];
  if (pthread_create(&thread, NULL, answer, &r) != 0)
    return printf("round_trip n/a\n"), 0;
  double ns[ROUND_TRIP_RUNS];
  for (int run = 0; run < ROUND_TRIP_RUNS; ++run) {
    double start = now_s();
    for (long i = (long)run * ROUND_TRIPS; i < (long)(run + 1) * ROUND_TRIPS;
         ++i) {
      atomic_store_explicit(&r.turn, 2 * i + 1, memory_order_release);
      while (atomic_load_explicit(&r.turn, memory_order_acquire) != 2 * i + 2)
        ;
    }
    ns[run] = (now_s() - start) / ROUND_TRIPS * 1e9;
  }
  pthread_join(thread, NULL);
  qsort(ns, ROUND_TRIP_RUNS, sizeof *ns, compare_doubles);
  printf("round_trip cpus=%d,%d ns=%.0f\n", cpus[0], cpus[1],
         ns[ROUND_TRIP_RUNS / 2]);
  return 0;
}
#else
static int round_trip(void) { return printf("round_trip n/a\n"), 0; }
#endif

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--round-trip") == 0)
    return round_trip();
  double seconds = 0.2;
  int first = 1;
  if (argc > 2 && strcmp(argv[1], "--seconds") == 0) {
    seconds = atof(argv[2]);
    first = 3;
  }
  if (seconds <= 0 || seconds > 60) {
    fprintf(stderr, "usage: peak [--seconds S] [threads ...] | --round-trip\n");
    return 2;
  }
  pick_kernel();
  /* Calibrate on one thread: grow until a run takes 20 ms. */
  long iterations = 1 << 16;
  for (;;) {
    double start = now_s();
    volatile float sink = kernel(iterations, 0.999999f, 1e-6f);
    (void)sink;
    double took = now_s() - start;
    if (took > 0.02) {
      iterations = (long)((double)iterations * seconds / took) + 1;
      break;
    }
    iterations *= 2;
  }
  int default_threads[] = {1};
  int count = argc > first ? argc - first : 1;
  for (int k = 0; k < count; ++k) {
    int threads = argc > first ? atoi(argv[first + k]) : default_threads[0];
    if (threads < 1 || threads > 1024) {
      fprintf(stderr, "peak: bad thread count '%s'\n", argv[first + k]);
      return 2;
    }
    double best = 0;
    for (int rep = 0; rep < 3; ++rep) {
      double g = measure(threads, iterations);
      if (g > best)
        best = g;
    }
    printf("peak threads=%d isa=%s gflops=%.1f\n", threads, isa, best);
    fflush(stdout);
  }
  return 0;
}
