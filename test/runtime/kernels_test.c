/*===- kernels_test.c - the runtime's contraction kernels vs. naive loops -===*
 *
 * For random convolution shapes (1x1 and kxk, strides, dilations, padding,
 * edges of every micro-tile size, k longer than a cache block) and every
 * ISA the machine runs, checks tfc_conv2d_f32_<isa>,
 * tfc_depthwise_conv2d_f32_<isa> and, for 3x3, 5x5, 1x3, 3x1, 1x7 and 7x1
 * stride-1 shapes, tfc_conv2d_winograd_f32_<isa> (with the weights
 * transformed here as kernels.h describes) against double-precision loops,
 * and that runs on 1, 2 and 3 threads give bit-identical results; and that
 * tfc_pointwise_depthwise_f32_<isa> gives, on 1, 2 and 3 threads, what its
 * two kernels called one after the other give, bit for bit; and
 * tfc_max_pool_f32_<isa> (vector ISAs) exactly, NaNs included. First, the
 * thread pool: back-to-back jobs run each index once, and (Linux) a worker
 * woken from sleep starts on another CPU than the caller's.
 *
 * Usage: kernels_test [CASES]   (exit 0 when every case passes)
 *
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE /* sched_getcpu, sched_setaffinity */
#include "kernels/kernels.h"

#include <float.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <dirent.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#endif

typedef struct {
  const char *name;
  int nr;
  tfc_kernel_fn *conv;
  tfc_kernel_fn *depthwise;
  tfc_kernel_fn *winograd; /* NULL where the ISA has none */
  tfc_kernel_fn *pointwise_depthwise;
  tfc_kernel_fn *max_pool; /* NULL where the ISA has none */
  int supported;
} isa_entry;

static unsigned long long state = 0x9e3779b97f4a7c15ull;
static unsigned next_random(void) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return (unsigned)(state >> 32);
}
static int random_int(int lo, int hi) {
  return lo + (int)(next_random() % (unsigned)(hi - lo + 1));
}
static float random_float(void) {
  return (float)(next_random() % 20001) / 10000.0f - 1.0f;
}

static float *random_array(size_t count) {
  float *data = malloc((count ? count : 1) * sizeof(float));
  for (size_t i = 0; i < count; ++i)
    data[i] = random_float();
  return data;
}

static double activate(double v, int activation, float alpha) {
  switch (activation) {
  case TFC_ACT_RELU:
    return v > 0 ? v : 0;
  case TFC_ACT_RELU6:
    return v < 0 ? 0 : v > 6 ? 6 : v;
  case TFC_ACT_LEAKY_RELU:
    return v > 0 ? v : v * alpha;
  default:
    return v;
  }
}

static int64_t out_size(int64_t in, int64_t k, int64_t stride, int64_t dilation,
                        int64_t pad_total) {
  int64_t effective = (k - 1) * dilation + 1;
  return (in + pad_total - effective) / stride + 1;
}

/* Elements pass within 1e-4 + 1e-4 |want|, plus `scale[i]` times
 * `scale_factor` when scale is not NULL. */
static int compare(const char *what, const char *isa, int index,
                   const float *got, const double *want, size_t count,
                   const double *scale, double scale_factor) {
  for (size_t i = 0; i < count; ++i) {
    double tolerance =
        1e-4 + 1e-4 * fabs(want[i]) + (scale ? scale_factor * scale[i] : 0.0);
    if (!(fabs(got[i] - want[i]) <= tolerance)) {
      fprintf(stderr, "case %d: %s %s: element %zu is %.7g, expected %.7g\n",
              index, what, isa, i, got[i], want[i]);
      return 1;
    }
  }
  return 0;
}

/* Runs `kernel` on 1, 2 and 3 threads; 0 when all three agree bit for
 * bit on the `count` outputs (the one-thread result is left in `out`),
 * which `scratch` floats of the kernel's own follow. */
static int run_threads_scratch(tfc_kernel_fn *kernel, const int64_t *p,
                               float *out, size_t count, size_t scratch,
                               const float *in, const float *weights,
                               const float *bias, const float *residual,
                               tfc_thread_pool **pools, int index,
                               const char *what, const char *isa) {
  size_t size = (count + scratch ? count + scratch : 1) * sizeof(float);
  float *other = malloc(size);
  kernel(p, out, in, weights, bias, residual, NULL);
  for (int t = 0; t < 2; ++t) {
    memset(other, 0xff, size);
    kernel(p, other, in, weights, bias, residual, pools[t]);
    if (memcmp(out, other, count * sizeof(float)) != 0) {
      fprintf(stderr, "case %d: %s %s: %d threads differ from 1\n", index, what,
              isa, t + 2);
      free(other);
      return 1;
    }
  }
  free(other);
  return 0;
}

static int run_threads(tfc_kernel_fn *kernel, const int64_t *p, float *out,
                       size_t count, const float *in, const float *weights,
                       const float *bias, const float *residual,
                       tfc_thread_pool **pools, int index, const char *what,
                       const char *isa) {
  return run_threads_scratch(kernel, p, out, count, 0, in, weights, bias,
                             residual, pools, index, what, isa);
}

