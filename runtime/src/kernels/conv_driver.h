/*===- conv_driver.h - blocked convolution / GEMM around a micro-kernel ---===*
 *
 * Included once per ISA file after it defines:
 *   TFC_ISA         the suffix of the entry points (avx512, avx2, ...)
 *   MR, NR          the micro-kernel's tile: MR output pixels x NR channels
 *   ukernel(kc, a, b, c, ldc, init, accumulate, epilogue)
 *                   c[MR][NR] (row stride ldc) = (accumulate ? c : init
 *                   broadcast over rows, or 0 when init is NULL)
 *                   + sum over k < kc of a[i][k] * b[k * NR + j],
 *                   then the tile_epilogue (epilogue.h) when not NULL;
 *                   with UKERNEL_HANDLES_EDGES defined it takes (mr, nr)
 *                   too and writes only those rows and columns, otherwise
 *                   edge tiles go through a buffer on the stack; and it
 *                   takes a number of segments first: k runs over
 *                   `segments` runs of kc, segment s reading its rows from
 *                   a[s * MR ..] (the kernel rows of a small convolution
 *                   in one call), and after b the weights `next` that a
 *                   later call will read (the next panel's), to prefetch
 *                   as it reads b (or NULL)
 *   COPY_SHORT_FLOATS(dst, src, len)   optional: copies len <= 16 floats,
 *                   and may write anything to dst[len .. 16)
 *   STEM_PART       optional, with UKERNEL_HANDLES_EDGES: defined when
 *                   stem_part(halves, pixel_step, window, row_step, b, c,
 *                   ldc, init, tail, nr) computes a whole tile of a 3x3
 *                   convolution over 3 channels (a first layer), all of k,
 *                   row i's kernel row s at window + s * row_step + i *
 *                   pixel_step, its first `halves` halves of NR / 2
 *                   columns (both constants)
 * It provides tfc_conv2d_f32_<isa> and tfc_depthwise_conv2d_f32_<isa>,
 * and with VEC_FLOATS (the vector ISAs) includes winograd.h for
 * tfc_conv2d_winograd_f32_<isa> and max_pool.h for tfc_max_pool_f32_<isa>.
 *
 * A convolution is a GEMM: row m of the output is pixel (n, oh, ow), column
 * is the output channel, and k runs over (kh, kw, ci). Rows of A are read in
 * place when the convolution is 1x1 with stride 1 and no padding (and for
 * MatMul); otherwise as implicit GEMM: each block of k is the channels of
 * the taps of one kernel row when they fit a block (SPAN_KC), else of one tap,
 * and a row points at its input pixels (or at zeros for padding; a kernel
 * row partly in the padding is gathered). A kernel dilated along the width
 * over fewer than 16 channels has an MR x KC tile gathered (im2col) on the
 * stack.
 * Work is split into items of MC rows x NC columns, each computed whole by
 * one thread, always with the same k order: results do not depend on the
 * thread count.
 *
 *===----------------------------------------------------------------------===*/

#define KC 256
/* The longest block of k of an implicit GEMM whose rows are read in place
 * (the channels of a span of taps): an ISA file may raise it above KC,
 * which bounds only gathered tiles. */
#ifndef SPAN_KC
#define SPAN_KC KC
#endif
#define TFC_CAT3_(a, b, c) a##b##c
#define TFC_CAT3(a, b, c) TFC_CAT3_(a, b, c)
#define TFC_ENTRY(name) TFC_CAT3(tfc_, name, TFC_CAT3(_f32_, TFC_ISA, ))

typedef struct {
  const int64_t *p;
  float *out;
  const float *in;
  const float *packed;
  const float *bias;
  /* The last panel's bias, padded with zeros to NR when it is shorter (the
   * micro-kernel loads NR values): filled once per call, not per tile (a
   * scalar loop that took a tenth of a 16-channel first layer's time). */
  float bias_last[NR];
  const float *residual;
  size_t m, k, n, panels;
  size_t
      ldo; /* floats from one output pixel to the next (TFC_CONV_OUT_STRIDE) */
  /* k per block: at most KC (DIRECT_KC for a direct 1x1 layer), the
   * blocks as even as can be */
  size_t kc;
  size_t mc_tiles, nc_panels, m_items, n_items;
  int rows_major; /* items numbered row block by row block (threads) */
  int direct;     /* 1x1, stride 1, no padding: rows read in place */
  /* Implicit GEMM (rows read in place, no gather): each block of k is the
   * channels of `span` adjacent taps of one kernel row: the kernel's width
   * when they fit a block, else 1; 0 when rows are gathered (im2col). */
  size_t span;
  /* Kernel rows taken by one micro-kernel call, each a segment of k with
   * its own rows: KH when each kernel row fits a block and all of k is at
   * most SEGMENTS_MAX_K (first layers: 27 or 75 values of k in one call
   * instead of three or five with a store and reload of the tile between
   * them), else 1. */
  size_t segments;
  /* stem_tiles computes the whole tiles whose windows lie inside the
   * input. */
  int stem;
  /* Row tiles of rows read in place have MR rows up to row full_rows and
   * MR - 1 after it (SIZE_MAX: MR, and the last tile what is left; see
   * even_tiles_full_rows). */
  size_t full_rows;
  /* With threads that split rows: one part per thread, part t the row
   * tiles from part_tile(t), the tile boundary nearest to the first pixel
   * of output row N * OH * t / parts (the rows that the depthwise, pooling
   * and fused kernels give thread t), each part m_items x n_items items;
   * else 1 part. The tiles are the same for any thread count, so the
   * results are too. */
  size_t parts, image_rows, ow, m_tiles;
} conv_job;

/* dst[0 .. len) = src[0 .. len): short runs (the taps of a first layer's
 * few channels) inline, long ones through memcpy. With COPY_SHORT_FLOATS,
 * dst[len .. 16) may be overwritten too. */
static inline void copy_floats(float *dst, const float *src, size_t len) {
#ifdef COPY_SHORT_FLOATS
  if (len <= 16) {
    COPY_SHORT_FLOATS(dst, src, len);
    return;
  }
#endif
  if (len > 32) {
    memcpy(dst, src, len * sizeof(float));
    return;
  }
  for (size_t j = 0; j < len; ++j)
    dst[j] = src[j];
}

/* A run of k: `len` values from input channel ci of tap (kh, kw) on, over
 * `taps` undilated taps along one kernel row (adjacent in memory when all
 * are inside the input). */
typedef struct {
  int64_t dh, dw; /* offsets of the first tap from the window's corner */
  size_t ci, len, taps;
} gather_run;

/* How k0 .. k0+kc-1 of the im2col matrix splits into runs: the same for
 * every row, so it is worked out once per block of k. Returns the number of
 * runs written to runs[]. */
static size_t plan_runs(const conv_job *job, size_t k0, size_t kc,
                        gather_run *runs) {
  const int64_t *p = job->p;
  size_t cin = (size_t)p[TFC_CONV_CIN], kw_size = (size_t)p[TFC_CONV_KW];
  int64_t dilation_w = p[TFC_CONV_DILATION_W];
  size_t num_runs = 0;
  for (size_t k = k0; k < k0 + kc;) {
    size_t tap = k / cin, ci = k % cin, kw = tap % kw_size;
    /* Undilated: the rest of the kernel row in one run. */
    size_t taps = dilation_w == 1 ? kw_size - kw : 1;
    size_t len = taps * cin - ci;
    if (len > k0 + kc - k)
      len = k0 + kc - k;
    runs[num_runs].dh = (int64_t)(tap / kw_size) * p[TFC_CONV_DILATION_H];
    runs[num_runs].dw = (int64_t)kw * dilation_w;
    runs[num_runs].ci = ci;
    runs[num_runs].len = len;
    runs[num_runs].taps = (ci + len + cin - 1) / cin;
    ++num_runs;
    k += len;
  }
  return num_runs;
}

/* Floats between two rows of a gathered tile: KC, and room for the whole
 * vector COPY_SHORT_FLOATS may store past a row's last run. */
#ifdef COPY_SHORT_FLOATS
#define TILE_STRIDE (KC + 16)
#define EDGE_STRIDE (SPAN_KC + 16)
#else
#define TILE_STRIDE KC
#define EDGE_STRIDE SPAN_KC
#endif

/* Gathers `rows` rows of the im2col matrix, split into runs by plan_runs,
 * into tile[i * TILE_STRIDE + kk]; row i's window has its corner at
 * (top[i], left[i]) of image[i]. A row costs only bounds checks and
 * copies. */
static void gather_rows(const conv_job *job, const gather_run *runs,
                        size_t num_runs, const int64_t *top,
                        const int64_t *left, const float *const *image,
                        size_t rows, float *tile) {
  const int64_t *p = job->p;
  size_t cin = (size_t)p[TFC_CONV_CIN];
  int64_t h = p[TFC_CONV_H], w = p[TFC_CONV_W];
  int64_t dilation_w = p[TFC_CONV_DILATION_W];
  for (size_t i = 0; i < rows; ++i) {
    float *dst = tile + i * TILE_STRIDE;
    for (size_t r = 0; r < num_runs; ++r) {
      const gather_run *run = &runs[r];
      int64_t ih = top[i] + run->dh, iw = left[i] + run->dw;
      int row_inside = ih >= 0 && ih < h;
      if (row_inside && iw >= 0 && iw + (int64_t)run->taps <= w) {
        copy_floats(dst, image[i] + (ih * w + iw) * (int64_t)cin + run->ci,
                    run->len);
        dst += run->len;
        continue;
      }
      /* Partly outside: tap by tap. */
      size_t ci = run->ci, left_len = run->len;
      for (size_t t = 0; left_len > 0; ++t) {
        size_t len = cin - ci < left_len ? cin - ci : left_len;
        int64_t tap_w = iw + (int64_t)t * dilation_w;
        if (row_inside && tap_w >= 0 && tap_w < w)
          copy_floats(dst, image[i] + (ih * w + tap_w) * (int64_t)cin + ci,
                      len);
        else
          for (size_t j = 0; j < len; ++j)
            dst[j] = 0.0f;
        dst += len;
        left_len -= len;
        ci = 0;
      }
    }
  }
}

#define MC_TILES 8
#define ITEM_ROWS (MC_TILES * MR)
#define ITEM_COLUMNS 256
/* With threads, a layer's items are split until each thread has this
 * many: while a thread computes the last item it took, the others wait
 * for it, so smaller items waste less (two threads, 4 -> 16: MobileNetV2,
 * MobileNet v1 1.0 and Inception-v3 2-4% faster). */
#define ITEMS_PER_THREAD 16
/* Weights (floats) up to which threads split rows first (1 MB). */
#define ROWS_SPLIT_WEIGHTS (256 * 1024)
/* The shortest kernel row read in place as a block of k; shorter ones (a
 * kernel row over one channel) are gathered with the whole window. */
