/*===- avx512.c - contraction kernels for AVX-512 -------------------------===*
 *
 * An 8 x 32 micro-kernel: 16 zmm accumulators, two loads of packed weights
 * and eight broadcasts of input values per step of k (12 accumulators for
 * tiles of 17 to 24 columns, whose last eight pair up rows). Edge tiles are
 * loaded and stored with masks. Built with -mavx512f -mavx512vl -mfma
 * (clang may then use 256-bit instructions on the registers 16 to 31, which
 * only AVX-512VL encodes); only called when the target has AVX-512F and
 * VL.
 *
 *===----------------------------------------------------------------------===*/

#include "epilogue.h"

#include <immintrin.h>

#define TFC_ISA avx512
#define MR 8
#define NR 32
/* Floats per vector register (the vector code of conv_driver.h and
 * winograd.h), and depthwise sums kept in registers at once (see
 * depthwise_pixels). A 3x3 depthwise kernel of stride 1 on rows of
 * DW_STRIP_MIN_WIDTH pixels or more takes strips of DW_STRIP_PIXELS
 * pixels of DW_STRIP_ROWS rows (see depthwise_3x3_strip: nine weights and
 * 16 sums in the 32 vector registers). Pairs of rows, one Zen 5 core:
 * 14 x 14 x 256 0.0097 -> 0.0073 ms, 56 x 56 x 128 0.071 -> 0.060 over
 * single rows; rows of 7 pixels, which single rows did not speed up (Zen
 * 4), 17-24% faster than the old path. */
#define DW_ACC_FLOATS 256
#define DW_STRIP_MIN_WIDTH 7
#define DW_STRIP_PIXELS 8
#define DW_STRIP_ROWS 2
#define VEC_FLOATS 16
/* max_pool.h's maximum of two vectors without NaNs: one instruction. */
#define VEC_MAX(m, x) ((vec_f32)_mm512_max_ps((__m512)(x), (__m512)(m)))

/* The mask of a vector's first len < 16 lanes. */
#define TFC_FIRST_MASK(len) ((__mmask16)((1u << (len)) - 1))

/* A masked load (no float past src + len is read) and a whole store: the
 * 16 - len floats after dst + len are overwritten with zeros (conv_driver.h
 * leaves room for them). A masked store would be cheaper on memory, but
 * the micro-kernel's loads cannot be forwarded from one and wait for it
 * to reach the cache. */
#define COPY_SHORT_FLOATS(dst, src, len)                                       \
  _mm512_storeu_ps((dst), _mm512_maskz_loadu_ps(TFC_FIRST_MASK(len), (src)))

/* conv_driver.h's vectors of fewer than 16 floats (a layer's last
 * channels), loaded and stored with masks: in registers, where the
 * generic copy goes through the stack. */
#define VEC_LOAD_SHORT(src, len)                                               \
  ((vec_f32)_mm512_maskz_loadu_ps(TFC_FIRST_MASK(len), (src)))
#define VEC_STORE_SHORT(dst, x, len)                                           \
  _mm512_mask_storeu_ps((dst), TFC_FIRST_MASK(len), (__m512)(x))

/* Stores and loads whole tiles, or rows < mr and columns < nr of one with
 * masks: edge tiles need no copy. It also takes several segments of k at
 * once, each with its own rows (a[s * MR + i]), summing across them in
 * registers. */
#define UKERNEL_HANDLES_EDGES 1

/* The masks of a tile's two 16-column halves for its first nr columns. */
static inline __attribute__((always_inline)) void half_masks(size_t nr,
                                                             __mmask16 *mask) {
  mask[0] = nr >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << nr) - 1);
  mask[1] = nr >= 32   ? (__mmask16)0xFFFF
            : nr <= 16 ? (__mmask16)0
                       : (__mmask16)((1u << (nr - 16)) - 1);
}

/* Paired tiles (see ukernel_part) keep columns 16 .. nr-1 of rows i and
 * i + 1 (i even) in one register, row i's in its low eight lanes: those
 * go to and from row + 16, and the high eight to and from next_row + 8,
 * so that lane 8 meets column 16 of row i + 1. */
static inline __attribute__((always_inline)) __m512
pair_load(__mmask16 mask, const float *row, const float *next_row) {
  return _mm512_mask_loadu_ps(_mm512_maskz_loadu_ps(mask, row + 16),
                              (__mmask16)(mask << 8), next_row + 8);
}

