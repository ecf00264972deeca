/*===- generic.c - portable contraction kernels ---------------------------===*
 *
 * A 4 x 8 micro-kernel in plain C for targets without a tuned one; the
 * compiler may vectorize it for the baseline ISA.
 *
 *===----------------------------------------------------------------------===*/

#include "epilogue.h"

#define TFC_ISA generic
#define MR 4
#define NR 8
/* Kernel rows shorter than this are gathered rather than read in place
 * (see conv_driver.h): without vectors, a block's reload and store of the
 * tile costs more than copying a short window. Cortex-M4 under QEMU:
 * mnist_small_cnn 2,736,040 instructions with every row in place, 2,637,560
 * with this; ds_cnn 17,637,280 and 16,992,280. */
#define SPAN_MIN_FLOATS 32

static inline void ukernel(size_t kc, const float *const *a, const float *b,
                           float *c, size_t ldc, const float *init,
                           int accumulate, const tile_epilogue *tail) {
  float acc[MR][NR];
  for (int i = 0; i < MR; ++i)
    for (int j = 0; j < NR; ++j)
      acc[i][j] = accumulate ? c[i * ldc + j] : init ? init[j] : 0.0f;
  for (size_t k = 0; k < kc; ++k) {
    for (int i = 0; i < MR; ++i) {
      float x = a[i][k];
      for (int j = 0; j < NR; ++j)
        acc[i][j] += x * b[j];
    }
    b += NR;
  }
  for (int i = 0; i < MR; ++i)
    for (int j = 0; j < NR; ++j)
      c[i * ldc + j] = acc[i][j];
  if (tail)
    for (int i = 0; i < MR; ++i)
      epilogue(c + i * ldc,
               tail->residual ? tail->residual + i * tail->residual_stride
                              : NULL,
               NR, tail->activation, tail->alpha);
}

#include "conv_driver.h"