/* Runs a convolution kernel once more with its output a slice of the
 * channels of a wider tensor (TFC_CONV_OUT_STRIDE: cout plus a gap of 1 to
 * 7 floats, the slice starting inside the gap), on `pool`; 0 when every
 * pixel's channels equal `dense` (the dense result) bit for bit and no
 * float of the gap was written. */
static int check_out_stride(tfc_kernel_fn *kernel, const int64_t *p,
                            size_t num_params, const float *dense,
                            size_t pixels, size_t cout, const float *in,
                            const float *weights, const float *bias,
                            const float *residual, tfc_thread_pool *pool,
                            int index, const char *what, const char *isa) {
  int64_t q[TFC_WG_NUM_PARAMS];
  memcpy(q, p, num_params * sizeof *q);
  size_t gap = 1 + (size_t)index % 7, before = gap / 2;
  size_t stride = cout + gap, total = pixels * stride + gap;
  q[TFC_CONV_OUT_STRIDE] = (int64_t)stride;
  const float sentinel = -12345.5f;
  float *wide = malloc(total * sizeof(float));
  for (size_t i = 0; i < total; ++i)
    wide[i] = sentinel;
  kernel(q, wide + before, in, weights, bias, residual, pool);
  int failed = 0;
  for (size_t i = 0; i < total && !failed; ++i) {
    size_t at = i - before, pixel = at / stride, channel = at % stride;
    int inside = i >= before && pixel < pixels && channel < cout;
    const float *want = inside ? &dense[pixel * cout + channel] : &sentinel;
    if (memcmp(&wide[i], want, sizeof(float)) != 0) {
      fprintf(stderr,
              "case %d: %s %s: output stride %zu: float %zu is %.7g, "
              "expected %.7g\n",
              index, what, isa, stride, i, wide[i], *want);
      failed = 1;
    }
  }
  free(wide);
  return failed;
}

/* The Winograd kernel's weights (kernels.h), in double and then rounded,
 * as the compiler does: U = G g G^T of every kh x kw filter g (3x3 or 5x5)
 * of an HWIO `filter`, or U = G g of a 1 x K or K x 1 one (K = 3 or 7),
 * packed as [panel][xi][ci][nr]; `tile` is the output tile's side (2 or 4
 * for 3x3: F(2x2, 3x3) or F(4x4, 3x3)). */
static float *winograd_weights(const float *filter, int64_t kh, int64_t kw,
                               int64_t cin, int64_t cout, int nr, int tile) {
  static const double points4[] = {0.0, 1.0, -1.0};
  static const double points6[] = {0.0, 1.0, -1.0, 2.0, -0.5};
  static const double points10[] = {0.0, 1.0,  -1.0, 2.0, -2.0,
                                    0.5, -0.5, 1.5,  -1.5};
  int one_d = kh == 1 || kw == 1;
  int r = (int)(kh > kw ? kh : kw); /* taps along each transformed axis */
  int a = tile + r - 1;
  const double *points = a == 10 ? points10 : a == 4 ? points4 : points6;
  double g[10][7] = {{0}};
  for (int j = 0; j < a - 1; ++j) {
    double scale = 1.0;
    for (int l = 0; l < a - 1; ++l)
      if (l != j)
        scale *= points[j] - points[l];
    for (int k = 0; k < r; ++k)
      g[j][k] = pow(points[j], k) / scale;
  }
  g[a - 1][r - 1] = 1.0;
  size_t xis = one_d ? (size_t)a : (size_t)(a * a);
  size_t panels = ((size_t)cout + (size_t)nr - 1) / (size_t)nr;
  float *packed =
      calloc(panels * xis * (size_t)cin * (size_t)nr, sizeof(float));
  for (int64_t ci = 0; ci < cin; ++ci)
    for (int64_t co = 0; co < cout; ++co)
      for (size_t xi = 0; xi < xis; ++xi) {
        double u = 0.0;
        if (one_d)
          for (int k = 0; k < r; ++k)
            u += g[xi][k] * filter[(k * cin + ci) * cout + co];
        else
          for (int i = 0; i < r; ++i)
            for (int j = 0; j < r; ++j)
              u += g[xi / (size_t)a][i] * g[xi % (size_t)a][j] *
                   filter[((i * r + j) * cin + ci) * cout + co];
        size_t at =
            (((size_t)co / (size_t)nr * xis + xi) * (size_t)cin + (size_t)ci) *
                (size_t)nr +
            (size_t)co % (size_t)nr;
        packed[at] = (float)u;
      }
  return packed;
}

/* A [k][cout] filter packed as kernels.h says (panels of nr output
 * channels, zero past cout), with room for `extra` floats after it. */
static float *pack_weights(const float *filter, size_t k, size_t cout,
                           size_t nr, size_t extra) {
  size_t panels = (cout + nr - 1) / nr;
  float *packed = calloc(panels * k * nr + extra, sizeof(float));
  for (size_t co = 0; co < cout; ++co)
    for (size_t kk = 0; kk < k; ++kk)
      packed[((co / nr) * k + kk) * nr + co % nr] = filter[kk * cout + co];
  return packed;
}

