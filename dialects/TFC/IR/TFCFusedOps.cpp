//===- TFCFusedOps.cpp - fused op semantics -------------------------------===//
//
// Type inference and verifiers of the fused contractions (TFCFusedOps.td).
// The contraction part is checked by the same functions as the plain ops
// (TFCContractions.h); this file adds the checks of the bias and residual
// that follow it (the activation is an enum attribute, checked by its type).
//
//===----------------------------------------------------------------------===//

#include "dialects/TFC/IR/TFCContractions.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace mlir::tfc;

/// Checks what follows the contraction: a 1-D bias with one element per
/// output channel (the innermost axis) and a residual of the result's type.
static LogicalResult verifyEpilogue(Operation *op, Value bias, Value residual) {
  auto resultType = cast<TensorType>(op->getResult(0).getType());
  Type elementType = resultType.getElementType();
  auto biasType = cast<TensorType>(bias.getType());
  if (biasType.getElementType() != elementType)
    return op->emitOpError("bias must have the result's element type ")
           << elementType << ", got " << biasType.getElementType();
  if (biasType.hasRank() && biasType.getRank() != 1)
    return op->emitOpError("bias must be 1-D, got rank ") << biasType.getRank();
  if (biasType.hasRank() && resultType.hasRank() && resultType.getRank() > 0) {
    int64_t channels = resultType.getDimSize(resultType.getRank() - 1);
    int64_t biasSize = biasType.getDimSize(0);
    if (!ShapedType::isDynamic(channels) && !ShapedType::isDynamic(biasSize) &&
        channels != biasSize)
      return op->emitOpError("bias has ")
             << biasSize << " elements but the result has " << channels
             << " channels";
  }
  if (residual &&
      (getElementTypeOrSelf(residual.getType()) != elementType ||
       failed(verifyCompatibleShape(residual.getType(), resultType))))
    return op->emitOpError("residual must have the result's type ")
           << resultType << ", got " << residual.getType();
  return success();
}

//===----------------------------------------------------------------------===//
// FusedConv2DOp
//===----------------------------------------------------------------------===//

LogicalResult FusedConv2DOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location>,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  inferred.push_back(inferConv2DType(adaptor.getInput(), adaptor.getFilter(),
                                     WindowAttrs::of(adaptor)));
  return success();
}

LogicalResult FusedConv2DOp::verify() {
  if (failed(
          verifyConv2D(*this, getInput(), getFilter(), WindowAttrs::of(*this))))
    return failure();
  return verifyEpilogue(*this, getBias(), getResidual());
}

//===----------------------------------------------------------------------===//
// FusedDepthwiseConv2DOp
//===----------------------------------------------------------------------===//

LogicalResult
FusedDepthwiseConv2DOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  inferred.push_back(inferDepthwiseConv2DType(
      adaptor.getInput(), adaptor.getFilter(), WindowAttrs::of(adaptor)));
  return success();
}

LogicalResult FusedDepthwiseConv2DOp::verify() {
  if (failed(verifyDepthwiseConv2D(*this, getInput(), getFilter(),
                                   WindowAttrs::of(*this))))
    return failure();
  return verifyEpilogue(*this, getBias(), getResidual());
}

//===----------------------------------------------------------------------===//
// FusedMatMulOp
//===----------------------------------------------------------------------===//

LogicalResult FusedMatMulOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location>,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  inferred.push_back(inferMatMulType(adaptor.getA(), adaptor.getB(),
                                     adaptor.getTransposeA(),
                                     adaptor.getTransposeB()));
  return success();
}

LogicalResult FusedMatMulOp::verify() {
  if (failed(verifyMatMul(*this, getA(), getB(), getTransposeA(),
                          getTransposeB())))
    return failure();
  return verifyEpilogue(*this, getBias(), getResidual());
}
