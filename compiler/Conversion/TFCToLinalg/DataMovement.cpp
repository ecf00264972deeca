//===- DataMovement.cpp - data movement ops to tensor and linalg ----------===//
//
// Constants become arith.constant (and later read-only globals in the object
// file); Identity and NoOp disappear. The ops that only move elements become
// tensor ops that bufferize to views or copies: Reshape, Squeeze and
// ExpandDims are collapse/expand_shape; Slice is an extract_slice, and
// StridedSlice an extract_slice then a collapse/expand_shape for its shrunk
// and new axes; Pad, ConcatV2 and Pack write their inputs into a fresh
// tensor with insert_slice; Transpose is linalg.transpose. What cannot be a
// view becomes a linalg.generic whose indexing map does the work
// (StridedSlice's reversed axes), and Cast is a generic with one conversion
// per element. TopKV2 is an scf.for of reductions, one per pick; the resize
// ops are loops over the output that read the pixels named by tables
// computed at compile time.
//
// Operands that TensorFlow reads as compile-time data (paddings, perm, axis,
// begin/end/strides, size) must be constants here; by this point shape
// inference has folded every shape computation whose inputs are known.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

/// The values of the integer constant `value`, which op `op` reads as
/// `what`; reports an error at the op (so the user sees the node) if it is
/// not a constant.
FailureOr<SmallVector<int64_t>> requireConstantInts(Operation *op, Value value,
                                                    StringRef what) {
  DenseIntElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return op->emitError()
           << what
           << " is computed at run time, but tfc needs it at compile time; "
              "give the feeds static shapes so that it folds to a constant";
  SmallVector<int64_t> values;
  for (const APInt &v : attr.getValues<APInt>())
    values.push_back(v.getSExtValue());
  return values;
}

SmallVector<OpFoldResult> indexAttrs(OpBuilder &builder,
                                     ArrayRef<int64_t> values) {
  SmallVector<OpFoldResult> attrs;
  for (int64_t value : values)
    attrs.push_back(builder.getIndexAttr(value));
  return attrs;
}

/// Reshapes `value` to `type`, which has the same elements and differs only
/// by dimensions of size 1: one collapse_shape or expand_shape (views), or
/// both through the shape without unit dimensions when neither alone fits.
Value reshapeUnitDims(OpBuilder &builder, Location loc, Value value,
                      RankedTensorType type) {
  auto sourceType = cast<RankedTensorType>(value.getType());
  if (sourceType == type)
    return value;
  if (sourceType.getRank() > type.getRank())
    if (auto groups = getReassociationIndicesForCollapse(sourceType.getShape(),
                                                         type.getShape()))
      return tensor::CollapseShapeOp::create(builder, loc, type, value,
                                             *groups);
  if (sourceType.getRank() < type.getRank())
    if (auto groups = getReassociationIndicesForCollapse(type.getShape(),
                                                         sourceType.getShape()))
      return tensor::ExpandShapeOp::create(builder, loc, type, value, *groups);
  SmallVector<int64_t> core;
  for (int64_t size : type.getShape())
    if (size != 1)
      core.push_back(size);
  auto coreType = RankedTensorType::get(core, type.getElementType());
  return reshapeUnitDims(builder, loc,
                         reshapeUnitDims(builder, loc, value, coreType), type);
}

/// A tensor.empty of `type` (static).
Value buildEmpty(OpBuilder &builder, Location loc, RankedTensorType type) {
  return tensor::EmptyOp::create(builder, loc, type.getShape(),
                                 type.getElementType());
}

/// A scalar zero of any element type tfc carries. arith.constant takes only
/// signless scalars, so an unsigned zero is read out of a 0-D constant.
Value buildZero(OpBuilder &builder, Location loc, Type elementType) {
  if (!elementType.isUnsignedInteger())
    return buildScalar(builder, loc, elementType, 0);
  auto type = RankedTensorType::get({}, elementType);
  Value tensor = arith::ConstantOp::create(
      builder, loc,
      DenseElementsAttr::get(type, builder.getZeroAttr(elementType)));
  return tensor::ExtractOp::create(builder, loc, tensor, ValueRange{});
}

//===----------------------------------------------------------------------===//
// Graph structure
//===----------------------------------------------------------------------===//

/// Splat constants of at least this many elements are filled at run time
/// rather than stored: a few bytes of GraphDef can declare a splat of
/// hundreds of megabytes, which as a global would be expanded in LLVM IR and
/// written out whole to the object file.
constexpr int64_t kFilledSplatElements = 1024;

struct ConstLowering : OpConversionPattern<ConstOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConstOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto splat = dyn_cast<SplatElementsAttr>(op.getValue());
    auto type = cast<RankedTensorType>(op.getType());
    if (!splat || type.getNumElements() < kFilledSplatElements) {
      rewriter.replaceOpWithNewOp<arith::ConstantOp>(
          op, cast<TypedAttr>(op.getValue()));
      return success();
    }
    // linalg.fill of a scalar; elementwise fusion later folds it into the
    // loops that read it, so often no buffer remains at all.
    Location loc = op.getLoc();
    Value value = arith::ConstantOp::create(
        rewriter, loc, cast<TypedAttr>(splat.getSplatValue<Attribute>()));
    Value empty = tensor::EmptyOp::create(rewriter, loc, type.getShape(),
                                          type.getElementType());
    rewriter.replaceOpWithNewOp<linalg::FillOp>(op, value, empty);
    return success();
  }
};

struct IdentityLowering : OpConversionPattern<IdentityOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(IdentityOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, adaptor.getInput());
    return success();
  }
};

