//===- Reduction.cpp - Mean, Sum, Max, ..., ArgMax, Cumsum to linalg ------===//
//
// A reduction is one linalg.generic with reduction iterators over the
// reduced axes, writing a tensor without them; keep_dims then expands the
// size-1 axes back (a view). Mean divides by the reduced element count
// (integer division for integers, as TensorFlow does). Float32 Sum and
// Mean add with Kahan's compensation (buildCompensatedSum). Cumsum, a
// scan, is an scf.for along its axis around an element-wise linalg.generic.
//
//===----------------------------------------------------------------------===//

#include "compiler/Conversion/TFCToLinalg/Patterns.h"
#include "compiler/Conversion/TFCToLinalg/Utils.h"
#include "dialects/TFC/IR/TFCOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::tfc;

namespace {

/// Maps and iterators of a reduction of a rank-`rank` input over `reduced`.
struct ReductionShape {
  SmallVector<AffineMap> maps; // input, output
  SmallVector<utils::IteratorType> iterators;
  SmallVector<int64_t> outputShape;
  int64_t reducedCount = 1;
};

ReductionShape describeReduction(RankedTensorType input,
                                 ArrayRef<int64_t> reduced,
                                 MLIRContext *context) {
  ReductionShape shape;
  int64_t rank = input.getRank();
  SmallVector<AffineExpr> outputExprs;
  for (int64_t axis = 0; axis < rank; ++axis) {
    if (llvm::is_contained(reduced, axis)) {
      shape.iterators.push_back(utils::IteratorType::reduction);
      shape.reducedCount *= input.getDimSize(axis);
    } else {
      shape.iterators.push_back(utils::IteratorType::parallel);
      outputExprs.push_back(getAffineDimExpr(axis, context));
      shape.outputShape.push_back(input.getDimSize(axis));
    }
  }
  shape.maps = {AffineMap::getMultiDimIdentityMap(rank, context),
                AffineMap::get(rank, 0, outputExprs, context)};
  return shape;
}

/// Expands `value` (reduced axes dropped) to `resultType` when keep_dims.
Value restoreKeptDims(OpBuilder &builder, Location loc, Value value,
                      RankedTensorType resultType, int64_t inputRank,
                      ArrayRef<int64_t> reduced) {
  if (value.getType() == resultType)
    return value;
  return tensor::ExpandShapeOp::create(
      builder, loc, resultType, value,
      getKeepDimsReassociation(inputRank, reduced));
}

// Each reduction's identity and combining step.
TypedAttr identityOf(MeanOp, OpBuilder &b, Type type) {
  return b.getZeroAttr(type);
}
TypedAttr identityOf(SumOp, OpBuilder &b, Type type) {
  return b.getZeroAttr(type);
}
TypedAttr identityOf(MaxOp, OpBuilder &b, Type type) {
  return getLowestAttr(b, type);
}
TypedAttr identityOf(MinOp, OpBuilder &b, Type type) {
  return getHighestAttr(b, type);
}
TypedAttr identityOf(ProdOp, OpBuilder &b, Type type) {
  return isa<FloatType>(type) ? TypedAttr(b.getFloatAttr(type, 1.0))
                              : TypedAttr(b.getIntegerAttr(type, 1));
}
TypedAttr identityOf(AllOp, OpBuilder &b, Type) { return b.getBoolAttr(true); }
TypedAttr identityOf(AnyOp, OpBuilder &b, Type) { return b.getBoolAttr(false); }

Value add(OpBuilder &b, Location l, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::AddFOp::create(b, l, x, y);
  return arith::AddIOp::create(b, l, x, y);
}
Value combine(MeanOp, OpBuilder &b, Location l, Value x, Value y) {
  return add(b, l, x, y);
}
Value combine(SumOp, OpBuilder &b, Location l, Value x, Value y) {
  return add(b, l, x, y);
}
/// Max and Min propagate NaN, as TensorFlow does.
Value combine(MaxOp, OpBuilder &b, Location l, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::MaximumFOp::create(b, l, x, y);
  return arith::MaxSIOp::create(b, l, x, y);
}
Value combine(MinOp, OpBuilder &b, Location l, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::MinimumFOp::create(b, l, x, y);
  return arith::MinSIOp::create(b, l, x, y);
}
Value combine(ProdOp, OpBuilder &b, Location l, Value x, Value y) {
  if (isa<FloatType>(x.getType()))
    return arith::MulFOp::create(b, l, x, y);
  return arith::MulIOp::create(b, l, x, y);
}
Value combine(AllOp, OpBuilder &b, Location l, Value x, Value y) {
  return arith::AndIOp::create(b, l, x, y);
}
Value combine(AnyOp, OpBuilder &b, Location l, Value x, Value y) {
  return arith::OrIOp::create(b, l, x, y);
}

/// The float32 Sum of `input` over `shape`'s reduced axes with Kahan's
/// compensation: next to the running sum s, c keeps what the last addition
/// rounded away, and the next value is corrected by it. A plain float32
/// running sum loses about N * 6e-8 of the values' magnitude over N terms
/// (a Sum of 34560 values that cancel to -2.66 came out 6.5e-5 off a few
/// ops later, TensorFlow's tree of partial sums 2.7e-6); compensated, the
/// error no longer grows with N. Plain adds and subtracts (no multiply for
/// LLVM to contract into an FMA that would undo it), and in f32, not f64,
/// so that targets without double-precision hardware (Cortex-M) pay no
/// soft float.
Value buildCompensatedSum(OpBuilder &builder, Location loc, Value input,
                          const ReductionShape &shape) {
  Type f32 = builder.getF32Type();
  auto sumsType = RankedTensorType::get(shape.outputShape, f32);
  Value zero = buildFilled(builder, loc, sumsType, builder.getZeroAttr(f32));
  SmallVector<AffineMap> maps = {shape.maps[0], shape.maps[1], shape.maps[1]};
  auto sums = linalg::GenericOp::create(
      builder, loc, TypeRange{sumsType, sumsType}, input,
      ValueRange{zero, zero}, maps, shape.iterators,
      [&](OpBuilder &b, Location l, ValueRange args) {
        Value x = args[0], sum = args[1], lost = args[2];
        Value corrected = arith::SubFOp::create(b, l, x, lost);
        Value next = arith::AddFOp::create(b, l, sum, corrected);
        Value added = arith::SubFOp::create(b, l, next, sum);
        linalg::YieldOp::create(
            b, l,
            ValueRange{next, arith::SubFOp::create(b, l, added, corrected)});
      });
  return sums.getResult(0);
}

template <typename OpTy> struct ReductionLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = inputType.getElementType();
    FailureOr<SmallVector<int64_t>> reduced =
        getReductionAxes(op.getReductionIndices(), inputType.getRank());
    if (failed(reduced))
      return op.emitError("reduction_indices must be a compile-time "
                          "constant");
    ReductionShape shape =
        describeReduction(inputType, *reduced, op.getContext());
    auto reducedType = RankedTensorType::get(shape.outputShape, elementType);
    bool isFloat = isa<FloatType>(elementType);
    constexpr bool isSum =
        std::is_same_v<OpTy, SumOp> || std::is_same_v<OpTy, MeanOp>;
    Value result;
    if (isSum && elementType.isF32()) {
      result = buildCompensatedSum(rewriter, loc, adaptor.getInput(), shape);
    } else {
      Value init = buildFilled(rewriter, loc, reducedType,
                               identityOf(op, rewriter, elementType));
      result = linalg::GenericOp::create(
                   rewriter, loc, reducedType, adaptor.getInput(), init,
                   shape.maps, shape.iterators,
                   [&](OpBuilder &b, Location l, ValueRange args) {
                     linalg::YieldOp::create(
                         b, l, combine(op, b, l, args[0], args[1]));
                   })
                   .getResult(0);
    }
    if constexpr (std::is_same_v<OpTy, MeanOp>) {
      int64_t rank = reducedType.getRank();
      AffineMap identity =
          AffineMap::getMultiDimIdentityMap(rank, op.getContext());
      double count = static_cast<double>(shape.reducedCount);
      result = buildElementwise(
          rewriter, loc, reducedType, result, identity,
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            Value divisor = buildScalar(b, l, elementType, count);
            if (isFloat)
              return arith::DivFOp::create(b, l, args[0], divisor);
            return arith::DivSIOp::create(b, l, args[0], divisor);
          });
    }
    rewriter.replaceOp(op, restoreKeptDims(rewriter, loc, result, resultType,
                                           inputType.getRank(), *reduced));
    return success();
  }
};