#ifndef SPAN_MIN_FLOATS
#define SPAN_MIN_FLOATS 1
#endif
/* The longest block of k of a 1x1 convolution read in place (rows not
 * gathered, so not bound by KC): an ISA file may raise it where one pass
 * over k, which stores each output tile once, beats keeping the panel of
 * weights within half of L1. */
#ifndef DIRECT_KC
#define DIRECT_KC KC
#endif
/* Rows read in place: the loop over panels is outside the loop over row
 * tiles for blocks of k of PANEL_OUTER_KC or more, except where an ISA
 * file sets ROWS_OUTER_MAX_BYTES and the item's weights for the block
 * take no more (they then stay in L2 while each row tile sweeps them);
 * a 1x1 layer with all of k in one block then has items narrow enough for
 * that, of ROWS_OUTER_MIN_PANELS panels or more. */
#ifndef PANEL_OUTER_KC
#define PANEL_OUTER_KC 128
#endif
#ifndef ROWS_OUTER_MAX_BYTES
#define ROWS_OUTER_MAX_BYTES 0
#endif
#ifndef ROWS_OUTER_MIN_PANELS
#define ROWS_OUTER_MIN_PANELS 4
#endif
/* The most output rows (pixels) of a layer whose micro-kernel calls are
 * given the next panel to prefetch (UKERNEL_HANDLES_EDGES): an ISA file
 * may lower it where the prefetches only pay for weights that few row
 * tiles use before they are evicted, and elsewhere take load slots. */
#ifndef PREFETCH_MAX_ROWS
#define PREFETCH_MAX_ROWS SIZE_MAX
#endif

/* Zeros that an implicit-GEMM row outside the input reads. */
static const float zero_row[SPAN_KC];

/* Most kernel rows in one micro-kernel call (conv_job.segments): only
 * micro-kernels that take segments (UKERNEL_HANDLES_EDGES) are given more
 * than one, and the others' builds (microcontrollers) leave that path
 * out. */
#ifdef UKERNEL_HANDLES_EDGES
#define MAX_SEGMENTS 8
/* The most k in segments: their rows' values (MR x SEGMENTS_MAX_K) stay
 * in L1 while the item's panels go past. Blocks of KC stored and reloaded
 * the tile between them: Donkey's 5x5 stride-2 layers over 24 and 32
 * channels (k 600 and 800) ran 3 to 4% slower that way. */
#define SEGMENTS_MAX_K (4 * KC)
/* Floats between two rows of the buffer for segmented rows partly outside
 * the input (room for COPY_SHORT_FLOATS's whole vector as in TILE_STRIDE). */
#define SEGMENTS_STRIDE (SEGMENTS_MAX_K + 16)
#else
#define MAX_SEGMENTS 1
#define SEGMENTS_STRIDE 0
#endif

/* One block of k of an item: where its rows of A start. */
typedef struct {
  size_t m_begin, m_end, k0, kc, c0;
  int64_t dh, dw; /* implicit GEMM: the first tap's offset in the window */
  int first, last;
  const int64_t *top, *left; /* implicit GEMM: window corners of the rows */
  const float *const *image; /* implicit GEMM: each row's image */
  /* Implicit GEMM: MR rows of EDGE_STRIDE floats (SEGMENTS_STRIDE with
   * segments) for rows whose span of taps is partly outside the input. */
  float *edge;
  const gather_run *span_run; /* how such a row is gathered */
  /* The item's panels end at p_end; the next block's first panel of the
   * item (NULL after the last block), fetched under the block's last. */
  size_t p_begin, p_end;
  const float *next_block;
} item_block;

/* Points a[0 .. MR) at rows m0 .. m0+mr-1 of A for the block; rows past
 * mr repeat row 0 (their results are never stored). Direct and implicit
 * GEMM only: the gathered case copies instead. */
static inline __attribute__((always_inline)) void
point_rows(const conv_job *job, const item_block *blk, size_t m0, size_t mr,
           const float **a) {
  const int64_t *p = job->p;
  for (size_t i = 0; i < MR; ++i) {
    if (i >= mr) {
      a[i] = a[0];
      continue;
    }
    size_t row = m0 + i;
    if (job->direct) {
      a[i] = job->in + row * job->k + blk->k0;
      continue;
    }
    size_t r = row - blk->m_begin;
    int64_t ih = blk->top[r] + blk->dh, iw = blk->left[r] + blk->dw;
    if (ih < 0 || ih >= p[TFC_CONV_H])
      a[i] = zero_row;
    else if (iw >= 0 && iw + (int64_t)job->span <= p[TFC_CONV_W])
      a[i] =
          blk->image[r] + (ih * p[TFC_CONV_W] + iw) * p[TFC_CONV_CIN] + blk->c0;
    else if (job->span == 1)
      a[i] = zero_row;
    else {
      gather_rows(job, blk->span_run, 1, blk->top + r, blk->left + r,
                  blk->image + r, 1, blk->edge + i * EDGE_STRIDE);
      a[i] = blk->edge + i * EDGE_STRIDE;
    }
  }
}

/* With conv_job.segments > 1: the window corner of row m0's input when the
 * tile of rows m0 .. m0+mr-1 is whole (mr == MR), in one output row, and
 * its windows and kernel rows all lie inside the input (most tiles);
 * otherwise NULL. */
static inline __attribute__((always_inline)) const float *
tile_window(const conv_job *job, const item_block *blk, size_t m0, size_t mr) {
  const int64_t *p = job->p;
  int64_t h = p[TFC_CONV_H], w = p[TFC_CONV_W], cin = p[TFC_CONV_CIN];
  size_t r0 = m0 - blk->m_begin;
  int64_t top0 = blk->top[r0], left0 = blk->left[r0];
  if (mr == MR && blk->top[r0 + MR - 1] == top0 &&
      blk->image[r0 + MR - 1] == blk->image[r0] && left0 >= 0 &&
      blk->left[r0 + MR - 1] + (int64_t)job->span <= w && top0 >= 0 &&
      top0 + (int64_t)(job->segments - 1) * p[TFC_CONV_DILATION_H] < h)
    return blk->image[r0] + (top0 * w + left0) * cin;
  return NULL;
}

/* Points a[s * MR + i] at row m0 + i of segment (kernel row) s for every
 * segment, with conv_job.segments > 1: a row's window is checked against
 * the input's width once, and each kernel row against its height. Rows
 * past mr repeat row 0. `window` is tile_window's. */
static inline __attribute__((always_inline)) void
point_rows_segments(const conv_job *job, const item_block *blk,
                    const gather_run *runs, size_t m0, size_t mr,
                    const float *window, const float **a) {
  const int64_t *p = job->p;
  int64_t h = p[TFC_CONV_H], w = p[TFC_CONV_W], cin = p[TFC_CONV_CIN];
  int64_t row_step = p[TFC_CONV_DILATION_H] * w * cin;
  size_t segments = job->segments;
  /* A whole tile inside the input: each pointer is a step from the first.
   * The general loop below cost a third of a first layer's time. */
  if (window) {
    int64_t pixel_step = p[TFC_CONV_STRIDE_W] * cin;
    for (size_t s = 0; s < segments; ++s)
      for (size_t i = 0; i < MR; ++i)
        a[s * MR + i] =
            window + (int64_t)s * row_step + (int64_t)i * pixel_step;
    return;
  }
  for (size_t i = 0; i < MR; ++i) {
    if (i >= mr) {
      for (size_t s = 0; s < segments; ++s)
        a[s * MR + i] = a[s * MR];
      continue;
    }
    size_t r = m0 + i - blk->m_begin;
    int64_t top = blk->top[r], left = blk->left[r];
    int inside = left >= 0 && left + (int64_t)job->span <= w;
    const float *window = blk->image[r] + (top * w + left) * cin;
    for (size_t s = 0; s < segments; ++s) {
      int64_t ih = top + (int64_t)s * p[TFC_CONV_DILATION_H];
      if (ih < 0 || ih >= h) {
        a[s * MR + i] = zero_row;
      } else if (inside) {
        a[s * MR + i] = window + (int64_t)s * row_step;
      } else {
        float *row_edge = blk->edge + i * SEGMENTS_STRIDE + s * blk->kc;
        gather_rows(job, &runs[s], 1, blk->top + r, blk->left + r,
                    blk->image + r, 1, row_edge);
        a[s * MR + i] = row_edge;
      }
    }
  }
}

#ifndef UKERNEL_HANDLES_EDGES
/* One row of an edge tile (a dense layer at batch 1): c[j] = (accumulate ?
 * c[j] : init[j] or 0) + sum over k < kc of a[k] * b[k * NR + j]. The
 * micro-kernel would compute MR rows for it. Not inlined: one copy serves
 * every call site, which keeps microcontroller images small. */
static __attribute__((noinline)) void row_step(size_t kc, const float *a,
                                               const float *b, float *c,
                                               const float *init,
                                               int accumulate) {
  float acc[NR];
  for (size_t j = 0; j < NR; ++j)
    acc[j] = accumulate ? c[j] : init ? init[j] : 0.0f;
  for (size_t k = 0; k < kc; ++k) {
    float x = a[k];
    for (size_t j = 0; j < NR; ++j)
      acc[j] += x * b[k * NR + j];
  }
  for (size_t j = 0; j < NR; ++j)
    c[j] = acc[j];
}
#endif

/* What is applied to the output tile at row m0 and column n0 after its
 * last block of k (the residual, the activation), in *storage; NULL when
 * the layer has neither. */
static inline const tile_epilogue *
tile_tail(const conv_job *job, size_t m0, size_t n0, tile_epilogue *storage) {
  int activation = (int)job->p[TFC_CONV_ACTIVATION];
  if (!job->residual && activation == TFC_ACT_NONE)
    return NULL;
  *storage = (tile_epilogue){
      activation, alpha_of(job->p[TFC_CONV_ALPHA_BITS]),
      job->residual ? job->residual + m0 * job->n + n0 : NULL, job->n};
  return storage;
}

/* Panel `panel`'s columns (NR, fewer in the layer's last), and the bias
 * its tiles start from (padded with zeros past the layer's last column;
 * NULL without bias). */
static inline size_t panel_columns(const conv_job *job, size_t panel) {
  size_t n0 = panel * NR;
  return job->n - n0 < NR ? job->n - n0 : NR;
}
static inline const float *panel_bias(const conv_job *job, size_t panel) {
  if (!job->bias)
    return NULL;
  return panel_columns(job, panel) < NR ? job->bias_last
                                        : job->bias + panel * NR;
}

#ifdef STEM_PART
/* `tiles` whole tiles of a first layer, one after another along an output
 * row from row m0 on, in panel `panel`, their windows inside the input,
 * the first's at `window`: the ISA file's stem_part with constant
 * arguments (all its offsets fold into the loads), in one loop, so that
 * what the tiles share is set up once (a call per tile, and each tile's
 * walk through tile_step, cost a third of a 16-channel first layer). */
