/*===- kernel_times.c - time of every kernel call of a compiled model -----===*
 *
 * Linked into bench_driver with the kernel entry points wrapped, it times
 * each call of the runtime's convolution (direct and Winograd), depthwise
 * and fused 1x1-then-depthwise kernels and prints, at exit, one line per call
 * site (its shape, mean ms per run, GFLOP/s, share of all kernel time, then
 * its fastest call and that call's GFLOP/s) and the totals, on stderr. On a
 * machine shared with other work, the fastest calls are the steady view:
 * compare two builds by them, over a few hundred runs. A Winograd call's
 * GFLOP/s count the multiply-adds of the direct convolution it stands for,
 * a fused call's those of its two convolutions.
 *
 *   cc -O2 -I<dir of model.h> -Itest/e2e -DTFC_MODEL_HEADER='"model.h"' \
 *      -DTFC_MODEL_PREFIX=model benchmarks/bench_driver.c \
 *      benchmarks/kernel_times.c libmodel.a -lm -lpthread \
 *      -Wl,--wrap=tfc_conv2d_f32_avx512 \
 *      -Wl,--wrap=tfc_depthwise_conv2d_f32_avx512 \
 *      -Wl,--wrap=tfc_conv2d_winograd_f32_avx512 \
 *      -Wl,--wrap=tfc_pointwise_depthwise_f32_avx512 -o kernel_times
 *   ./kernel_times --warmup 1 --runs 5 inputs/arg0.bin
 *
 * Build with -DKERNEL_ISA=avx2 (and wrap those symbols) for another ISA.
 * A wrap may be left out for a kernel the model does not call.
 * Call sites are told apart by their params array.
 *
 *===----------------------------------------------------------------------===*/

#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#ifndef KERNEL_ISA
#define KERNEL_ISA avx512
#endif
#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define REAL(kernel) CAT(CAT(__real_tfc_, kernel), CAT(_f32_, KERNEL_ISA))
#define WRAP(kernel) CAT(CAT(__wrap_tfc_, kernel), CAT(_f32_, KERNEL_ISA))

typedef struct tfc_thread_pool tfc_thread_pool;
typedef void kernel_fn(const int64_t *, float *, const float *, const float *,
                       const float *, const float *, tfc_thread_pool *);
/* Weak, so that a model without one of the kernels links without its wrap. */
__attribute__((weak)) kernel_fn REAL(conv2d), REAL(depthwise_conv2d),
    REAL(conv2d_winograd), REAL(pointwise_depthwise);

typedef struct {
  const int64_t *params;
  int kind; /* 0: convolution, 1: depthwise, 2: Winograd convolution, 3:
               1x1 convolution then depthwise */
  double seconds;
  double fastest; /* the shortest call */
  long calls;
} call_site;

enum { kMaxSites = 1024 };
static call_site sites[kMaxSites];
static int num_sites;

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void record(const int64_t *params, int kind, double seconds) {
  for (int i = 0; i < num_sites; ++i)
    if (sites[i].params == params) {
      sites[i].seconds += seconds;
      if (seconds < sites[i].fastest)
        sites[i].fastest = seconds;
      ++sites[i].calls;
      return;
    }
  if (num_sites == kMaxSites)
    return;
  sites[num_sites++] = (call_site){params, kind, seconds, seconds, 1};
}

void WRAP(conv2d)(const int64_t *p, float *out, const float *in, const float *w,
                  const float *b, const float *r, tfc_thread_pool *pool) {
  double start = now();
  REAL(conv2d)(p, out, in, w, b, r, pool);
  record(p, 0, now() - start);
}

void WRAP(conv2d_winograd)(const int64_t *p, float *out, const float *in,
                           const float *w, const float *b, const float *r,
                           tfc_thread_pool *pool) {
  double start = now();
  REAL(conv2d_winograd)(p, out, in, w, b, r, pool);
  record(p, 2, now() - start);
}

void WRAP(depthwise_conv2d)(const int64_t *p, float *out, const float *in,
                            const float *w, const float *b, const float *r,
                            tfc_thread_pool *pool) {
  double start = now();
  REAL(depthwise_conv2d)(p, out, in, w, b, r, pool);
  record(p, 1, now() - start);
}

void WRAP(pointwise_depthwise)(const int64_t *p, float *out, const float *in,
                               const float *w, const float *b, const float *r,
                               tfc_thread_pool *pool) {
  double start = now();
  REAL(pointwise_depthwise)(p, out, in, w, b, r, pool);
  record(p, 3, now() - start);
}

/* The params layouts are runtime/src/kernels/kernels.h's TFC_CONV_* and
 * TFC_DW_* (N, H, W, C, OH, OW, COUT or MULT, KH, KW, strides...); a fused
 * call's are TFC_CONV_*, then TFC_DW_* (18 and 17): it is shown by the
 * depthwise shape, its FLOPs the two convolutions'. */
__attribute__((destructor)) static void report(void) {
  double total = 0, fastest_total = 0;
  for (int i = 0; i < num_sites; ++i)
    total += sites[i].seconds;
  for (int i = 0; i < num_sites; ++i) {
    const int64_t *p = sites[i].params;
    int fused = sites[i].kind == 3;
    double flops = 0;
    if (fused) { /* the convolution's part (1x1, or a first layer's) */
      flops = 2.0 * p[0] * p[4] * p[5] * p[6] * p[3] * p[7] * p[8];
      p += 18;
    }
    int depthwise = sites[i].kind == 1 || fused;
    int64_t out_c = depthwise ? p[3] * p[6] : p[6];
    double k = depthwise ? (double)p[7] * p[8] : (double)p[7] * p[8] * p[3];
    flops += 2.0 * p[0] * p[4] * p[5] * out_c * k;
    double ms = sites[i].seconds / sites[i].calls * 1e3;
    double min_ms = sites[i].fastest * 1e3;
    fastest_total += min_ms;
    fprintf(stderr,
            "%-4s %lldx%lldx%lldx%lld -> %lldx%lldx%lld k%lldx%lld s%lld: "
            "%.3f ms %.1f GFLOP/s %.1f%% min %.3f ms %.1f GFLOP/s\n",
            fused                ? "pwdw"
            : depthwise          ? "dw"
            : sites[i].kind == 2 ? "wino"
                                 : "conv",
            (long long)p[0], (long long)p[1], (long long)p[2], (long long)p[3],
            (long long)p[4], (long long)p[5], (long long)out_c, (long long)p[7],
            (long long)p[8], (long long)p[9], ms, flops / (ms * 1e-3) / 1e9,
            100 * sites[i].seconds / total, min_ms,
            flops / (min_ms * 1e-3) / 1e9);
  }
  if (num_sites > 0)
    fprintf(stderr, "kernel time per run: %.3f ms (minima summed: %.3f ms)\n",
            total / sites[0].calls * 1e3, fastest_total);
}