/// NoOps are normally gone before lowering (tfc-prune-control-inputs).
struct NoOpLowering : OpConversionPattern<NoOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(NoOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.eraseOp(op);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Reshapes: Reshape, Squeeze, ExpandDims
//===----------------------------------------------------------------------===//

struct ReshapeLowering : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getTensor();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (inputType == resultType) {
      rewriter.replaceOp(op, input);
      return success();
    }
    // A rank-0 tensor expands straight to all-ones shapes and vice versa;
    // everything else goes through 1-D.
    auto allDims = [](int64_t rank) {
      ReassociationIndices dims;
      for (int64_t dim = 0; dim < rank; ++dim)
        dims.push_back(dim);
      return SmallVector<ReassociationIndices>{dims};
    };
    Value flat = input;
    if (inputType.getRank() > 1 ||
        (inputType.getRank() == 1 && resultType.getRank() == 0)) {
      auto flatType = RankedTensorType::get(
          resultType.getRank() == 0
              ? ArrayRef<int64_t>{}
              : ArrayRef<int64_t>{inputType.getNumElements()},
          inputType.getElementType());
      flat = tensor::CollapseShapeOp::create(
          rewriter, loc, flatType, input,
          resultType.getRank() == 0 ? SmallVector<ReassociationIndices>{}
                                    : allDims(inputType.getRank()));
    }
    auto flatType = cast<RankedTensorType>(flat.getType());
    Value result = flat;
    if (flatType != resultType)
      result = tensor::ExpandShapeOp::create(
          rewriter, loc, resultType, flat,
          flatType.getRank() == 0 ? SmallVector<ReassociationIndices>{}
                                  : allDims(resultType.getRank()));
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// Squeeze and ExpandDims only remove or add dimensions of size 1; their
/// result types (static by now) say which.
template <typename OpTy>
struct UnitDimReshapeLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(
        op, reshapeUnitDims(rewriter, op.getLoc(), adaptor.getInput(),
                            cast<RankedTensorType>(op.getType())));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pad, ConcatV2, Pack: inputs written into a new tensor
//===----------------------------------------------------------------------===//

/// `values` (none empty) joined along `axis` into a tensor of `resultType`.
Value buildConcat(OpBuilder &b, Location loc, ArrayRef<Value> values,
                  int64_t axis, RankedTensorType resultType) {
  if (values.empty())
    return buildEmpty(b, loc, resultType);
  if (values.size() == 1)
    return values.front();
  return tensor::ConcatOp::create(b, loc, resultType, axis, values);
}

struct PadLowering : OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<SmallVector<int64_t>> paddings =
        requireConstantInts(op, adaptor.getPaddings(), "paddings");
    if (failed(paddings))
      return failure();
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    Value value = adaptor.getConstantValues()
                      ? tensor::ExtractOp::create(rewriter, loc,
                                                  adaptor.getConstantValues(),
                                                  ValueRange{})
                            .getResult()
                      : buildZero(rewriter, loc, resultType.getElementType());
    // Fill, then copy the input in: every element is written by exactly one
    // of the two except the input's, and both bufferize in place.
    Value filled = linalg::FillOp::create(rewriter, loc, value,
                                          buildEmpty(rewriter, loc, resultType))
                       .getResult(0);
    SmallVector<int64_t> offsets;
    for (int64_t dim = 0; dim < inputType.getRank(); ++dim)
      offsets.push_back((*paddings)[2 * dim]);
    SmallVector<int64_t> strides(inputType.getRank(), 1);
    rewriter.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, adaptor.getInput(), filled, indexAttrs(rewriter, offsets),
        indexAttrs(rewriter, inputType.getShape()),
        indexAttrs(rewriter, strides));
    return success();
  }
};

struct ConcatV2Lowering : OpConversionPattern<ConcatV2Op> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ConcatV2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<SmallVector<int64_t>> axisValues =
        requireConstantInts(op, adaptor.getAxis(), "axis");
    if (failed(axisValues))
      return failure();
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = resultType.getRank();
    int64_t axis = axisValues->front() < 0 ? axisValues->front() + rank
                                           : axisValues->front();
    // One tensor.concat, not a chain of insert_slices: one-shot
    // bufferization's analysis grows faster than quadratically with the
    // length of such a chain (200 inputs took 25 s).
    SmallVector<Value> values;
    for (Value value : adaptor.getValues())
      if (cast<RankedTensorType>(value.getType()).getNumElements() != 0)
        values.push_back(value);
    rewriter.replaceOp(
        op, buildConcat(rewriter, op.getLoc(), values, axis, resultType));
    return success();
  }
};

struct PackLowering : OpConversionPattern<PackOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(PackOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = resultType.getRank();
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += rank;
    // Each value gains a unit dimension at `axis`; then one concat.
    SmallVector<int64_t> unitShape(resultType.getShape());
    unitShape[axis] = 1;
    auto unitType =
        RankedTensorType::get(unitShape, resultType.getElementType());
    SmallVector<Value> values;
    if (resultType.getNumElements() != 0)
      for (Value value : adaptor.getValues())
        values.push_back(
            reshapeUnitDims(rewriter, op.getLoc(), value, unitType));
    rewriter.replaceOp(
        op, buildConcat(rewriter, op.getLoc(), values, axis, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Transpose, Slice, StridedSlice
//===----------------------------------------------------------------------===//

struct TransposeLowering : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<SmallVector<int64_t>> perm =
        requireConstantInts(op, adaptor.getPerm(), "perm");
    if (failed(perm))
      return failure();
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = resultType.getRank();
    for (int64_t &dim : *perm)
      if (dim < 0)
        dim += rank;
    Location loc = op.getLoc();
    if (llvm::equal(*perm, llvm::seq<int64_t>(0, rank))) {
      rewriter.replaceOp(op, adaptor.getX());
      return success();
    }
    auto transpose = linalg::TransposeOp::create(
        rewriter, loc, adaptor.getX(), buildEmpty(rewriter, loc, resultType),
        *perm);
    rewriter.replaceOp(op, transpose->getResult(0));
    return success();
  }
};

/// The size operand is already in the (static) result type. begin may be
/// computed at run time (the size known, as in tf.slice(x, begin, [2, 3]));
/// TensorFlow rejects an out-of-range begin then, and here it is clamped so
/// that the slice stays inside the input.
struct SliceLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t rank = resultType.getRank();
    SmallVector<OpFoldResult> offsets;
    DenseIntElementsAttr constant;
    if (matchPattern(adaptor.getBegin(), m_Constant(&constant))) {
      for (const APInt &value : constant.getValues<APInt>())
        offsets.push_back(rewriter.getIndexAttr(value.getSExtValue()));
    } else {
      Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
      for (int64_t dim = 0; dim < rank; ++dim) {
        Value position =
            dim == 0 ? zero
                     : arith::ConstantIndexOp::create(rewriter, loc, dim);
        Value value = tensor::ExtractOp::create(rewriter, loc,
                                                adaptor.getBegin(), position);
        Value offset = arith::IndexCastOp::create(
            rewriter, loc, rewriter.getIndexType(), value);
        int64_t last = inputType.getDimSize(dim) - resultType.getDimSize(dim);
        offset = arith::MaxSIOp::create(rewriter, loc, offset, zero);
        offset = arith::MinSIOp::create(
            rewriter, loc, offset,
            arith::ConstantIndexOp::create(rewriter, loc, last));
        offsets.push_back(offset);
      }
    }
    SmallVector<int64_t> strides(rank, 1);
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, resultType, adaptor.getInput(), offsets,
        indexAttrs(rewriter, resultType.getShape()),
        indexAttrs(rewriter, strides));
    return success();
  }
};