static void stem_tiles(const conv_job *job, const float *window, size_t m0,
                       size_t tiles, size_t panel) {
  const int64_t *p = job->p;
  size_t n = job->n, ldo = job->ldo, n0 = panel * NR;
  size_t nr = panel_columns(job, panel);
  const float *b = job->packed + panel * job->k * NR;
  const float *init = panel_bias(job, panel);
  float *c = job->out + m0 * ldo + n0;
  tile_epilogue tail_storage;
  const tile_epilogue *tail = tile_tail(job, m0, n0, &tail_storage);
  size_t row_step = (size_t)(p[TFC_CONV_DILATION_H] * p[TFC_CONV_W] * 3);
#define TFC_STEM_TILES(halves, pixel_step)                                     \
  for (size_t t = 0; t < tiles; ++t) {                                         \
    stem_part(halves, pixel_step, window + t * MR * (pixel_step), row_step, b, \
              c + t * MR * ldo, ldo, init, tail, nr);                          \
    if (tail && tail->residual)                                                \
      tail_storage.residual += MR * n;                                         \
  }
  if (p[TFC_CONV_STRIDE_W] == 2) {
    if (nr <= NR / 2)
      TFC_STEM_TILES(1, 6)
    else
      TFC_STEM_TILES(2, 6)
  } else {
    if (nr <= NR / 2)
      TFC_STEM_TILES(1, 3)
    else
      TFC_STEM_TILES(2, 3)
  }
#undef TFC_STEM_TILES
}
#endif

/* The output tile of rows m0 .. m0+mr-1 and panel `panel` gets the block's
 * contribution: bias first, the epilogue after the last block. */
static inline __attribute__((always_inline)) void
tile_step(const conv_job *job, const item_block *blk, const float *const *a,
          size_t m0, size_t mr, size_t panel) {
  size_t ldo = job->ldo, n0 = panel * NR, nr = panel_columns(job, panel);
  const float *b = job->packed + (panel * job->k + blk->k0) * NR;
  const float *init = blk->first ? panel_bias(job, panel) : NULL;
  float *c = job->out + m0 * ldo + n0;
  tile_epilogue storage;
  const tile_epilogue *tail =
      blk->last ? tile_tail(job, m0, n0, &storage) : NULL;
#ifdef UKERNEL_HANDLES_EDGES
  /* The next panel's weights for the same k, fetched while this panel's
   * are read: a layer's weights stream in from memory spread over all of
   * its row tiles, not only under the first (MobileNet's 7x7 layers, 4 MB
   * of weights for 49 rows: 91 -> 102 GFLOP/s). Under the item's last
   * panel, the next block's first. */
  const float *next = job->m > PREFETCH_MAX_ROWS ? NULL
                      : panel + 1 < blk->p_end   ? b + job->k * NR
                                                 : blk->next_block;
  ukernel(job->segments, blk->kc, a, b, next, c, ldo, init, !blk->first, tail,
          mr, nr);
#else
  if (mr == MR && nr == NR) {
    /* A whole tile: the epilogue is applied in registers. */
    ukernel(blk->kc, a, b, c, ldo, init, !blk->first, tail);
    return;
  }
  float edge[MR * NR];
  if (!blk->first)
    for (size_t i = 0; i < mr; ++i)
      memcpy(edge + i * NR, c + i * ldo, nr * sizeof(float));
  if (mr == 1)
    row_step(blk->kc, a[0], b, edge, blk->first ? init : edge, !blk->first);
  else
    ukernel(blk->kc, a, b, edge, NR, init, !blk->first, NULL);
  for (size_t i = 0; i < mr; ++i)
    memcpy(c + i * ldo, edge + i * NR, nr * sizeof(float));
  if (tail)
    for (size_t i = 0; i < mr; ++i)
      epilogue(c + i * ldo,
               job->residual ? job->residual + (m0 + i) * job->n + n0 : NULL,
               nr, tail->activation, tail->alpha);
#endif
}

#ifdef UKERNEL_PANELS
/* A whole row tile (mr rows: MR or MR - 1) across the item's panels of NR
 * columns, all of k in the block: the ISA file's ukernel_panels, one call
 * for them all (its micro-kernel inlined once, rows and epilogue set up
 * once). Returns the first panel left to tile_step: the layer's last when
 * it is partial. */
static size_t whole_panels(const conv_job *job, const item_block *blk,
                           const float *const *a, size_t m0, size_t mr) {
  size_t p_begin = blk->p_begin, p_end = blk->p_end;
  if (p_end == job->panels && job->n % NR != 0)
    --p_end;
  if (p_end <= p_begin)
    return p_begin;
  size_t n0 = p_begin * NR;
  tile_epilogue storage;
  ukernel_panels(mr, p_end - p_begin, blk->kc, a,
                 job->packed + (p_begin * job->k + blk->k0) * NR,
                 job->out + m0 * job->ldo + n0, job->ldo,
                 job->bias ? job->bias + n0 : NULL,
                 tile_tail(job, m0, n0, &storage), job->m <= PREFETCH_MAX_ROWS);
  return p_end;
}
#endif

/* Row tiles over `count` rows (or Winograd tiles, winograd.h) spread so
 * that none is shorter than MR - 1 where that is possible: the first row of
 * the tiles of MR - 1 rows that end them, or SIZE_MAX where all are MR rows
 * (the last one what is left). For micro-kernels that take edge tiles: they
 * compute all MR rows for a tile of 2 to MR - 2, and one row waits on its
 * sums' latency. A 7 x 7 image's 49 rows: four AVX2 tiles of 6 and five of
 * 5, not eight of 6 and one of 1. */
static inline size_t even_tiles_full_rows(size_t count) {
  size_t tiles = (count + MR - 1) / MR, short_tiles = tiles * MR - count;
  return short_tiles > 1 && short_tiles <= tiles ? (tiles - short_tiles) * MR
                                                 : SIZE_MAX;
}

/* The first row of row tile t, with even_tiles_full_rows' full_rows. */
static inline size_t even_tile_first(size_t full_rows, size_t t) {
  size_t full_tiles = full_rows / MR;
  return t <= full_tiles ? t * MR : full_rows + (t - full_tiles) * (MR - 1);
}

/* The rows of the row tile from row m0 (a tile's first) of an item ending
 * at m_end. */
static inline size_t tile_rows_at(const conv_job *job, size_t m0,
                                  size_t m_end) {
  size_t rows = m0 < job->full_rows ? MR : MR - 1;
  return m_end - m0 < rows ? m_end - m0 : rows;
}

static void conv_item(const conv_job *job, size_t m_begin, size_t m_end,
                      size_t p_begin, size_t p_end) {
  const float *a[MR * MAX_SEGMENTS];
  const int64_t *p = job->p;
  size_t cin = (size_t)p[TFC_CONV_CIN];
  /* Implicit GEMM: each block of k is channels of a span of taps, so a
   * row's values are the input pixels' channels in place (or zeros
   * outside). The window corner of every row of the item is worked out
   * once. */
  int64_t top[ITEM_ROWS], left[ITEM_ROWS];
  const float *image[ITEM_ROWS];
  /* Gathered rows, or implicit GEMM's rows partly outside the input. */
  float tile[MR *
             (SEGMENTS_STRIDE > EDGE_STRIDE ? SEGMENTS_STRIDE : EDGE_STRIDE)];
  size_t chunks = 1, chunk = cin, blocks;
  if (!job->direct) {
    /* Divisions for the first row only (they would cost more than the
     * multiply-adds of a first layer's short rows), then a step. */
    int64_t oh_size = p[TFC_CONV_OH], ow_size = p[TFC_CONV_OW];
    int64_t image_size = p[TFC_CONV_H] * p[TFC_CONV_W] * (int64_t)cin;
    int64_t n = (int64_t)m_begin / (oh_size * ow_size);
    int64_t oh = (int64_t)m_begin / ow_size % oh_size;
    int64_t ow = (int64_t)m_begin % ow_size;
    /* In locals: the stores to top and left (int64_t too) would otherwise
     * make the compiler load p's values again for every row. */
    int64_t stride_w = p[TFC_CONV_STRIDE_W];
    int64_t row_top = oh * p[TFC_CONV_STRIDE_H] - p[TFC_CONV_PAD_TOP];
    int64_t row_left = -p[TFC_CONV_PAD_LEFT];
    const float *row_image = job->in + n * image_size;
    for (size_t r = 0; r < m_end - m_begin; ++r) {
      top[r] = row_top;
      left[r] = row_left + ow * stride_w;
      image[r] = row_image;
      if (++ow == ow_size) {
        ow = 0;
        row_top += p[TFC_CONV_STRIDE_H];
        if (++oh == oh_size) {
          oh = 0;
          row_top = -p[TFC_CONV_PAD_TOP];
          row_image += image_size;
        }
      }
    }
  }
  if (MAX_SEGMENTS > 1 && job->segments > 1) {
    blocks = 1; /* every kernel row in one call */
  } else if (job->span) {
    /* A span of taps is chunked only when it is one tap. */
    chunks = (cin + SPAN_KC - 1) / SPAN_KC;
    chunk = (cin + chunks - 1) / chunks;
    blocks = (size_t)(p[TFC_CONV_KH] * p[TFC_CONV_KW]) / job->span * chunks;
  } else {
    blocks = (job->k + job->kc - 1) / job->kc;
  }
  /* A span of taps (one kernel row, undilated) is one run; with segments,
   * one for each kernel row. */
  gather_run span_runs[MAX_SEGMENTS];
  item_block blk = {.m_begin = m_begin,
                    .m_end = m_end,
                    .top = top,
                    .left = left,
                    .image = image,
                    .edge = tile,
                    .span_run = span_runs,
                    .p_begin = p_begin,
                    .p_end = p_end};
  for (size_t block = 0; block < blocks; ++block) {
    size_t tap = block / chunks * (job->span ? job->span : 1);
    blk.c0 = block % chunks * chunk;
    if (job->span) {
      blk.k0 = tap * cin + blk.c0;
      blk.kc = job->span * (cin - blk.c0 < chunk ? cin - blk.c0 : chunk);
    } else {
      blk.k0 = block * job->kc;
      blk.kc = job->k - blk.k0 < job->kc ? job->k - blk.k0 : job->kc;
    }
    blk.first = block == 0;
    blk.last = block + 1 == blocks;
    /* Blocks follow one another along k (the next tap, or the next
     * channels of this one). */
    blk.next_block =
        blk.last ? NULL
                 : job->packed + (p_begin * job->k + blk.k0 + blk.kc) * NR;
    blk.dh = (int64_t)(tap / (size_t)p[TFC_CONV_KW]) * p[TFC_CONV_DILATION_H];
    blk.dw = (int64_t)(tap % (size_t)p[TFC_CONV_KW]) * p[TFC_CONV_DILATION_W];
    if (MAX_SEGMENTS > 1 && job->segments > 1) {
      for (size_t s = 0; s < job->segments; ++s)
        plan_runs(job, s * blk.kc, blk.kc, &span_runs[s]);
      for (size_t m0 = m_begin; m0 < m_end;) {
        size_t mr = m_end - m0 < MR ? m_end - m0 : MR;
        const float *window = tile_window(job, &blk, m0, mr);
#ifdef STEM_PART
        if (job->stem && window) {
          /* With the whole tiles after it whose windows follow its own
           * along the same input rows. */
          size_t tile_floats = MR * (size_t)(p[TFC_CONV_STRIDE_W] * 3);
          size_t tiles = 1;
          while (m0 + (tiles + 1) * MR <= m_end &&
                 tile_window(job, &blk, m0 + tiles * MR, MR) ==
                     window + tiles * tile_floats)
            ++tiles;
          for (size_t panel = p_begin; panel < p_end; ++panel)
            stem_tiles(job, window, m0, tiles, panel);
          m0 += tiles * MR;
          continue;
        }
#endif
        point_rows_segments(job, &blk, span_runs, m0, mr, window, a);
        for (size_t panel = p_begin; panel < p_end; ++panel)
          tile_step(job, &blk, a, m0, mr, panel);
        m0 += MR;
      }
      continue;
    }
    if (job->span > 1)
      plan_runs(job, blk.k0, blk.kc, &span_runs[0]);
    if (!job->direct && !job->span) {
      /* Gathered rows: each row tile is copied once and used for every
       * panel. */
      gather_run runs[KC];
      size_t num_runs = plan_runs(job, blk.k0, blk.kc, runs);
      for (size_t m0 = m_begin; m0 < m_end; m0 += MR) {
        size_t mr = m_end - m0 < MR ? m_end - m0 : MR;
        size_t r = m0 - m_begin;
        gather_rows(job, runs, num_runs, top + r, left + r, image + r, mr,
                    tile);
        for (size_t i = 0; i < MR; ++i)
          a[i] = tile + (i < mr ? i : 0) * TILE_STRIDE;
        for (size_t panel = p_begin; panel < p_end; ++panel)
          tile_step(job, &blk, a, m0, mr, panel);
      }
      continue;
    }
    /* Rows read in place. With a long block of k, panels outside, so that
     * one panel of packed weights (kc x NR) stays in L1 while the row tiles
     * stream past it; with a short one (or few weights: see
     * ROWS_OUTER_MAX_BYTES) row tiles outside, the rows pointed at once per
     * tile. */
    if (blk.kc >= PANEL_OUTER_KC &&
        blk.kc * (p_end - p_begin) * NR * sizeof(float) >
            ROWS_OUTER_MAX_BYTES) {
      for (size_t panel = p_begin; panel < p_end; ++panel)
        for (size_t m0 = m_begin, mr; m0 < m_end; m0 += mr) {
          mr = tile_rows_at(job, m0, m_end);
          point_rows(job, &blk, m0, mr, a);
          tile_step(job, &blk, a, m0, mr, panel);
        }
    } else {
      for (size_t m0 = m_begin, mr; m0 < m_end; m0 += mr) {
        mr = tile_rows_at(job, m0, m_end);
        point_rows(job, &blk, m0, mr, a);
        size_t panel = p_begin;
#ifdef UKERNEL_PANELS
        if (mr >= MR - 1 && blk.first && blk.last)
          panel = whole_panels(job, &blk, a, m0, mr);
#endif
        for (; panel < p_end; ++panel)
          tile_step(job, &blk, a, m0, mr, panel);
      }
    }
  }
}

