/*===- kernels.h - the contraction kernels' ABI, shared with the compiler -===*
 *
 * The generated code calls these kernels for convolutions and matrix
 * products whose weights are constants (tfc-use-kernels picks them;
 * tfc-lower-kernel-calls emits the calls). Every entry point has the same
 * shape:
 *
 *   void tfc_<kernel>_f32_<isa>(const int64_t *params, float *output,
 *                               const float *input, const float *weights,
 *                               const float *bias, const float *residual,
 *                               tfc_thread_pool *pool);
 *
 * `params` is a constant array in the object file laid out as the enums
 * below say; `bias` and `residual` may be NULL, `pool` is NULL for one
 * thread. Tensors are dense, NHWC, float32. The numbers here are an ABI:
 * compiler/Transforms/UseKernels.cpp writes the same layout.
 *
 *===----------------------------------------------------------------------===*/

#ifndef TFC_RUNTIME_KERNELS_H
#define TFC_RUNTIME_KERNELS_H

#include "tfc/runtime.h"

#include <stddef.h>
#include <stdint.h>

/* params of a convolution (a MatMul is the 1x1 convolution of a
 * [1, 1, M, K] input). The weights are packed at compile time into panels
 * of NR output channels (NR depends on the ISA): panel p holds, for every
 * k = (kh * KW + kw) * CIN + ci in order, the NR values of channels
 * p*NR .. p*NR+NR-1, zero past COUT. */
enum {
  TFC_CONV_N,
  TFC_CONV_H,
  TFC_CONV_W,
  TFC_CONV_CIN,
  TFC_CONV_OH,
  TFC_CONV_OW,
  TFC_CONV_COUT,
  TFC_CONV_KH,
  TFC_CONV_KW,
  TFC_CONV_STRIDE_H,
  TFC_CONV_STRIDE_W,
  TFC_CONV_DILATION_H,
  TFC_CONV_DILATION_W,
  TFC_CONV_PAD_TOP,
  TFC_CONV_PAD_LEFT,
  TFC_CONV_ACTIVATION,
  TFC_CONV_ALPHA_BITS,
  /* Floats from one output pixel to the next: 0 for COUT (a dense
   * output), more where the output is a slice of the channels of a wider
   * tensor (a Concat's operand written in place); the floats between are
   * left as they are. The residual, if any, stays dense. */
  TFC_CONV_OUT_STRIDE,
  TFC_CONV_NUM_PARAMS
};

/* params of a depthwise convolution; the weights are TensorFlow's HWCM
 * filter as is, and output channel c * MULT + m reads input channel c. */
enum {
  TFC_DW_N,
  TFC_DW_H,
  TFC_DW_W,
  TFC_DW_C,
  TFC_DW_OH,
  TFC_DW_OW,
  TFC_DW_MULT,
  TFC_DW_KH,
  TFC_DW_KW,
  TFC_DW_STRIDE_H,
  TFC_DW_STRIDE_W,
  TFC_DW_DILATION_H,
  TFC_DW_DILATION_W,
  TFC_DW_PAD_TOP,
  TFC_DW_PAD_LEFT,
  TFC_DW_ACTIVATION,
  TFC_DW_ALPHA_BITS,
  TFC_DW_NUM_PARAMS
};

/* params of a convolution whose result only a depthwise convolution reads
 * (tfc_pointwise_depthwise_f32_<isa>; a 1x1 expansion, or a first layer):
 * the convolution's params (TFC_CONV_*: any window; OH, OW and COUT are
 * the depthwise H, W and C), then the depthwise convolution's (TFC_DW_*:
 * multiplier 1), then these two. The kernel computes each image's output
 * in PARTS row bands or fewer (one per thread; one without a pool), and
 * each band BAND output rows at a time: the convolution's rows they read,
 * computed from the input rows those reach into a window of
 *
 *   WINDOW_ROWS = (BAND - 1) * STRIDE_H + (KH - 1) * DILATION_H + 1
 *
 * rows, are read again while still in cache, and the rows two steps share
 * are moved up, not computed again (only where two bands meet). `weights`
 * is the convolution's packed weights (as for tfc_conv2d) followed by the
 * HWCM depthwise filter; `bias` the convolution's bias (COUT floats, zeros
 * for none) followed by the depthwise one (C floats); no residual.
 * `output` holds the depthwise result, then the windows: N * PARTS *
 * WINDOW_ROWS * W * C floats of scratch. Every output value is summed in
 * the same order as the two kernels called one after the other. */
