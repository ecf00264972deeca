/*===- max_pool.h - MaxPool on vectors of channels ------------------------===*
 *
 * Included by conv_driver.h for the ISAs with vector types (VEC_FLOATS).
 * tfc_max_pool_f32_<isa> takes a depthwise convolution's params (TFC_DW_*:
 * multiplier 1; any window, stride, dilation and padding) and no weights,
 * bias or residual, and writes for each output pixel and channel the
 * largest input its window covers, then the params' activation.
 *
 * It computes what the linalg lowering of MaxPool does, the reference path
 * (compiler/Conversion/TFCToLinalg/Pooling.cpp), without its padded copy of
 * the input or the pass that fills the output first:
 *   - a window's maximum starts from the lowest finite float, the value
 *     that lowering pads and initializes with, and taps in the padding are
 *     skipped (they could only give that value back);
 *   - a NaN in the window makes the result NaN (arith.maximumf);
 *   - only where the window's largest values are -0 and +0 may the sign of
 *     the zero differ.
 * Each output row is one task of the pool, so results do not depend on the
 * number of threads. Inception-v3's four 3x3/2 pools, one Zen 5 core: 0.60
 * ms in generated loops, about 0.2 ms here.
 *
 *===----------------------------------------------------------------------===*/

typedef struct {
  const int64_t *p;
  float *out;
  const float *in;
} max_pool_job;

/* The larger of m and x where neither is NaN (m never is: NaNs are
 * tracked apart, so that the chain of maxima through a window is one
 * instruction long where the ISA has one, VEC_MAX). */
static inline __attribute__((always_inline)) vec_f32 vec_max(vec_f32 m,
                                                             vec_f32 x) {
#ifdef VEC_MAX
  return VEC_MAX(m, x);
#else
  vec_i32 take = x > m;
  return (vec_f32)(((vec_i32)x & take) | ((vec_i32)m & ~take));
#endif
}

/* Vectors of channels pooled at once: independent chains of maxima. */
#define POOL_VECTORS 4

/* One output pixel's `vectors` vectors of channels (a constant where it is
 * inlined), the last of them `last_len` floats long: the maximum over
 * rows x cols taps, tap (i, j) at window + i * row_step + j * tap_step. */
static inline __attribute__((always_inline)) void
max_pool_vectors(const float *window, int64_t row_step, int64_t tap_step,
                 int64_t rows, int64_t cols, float *out, const int vectors,
                 size_t last_len, int activation, float alpha) {
  vec_f32 m[POOL_VECTORS];
  vec_i32 nan[POOL_VECTORS];
  for (int v = 0; v < vectors; ++v) {
    m[v] = (vec_f32){0} - __FLT_MAX__;
    nan[v] = (vec_i32){0};
  }
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j) {
      const float *tap = window + i * row_step + j * tap_step;
      for (int v = 0; v < vectors; ++v) {
        vec_f32 x = vec_load_first(tap + v * VEC_FLOATS,
                                   v + 1 < vectors ? VEC_FLOATS : last_len);
        nan[v] |= x != x;
        m[v] = vec_max(m[v], x);
      }
    }
  vec_f32 quiet_nan = (vec_f32){0} + __builtin_nanf("");
  for (int v = 0; v < vectors; ++v) {
    vec_f32 y =
        (vec_f32)(((vec_i32)m[v] & ~nan[v]) | ((vec_i32)quiet_nan & nan[v]));
    vec_store_first(out + v * VEC_FLOATS, vec_activate(y, activation, alpha),
                    v + 1 < vectors ? VEC_FLOATS : last_len);
  }
}

/* The taps k in [*k0, *k1) of a window axis whose first tap is at `first`
 * (negative in the padding), `step` apart, that lie in [0, size). */
static inline void taps_inside(int64_t first, int64_t step, int64_t taps,
                               int64_t size, int64_t *k0, int64_t *k1) {
  int64_t lo = first < 0 ? (-first + step - 1) / step : 0;
  int64_t hi = first < size ? (size - first + step - 1) / step : 0;
  *k0 = lo < taps ? lo : taps;
  *k1 = hi < taps ? hi : taps;
  if (*k1 < *k0)
    *k1 = *k0;
}

/* Output rows [begin, end) of the flattened (n, oh). */
static void max_pool_rows(void *context, size_t begin, size_t end) {
  const max_pool_job *job = (const max_pool_job *)context;
  const int64_t *p = job->p;
  int64_t h = p[TFC_DW_H], w = p[TFC_DW_W], oh_size = p[TFC_DW_OH];
  int64_t ow_size = p[TFC_DW_OW];
  size_t c_size = (size_t)p[TFC_DW_C];
  int64_t row_step = p[TFC_DW_DILATION_H] * w * (int64_t)c_size;
  int64_t tap_step = p[TFC_DW_DILATION_W] * (int64_t)c_size;
  int activation = (int)p[TFC_DW_ACTIVATION];
  float alpha = alpha_of(p[TFC_DW_ALPHA_BITS]);
  size_t block = POOL_VECTORS * VEC_FLOATS;
  for (size_t row = begin; row < end; ++row) {
    int64_t n = (int64_t)row / oh_size, oh = (int64_t)row % oh_size;
    int64_t top = oh * p[TFC_DW_STRIDE_H] - p[TFC_DW_PAD_TOP];
    int64_t kh0, kh1;
    taps_inside(top, p[TFC_DW_DILATION_H], p[TFC_DW_KH], h, &kh0, &kh1);
    for (int64_t ow = 0; ow < ow_size; ++ow) {
      int64_t left = ow * p[TFC_DW_STRIDE_W] - p[TFC_DW_PAD_LEFT];
      int64_t kw0, kw1;
      taps_inside(left, p[TFC_DW_DILATION_W], p[TFC_DW_KW], w, &kw0, &kw1);
      /* The window's first tap inside the input; none is read when the
       * window lies all in the padding. */
      const float *window =
          kh0 == kh1 || kw0 == kw1
              ? job->in
              : job->in + ((n * h + top + kh0 * p[TFC_DW_DILATION_H]) * w +
                           left + kw0 * p[TFC_DW_DILATION_W]) *
                              (int64_t)c_size;
      float *out = job->out + (row * (size_t)ow_size + (size_t)ow) * c_size;
      size_t c = 0;
      for (; c + block <= c_size; c += block)
        max_pool_vectors(window + c, row_step, tap_step, kh1 - kh0, kw1 - kw0,
                         out + c, POOL_VECTORS, VEC_FLOATS, activation, alpha);
      for (; c < c_size; c += VEC_FLOATS) {
        size_t len = c_size - c < VEC_FLOATS ? c_size - c : VEC_FLOATS;
        max_pool_vectors(window + c, row_step, tap_step, kh1 - kh0, kw1 - kw0,
                         out + c, 1, len, activation, alpha);
      }
    }
  }
}

void TFC_ENTRY(max_pool)(const int64_t *p, float *output, const float *input,
                         const float *weights, const float *bias,
                         const float *residual, tfc_thread_pool *pool) {
  (void)weights, (void)bias, (void)residual;
  max_pool_job job = {p, output, input};
  size_t rows = (size_t)(p[TFC_DW_N] * p[TFC_DW_OH]);
  tfc_parallel_for(pool, rows, max_pool_rows, &job);
}
