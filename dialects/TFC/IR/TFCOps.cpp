//===- TFCOps.cpp - tfc op semantics --------------------------------------===//
//
// Type inference, verifiers and folders of the tfc ops. Inference follows
// TensorFlow's shape functions: unknown dimensions stay dynamic, and what is
// known is checked, so a malformed graph is reported at the node at fault.
//
//===----------------------------------------------------------------------===//

#include "dialects/TFC/IR/TFCOps.h"
#include "dialects/TFC/IR/TFCContractions.h"

#include "mlir/Dialect/CommonFolders.h"
#include "mlir/Dialect/Traits.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/TypeUtilities.h"
#include "llvm/ADT/APFloat.h"

#include <cmath>

using namespace mlir;
using namespace mlir::tfc;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// Type inference never fails: when operands disagree it returns a best
/// effort (unranked) type and the verifier reports the problem at the op.
/// That keeps builders total and error messages in one place.

/// Infers the broadcast result of a binary elementwise op.
static LogicalResult inferBroadcastResult(Value x, Value y,
                                          SmallVectorImpl<Type> &inferred) {
  auto xType = cast<TensorType>(x.getType());
  auto yType = cast<TensorType>(y.getType());
  Type result = OpTrait::util::getBroadcastedType(xType, yType);
  inferred.push_back(result ? result
                            : UnrankedTensorType::get(xType.getElementType()));
  return success();
}

bool mlir::tfc::areCompatibleTypes(TypeRange lhs, TypeRange rhs) {
  if (lhs.size() != rhs.size())
    return false;
  for (auto [left, right] : llvm::zip(lhs, rhs)) {
    if (getElementTypeOrSelf(left) != getElementTypeOrSelf(right) ||
        failed(verifyCompatibleShape(left, right)))
      return false;
  }
  return true;
}

//===----------------------------------------------------------------------===//
// ConstOp
//===----------------------------------------------------------------------===//

LogicalResult ConstOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                        Adaptor adaptor,
                                        SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getValue().getType());
  return success();
}

OpFoldResult ConstOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// IdentityOp
//===----------------------------------------------------------------------===//

OpFoldResult IdentityOp::fold(FoldAdaptor) { return getInput(); }

OpFoldResult ZerosOp::fold(FoldAdaptor) {
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape())
    return {};
  return DenseElementsAttr::get(
      type, Builder(getContext()).getZeroAttr(type.getElementType()));
}

//===----------------------------------------------------------------------===//
// Binary ops
//===----------------------------------------------------------------------===//

#define TFC_BINARY_INFER(OpTy)                                                 \
  LogicalResult OpTy::inferReturnTypes(MLIRContext *, std::optional<Location>, \
                                       Adaptor adaptor,                        \
                                       SmallVectorImpl<Type> &inferred) {      \
    return inferBroadcastResult(adaptor.getX(), adaptor.getY(), inferred);     \
  }
TFC_BINARY_INFER(AddOp)
TFC_BINARY_INFER(SubOp)
TFC_BINARY_INFER(MulOp)
TFC_BINARY_INFER(RealDivOp)
TFC_BINARY_INFER(MaximumOp)
TFC_BINARY_INFER(MinimumOp)
TFC_BINARY_INFER(PowOp)
TFC_BINARY_INFER(SquaredDifferenceOp)
TFC_BINARY_INFER(FloorDivOp)
TFC_BINARY_INFER(FloorModOp)
TFC_BINARY_INFER(LogicalAndOp)
TFC_BINARY_INFER(LogicalOrOp)
#undef TFC_BINARY_INFER

/// Comparisons broadcast like binary ops and give booleans.
#define TFC_COMPARE_INFER(OpTy)                                                \
  LogicalResult OpTy::inferReturnTypes(                                        \
      MLIRContext *context, std::optional<Location>, Adaptor adaptor,          \
      SmallVectorImpl<Type> &inferred) {                                       \
    if (failed(                                                                \
            inferBroadcastResult(adaptor.getX(), adaptor.getY(), inferred)))   \
      return failure();                                                        \
    inferred.back() =                                                          \
        cast<TensorType>(inferred.back()).clone(IntegerType::get(context, 1)); \
    return success();                                                          \
  }
TFC_COMPARE_INFER(EqualOp)
TFC_COMPARE_INFER(NotEqualOp)
TFC_COMPARE_INFER(LessOp)
TFC_COMPARE_INFER(LessEqualOp)
TFC_COMPARE_INFER(GreaterOp)
TFC_COMPARE_INFER(GreaterEqualOp)
#undef TFC_COMPARE_INFER

