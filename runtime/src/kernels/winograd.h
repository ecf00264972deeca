/*===- winograd.h - stride-1 convolutions by Winograd's method ------------===*
 *
 * Included by conv_driver.h for the ISAs with vector types (VEC_FLOATS).
 * It provides tfc_conv2d_winograd_f32_<isa>: the same params (and the
 * output tile's side) and result as tfc_conv2d_f32_<isa> for an undilated
 * 3x3 or 5x5 convolution with stride 1, in F(4 x 4, 3 x 3) or
 * F(2 x 2, 5 x 5): each output tile of M x M pixels (M = 7 - KH) is
 * computed from a 6 x 6 input tile d as
 *
 *   Y = AT [ sum over ci of (G g G^T) (.) (BT d B) ] A
 *
 * (kernels.h gives the points and G; the weights U = G g G^T are
 * transformed and packed at compile time; both forms share BT). The sum
 * over ci is, for each of the 36 positions xi of the transformed tile, a
 * GEMM of the tiles' transformed inputs V[xi] (tiles x CIN) by U[xi]
 * (CIN x COUT): the micro-kernel's. A 3x3 layer does 9 multiply-adds per
 * output and input channel directly, 36 / 16 this way; a 5x5 one 25 and
 * 36 / 4. F(2 x 2, 3 x 3) (tile side 2 with a 3x3 filter) is the same with
 * a 4 x 4 input tile and 16 positions: 16 / 4 multiply-adds, and weights
 * 16 / 9 of the filter's instead of 4 times, for images with few tiles.
 *
 * Work: items of MR tiles (one row tile of each GEMM), or of two row tiles
 * where the buffers hold them (F(2 x 2, 3 x 3) and the 1-D forms), by a
 * range of panels. An item transforms its tiles' inputs for up to WG_CC
 * channels at once into V on the stack, multiplies for every xi into M
 * (MR x NR per row tile and xi, on the stack too), and transforms M back
 * into the output pixels, with the bias and the epilogue. With more than
 * WG_CC input channels, V is made again for every panel.
 *
 * One-dimensional forms, for the 1 x K and K x 1 layers into which
 * Inception factors its larger filters: F(4, 3) over the same 6 points and
 * F(4, 7) over 10 (kernels.h). A tile is 4 output pixels along the
 * filter's axis; the rest is as above, with A positions xi instead of 36.
 * Per output and input channel that is 6 / 4 multiply-adds instead of 3,
 * and 10 / 4 instead of 7.
 *
 *===----------------------------------------------------------------------===*/

#define WG_A 6 /* input tile side, for both forms */
#define WG_XI (WG_A * WG_A)
/* Input channels transformed at once: V takes WG_XI * MR * WG_CC floats of
 * stack (147 KB with AVX-512's MR of 8). The 1-D forms' is WG1_CC below. */
#define WG_CC 128

/* BT and AT for the points 0, 1, -1, 2, -1/2 and infinity (kernels.h):
 * of the sets of points tried, the one with the smallest float32 error.
 * wg_at4 is F(4 x 4, 3 x 3)'s, wg_at2 F(2 x 2, 5 x 5)'s. */
static const float wg_bt[WG_A][WG_A] = {{1.0f, 1.5f, -2.0f, -1.5f, 1.0f, 0.0f},
                                        {0.0f, -1.0f, -2.5f, -0.5f, 1.0f, 0.0f},
                                        {0.0f, 1.0f, 0.5f, -2.5f, 1.0f, 0.0f},
                                        {0.0f, -0.5f, -1.0f, 0.5f, 1.0f, 0.0f},
                                        {0.0f, 2.0f, -1.0f, -2.0f, 1.0f, 0.0f},
                                        {0.0f, 1.0f, 1.5f, -2.0f, -1.5f, 1.0f}};
static const float wg_at4[4][WG_A] = {{1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 0.0f},
                                      {0.0f, 1.0f, -1.0f, 2.0f, -0.5f, 0.0f},
                                      {0.0f, 1.0f, 1.0f, 4.0f, 0.25f, 0.0f},
                                      {0.0f, 1.0f, -1.0f, 8.0f, -0.125f, 1.0f}};
static const float wg_at2[2][WG_A] = {{1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 0.0f},
                                      {0.0f, 1.0f, -1.0f, 2.0f, -0.5f, 1.0f}};

/* F(2 x 2, 3 x 3): a 4 x 4 input tile, 16 positions, for the points 0, 1,
 * -1 and infinity (kernels.h). Its weights are 16 / 9 of the filter's where
 * F(4 x 4, 3 x 3)'s are 4 times: for small images whose weights come from
 * memory more than they are reused (few tiles). */
#define WG_A2 4
static const float wg_bt2[WG_A2][WG_A2] = {{-1.0f, 0.0f, 1.0f, 0.0f},
                                           {0.0f, 1.0f, 1.0f, 0.0f},
                                           {0.0f, -1.0f, 1.0f, 0.0f},
                                           {0.0f, -1.0f, 0.0f, 1.0f}};