/// ArgMax (ArgMin) keeps a running (best, index) pair; a strictly greater
/// (smaller) value replaces it, so ties keep the first index.
template <typename OpTy>
struct ArgReductionLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  static constexpr bool isMin = std::is_same_v<OpTy, ArgMinOp>;

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto inputType = cast<RankedTensorType>(adaptor.getInput().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    Type elementType = inputType.getElementType();
    Type indexType = resultType.getElementType();
    FailureOr<SmallVector<int64_t>> reduced =
        getReductionAxes(op.getDimension(), inputType.getRank());
    if (failed(reduced) || reduced->size() != 1)
      return op.emitError("dimension must be a compile-time constant");
    int64_t axis = reduced->front();
    ReductionShape shape =
        describeReduction(inputType, *reduced, op.getContext());
    auto valuesType = RankedTensorType::get(shape.outputShape, elementType);
    Value maxInit = buildFilled(rewriter, loc, valuesType,
                                isMin ? getHighestAttr(rewriter, elementType)
                                      : getLowestAttr(rewriter, elementType));
    Value indexInit =
        buildFilled(rewriter, loc, resultType, rewriter.getZeroAttr(indexType));
    SmallVector<AffineMap> maps = {shape.maps[0], shape.maps[1], shape.maps[1]};
    bool isFloat = isa<FloatType>(elementType);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{valuesType, resultType}, adaptor.getInput(),
        ValueRange{maxInit, indexInit}, maps, shape.iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value value = args[0], best = args[1], bestIndex = args[2];
          Value index = linalg::IndexOp::create(b, l, axis);
          Value castIndex = arith::IndexCastOp::create(b, l, indexType, index);
          Value greater =
              isFloat ? arith::CmpFOp::create(b, l,
                                              isMin ? arith::CmpFPredicate::OLT
                                                    : arith::CmpFPredicate::OGT,
                                              value, best)
                            .getResult()
                      : arith::CmpIOp::create(b, l,
                                              isMin ? arith::CmpIPredicate::slt
                                                    : arith::CmpIPredicate::sgt,
                                              value, best)
                            .getResult();
          Value newBest = arith::SelectOp::create(b, l, greater, value, best);
          Value newIndex =
              arith::SelectOp::create(b, l, greater, castIndex, bestIndex);
          linalg::YieldOp::create(b, l, ValueRange{newBest, newIndex});
        });
    rewriter.replaceOp(op, generic.getResult(1));
    return success();
  }
};

