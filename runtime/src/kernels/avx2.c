/*===- avx2.c - contraction kernels for AVX2 + FMA ------------------------===*
 *
 * A 6 x 16 micro-kernel: 12 ymm accumulators, two loads of packed weights
 * and six broadcasts per step of k. Like the AVX-512 one, it takes edge
 * tiles (rows and columns stored with masks), several kernel rows per call
 * (segments) and the next panel to prefetch, and a first layer's 3x3 tiles
 * have their own kernel (stem_part). Built with -mavx2 -mfma.
 *
 *===----------------------------------------------------------------------===*/

#include "epilogue.h"

#include <immintrin.h>

#define TFC_ISA avx2
#define MR 6
#define NR 16
/* Floats per vector register (the vector code of conv_driver.h and
 * winograd.h), and depthwise sums kept in registers at once (see
 * depthwise_pixels). A 3x3 depthwise kernel of stride 1 on rows of
 * DW_STRIP_MIN_WIDTH pixels or more takes strips of DW_STRIP_PIXELS
 * pixels (see depthwise_3x3_strip). One Zen 3 core, against
 * depthwise_pixels: one-layer models of 14 x 14 x 256, 384 and 576 9-12%
 * faster; 7 x 7 x 160 to 960 1-21% slower in strips. Strips of two rows
 * (DW_STRIP_ROWS: 8 sums, two kernel rows of taps and an input vector in
 * the 16 registers), each input vector loaded once for both: one Zen 2
 * core, one-layer models against strips of one row: 14 x 14 x 256 and
 * 576, 28 x 28 x 128 and 192, 56 x 56 x 64 to 144, 112 x 112 x 16 and 32
 * 0.78-0.85; 14 x 14 x 512 1.05 (not in pairs: DW_STRIP_GROUPS_512). One
 * row of 8 pixels, or of 12 (fewer loads of taps), or every tap for all
 * of the strip's pixels in turn (inputs loaded once per tap) were all
 * slower than that. */
#define DW_ACC_FLOATS 96
#define DW_STRIP_MIN_WIDTH 14
#define DW_STRIP_PIXELS 4
#define DW_STRIP_ROWS 2
#define DW_STRIP_STRIDE_2 1
#define DW_STRIP_GROUPS_512 0
#define DW_STRIP_PAIRS_STRIDE_2 1
#define VEC_FLOATS 8
/* max_pool.h's maximum of two vectors without NaNs: one instruction. */
#define VEC_MAX(m, x) ((vec_f32)_mm256_max_ps((__m256)(x), (__m256)(m)))

/* Stores and loads whole tiles, or rows < mr and columns < nr of one with
 * masks: edge tiles need no copy. It also takes several segments of k at
 * once, each with its own rows (a[s * MR + i]), summing across them in
 * registers. */
#define UKERNEL_HANDLES_EDGES 1
/* Prefetching the next panel (see ukernel_part) only for layers of at
 * most 64 output pixels (7 x 7 at batch 1), whose weights pass few row
 * tiles. One Zen 3 core, layer by layer against no prefetching: 1x1 layers
 * over 7 x 7 2-8% faster (MobileNetV2's, MobileNet v1 1.0's 7 x 7 x 1024
 * -> 1024 7%); over 14 x 14 and 28 x 28 2-8% slower (MobileNetV2's 96 KB
 * and MobileNet v1 1.0's 1 MB of weights alike). */
#define PREFETCH_MAX_ROWS 64
/* 1x1 layers read in place take k in blocks of up to 512, not 256 (a
 * panel of 32 KB): each output tile is then stored once where k <= 512.
 * One Zen 3 core, paired runs: 14 x 14 x 512 -> 512 3-4% faster (in
 * MobileNet v1 1.0 too), 7 x 7 x 1024 -> 1024 even; blocks of up to 1024
 * ran no faster there. */
#define DIRECT_KC 512
/* Implicit GEMM reads a kernel row's taps in place as one block of k up to
 * 512 floats, not 256 (and one tap's channels in blocks of up to 512):
 * fewer stores and reloads of the output tile. One Zen 3 core, one-layer
 * models, alternating: Inception-v3's 35 x 35 x 96 -> 96 3x3/2 0.89-0.93,
 * 35 x 35 x 288 -> 384 3x3/2 0.97-0.98, 17 x 17 x 192 -> 320 3x3/2
 * 0.95-0.98. */
