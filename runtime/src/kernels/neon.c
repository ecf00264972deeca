/*===- neon.c - contraction kernels for NEON (AArch64 and ARMv7) ----------===*
 *
 * An MR x 8 micro-kernel: two q-register loads of packed weights and MR
 * lane-broadcast FMAs per step of k. AArch64 has 32 vector registers and
 * takes MR = 8 (16 accumulators); ARMv7 has 16 and takes MR = 4. Built with
 * -mfpu=neon-vfpv4 on ARMv7 (NEON flushes denormals to zero there).
 *
 *===----------------------------------------------------------------------===*/

#include "epilogue.h"

#include <arm_neon.h>

#define TFC_ISA neon
/* Floats per vector register (the vector code of conv_driver.h and
 * winograd.h). */
#define VEC_FLOATS 4
/* max_pool.h's maximum of two vectors without NaNs: one instruction. */
#define VEC_MAX(m, x) ((vec_f32)vmaxq_f32((float32x4_t)(m), (float32x4_t)(x)))
#if defined(__aarch64__)
#define MR 8
/* Depthwise sums kept in registers at once (see depthwise_pixels): 16 of
 * the 32 q registers. */
#define DW_ACC_FLOATS 64
#else
#define MR 4
#endif
#define NR 8

static inline void ukernel(size_t kc, const float *const *a, const float *b,
                           float *c, size_t ldc, const float *init,
                           int accumulate, const tile_epilogue *tail) {
  float32x4_t acc[MR][2];
  if (accumulate) {
    for (int i = 0; i < MR; ++i) {
      acc[i][0] = vld1q_f32(c + i * ldc);
      acc[i][1] = vld1q_f32(c + i * ldc + 4);
    }
  } else {
    float32x4_t b0 = init ? vld1q_f32(init) : vdupq_n_f32(0.0f);
    float32x4_t b1 = init ? vld1q_f32(init + 4) : vdupq_n_f32(0.0f);
    for (int i = 0; i < MR; ++i) {
      acc[i][0] = b0;
      acc[i][1] = b1;
    }
  }
  for (size_t k = 0; k < kc; ++k) {
    float32x4_t b0 = vld1q_f32(b);
    float32x4_t b1 = vld1q_f32(b + 4);
    b += NR;
    for (int i = 0; i < MR; ++i) {
      float32x4_t x = vdupq_n_f32(a[i][k]);
      acc[i][0] = vfmaq_f32(acc[i][0], x, b0);
      acc[i][1] = vfmaq_f32(acc[i][1], x, b1);
    }
  }
  for (int i = 0; i < MR; ++i) {
    vst1q_f32(c + i * ldc, acc[i][0]);
    vst1q_f32(c + i * ldc + 4, acc[i][1]);
  }
  if (tail)
    for (int i = 0; i < MR; ++i)
      epilogue(c + i * ldc,
               tail->residual ? tail->residual + i * tail->residual_stride
                              : NULL,
               NR, tail->activation, tail->alpha);
}

#include "conv_driver.h"