/* The first row tile of part `part` (conv_job): the tile boundary nearest
 * to the first pixel of the part's output rows; all m_tiles at the end. */
static size_t part_tile(const conv_job *job, size_t part) {
  if (part >= job->parts)
    return job->m_tiles;
  size_t m = job->image_rows * part / job->parts * job->ow;
  if (m < job->full_rows)
    return (m + MR / 2) / MR;
  return job->full_rows / MR + (m - job->full_rows + (MR - 1) / 2) / (MR - 1);
}

static void conv_items(void *context, size_t begin, size_t end) {
  const conv_job *job = (const conv_job *)context;
  size_t per_part = job->m_items * job->n_items;
  for (size_t item = begin; item < end; ++item) {
    size_t part = item / per_part, index = item % per_part;
#ifdef TFC_RUNTIME_BARE_METAL
    /* No threads: items always column block by column block. */
    size_t mi = index % job->m_items, ni = index / job->m_items;
#else
    size_t mi = job->rows_major ? index / job->n_items : index % job->m_items;
    size_t ni = job->rows_major ? index % job->n_items : index / job->m_items;
#endif
    size_t first = part_tile(job, part), last = part_tile(job, part + 1);
    size_t t_begin = first + mi * job->mc_tiles;
    size_t t_end =
        t_begin + job->mc_tiles < last ? t_begin + job->mc_tiles : last;
    if (t_begin >= t_end)
      continue; /* a shorter part's item past its tiles */
    size_t m_begin = even_tile_first(job->full_rows, t_begin);
    size_t m_end = even_tile_first(job->full_rows, t_end);
    if (m_end > job->m)
      m_end = job->m;
    size_t p_begin = ni * job->nc_panels;
    size_t p_end = p_begin + job->nc_panels;
    if (p_end > job->panels)
      p_end = job->panels;
    conv_item(job, m_begin, m_end, p_begin, p_end);
  }
}

void TFC_ENTRY(conv2d)(const int64_t *p, float *output, const float *input,
                       const float *weights, const float *bias,
                       const float *residual, tfc_thread_pool *pool) {
  conv_job job;
  job.p = p;
  job.out = output;
  job.in = input;
  job.packed = weights;
  job.bias = bias;
  job.residual = residual;
  job.m = (size_t)(p[TFC_CONV_N] * p[TFC_CONV_OH] * p[TFC_CONV_OW]);
  job.k = (size_t)(p[TFC_CONV_KH] * p[TFC_CONV_KW] * p[TFC_CONV_CIN]);
  job.n = (size_t)p[TFC_CONV_COUT];
  job.ldo = p[TFC_CONV_OUT_STRIDE] > 0 ? (size_t)p[TFC_CONV_OUT_STRIDE] : job.n;
  if (job.m == 0 || job.n == 0)
    return;
  if (job.k == 0) {
    for (size_t m = 0; m < job.m; ++m) {
      float *row = output + m * job.ldo;
      for (size_t j = 0; j < job.n; ++j)
        row[j] = bias ? bias[j] : 0.0f;
      epilogue(row, residual ? residual + m * job.n : NULL, job.n,
               (int)p[TFC_CONV_ACTIVATION], alpha_of(p[TFC_CONV_ALPHA_BITS]));
    }
    return;
  }
  job.panels = (job.n + NR - 1) / NR;
  if (bias) {
    size_t n0 = (job.panels - 1) * NR;
    for (size_t j = 0; j < NR; ++j)
      job.bias_last[j] = n0 + j < job.n ? bias[n0 + j] : 0.0f;
  }
  job.direct = p[TFC_CONV_KH] == 1 && p[TFC_CONV_KW] == 1 &&
               p[TFC_CONV_STRIDE_H] == 1 && p[TFC_CONV_STRIDE_W] == 1 &&
               p[TFC_CONV_PAD_TOP] == 0 && p[TFC_CONV_PAD_LEFT] == 0 &&
               p[TFC_CONV_H] == p[TFC_CONV_OH] &&
               p[TFC_CONV_W] == p[TFC_CONV_OW];
  /* Blocks of k, so that a tile's rows stay in cache across the panels;
   * with one row tile read in place (a dense layer at small batch) there is
   * nothing to keep, and each weight panel is then read from start to end
   * in one pass. */
  size_t block_k = job.direct ? DIRECT_KC : KC;
  size_t k_blocks = (job.k + block_k - 1) / block_k;
  if (job.direct && job.m <= MR)
    k_blocks = 1;
  job.kc = (job.k + k_blocks - 1) / k_blocks;
  /* Taps read in place: a kernel row's adjacent taps at once when they are
   * (undilated) and fit a block, their channels being adjacent in NHWC;
   * else one tap at a time with 16 channels or more. Otherwise rows are
   * gathered. Whole kernel rows mean fewer, longer blocks: 3x3 layers of
   * 32 to 80 channels ran 3 to 20% faster than tap by tap. */
  job.span = 0;
  if (!job.direct && p[TFC_CONV_DILATION_W] == 1 &&
      p[TFC_CONV_KW] * p[TFC_CONV_CIN] <= SPAN_KC &&
      p[TFC_CONV_KW] * p[TFC_CONV_CIN] >= SPAN_MIN_FLOATS)
    job.span = (size_t)p[TFC_CONV_KW];
  else if (!job.direct && p[TFC_CONV_CIN] >= 16)
    job.span = 1;
  job.segments = 1;
#ifdef UKERNEL_HANDLES_EDGES
  if (job.span > 1 && job.span == (size_t)p[TFC_CONV_KW] &&
      job.k <= SEGMENTS_MAX_K && p[TFC_CONV_KH] > 1 &&
      p[TFC_CONV_KH] <= MAX_SEGMENTS)
    job.segments = (size_t)p[TFC_CONV_KH];
#endif
  job.stem = 0;
#ifdef STEM_PART
  /* Segments imply an undilated width, and whole kernel rows. */
  job.stem = job.segments == 3 && p[TFC_CONV_KW] == 3 && p[TFC_CONV_CIN] == 3 &&
             (p[TFC_CONV_STRIDE_W] == 1 || p[TFC_CONV_STRIDE_W] == 2);
#endif
  /* Items of at most MC_TILES row tiles by ITEM_COLUMNS columns (with
   * 256 columns, an item's packed weights stay in L2 across all of k);
   * with threads, more (and smaller) until there are ITEMS_PER_THREAD
   * per thread.
   * Items are then made even in size, so that the threads' contiguous
   * shares of them are even in work too.
   * With threads and weights small enough to sit in every core's L2
   * (ROWS_SPLIT_WEIGHTS floats), rows are split before columns and items
   * are numbered row block by row block: each thread then computes whole
   * rows, which are the pixels that the next layer, split the same way (or
   * a depthwise layer, split by rows), reads on the same core. Splitting
   * columns instead left half of every pixel in the other core's cache
   * (MobileNetV2, two threads: 2.71 -> 2.48 ms). Larger weights keep the
   * column split, so that each core reads only its share of them.
   * Split by rows, the items form one part per thread whose rows end where
   * the depthwise, pooling and fused kernels end that thread's rows (see
   * conv_job), not at whichever item halves the count: where the two cores
   * passed a cache line in 400-500 ns, the rows between the two ends went
   * from one core's cache to the other's and back at every layer
   * (MobileNetV2 on two threads of a Zen 2: 6.19 -> 5.84 ms). */
  size_t threads = (size_t)tfc_thread_pool_size(pool);
  int rows_first = threads > 1 && job.k * job.n <= ROWS_SPLIT_WEIGHTS;
  job.image_rows = (size_t)(p[TFC_CONV_N] * p[TFC_CONV_OH]);
  job.ow = (size_t)p[TFC_CONV_OW];
  job.parts = rows_first && job.image_rows >= threads ? threads : 1;
  job.full_rows = SIZE_MAX;
#ifdef UKERNEL_HANDLES_EDGES
  if (job.direct)
    job.full_rows = even_tiles_full_rows(job.m);
#endif
  job.m_tiles = (job.m + MR - 1) / MR;
  /* The tiles of the largest part. */
  size_t m_tiles = 0;
  for (size_t part = 0; part < job.parts; ++part) {
    size_t tiles = part_tile(&job, part + 1) - part_tile(&job, part);
    if (tiles > m_tiles)
      m_tiles = tiles;
  }
  size_t panels_per_item = (ITEM_COLUMNS + NR - 1) / NR;
  if (ROWS_OUTER_MAX_BYTES > 0 && job.direct && job.k <= DIRECT_KC) {
    /* A 1x1 layer read in place with all of k in one block: items narrow
     * enough that their weights take at most ROWS_OUTER_MAX_BYTES (row
     * tiles then outside, each sweeping the item's panels in one call),
     * down to ROWS_OUTER_MIN_PANELS. */
    size_t fit = ROWS_OUTER_MAX_BYTES / (job.kc * NR * sizeof(float));
    if (fit < ROWS_OUTER_MIN_PANELS)
      fit = ROWS_OUTER_MIN_PANELS;
    if (fit < panels_per_item)
      panels_per_item = fit;
  }
  size_t m_items = (m_tiles + MC_TILES - 1) / MC_TILES;
  size_t n_items = (job.panels + panels_per_item - 1) / panels_per_item;
  while (threads > 1 &&
         m_items * n_items * job.parts < ITEMS_PER_THREAD * threads &&
         (m_items < m_tiles || n_items < job.panels)) {
    if (rows_first ? m_items == m_tiles
                   : n_items < job.panels &&
                         (n_items <= m_items || m_items == m_tiles))
      ++n_items;
    else
      ++m_items;
  }
  job.mc_tiles = (m_tiles + m_items - 1) / m_items;
  job.m_items = (m_tiles + job.mc_tiles - 1) / job.mc_tiles;
  job.nc_panels = (job.panels + n_items - 1) / n_items;
  job.n_items = (job.panels + job.nc_panels - 1) / job.nc_panels;
  job.rows_major = rows_first;
  tfc_parallel_for(pool, job.parts * job.m_items * job.n_items, conv_items,
                   &job);
}