static inline __attribute__((always_inline)) void
pair_store(__mmask16 mask, float *row, float *next_row, __m512 x) {
  _mm512_mask_storeu_ps(row + 16, mask, x);
  _mm512_mask_storeu_ps(next_row + 8, (__mmask16)(mask << 8), x);
}

/* The end of a tile's sums acc (its first `rows` rows and `halves` halves,
 * the second halves paired when `paired`): the residual and the activation
 * when `tail` asks for them, then the store of rows < mr and columns < nr
 * (paired tiles are whole in rows). */
static inline __attribute__((always_inline)) void
tile_finish(int rows, int halves, int paired, __m512 (*acc)[2], float *c,
            size_t ldc, const tile_epilogue *tail, size_t mr, size_t nr,
            const __mmask16 *mask) {
  if (tail) {
    if (tail->residual)
      for (int i = 0; i < rows; ++i)
        for (int h = 0; h < halves; ++h) {
          const float *r = tail->residual + i * tail->residual_stride;
          if (paired && h == 1) {
            if (i % 2 == 0)
              acc[i][1] = _mm512_add_ps(
                  acc[i][1], pair_load(mask[1], r, r + tail->residual_stride));
          } else if ((size_t)i < mr) {
            acc[i][h] = _mm512_add_ps(
                acc[i][h], _mm512_maskz_loadu_ps(mask[h], r + 16 * h));
          }
        }
    /* max(x, 0) is 0 for NaN, as the scalar epilogue's x > 0 ? x : 0. */
    __m512 zero = _mm512_setzero_ps(), six = _mm512_set1_ps(6.0f);
    __m512 alpha = _mm512_set1_ps(tail->alpha);
    for (int i = 0; i < rows; ++i)
      for (int h = 0; h < halves; ++h) {
        if (paired && h == 1 && i % 2 == 1)
          continue; /* in the row before's register */
        __m512 x = acc[i][h];
        switch (tail->activation) {
        case TFC_ACT_RELU:
          x = _mm512_max_ps(x, zero);
          break;
        case TFC_ACT_RELU6:
          x = _mm512_min_ps(_mm512_max_ps(x, zero), six);
          break;
        case TFC_ACT_LEAKY_RELU:
          x = _mm512_mask_blend_ps(_mm512_cmp_ps_mask(x, zero, _CMP_GT_OQ),
                                   _mm512_mul_ps(x, alpha), x);
          break;
        default:
          break;
        }
        acc[i][h] = x;
      }
  }
  if (paired) {
    for (int i = 0; i < rows; ++i) {
      _mm512_storeu_ps(c + i * ldc, acc[i][0]);
      if (i % 2 == 0)
        pair_store(mask[1], c + i * ldc, c + (i + 1) * ldc, acc[i][1]);
    }
  } else if (rows == MR && halves == 2 && mr == MR && nr == NR) {
    for (int i = 0; i < rows; ++i) {
      _mm512_storeu_ps(c + i * ldc, acc[i][0]);
      _mm512_storeu_ps(c + i * ldc + 16, acc[i][1]);
    }
  } else {
    for (int i = 0; i < rows; ++i)
      if ((size_t)i < mr)
        for (int h = 0; h < halves; ++h)
          _mm512_mask_storeu_ps(c + i * ldc + 16 * h, mask[h], acc[i][h]);
  }
}

/* The tile's first `rows` rows (MR, MR - 1, or 1 for a dense layer at batch 1)
 * and first `halves` 16-column halves (2, or 1 when nr <= 16); inlined with
 * constants, so that a one-row tile costs two FMAs per step of k, not
 * sixteen, and a tile of 16 columns or fewer eight, not sixteen. Tiles of
 * 17 to 24 columns and MR rows are `paired`: columns 16 .. 23 of rows i and
 * i + 1 share one register, its low eight lanes row i's (the weights'
 * eight columns in both halves; row i + 1's input broadcast into the high
 * half of row i's, which clang emits as a shuffle that runs beside the
 * FMAs), 12 FMAs per step of k instead of 16 for the same sums in the same
 * order. A scratch loop over the Donkey pilot's first layer's tile (5
 * kernel rows of 15 values, in L1), one Zen 5 core: 187 -> 237 GFLOP/s of
 * its 24 columns; the layer in the model 0.113 -> 0.095 ms, MobileNetV2's
 * 56 x 56 -> 24 layers 0.093 -> 0.071 and 0.145 -> 0.110 ms. A blend, or
 * _mm512_shuffle_f32x4 (which clang made a vpermt2ps), runs on the FMAs'
 * pipes: 191 GFLOP/s in the loop, the layer 0.113 -> 0.12-0.13 ms. Summing the
 * last 8 columns in 256-bit registers instead (1.5 zmm FMAs per row and step
 * where a zmm FMA is two 256-bit ones, as on Zen 4) made clang keep those sums
 * on the stack, and a 24-channel layer ran at half the speed (MobileNetV2's 56
 * x 56 x 144 -> 24 0.62-0.66 -> 0.35 ms in the model, one Zen 4 core). */