#define SPAN_KC 512
/* Row tiles outside panels where an item's weights for the block take at
 * most 128 KB (a quarter of Zen 3's L2), not only for blocks of k under
 * 128: one Zen 3 core, one-layer models, 1x1 layers over 128 channels
 * (28 x 28 x 128 -> 128 and -> 256, 56 x 56 x 128 -> 128) 6-7% faster,
 * 28 x 28 x 192 -> 32 and 14 x 14 x 192 -> 64 3-6%; with 256 KB, 14 x 14
 * x 256 -> 256 ran 1.27x slower. Items of 1x1 layers with k up to 512 are
 * cut to that (at least 4 panels): one-layer models, alternating blocks of
 * runs, median ratio of their minima against items of 256 columns with
 * panels outside: 14 x 14 x 256 -> 256 0.935, 28 x 28 x 256 -> 256 0.928,
 * 7 x 7 x 512 -> 512 0.887, 14 x 14 x 512 -> 512 0.952 (4 panels against
 * 8: 0.896 and 0.978). */
#define ROWS_OUTER_MAX_BYTES (128 * 1024)

/* The lane masks (all bits of a lane set) of a tile's two 8-column halves
 * for its first nr columns, for vmaskmovps. */
static inline __attribute__((always_inline)) void half_masks(size_t nr,
                                                             __m256i *mask) {
  const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  int low = nr >= 8 ? 8 : (int)nr, high = nr >= 16  ? 8
                                          : nr <= 8 ? 0
                                                    : (int)nr - 8;
  mask[0] = _mm256_cmpgt_epi32(_mm256_set1_epi32(low), lanes);
  mask[1] = _mm256_cmpgt_epi32(_mm256_set1_epi32(high), lanes);
}

/* Half h of a row: a plain load or store when its 8 columns are all in the
 * tile (nr), masked otherwise (a masked store is slow on AMD cores). */
static inline __attribute__((always_inline)) __m256
half_load(const float *row, int h, size_t nr, const __m256i *mask) {
  return nr >= 8 * (size_t)(h + 1) ? _mm256_loadu_ps(row + 8 * h)
                                   : _mm256_maskload_ps(row + 8 * h, mask[h]);
}
static inline __attribute__((always_inline)) void
half_store(float *row, int h, size_t nr, const __m256i *mask, __m256 x) {
  if (nr >= 8 * (size_t)(h + 1))
    _mm256_storeu_ps(row + 8 * h, x);
  else
    _mm256_maskstore_ps(row + 8 * h, mask[h], x);
}

/* The end of a tile's sums acc (its first `rows` rows and `halves`
 * halves): the residual and the activation when `tail` asks for them, then
 * the store of rows < mr and columns < nr. */
static inline __attribute__((always_inline)) void
tile_finish(int rows, int halves, __m256 (*acc)[2], float *c, size_t ldc,
            const tile_epilogue *tail, size_t mr, size_t nr,
            const __m256i *mask) {
  if (tail) {
    if (tail->residual)
      for (int i = 0; i < rows; ++i)
        for (int h = 0; h < halves; ++h)
          if ((size_t)i < mr)
            acc[i][h] = _mm256_add_ps(
                acc[i][h], half_load(tail->residual + i * tail->residual_stride,
                                     h, nr, mask));
    /* max(x, 0) is 0 for NaN, as the scalar epilogue's x > 0 ? x : 0. */
    __m256 zero = _mm256_setzero_ps(), six = _mm256_set1_ps(6.0f);
    __m256 alpha = _mm256_set1_ps(tail->alpha);
    for (int i = 0; i < rows; ++i)
      for (int h = 0; h < halves; ++h) {
        __m256 x = acc[i][h];
        switch (tail->activation) {
        case TFC_ACT_RELU:
          x = _mm256_max_ps(x, zero);
          break;
        case TFC_ACT_RELU6:
          x = _mm256_min_ps(_mm256_max_ps(x, zero), six);
          break;
        case TFC_ACT_LEAKY_RELU:
          x = _mm256_blendv_ps(_mm256_mul_ps(x, alpha), x,
                               _mm256_cmp_ps(x, zero, _CMP_GT_OQ));
          break;
        default:
          break;
        }
        acc[i][h] = x;
      }
  }
  for (int i = 0; i < rows; ++i)
    if ((size_t)i < mr)
      for (int h = 0; h < halves; ++h)
        half_store(c + i * ldc, h, nr, mask, acc[i][h]);
}

/* The tile's first `rows` rows (MR, MR - 1, or 1 for a dense layer at batch 1)
 * and first `halves` 8-column halves (2, or 1 when nr <= 8); inlined with
 * constants, so that a one-row tile costs two FMAs per step of k, not
 * twelve, and a tile of 8 columns or fewer six. */