static const float wg_at2_3[2][WG_A2] = {{1.0f, 1.0f, 1.0f, 0.0f},
                                         {0.0f, 1.0f, -1.0f, 1.0f}};

/* The 1-D forms: input pixels of F(4, 7)'s tile (F(4, 3)'s is WG_A), and
 * the output tile of both. */
#define WG1_A_MAX 10
#define WG1_M 4
/* The 1-D forms transform up to KC input channels at once. */
#define WG1_CC KC
/* With threads, panels are split among items only until there are this
 * many items per thread (see the entry point). */
#define WG_ITEMS_PER_THREAD 4
/* V and M hold one block per position xi, and a transform reads or writes
 * one vector of every block for a tile: blocks a multiple of 1 KiB apart
 * (V's with 32, 64, 96 ... channels, M's with AVX-512's 8 x 32 tiles) put all
 * 36 in 4 of the L1 cache's 64 sets of 8 ways, where they evict one another. A
 * skew of one cache line between blocks spreads them (a 35 x 35 x 64 -> 96
 * layer on one Zen 4 core: input transform 19-21 -> 10-13 Mcycles per 100
 * calls, 0.50-0.53 -> 0.45-0.47 ms). */
#define WG_SKEW 16
#define WG_M_STRIDE (MR * NR + WG_SKEW)
/* Floats from one block of V to the next, for cc channels. */
#define WG_V_STRIDE(cc) (MR * (cc) + WG_SKEW)
/* V on the stack: the larger of the two forms' (147 KB and 80 KB with
 * AVX-512's MR of 8), and the skews. */
#define WG_V_FLOATS                                                            \
  ((WG_XI * WG_CC > WG1_A_MAX * WG1_CC ? WG_XI * WG_CC : WG1_A_MAX * WG1_CC) * \
       MR +                                                                    \
   WG_XI * WG_SKEW)

#if WG_CC > KC || WG1_CC > KC
#error "zero_row must cover a chunk of channels"
#endif
#if WG_A2 * WG_A2 * KC > WG_XI * WG_CC
#error "V must hold F(2x2, 3x3)'s chunks of KC channels"
#endif

/* F(4, 7)'s BT and AT, for the points 0, 1, -1, 2, -2, 1/2, -1/2, 3/2, -3/2
 * and infinity (kernels.h): of the sets tried, the smallest float32 error
 * (4e-6 of the outputs' spread on random 160-channel layers, 18 times the
 * direct kernel's; with 3 and -3 instead of +-3/2, 1.7 times more). */
static const float wg_bt10[10][10] = {
    {2.25f, 0.0f, -12.8125f, 0.0f, 17.0625f, 0.0f, -7.5f, 0.0f, 1.0f, 0.0f},
    {0.0f, -2.25f, -2.25f, 10.5625f, 10.5625f, -6.5f, -6.5f, 1.0f, 1.0f, 0.0f},
    {0.0f, 2.25f, -2.25f, -10.5625f, 10.5625f, 6.5f, -6.5f, -1.0f, 1.0f, 0.0f},
    {0.0f, -1.125f, -0.5625f, 6.125f, 3.0625f, -7.0f, -3.5f, 2.0f, 1.0f, 0.0f},
    {0.0f, 1.125f, -0.5625f, -6.125f, 3.0625f, 7.0f, -3.5f, -2.0f, 1.0f, 0.0f},
    {0.0f, -4.5f, -9.0f, 7.625f, 15.25f, -3.625f, -7.25f, 0.5f, 1.0f, 0.0f},
    {0.0f, 4.5f, -9.0f, -7.625f, 15.25f, 3.625f, -7.25f, -0.5f, 1.0f, 0.0f},
    {0.0f, -1.5f, -1.0f, 7.875f, 5.25f, -7.875f, -5.25f, 1.5f, 1.0f, 0.0f},
    {0.0f, 1.5f, -1.0f, -7.875f, 5.25f, 7.875f, -5.25f, -1.5f, 1.0f, 0.0f},
    {0.0f, 2.25f, 0.0f, -12.8125f, 0.0f, 17.0625f, 0.0f, -7.5f, 0.0f, 1.0f}};
static const float wg_at10[WG1_M][10] = {
    {1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 0.0f},
    {0.0f, 1.0f, -1.0f, 2.0f, -2.0f, 0.5f, -0.5f, 1.5f, -1.5f, 0.0f},
    {0.0f, 1.0f, 1.0f, 4.0f, 4.0f, 0.25f, 0.25f, 2.25f, 2.25f, 0.0f},
    {0.0f, 1.0f, -1.0f, 8.0f, -8.0f, 0.125f, -0.125f, 3.375f, -3.375f, 1.0f}};

/* sum over j < n of row[j] * x[j * stride]: the tables are constants and
 * the loops are unrolled, so zero terms vanish and +-1 costs no multiply. */
