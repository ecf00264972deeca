//===- Contractions.h - contractions into a given accumulator ---*- C++ -*-===//
//
// Conv2D, depthwise convolution and MatMul as linalg ops that accumulate into
// `init`, a tensor of the result's shape. The plain ops start from zeros;
// the fused ops (FusedContractions.cpp) start from the broadcast bias, so the
// bias costs no pass of its own. Defined in Convolution.cpp and
// LinearAlgebra.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_COMPILER_CONVERSION_TFCTOLINALG_CONTRACTIONS_H
#define TFC_COMPILER_CONVERSION_TFCTOLINALG_CONTRACTIONS_H

#include "dialects/TFC/IR/TFCContractions.h"

#include "mlir/IR/Builders.h"

namespace mlir::tfc {

/// init + conv2d(input, filter): NHWC input, HWIO filter. Fails when the
/// window does not fit the input.
FailureOr<Value> buildConv2D(OpBuilder &b, Location loc, Value input,
                             Value filter, const WindowAttrs &window,
                             Value init);

/// init + depthwise_conv2d(input, filter): NHWC input, HWCM filter, `init`
/// of the TensorFlow result shape [n, h, w, c * m]. Fails when the window
/// does not fit the input.
FailureOr<Value> buildDepthwiseConv2D(OpBuilder &b, Location loc, Value input,
                                      Value filter, const WindowAttrs &window,
                                      Value init);

/// init + a (transposed or not) times b (transposed or not).
Value buildMatMul(OpBuilder &b, Location loc, Value lhs, Value rhs,
                  bool transposeA, bool transposeB, Value init);

} // namespace mlir::tfc

#endif // TFC_COMPILER_CONVERSION_TFCTOLINALG_CONTRACTIONS_H