static inline __attribute__((always_inline)) void
ukernel_part(int rows, int halves, size_t segments, size_t kc,
             const float *const *a, const float *b, const float *next, float *c,
             size_t ldc, const float *init, int accumulate,
             const tile_epilogue *tail, size_t mr, size_t nr) {
  __m256i mask[2];
  half_masks(nr, mask);
  __m256 acc[MR][2];
  /* A tile of one half has too few sums for the FMAs' latency (6 chains
   * where 8 to 10 keep both pipes busy): it sums even and odd steps of k
   * apart, in acc[i][0] and acc[i][1], and adds them at the end. Any
   * number of rows alike, so that a row's result does not depend on its
   * tile (thread counts, fused kernels). */
  int split = halves == 1;
  if (accumulate) {
    for (int i = 0; i < rows; ++i)
      for (int h = 0; h < halves; ++h)
        acc[i][h] = (size_t)i < mr ? half_load(c + i * ldc, h, nr, mask)
                                   : _mm256_setzero_ps();
  } else {
    /* init (bias) is NR floats, padded with zeros past nr. */
    __m256 b0 = init ? _mm256_loadu_ps(init) : _mm256_setzero_ps();
    __m256 b1 = init ? _mm256_loadu_ps(init + 8) : _mm256_setzero_ps();
    for (int i = 0; i < rows; ++i) {
      acc[i][0] = b0;
      acc[i][1] = b1;
    }
  }
  if (split)
    for (int i = 0; i < rows; ++i)
      acc[i][1] = _mm256_setzero_ps();
  /* Each step of k touches the same place of `next` (one cache line) into
   * L2, as the AVX-512 kernel does: not without a `next`, and not for one
   * row, whose weights stream past once. Signed: a Winograd GEMM's `next`
   * may lie before b. */
  ptrdiff_t ahead = next ? next - b : 0;
  int prefetch = rows > 1 && next;
  /* A step of k for each of the MR rows (TFC_ROW, defined for each loop). */
#define TFC_ROWS                                                               \
  TFC_ROW(0) TFC_ROW(1) TFC_ROW(2) TFC_ROW(3) TFC_ROW(4) TFC_ROW(5)
  for (size_t s = 0; s < segments; ++s, a += MR) {
    const float *a0 = a[0], *a1 = a[1], *a2 = a[2], *a3 = a[3];
    const float *a4 = a[4], *a5 = a[5];
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5;
    size_t k = 0;
    if (split) {
      for (; k + 1 < kc; k += 2) {
        __m256 b0 = _mm256_loadu_ps(b), b1 = _mm256_loadu_ps(b + NR);
        if (prefetch) {
          _mm_prefetch((const char *)(b + ahead), _MM_HINT_T1);
          _mm_prefetch((const char *)(b + NR + ahead), _MM_HINT_T1);
        }
        b += 2 * NR;
#define TFC_ROW(i)                                                             \
  if (i < rows) {                                                              \
    acc[i][0] = _mm256_fmadd_ps(_mm256_broadcast_ss(a##i + k), b0, acc[i][0]); \
    acc[i][1] =                                                                \
        _mm256_fmadd_ps(_mm256_broadcast_ss(a##i + k + 1), b1, acc[i][1]);     \
  }
        TFC_ROWS
#undef TFC_ROW
      }
    }
    for (; k < kc; ++k) {
      __m256 b0 = _mm256_loadu_ps(b);
      __m256 b1 = halves == 2 ? _mm256_loadu_ps(b + 8) : b0;
      if (prefetch)
        _mm_prefetch((const char *)(b + ahead), _MM_HINT_T1);
      b += NR;
#define TFC_ROW(i)                                                             \
  if (i < rows) {                                                              \
    __m256 x = _mm256_broadcast_ss(a##i + k);                                  \
    acc[i][0] = _mm256_fmadd_ps(x, b0, acc[i][0]);                             \
    if (halves == 2)                                                           \
      acc[i][1] = _mm256_fmadd_ps(x, b1, acc[i][1]);                           \
  }
      TFC_ROWS
#undef TFC_ROW
    }
  }
#undef TFC_ROWS
  if (split)
    for (int i = 0; i < rows; ++i)
      acc[i][0] = _mm256_add_ps(acc[i][0], acc[i][1]);
  tile_finish(rows, halves, acc, c, ldc, tail, mr, nr, mask);
}

static inline void ukernel(size_t segments, size_t kc, const float *const *a,
                           const float *b, const float *next, float *c,
                           size_t ldc, const float *init, int accumulate,
                           const tile_epilogue *tail, size_t mr, size_t nr) {
#define TFC_PART(rows, halves)                                                 \
  ukernel_part(rows, halves, segments, kc, a, b, next, c, ldc, init,           \
               accumulate, tail, mr, nr)
  if (mr == 1) {
    if (nr <= 8)
      TFC_PART(1, 1);
    else
      TFC_PART(1, 2);
  } else if (mr == MR - 1 && nr > 8) {
    /* conv_driver.h's tiles of MR - 1 rows (rows spread evenly: a 7 x 7
     * image's 49 in four tiles of 6 and five of 5). */
    TFC_PART(MR - 1, 2);
  } else if (nr <= 8) {
    TFC_PART(MR, 1);
  } else {
    TFC_PART(MR, 2);
  }
#undef TFC_PART
}

/* conv_driver.h's whole_panels: a whole row tile, `rows` rows (MR or
 * MR - 1), across `panels` whole panels (NR columns each, c and the bias
 * NR floats further, b kc * NR), all of k at once. The rows' pointers, the
 * masks and the epilogue's constants are set up once, and one copy of the
 * micro-kernel serves every panel: a call per panel cost a fifth of the time of
 * a 1x1 layer over 16 channels. `prefetch`: each panel fetches the next. One
 * copy per row count (a constant in panels_part). */
#define UKERNEL_PANELS 1
static inline __attribute__((always_inline)) void
panels_part(int rows, size_t panels, size_t kc, const float *const *a,
            const float *b, float *c, size_t ldc, const float *bias,
            const tile_epilogue *tail, int prefetch) {
  tile_epilogue panel_tail;
  if (tail)
    panel_tail = *tail;
  for (size_t panel = 0; panel < panels; ++panel) {
    const float *next =
        prefetch && panel + 1 < panels ? b + (panel + 1) * kc * NR : NULL;
    ukernel_part(rows, 2, 1, kc, a, b + panel * kc * NR, next, c + panel * NR,
                 ldc, bias ? bias + panel * NR : NULL, 0,
                 tail ? &panel_tail : NULL, (size_t)rows, NR);
    if (tail && tail->residual)
      panel_tail.residual += NR;
  }
}
static void ukernel_panels(size_t rows, size_t panels, size_t kc,
                           const float *const *a, const float *b, float *c,
                           size_t ldc, const float *bias,
                           const tile_epilogue *tail, int prefetch) {
  if (rows == MR)
    panels_part(MR, panels, kc, a, b, c, ldc, bias, tail, prefetch);
  else
    panels_part(MR - 1, panels, kc, a, b, c, ldc, bias, tail, prefetch);
}

/* A first layer's whole tile (conv_driver.h's STEM_PART): a 3x3 convolution
 * over 3 input channels with stride 1 or 2 along the width, MR output
 * pixels of one output row whose windows lie inside the input, all 27
 * steps of k unrolled with constant offsets from one window pointer (see
 * avx512.c). */
#define STEM_PART 1
static inline __attribute__((always_inline)) void
stem_part(int halves, int pixel_step, const float *window, size_t row_step,
          const float *b, float *c, size_t ldc, const float *init,
          const tile_epilogue *tail, size_t nr) {
  __m256i mask[2];
  half_masks(nr, mask);
  __m256 acc[MR][2];
  __m256 b0 = init ? _mm256_loadu_ps(init) : _mm256_setzero_ps();
  __m256 b1 = init ? _mm256_loadu_ps(init + 8) : _mm256_setzero_ps();
  for (int i = 0; i < MR; ++i) {
    acc[i][0] = b0;
    acc[i][1] = b1;
  }
#pragma GCC unroll 3
  for (int s = 0; s < 3; ++s) {
    const float *row = window + (size_t)s * row_step;
#pragma GCC unroll 9
    for (int k = 0; k < 9; ++k) {
      const float *w = b + (size_t)(s * 9 + k) * NR;
      __m256 w0 = _mm256_loadu_ps(w);
      __m256 w1 = halves == 2 ? _mm256_loadu_ps(w + 8) : w0;
      /* A base the compiler cannot see through: at stride 2, pixel i's tap
       * k + 6 is pixel i + 1's tap k, and clang kept such broadcasts for
       * reuse, spilling them and the sums to the stack (the 224 x 224 x 3
       * -> 16 layer ran at a third of the micro-kernel's speed). */
      const float *tap = row + k;
      __asm__("" : "+r"(tap));
#pragma GCC unroll 6
      for (int i = 0; i < MR; ++i) {
        __m256 x = _mm256_broadcast_ss(tap + i * pixel_step);
        acc[i][0] = _mm256_fmadd_ps(x, w0, acc[i][0]);
        if (halves == 2)
          acc[i][1] = _mm256_fmadd_ps(x, w1, acc[i][1]);
      }
    }
  }
  tile_finish(MR, halves, acc, c, ldc, tail, MR, nr, mask);
}

#include "conv_driver.h"