static inline __attribute__((always_inline)) vec_f32
wg_dot(const float *row, const vec_f32 *x, size_t stride, int n) {
  vec_f32 sum = {0};
  int first = 1;
#pragma GCC unroll 10
  for (int j = 0; j < n; ++j) {
    float c = row[j];
    if (c == 0.0f)
      continue;
    vec_f32 value = x[j * stride];
    /* One expression per term, so that it contracts into a multiply-add. */
    if (first)
      sum = c == 1.0f ? value : c == -1.0f ? -value : value * c;
    else
      sum = c == 1.0f    ? sum + value
            : c == -1.0f ? sum - value
                         : sum + value * c;
    first = 0;
  }
  return sum;
}

typedef struct {
  const int64_t *p;
  float *out;
  const float *in;
  const float *packed;
  const float *bias;
  const float *residual;
  /* Output pixels per tile: 4 x 4 or 2 x 2 (3x3), 2 x 2 (5x5), 4 x 1
   * (K x 1) or 1 x 4 (1 x K). */
  size_t tile_h, tile_w;
  size_t a;    /* 1-D: the tile's input pixels (6 or 10); 2-D: 0 */
  size_t side; /* 2-D: the input tile's side (6, or 4 in F(2x2, 3x3)) */
  size_t tiles_h, tiles_w, tiles; /* tiles per column, per row, in all */
  size_t cin, cout, panels;
  size_t
      ldo; /* floats from one output pixel to the next (TFC_CONV_OUT_STRIDE) */
  size_t chunk, chunks; /* input channels transformed at once, and blocks */
  size_t n_items, nc_panels;
  size_t groups; /* row tiles per item: 1 or 2 (wg_item) */
  /* Row tiles of MR tiles up to tile full_tiles, of MR - 1 after it
   * (SIZE_MAX: MR, and the last what is left; see the entry point and
   * conv_driver.h's even_tiles_full_rows). */
  size_t full_tiles;
  int prefetch_input; /* see WG_PREFETCH_INPUT_FLOATS */
} wg_job;

/* Tile t's image and its first output pixel. */
typedef struct {
  size_t n, oy, ox;
} wg_tile_pos;

static inline wg_tile_pos wg_tile_at(const wg_job *job, size_t t) {
  size_t per_image = job->tiles_h * job->tiles_w;
  wg_tile_pos pos = {t / per_image, t % per_image / job->tiles_w * job->tile_h,
                     t % job->tiles_w * job->tile_w};
  return pos;
}

/* The output pixel (flattened n, y, x) of row r of the tile at pos, in its
 * first column. */
static inline size_t wg_pixel(const wg_job *job, wg_tile_pos pos, size_t r) {
  size_t oh_size = (size_t)job->p[TFC_CONV_OH];
  size_t ow_size = (size_t)job->p[TFC_CONV_OW];
  return (pos.n * oh_size + pos.oy + r) * ow_size + pos.ox;
}

/* Input pixel (n, ih, iw), inside the input, channel 0. */
static inline const float *wg_input_pixel(const wg_job *job, size_t n,
                                          int64_t ih, int64_t iw) {
  int64_t h = job->p[TFC_CONV_H], w = job->p[TFC_CONV_W];
  return job->in + (((int64_t)n * h + ih) * w + iw) * (int64_t)job->cin;
}

/* Positions xi of the transformed tile: 36 or 16 (2-D), 6 or 10 (1-D). */
static inline size_t wg_xis(const wg_job *job) {
  return job->a ? job->a : job->side * job->side;
}

/* V[xi][i][0 .. cc) for tiles t0 .. t0+mr-1, input channels c0 .. c0+cc-1:
 * V = BT d B of each tile's a x a input window d (zeros outside the
 * input); a is WG_A or WG_A2 (a constant where it is inlined). */
static inline __attribute__((always_inline)) void
wg_transform_input(const wg_job *job, size_t t0, size_t mr, size_t c0,
                   size_t cc, float *v, const int a) {
  const float *bt = a == WG_A ? &wg_bt[0][0] : &wg_bt2[0][0];
  const int64_t *p = job->p;
  int64_t h = p[TFC_CONV_H], w = p[TFC_CONV_W];
  for (size_t i = 0; i < mr; ++i) {
    wg_tile_pos pos = wg_tile_at(job, t0 + i);
    size_t n = pos.n;
    int64_t top = (int64_t)pos.oy - p[TFC_CONV_PAD_TOP];
    int64_t left = (int64_t)pos.ox - p[TFC_CONV_PAD_LEFT];
    const float *src[WG_XI];
    for (int r = 0; r < a; ++r)
      for (int s = 0; s < a; ++s) {
        int64_t ih = top + r, iw = left + s;
        src[r * a + s] = ih >= 0 && ih < h && iw >= 0 && iw < w
                             ? wg_input_pixel(job, n, ih, iw) + c0
                             : zero_row;
      }
    float *dst = v + i * cc;
    size_t xi_stride = WG_V_STRIDE(cc);
    for (size_t c = 0; c < cc; c += VEC_FLOATS) {
      size_t len = cc - c < VEC_FLOATS ? cc - c : VEC_FLOATS;
      vec_f32 d[WG_XI], t[WG_XI];
      /* d: the tile's inputs; t = BT d (columns), then V = t B (rows). */
      for (int k = 0; k < a * a; ++k)
        d[k] = vec_load_first(src[k] + c, len);
#pragma GCC unroll 8
      for (int r = 0; r < a; ++r)
#pragma GCC unroll 8
        for (int s = 0; s < a; ++s)
          t[r * a + s] = wg_dot(bt + r * a, d + s, (size_t)a, a);
#pragma GCC unroll 8
      for (int r = 0; r < a; ++r)
#pragma GCC unroll 8
        for (int s = 0; s < a; ++s) {
          vec_store_first(dst + (size_t)(r * a + s) * xi_stride + c,
                          wg_dot(bt + s * a, t + r * a, 1, a), len);
        }
    }
  }
}