static int test_conv(int index, const isa_entry *isas, int num_isas,
                     tfc_thread_pool **pools) {
  int64_t n = random_int(1, 2), h = random_int(1, 12), w = random_int(1, 12);
  /* Some 1x1 layers (index % 15 == 0) take k longer than the blocks of
   * any ISA's direct path (DIRECT_KC in conv_driver.h), and some others
   * more channels than a block of taps read in place (SPAN_KC). */
  int64_t cin = random_int(1, index % 15 == 0   ? 1100
                              : index % 10 == 5 ? 700
                              : index % 5 == 0  ? 300
                                                : 40);
  int64_t cout = random_int(1, 70);
  int64_t kh = random_int(1, 3), kw = random_int(1, 3);
  int64_t sh = random_int(1, 2), sw = random_int(1, 2);
  int64_t dh = random_int(1, 2), dw = random_int(1, 2);
  if (index % 3 == 0)
    kh = kw = sh = sw = dh = dw = 1;
  int64_t pt = random_int(0, 2), pb = random_int(0, 2);
  int64_t pl = random_int(0, 2), pr = random_int(0, 2);
  if (index % 3 == 0 && index % 2 == 0)
    pt = pb = pl = pr = 0;
  /* A first layer: few channels, a wide kernel (read a kernel row at a
   * time in place, its taps outside the input gathered). */
  if (index % 7 == 1) {
    cin = random_int(1, 4);
    kh = random_int(1, 7);
    kw = random_int(1, 7);
    h = random_int(1, 20);
    w = random_int(1, 20);
    pl = random_int(0, 3);
    pr = random_int(0, 3);
    /* Half of them MobileNet's and Inception's first layer (3x3 over 3
     * channels, stride 1 or 2 along the width, rows of several whole
     * tiles: stem_tiles in conv_driver.h) or the Donkey pilot's (5x5). */
    if (index % 14 == 8) {
      cin = 3;
      kh = kw = random_int(0, 1) ? 3 : 5;
      dw = 1;
      w = random_int(17, 40);
    }
  }
  /* A dense layer at batch 1: one row of output (the one-row step), here
   * and there with k longer than a block. */
  if (index % 6 == 3) {
    n = h = w = 1;
    pt = pb = pl = pr = 0;
    if (index % 4 == 1)
      cin = random_int(200, 700);
  }
  /* A 3x3 or 5x5 stride-1 layer over a larger image, which the Winograd
   * kernel computes too: tiles at every edge, sometimes more input channels
   * than it transforms at once. */
  if (index % 4 == 2) {
    kh = kw = index % 12 == 2 ? 5 : 3;
    sh = sw = dh = dw = 1;
    h = random_int(3, 24);
    w = random_int(3, 24);
    pt = random_int(0, 1);
    pb = random_int(0, 1);
    pl = random_int(0, 1);
    pr = random_int(0, 1);
    if (index % 8 == 6)
      cin = random_int(100, 300);
    /* Or a 1x3, 3x1, 1x7 or 7x1 one (Inception's factored filters): pads
     * up to the filter's on its axis; sometimes more channels than one
     * chunk of the 1-D forms. */
    if (index % 24 == 10 || index % 24 == 14 || index % 24 == 22) {
      int64_t k = random_int(0, 1) ? 7 : 3, pad = random_int(0, k - 1);
      int along_h = random_int(0, 1);
      kh = along_h ? k : 1;
      kw = along_h ? 1 : k;
      pt = along_h ? pad : random_int(0, 1);
      pl = along_h ? random_int(0, 1) : pad;
      pb = along_h ? k - 1 - pad : random_int(0, 1);
      pr = along_h ? random_int(0, 1) : k - 1 - pad;
      if (index % 48 == 22)
        cin = random_int(250, 600);
    }
  }
  int winograd =
      sh == 1 && sw == 1 && dh == 1 && dw == 1 &&
      (((kh == 3 || kh == 5) && kw == kh) ||
       (kh == 1 && (kw == 3 || kw == 7)) || (kw == 1 && (kh == 3 || kh == 7)));
  int64_t oh = out_size(h, kh, sh, dh, pt + pb);
  int64_t ow = out_size(w, kw, sw, dw, pl + pr);
  if (oh < 1 || ow < 1)
    return 0;
  int activation = random_int(0, 3);
  float alpha = 0.2f;
  uint32_t alpha_bits;
  memcpy(&alpha_bits, &alpha, sizeof alpha_bits);
  /* The Winograd kernel reads one more: the output tile's side. */
  int64_t p[TFC_WG_NUM_PARAMS] = {n,    h,  w,  cin,        oh,         ow,
                                  cout, kh, kw, sh,         sw,         dh,
                                  dw,   pt, pl, activation, alpha_bits, 0};
  size_t k = (size_t)(kh * kw * cin);
  size_t in_count = (size_t)(n * h * w * cin);
  size_t out_count = (size_t)(n * oh * ow * cout);
  float *in = random_array(in_count);
  float *filter = random_array(k * (size_t)cout);
  int has_bias = random_int(0, 3) != 0, has_residual = random_int(0, 2) == 0;
  float *bias = has_bias ? random_array((size_t)cout) : NULL;
  float *residual = has_residual ? random_array(out_count) : NULL;
  double *want = malloc((out_count ? out_count : 1) * sizeof(double));
  double *magnitude = malloc((out_count ? out_count : 1) * sizeof(double));
  for (int64_t b = 0; b < n; ++b)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t x = 0; x < ow; ++x)
        for (int64_t co = 0; co < cout; ++co) {
          double sum = bias ? bias[co] : 0.0, abs_sum = 0.0;
          for (int64_t i = 0; i < kh; ++i)
            for (int64_t j = 0; j < kw; ++j) {
              int64_t iy = y * sh - pt + i * dh, ix = x * sw - pl + j * dw;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                continue;
              for (int64_t c = 0; c < cin; ++c) {
                double product = (double)in[((b * h + iy) * w + ix) * cin + c] *
                                 filter[((i * kw + j) * cin + c) * cout + co];
                sum += product;
                abs_sum += fabs(product);
              }
            }
          size_t o = (size_t)(((b * oh + y) * ow + x) * cout + co);
          magnitude[o] = abs_sum;
          if (residual)
            sum += residual[o];
          want[o] = activate(sum, activation, alpha);
        }
  int failed = 0;
  float *out = malloc((out_count ? out_count : 1) * sizeof(float));
  for (int s = 0; s < num_isas && !failed; ++s) {
    if (!isas[s].supported)
      continue;
    int nr = isas[s].nr;
    float *packed = pack_weights(filter, k, (size_t)cout, (size_t)nr, 0);
    /* Float32 rounding grows with the sum of |products|: up to 8e-8 of it
     * beyond the absolute 1e-4 over 8000 cases (case 2690: an output whose
     * sum is 1415 off by 1.1e-4), so 1e-6 of it is allowed; a wrong tap or
     * channel is off by far more (see below). */
    failed = run_threads(isas[s].conv, p, out, out_count, in, packed, bias,
                         residual, pools, index, "conv2d", isas[s].name) ||
             compare("conv2d", isas[s].name, index, out, want, out_count,
                     magnitude, 1e-6) ||
             check_out_stride(isas[s].conv, p, TFC_CONV_NUM_PARAMS, out,
                              (size_t)(n * oh * ow), (size_t)cout, in, packed,
                              bias, residual, pools[index % 2], index, "conv2d",
                              isas[s].name);
    free(packed);
    /* The Winograd forms (output tile sides): 3x3 in F(4x4, 3x3) and in
     * F(2x2, 3x3), 5x5 in F(2x2, 5x5), the 1-D ones in tiles of 4. */
    int tiles[2] = {kh == 5 ? 2 : 4, kh == 3 && kw == 3 ? 2 : 0};
    for (int t = 0;
         t < 2 && tiles[t] && winograd && isas[s].winograd && !failed; ++t) {
      p[TFC_WG_TILE] = tiles[t];
      float *transformed =
          winograd_weights(filter, kh, kw, cin, cout, nr, tiles[t]);
      /* Winograd's float32 rounding grows with the transforms' constants
       * and with the other outputs of the tile: 3x3 and 5x5 up to 4.8e-6
       * of the sum of |products| over 6000 cases here; 1x7 and 7x1 up to
       * 4.6e-5 of the larger of that sum and the result, 1x3 up to 1e-4
       * (an output at the edge with one tap inside, 2e-8 absolute). A wrong
       * tap or channel is off by 1 / (7 cin) of the sum or more, here at
       * least 2.4e-4. */
      failed = run_threads(isas[s].winograd, p, out, out_count, in, transformed,
                           bias, residual, pools, index, "conv2d_winograd",
                           isas[s].name) ||
               compare("conv2d_winograd", isas[s].name, index, out, want,
                       out_count, magnitude, 2e-5) ||
               check_out_stride(isas[s].winograd, p, TFC_WG_NUM_PARAMS, out,
                                (size_t)(n * oh * ow), (size_t)cout, in,
                                transformed, bias, residual, pools[index % 2],
                                index, "conv2d_winograd", isas[s].name);
      free(transformed);
    }
  }
  free(in);
  free(filter);
  free(bias);
  free(residual);
  free(want);
  free(magnitude);
  free(out);
  return failed;
}