enum {
  TFC_PWDW_CONV = 0,
  TFC_PWDW_DW = TFC_CONV_NUM_PARAMS,
  TFC_PWDW_BAND = TFC_PWDW_DW + TFC_DW_NUM_PARAMS,
  TFC_PWDW_PARTS,
  TFC_PWDW_NUM_PARAMS
};

/* The activations a kernel applies itself, after bias and residual. The
 * others (Elu, Sigmoid, Tanh) stay an elementwise loop after the call. */
enum {
  TFC_ACT_NONE = 0,
  TFC_ACT_RELU = 1,
  TFC_ACT_RELU6 = 2,
  TFC_ACT_LEAKY_RELU = 3
};

typedef void tfc_kernel_fn(const int64_t *params, float *output,
                           const float *input, const float *weights,
                           const float *bias, const float *residual,
                           tfc_thread_pool *pool);

/* Winograd convolutions: tfc_conv2d_winograd_f32_<isa> (vector ISAs only)
 * computes what tfc_conv2d_f32_<isa> does for an undilated convolution
 * with stride 1, from the same params followed by TFC_WG_TILE, the output
 * tile's side, for these filters:
 *
 *   3x3, tile 4: output tiles of 4x4 pixels, F(4 x 4, 3 x 3), A = 6,
 *                U = G g G^T
 *   3x3, tile 2: tiles of 2x2, F(2 x 2, 3 x 3), A = 4, U = G g G^T
 *   5x5, tile 2: tiles of 2x2, F(2 x 2, 5 x 5), A = 6, U = G g G^T
 *   1x3, 3x1, tile 4: 4 pixels along the filter, F(4, 3), A = 6, U = G g
 *   1x7, 7x1, tile 4: 4 pixels along the filter, F(4, 7), A = 10, U = G g
 *
 * (winograd.h). Its weights are, for every input channel ci and output
 * channel co, the A x A matrix (2-D) or A-vector (1-D) U of the filter g
 * (K = the filter's size along the axis), where with the points p = (0, 1,
 * -1) for A = 4, (0, 1, -1, 2, -1/2) for A = 6, (0, 1, -1, 2, -2, 1/2,
 * -1/2, 3/2, -3/2) for A = 10, and infinity
 *
 *   G[j][k] = p[j]^k / prod over l != j of (p[j] - p[l])   (j < A-1, k < K)
 *   G[A-1][k] = 1 if k == K - 1, else 0
 *
 * packed into panels of NR output channels: panel p holds, for every xi =
 * A * row + column of U (2-D) or xi = j (1-D) in order, then every ci in
 * order, the NR values of channels p*NR .. p*NR+NR-1, zero past COUT. */
enum { TFC_WG_TILE = TFC_CONV_NUM_PARAMS, TFC_WG_NUM_PARAMS };

/* MaxPool: tfc_max_pool_f32_<isa> (vector ISAs only; max_pool.h) takes
 * the params of a depthwise convolution (TFC_DW_*, multiplier 1) and no
 * weights, bias or residual (NULL), and writes each window's largest input
 * (NaN if the window holds one; taps in the padding skipped), then the
 * activation. */

#define TFC_DECLARE_KERNELS(isa)                                               \
  tfc_kernel_fn tfc_conv2d_f32_##isa;                                          \
  tfc_kernel_fn tfc_depthwise_conv2d_f32_##isa;                                \
  tfc_kernel_fn tfc_pointwise_depthwise_f32_##isa;
#define TFC_DECLARE_VECTOR_KERNELS(isa)                                        \
  TFC_DECLARE_KERNELS(isa)                                                     \
  tfc_kernel_fn tfc_conv2d_winograd_f32_##isa;                                 \
  tfc_kernel_fn tfc_max_pool_f32_##isa;

#if defined(__x86_64__)
TFC_DECLARE_VECTOR_KERNELS(avx512)
TFC_DECLARE_VECTOR_KERNELS(avx2)
#endif
#if defined(__aarch64__) || defined(__ARM_NEON)
TFC_DECLARE_VECTOR_KERNELS(neon)
#endif
TFC_DECLARE_KERNELS(generic)

/* Runs body(context, i, i + 1) for every i in [0, count) on the threads of
 * `pool` (the caller's thread included), and returns when all are done.
 * Each thread takes the indices of its own contiguous chunk, then any left
 * in the others'. With a NULL pool, or count < 2, it is one call
 * body(context, 0, count) on the caller's thread. Indices must never share
 * an output; then results do not depend on which thread computes what. */
typedef void tfc_task_fn(void *context, size_t begin, size_t end);
void tfc_parallel_for(tfc_thread_pool *pool, size_t count, tfc_task_fn *body,
                      void *context);

#endif /* TFC_RUNTIME_KERNELS_H */
