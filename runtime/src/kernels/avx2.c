/*===- avx2.c - contraction kernels for AVX2 + FMA ------------------------===*
 *
 * A 6 x 16 micro-kernel: 12 ymm accumulators, two loads of packed weights
 * and six broadcasts per step of k. Built with -mavx2 -mfma.
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
 * pixels (see depthwise_3x3_strip: nine weights and that many sums in
 * the 16 vector registers); shorter rows ran no faster that way. */
#define DW_ACC_FLOATS 96
#define DW_STRIP_MIN_WIDTH 28
#define DW_STRIP_PIXELS 4
#define VEC_FLOATS 8
/* max_pool.h's maximum of two vectors without NaNs: one instruction. */
#define VEC_MAX(m, x) ((vec_f32)_mm256_max_ps((__m256)(x), (__m256)(m)))

static inline void ukernel(size_t kc, const float *const *a, const float *b,
                           float *c, size_t ldc, const float *init,
                           int accumulate, const tile_epilogue *tail) {
  __m256 acc[MR][2];
  if (accumulate) {
    for (int i = 0; i < MR; ++i) {
      acc[i][0] = _mm256_loadu_ps(c + i * ldc);
      acc[i][1] = _mm256_loadu_ps(c + i * ldc + 8);
    }
  } else {
    __m256 b0 = init ? _mm256_loadu_ps(init) : _mm256_setzero_ps();
    __m256 b1 = init ? _mm256_loadu_ps(init + 8) : _mm256_setzero_ps();
    for (int i = 0; i < MR; ++i) {
      acc[i][0] = b0;
      acc[i][1] = b1;
    }
  }
  const float *a0 = a[0], *a1 = a[1], *a2 = a[2], *a3 = a[3];
  const float *a4 = a[4], *a5 = a[5];
  for (size_t k = 0; k < kc; ++k) {
    __m256 b0 = _mm256_loadu_ps(b);
    __m256 b1 = _mm256_loadu_ps(b + 8);
    b += NR;
#define TFC_ROW(i)                                                             \
  {                                                                            \
    __m256 x = _mm256_broadcast_ss(a##i + k);                                  \
    acc[i][0] = _mm256_fmadd_ps(x, b0, acc[i][0]);                             \
    acc[i][1] = _mm256_fmadd_ps(x, b1, acc[i][1]);                             \
  }
    TFC_ROW(0)
    TFC_ROW(1)
    TFC_ROW(2)
    TFC_ROW(3)
    TFC_ROW(4)
    TFC_ROW(5)
#undef TFC_ROW
  }
  if (tail) {
    if (tail->residual)
      for (int i = 0; i < MR; ++i)
        for (int h = 0; h < 2; ++h)
          acc[i][h] = _mm256_add_ps(
              acc[i][h], _mm256_loadu_ps(tail->residual +
                                         i * tail->residual_stride + 8 * h));
    /* max(x, 0) is 0 for NaN, as the scalar epilogue's x > 0 ? x : 0. */
    __m256 zero = _mm256_setzero_ps(), six = _mm256_set1_ps(6.0f);
    __m256 alpha = _mm256_set1_ps(tail->alpha);
    for (int i = 0; i < MR; ++i)
      for (int h = 0; h < 2; ++h) {
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
  for (int i = 0; i < MR; ++i) {
    _mm256_storeu_ps(c + i * ldc, acc[i][0]);
    _mm256_storeu_ps(c + i * ldc + 8, acc[i][1]);
  }
}

#include "conv_driver.h"
