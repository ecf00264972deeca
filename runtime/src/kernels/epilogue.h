/*===- epilogue.h - what a kernel applies after the sums -------------------===*
 *
 * Included by each ISA file before its micro-kernel: the scalar epilogue
 * (residual, then Relu, Relu6 or LeakyRelu) that edge tiles and the
 * depthwise kernel use, and the description a micro-kernel gets to apply
 * the same in registers on whole tiles.
 *
 *===----------------------------------------------------------------------===*/

#ifndef TFC_RUNTIME_KERNELS_EPILOGUE_H
#define TFC_RUNTIME_KERNELS_EPILOGUE_H

#include "kernels.h"

/* Freestanding: no <string.h>; the builtins become inline code or libc
 * calls. */
#define memcpy __builtin_memcpy
#define memset __builtin_memset
#define memmove __builtin_memmove

/* The epilogue of a tile's last block of k: c[i][j] = activation(c[i][j] +
 * residual[i * residual_stride + j]); residual may be NULL. */
typedef struct {
  int activation;
  float alpha;
  const float *residual;
  size_t residual_stride;
} tile_epilogue;

static inline float alpha_of(int64_t bits) {
  uint32_t word = (uint32_t)bits;
  float alpha;
  memcpy(&alpha, &word, sizeof alpha);
  return alpha;
}

/* row[j] = activation(row[j] + residual[j]) for j < count. */
static inline void epilogue(float *row, const float *residual, size_t count,
                            int activation, float alpha) {
  if (residual)
    for (size_t j = 0; j < count; ++j)
      row[j] += residual[j];
  switch (activation) {
  case TFC_ACT_RELU:
    for (size_t j = 0; j < count; ++j)
      row[j] = row[j] > 0.0f ? row[j] : 0.0f;
    break;
  case TFC_ACT_RELU6:
    for (size_t j = 0; j < count; ++j) {
      float v = row[j] > 0.0f ? row[j] : 0.0f;
      row[j] = v < 6.0f ? v : 6.0f;
    }
    break;
  case TFC_ACT_LEAKY_RELU:
    for (size_t j = 0; j < count; ++j)
      row[j] = row[j] > 0.0f ? row[j] : row[j] * alpha;
    break;
  default:
    break;
  }
}

#endif /* TFC_RUNTIME_KERNELS_EPILOGUE_H */