//===----------------------------------------------------------------------===//
// SelectOp
//===----------------------------------------------------------------------===//

LogicalResult SelectOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  auto xType = cast<TensorType>(adaptor.getX().getType());
  Type shape = OpTrait::util::getBroadcastedType(
      xType, cast<TensorType>(adaptor.getY().getType()));
  if (shape)
    shape = OpTrait::util::getBroadcastedType(
        cast<TensorType>(shape).clone(IntegerType::get(xType.getContext(), 1)),
        cast<TensorType>(adaptor.getCondition().getType()));
  inferred.push_back(shape
                         ? cast<TensorType>(shape).clone(xType.getElementType())
                         : UnrankedTensorType::get(xType.getElementType()));
  return success();
}

LogicalResult SelectOp::verify() {
  if (!isa<RankedTensorType>(getType()) &&
      isa<RankedTensorType>(getCondition().getType()) &&
      isa<RankedTensorType>(getX().getType()) &&
      isa<RankedTensorType>(getY().getType()))
    return emitOpError("condition, x and y do not broadcast to one shape: ")
           << getCondition().getType() << ", " << getX().getType() << ", "
           << getY().getType();
  return success();
}

/// Folds a binary op whose operands are both constants of the result's shape
/// (or splats), using `floatFn` / `intFn` on each element pair.
template <typename FloatFn, typename IntFn>
static OpFoldResult foldBinary(Operation *op, ArrayRef<Attribute> operands,
                               FloatFn floatFn, IntFn intFn) {
  auto resultType = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!resultType || !resultType.hasStaticShape() || operands.size() != 2)
    return {};
  // Fold when each operand has the result's shape or is a splat (which
  // broadcasts to any shape); other broadcasts are left to lowering.
  SmallVector<Attribute, 2> broadcast;
  for (Attribute operand : operands) {
    auto elements = dyn_cast_if_present<DenseElementsAttr>(operand);
    if (!elements)
      return {};
    if (elements.getType() == resultType)
      broadcast.push_back(elements);
    else if (elements.isSplat())
      broadcast.push_back(DenseElementsAttr::get(
          resultType, elements.getSplatValue<Attribute>()));
    else
      return {};
  }
  operands = broadcast;
  if (isa<FloatType>(resultType.getElementType()))
    return constFoldBinaryOp<FloatAttr>(
        operands, resultType,
        [&](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
          return floatFn(a, b);
        });
  if (isa<IntegerType>(resultType.getElementType()))
    return constFoldBinaryOp<IntegerAttr>(
        operands, resultType,
        [&](const APInt &a, const APInt &b) -> std::optional<APInt> {
          return intFn(a, b);
        });
  return {};
}

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a + b; },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a + b;
      });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a - b; },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a - b;
      });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a * b; },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a * b;
      });
}

OpFoldResult RealDivOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a / b; },
      [](const APInt &, const APInt &) -> std::optional<APInt> {
        return std::nullopt;
      });
}

OpFoldResult MaximumOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return llvm::maximum(a, b); },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a.sge(b) ? a : b;
      });
}

OpFoldResult MinimumOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return llvm::minimum(a, b); },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return a.sle(b) ? a : b;
      });
}

// Pow is not folded: APFloat has no pow, and a graph rarely raises
// constants to constant powers.
OpFoldResult PowOp::fold(FoldAdaptor) { return {}; }

OpFoldResult SquaredDifferenceOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return (a - b) * (a - b); },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        return (a - b) * (a - b);
      });
}

// Shape arithmetic (Keras' SpaceToBatchND paddings) uses FloorDiv and
// FloorMod on integer constants; those fold. Division by zero (and the
// overflowing INT_MIN / -1) does not.
static bool isFoldableDivision(const APInt &a, const APInt &b) {
  return !b.isZero() && !(b.isAllOnes() && a.isMinSignedValue());
}

OpFoldResult FloorDivOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APFloat &, const APFloat &) -> std::optional<APFloat> {
        return std::nullopt;
      },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        if (!isFoldableDivision(a, b))
          return std::nullopt;
        return llvm::APIntOps::RoundingSDiv(a, b, APInt::Rounding::DOWN);
      });
}

OpFoldResult FloorModOp::fold(FoldAdaptor adaptor) {
  return foldBinary(
      *this, adaptor.getOperands(),
      [](const APFloat &, const APFloat &) -> std::optional<APFloat> {
        return std::nullopt;
      },
      [](const APInt &a, const APInt &b) -> std::optional<APInt> {
        if (!isFoldableDivision(a, b))
          return std::nullopt;
        APInt remainder = a.srem(b);
        if (!remainder.isZero() && remainder.isNegative() != b.isNegative())
          remainder += b;
        return remainder;
      });
}

