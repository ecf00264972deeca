//===- Utils.cpp - helpers shared by the tfc to linalg patterns -----------===//

#include "compiler/Conversion/TFCToLinalg/Utils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::tfc;

Value mlir::tfc::buildElementwise(OpBuilder &builder, Location loc,
                                  RankedTensorType resultType,
                                  ValueRange inputs,
                                  ArrayRef<AffineMap> inputMaps,
                                  ScalarBuilder body) {
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(builder.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  Value init = tensor::EmptyOp::create(builder, loc, resultType.getShape(),
                                       resultType.getElementType());
  auto generic = linalg::GenericOp::create(
      builder, loc, resultType, inputs, init, maps, iterators,
      [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
        Value result = body(nested, nestedLoc, args.drop_back());
        linalg::YieldOp::create(nested, nestedLoc, result);
      });
  return generic.getResult(0);
}

Value mlir::tfc::buildBroadcastingElementwise(OpBuilder &builder, Location loc,
                                              RankedTensorType resultType,
                                              ValueRange inputs,
                                              ScalarBuilder body) {
  int64_t rank = resultType.getRank();
  SmallVector<AffineMap> maps;
  for (Value input : inputs) {
    auto type = cast<RankedTensorType>(input.getType());
    int64_t offset = rank - type.getRank();
    SmallVector<AffineExpr> exprs;
    for (int64_t dim = 0; dim < type.getRank(); ++dim) {
      bool stretched =
          type.getDimSize(dim) == 1 && resultType.getDimSize(dim + offset) != 1;
      exprs.push_back(stretched ? builder.getAffineConstantExpr(0)
                                : builder.getAffineDimExpr(dim + offset));
    }
    maps.push_back(AffineMap::get(rank, 0, exprs, builder.getContext()));
  }
  return buildElementwise(builder, loc, resultType, inputs, maps, body);
}

Value mlir::tfc::buildFilled(OpBuilder &builder, Location loc,
                             RankedTensorType type, TypedAttr value) {
  Value init = tensor::EmptyOp::create(builder, loc, type.getShape(),
                                       type.getElementType());
  Value scalar = arith::ConstantOp::create(builder, loc, value);
  return linalg::FillOp::create(builder, loc, scalar, init).getResult(0);
}

Value mlir::tfc::buildScalar(OpBuilder &builder, Location loc, Type type,
                             double value) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(builder, loc,
                                     builder.getFloatAttr(floatType, value));
  return arith::ConstantOp::create(
      builder, loc, builder.getIntegerAttr(type, static_cast<int64_t>(value)));
}

Value mlir::tfc::buildPadded(OpBuilder &builder, Location loc, Value input,
                             ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                             TypedAttr padValue) {
  if (llvm::all_of(low, [](int64_t p) { return p == 0; }) &&
      llvm::all_of(high, [](int64_t p) { return p == 0; }))
    return input;
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape;
  SmallVector<OpFoldResult> lowSizes, highSizes;
  for (int64_t dim = 0; dim < type.getRank(); ++dim) {
    shape.push_back(type.getDimSize(dim) + low[dim] + high[dim]);
    lowSizes.push_back(builder.getIndexAttr(low[dim]));
    highSizes.push_back(builder.getIndexAttr(high[dim]));
  }
  Value scalar = arith::ConstantOp::create(builder, loc, padValue);
  return tensor::PadOp::create(
      builder, loc, RankedTensorType::get(shape, type.getElementType()), input,
      lowSizes, highSizes, scalar);
}

/// Offsets, sizes and strides of the slice at `index` along `axis` of a
/// tensor of `type`.
static void sliceAlong(OpBuilder &builder, RankedTensorType type, int64_t axis,
                       Value index, SmallVectorImpl<OpFoldResult> &offsets,
                       SmallVectorImpl<OpFoldResult> &sizes,
                       SmallVectorImpl<OpFoldResult> &strides) {
  for (int64_t dim = 0; dim < type.getRank(); ++dim) {
    offsets.push_back(dim == axis ? OpFoldResult(index)
                                  : OpFoldResult(builder.getIndexAttr(0)));
    sizes.push_back(
        builder.getIndexAttr(dim == axis ? 1 : type.getDimSize(dim)));
    strides.push_back(builder.getIndexAttr(1));
  }
}

Value mlir::tfc::extractAlong(OpBuilder &builder, Location loc, Value tensor,
                              int64_t axis, Value index) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape.erase(shape.begin() + axis);
  SmallVector<OpFoldResult> offsets, sizes, strides;
  sliceAlong(builder, type, axis, index, offsets, sizes, strides);
  return tensor::ExtractSliceOp::create(
      builder, loc, RankedTensorType::get(shape, type.getElementType()), tensor,
      offsets, sizes, strides);
}

Value mlir::tfc::insertAlong(OpBuilder &builder, Location loc, Value slice,
                             Value tensor, int64_t axis, Value index) {
  auto type = cast<RankedTensorType>(tensor.getType());
  SmallVector<OpFoldResult> offsets, sizes, strides;
  sliceAlong(builder, type, axis, index, offsets, sizes, strides);
  return tensor::InsertSliceOp::create(builder, loc, slice, tensor, offsets,
                                       sizes, strides);
}

TypedAttr mlir::tfc::getLowestAttr(OpBuilder &builder, Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return builder.getFloatAttr(floatType,
                                APFloat::getInf(floatType.getFloatSemantics(),
                                                /*Negative=*/true));
  return builder.getIntegerAttr(
      type, APInt::getSignedMinValue(type.getIntOrFloatBitWidth()));
}

TypedAttr mlir::tfc::getHighestAttr(OpBuilder &builder, Type type) {
  if (auto floatType = dyn_cast<FloatType>(type))
    return builder.getFloatAttr(floatType,
                                APFloat::getInf(floatType.getFloatSemantics(),
                                                /*Negative=*/false));
  return builder.getIntegerAttr(
      type, APInt::getSignedMaxValue(type.getIntOrFloatBitWidth()));
}

SmallVector<ReassociationIndices>
mlir::tfc::getKeepDimsReassociation(int64_t rank, ArrayRef<int64_t> reduced) {
  SmallVector<ReassociationIndices> groups;
  ReassociationIndices leading; // reduced axes before the first kept one
  for (int64_t axis = 0; axis < rank; ++axis) {
    bool isReduced = llvm::is_contained(reduced, axis);
    if (!isReduced) {
      leading.push_back(axis);
      groups.push_back(leading);
      leading.clear();
    } else if (groups.empty()) {
      leading.push_back(axis);
    } else {
      groups.back().push_back(axis);
    }
  }
  return groups; // empty when every axis is reduced (a rank-0 source)
}