static inline __attribute__((always_inline)) void
ukernel_part(int rows, int halves, int paired, size_t segments, size_t kc,
             const float *const *a, const float *b, const float *next, float *c,
             size_t ldc, const float *init, int accumulate,
             const tile_epilogue *tail, size_t mr, size_t nr) {
  __mmask16 mask[2];
  half_masks(nr, mask);
  __m512 acc[MR][2];
  if (accumulate) {
    for (int i = 0; i < rows; ++i)
      for (int h = 0; h < halves; ++h)
        if (paired && h == 1)
          acc[i][1] = i % 2 == 0
                          ? pair_load(mask[1], c + i * ldc, c + (i + 1) * ldc)
                          : _mm512_setzero_ps();
        else
          acc[i][h] = (size_t)i < mr
                          ? _mm512_maskz_loadu_ps(mask[h], c + i * ldc + 16 * h)
                          : _mm512_setzero_ps();
  } else {
    __m512 b0 = init ? _mm512_loadu_ps(init) : _mm512_setzero_ps();
    __m512 b1 = !init    ? _mm512_setzero_ps()
                : paired ? (__m512)_mm512_broadcast_f64x4(
                               _mm256_loadu_pd((const double *)(init + 16)))
                         : _mm512_loadu_ps(init + 16);
    for (int i = 0; i < rows; ++i) {
      acc[i][0] = b0;
      acc[i][1] = b1;
    }
  }
  /* Each step of k touches the same place of `next` into L2. Not without
   * a `next` (a layer's last or only panel), where it would touch b itself
   * and only take load slots (a 16-channel first layer 3% faster), and not
   * for one row (a dense layer at batch 1), whose weights stream past once:
   * there it cost a third more time (MNIST's 3136 -> 1024 layer). Signed: a
   * Winograd GEMM's `next` may lie before b in the same weights (the item's
   * first GEMM after its last). */
  ptrdiff_t ahead = next ? next - b : 0;
  int prefetch = rows > 1 && next;
  for (size_t s = 0; s < segments; ++s, a += MR) {
    const float *a0 = a[0], *a1 = a[1], *a2 = a[2], *a3 = a[3];
    const float *a4 = a[4], *a5 = a[5], *a6 = a[6], *a7 = a[7];
    (void)a1, (void)a2, (void)a3, (void)a4, (void)a5, (void)a6, (void)a7;
    for (size_t k = 0; k < kc; ++k) {
      __m512 b0 = _mm512_loadu_ps(b);
      __m512 b1 = halves == 1 ? b0
                  : paired    ? (__m512)_mm512_broadcast_f64x4(
                                    _mm256_loadu_pd((const double *)(b + 16)))
                           : _mm512_loadu_ps(b + 16);
      if (prefetch) {
        _mm_prefetch((const char *)(b + ahead), _MM_HINT_T1);
        _mm_prefetch((const char *)(b + ahead + 16), _MM_HINT_T1);
      }
      b += NR;
      /* x##i: row i's input value in every lane. Paired, an odd row's
       * second half goes with the row before's: its low lanes from x##j,
       * its high lanes from x##i. */
#define TFC_ROW(i, j)                                                          \
  __m512 x##i = _mm512_set1_ps(a##i[k]);                                       \
  if (i < rows) {                                                              \
    acc[i][0] = _mm512_fmadd_ps(x##i, b0, acc[i][0]);                          \
    if (halves == 2 && !paired)                                                \
      acc[i][1] = _mm512_fmadd_ps(x##i, b1, acc[i][1]);                        \
    else if (halves == 2 && i % 2 == 1)                                        \
      acc[j][1] = _mm512_fmadd_ps(                                             \
          _mm512_mask_broadcastss_ps(x##j, 0xFF00, _mm_load_ss(a##i + k)), b1, \
          acc[j][1]);                                                          \
  }
      TFC_ROW(0, 0)
      TFC_ROW(1, 0)
      TFC_ROW(2, 2)
      TFC_ROW(3, 2)
      TFC_ROW(4, 4)
      TFC_ROW(5, 4)
      TFC_ROW(6, 6)
      TFC_ROW(7, 6)
#undef TFC_ROW
    }
  }
  tile_finish(rows, halves, paired, acc, c, ldc, tail, mr, nr, mask);
}

static inline void ukernel(size_t segments, size_t kc, const float *const *a,
                           const float *b, const float *next, float *c,
                           size_t ldc, const float *init, int accumulate,
                           const tile_epilogue *tail, size_t mr, size_t nr) {
#define TFC_PART(rows, halves, paired)                                         \
  ukernel_part(rows, halves, paired, segments, kc, a, b, next, c, ldc, init,   \
               accumulate, tail, mr, nr)
  if (mr == 1) {
    if (nr <= 16)
      TFC_PART(1, 1, 0);
    else
      TFC_PART(1, 2, 0);
  } else if (mr == MR - 1 && nr > 16) {
    /* conv_driver.h's tiles of MR - 1 rows (rows spread evenly: a 7 x 7
     * image's 49 in seven tiles of 7). */
    TFC_PART(MR - 1, 2, 0);
  } else if (nr <= 16) {
    TFC_PART(MR, 1, 0);
  } else if (mr == MR && nr <= 24) {
    TFC_PART(MR, 2, 1);
  } else {
    TFC_PART(MR, 2, 0);
  }
#undef TFC_PART
}

/* A first layer's whole tile (conv_driver.h's STEM_PART): a 3x3 convolution
 * over 3 input channels with stride 1 or 2 along the width, MR output
 * pixels of one output row whose windows lie inside the input. Row i's
 * values of kernel row s are at window + s * row_step + i * stride * 3,
 * offsets the compiler folds into the broadcasts with the stride and all
 * 27 steps of k constant: no row pointers and no loop. The general path
 * spent a third of such a layer's time setting up its rows, and its
 * micro-kernel ran 9 steps of k per loop (MobileNet v1 0.5's 224 x 224 x 3
 * -> 16 layer, one Zen 5 core: 0.099 -> 0.075 ms alone, 0.109 -> 0.084 in
 * the model). Tried and left out: 16 rows of 16 channels in one call (16
 * chains of FMAs instead of 8), 0.075 -> 0.091 ms; k not unrolled, 0.087;
 * the Donkey pilot's 5x5 first layer the same way, no faster. */
#define STEM_PART 1
static inline __attribute__((always_inline)) void
stem_part(int halves, int pixel_step, const float *window, size_t row_step,
          const float *b, float *c, size_t ldc, const float *init,
          const tile_epilogue *tail, size_t nr) {
  __mmask16 mask[2];
  half_masks(nr, mask);
  __m512 acc[MR][2];
  __m512 b0 = init ? _mm512_loadu_ps(init) : _mm512_setzero_ps();
  __m512 b1 = init ? _mm512_loadu_ps(init + 16) : _mm512_setzero_ps();
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
      __m512 w0 = _mm512_loadu_ps(w);
      __m512 w1 = halves == 2 ? _mm512_loadu_ps(w + 16) : w0;
      /* An opaque base, as in avx2.c: no broadcast kept across taps. */
      const float *tap = row + k;
      __asm__("" : "+r"(tap));
#pragma GCC unroll 8
      for (int i = 0; i < MR; ++i) {
        __m512 x = _mm512_set1_ps(tap[i * pixel_step]);
        acc[i][0] = _mm512_fmadd_ps(x, w0, acc[i][0]);
        if (halves == 2)
          acc[i][1] = _mm512_fmadd_ps(x, w1, acc[i][1]);
      }
    }
  }
  tile_finish(MR, halves, 0, acc, c, ldc, tail, MR, nr, mask);
}

#include "conv_driver.h"