//===----------------------------------------------------------------------===//
// Unary ops
//===----------------------------------------------------------------------===//

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape())
    return {};
  if (isa<FloatType>(type.getElementType()))
    return constFoldUnaryOp<FloatAttr>(
        adaptor.getOperands(),
        [](const APFloat &a) -> std::optional<APFloat> { return -a; });
  if (isa<IntegerType>(type.getElementType()))
    return constFoldUnaryOp<IntegerAttr>(
        adaptor.getOperands(),
        [](const APInt &a) -> std::optional<APInt> { return -a; });
  return {};
}

// Unfused batch norms (tf.nn.batch_normalization, slim, old Keras) compute
// rsqrt(variance + epsilon) on constants; folding it lets the whole chain
// become one per-channel scale and offset. APFloat has no square root, so
// the value is computed in double and rounded once to the element type.
OpFoldResult RsqrtOp::fold(FoldAdaptor adaptor) {
  auto type = dyn_cast<RankedTensorType>(getType());
  if (!type || !type.hasStaticShape())
    return {};
  return constFoldUnaryOp<FloatAttr>(
      adaptor.getOperands(), [](const APFloat &a) -> std::optional<APFloat> {
        bool losesInfo = false;
        APFloat wide = a;
        wide.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                     &losesInfo);
        APFloat result(1.0 / std::sqrt(wide.convertToDouble()));
        result.convert(a.getSemantics(), APFloat::rmNearestTiesToEven,
                       &losesInfo);
        return result;
      });
}

static LogicalResult verifyLogits(Operation *op, Value logits) {
  auto type = dyn_cast<RankedTensorType>(logits.getType());
  if (type && type.getRank() < 1)
    return op->emitOpError("logits must have rank >= 1, got a scalar");
  return success();
}
LogicalResult SoftmaxOp::verify() { return verifyLogits(*this, getX()); }
LogicalResult LogSoftmaxOp::verify() { return verifyLogits(*this, getX()); }

//===----------------------------------------------------------------------===//
// BatchMatMulOp
//===----------------------------------------------------------------------===//