struct StridedSliceLowering : OpConversionPattern<StridedSliceOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(StridedSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(requireConstantInts(op, adaptor.getBegin(), "begin")) ||
        failed(requireConstantInts(op, adaptor.getEnd(), "end")) ||
        failed(requireConstantInts(op, adaptor.getStrides(), "strides")))
      return failure();
    SmallVector<StridedSliceOp::DimSlice> slices;
    SmallVector<int64_t> resultShape;
    if (failed(op.getConstantSlices(slices, resultShape)))
      return op.emitError("cannot compute this slice at compile time");
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value input = adaptor.getInput();
    Type elementType = resultType.getElementType();
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, buildEmpty(rewriter, loc, resultType));
      return success();
    }

    // First a view of every input dimension's elements in increasing order,
    // of the input's rank: a backward dimension starts at its lowest
    // element. A dimension of one element gets stride 1, which reads the
    // same element: a unit dimension with another stride makes the strided
    // memref layouts that bufferization infers ambiguous (it crashed in
    // SubViewOp::getDroppedDims). Shrunk dimensions and new axes are left
    // to an explicit reshape below rather than a rank-reducing slice, which
    // would have to guess which unit dimensions it drops.
    SmallVector<int64_t> offsets, sizes, strides;
    SmallVector<bool> backward;
    for (const auto &slice : slices) {
      offsets.push_back(slice.stride < 0
                            ? slice.begin + (slice.size - 1) * slice.stride
                            : slice.begin);
      sizes.push_back(slice.size);
      strides.push_back(slice.size == 1 ? 1 : std::abs(slice.stride));
      backward.push_back(slice.size > 1 && slice.stride < 0);
    }
    auto inputType = cast<RankedTensorType>(input.getType());
    auto boxType = RankedTensorType::get(sizes, elementType);
    Value kept = input;
    // A view of the input's shape is all of it, in order.
    if (boxType != inputType)
      kept = tensor::ExtractSliceOp::create(
          rewriter, loc, boxType, input, indexAttrs(rewriter, offsets),
          indexAttrs(rewriter, sizes), indexAttrs(rewriter, strides));

    if (llvm::is_contained(backward, true)) {
      // Negative strides walk backward, which no view can express: a copy
      // that reverses those dimensions of the view. Input and output have
      // the same shape, so the loop bounds that linalg infers from either
      // agree.
      SmallVector<AffineExpr> exprs;
      for (auto [dim, size] : llvm::enumerate(sizes)) {
        AffineExpr index = rewriter.getAffineDimExpr(dim);
        exprs.push_back(backward[dim] ? size - 1 - index : index);
      }
      auto map =
          AffineMap::get(boxType.getRank(), 0, exprs, rewriter.getContext());
      kept = buildElementwise(
          rewriter, loc, boxType, kept, map,
          [](OpBuilder &, Location, ValueRange args) { return args[0]; });
    }
    rewriter.replaceOp(op, reshapeUnitDims(rewriter, loc, kept, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Shape, Cast
//===----------------------------------------------------------------------===//

/// Shape folds away whenever its input's shape is static, which lowering
/// requires anyway; this covers graphs that were not folded first.
struct ShapeLowering : OpConversionPattern<ShapeOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ShapeOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto inputType = cast<RankedTensorType>(op.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    unsigned width = resultType.getElementType().getIntOrFloatBitWidth();
    SmallVector<APInt> dims;
    for (int64_t size : inputType.getShape())
      dims.push_back(APInt(width, size, /*isSigned=*/true));
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(
        op, DenseElementsAttr::get(resultType, dims));
    return success();
  }
};

/// Converts a scalar between signless types `from` and `to` as TensorFlow's
/// Cast does; `fromUnsigned` says whether `from` holds uint8 bits.
Value castScalar(OpBuilder &b, Location loc, Value value, Type from, Type to,
                 bool fromUnsigned) {
  if (from == to)
    return value;
  bool fromFloat = isa<FloatType>(from), toFloat = isa<FloatType>(to);
  if (to.isInteger(1)) {
    // Anything but zero is true (NaN too: it is not equal to zero).
    if (fromFloat)
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, value,
                                   buildScalar(b, loc, from, 0));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, value,
                                 buildScalar(b, loc, from, 0));
  }
  if (from.isInteger(1))
    fromUnsigned = true; // true is 1, not -1
  if (fromFloat && toFloat) {
    if (to.getIntOrFloatBitWidth() > from.getIntOrFloatBitWidth())
      return arith::ExtFOp::create(b, loc, to, value);
    return arith::TruncFOp::create(b, loc, to, value);
  }
  if (fromFloat) {
    // C++ static_cast, as TensorFlow's kernel does: truncation toward zero;
    // narrow types go through int32, so out-of-range values wrap as they
    // do on x86 rather than being poison.
    unsigned width = to.getIntOrFloatBitWidth();
    if (width >= 32)
      return arith::FPToSIOp::create(b, loc, to, value);
    Value wide = arith::FPToSIOp::create(b, loc, b.getI32Type(), value);
    return arith::TruncIOp::create(b, loc, to, wide);
  }
  if (toFloat) {
    if (fromUnsigned)
      return arith::UIToFPOp::create(b, loc, to, value);
    return arith::SIToFPOp::create(b, loc, to, value);
  }
  unsigned fromWidth = from.getIntOrFloatBitWidth();
  unsigned toWidth = to.getIntOrFloatBitWidth();
  if (toWidth > fromWidth) {
    if (fromUnsigned)
      return arith::ExtUIOp::create(b, loc, to, value);
    return arith::ExtSIOp::create(b, loc, to, value);
  }
  if (toWidth < fromWidth)
    return arith::TruncIOp::create(b, loc, to, value);
  return value;
}