/*===- depthwise ----------------------------------------------------------===*/

typedef struct {
  const int64_t *p;
  float *out;
  const float *in;
  const float *filter;
  const float *bias;
  const float *residual;
  /* Output rows depthwise_rows computes at once as strips
   * (depthwise_strip_rows; 0: no strips), worked out once per call. */
  size_t strip_rows;
  /* With strips: the filter's taps for each vector of channels together,
   * tap k of the vector from channel c0 at strip_taps[c0 * 9 + k *
   * VEC_FLOATS] (see depthwise_strip_taps). */
  const float *strip_taps;
  /* The parts of the N * OH output rows (one per thread, as a
   * convolution's: conv_job), each of part_items items. */
  size_t parts, part_items;
} depthwise_job;

#define DW_CB 64

/* The output columns [*ow_lo, *ow_hi) of a depthwise layer whose windows
 * lie inside the input along the width: ow * SW - PL >= 0 and
 * ow * SW - PL + (KW - 1) * DW < W. */
static inline void depthwise_interior(const int64_t *p, int64_t *ow_lo,
                                      int64_t *ow_hi) {
  int64_t sw = p[TFC_DW_STRIDE_W], pl = p[TFC_DW_PAD_LEFT];
  int64_t last_start =
      p[TFC_DW_W] - 1 - (p[TFC_DW_KW] - 1) * p[TFC_DW_DILATION_W] + pl;
  *ow_lo = (pl + sw - 1) / sw;
  *ow_hi = last_start < 0 ? 0 : last_start / sw + 1;
  if (*ow_hi > p[TFC_DW_OW])
    *ow_hi = p[TFC_DW_OW];
  if (*ow_lo > *ow_hi)
    *ow_lo = *ow_hi;
}

/* out[c] for channels c0 .. c0+cb-1 of output pixel (n, oh, ow), epilogue
 * included; multiplier 1. Inlined at each call with a constant cb (64, 32,
 * 16, 8) so that the sums stay in vector registers across the taps, and
 * once with the variable remainder. */
static inline __attribute__((always_inline)) void
depthwise_block(const depthwise_job *job, float *out, const float *residual,
                size_t c0, int64_t n, int64_t oh, int64_t ow, size_t cb) {
  const int64_t *p = job->p;
  int64_t h = p[TFC_DW_H], w = p[TFC_DW_W], c_size = p[TFC_DW_C];
  int64_t kw_size = p[TFC_DW_KW];
  float acc[DW_CB];
  for (size_t c = 0; c < cb; ++c)
    acc[c] = job->bias ? job->bias[c0 + c] : 0.0f;
  for (int64_t kh = 0; kh < p[TFC_DW_KH]; ++kh) {
    int64_t ih =
        oh * p[TFC_DW_STRIDE_H] - p[TFC_DW_PAD_TOP] + kh * p[TFC_DW_DILATION_H];
    if (ih < 0 || ih >= h)
      continue;
    for (int64_t kw = 0; kw < kw_size; ++kw) {
      int64_t iw = ow * p[TFC_DW_STRIDE_W] - p[TFC_DW_PAD_LEFT] +
                   kw * p[TFC_DW_DILATION_W];
      if (iw < 0 || iw >= w)
        continue;
      const float *src = job->in + ((n * h + ih) * w + iw) * c_size + c0;
      const float *tap = job->filter + (kh * kw_size + kw) * c_size + c0;
      for (size_t c = 0; c < cb; ++c)
        acc[c] += src[c] * tap[c];
    }
  }
  epilogue(acc, residual ? residual + c0 : NULL, cb, (int)p[TFC_DW_ACTIVATION],
           alpha_of(p[TFC_DW_ALPHA_BITS]));
  for (size_t c = 0; c < cb; ++c)
    out[c0 + c] = acc[c];
}

#ifdef VEC_FLOATS
/* One vector register of floats, loaded and stored unaligned. */
typedef float vec_f32
    __attribute__((vector_size(VEC_FLOATS * sizeof(float)), aligned(4)));
typedef int32_t vec_i32
    __attribute__((vector_size(VEC_FLOATS * sizeof(float)), aligned(4)));

/* The scalar epilogue's activation on a vector, in registers, with the
 * same results bit for bit (NaN and -0 become +0 under Relu, as x > 0 ? x :
 * 0 makes them). */
static inline __attribute__((always_inline)) vec_f32
vec_activate(vec_f32 x, int activation, float alpha) {
  vec_f32 zero = {0};
  vec_i32 positive = x > zero;
  switch (activation) {
  case TFC_ACT_RELU:
    return (vec_f32)((vec_i32)x & positive);
  case TFC_ACT_RELU6: {
    vec_f32 v = (vec_f32)((vec_i32)x & positive), six = zero + 6.0f;
    vec_i32 below = v < six;
    return (vec_f32)(((vec_i32)v & below) | ((vec_i32)six & ~below));
  }
  case TFC_ACT_LEAKY_RELU:
    return (vec_f32)(((vec_i32)x & positive) |
                     ((vec_i32)(x * alpha) & ~positive));
  default:
    return x;
  }
}

/* The first len <= VEC_FLOATS floats at src as a vector (the other lanes
 * 0), and the first len lanes of x stored at dst. A whole vector is a copy
 * of constant size, in registers; a short one is the ISA's masked load or
 * store where it defines VEC_LOAD_SHORT and VEC_STORE_SHORT, else a memcpy
 * through the stack (a variable size for every vector took 40% of a
 * Winograd layer's time). */
static inline __attribute__((always_inline)) vec_f32
vec_load_first(const float *src, size_t len) {
  if (len == VEC_FLOATS) {
    vec_f32 x;
    __builtin_memcpy(&x, src, sizeof x);
    return x;
  }
#ifdef VEC_LOAD_SHORT
  return VEC_LOAD_SHORT(src, len);
#else
  vec_f32 x = {0};
  __builtin_memcpy(&x, src, len * sizeof(float));
  return x;
#endif
}

static inline __attribute__((always_inline)) void
vec_store_first(float *dst, vec_f32 x, size_t len) {
  if (len == VEC_FLOATS) {
    __builtin_memcpy(dst, &x, sizeof x);
    return;
  }
#ifdef VEC_STORE_SHORT
  VEC_STORE_SHORT(dst, x, len);
#else
  __builtin_memcpy(dst, &x, len * sizeof(float));
#endif
}
#endif

#ifdef DW_ACC_FLOATS
/* Output pixels blocked together in the interior of a row, for cb
 * channels (a multiple of VEC_FLOATS): as many as DW_ACC_FLOATS sums
 * hold, at most 8. */
#define DW_PIXELS(cb)                                                          \
  ((cb) % VEC_FLOATS != 0 || (cb) >= DW_ACC_FLOATS ? 1                         \
   : DW_ACC_FLOATS / (cb) > 8                      ? 8                         \
                                                   : DW_ACC_FLOATS / (cb))

/* Channels c0 .. c0+cb-1 of DW_PIXELS(cb) consecutive output pixels from
 * (n, oh, ow), whose windows lie inside the input along the width; epilogue
 * included; multiplier 1. Each tap's weights are loaded once for all the
 * pixels; the sums are vectors with constant indices, so they stay in
 * registers. */