/* A random depthwise window: kernel up to 3x3, strides and dilations 1 or
 * 2, up to 2 pixels of padding on each side; the output size follows. */
typedef struct {
  int64_t kh, kw, sh, sw, dh, dw, pt, pb, pl, pr, oh, ow;
} window;

static window random_window(int64_t h, int64_t w) {
  window v;
  v.kh = random_int(1, 3);
  v.kw = random_int(1, 3);
  v.sh = random_int(1, 2);
  v.sw = random_int(1, 2);
  v.dh = random_int(1, 2);
  v.dw = random_int(1, 2);
  v.pt = random_int(0, 2);
  v.pb = random_int(0, 2);
  v.pl = random_int(0, 2);
  v.pr = random_int(0, 2);
  v.oh = out_size(h, v.kh, v.sh, v.dh, v.pt + v.pb);
  v.ow = out_size(w, v.kw, v.sw, v.dw, v.pl + v.pr);
  return v;
}

/* Every fourth case: a 3x3 window of stride 1 along the width and no
 * dilation, over rows of 7 to 40 pixels, the shape that the vector ISAs
 * compute as strips of pixels (conv_driver.h's depthwise_3x3_rows), in
 * pairs of rows on AVX-512 where the stride along the height (1 or 2) is
 * 1; the random windows above rarely have it. Every eighth, stride 2 along
 * the width over rows of 27 to 80 pixels (strips on AVX2 with more than 64
 * channels). */