/// The signless type arith works on for `type` (uint8 -> i8).
Type signlessOf(Type type) {
  if (type.isUnsignedInteger())
    return IntegerType::get(type.getContext(), type.getIntOrFloatBitWidth());
  return type;
}

struct CastLowering : OpConversionPattern<CastOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(CastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value input = adaptor.getX();
    auto resultType = cast<RankedTensorType>(op.getType());
    if (input.getType() == resultType) {
      rewriter.replaceOp(op, input);
      return success();
    }
    Type from = cast<RankedTensorType>(input.getType()).getElementType();
    Type to = resultType.getElementType();
    AffineMap identity = rewriter.getMultiDimIdentityMap(resultType.getRank());
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, input, identity,
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          // arith takes only signless integers: uint8 crosses over with a
          // cast that the LLVM conversion folds away (both are i8 there).
          Value value = args[0];
          if (signlessOf(from) != from)
            value = UnrealizedConversionCastOp::create(b, loc, signlessOf(from),
                                                       value)
                        .getResult(0);
          value = castScalar(b, loc, value, signlessOf(from), signlessOf(to),
                             from.isUnsignedInteger());
          if (signlessOf(to) != to)
            value = UnrealizedConversionCastOp::create(b, loc, to, value)
                        .getResult(0);
          return value;
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// MirrorPad: a loop over the output; along each padded axis the index
/// i - low is reflected back into [0, n): REFLECT maps -1 to 1 and n to
/// n - 2, SYMMETRIC maps -1 to 0 and n to n - 1.
struct MirrorPadLowering : OpConversionPattern<MirrorPadOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(MirrorPadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<SmallVector<int64_t>> paddings =
        requireConstantInts(op, adaptor.getPaddings(), "paddings");
    if (failed(paddings))
      return failure();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, buildEmpty(rewriter, op.getLoc(), resultType));
      return success();
    }
    bool reflect = op.getMode() == MirrorPadMode::Reflect;
    Location loc = op.getLoc();
    Value init = buildEmpty(rewriter, loc, resultType);
    int64_t rank = resultType.getRank();
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(rank, op.getContext())};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, resultType, ValueRange{}, init, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange) {
          SmallVector<Value> position;
          for (int64_t dim = 0; dim < rank; ++dim) {
            Value index = linalg::IndexOp::create(b, l, dim);
            int64_t low = (*paddings)[2 * dim];
            int64_t size = inputType.getDimSize(dim);
            if (low == 0 && (*paddings)[2 * dim + 1] == 0) {
              position.push_back(index);
              continue;
            }
            auto constant = [&](int64_t v) -> Value {
              return arith::ConstantIndexOp::create(b, l, v);
            };
            // i = index - low; below 0: -i (REFLECT) or -i - 1; at n or
            // above: 2n - 2 - i (REFLECT) or 2n - 1 - i.
            Value i = arith::SubIOp::create(b, l, index, constant(low));
            Value below =
                arith::SubIOp::create(b, l, constant(reflect ? 0 : -1), i);
            Value above = arith::SubIOp::create(
                b, l, constant(2 * size - (reflect ? 2 : 1)), i);
            Value isBelow = arith::CmpIOp::create(
                b, l, arith::CmpIPredicate::slt, i, constant(0));
            Value isAbove = arith::CmpIOp::create(
                b, l, arith::CmpIPredicate::sge, i, constant(size));
            Value mirrored = arith::SelectOp::create(b, l, isAbove, above, i);
            position.push_back(
                arith::SelectOp::create(b, l, isBelow, below, mirrored));
          }
          Value element = tensor::ExtractOp::create(b, l, input, position);
          linalg::YieldOp::create(b, l, element);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// BroadcastTo, Tile, Gather
//===----------------------------------------------------------------------===//

/// The result type holds the (constant) shape; numpy broadcasting does the
/// rest.
struct BroadcastToLowering : OpConversionPattern<BroadcastToOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(BroadcastToOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    rewriter.replaceOp(
        op,
        buildBroadcastingElementwise(
            rewriter, op.getLoc(), resultType, adaptor.getInput(),
            [](OpBuilder &, Location, ValueRange args) { return args[0]; }));
    return success();
  }
};

/// Output element i reads input element i mod n along each axis of size n.
struct TileLowering : OpConversionPattern<TileOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(TileOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, buildEmpty(rewriter, op.getLoc(), resultType));
      return success();
    }
    MLIRContext *context = op.getContext();
    SmallVector<AffineExpr> exprs;
    for (int64_t dim = 0; dim < inputType.getRank(); ++dim) {
      int64_t size = inputType.getDimSize(dim);
      AffineExpr index = getAffineDimExpr(dim, context);
      exprs.push_back(size == resultType.getDimSize(dim) ? index
                      : size == 1 ? getAffineConstantExpr(0, context)
                                  : index % size);
    }
    AffineMap map = AffineMap::get(resultType.getRank(), 0, exprs, context);
    rewriter.replaceOp(
        op,
        buildElementwise(
            rewriter, op.getLoc(), resultType, adaptor.getInput(), map,
            [](OpBuilder &, Location, ValueRange args) { return args[0]; }));
    return success();
  }
};

