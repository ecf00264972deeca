/*===- avx2.c - contraction kernels for AVX2 + FMA ------------------------===*
 *
 * A 6 x 16 micro-kernel: 12 ymm accumulators, two loads of packed weights
 * and six broadcasts per step of k. Built with -mavx2 -mfma.
 *
 *===----------------------------------------------------------------------===*/

#include "kernels.h"

#include <immintrin.h>

#define TFC_ISA avx2
#define MR 6
#define NR 16

static inline void ukernel(size_t kc, const float *const *a, const float *b,
                           float *c, size_t ldc, const float *init,
                           int accumulate) {
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
  for (int i = 0; i < MR; ++i) {
    _mm256_storeu_ps(c + i * ldc, acc[i][0]);
    _mm256_storeu_ps(c + i * ldc + 8, acc[i][1]);
  }
}

#include "conv_driver.inc"