LogicalResult BatchMatMulOp::inferReturnTypes(MLIRContext *,
                                              std::optional<Location>,
                                              Adaptor adaptor,
                                              SmallVectorImpl<Type> &inferred) {
  auto xType = cast<TensorType>(adaptor.getX().getType());
  auto yType = cast<TensorType>(adaptor.getY().getType());
  Type elementType = xType.getElementType();
  if (!xType.hasRank() || !yType.hasRank() || xType.getRank() < 2 ||
      yType.getRank() < 2) {
    inferred.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  SmallVector<int64_t> batch;
  if (!OpTrait::util::getBroadcastedShape(xType.getShape().drop_back(2),
                                          yType.getShape().drop_back(2),
                                          batch)) {
    inferred.push_back(UnrankedTensorType::get(elementType));
    return success();
  }
  int64_t xRank = xType.getRank(), yRank = yType.getRank();
  batch.push_back(xType.getDimSize(adaptor.getAdjX() ? xRank - 1 : xRank - 2));
  batch.push_back(yType.getDimSize(adaptor.getAdjY() ? yRank - 2 : yRank - 1));
  inferred.push_back(RankedTensorType::get(batch, elementType));
  return success();
}

LogicalResult BatchMatMulOp::verify() {
  auto xType = dyn_cast<RankedTensorType>(getX().getType());
  auto yType = dyn_cast<RankedTensorType>(getY().getType());
  if (xType && yType && xType.getElementType() != yType.getElementType())
    return emitOpError("x and y must have one element type");
  for (auto [name, type] : {std::pair{"x", xType}, std::pair{"y", yType}})
    if (type && type.getRank() < 2)
      return emitOpError(name) << " must have rank >= 2, got " << type;
  if (!xType || !yType)
    return success();
  SmallVector<int64_t> batch;
  if (!OpTrait::util::getBroadcastedShape(xType.getShape().drop_back(2),
                                          yType.getShape().drop_back(2), batch))
    return emitOpError("batch dimensions do not broadcast: ")
           << xType << " and " << yType;
  int64_t kx =
      xType.getDimSize(getAdjX() ? xType.getRank() - 2 : xType.getRank() - 1);
  int64_t ky =
      yType.getDimSize(getAdjY() ? yType.getRank() - 1 : yType.getRank() - 2);
  if (!ShapedType::isDynamic(kx) && !ShapedType::isDynamic(ky) && kx != ky)
    return emitOpError("inner dimensions differ: x has ")
           << kx << ", y has " << ky;
  return success();
}

//===----------------------------------------------------------------------===//
// MatMulOp
//===----------------------------------------------------------------------===//

Type mlir::tfc::inferMatMulType(Value a, Value b, bool transposeA,
                                bool transposeB) {
  auto aType = cast<TensorType>(a.getType());
  auto bType = cast<TensorType>(b.getType());
  Type elementType = aType.getElementType();
  if ((aType.hasRank() && aType.getRank() != 2) ||
      (bType.hasRank() && bType.getRank() != 2))
    return UnrankedTensorType::get(elementType);
  int64_t m = aType.hasRank() ? aType.getDimSize(transposeA ? 1 : 0)
                              : ShapedType::kDynamic;
  int64_t n = bType.hasRank() ? bType.getDimSize(transposeB ? 0 : 1)
                              : ShapedType::kDynamic;
  return RankedTensorType::get({m, n}, elementType);
}

LogicalResult mlir::tfc::verifyMatMul(Operation *op, Value a, Value b,
                                      bool transposeA, bool transposeB) {
  auto aType = dyn_cast<RankedTensorType>(a.getType());
  auto bType = dyn_cast<RankedTensorType>(b.getType());
  if (aType && aType.getRank() != 2)
    return op->emitOpError("a must be a matrix (rank 2), got rank ")
           << aType.getRank();
  if (bType && bType.getRank() != 2)
    return op->emitOpError("b must be a matrix (rank 2), got rank ")
           << bType.getRank();
  if (!aType || !bType)
    return success();
  int64_t ka = aType.getDimSize(transposeA ? 0 : 1);
  int64_t kb = bType.getDimSize(transposeB ? 1 : 0);
  if (!ShapedType::isDynamic(ka) && !ShapedType::isDynamic(kb) && ka != kb)
    return op->emitOpError("inner dimensions differ: a has ")
           << ka << ", b has " << kb;
  return success();
}

LogicalResult MatMulOp::inferReturnTypes(MLIRContext *, std::optional<Location>,
                                         Adaptor adaptor,
                                         SmallVectorImpl<Type> &inferred) {
  inferred.push_back(inferMatMulType(adaptor.getA(), adaptor.getB(),
                                     adaptor.getTransposeA(),
                                     adaptor.getTransposeB()));
  return success();
}

LogicalResult MatMulOp::verify() {
  return verifyMatMul(*this, getA(), getB(), getTransposeA(), getTransposeB());
}

//===----------------------------------------------------------------------===//
// BiasAddOp
//===----------------------------------------------------------------------===//

/// The channel axis of a BiasAdd value of rank `rank`.
static int64_t biasAxis(DataFormat dataFormat, int64_t rank) {
  return dataFormat == DataFormat::NCHW ? 1 : rank - 1;
}

LogicalResult BiasAddOp::inferReturnTypes(MLIRContext *,
                                          std::optional<Location>,
                                          Adaptor adaptor,
                                          SmallVectorImpl<Type> &inferred) {
  inferred.push_back(adaptor.getValue().getType());
  return success();
}

LogicalResult BiasAddOp::verify() {
  DataFormat format = getDataFormat();
  if (getValue().getType().getElementType() !=
      getBias().getType().getElementType())
    return emitOpError("value and bias have different element types");
  auto valueType = dyn_cast<RankedTensorType>(getValue().getType());
  auto biasType = dyn_cast<RankedTensorType>(getBias().getType());
  if (biasType && biasType.getRank() != 1)
    return emitOpError("bias must be 1-D, got rank ") << biasType.getRank();
  if (!valueType)
    return success();
  if (valueType.getRank() < 2)
    return emitOpError("value must have rank >= 2, got rank ")
           << valueType.getRank();
  if (format == DataFormat::NCHW && valueType.getRank() < 3)
    return emitOpError("NCHW needs value of rank >= 3");
  if (biasType) {
    int64_t channels =
        valueType.getDimSize(biasAxis(format, valueType.getRank()));
    int64_t biasSize = biasType.getDimSize(0);
    if (!ShapedType::isDynamic(channels) && !ShapedType::isDynamic(biasSize) &&
        channels != biasSize)
      return emitOpError("bias has ") << biasSize << " elements but value has "
                                      << channels << " channels";
  }
  return success();
}

#define GET_OP_CLASSES
#include "dialects/TFC/IR/TFCOps.cpp.inc"