static window strip_window(int index, int64_t h, int64_t *w) {
  if (index % 4 != 3)
    return random_window(h, *w);
  int stride_2 = index % 8 == 7;
  *w = stride_2 ? random_int(27, 80) : random_int(7, 40);
  window v = random_window(h, *w);
  v.kh = v.kw = 3;
  v.sw = stride_2 ? 2 : 1;
  v.dh = v.dw = 1;
  v.oh = out_size(h, v.kh, v.sh, v.dh, v.pt + v.pb);
  v.ow = out_size(*w, v.kw, v.sw, v.dw, v.pl + v.pr);
  return v;
}

static int test_depthwise(int index, const isa_entry *isas, int num_isas,
                          tfc_thread_pool **pools) {
  int64_t n = random_int(1, 2), h = random_int(1, 12), w = random_int(1, 40);
  int64_t c = random_int(1, 150), mult = random_int(0, 2) ? 1 : 2;
  window v = strip_window(index, h, &w);
  int64_t kh = v.kh, kw = v.kw, sh = v.sh, sw = v.sw, dh = v.dh, dw = v.dw;
  int64_t pt = v.pt, pl = v.pl, oh = v.oh, ow = v.ow;
  if (oh < 1 || ow < 1)
    return 0;
  int activation = random_int(0, 3);
  float alpha = 0.2f;
  uint32_t alpha_bits;
  memcpy(&alpha_bits, &alpha, sizeof alpha_bits);
  int64_t p[TFC_DW_NUM_PARAMS] = {n,    h,  w,  c,          oh,        ow,
                                  mult, kh, kw, sh,         sw,        dh,
                                  dw,   pt, pl, activation, alpha_bits};
  size_t out_c = (size_t)(c * mult);
  size_t in_count = (size_t)(n * h * w * c);
  size_t out_count = (size_t)(n * oh * ow) * out_c;
  float *in = random_array(in_count);
  /* Inputs in [-1, 1] give sums of a few taps that Relu6 rarely clips:
   * every other case scales them up. */
  if (index % 2)
    for (size_t i = 0; i < in_count; ++i)
      in[i] *= 8.0f;
  float *filter = random_array((size_t)(kh * kw) * out_c);
  float *bias = random_int(0, 3) ? random_array(out_c) : NULL;
  float *residual = random_int(0, 2) == 0 ? random_array(out_count) : NULL;
  double *want = malloc((out_count ? out_count : 1) * sizeof(double));
  for (int64_t b = 0; b < n; ++b)
    for (int64_t y = 0; y < oh; ++y)
      for (int64_t x = 0; x < ow; ++x)
        for (size_t oc = 0; oc < out_c; ++oc) {
          double sum = bias ? bias[oc] : 0.0;
          for (int64_t i = 0; i < kh; ++i)
            for (int64_t j = 0; j < kw; ++j) {
              int64_t iy = y * sh - pt + i * dh, ix = x * sw - pl + j * dw;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                continue;
              sum +=
                  (double)in[((b * h + iy) * w + ix) * c + (int64_t)oc / mult] *
                  filter[(i * kw + j) * (int64_t)out_c + (int64_t)oc];
            }
          size_t o = (size_t)((b * oh + y) * ow + x) * out_c + oc;
          if (residual)
            sum += residual[o];
          want[o] = activate(sum, activation, alpha);
        }
  int failed = 0;
  float *out = malloc((out_count ? out_count : 1) * sizeof(float));
  for (int s = 0; s < num_isas && !failed; ++s) {
    if (!isas[s].supported)
      continue;
    failed = run_threads(isas[s].depthwise, p, out, out_count, in, filter, bias,
                         residual, pools, index, "depthwise", isas[s].name) ||
             compare("depthwise", isas[s].name, index, out, want, out_count,
                     NULL, 0.0);
  }
  free(in);
  free(filter);
  free(bias);
  free(residual);
  free(want);
  free(out);
  return failed;
}

/* MaxPool (the vector ISAs' kernel) on a random window, against the
 * linalg lowering's definition: the largest input in the window from the
 * lowest finite float, NaN if the window holds one; every third case has
 * NaNs among its inputs, and windows may lie all in the padding. Exact, and
 * bit-identical on 1, 2 and 3 threads. */