/* The output pixels of tiles t0 .. t0+mr-1, channels of `panel`, from
 * m[xi][i][0 .. NR): Y = AT m A, plus the bias, then the epilogue; for
 * output tiles of tile x tile pixels from input tiles of a x a (constants
 * where it is inlined). */
static inline __attribute__((always_inline)) void
wg_transform_output(const wg_job *job, size_t t0, size_t mr, size_t panel,
                    const float *m, const int tile, const int a) {
  const float *at = a == WG_A2  ? &wg_at2_3[0][0]
                    : tile == 4 ? &wg_at4[0][0]
                                : &wg_at2[0][0];
  const int64_t *p = job->p;
  int64_t oh_size = p[TFC_CONV_OH], ow_size = p[TFC_CONV_OW];
  int activation = (int)p[TFC_CONV_ACTIVATION];
  float alpha = alpha_of(p[TFC_CONV_ALPHA_BITS]);
  size_t n0 = panel * NR, nr = job->cout - n0 < NR ? job->cout - n0 : NR;
  for (size_t i = 0; i < mr; ++i) {
    wg_tile_pos pos = wg_tile_at(job, t0 + i);
    size_t rows = (size_t)oh_size - pos.oy, cols = (size_t)ow_size - pos.ox;
    if (rows > (size_t)tile)
      rows = (size_t)tile;
    if (cols > (size_t)tile)
      cols = (size_t)tile;
    for (size_t j = 0; j < nr; j += VEC_FLOATS) {
      size_t len = nr - j < VEC_FLOATS ? nr - j : VEC_FLOATS;
      vec_f32 u[4 * WG_A];
      vec_f32 bias = {0};
      /* u = AT x (a column of x at a time, read from m), then Y = u A
       * (rows). */
      if (job->bias)
        bias = vec_load_first(job->bias + n0 + j, len);
#pragma GCC unroll 8
      for (int s = 0; s < a; ++s) {
        vec_f32 x[WG_A];
#pragma GCC unroll 8
        for (int k = 0; k < a; ++k)
          __builtin_memcpy(&x[k],
                           m + (size_t)(k * a + s) * WG_M_STRIDE + i * NR + j,
                           sizeof x[k]);
#pragma GCC unroll 8
        for (int r = 0; r < tile; ++r)
          u[r * a + s] = wg_dot(at + r * a, x, 1, a);
      }
#pragma GCC unroll 8
      for (int r = 0; r < tile; ++r) {
        if ((size_t)r >= rows)
          break;
        size_t pixel = wg_pixel(job, pos, (size_t)r);
#pragma GCC unroll 8
        for (int s = 0; s < tile; ++s) {
          if ((size_t)s >= cols)
            break;
          vec_f32 y = wg_dot(at + s * a, u + r * a, 1, a) + bias;
          size_t at = (pixel + (size_t)s) * job->cout + n0 + j;
          if (job->residual)
            y += vec_load_first(job->residual + at, len);
          vec_store_first(job->out + (pixel + (size_t)s) * job->ldo + n0 + j,
                          vec_activate(y, activation, alpha), len);
        }
      }
    }
  }
}

/* The 1-D forms' V[xi][i][0 .. cc) (xi < a): V = BT d of each tile's a
 * input pixels d along the filter's axis. */
static inline __attribute__((always_inline)) void
wg1_transform_input(const wg_job *job, size_t t0, size_t mr, size_t c0,
                    size_t cc, float *v, const int a) {
  const float *bt = a == WG_A ? &wg_bt[0][0] : &wg_bt10[0][0];
  const int64_t *p = job->p;
  int64_t h = p[TFC_CONV_H], w = p[TFC_CONV_W];
  int64_t step_h = job->tile_h > 1 ? 1 : 0, step_w = 1 - step_h;
  for (size_t i = 0; i < mr; ++i) {
    wg_tile_pos pos = wg_tile_at(job, t0 + i);
    size_t n = pos.n;
    int64_t top = (int64_t)pos.oy - p[TFC_CONV_PAD_TOP];
    int64_t left = (int64_t)pos.ox - p[TFC_CONV_PAD_LEFT];
    const float *src[WG1_A_MAX];
    for (int k = 0; k < a; ++k) {
      int64_t ih = top + k * step_h, iw = left + k * step_w;
      src[k] = ih >= 0 && ih < h && iw >= 0 && iw < w
                   ? wg_input_pixel(job, n, ih, iw) + c0
                   : zero_row;
    }
    float *dst = v + i * cc;
    size_t xi_stride = WG_V_STRIDE(cc);
    for (size_t c = 0; c < cc; c += VEC_FLOATS) {
      size_t len = cc - c < VEC_FLOATS ? cc - c : VEC_FLOATS;
      vec_f32 d[WG1_A_MAX];
#pragma GCC unroll 10
      for (int k = 0; k < a; ++k)
        d[k] = vec_load_first(src[k] + c, len);
#pragma GCC unroll 10
      for (int r = 0; r < a; ++r)
        vec_store_first(dst + (size_t)r * xi_stride + c,
                        wg_dot(bt + r * a, d, 1, a), len);
    }
  }
}