/// A loop over the output that reads each index (clamped into the axis)
/// and extracts the params element it names.
struct GatherLowering : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value params = adaptor.getParams();
    auto paramsType = cast<RankedTensorType>(params.getType());
    auto indicesType = cast<RankedTensorType>(adaptor.getIndices().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    // I64Attr reads back as uint64_t.
    int64_t axis = static_cast<int64_t>(op.getAxis());
    if (axis < 0)
      axis += paramsType.getRank();
    int64_t indexRank = indicesType.getRank();
    int64_t axisSize = paramsType.getDimSize(axis);
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, buildEmpty(rewriter, op.getLoc(), resultType));
      return success();
    }
    if (axisSize == 0)
      return op.emitError("gathers from an empty axis");
    MLIRContext *context = op.getContext();
    SmallVector<AffineExpr> indexExprs;
    for (int64_t dim = 0; dim < indexRank; ++dim)
      indexExprs.push_back(getAffineDimExpr(axis + dim, context));
    AffineMap indexMap =
        AffineMap::get(resultType.getRank(), 0, indexExprs, context);
    Value result = buildElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getIndices(), indexMap,
        [&](OpBuilder &b, Location loc, ValueRange args) -> Value {
          Value index =
              arith::IndexCastOp::create(b, loc, b.getIndexType(), args[0]);
          index = arith::MaxSIOp::create(
              b, loc, index, arith::ConstantIndexOp::create(b, loc, 0));
          index = arith::MinSIOp::create(
              b, loc, index,
              arith::ConstantIndexOp::create(b, loc, axisSize - 1));
          SmallVector<Value> position;
          for (int64_t dim = 0; dim < paramsType.getRank(); ++dim) {
            if (dim == axis)
              position.push_back(index);
            else
              position.push_back(linalg::IndexOp::create(
                  b, loc, dim < axis ? dim : dim + indexRank - 1));
          }
          return tensor::ExtractOp::create(b, loc, params, position);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// TopKV2
//===----------------------------------------------------------------------===//

/// Whether element (a, ai) comes before (b, bi) in TopKV2's order: larger
/// values first, NaN above every number, equal values by lower index. The
/// order is strict and total, so each pick is one distinct element.
Value comesBefore(OpBuilder &b, Location loc, Value a, Value ai, Value bValue,
                  Value bi) {
  Value greater, equal;
  if (isa<FloatType>(a.getType())) {
    auto compare = [&](arith::CmpFPredicate predicate, Value x, Value y) {
      return arith::CmpFOp::create(b, loc, predicate, x, y).getResult();
    };
    Value aNaN = compare(arith::CmpFPredicate::UNO, a, a);
    Value bNaN = compare(arith::CmpFPredicate::UNO, bValue, bValue);
    Value bNumber = compare(arith::CmpFPredicate::ORD, bValue, bValue);
    greater = arith::OrIOp::create(
        b, loc, compare(arith::CmpFPredicate::OGT, a, bValue),
        arith::AndIOp::create(b, loc, aNaN, bNumber));
    equal = arith::OrIOp::create(b, loc,
                                 compare(arith::CmpFPredicate::OEQ, a, bValue),
                                 arith::AndIOp::create(b, loc, aNaN, bNaN));
  } else {
    greater =
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, a, bValue);
    equal = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, a, bValue);
  }
  Value lowerIndex =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, ai, bi);
  return arith::OrIOp::create(b, loc, greater,
                              arith::AndIOp::create(b, loc, equal, lowerIndex));
}

/// TopKV2 picks the k elements of each row one after the other: pick j is
/// the first element, in the order above, of those after pick j - 1. An
/// scf.for over j carries pick j - 1 (at first a virtual element before all,
/// NaN or the largest integer at index -1); each step is one linalg
/// reduction over the rows, from a virtual element after all (-inf or the
/// smallest integer at index n), written into column j of the results. k
/// passes over the input, no sort; `sorted` changes nothing.
struct TopKV2Lowering : OpConversionPattern<TopKV2Op> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(TopKV2Op op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    FailureOr<SmallVector<int64_t>> k =
        requireConstantInts(op, adaptor.getK(), "k");
    if (failed(k))
      return failure();
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    auto valuesType = cast<RankedTensorType>(op.getValues().getType());
    auto indicesType = cast<RankedTensorType>(op.getIndices().getType());
    if (valuesType.getNumElements() == 0) {
      rewriter.replaceOp(op, {buildEmpty(rewriter, loc, valuesType),
                              buildEmpty(rewriter, loc, indicesType)});
      return success();
    }
    MLIRContext *context = op.getContext();
    int64_t rank = inputType.getRank(), last = rank - 1;
    Type elementType = inputType.getElementType();
    Type indexType = indicesType.getElementType();
    auto rowValuesType =
        RankedTensorType::get(inputType.getShape().drop_back(), elementType);
    auto rowIndicesType =
        RankedTensorType::get(inputType.getShape().drop_back(), indexType);
    auto constant = [&](TypedAttr value) -> Value {
      return arith::ConstantOp::create(rewriter, loc, value);
    };
    bool isFloat = isa<FloatType>(elementType);
    TypedAttr before =
        isFloat ? rewriter.getFloatAttr(
                      elementType,
                      APFloat::getNaN(
                          cast<FloatType>(elementType).getFloatSemantics()))
                : getHighestAttr(rewriter, elementType);
    Value lastPick = buildFilled(rewriter, loc, rowValuesType, before);
    Value lastIndex = buildFilled(rewriter, loc, rowIndicesType,
                                  rewriter.getIntegerAttr(indexType, -1));
    Value after = constant(getLowestAttr(rewriter, elementType));
    Value afterIndex = constant(
        rewriter.getIntegerAttr(indexType, inputType.getShape().back()));

    SmallVector<AffineExpr> rowExprs;
    for (int64_t dim = 0; dim < last; ++dim)
      rowExprs.push_back(getAffineDimExpr(dim, context));
    AffineMap rowMap = AffineMap::get(rank, 0, rowExprs, context);
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(rank, context), rowMap, rowMap,
        rowMap, rowMap};
    SmallVector<utils::IteratorType> iterators(rank,
                                               utils::IteratorType::parallel);
    iterators.back() = utils::IteratorType::reduction;

    Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
    Value count = arith::ConstantIndexOp::create(rewriter, loc, k->front());
    Value one = arith::ConstantIndexOp::create(rewriter, loc, 1);
    SmallVector<Value> init = {buildEmpty(rewriter, loc, valuesType),
                               buildEmpty(rewriter, loc, indicesType), lastPick,
                               lastIndex};
    auto loop = scf::ForOp::create(
        rewriter, loc, zero, count, one, init,
        [&](OpBuilder &b, Location l, Value j, ValueRange carried) {
          // Column j of the results holds the search's running best.
          Value best = linalg::FillOp::create(
                           b, l, after, extractAlong(b, l, carried[0], last, j))
                           .getResult(0);
          Value bestIndex =
              linalg::FillOp::create(b, l, afterIndex,
                                     extractAlong(b, l, carried[1], last, j))
                  .getResult(0);
          auto pick = linalg::GenericOp::create(
              b, l, TypeRange{rowValuesType, rowIndicesType},
              ValueRange{input, carried[2], carried[3]},
              ValueRange{best, bestIndex}, maps, iterators,
              [&](OpBuilder &nb, Location nl, ValueRange args) {
                Value value = args[0],
                      index = arith::IndexCastOp::create(
                          nb, nl, indexType,
                          linalg::IndexOp::create(nb, nl, last));
                Value take = arith::AndIOp::create(
                    nb, nl, comesBefore(nb, nl, args[1], args[2], value, index),
                    comesBefore(nb, nl, value, index, args[3], args[4]));
                linalg::YieldOp::create(
                    nb, nl,
                    ValueRange{
                        arith::SelectOp::create(nb, nl, take, value, args[3]),
                        arith::SelectOp::create(nb, nl, take, index, args[4])});
              });
          // The pick is both column j and the next step's last pick; the
          // step reads the last pick from its own tensors, which it writes
          // only after the search, so nothing is copied inside the loop.
          Value values =
              insertAlong(b, l, pick.getResult(0), carried[0], last, j);
          Value indices =
              insertAlong(b, l, pick.getResult(1), carried[1], last, j);
          Value nextPick =
              linalg::CopyOp::create(b, l, pick.getResult(0), carried[2])
                  .getResult(0);
          Value nextIndex =
              linalg::CopyOp::create(b, l, pick.getResult(1), carried[3])
                  .getResult(0);
          scf::YieldOp::create(
              b, l, ValueRange{values, indices, nextPick, nextIndex});
        });
    rewriter.replaceOp(op, {loop.getResult(0), loop.getResult(1)});
    return success();
  }
};