static inline __attribute__((always_inline)) void
depthwise_pixels(const depthwise_job *job, float *out, const float *residual,
                 size_t c0, int64_t n, int64_t oh, int64_t ow, size_t cb) {
  enum { R = 8, V = DW_CB / VEC_FLOATS };
  const int64_t *p = job->p;
  int64_t h = p[TFC_DW_H], w = p[TFC_DW_W], c_size = p[TFC_DW_C];
  int64_t kh_size = p[TFC_DW_KH], kw_size = p[TFC_DW_KW];
  int64_t sw = p[TFC_DW_STRIDE_W], dw = p[TFC_DW_DILATION_W];
  size_t pixels = DW_PIXELS(cb), vectors = cb / VEC_FLOATS;
  vec_f32 acc[R][V];
  for (size_t v = 0; v < vectors; ++v) {
    vec_f32 init = {0};
    if (job->bias)
      __builtin_memcpy(&init, job->bias + c0 + v * VEC_FLOATS, sizeof init);
    for (size_t r = 0; r < pixels; ++r)
      acc[r][v] = init;
  }
  const float *column =
      job->in + (n * h * w + ow * sw - p[TFC_DW_PAD_LEFT]) * c_size + c0;
  for (int64_t kh = 0; kh < kh_size; ++kh) {
    int64_t ih =
        oh * p[TFC_DW_STRIDE_H] - p[TFC_DW_PAD_TOP] + kh * p[TFC_DW_DILATION_H];
    if (ih < 0 || ih >= h)
      continue;
    const float *src = column + ih * w * c_size;
    const float *tap = job->filter + kh * kw_size * c_size + c0;
    for (int64_t kw = 0; kw < kw_size; ++kw) {
      for (size_t v = 0; v < vectors; ++v) {
        vec_f32 t;
        __builtin_memcpy(&t, tap + v * VEC_FLOATS, sizeof t);
        for (size_t r = 0; r < pixels; ++r) {
          vec_f32 x;
          __builtin_memcpy(&x, src + (int64_t)r * sw * c_size + v * VEC_FLOATS,
                           sizeof x);
          acc[r][v] += x * t;
        }
      }
      src += dw * c_size;
      tap += c_size;
    }
  }
  int activation = (int)p[TFC_DW_ACTIVATION];
  float alpha = alpha_of(p[TFC_DW_ALPHA_BITS]);
  for (size_t r = 0; r < pixels; ++r) {
    float *pixel = out + (size_t)r * c_size + c0;
    for (size_t v = 0; v < vectors; ++v) {
      vec_f32 x = acc[r][v];
      if (residual) {
        vec_f32 add;
        __builtin_memcpy(&add,
                         residual + (size_t)r * c_size + c0 + v * VEC_FLOATS,
                         sizeof add);
        x += add;
      }
      x = vec_activate(x, activation, alpha);
      __builtin_memcpy(pixel + v * VEC_FLOATS, &x, sizeof x);
    }
  }
}
#endif

#ifdef DW_STRIP_PIXELS
#ifndef DW_STRIP_ROWS
#define DW_STRIP_ROWS 1
#endif
/* 1: layers of a multiple of 512 channels in strips where rows are taken
 * DW_STRIP_ROWS at a time (see depthwise_strip_rows). */
#ifndef DW_STRIP_GROUPS_512
#define DW_STRIP_GROUPS_512 1
#endif
/* 1: DW_STRIP_ROWS rows at a time at stride 2 (along both axes) too, where
 * strips are taken at stride 2 (see depthwise_strip_rows). */
#ifndef DW_STRIP_PAIRS_STRIDE_2
#define DW_STRIP_PAIRS_STRIDE_2 0
#endif
/* 1: strips at stride 2 along the width too (see depthwise_strip_rows). */
#ifndef DW_STRIP_STRIDE_2
#define DW_STRIP_STRIDE_2 0
#endif
/* The most channels of a layer in strips: their taps are packed on the
 * stack (36 KB; see depthwise_strip_taps). */
#define DW_STRIP_MAX_CHANNELS 1024
/* A 3x3 depthwise kernel with dilation 1 and stride `stride` (a constant, 1
 * or 2) along the width, for VEC_FLOATS channels: `pixels` (a constant, at
 * most DW_STRIP_PIXELS) consecutive output pixels of each of `rows` (a
 * constant, at most DW_STRIP_ROWS) output rows, whose first window starts
 * at input column iw0 of input row ih0 (the rows after it start `stride`
 * rows further down: rows go in groups only where the strides along the
 * height and the width are equal). `taps` are the vector's nine
 * (depthwise_strip_taps); before each input row is read, the kernel rows
 * of them that it meets are loaded into registers (two for a pair of
 * rows), not all nine at once, which leaves AVX2's 16 registers room for
 * two rows of 4 sums. Each input
 * vector is loaded once and feeds the up to three sums of each row that
 * need it (two at stride 2), where depthwise_pixels loads it once per tap;
 * two rows share two of their input rows (one at stride 2). With `inside` 0 the
 * taps in the padding are skipped, so that strips at the ends of a row take
 * this path too. Each sum adds its taps in the order (kh, kw) from the bias, as
 * depthwise_block does. */
static inline __attribute__((always_inline)) void
depthwise_3x3_strip(const depthwise_job *job, float *out, const float *residual,
                    const float *image, const float *taps, vec_f32 init,
                    int64_t ih0, int64_t iw0, size_t pixels, size_t rows,
                    int64_t stride, int inside) {
  const int64_t *p = job->p;
  int64_t h = p[TFC_DW_H], w = p[TFC_DW_W], c_size = p[TFC_DW_C];
  size_t row_floats = (size_t)(p[TFC_DW_OW] * c_size);
  /* The loops are unrolled whole, so that the taps and the sums have
   * constant indices and stay in registers. */
  vec_f32 acc[DW_STRIP_ROWS][DW_STRIP_PIXELS];
  for (size_t r = 0; r < rows; ++r)
#pragma GCC unroll 16
    for (size_t x = 0; x < pixels; ++x)
      acc[r][x] = init;
#pragma GCC unroll 8
  for (int64_t i = 0; i < ((int64_t)rows - 1) * stride + 3; ++i) {
    int64_t ih = ih0 + i;
    if (ih < 0 || ih >= h)
      continue;
    const float *src = image + (ih * w + iw0) * c_size;
    /* Kernel row i - r of the taps, for each output row r that it is in. */
    vec_f32 row_taps[DW_STRIP_ROWS][3];
#pragma GCC unroll 2
    for (int64_t r = 0; r < (int64_t)rows; ++r) {
      int64_t kh = i - r * stride;
      if (kh < 0 || kh > 2)
        continue;
#pragma GCC unroll 3
      for (int64_t kw = 0; kw < 3; ++kw)
        __builtin_memcpy(&row_taps[r][kw], taps + (kh * 3 + kw) * VEC_FLOATS,
                         sizeof row_taps[r][kw]);
    }
#pragma GCC unroll 32
    for (int64_t j = 0; j < ((int64_t)pixels - 1) * stride + 3; ++j) {
      const float *column = src;
      /* One add per column: without the barrier clang works each address
       * out again from the indices, with a multiply, and runs out of
       * registers for them. */
      src += c_size;
      __asm__("" : "+r"(src));
      if (!inside && (iw0 + j < 0 || iw0 + j >= w))
        continue;
      vec_f32 x;
      __builtin_memcpy(&x, column, sizeof x);
#pragma GCC unroll 2
      for (int64_t r = 0; r < (int64_t)rows; ++r) {
        int64_t kh = i - r * stride;
        if (kh < 0 || kh > 2)
          continue;
#pragma GCC unroll 3
        for (int64_t kw = 0; kw < 3; ++kw)
          if (j - kw >= 0 && (j - kw) % stride == 0 &&
              (j - kw) / stride < (int64_t)pixels)
            acc[r][(j - kw) / stride] += x * row_taps[r][kw];
      }
    }
  }
  int activation = (int)p[TFC_DW_ACTIVATION];
  float alpha = alpha_of(p[TFC_DW_ALPHA_BITS]);
  for (size_t r = 0; r < rows; ++r)
#pragma GCC unroll 16
    for (size_t x = 0; x < pixels; ++x) {
      vec_f32 y = acc[r][x];
      if (residual) {
        vec_f32 add;
        __builtin_memcpy(&add, residual + r * row_floats + x * (size_t)c_size,
                         sizeof add);
        y += add;
      }
      y = vec_activate(y, activation, alpha);
      __builtin_memcpy(out + r * row_floats + x * (size_t)c_size, &y, sizeof y);
    }
}

/* The first `channels` (a multiple of VEC_FLOATS) of `rows` (a constant: 1,
 * or DW_STRIP_ROWS where stride and dilation along the height are 1)
 * output rows from `row` on, of the same image, for a 3x3 kernel of stride
 * `stride` (a constant, 1 or 2) along the width (see depthwise_3x3_strip):
 * strips of DW_STRIP_PIXELS pixels along the rows, then of a half and a quarter
 * of that and of one pixel for their end; every vector of channels of a strip
 * before the next strip, so that its input pixels are read whole, one after
 * another. */
static inline __attribute__((always_inline)) void
depthwise_3x3_rows(const depthwise_job *job, size_t row, size_t rows,
                   int64_t stride, size_t channels) {
  const int64_t *p = job->p;
  int64_t h = p[TFC_DW_H], w = p[TFC_DW_W], c_size = p[TFC_DW_C];
  int64_t oh_size = p[TFC_DW_OH], ow_size = p[TFC_DW_OW];
  int64_t n = (int64_t)row / oh_size, oh = (int64_t)row % oh_size;
  int64_t ih0 = oh * p[TFC_DW_STRIDE_H] - p[TFC_DW_PAD_TOP];
  int64_t pl = p[TFC_DW_PAD_LEFT];
  const float *image = job->in + n * h * w * c_size;
  size_t pixel0 = row * (size_t)ow_size;
  const float *residual =
      job->residual ? job->residual + pixel0 * (size_t)c_size : NULL;
  float *out = job->out + pixel0 * (size_t)c_size;
#define TFC_DW_STRIP(pixels, inside)                                           \
  for (size_t c0 = 0; c0 < channels; c0 += VEC_FLOATS) {                       \
    vec_f32 init = {0};                                                        \
    if (job->bias)                                                             \
      __builtin_memcpy(&init, job->bias + c0, sizeof init);                    \
    depthwise_3x3_strip(job, out + ow * c_size + c0,                           \
                        residual ? residual + ow * c_size + c0 : NULL,         \
                        image + c0, job->strip_taps + c0 * 9, init, ih0,       \
                        ow * stride - pl, (pixels), rows, stride, (inside));   \
  }
#define TFC_DW_STRIPS(pixels)                                                  \
  for (; ow + (pixels) <= ow_hi; ow += (pixels)) {                             \
    TFC_DW_STRIP(pixels, 1)                                                    \
  }
  /* The pixels whose windows reach into the padding (at most one at each
   * end of a row, at stride 1), one at a time; the interior in strips with
   * no bounds checks. */
  int64_t ow_lo, ow_hi;
  depthwise_interior(p, &ow_lo, &ow_hi);
  int64_t ow = 0;
  for (; ow < ow_lo; ++ow) {
    TFC_DW_STRIP(1, 0)
  }
  TFC_DW_STRIPS(DW_STRIP_PIXELS)
  TFC_DW_STRIPS(DW_STRIP_PIXELS / 2)
  TFC_DW_STRIPS(DW_STRIP_PIXELS / 4)
  TFC_DW_STRIPS(1)
  for (; ow < ow_size; ++ow) {
    TFC_DW_STRIP(1, 0)
  }
#undef TFC_DW_STRIPS
#undef TFC_DW_STRIP
}