/* The 1-D forms' output pixels of tiles t0 .. t0+mr-1, channels of
 * `panel`: Y = AT m, plus the bias, then the epilogue. */
static inline __attribute__((always_inline)) void
wg1_transform_output(const wg_job *job, size_t t0, size_t mr, size_t panel,
                     const float *m, const int a) {
  const float *at = a == WG_A ? &wg_at4[0][0] : &wg_at10[0][0];
  const int64_t *p = job->p;
  size_t oh_size = (size_t)p[TFC_CONV_OH], ow_size = (size_t)p[TFC_CONV_OW];
  int activation = (int)p[TFC_CONV_ACTIVATION];
  float alpha = alpha_of(p[TFC_CONV_ALPHA_BITS]);
  size_t n0 = panel * NR, nr = job->cout - n0 < NR ? job->cout - n0 : NR;
  for (size_t i = 0; i < mr; ++i) {
    wg_tile_pos pos = wg_tile_at(job, t0 + i);
    int along_h = job->tile_h > 1;
    size_t count = along_h ? oh_size - pos.oy : ow_size - pos.ox;
    if (count > WG1_M)
      count = WG1_M;
    size_t pixel = wg_pixel(job, pos, 0);
    size_t step = along_h ? ow_size : 1;
    for (size_t j = 0; j < nr; j += VEC_FLOATS) {
      size_t len = nr - j < VEC_FLOATS ? nr - j : VEC_FLOATS;
      vec_f32 x[WG1_A_MAX];
      for (int k = 0; k < a; ++k)
        __builtin_memcpy(&x[k], m + (size_t)k * WG_M_STRIDE + i * NR + j,
                         sizeof x[k]);
      vec_f32 bias = {0};
      if (job->bias)
        bias = vec_load_first(job->bias + n0 + j, len);
#pragma GCC unroll 4
      for (int s = 0; s < WG1_M; ++s) {
        if ((size_t)s >= count)
          break;
        vec_f32 y = wg_dot(at + s * a, x, 1, a) + bias;
        size_t at = pixel + (size_t)s * step;
        if (job->residual)
          y += vec_load_first(job->residual + at * job->cout + n0 + j, len);
        vec_store_first(job->out + at * job->ldo + n0 + j,
                        vec_activate(y, activation, alpha), len);
      }
    }
  }
}

/* M's block for `rows` tiles (MR rows of NR floats; those past `rows` are
 * left as they are where the micro-kernel takes edge tiles, and hold sums
 * of repeated rows otherwise). */
#ifdef UKERNEL_HANDLES_EDGES
#define WG_UKERNEL(kc, a, b, next, c, accumulate, rows)                        \
  ukernel(1, kc, a, b, next, c, NR, NULL, accumulate, NULL, rows, NR)
#else
#define WG_UKERNEL(kc, a, b, next, c, accumulate, rows)                        \
  ((void)(next), (void)(rows), ukernel(kc, a, b, c, NR, NULL, accumulate, NULL))
#endif

/* Asks for the output lines of tiles t0 .. t0+mr-1, channels of `panel`,
 * to be brought into L2 for writing. Called before the panel's GEMMs, so
 * that the lines arrive while they run: a layer's output is often larger
 * than L2 (Inception's 147 x 147 x 64, 5.5 MB), and the output transform's
 * stores otherwise wait for each line in turn: storing into a 4 KB scratch
 * instead made that layer 21% faster and the 71 x 71 x 192 one 17%. With
 * this, their output transforms take 30-40% less time (rdtsc per phase, one
 * Zen 4 core). */
static void wg_prefetch_output(const wg_job *job, size_t t0, size_t mr,
                               size_t panel) {
  size_t oh_size = (size_t)job->p[TFC_CONV_OH];
  size_t ow_size = (size_t)job->p[TFC_CONV_OW];
  size_t n0 = panel * NR, nr = job->cout - n0 < NR ? job->cout - n0 : NR;
  for (size_t i = 0; i < mr; ++i) {
    wg_tile_pos pos = wg_tile_at(job, t0 + i);
    for (size_t r = 0; r < job->tile_h && pos.oy + r < oh_size; ++r) {
      const float *row = job->out + wg_pixel(job, pos, r) * job->ldo + n0;
      for (size_t s = 0; s < job->tile_w && pos.ox + s < ow_size; ++s)
        for (size_t c = 0; c < nr; c += 64 / sizeof(float)) /* lines */
          __builtin_prefetch(row + s * job->ldo + c, 1, 2);
    }
  }
}

