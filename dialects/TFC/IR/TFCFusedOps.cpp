//===- TFCFusedOps.cpp - fused op semantics -------------------------------===//
//
// Type inference and verifiers of the fused contractions (TFCFusedOps.td).
// The contraction part is checked by the same functions as the plain ops
// (TFCContractions.h); this file adds the checks of the bias, residual and
// activation that follow it.
//
//===----------------------------------------------------------------------===//

#include "dialects/TFC/IR/TFCContractions.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace mlir::tfc;

std::optional<Activation> mlir::tfc::symbolizeActivation(StringRef name) {
  return llvm::StringSwitch<std::optional<Activation>>(name)
      .Case("None", Activation::None)
      .Case("Relu", Activation::Relu)
      .Case("Relu6", Activation::Relu6)
      .Case("Elu", Activation::Elu)
      .Case("LeakyRelu", Activation::LeakyRelu)
      .Case("Sigmoid", Activation::Sigmoid)
      .Case("Tanh", Activation::Tanh)
      .Default(std::nullopt);
}

StringRef mlir::tfc::stringifyActivation(Activation activation) {
  switch (activation) {
  case Activation::None:
    return "None";
  case Activation::Relu:
    return "Relu";
  case Activation::Relu6:
    return "Relu6";
  case Activation::Elu:
    return "Elu";
  case Activation::LeakyRelu:
    return "LeakyRelu";
  case Activation::Sigmoid:
    return "Sigmoid";
  case Activation::Tanh:
    return "Tanh";
  }
  llvm_unreachable("unknown activation");
}

/// Checks what follows the contraction: a 1-D bias with one element per
/// output channel (the innermost axis), a residual of the result's type and
/// a known activation.
static LogicalResult verifyEpilogue(Operation *op, Value bias, Value residual,
                                    StringRef activation) {
  if (!symbolizeActivation(activation))
    return op->emitOpError("activation must be None, Relu, Relu6, Elu, "
                           "LeakyRelu, Sigmoid or Tanh, not '")
           << activation << "'";
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
  return verifyEpilogue(*this, getBias(), getResidual(), getActivation());
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
  return verifyEpilogue(*this, getBias(), getResidual(), getActivation());
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
  return verifyEpilogue(*this, getBias(), getResidual(), getActivation());
}