static int test_max_pool(int index, const isa_entry *isas, int num_isas,
                         tfc_thread_pool **pools) {
  int64_t n = random_int(1, 2), h = random_int(1, 12), w = random_int(1, 40);
  int64_t c = random_int(1, 150);
  window v = random_window(h, w);
  if (v.oh < 1 || v.ow < 1)
    return 0;
  int activation = random_int(0, 1) ? TFC_ACT_NONE : TFC_ACT_RELU;
  int64_t p[TFC_DW_NUM_PARAMS] = {n,    h,    w,    c,          v.oh, v.ow,
                                  1,    v.kh, v.kw, v.sh,       v.sw, v.dh,
                                  v.dw, v.pt, v.pl, activation, 0};
  size_t in_count = (size_t)(n * h * w * c);
  size_t out_count = (size_t)(n * v.oh * v.ow * c);
  float *in = random_array(in_count);
  if (index % 3 == 0)
    for (size_t i = 0; i < in_count; i += (size_t)random_int(1, 60))
      in[i] = NAN;
  double *want = malloc((out_count ? out_count : 1) * sizeof(double));
  for (int64_t b = 0; b < n; ++b)
    for (int64_t y = 0; y < v.oh; ++y)
      for (int64_t x = 0; x < v.ow; ++x)
        for (int64_t ch = 0; ch < c; ++ch) {
          double m = -FLT_MAX;
          for (int64_t i = 0; i < v.kh; ++i)
            for (int64_t j = 0; j < v.kw; ++j) {
              int64_t iy = y * v.sh - v.pt + i * v.dh;
              int64_t ix = x * v.sw - v.pl + j * v.dw;
              if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                continue;
              float value = in[((b * h + iy) * w + ix) * c + ch];
              if (value != value || value > m)
                m = value;
              if (m != m)
                break;
            }
          size_t o = (size_t)(((b * v.oh + y) * v.ow + x) * c + ch);
          want[o] = activate(m, activation, 0.0f);
        }
  int failed = 0;
  float *out = malloc((out_count ? out_count : 1) * sizeof(float));
  for (int s = 0; s < num_isas && !failed; ++s) {
    if (!isas[s].supported || !isas[s].max_pool)
      continue;
    failed = run_threads(isas[s].max_pool, p, out, out_count, in, NULL, NULL,
                         NULL, pools, index, "max_pool", isas[s].name);
    for (size_t i = 0; i < out_count && !failed; ++i) {
      int same = want[i] != want[i] ? out[i] != out[i] : out[i] == want[i];
      if (!same) {
        fprintf(stderr,
                "case %d: max_pool %s: element %zu is %.7g, expected %.7g\n",
                index, isas[s].name, i, out[i], want[i]);
        failed = 1;
      }
    }
  }
  free(in);
  free(want);
  free(out);
  return failed;
}

/* A 1x1 convolution and a depthwise convolution of its result, fused
 * (random bands, parts, strides, dilations, padding, activations), against
 * the two kernels called one after the other: the same bits. */