//===----------------------------------------------------------------------===//
// ResizeBilinear, ResizeNearestNeighbor
//===----------------------------------------------------------------------===//

/// Where the output pixels along one axis read from, computed at compile
/// time in float as TensorFlow's kernels do (image_resizer_state.h,
/// resize_bilinear_op.cc, resize_nearest_neighbor_op.cc), so that both pick
/// the same pixels and weights.
struct ResizeAxis {
  SmallVector<int32_t> lower; // the source pixel (bilinear: the one below)
  SmallVector<int32_t> upper; // bilinear: the one above
  SmallVector<float> lerp;    // bilinear: the weight of `upper`
};

/// TensorFlow's CalculateResizeScale.
float resizeScale(int64_t in, int64_t out, bool alignCorners) {
  return alignCorners && out > 1
             ? static_cast<float>(in - 1) / static_cast<float>(out - 1)
             : static_cast<float>(in) / static_cast<float>(out);
}

/// TensorFlow's compute_interpolation_weights: source x * scale (legacy) or
/// (x + 0.5) * scale - 0.5 (half-pixel centers), between its floor (at least
/// 0) and ceil (at most in - 1). One rounding per statement, as TensorFlow's
/// x86 build computes it (no fused multiply-add).
ResizeAxis bilinearAxis(int64_t in, int64_t out, bool alignCorners,
                        bool halfPixelCenters) {
  float scale = resizeScale(in, out, alignCorners);
  ResizeAxis axis;
  for (int64_t x = 0; x < out; ++x) {
    float source = static_cast<float>(x);
    if (halfPixelCenters) {
      source += 0.5f;
      source *= scale;
      source -= 0.5f;
    } else {
      source *= scale;
    }
    float below = std::floor(source);
    axis.lower.push_back(static_cast<int32_t>(
        std::max<int64_t>(static_cast<int64_t>(below), 0)));
    axis.upper.push_back(static_cast<int32_t>(
        std::min<int64_t>(static_cast<int64_t>(std::ceil(source)), in - 1)));
    axis.lerp.push_back(source - below);
  }
  return axis;
}

/// ResizeNearestNeighbor's source: floor(x * scale), round(x * scale) with
/// align_corners (halves away from zero, as roundf), floor((x + 0.5) *
/// scale) at least 0 with half-pixel centers; at most in - 1.
ResizeAxis nearestAxis(int64_t in, int64_t out, bool alignCorners,
                       bool halfPixelCenters) {
  float scale = resizeScale(in, out, alignCorners);
  ResizeAxis axis;
  for (int64_t x = 0; x < out; ++x) {
    float source = static_cast<float>(x);
    if (halfPixelCenters)
      source += 0.5f;
    source *= scale;
    int64_t pixel = static_cast<int64_t>(alignCorners ? std::round(source)
                                                      : std::floor(source));
    pixel = std::min(pixel, in - 1);
    if (halfPixelCenters)
      pixel = std::max<int64_t>(pixel, 0);
    axis.lower.push_back(static_cast<int32_t>(pixel));
  }
  return axis;
}

/// A 1-D constant holding `values` (a table the resize loops read).
template <typename T>
Value buildTable(OpBuilder &builder, Location loc, Type elementType,
                 ArrayRef<T> values) {
  auto type =
      RankedTensorType::get({static_cast<int64_t>(values.size())}, elementType);
  return arith::ConstantOp::create(builder, loc,
                                   DenseElementsAttr::get(type, values));
}

/// images[b, row, column, c] for the output element at (b, ..., c) of a
/// linalg body, row and column given as int32.
Value readPixel(OpBuilder &b, Location loc, Value images, Value row,
                Value column) {
  auto index = [&](Value value) -> Value {
    return arith::IndexCastOp::create(b, loc, b.getIndexType(), value);
  };
  return tensor::ExtractOp::create(
      b, loc, images,
      ValueRange{linalg::IndexOp::create(b, loc, 0), index(row), index(column),
                 linalg::IndexOp::create(b, loc, 3)});
}