/// Cumsum: a loop along the axis that carries the running sum, a slice of
/// the input's shape without the axis. Each step adds one input slice to it
/// and writes it into one slice of the result, before the addition when
/// exclusive, so the work is linear in the input and the sums accumulate
/// in TensorFlow's order. reverse walks the axis from its end.
struct CumsumLowering : OpConversionPattern<CumsumOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(CumsumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getX();
    auto type = cast<RankedTensorType>(x.getType());
    FailureOr<SmallVector<int64_t>> axes =
        getReductionAxes(op.getAxis(), type.getRank());
    if (failed(axes) || axes->size() != 1)
      return op.emitError("axis must be a compile-time constant");
    if (type.getNumElements() == 0) {
      rewriter.replaceOp(op, x);
      return success();
    }
    int64_t axis = axes->front();
    int64_t size = type.getDimSize(axis);
    Type elementType = type.getElementType();
    SmallVector<int64_t> sliceShape(type.getShape());
    sliceShape.erase(sliceShape.begin() + axis);
    auto sliceType = RankedTensorType::get(sliceShape, elementType);
    Value result =
        tensor::EmptyOp::create(rewriter, loc, type.getShape(), elementType);
    Value sum = buildFilled(rewriter, loc, sliceType,
                            rewriter.getZeroAttr(elementType));
    auto index = [&](OpBuilder &b, int64_t value) -> Value {
      return arith::ConstantIndexOp::create(b, loc, value);
    };
    bool exclusive = op.getExclusive(), reverse = op.getReverse();
    auto loop = scf::ForOp::create(
        rewriter, loc, index(rewriter, 0), index(rewriter, size),
        index(rewriter, 1), ValueRange{result, sum},
        [&](OpBuilder &b, Location l, Value step, ValueRange carried) {
          Value position =
              reverse ? arith::SubIOp::create(b, l, index(b, size - 1), step)
                            .getResult()
                      : step;
          Value slice = extractAlong(b, l, x, axis, position);
          Value out = carried[0], running = carried[1];
          // running + slice, written over running.
          auto accumulate = [&]() -> Value {
            AffineMap identity = b.getMultiDimIdentityMap(sliceType.getRank());
            SmallVector<utils::IteratorType> iterators(
                sliceType.getRank(), utils::IteratorType::parallel);
            return linalg::GenericOp::create(
                       b, l, sliceType, slice, running,
                       SmallVector<AffineMap>{identity, identity}, iterators,
                       [&](OpBuilder &nb, Location nl, ValueRange args) {
                         linalg::YieldOp::create(nb, nl,
                                                 add(nb, nl, args[1], args[0]));
                       })
                .getResult(0);
          };
          if (exclusive) {
            out = insertAlong(b, l, running, out, axis, position);
            running = accumulate();
          } else {
            running = accumulate();
            out = insertAlong(b, l, running, out, axis, position);
          }
          scf::YieldOp::create(b, l, ValueRange{out, running});
        });
    rewriter.replaceOp(op, loop.getResult(0));
    return success();
  }
};

} // namespace

void mlir::tfc::populateReductionPatterns(TypeConverter &converter,
                                          RewritePatternSet &patterns) {
  patterns.add<ReductionLowering<MeanOp>, ReductionLowering<SumOp>,
               ReductionLowering<MaxOp>, ReductionLowering<MinOp>,
               ReductionLowering<ProdOp>, ReductionLowering<AllOp>,
               ReductionLowering<AnyOp>, ArgReductionLowering<ArgMaxOp>,
               ArgReductionLowering<ArgMinOp>, CumsumLowering>(
      converter, patterns.getContext());
}