static int test_pointwise_depthwise(int index, const isa_entry *isas,
                                    int num_isas, tfc_thread_pool **pools) {
  int64_t n = random_int(1, 3), h = random_int(1, 20), w = random_int(1, 30);
  int64_t cin = random_int(1, index % 5 == 0 ? 300 : 40);
  int64_t c = random_int(1, 100);
  /* Every third case (but the strips'): a convolution of a random window
   * over an input of h x w, whose output the depthwise one reads; else a
   * 1x1 one. */
  int64_t in_h = h, in_w = w;
  window cv, v;
  if (index % 3 == 2 && index % 4 != 3) {
    cv = random_window(in_h, in_w);
    h = cv.oh;
    w = cv.ow;
    if (h < 1 || w < 1)
      return 0;
    v = random_window(h, w);
  } else {
    v = strip_window(index, h, &w);
    in_w = w;
    cv = (window){1, 1, 1, 1, 1, 1, 0, 0, 0, 0, h, w};
  }
  int64_t kh = v.kh, kw = v.kw, sh = v.sh, dh = v.dh, oh = v.oh, ow = v.ow;
  int64_t conv_k = cv.kh * cv.kw * cin;
  if (oh < 1 || ow < 1)
    return 0;
  int64_t band = random_int(1, 4), parts = random_int(1, 4);
  uint32_t alpha_bits;
  float alpha = 0.2f;
  memcpy(&alpha_bits, &alpha, sizeof alpha_bits);
  int64_t conv_p[TFC_CONV_NUM_PARAMS] = {
      n,         in_h,  in_w,  cin,   h,     w,     c,     cv.kh,
      cv.kw,     cv.sh, cv.sw, cv.dh, cv.dw, cv.pt, cv.pl, random_int(0, 3),
      alpha_bits};
  int64_t dw_p[TFC_DW_NUM_PARAMS] = {
      n,         h,  w,    c,  oh,   ow,   1,    kh,
      kw,        sh, v.sw, dh, v.dw, v.pt, v.pl, random_int(0, 3),
      alpha_bits};
  int64_t p[TFC_PWDW_NUM_PARAMS];
  memcpy(p + TFC_PWDW_CONV, conv_p, sizeof conv_p);
  memcpy(p + TFC_PWDW_DW, dw_p, sizeof dw_p);
  p[TFC_PWDW_BAND] = band;
  p[TFC_PWDW_PARTS] = parts;
  int64_t window_rows = (band - 1) * sh + (kh - 1) * dh + 1;
  size_t mid_count = (size_t)(n * h * w * c);
  size_t out_count = (size_t)(n * oh * ow * c);
  size_t fused_count = out_count + (size_t)(n * parts * window_rows * w * c);
  size_t in_count = (size_t)(n * in_h * in_w * cin);
  float *in = random_array(in_count);
  if (index % 2)
    for (size_t i = 0; i < in_count; ++i)
      in[i] *= 8.0f;
  float *filter = random_array((size_t)(conv_k * c));
  float *dw_filter = random_array((size_t)(kh * kw * c));
  float *biases = random_array((size_t)(2 * c));
  float *mid = malloc(mid_count * sizeof(float));
  float *want = malloc((out_count ? out_count : 1) * sizeof(float));
  float *got = malloc(fused_count * sizeof(float));
  int failed = 0;
  for (int s = 0; s < num_isas && !failed; ++s) {
    if (!isas[s].supported)
      continue;
    size_t nr = (size_t)isas[s].nr;
    size_t packed_count = ((size_t)c + nr - 1) / nr * (size_t)conv_k * nr;
    float *weights = pack_weights(filter, (size_t)conv_k, (size_t)c, nr,
                                  (size_t)(kh * kw * c));
    memcpy(weights + packed_count, dw_filter,
           (size_t)(kh * kw * c) * sizeof(float));
    isas[s].conv(p + TFC_PWDW_CONV, mid, in, weights, biases, NULL, NULL);
    isas[s].depthwise(p + TFC_PWDW_DW, want, mid, dw_filter, biases + c, NULL,
                      NULL);
    failed =
        run_threads_scratch(isas[s].pointwise_depthwise, p, got, out_count,
                            fused_count - out_count, in, weights, biases, NULL,
                            pools, index, "pointwise_depthwise", isas[s].name);
    if (!failed && memcmp(got, want, out_count * sizeof(float)) != 0) {
      fprintf(stderr,
              "case %d: pointwise_depthwise %s: differs from the two kernels\n",
              index, isas[s].name);
      failed = 1;
    }
    free(weights);
  }
  free(in);
  free(filter);
  free(dw_filter);
  free(biases);
  free(mid);
  free(want);
  free(got);
  return failed;
}

/* tfc_parallel_for back to back, as a model's kernels call it: every index
 * of every job must be run exactly once, whichever thread takes it (a
 * worker still finishing one job while the next is published must not take
 * an index of the new one). Returns the number of jobs that failed. */
static _Atomic int pool_hits[64];
static void count_hits(void *context, size_t begin, size_t end) {
  (void)context;
  for (size_t i = begin; i < end; ++i)
    atomic_fetch_add_explicit(&pool_hits[i], 1, memory_order_relaxed);
}

static int test_pool(tfc_thread_pool *pool, int jobs) {
  int failures = 0;
  for (int job = 0; job < jobs; ++job) {
    size_t count = 1 + (size_t)job * 7919 % 40;
    for (size_t i = 0; i < count; ++i)
      atomic_store(&pool_hits[i], 0);
    tfc_parallel_for(pool, count, count_hits, NULL);
    for (size_t i = 0; i < count; ++i)
      if (atomic_load(&pool_hits[i]) != 1) {
        fprintf(stderr, "pool of %d, job %d: index %zu of %zu ran %d times\n",
                tfc_thread_pool_size(pool), job, i, count,
                atomic_load(&pool_hits[i]));
        ++failures;
        break;
      }
  }
  return failures;
}

#ifdef __linux__
/* A worker that wakes from sleep must not start on the CPU of the thread
 * that woke it: there it would wait behind that thread (on virtual
 * machines Linux put it there almost every time). With the caller pinned
 * to one CPU, each of two indices waits until both have started, so the
 * worker must start one while the caller runs the other. Returns the
 * number of wake-ups that failed; none to test with one CPU. */
static _Atomic int wake_arrived;
static int wake_cpu[2];
static double seconds_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}
static void meet_other_thread(void *context, size_t begin, size_t end) {
  (void)context;
  for (size_t i = begin; i < end; ++i) {
    wake_cpu[i] = sched_getcpu();
    atomic_fetch_add(&wake_arrived, 1);
    double give_up = seconds_now() + 0.5;
    while (atomic_load(&wake_arrived) < 2 && seconds_now() < give_up) {
    }
  }
}

/* Whether every other thread of this process sleeps (state S in
 * /proc/self/task/TID/stat): the pool's worker waits on its condition
 * variable, done spinning and yielding. */