/* Inputs of at least this many floats (512 KB) have their tiles' windows
 * fetched ahead (wg_prefetch_input); smaller ones stay in L2 from one item
 * to the next. */
#define WG_PREFETCH_INPUT_FLOATS (128 * 1024)

/* Asks for the input windows of tiles t0 .. t0+count-1 (every channel) to
 * be brought into L2: an item calls it for the next item's tiles before
 * its own GEMMs. The input transform otherwise waits for each window's
 * lines in turn when the input is larger than L2: Inception's 149 x 149 x
 * 32 one (2.8 MB) took the 147 x 147 x 32 -> 64 layer's input transform
 * from 78-184 to 43-69 Mcycles per 100 calls and the layer from 3.6-4.2 to
 * 3.2-3.9 ms (one Zen 4 core). Columns a tile shares with the one before
 * it in its row are asked for once. */
static void wg_prefetch_input(const wg_job *job, size_t t0, size_t count) {
  const int64_t *p = job->p;
  int64_t h = p[TFC_CONV_H], w = p[TFC_CONV_W];
  int64_t window_h = (int64_t)job->tile_h + p[TFC_CONV_KH] - 1;
  int64_t window_w = (int64_t)job->tile_w + p[TFC_CONV_KW] - 1;
  for (size_t i = 0; i < count; ++i) {
    wg_tile_pos pos = wg_tile_at(job, t0 + i);
    int64_t top = (int64_t)pos.oy - p[TFC_CONV_PAD_TOP];
    int64_t left = (int64_t)pos.ox - p[TFC_CONV_PAD_LEFT];
    int64_t s0 = i == 0 || pos.ox == 0 ? 0 : window_w - (int64_t)job->tile_w;
    for (int64_t r = 0; r < window_h; ++r) {
      int64_t ih = top + r;
      if (ih < 0 || ih >= h)
        continue;
      for (int64_t s = s0; s < window_w; ++s) {
        int64_t iw = left + s;
        if (iw < 0 || iw >= w)
          continue;
        const float *pixel = wg_input_pixel(job, pos.n, ih, iw);
        for (size_t c = 0; c < job->cin; c += 64 / sizeof(float)) /* lines */
          __builtin_prefetch(pixel + c, 0, 2);
      }
    }
  }
}

/* The packed weights U[xi] of `panel` for input channels c0 on. */
static inline const float *wg_weights(const wg_job *job, size_t panel,
                                      size_t c0, size_t xi) {
  return job->packed + ((panel * wg_xis(job) + xi) * job->cin + c0) * NR;
}

/* V of tiles t0 .. t0+mr-1 (mr <= MR), channels c0 .. c0+cc-1, in the
 * job's form. */
static void wg_transform_inputs(const wg_job *job, size_t t0, size_t mr,
                                size_t c0, size_t cc, float *v) {
  if (job->a == WG_A)
    wg1_transform_input(job, t0, mr, c0, cc, v, WG_A);
  else if (job->a == WG1_A_MAX)
    wg1_transform_input(job, t0, mr, c0, cc, v, WG1_A_MAX);
  else if (job->side == WG_A2)
    wg_transform_input(job, t0, mr, c0, cc, v, WG_A2);
  else
    wg_transform_input(job, t0, mr, c0, cc, v, WG_A);
}

/* The output pixels of tiles t0 .. t0+mr-1 (mr <= MR) from M, in the
 * job's form. */
static void wg_transform_outputs(const wg_job *job, size_t t0, size_t mr,
                                 size_t panel, const float *m) {
  if (job->a == WG_A)
    wg1_transform_output(job, t0, mr, panel, m, WG_A);
  else if (job->a == WG1_A_MAX)
    wg1_transform_output(job, t0, mr, panel, m, WG1_A_MAX);
  else if (job->side == WG_A2)
    wg_transform_output(job, t0, mr, panel, m, 2, WG_A2);
  else if (job->tile_h == 4)
    wg_transform_output(job, t0, mr, panel, m, 4, WG_A);
  else
    wg_transform_output(job, t0, mr, panel, m, 2, WG_A);
}

/* The first tile of row tile r (the layer's tiles when r is past the
 * last). */
static inline size_t wg_row_tile_first(const wg_job *job, size_t r) {
  size_t t = even_tile_first(job->full_tiles, r);
  return t < job->tiles ? t : job->tiles;
}

/* The tiles of row tiles r0 .. r0+job->groups-1, panels p_begin ..
 * p_end-1. Each GEMM is given the weights of the one after it (after the
 * item's last, its first: the next item's), which the micro-kernel fetches
 * into L2 as it reads its own. A model's transformed weights (Inception-v3's:
 * more than the L3 cache) come from memory on every run, and without this
 * each GEMM waited for its weights in turn: Inception's 8 x 8 x 384 1x3
 * layers, whose weights are read by only 16 tiles, ran at half the speed
 * they reach with them in cache (one Zen 4 core, caches flushed before each
 * call: 0.58-0.66 -> 0.37-0.42 ms; 147 x 147 x 32 -> 64 4.6-4.9 -> 4.2 ms).
 * An item of two row tiles (job->groups) runs both GEMMs of a block of
 * weights one after the other, the second reading it from L1: each block
 * comes from memory or L3 once for 16 tiles, not once for each 8. Both
 * GEMMs fetch `next`. Inception's 8 x 8 x 448 -> 384 layers (16 tiles of
 * F(2 x 2, 3 x 3)) in the model, one Zen 5 core: 0.91-0.92 -> 0.66-0.67
 * ms; its 8 x 8 x 384 1x3 and 3x1 layers 0.26-0.27 -> 0.22-0.24 ms; the
 * model 34.9 -> 33.5 ms (10 of 10 rounds). With `next` fetched by the
 * first GEMM only, those layers were slower than with single row tiles
 * (caches flushed before each call: 0.59 -> 0.65 ms; both GEMMs 0.56). */