/* depthwise_3x3_rows for one row (at stride 1 or 2 along the width) and
 * for DW_STRIP_ROWS rows, each a copy with constant counts. Not inlined: in
 * depthwise_rows, clang ran out of registers. */
static __attribute__((noinline)) void
depthwise_3x3_row(const depthwise_job *job, size_t row, size_t channels) {
  if (job->p[TFC_DW_STRIDE_W] == 2)
    depthwise_3x3_rows(job, row, 1, 2, channels);
  else
    depthwise_3x3_rows(job, row, 1, 1, channels);
}
#if DW_STRIP_ROWS > 1
static __attribute__((noinline)) void
depthwise_3x3_row_group(const depthwise_job *job, size_t row, size_t channels) {
  if (job->p[TFC_DW_STRIDE_W] == 2)
    depthwise_3x3_rows(job, row, DW_STRIP_ROWS, 2, channels);
  else
    depthwise_3x3_rows(job, row, DW_STRIP_ROWS, 1, channels);
}
#endif
#endif

/* Channels c0 .. c0+cb-1 of the whole output row `row` of (n, oh);
 * multiplier 1. Pixels whose window lies inside the input along the width
 * (all but a few at each end) take a path without bounds checks. */
static inline __attribute__((always_inline)) void
depthwise_row_block(const depthwise_job *job, size_t row, size_t c0,
                    size_t cb) {
  const int64_t *p = job->p;
  int64_t h = p[TFC_DW_H], w = p[TFC_DW_W], c_size = p[TFC_DW_C];
  int64_t oh_size = p[TFC_DW_OH], ow_size = p[TFC_DW_OW];
  int64_t kh_size = p[TFC_DW_KH], kw_size = p[TFC_DW_KW];
  int64_t sw = p[TFC_DW_STRIDE_W], dw = p[TFC_DW_DILATION_W];
  int64_t pl = p[TFC_DW_PAD_LEFT];
  int64_t n = (int64_t)row / oh_size, oh = (int64_t)row % oh_size;
  int activation = (int)p[TFC_DW_ACTIVATION];
  float alpha = alpha_of(p[TFC_DW_ALPHA_BITS]);
  int64_t ow_lo, ow_hi;
  depthwise_interior(p, &ow_lo, &ow_hi);
  size_t pixel0 = row * (size_t)ow_size;
  for (int64_t ow = 0; ow < ow_size; ++ow) {
    float *out = job->out + (pixel0 + (size_t)ow) * (size_t)c_size;
    const float *residual =
        job->residual ? job->residual + (pixel0 + (size_t)ow) * (size_t)c_size
                      : NULL;
    if (ow < ow_lo || ow >= ow_hi) {
      depthwise_block(job, out, residual, c0, n, oh, ow, cb);
      continue;
    }
#ifdef DW_ACC_FLOATS
    /* DW_PIXELS(cb) interior pixels at once: each tap's weights are loaded
     * once for all of them, and their sums fill the registers the ISA's
     * file sets aside (DW_ACC_FLOATS floats). */
    if (DW_PIXELS(cb) > 1 && ow + (int64_t)DW_PIXELS(cb) <= ow_hi) {
      depthwise_pixels(job, out, residual, c0, n, oh, ow, cb);
      ow += (int64_t)DW_PIXELS(cb) - 1;
      continue;
    }
#endif
    float acc[DW_CB];
    for (size_t c = 0; c < cb; ++c)
      acc[c] = job->bias ? job->bias[c0 + c] : 0.0f;
    const float *column = job->in + (n * h * w + ow * sw - pl) * c_size + c0;
    for (int64_t kh = 0; kh < kh_size; ++kh) {
      int64_t ih = oh * p[TFC_DW_STRIDE_H] - p[TFC_DW_PAD_TOP] +
                   kh * p[TFC_DW_DILATION_H];
      if (ih < 0 || ih >= h)
        continue;
      const float *src = column + ih * w * c_size;
      const float *tap = job->filter + kh * kw_size * c_size + c0;
      for (int64_t kw = 0; kw < kw_size; ++kw) {
        for (size_t c = 0; c < cb; ++c)
          acc[c] += src[c] * tap[c];
        src += dw * c_size;
        tap += c_size;
      }
    }
    epilogue(acc, residual ? residual + c0 : NULL, cb, activation, alpha);
    for (size_t c = 0; c < cb; ++c)
      out[c0 + c] = acc[c];
  }
}

#ifdef DW_STRIP_PIXELS
/* How many output rows at a time depthwise_rows computes as strips
 * (depthwise_3x3_rows), or 0 where it does not. Strips where they were
 * measured faster: 3x3 kernels of stride 1 along the width, over rows of
 * DW_STRIP_MIN_WIDTH pixels or more; at stride 2 only where the ISA's file
 * sets DW_STRIP_STRIDE_2 (on Zen 4 and 5 they were not faster), and over
 * more channels than one block of depthwise_row_block's (DW_CB: one Zen 3
 * core, one-layer models, 64 channels 4-5% slower in strips, 96 to 256
 * channels 3-11% faster), or fewer where rows go in pairs (one Zen 2 core,
 * AVX2: 112 x 112 x 32 0.87, 56 x 56 x 64 1.12 against pixel blocks). With
 * stride 1 along the height too, DW_STRIP_ROWS rows at a time, which share
 * input rows. Single rows of a multiple of 512 channels keep the old path:
 * a strip's 18 to 30 input vectors lie 2 KB apart, in the same two sets of
 * the L1 cache (14 x 14 x 512 ran 10% slower in strips on Zen 4, while 480
 * and 544 channels ran 15-25% faster; on Zen 3 with packed taps 14 x 14 x
 * 1024 ran 1.3x slower, and strips of two pixels did not help). In pairs
 * of rows it ran 20% faster than the old path (Zen 5), but 5% slower on
 * Zen 2 with AVX2 (DW_STRIP_GROUPS_512). */
static size_t depthwise_strip_rows(const int64_t *p) {
  int row_groups = DW_STRIP_ROWS > 1 &&
                   p[TFC_DW_STRIDE_H] == p[TFC_DW_STRIDE_W] &&
                   (p[TFC_DW_STRIDE_W] == 1 ||
                    (DW_STRIP_PAIRS_STRIDE_2 && p[TFC_DW_STRIDE_W] == 2));
  int strips =
      p[TFC_DW_MULT] == 1 && p[TFC_DW_KH] == 3 && p[TFC_DW_KW] == 3 &&
      (p[TFC_DW_STRIDE_W] == 1 ||
       (DW_STRIP_STRIDE_2 && p[TFC_DW_STRIDE_W] == 2 &&
        (p[TFC_DW_C] > DW_CB || (row_groups && p[TFC_DW_C] < DW_CB)))) &&
      p[TFC_DW_DILATION_H] == 1 && p[TFC_DW_DILATION_W] == 1 &&
      p[TFC_DW_OW] >= DW_STRIP_MIN_WIDTH && p[TFC_DW_C] >= VEC_FLOATS &&
      p[TFC_DW_C] <= DW_STRIP_MAX_CHANNELS &&
      ((row_groups && DW_STRIP_GROUPS_512) || p[TFC_DW_C] % 512 != 0);
  return !strips ? 0 : row_groups ? DW_STRIP_ROWS : 1;
}
#endif

#ifdef DW_STRIP_PIXELS
/* The taps of the first `channels` (a multiple of VEC_FLOATS) channels of
 * a 3x3 HWC filter, each vector's nine together (depthwise_job.strip_taps),
 * packed once per call: in the filter as it is, a vector's taps lie 4 * C
 * bytes apart, nine lines of the L1 cache that compete with the strip's
 * input pixels (C a multiple of 64: all in the same few sets). One Zen 3
 * core, one-layer models, against taps read in place: MobileNets' strip
 * layers 3-5% faster (14 x 14 to 112 x 112, 32 to 576 channels). */
static void depthwise_strip_taps(const float *filter, size_t c_size,
                                 size_t channels, float *packed) {
  for (size_t c0 = 0; c0 < channels; c0 += VEC_FLOATS)
    for (size_t k = 0; k < 9; ++k)
      memcpy(packed + c0 * 9 + k * VEC_FLOATS, filter + k * c_size + c0,
             VEC_FLOATS * sizeof(float));
}
#endif

/* Output rows [begin, end) of the flattened (n, oh). */
static void depthwise_rows(void *context, size_t begin, size_t end) {
  const depthwise_job *job = (const depthwise_job *)context;
  const int64_t *p = job->p;
  int64_t h = p[TFC_DW_H], w = p[TFC_DW_W], oh_size = p[TFC_DW_OH];
  int64_t ow_size = p[TFC_DW_OW], kh_size = p[TFC_DW_KH];
  int64_t kw_size = p[TFC_DW_KW];
  size_t c_size = (size_t)p[TFC_DW_C], mult = (size_t)p[TFC_DW_MULT];
  size_t out_c = c_size * mult;
  int activation = (int)p[TFC_DW_ACTIVATION];
  float alpha = alpha_of(p[TFC_DW_ALPHA_BITS]);
#ifdef DW_STRIP_PIXELS
  size_t strip_rows = job->strip_rows;
#endif
  for (size_t row = begin; row < end; ++row) {
#ifdef DW_STRIP_PIXELS
    if (strip_rows > 0) {
      size_t full = c_size / VEC_FLOATS * VEC_FLOATS;
#if DW_STRIP_ROWS > 1
      /* A group's rows all in [begin, end) and in one image. */
      if (strip_rows > 1 && row + DW_STRIP_ROWS <= end &&
          (int64_t)(row % (size_t)oh_size) + DW_STRIP_ROWS <= oh_size) {
        depthwise_3x3_row_group(job, row, full);
        for (size_t r = 0; full < c_size && r < DW_STRIP_ROWS; ++r)
          depthwise_row_block(job, row + r, full, c_size - full);
        row += DW_STRIP_ROWS - 1;
        continue;
      }
#endif
      depthwise_3x3_row(job, row, full);
      if (full < c_size)
        depthwise_row_block(job, row, full, c_size - full);
      continue;
    }
#endif
    if (mult == 1) {
      /* Blocks of a constant number of channels, so that the sums stay in
       * vector registers. */
      size_t c0 = 0;
      for (; c0 + DW_CB <= c_size; c0 += DW_CB)
        depthwise_row_block(job, row, c0, DW_CB);
      if (c0 + 32 <= c_size) {
        depthwise_row_block(job, row, c0, 32);
        c0 += 32;
      }
      if (c0 + 16 <= c_size) {
        depthwise_row_block(job, row, c0, 16);
        c0 += 16;
      }
      if (c0 + 8 <= c_size) {
        depthwise_row_block(job, row, c0, 8);
        c0 += 8;
      }
      if (c0 < c_size)
        depthwise_row_block(job, row, c0, c_size - c0);
      continue;
    }
    int64_t n = (int64_t)row / oh_size, oh = (int64_t)row % oh_size;
    for (int64_t ow = 0; ow < ow_size; ++ow) {
      float *out = job->out + (row * (size_t)ow_size + (size_t)ow) * out_c;
      const float *residual =
          job->residual
              ? job->residual + (row * (size_t)ow_size + (size_t)ow) * out_c
              : NULL;
      /* Multiplier above 1: plain loops (rare in practice). */
      for (size_t oc = 0; oc < out_c; ++oc)
        out[oc] = job->bias ? job->bias[oc] : 0.0f;
      for (int64_t kh = 0; kh < kh_size; ++kh) {
        int64_t ih = oh * p[TFC_DW_STRIDE_H] - p[TFC_DW_PAD_TOP] +
                     kh * p[TFC_DW_DILATION_H];
        if (ih < 0 || ih >= h)
          continue;
        for (int64_t kw = 0; kw < kw_size; ++kw) {
          int64_t iw = ow * p[TFC_DW_STRIDE_W] - p[TFC_DW_PAD_LEFT] +
                       kw * p[TFC_DW_DILATION_W];
          if (iw < 0 || iw >= w)
            continue;
          const float *src =
              job->in + ((n * h + ih) * w + iw) * (int64_t)c_size;
          const float *tap = job->filter + (kh * kw_size + kw) * (int64_t)out_c;
          for (size_t c = 0; c < c_size; ++c)
            for (size_t m = 0; m < mult; ++m)
              out[c * mult + m] += src[c] * tap[c * mult + m];
        }
      }
      epilogue(out, residual, out_c, activation, alpha);
    }
  }
}