/// A loop over the output that copies the source pixel, from two tables
/// (rows, columns) computed at compile time.
struct ResizeNearestNeighborLowering
    : OpConversionPattern<ResizeNearestNeighborOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ResizeNearestNeighborOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(requireConstantInts(op, adaptor.getSize(), "size")))
      return failure();
    Location loc = op.getLoc();
    Value images = adaptor.getImages();
    auto imagesType = cast<RankedTensorType>(images.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    if (resultType == imagesType) {
      rewriter.replaceOp(op, images);
      return success();
    }
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, buildEmpty(rewriter, loc, resultType));
      return success();
    }
    bool alignCorners = op.getAlignCorners();
    bool halfPixelCenters = op.getHalfPixelCenters();
    ResizeAxis rows =
        nearestAxis(imagesType.getDimSize(1), resultType.getDimSize(1),
                    alignCorners, halfPixelCenters);
    ResizeAxis columns =
        nearestAxis(imagesType.getDimSize(2), resultType.getDimSize(2),
                    alignCorners, halfPixelCenters);
    Type i32 = rewriter.getI32Type();
    SmallVector<Value> tables = {
        buildTable<int32_t>(rewriter, loc, i32, rows.lower),
        buildTable<int32_t>(rewriter, loc, i32, columns.lower)};
    SmallVector<AffineMap> maps = {
        AffineMap::get(4, 0, rewriter.getAffineDimExpr(1)),
        AffineMap::get(4, 0, rewriter.getAffineDimExpr(2))};
    Value result = buildElementwise(
        rewriter, loc, resultType, tables, maps,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          return readPixel(b, l, images, args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// A loop over the output that reads the four pixels around the source
/// (tables of rows, columns and weights computed at compile time), converts
/// them to float and interpolates in TensorFlow's order: along the row
/// first, top + (bottom - top) * weight last. An output of the input's
/// size is the input converted, as in TensorFlow (so infinities stay).
struct ResizeBilinearLowering : OpConversionPattern<ResizeBilinearOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(ResizeBilinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (failed(requireConstantInts(op, adaptor.getSize(), "size")))
      return failure();
    Location loc = op.getLoc();
    Value images = adaptor.getImages();
    auto imagesType = cast<RankedTensorType>(images.getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type from = imagesType.getElementType();
    Type f32 = resultType.getElementType();
    // uint8 crosses to i8 first, as in Cast.
    auto toFloat = [&](OpBuilder &b, Location l, Value value) -> Value {
      if (signlessOf(from) != from)
        value =
            UnrealizedConversionCastOp::create(b, l, signlessOf(from), value)
                .getResult(0);
      return castScalar(b, l, value, signlessOf(from), f32,
                        from.isUnsignedInteger());
    };
    if (resultType.getShape() == imagesType.getShape()) {
      Value converted =
          from == f32 ? images
                      : buildElementwise(
                            rewriter, loc, resultType, images,
                            rewriter.getMultiDimIdentityMap(4),
                            [&](OpBuilder &b, Location l, ValueRange args) {
                              return toFloat(b, l, args[0]);
                            });
      rewriter.replaceOp(op, converted);
      return success();
    }
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, buildEmpty(rewriter, loc, resultType));
      return success();
    }
    bool alignCorners = op.getAlignCorners();
    bool halfPixelCenters = op.getHalfPixelCenters();
    ResizeAxis rows =
        bilinearAxis(imagesType.getDimSize(1), resultType.getDimSize(1),
                     alignCorners, halfPixelCenters);
    ResizeAxis columns =
        bilinearAxis(imagesType.getDimSize(2), resultType.getDimSize(2),
                     alignCorners, halfPixelCenters);
    Type i32 = rewriter.getI32Type();
    SmallVector<Value> tables;
    for (const ResizeAxis &axis : {rows, columns}) {
      tables.push_back(buildTable<int32_t>(rewriter, loc, i32, axis.lower));
      tables.push_back(buildTable<int32_t>(rewriter, loc, i32, axis.upper));
      tables.push_back(buildTable<float>(rewriter, loc, f32, axis.lerp));
    }
    AffineMap byRow = AffineMap::get(4, 0, rewriter.getAffineDimExpr(1));
    AffineMap byColumn = AffineMap::get(4, 0, rewriter.getAffineDimExpr(2));
    SmallVector<AffineMap> maps = {byRow,    byRow,    byRow,
                                   byColumn, byColumn, byColumn};
    Value result = buildElementwise(
        rewriter, loc, resultType, tables, maps,
        [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value top = args[0], bottom = args[1], rowWeight = args[2];
          Value left = args[3], right = args[4], columnWeight = args[5];
          auto read = [&](Value row, Value column) {
            return toFloat(b, l, readPixel(b, l, images, row, column));
          };
          // a + (c - a) * weight, each operation rounded on its own.
          auto lerp = [&](Value a, Value c, Value weight) -> Value {
            Value difference = arith::SubFOp::create(b, l, c, a);
            Value step = arith::MulFOp::create(b, l, difference, weight);
            return arith::AddFOp::create(b, l, a, step);
          };
          Value upper = lerp(read(top, left), read(top, right), columnWeight);
          Value lower =
              lerp(read(bottom, left), read(bottom, right), columnWeight);
          return lerp(upper, lower, rowWeight);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// SpaceToBatchND, BatchToSpaceND: reshapes around one transpose
//===----------------------------------------------------------------------===//

/// [B, S1 * b1, ..., SM * bM, rest] <-> [B, S1, b1, ..., SM, bM, rest]:
/// each spatial dimension splits into (size / block, block).
SmallVector<ReassociationIndices> splitSpatialDims(int64_t m, int64_t rank) {
  SmallVector<ReassociationIndices> groups = {{0}};
  for (int64_t i = 0; i < m; ++i)
    groups.push_back({1 + 2 * i, 2 + 2 * i});
  for (int64_t d = 1 + 2 * m; d < rank + m; ++d)
    groups.push_back({d});
  return groups;
}

/// [b1 * ... * bM * B, rest...] <-> [b1, ..., bM, B, rest...].
SmallVector<ReassociationIndices> splitBatchDim(int64_t m, int64_t rank) {
  SmallVector<ReassociationIndices> groups(1);
  for (int64_t i = 0; i <= m; ++i)
    groups[0].push_back(i);
  for (int64_t d = m + 1; d < rank + m; ++d)
    groups.push_back({d});
  return groups;
}

Value transposed(OpBuilder &b, Location loc, Value value,
                 ArrayRef<int64_t> perm) {
  auto type = cast<RankedTensorType>(value.getType());
  SmallVector<int64_t> shape;
  for (int64_t d : perm)
    shape.push_back(type.getDimSize(d));
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  return linalg::TransposeOp::create(b, loc, value,
                                     buildEmpty(b, loc, resultType), perm)
      ->getResult(0);
}

/// block_shape and paddings (or crops), which must be constants by now.
LogicalResult requireBlocks(Operation *op, Value blockShape, Value pads,
                            StringRef padsName, SmallVector<int64_t> &blocks,
                            SmallVector<int64_t> &padValues) {
  FailureOr<SmallVector<int64_t>> blockValues =
      requireConstantInts(op, blockShape, "block_shape");
  if (failed(blockValues))
    return failure();
  FailureOr<SmallVector<int64_t>> values =
      requireConstantInts(op, pads, padsName);
  if (failed(values))
    return failure();
  blocks = *blockValues;
  padValues = *values;
  return success();
}

struct SpaceToBatchNDLowering : OpConversionPattern<SpaceToBatchNDOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SpaceToBatchNDOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<int64_t> blocks, pads;
    if (failed(requireBlocks(op, adaptor.getBlockShape(), adaptor.getPaddings(),
                             "paddings", blocks, pads)))
      return failure();
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    Type elementType = inputType.getElementType();
    int64_t rank = inputType.getRank(), m = blocks.size();
    SmallVector<int64_t> low(rank, 0), high(rank, 0);
    for (int64_t i = 0; i < m; ++i) {
      low[i + 1] = pads[2 * i];
      high[i + 1] = pads[2 * i + 1];
    }
    Value padded = buildPadded(rewriter, loc, adaptor.getInput(), low, high,
                               rewriter.getZeroAttr(elementType));
    // [B, P1 / b1, b1, ..., PM / bM, bM, rest].
    auto paddedType = cast<RankedTensorType>(padded.getType());
    SmallVector<int64_t> split = {paddedType.getDimSize(0)};
    for (int64_t i = 0; i < m; ++i) {
      split.push_back(paddedType.getDimSize(i + 1) / blocks[i]);
      split.push_back(blocks[i]);
    }
    for (int64_t d = m + 1; d < rank; ++d)
      split.push_back(paddedType.getDimSize(d));
    Value expanded = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get(split, elementType), padded,
        splitSpatialDims(m, rank));
    // [b1, ..., bM, B, P1 / b1, ..., PM / bM, rest].
    SmallVector<int64_t> perm;
    for (int64_t i = 0; i < m; ++i)
      perm.push_back(2 + 2 * i);
    perm.push_back(0);
    for (int64_t i = 0; i < m; ++i)
      perm.push_back(1 + 2 * i);
    for (int64_t d = 2 * m + 1; d < rank + m; ++d)
      perm.push_back(d);
    Value moved = transposed(rewriter, loc, expanded, perm);
    rewriter.replaceOpWithNewOp<tensor::CollapseShapeOp>(
        op, cast<RankedTensorType>(op.getType()), moved,
        splitBatchDim(m, rank));
    return success();
  }
};

struct BatchToSpaceNDLowering : OpConversionPattern<BatchToSpaceNDOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(BatchToSpaceNDOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<int64_t> blocks, crops;
    if (failed(requireBlocks(op, adaptor.getBlockShape(), adaptor.getCrops(),
                             "crops", blocks, crops)))
      return failure();
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = inputType.getElementType();
    int64_t rank = inputType.getRank(), m = blocks.size();
    int64_t blockCount = 1;
    for (int64_t block : blocks)
      blockCount *= block;
    // [b1, ..., bM, B, S1, ..., SM, rest].
    SmallVector<int64_t> split(blocks);
    split.push_back(inputType.getDimSize(0) / blockCount);
    for (int64_t d = 1; d < rank; ++d)
      split.push_back(inputType.getDimSize(d));
    Value expanded = tensor::ExpandShapeOp::create(
        rewriter, loc, RankedTensorType::get(split, elementType),
        adaptor.getInput(), splitBatchDim(m, rank));
    // [B, S1, b1, ..., SM, bM, rest].
    SmallVector<int64_t> perm = {m};
    for (int64_t i = 0; i < m; ++i) {
      perm.push_back(m + 1 + i);
      perm.push_back(i);
    }
    for (int64_t d = 2 * m + 1; d < rank + m; ++d)
      perm.push_back(d);
    Value moved = transposed(rewriter, loc, expanded, perm);
    SmallVector<int64_t> merged = {split[m]};
    for (int64_t i = 0; i < m; ++i)
      merged.push_back(inputType.getDimSize(i + 1) * blocks[i]);
    for (int64_t d = m + 1; d < rank; ++d)
      merged.push_back(inputType.getDimSize(d));
    Value collapsed = tensor::CollapseShapeOp::create(
        rewriter, loc, RankedTensorType::get(merged, elementType), moved,
        splitSpatialDims(m, rank));
    SmallVector<int64_t> offsets(rank, 0), strides(rank, 1);
    for (int64_t i = 0; i < m; ++i)
      offsets[i + 1] = crops[2 * i];
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, resultType, collapsed, indexAttrs(rewriter, offsets),
        indexAttrs(rewriter, resultType.getShape()),
        indexAttrs(rewriter, strides));
    return success();
  }
};

} // namespace

void mlir::tfc::populateDataMovementPatterns(TypeConverter &converter,
                                             RewritePatternSet &patterns) {
  patterns
      .add<ConstLowering, IdentityLowering, NoOpLowering, ReshapeLowering,
           UnitDimReshapeLowering<SqueezeOp>,
           UnitDimReshapeLowering<ExpandDimsOp>, PadLowering, ConcatV2Lowering,
           PackLowering, TransposeLowering, SliceLowering, StridedSliceLowering,
           ShapeLowering, CastLowering, BroadcastToLowering, TileLowering,
           GatherLowering, SpaceToBatchNDLowering, BatchToSpaceNDLowering,
           MirrorPadLowering, TopKV2Lowering, ResizeNearestNeighborLowering,
           ResizeBilinearLowering>(converter, patterns.getContext());
}