static void wg_item(const wg_job *job, size_t r0, size_t p_begin,
                    size_t p_end) {
  float v[WG_V_FLOATS];
  float m[WG_XI * WG_M_STRIDE];
  const float *a[MR];
  size_t xis = wg_xis(job);
  /* The item's row tiles r0 .. r0+groups-1: group g's first tile and its
   * count (MR, or MR - 1, or fewer in the layer's last). */
  size_t first[3], rows[2], groups = 0;
  first[0] = wg_row_tile_first(job, r0);
  while (groups < job->groups && first[groups] < job->tiles) {
    first[groups + 1] = wg_row_tile_first(job, r0 + groups + 1);
    rows[groups] = first[groups + 1] - first[groups];
    ++groups;
  }
  size_t t0 = first[0], mr = first[groups] - t0;
  for (size_t panel = p_begin; panel < p_end; ++panel) {
    wg_prefetch_output(job, t0, mr, panel);
    /* The next tiles are the next item's when this one has the last
     * panels (items run panel range by panel range within a row tile). */
    size_t next_t0 = t0 + mr;
    if (panel == p_begin && p_end == job->panels && job->prefetch_input &&
        next_t0 < job->tiles)
      wg_prefetch_input(job, next_t0,
                        wg_row_tile_first(job, r0 + 2 * job->groups) - next_t0);
    for (size_t chunk = 0; chunk < job->chunks; ++chunk) {
      size_t c0 = chunk * job->chunk;
      size_t cc = job->cin - c0 < job->chunk ? job->cin - c0 : job->chunk;
      size_t v_group = xis * WG_V_STRIDE(cc);
      if (job->chunks > 1 || panel == p_begin)
        for (size_t g = 0; g < groups; ++g)
          wg_transform_inputs(job, first[g], rows[g], c0, cc, v + g * v_group);
      for (size_t xi = 0; xi < xis; ++xi) {
        const float *b = wg_weights(job, panel, c0, xi);
        const float *next =
            xi + 1 < xis              ? wg_weights(job, panel, c0, xi + 1)
            : chunk + 1 < job->chunks ? wg_weights(job, panel, c0 + cc, 0)
            : panel + 1 < p_end       ? wg_weights(job, panel + 1, 0, 0)
                                      : wg_weights(job, p_begin, 0, 0);
        for (size_t g = 0; g < groups; ++g) {
          for (size_t i = 0; i < MR; ++i)
            a[i] = v + g * v_group + xi * WG_V_STRIDE(cc) +
                   (i < rows[g] ? i : 0) * cc;
          WG_UKERNEL(cc, a, b, next, m + (g * xis + xi) * WG_M_STRIDE,
                     chunk > 0, rows[g]);
        }
      }
    }
    for (size_t g = 0; g < groups; ++g)
      wg_transform_outputs(job, first[g], rows[g], panel,
                           m + g * xis * WG_M_STRIDE);
  }
}

static void wg_items(void *context, size_t begin, size_t end) {
  const wg_job *job = (const wg_job *)context;
  for (size_t item = begin; item < end; ++item) {
    size_t mi = item / job->n_items, ni = item % job->n_items;
    size_t p_begin = ni * job->nc_panels, p_end = p_begin + job->nc_panels;
    if (p_end > job->panels)
      p_end = job->panels;
    wg_item(job, mi * job->groups, p_begin, p_end);
  }
}