/* Output rows per parallel item: the rows depthwise_rows computes at once
 * (with threads, an item of one row would lose a pair's shared input rows:
 * MobileNetV2's 14 x 14 x 384 layers ran 1.2x faster on two threads than
 * on one). */
static size_t depthwise_item_rows(const depthwise_job *job) {
  return job->strip_rows > 1 ? job->strip_rows : 1;
}

/* Items [begin, end): the output rows of all N images, N * OH, split into
 * `parts` parts as conv_job's are (one per thread), and each part into
 * items of depthwise_item_rows rows, the last of a part fewer (or none). */
static void depthwise_items(void *context, size_t begin, size_t end) {
  const depthwise_job *job = (const depthwise_job *)context;
  size_t total = (size_t)(job->p[TFC_DW_N] * job->p[TFC_DW_OH]);
  size_t rows = depthwise_item_rows(job);
  for (size_t item = begin; item < end; ++item) {
    size_t part = item / job->part_items, index = item % job->part_items;
    size_t last = total * (part + 1) / job->parts;
    size_t first = total * part / job->parts + index * rows;
    if (first < last)
      depthwise_rows(context, first, first + rows < last ? first + rows : last);
  }
}

void TFC_ENTRY(depthwise_conv2d)(const int64_t *p, float *output,
                                 const float *input, const float *weights,
                                 const float *bias, const float *residual,
                                 tfc_thread_pool *pool) {
  depthwise_job job = {p,        output, input, weights, bias,
                       residual, 0,      NULL,  1,       0};
#ifdef DW_STRIP_PIXELS
  float strip_taps[DW_STRIP_MAX_CHANNELS * 9];
  job.strip_rows = depthwise_strip_rows(p);
  if (job.strip_rows > 0) {
    size_t c_size = (size_t)p[TFC_DW_C];
    depthwise_strip_taps(weights, c_size, c_size / VEC_FLOATS * VEC_FLOATS,
                         strip_taps);
    job.strip_taps = strip_taps;
  }
#endif
  size_t total = (size_t)(p[TFC_DW_N] * p[TFC_DW_OH]);
  size_t rows = depthwise_item_rows(&job);
  size_t threads = (size_t)tfc_thread_pool_size(pool);
  job.parts = threads > 1 && total >= threads ? threads : 1;
  job.part_items = ((total + job.parts - 1) / job.parts + rows - 1) / rows;
  tfc_parallel_for(pool, job.parts * job.part_items, depthwise_items, &job);
}

/*===- a convolution, then a depthwise one -------------------------------===*/

typedef struct {
  const int64_t *p;
  float *out;
  const float *in;
  const float *weights;
  const float *bias;
  size_t parts; /* row bands per image in this call */
} pointwise_depthwise_job;

/* Band `item` (image item / parts): output rows [o0, o1), BAND at a time,
 * through the item's own window of expanded rows. */
static void pointwise_depthwise_items(void *context, size_t begin, size_t end) {
  const pointwise_depthwise_job *job = (const pointwise_depthwise_job *)context;
  const int64_t *pc = job->p + TFC_PWDW_CONV, *pd = job->p + TFC_PWDW_DW;
  int64_t n_size = pd[TFC_DW_N], h = pd[TFC_DW_H], w = pd[TFC_DW_W];
  int64_t c = pd[TFC_DW_C], oh_size = pd[TFC_DW_OH], ow_size = pd[TFC_DW_OW];
  int64_t cin = pc[TFC_CONV_CIN], kh_size = pd[TFC_DW_KH];
  int64_t sh = pd[TFC_DW_STRIDE_H], dh = pd[TFC_DW_DILATION_H];
  int64_t pad_top = pd[TFC_DW_PAD_TOP], band = job->p[TFC_PWDW_BAND];
  int64_t window_rows = (band - 1) * sh + (kh_size - 1) * dh + 1;
  /* The convolution's input, and its window's rows. */
  int64_t in_h = pc[TFC_CONV_H], in_w = pc[TFC_CONV_W];
  int64_t conv_sh = pc[TFC_CONV_STRIDE_H], conv_pad_top = pc[TFC_CONV_PAD_TOP];
  int64_t conv_reach = (pc[TFC_CONV_KH] - 1) * pc[TFC_CONV_DILATION_H] + 1;
  size_t row_floats = (size_t)(w * c);
  size_t panels = (size_t)((c + NR - 1) / NR);
  size_t conv_k = (size_t)(pc[TFC_CONV_KH] * pc[TFC_CONV_KW] * cin);
  const float *filter = job->weights + panels * conv_k * NR;
  const float *bias = job->bias, *dw_bias = job->bias + c;
  float *scratch = job->out + (size_t)(n_size * oh_size * ow_size * c);
  int64_t conv_p[TFC_CONV_NUM_PARAMS], dw_p[TFC_DW_NUM_PARAMS];
  memcpy(conv_p, pc, sizeof conv_p);
  memcpy(dw_p, pd, sizeof dw_p);
  conv_p[TFC_CONV_N] = dw_p[TFC_DW_N] = 1;
  conv_p[TFC_CONV_OUT_STRIDE] = 0; /* the window is dense */
  for (size_t item = begin; item < end; ++item) {
    int64_t n = (int64_t)(item / job->parts),
            part = (int64_t)(item % job->parts);
    int64_t o0 = oh_size * part / (int64_t)job->parts;
    int64_t o1 = oh_size * (part + 1) / (int64_t)job->parts;
    /* Windows by the item's place among all N * PARTS: the same place for
     * the same band whatever the thread count. */
    float *window =
        scratch + ((size_t)n * (size_t)job->p[TFC_PWDW_PARTS] + (size_t)part) *
                      (size_t)window_rows * row_floats;
    const float *image = job->in + (size_t)(n * in_h) * (size_t)(in_w * cin);
    float *out_image =
        job->out + (size_t)(n * oh_size) * (size_t)ow_size * (size_t)c;
    int64_t base = 0, filled = 0; /* the window holds rows [base, filled) */
    for (int64_t ob = o0; ob < o1; ob += band) {
      int64_t oe = ob + band < o1 ? ob + band : o1;
      int64_t top = ob * sh - pad_top, first = top < 0 ? 0 : top;
      int64_t need = (oe - 1) * sh - pad_top + (kh_size - 1) * dh + 1;
      if (need > h)
        need = h;
      if (need < first) /* rows wholly in the padding read none */
        need = first;
      if (ob == o0) {
        base = filled = first;
      } else if (first > base) {
        if (filled > first)
          memmove(window, window + (size_t)(first - base) * row_floats,
                  (size_t)(filled - first) * row_floats * sizeof(float));
        base = first;
        if (filled < first)
          filled = first;
      }
      if (need > filled) {
        /* Convolution rows [filled, need) from the input rows their
         * windows reach, the padding above them included. */
        int64_t in_top = filled * conv_sh - conv_pad_top;
        int64_t in_first = in_top < 0 ? 0 : in_top;
        int64_t in_end = (need - 1) * conv_sh - conv_pad_top + conv_reach;
        if (in_end > in_h)
          in_end = in_h;
        if (in_end < in_first)
          in_end = in_first;
        conv_p[TFC_CONV_H] = in_end - in_first;
        conv_p[TFC_CONV_OH] = need - filled;
        conv_p[TFC_CONV_PAD_TOP] = in_first - in_top;
        TFC_ENTRY(conv2d)
        (conv_p, window + (size_t)(filled - base) * row_floats,
         image + (size_t)in_first * (size_t)(in_w * cin), job->weights, bias,
         NULL, NULL);
        filled = need;
      }
      /* The depthwise rows over the window: its first row is `first`. */
      dw_p[TFC_DW_H] = need - first;
      dw_p[TFC_DW_OH] = oe - ob;
      dw_p[TFC_DW_PAD_TOP] = first - top;
      TFC_ENTRY(depthwise_conv2d)
      (dw_p, out_image + (size_t)ob * (size_t)ow_size * (size_t)c,
       window + (size_t)(first - base) * row_floats, filter, dw_bias, NULL,
       NULL);
    }
  }
}

void TFC_ENTRY(pointwise_depthwise)(const int64_t *p, float *output,
                                    const float *input, const float *weights,
                                    const float *bias, const float *residual,
                                    tfc_thread_pool *pool) {
  (void)residual;
  size_t images = (size_t)p[TFC_PWDW_DW + TFC_DW_N];
  size_t threads = (size_t)tfc_thread_pool_size(pool);
  /* Bands where threads outnumber images; each band computes again the
   * expanded rows it shares with the one above. */
  size_t parts = threads > images ? (threads + images - 1) / images : 1;
  if (parts > (size_t)p[TFC_PWDW_PARTS])
    parts = (size_t)p[TFC_PWDW_PARTS];
  if (parts > (size_t)p[TFC_PWDW_DW + TFC_DW_OH])
    parts = (size_t)p[TFC_PWDW_DW + TFC_DW_OH];
  if (parts < 1)
    parts = 1;
  pointwise_depthwise_job job = {p, output, input, weights, bias, parts};
  tfc_parallel_for(pool, images * parts, pointwise_depthwise_items, &job);
}

#ifdef VEC_FLOATS
#include "max_pool.h"
#include "winograd.h"
#endif