static int others_asleep(void) {
  DIR *tasks = opendir("/proc/self/task");
  if (!tasks)
    return 0;
  int asleep = 1;
  char path[64], stat[512];
  for (struct dirent *task; asleep && (task = readdir(tasks));) {
    if (task->d_name[0] == '.' || atoi(task->d_name) == gettid())
      continue;
    snprintf(path, sizeof path, "/proc/self/task/%.20s/stat", task->d_name);
    FILE *file = fopen(path, "r");
    if (!file)
      continue; /* a thread that has ended */
    size_t length = fread(stat, 1, sizeof stat - 1, file);
    fclose(file);
    stat[length] = '\0';
    const char *state = strrchr(stat, ')');
    asleep = state && state[1] == ' ' && state[2] == 'S';
  }
  closedir(tasks);
  return asleep;
}

static int test_pool_wake(tfc_thread_pool *pool) {
  cpu_set_t allowed, here;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0 ||
      CPU_COUNT(&allowed) < 2)
    return 0;
  int failures = 0;
  int cpu = sched_getcpu();
  CPU_ZERO(&here);
  CPU_SET(cpu, &here);
  sched_setaffinity(0, sizeof here, &here);
  for (int round = 0; round < 5; ++round) {
    /* Until the worker sleeps: it spins, then yields, for at most about
     * 10 ms of its own; while other processes keep both CPUs busy it may
     * get too little CPU to get there. Then this round tests nothing. */
    struct timespec pause = {0, 10 * 1000 * 1000};
    int waited = 0;
    for (; waited < 200 && !others_asleep(); ++waited)
      nanosleep(&pause, NULL);
    if (waited == 200) {
      printf("kernels_test: wake-up %d not tested: the worker did not sleep "
             "within 2 s (a busy machine)\n",
             round);
      continue;
    }
    nanosleep(&pause, NULL);
    atomic_store(&wake_arrived, 0);
    tfc_parallel_for(pool, 2, meet_other_thread, NULL);
    if (atomic_load(&wake_arrived) != 2 || wake_cpu[0] == wake_cpu[1]) {
      fprintf(stderr,
              "pool of 2, wake-up %d: both indices ran on CPU %d, the "
              "caller's (the worker started on it, or not within 0.5 s)\n",
              round, wake_cpu[0]);
      ++failures;
    }
  }
  sched_setaffinity(0, sizeof allowed, &allowed);
  return failures;
}
#endif

int main(int argc, char **argv) {
  int cases = argc > 1 ? atoi(argv[1]) : 300;
  isa_entry isas[] = {
#if defined(__x86_64__)
    {"avx512", 32, tfc_conv2d_f32_avx512, tfc_depthwise_conv2d_f32_avx512,
     tfc_conv2d_winograd_f32_avx512, tfc_pointwise_depthwise_f32_avx512,
     tfc_max_pool_f32_avx512,
     __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")},
    {"avx2", 16, tfc_conv2d_f32_avx2, tfc_depthwise_conv2d_f32_avx2,
     tfc_conv2d_winograd_f32_avx2, tfc_pointwise_depthwise_f32_avx2,
     tfc_max_pool_f32_avx2,
     __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")},
#endif
#if defined(__aarch64__) || defined(__ARM_NEON)
    {"neon", 8, tfc_conv2d_f32_neon, tfc_depthwise_conv2d_f32_neon,
     tfc_conv2d_winograd_f32_neon, tfc_pointwise_depthwise_f32_neon,
     tfc_max_pool_f32_neon, 1},
#endif
    {"generic", 8, tfc_conv2d_f32_generic, tfc_depthwise_conv2d_f32_generic,
     NULL, tfc_pointwise_depthwise_f32_generic, NULL, 1},
  };
  int num_isas = (int)(sizeof isas / sizeof isas[0]);
  tfc_thread_pool *pools[2] = {tfc_thread_pool_create(2),
                               tfc_thread_pool_create(3)};
  if (!pools[0] || !pools[1]) {
    fprintf(stderr, "kernels_test: cannot create thread pools\n");
    return 1;
  }
  int failures = 0;
  for (int p = 0; p < 2; ++p)
    failures += test_pool(pools[p], 1000 * cases);
#ifdef __linux__
  failures += test_pool_wake(pools[0]);
#endif
  for (int i = 0; i < cases; ++i) {
    failures += test_conv(i, isas, num_isas, pools);
    failures += test_depthwise(i, isas, num_isas, pools);
    failures += test_pointwise_depthwise(i, isas, num_isas, pools);
    failures += test_max_pool(i, isas, num_isas, pools);
  }
  tfc_thread_pool_destroy(pools[0]);
  tfc_thread_pool_destroy(pools[1]);
  for (int s = 0; s < num_isas; ++s)
    printf("kernels_test: %s %s\n", isas[s].name,
           isas[s].supported ? "tested" : "not supported here, skipped");
  printf("kernels_test: %d cases, %d failures\n", cases, failures);
  return failures != 0;
}