void TFC_ENTRY(conv2d_winograd)(const int64_t *p, float *output,
                                const float *input, const float *weights,
                                const float *bias, const float *residual,
                                tfc_thread_pool *pool) {
  wg_job job;
  job.p = p;
  job.out = output;
  job.in = input;
  job.packed = weights;
  job.bias = bias;
  job.residual = residual;
  job.cin = (size_t)p[TFC_CONV_CIN];
  if (job.cin == 0) {
    /* Bias and epilogue only, which the direct kernel does without
     * reading the weights. */
    TFC_ENTRY(conv2d)(p, output, input, weights, bias, residual, pool);
    return;
  }
  job.cout = (size_t)p[TFC_CONV_COUT];
  job.ldo =
      p[TFC_CONV_OUT_STRIDE] > 0 ? (size_t)p[TFC_CONV_OUT_STRIDE] : job.cout;
  size_t kh = (size_t)p[TFC_CONV_KH], kw = (size_t)p[TFC_CONV_KW];
  size_t oh = (size_t)p[TFC_CONV_OH], ow = (size_t)p[TFC_CONV_OW];
  size_t max_chunk = WG_CC;
  if (kh == 1 || kw == 1) {
    /* 1 x K or K x 1, K = 3 or 7: tiles of 4 pixels along its axis. */
    job.tile_h = kw == 1 ? WG1_M : 1;
    job.tile_w = kw == 1 ? 1 : WG1_M;
    job.a = WG1_M - 1 + (kw == 1 ? kh : kw);
    job.side = 0;
    max_chunk = WG1_CC;
  } else {
    /* The params' tile side: 4 (3x3) or 2 (3x3 in F(2 x 2, 3 x 3), 5x5);
     * F(2 x 2, 3 x 3)'s 16 positions take up to KC channels at once. */
    job.tile_h = job.tile_w = (size_t)p[TFC_WG_TILE];
    job.a = 0;
    job.side = job.tile_h + kh - 1;
    if (job.side == WG_A2)
      max_chunk = KC;
  }
  job.tiles_h = (oh + job.tile_h - 1) / job.tile_h;
  job.tiles_w = (ow + job.tile_w - 1) / job.tile_w;
  job.tiles = (size_t)p[TFC_CONV_N] * job.tiles_h * job.tiles_w;
  if (job.tiles == 0 || job.cout == 0)
    return;
  job.panels = (job.cout + NR - 1) / NR;
  job.prefetch_input =
      (size_t)(p[TFC_CONV_N] * p[TFC_CONV_H] * p[TFC_CONV_W]) * job.cin >=
      WG_PREFETCH_INPUT_FLOATS;
  size_t xis = wg_xis(&job);
  job.groups = 1;
  if (job.tiles > MR && 2 * xis <= WG_XI) {
    /* Two row tiles per item (wg_item), their V and M in the buffers made
     * for one of 36 positions: fewer channels at once
     * where V would not fit, but only where V is made for every panel
     * anyway (more than one block of channels): made once per item, it
     * would be made for every panel (a 14 x 14 x 256 -> 256 F(2 x 2, 3 x 3)
     * layer 0.56 -> 0.68 ms). */
    size_t pair_chunk = (WG_V_FLOATS / (2 * xis) - WG_SKEW) / MR;
    if (job.cin <= pair_chunk || job.cin > max_chunk) {
      if (pair_chunk < max_chunk)
        max_chunk = pair_chunk;
      job.groups = 2;
    }
  }
  job.chunks = (job.cin + max_chunk - 1) / max_chunk;
  job.chunk = (job.cin + job.chunks - 1) / job.chunks;
  size_t row_tiles = (job.tiles + MR - 1) / MR;
  job.full_tiles = SIZE_MAX;
#ifdef UKERNEL_HANDLES_EDGES
  /* Row tiles of MR - 1 tiles where the last would be shorter, as
   * conv_driver.h spreads rows (even_tiles_full_rows): the 85 tiles of
   * Inception's 17 x 17 1 x 7 layers in 10 row tiles of 6 and 5 of 5, not
   * 14 of 6 and one of 1. One Zen 3 core, in the model (kernel_times.c
   * minima, four rounds): its 17 x 17 1 x 7 and 7 x 1 layers 0.92-0.99,
   * its 8 x 8 1 x 3 and 3 x 1 ones 0.94-0.98, its 35 x 35 3 x 3 ones
   * 0.93-1.00; not F(2 x 2, 3 x 3), whose 8 x 8 x 448 -> 384 layers (16
   * tiles, weights from memory) ran 1.02-1.09 in row tiles of 6, 5 and 5
   * instead of 6, 6 and 4. */
  if (job.side != WG_A2)
    job.full_tiles = even_tiles_full_rows(job.tiles);
#endif
  /* Items of MR tiles (two row tiles where groups is 2) by all panels;
   * with threads, panels are split too until there are
   * WG_ITEMS_PER_THREAD items per thread. Fewer than the direct kernel's
   * ITEMS_PER_THREAD: an item transforms its tiles' inputs again for its
   * own panels, so every split of panels makes the input transform once
   * more, which costs more than the threads' uneven shares of a few
   * items. Two threads, one Zen 5 core each: Inception's 17 x 17 1x7
   * layers (11 items) 0.27 -> 0.18 ms against 16 per thread; its 35 x 35
   * 3x3 layers (11 row items, no longer split into 33) 0.166 -> 0.133 ms
   * alone, its 8 x 8 layers (6 items instead of 12) even. */
  size_t m_items = (row_tiles + job.groups - 1) / job.groups;
  size_t n_items = 1;
  size_t threads = (size_t)tfc_thread_pool_size(pool);
  while (threads > 1 && m_items * n_items < WG_ITEMS_PER_THREAD * threads &&
         n_items < job.panels)
    ++n_items;
  job.nc_panels = (job.panels + n_items - 1) / n_items;
  job.n_items = (job.panels + job.nc_panels - 1) / job.nc_panels;
  tfc_parallel_for(pool, m_items * job.n_items, wg_items, &job);
}
