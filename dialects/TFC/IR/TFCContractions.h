//===- TFCContractions.h - contraction semantics, shared --------*- C++ -*-===//
//
// Type inference and verification of the contractions (Conv2D,
// DepthwiseConv2dNative, MatMul). The plain ops and their fused forms
// (TFCFusedOps.td) call the same functions, so a fused op accepts exactly
// what its contraction accepts and infers the same type.
//
//===----------------------------------------------------------------------===//

#ifndef TFC_DIALECTS_TFC_IR_TFCCONTRACTIONS_H
#define TFC_DIALECTS_TFC_IR_TFCCONTRACTIONS_H

#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"

#include <array>

namespace mlir::tfc {

/// The window attributes of a convolution: strides and dilations
/// [height, width], TensorFlow's padding mode and, for EXPLICIT, the pads
/// [top, bottom, left, right].
struct WindowAttrs {
  ArrayRef<int64_t> strides;
  ArrayRef<int64_t> dilations;
  Padding padding;
  ArrayRef<int64_t> explicitPaddings;

  /// Reads them off any op or adaptor with the convolution accessors.
  template <typename OpOrAdaptor> static WindowAttrs of(OpOrAdaptor op) {
    return {op.getStrides(), op.getDilations(), op.getPadding(),
            op.getExplicitPaddings()};
  }
};

/// The windows along height and width of a convolution over NHWC `input`
/// with a `kernel` of [height, width] (tfc::computeWindow on each axis);
/// fails when one does not fit.
FailureOr<std::array<WindowAxis, 2>>
computeSpatialWindows(ArrayRef<int64_t> inputShape, ArrayRef<int64_t> kernel,
                      const WindowAttrs &window);

/// Conv2D: NHWC `input`, HWIO `filter`.
Type inferConv2DType(Value input, Value filter, const WindowAttrs &window);
LogicalResult verifyConv2D(Operation *op, Value input, Value filter,
                           const WindowAttrs &window);

/// DepthwiseConv2dNative: NHWC `input`, HWCM `filter`.
Type inferDepthwiseConv2DType(Value input, Value filter,
                              const WindowAttrs &window);
LogicalResult verifyDepthwiseConv2D(Operation *op, Value input, Value filter,
                                    const WindowAttrs &window);

/// MatMul: `a` (transposed or not) times `b` (transposed or not).
Type inferMatMulType(Value a, Value b, bool transposeA, bool transposeB);
LogicalResult verifyMatMul(Operation *op, Value a, Value b, bool transposeA,
                           bool transposeB);

} // namespace mlir::tfc

#endif // TFC_DIALECTS_TFC_IR_TFCCONTRACTIONS_H
